/* Ripper logs are recognised by content, whatever their name: every fixture in tests/data/riplog
 * (EAC, XLD, whipper, dBpoweramp, fre:ac with its "Client:" line, cyanrip; UTF-8, UTF-16 and
 * UTF-32 with and without a byte-order mark, CP1252, CP1251) sniffs as a log under a neutral name. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/image.h"

static void test_logs_sniff_by_content(void **state)
{
    const char *dir = tu_src_path("tests/data/riplog");
    DIR *d = opendir(dir);
    struct dirent *e;
    unsigned checked = 0;
    (void)state;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        size_t len = 0;
        uint8_t *data;
        const char *dot = strrchr(e->d_name, '.');
        if (dot == NULL || (strcmp(dot, ".log") != 0 && strcmp(dot, ".txt") != 0))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        data = tu_read_file(path, &len);
        assert_non_null(data);
        if (tocex_image_sniff("neutral.dat", data, len) != TOCEX_IMAGE_RIPLOG)
            fail_msg("%s is not recognised as a ripper log by its content", e->d_name);
        free(data);
        checked++;
    }
    closedir(d);
    print_message("%u ripper logs recognised by content\n", checked);
    assert_true(checked >= 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_logs_sniff_by_content)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
