/* The program's standard output (tools/tocex/out.c) against what stdio itself would have done.
 *
 * The promise (out.h): what is on file descriptor 1 whenever it can be observed - before a
 * message on stderr (cli_out_flush, as cli_error calls it), after a failed write is reported,
 * at the end - is what collecting the text in a 64 KB buffer and handing it to stdio's stdout
 * with fwrite would give, although out.c writes whole blocks to the descriptor directly while
 * stdio has no text. The reference is a stdio stream of its own (fopen, as fresh as stdout at
 * the start of the program) given the same text in one fwrite. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "testutil.h"

#include "out.h"

#define TEXT_MAX (512 * 1024)

static char expected[TEXT_MAX];
static size_t expected_len;
static int saved_stdout = -1;
static FILE *saved_stream;

/* fd 1 on `fd` and stdout a fresh stream on it, as at the start of the program (glibc lets
 * stdout be assigned); the output afresh. */
static void stdout_to_fd(int fd)
{
    FILE *fresh;
    fflush(stdout);
    saved_stdout = dup(STDOUT_FILENO);
    assert_true(saved_stdout >= 0);
    assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
    fresh = fdopen(STDOUT_FILENO, "w");
    assert_non_null(fresh);
    saved_stream = stdout;
    stdout = fresh;
    cli_out_stdout_reset();
    expected_len = 0;
}

static void stdout_to_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    stdout_to_fd(fd);
    close(fd);
}

/* Back to the test's own stdout (also after a failed check). */
static int stdout_back(void **state)
{
    (void)state;
    if (saved_stream != NULL) {
        fclose(stdout); /* closes fd 1, which dup2 puts back */
        stdout = saved_stream;
        saved_stream = NULL;
        dup2(saved_stdout, STDOUT_FILENO);
        close(saved_stdout);
        saved_stdout = -1;
    }
    cli_out_stdout_reset();
    return 0;
}

static size_t file_size(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (size_t)st.st_size;
}

/* The reference: the text in a 64 KB buffer handed to a fresh stdio stream of its own (on a
 * file like fd 1's) when a piece does not fit and at a message, as out.h describes. */
static struct {
    char path[256];
    FILE *stream;
    size_t start; /**< where the buffered text starts in `expected` */
} ref;

static void reference_start(void)
{
    snprintf(ref.path, sizeof ref.path, "%s", tu_tmp_path("reference.txt"));
    ref.stream = fopen(ref.path, "w");
    assert_non_null(ref.stream);
    ref.start = 0;
}

static void reference_hand_over(void)
{
    size_t n = expected_len - ref.start;
    if (n > 0)
        assert_int_equal(fwrite(expected + ref.start, 1, n, ref.stream), n);
    ref.start = expected_len;
}

/* A piece that needs `need` bytes of room (the buffer's rule for each way of writing). */
static void reference_piece(size_t need)
{
    if (65536 - (expected_len - ref.start) < need)
        reference_hand_over();
}

/* What the reference has written at a message. */
static size_t reference_at_message(void)
{
    reference_hand_over();
    return file_size(ref.path);
}

static void reference_end(void)
{
    fclose(ref.stream);
    ref.stream = NULL;
}

/* `n` more bytes of text through the several ways the program writes (pieces below 4 KB: none
 * is a "large block"), kept in `expected` as well. */
static void produce(size_t n, uint64_t *rng)
{
    assert_true(expected_len + n <= TEXT_MAX);
    while (n > 0) {
        size_t piece = (size_t)tu_rand_range(rng, 1, 300), k;
        char text[400];
        char *p;
        if (piece > n)
            piece = n;
        for (k = 0; k < piece; k++)
            text[k] = (char)('a' + (expected_len + k) % 26);
        text[piece] = '\0';
        n -= piece;
        switch (tu_rand(rng) % 5) {
        case 0:
            if (ref.stream != NULL)
                reference_piece(piece + 1);
            cli_printf(CLI_STDOUT, "%s", text);
            break;
        case 1:
            if (ref.stream != NULL)
                reference_piece(piece);
            cli_puts(CLI_STDOUT, text);
            break;
        case 2:
            if (ref.stream != NULL)
                reference_piece(piece + 1);
            p = cli_out_reserve(CLI_STDOUT, piece);
            memcpy(p, text, piece);
            cli_out_commit(CLI_STDOUT, p + piece);
            break;
        case 3:
            for (k = 0; k < piece; k++) {
                if (ref.stream != NULL) {
                    reference_piece(1);
                    expected[expected_len++] = text[k];
                }
                cli_putc(CLI_STDOUT, text[k]);
            }
            if (ref.stream != NULL)
                expected_len -= piece;
            break;
        default: {
            char second[400];
            size_t half = piece / 2;
            memcpy(second, text + half, piece - half + 1);
            text[half] = '\0';
            if (ref.stream != NULL) {
                reference_piece(half);
                memcpy(expected + expected_len, text, half);
                expected_len += half;
                reference_piece(piece - half);
                expected_len -= half;
            }
            CLI_PUTS(CLI_STDOUT, text, second);
            text[half] = second[0];
            break;
        }
        }
        memcpy(expected + expected_len, text, piece);
        expected_len += piece;
    }
}

static void assert_file_is(const char *path, const char *text, size_t len)
{
    size_t got_len;
    uint8_t *got = tu_read_file(path, &got_len);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, text, len);
    free(got);
}

static const size_t sizes[] = {0,     1,     3000,  4095,  4096,  4097,  8191,   8192,   8193,   9000,  12287,
                               12288, 20000, 26000, 40000, 61439, 65535, 65536,  65537,  70000,  131072, 200000};

/* Before a message on stderr, fd 1 holds what one fwrite of all the text to a fresh stdio
 * stream would have written; what follows and the end complete the text in order. */
static void test_message_points(void **state)
{
    char path[256];
    uint64_t rng = 0x5eed0101u;
    (void)state;
    snprintf(path, sizeof path, "%s", tu_tmp_path("stdout.txt"));
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        for (int more = 0; more < 2; more++) {
            stdout_to_file(path);
            reference_start();
            produce(sizes[i], &rng);
            /* between messages only whole blocks go out */
            assert_int_equal(file_size(path) % 4096, 0);
            assert_int_equal(cli_out_flush(CLI_STDOUT), 0); /* as cli_error does */
            assert_int_equal(file_size(path), reference_at_message());
            if (more) {
                produce(10000 + sizes[i] / 2, &rng);
                assert_int_equal(cli_out_flush(CLI_STDOUT), 0);
                assert_int_equal(file_size(path), reference_at_message());
                produce(3000, &rng);
            }
            reference_end();
            assert_int_equal(cli_out_finish(CLI_STDOUT), 0);
            assert_int_equal(fflush(stdout), 0);
            stdout_back(NULL);
            assert_file_is(path, expected, expected_len);
        }
}

/* Without a message: everything at the end, in order, whatever the size. */
static void test_end_only(void **state)
{
    char path[256];
    uint64_t rng = 0x5eed0102u;
    (void)state;
    snprintf(path, sizeof path, "%s", tu_tmp_path("stdout.txt"));
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        stdout_to_file(path);
        produce(sizes[i], &rng);
        assert_false(CLI_STDOUT->failed);
        assert_int_equal(cli_out_finish(CLI_STDOUT), 0);
        assert_int_equal(fflush(stdout), 0);
        assert_int_equal(file_size(path), sizes[i]);
        /* the output starts afresh: a second run of text (as main's last call) goes after */
        produce(5000, &rng);
        assert_int_equal(cli_out_finish(CLI_STDOUT), 0);
        stdout_back(NULL);
        assert_file_is(path, expected, expected_len);
    }
}

/* Large blocks (cli_write of 4 KB or more) go to stdio after what is buffered, as before. */
static void test_large_blocks(void **state)
{
    char path[256];
    uint64_t rng = 0x5eed0103u;
    static char block[100000];
    (void)state;
    snprintf(path, sizeof path, "%s", tu_tmp_path("stdout.txt"));
    for (size_t i = 0; i < sizeof block; i++)
        block[i] = (char)('A' + i % 23);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = (size_t)tu_rand_range(&rng, 4096, (long)sizeof block);
        stdout_to_file(path);
        reference_start();
        produce(sizes[i], &rng);
        cli_write(CLI_STDOUT, block, n);
        assert_false(CLI_STDOUT->failed);
        /* the buffer is handed over, then the block given to stdio as it is */
        reference_hand_over();
        memcpy(expected + expected_len, block, n);
        expected_len += n;
        reference_hand_over();
        assert_int_equal(file_size(path), file_size(ref.path));
        produce(3000, &rng);
        assert_int_equal(cli_out_flush(CLI_STDOUT), 0);
        assert_int_equal(file_size(path), reference_at_message());
        reference_end();
        assert_int_equal(cli_out_finish(CLI_STDOUT), 0);
        assert_int_equal(fflush(stdout), 0);
        stdout_back(NULL);
        assert_file_is(path, expected, expected_len);
    }
}

/* A failing descriptor (/dev/full): the failure shows where stdio would have shown it - at the
 * 64 KB hand-over, at a message when stdio writes, at the end - and not before. */
static void test_write_failures(void **state)
{
    uint64_t rng = 0x5eed0104u;
    int full = open("/dev/full", O_WRONLY);
    (void)state;
    if (full < 0)
        skip();
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = sizes[i];
        /* the 64 KB buffer is handed over when a piece no longer fits: up to 300 bytes early */
        bool handed_over = n > 65536 - 300;
        stdout_to_fd(full);
        produce(n, &rng);
        if (n >= 65536 + 300)
            assert_true(CLI_STDOUT->failed);
        else if (n <= 65536 - 300)
            assert_false(CLI_STDOUT->failed);
        /* a message: stdio writes the whole blocks of the text, which fail */
        if (n >= 4096 || (handed_over && CLI_STDOUT->failed))
            assert_int_equal(cli_out_flush(CLI_STDOUT), -1);
        else
            assert_int_equal(cli_out_flush(CLI_STDOUT), 0);
        /* the end reports it in any case (a little text is only written by fflush) */
        produce(100, &rng);
        assert_true(cli_out_finish(CLI_STDOUT) != 0 || fflush(stdout) != 0);
        stdout_back(NULL);

        /* the same without a message: only the end tells */
        stdout_to_fd(full);
        produce(n, &rng);
        if (n <= 65536 - 300)
            assert_false(CLI_STDOUT->failed);
        if (n > 0)
            assert_true(cli_out_finish(CLI_STDOUT) != 0 || fflush(stdout) != 0);
        stdout_back(NULL);
    }
    close(full);
}

/* A terminal: stdio buffers it by lines, so nothing goes out directly; the 64 KB buffer keeps
 * the text as before. */
static void test_terminal(void **state)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY), slave;
    struct termios raw;
    uint64_t rng = 0x5eed0105u;
    char buf[64];
    (void)state;
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || ptsname(master) == NULL) {
        if (master >= 0)
            close(master);
        skip();
    }
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    assert_true(slave >= 0);
    assert_int_equal(tcgetattr(slave, &raw), 0);
    cfmakeraw(&raw);
    assert_int_equal(tcsetattr(slave, TCSANOW, &raw), 0);
    assert_int_equal(fcntl(master, F_SETFL, O_NONBLOCK), 0);
    stdout_to_fd(slave);
    produce(30000, &rng);
    assert_false(CLI_STDOUT->failed);
    /* nothing has reached the terminal */
    errno = 0;
    assert_int_equal(read(master, buf, sizeof buf), -1);
    assert_int_equal(errno, EAGAIN);
    stdout_back(NULL); /* drops the text */
    close(slave);
    close(master);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_message_points, stdout_back),
        cmocka_unit_test_teardown(test_end_only, stdout_back),
        cmocka_unit_test_teardown(test_large_blocks, stdout_back),
        cmocka_unit_test_teardown(test_write_failures, stdout_back),
        cmocka_unit_test_teardown(test_terminal, stdout_back),
    };
    return cmocka_run_group_tests(tests, tu_tmpdir_setup, tu_tmpdir_teardown);
}
