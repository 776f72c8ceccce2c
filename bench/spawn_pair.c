/* Whole-process wall time of two commands, alternating: spawn_pair RUNS CMD_A... -- CMD_B...
 * Each run is timed from posix_spawn to waitpid (CLOCK_MONOTONIC), with stdout and stderr on
 * /dev/null. Prints "median_a_ms median_b_ms median_of_ratios" (a / b, pair by pair). A harness
 * in C adds less of its own time to both sides than one in a scripting language, which pulls
 * every ratio towards 1; bench/run.sh uses this one. Exits 1 if a run fails. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double run(char **argv)
{
    posix_spawn_file_actions_t fa;
    struct timespec t0, t1;
    pid_t pid;
    int status = 0;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        fprintf(stderr, "spawn_pair: cannot start %s\n", argv[0]);
        exit(1);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "spawn_pair: %s failed\n", argv[0]);
        exit(1);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    posix_spawn_file_actions_destroy(&fa);
    return (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, by_value);
    return n % 2 != 0 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    char **a, **b = NULL;
    double *ta, *tb, *ratio;
    long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            argv[i] = NULL; /* ends command a */
            b = argv + i + 1;
            break;
        }
    if (runs < 1 || argc < 3 || b == NULL || b[0] == NULL || argv[2] == NULL) {
        fprintf(stderr, "usage: spawn_pair RUNS CMD_A... -- CMD_B...\n");
        return 2;
    }
    a = argv + 2;
    ta = malloc((size_t)runs * sizeof *ta);
    tb = malloc((size_t)runs * sizeof *tb);
    ratio = malloc((size_t)runs * sizeof *ratio);
    if (ta == NULL || tb == NULL || ratio == NULL)
        return 1;
    for (long i = 0; i < runs; i++) {
        ta[i] = run(a);
        tb[i] = run(b);
        ratio[i] = ta[i] / tb[i];
    }
    printf("%.3f %.3f %.3f\n", median(ta, (size_t)runs), median(tb, (size_t)runs), median(ratio, (size_t)runs));
    free(ta);
    free(tb);
    free(ratio);
    return 0;
}
