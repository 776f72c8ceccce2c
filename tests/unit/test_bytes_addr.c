/* bytes (bounded reader/writer) and addr (LBA/MSF/BCD) against the standard's numbers. */
#include <string.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/bytes.h"

static void test_span_bounds(void **state)
{
    const uint8_t data[] = {0x01, 0x02, 0x03, 0x04, 0x05};
    tocex_span s, sub;
    uint8_t b;
    uint16_t w;
    uint32_t d;
    (void)state;
    tocex_span_init(&s, data, sizeof data);
    assert_true(tocex_span_get_u16be(&s, &w));
    assert_int_equal(w, 0x0102);
    assert_int_equal(tocex_span_offset(&s), 2);
    assert_false(tocex_span_get_u32be(&s, &d)); /* only 3 left: refuses, consumes nothing */
    assert_int_equal(tocex_span_left(&s), 3);
    assert_true(tocex_span_get_u24be(&s, &d));
    assert_int_equal(d, 0x030405);
    assert_false(tocex_span_get_u8(&s, &b));
    tocex_span_init(&s, data, sizeof data);
    assert_true(tocex_span_get_span(&s, &sub, 2));
    assert_false(tocex_span_get_span(&s, &sub, 4));
    assert_true(tocex_span_get_u16le(&sub, &w));
    assert_int_equal(w, 0x0201);
    assert_false(tocex_span_skip(&s, 4));
    assert_true(tocex_span_peek_u8(&s, 2, &b));
    assert_int_equal(b, 0x05);
    assert_false(tocex_span_peek_u8(&s, 3, &b));
    tocex_span_init(&s, NULL, 10); /* NULL data is an empty span */
    assert_int_equal(tocex_span_left(&s), 0);
}

static void test_buf_growable_and_fixed(void **state)
{
    tocex_buf b;
    uint8_t storage[5];
    (void)state;
    tocex_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        assert_true(tocex_buf_put_u32be(&b, (uint32_t)i));
    assert_int_equal(b.len, 4000);
    assert_int_equal(tocex_be32(b.data + 3996), 999);
    assert_true(tocex_buf_set_u16be(&b, 0, 0xBEEF));
    assert_int_equal(tocex_be16(b.data), 0xBEEF);
    assert_false(tocex_buf_set_u16be(&b, 3999, 1));
    tocex_buf_free(&b);

    tocex_buf_init_fixed(&b, storage, sizeof storage);
    assert_true(tocex_buf_put_u32le(&b, 0x01020304));
    assert_false(tocex_buf_put_u16be(&b, 0x0506)); /* does not fit */
    assert_true(b.failed);
    assert_false(tocex_buf_put_u8(&b, 1)); /* failure is sticky */
    assert_int_equal(b.len, 4);
    assert_int_equal(storage[0], 0x04);
}

static void test_buf_extend(void **state)
{
    tocex_buf b;
    uint8_t storage[6], *p;
    (void)state;
    tocex_buf_init(&b);
    assert_null(tocex_buf_extend(&b, 0)); /* nothing to point at: not a failure */
    assert_false(b.failed);
    assert_int_equal(b.len, 0);
    for (size_t i = 0; i < 300; i++) {
        p = tocex_buf_extend(&b, i % 11 + 1);
        assert_non_null(p);
        memset(p, (int)i, i % 11 + 1);
    }
    assert_int_equal(b.len, 300 / 11 * 66 + (300 % 11) * (300 % 11 + 1) / 2);
    assert_int_equal(b.data[0], 0);
    assert_int_equal(b.data[b.len - 1], (uint8_t)299);
    tocex_buf_free(&b);

    tocex_buf_init_fixed(&b, storage, sizeof storage);
    p = tocex_buf_extend(&b, 4);
    assert_ptr_equal(p, storage);
    assert_null(tocex_buf_extend(&b, 3)); /* does not fit: failed, length kept */
    assert_true(b.failed);
    assert_int_equal(b.len, 4);
    assert_null(tocex_buf_extend(&b, 1)); /* failure is sticky */
    assert_false(tocex_buf_put_u8(&b, 1));
}

/* MMC-3 Table 333 / mmc-read-toc.md §4.1 */
static void test_lba_msf_standard(void **state)
{
    tocex_msf m;
    char text[16];
    (void)state;
    assert_true(tocex_lba_to_msf(0, &m));
    assert_int_equal(m.m, 0);
    assert_int_equal(m.s, 2);
    assert_int_equal(m.f, 0);
    assert_true(tocex_lba_to_msf(-150, &m));
    assert_int_equal(m.m + m.s + m.f, 0);
    assert_true(tocex_lba_to_msf(404849, &m));
    assert_string_equal(tocex_msf_format(m, text, sizeof text), "89:59:74");
    assert_false(tocex_lba_to_msf(404850, &m));
    /* lead-in: -151 is 99:59:74, -45150 is 90:00:00 */
    assert_true(tocex_lba_to_msf(-151, &m));
    assert_string_equal(tocex_msf_format(m, text, sizeof text), "99:59:74");
    assert_true(tocex_lba_to_msf(-45150, &m));
    assert_string_equal(tocex_msf_format(m, text, sizeof text), "90:00:00");
    assert_false(tocex_lba_to_msf(-45151, &m));
    /* the typical ATIP lead-in start -11635 (FF FF D2 8D) is 97:24:65... check by inverse */
    assert_true(tocex_lba_to_msf(-11635, &m));
    assert_int_equal(tocex_msf_to_lba(m), -11635);
    assert_int_equal((uint32_t)-11635, 0xFFFFD28Du);
    assert_int_equal((uint32_t)-150, 0xFFFFFF6Au);
    /* HERONG full TOC: lead-out 26:24:65 -> LBA 118715, 30:04:60 -> 135210 */
    assert_int_equal(tocex_msf_to_lba((tocex_msf){26, 24, 65}), 118715);
    assert_int_equal(tocex_msf_to_lba((tocex_msf){30, 4, 60}), 135210);
    assert_int_equal(tocex_msf_to_lba((tocex_msf){97, 34, 21}), (97 * 60 + 34) * 75 + 21 - 450150);
    /* round trip over the whole range */
    for (int32_t lba = -45150; lba <= 404849; lba += 7) {
        assert_true(tocex_lba_to_msf(lba, &m));
        assert_true(tocex_msf_valid(m));
        assert_int_equal(tocex_msf_to_lba(m), lba);
    }
    assert_string_equal(tocex_lba_format_msf(500000, text, sizeof text), "--:--:--");
}

static void test_msf_wrap_for_dvd(void **state)
{
    tocex_msf m;
    (void)state;
    /* 2295104 blocks (4.7 GB DVD): frames 2295254 -> 510 min -> wraps to 254 in a byte */
    m = tocex_lba_to_msf_wrap(2295104);
    assert_int_equal(m.m, (2295254 / 4500) & 0xFF);
    assert_int_equal(m.s, (2295254 / 75) % 60);
    assert_int_equal(m.f, 2295254 % 75);
    m = tocex_lba_to_msf_wrap(404850);
    assert_int_equal(m.m, 90);
    assert_int_equal(tocex_msf_to_lba_linear(m), 404850);
}

static void test_msf_parse(void **state)
{
    int32_t f;
    (void)state;
    assert_true(tocex_msf_parse_frames("00:02:00", &f));
    assert_int_equal(f, 150);
    assert_true(tocex_msf_parse_frames("123:59:74", &f));
    assert_int_equal(f, 123 * 4500 + 59 * 75 + 74);
    assert_false(tocex_msf_parse_frames("00:60:00", &f));
    assert_false(tocex_msf_parse_frames("00:00:75", &f));
    assert_false(tocex_msf_parse_frames("00:00", &f));
    assert_false(tocex_msf_parse_frames("00:00:00:00", &f));
    assert_false(tocex_msf_parse_frames("0a:00:00", &f));
    assert_false(tocex_msf_parse_frames("", &f));
    assert_false(tocex_msf_parse_frames("99999999999:00:00", &f));
}

static void test_bcd(void **state)
{
    uint8_t v;
    (void)state;
    assert_int_equal(tocex_bin_to_bcd(0), 0x00);
    assert_int_equal(tocex_bin_to_bcd(31), 0x31);
    assert_int_equal(tocex_bin_to_bcd(99), 0x99);
    assert_int_equal(tocex_bin_to_bcd(100), 0xFF);
    assert_true(tocex_bcd_to_bin(0x59, &v));
    assert_int_equal(v, 59);
    assert_false(tocex_bcd_to_bin(0x1F, &v)); /* usbode: track 31 sent as 0x1F in a BCD reply */
    assert_false(tocex_bcd_to_bin(0xA0, &v));
    for (unsigned i = 0; i < 100; i++) {
        assert_true(tocex_bcd_to_bin(tocex_bin_to_bcd((uint8_t)i), &v));
        assert_int_equal(v, i);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_span_bounds),     cmocka_unit_test(test_buf_growable_and_fixed),
        cmocka_unit_test(test_lba_msf_standard), cmocka_unit_test(test_msf_wrap_for_dvd),
        cmocka_unit_test(test_msf_parse),       cmocka_unit_test(test_bcd),
        cmocka_unit_test(test_buf_extend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
