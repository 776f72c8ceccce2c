/* tocex_msf_format and tocex_lba_format_msf write their digits themselves; the reference is
 * snprintf with the documented formats ("%02u:%02u:%02u", "--:--:--" outside the MSF range),
 * over every LBA around the MSF range, every byte value of M, S and F, and every buffer size
 * that cuts the text (snprintf's contract: as much as fits, then a NUL). */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "util/digits.h"

#define CANARY 0x5A

/* What snprintf leaves in a buffer of `size` bytes for the text `full`: as much as fits and a NUL. */
static void cut(char *want, size_t size, const char *full)
{
    size_t n = strlen(full);
    if (size == 0)
        return;
    if (n >= size)
        n = size - 1;
    memcpy(want, full, n);
    want[n] = '\0';
}

/* The reference for one MSF, and both results compared at every size from 0 to 14. */
static void check_msf(tocex_msf msf)
{
    char full[32];
    snprintf(full, sizeof full, "%02u:%02u:%02u", msf.m, msf.s, msf.f);
    for (unsigned long size = 0; size <= 14; size++) {
        char want[32], got[32];
        memset(want, CANARY, sizeof want);
        memset(got, CANARY, sizeof got);
        cut(want, size, full);
        assert_ptr_equal(tocex_msf_format(msf, got, size), got);
        assert_memory_equal(got, want, sizeof want);
    }
}

static void test_msf_every_byte(void **state)
{
    static const uint8_t minutes[] = {0, 1, 9, 10, 59, 60, 74, 75, 89, 90, 99, 100, 101, 199, 255};
    char want[32], got[32];
    (void)state;
    /* all of M, S and F over 0..255 at the usual size */
    for (unsigned m = 0; m < 256; m++)
        for (unsigned s = 0; s < 256; s++)
            for (unsigned f = 0; f < 256; f += (m < 100 && s < 60 ? 1 : 17)) {
                tocex_msf msf = {(uint8_t)m, (uint8_t)s, (uint8_t)f};
                snprintf(want, sizeof want, "%02u:%02u:%02u", m, s, f);
                tocex_msf_format(msf, got, sizeof got);
                assert_string_equal(got, want);
            }
    /* truncation at every size, for texts of 8 to 11 characters */
    for (size_t i = 0; i < sizeof minutes; i++)
        for (unsigned s = 0; s < 256; s += 5)
            for (unsigned f = 0; f < 256; f += 37) {
                tocex_msf msf = {minutes[i], (uint8_t)s, (uint8_t)f};
                check_msf(msf);
            }
}

static void test_lba_every_value(void **state)
{
    char want[32], got[32];
    (void)state;
    /* below the lead-in area, the lead-in area (90:00:00 and up), the program area, past 89:59:74 */
    for (int32_t lba = TOCEX_LBA_MIN - 1000; lba <= TOCEX_LBA_MAX_MSF + 1000; lba++) {
        tocex_msf msf;
        if (tocex_lba_to_msf(lba, &msf))
            snprintf(want, sizeof want, "%02u:%02u:%02u", msf.m, msf.s, msf.f);
        else
            snprintf(want, sizeof want, "--:--:--");
        assert_ptr_equal(tocex_lba_format_msf(lba, got, sizeof got), got);
        assert_string_equal(got, want);
        /* the program's writer (util/digits.h), without the NUL */
        memset(got, CANARY, sizeof got);
        tocex_digits_lba_msf(got, lba);
        assert_memory_equal(got, want, 8);
        assert_int_equal((unsigned char)got[8], CANARY);
    }
    assert_string_equal(tocex_lba_format_msf(-150, got, sizeof got), "00:00:00");
    assert_string_equal(tocex_lba_format_msf(0, got, sizeof got), "00:02:00");
    assert_string_equal(tocex_lba_format_msf(-151, got, sizeof got), "99:59:74");
    assert_string_equal(tocex_lba_format_msf(-45150, got, sizeof got), "90:00:00");
    assert_string_equal(tocex_lba_format_msf(404849, got, sizeof got), "89:59:74");
    assert_string_equal(tocex_lba_format_msf(404850, got, sizeof got), "--:--:--");
    assert_string_equal(tocex_lba_format_msf(INT32_MIN, got, sizeof got), "--:--:--");
    assert_string_equal(tocex_lba_format_msf(INT32_MAX, got, sizeof got), "--:--:--");
}

/* tocex_lba_format_msf of one LBA at every size from 0 to 12 against its full text cut. */
static void check_lba_cuts(int32_t lba)
{
    char full[32];
    tocex_lba_format_msf(lba, full, sizeof full);
    for (unsigned long size = 0; size <= 12; size++) {
        char want[32], got[32];
        memset(want, CANARY, sizeof want);
        memset(got, CANARY, sizeof got);
        cut(want, size, full);
        assert_ptr_equal(tocex_lba_format_msf(lba, got, size), got);
        assert_memory_equal(got, want, sizeof want);
    }
}

static void test_lba_truncation(void **state)
{
    static const int32_t lbas[] = {-45151, -45150, -151, -150, 0, 297150, 404849, 404850, INT32_MIN};
    (void)state;
    for (size_t i = 0; i < sizeof lbas / sizeof lbas[0]; i++)
        check_lba_cuts(lbas[i]);
    /* and across the whole range: every 997th LBA */
    for (int32_t lba = TOCEX_LBA_MIN - 1000; lba <= TOCEX_LBA_MAX_MSF + 1000; lba += 997)
        check_lba_cuts(lba);
    /* size 0 writes nothing, not even through a NULL buffer */
    assert_null(tocex_lba_format_msf(0, NULL, 0));
    assert_null(tocex_lba_format_msf(-1000000, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_msf_every_byte),
        cmocka_unit_test(test_lba_every_value),
        cmocka_unit_test(test_lba_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
