/* ATIP field decoding: bit layout per mmc-read-toc.md 2.5 (MMC-1 Table 77, cdrtools struct
 * atipdesc, Aaru). Expected values are worked out from that table, not from the decoder. */
#include <string.h>

#include "testutil.h"
#include "tocex/atip.h"

/* Descriptor bytes = answer bytes 4..27. */
static void make(uint8_t d[28], uint8_t b4, uint8_t b5, uint8_t b6, uint8_t in_m, uint8_t in_s, uint8_t in_f,
                 uint8_t out_m, uint8_t out_s, uint8_t out_f)
{
    memset(d, 0, 28);
    d[0] = b4;
    d[1] = b5;
    d[2] = b6;
    d[4] = in_m;
    d[5] = in_s;
    d[6] = in_f;
    d[8] = out_m;
    d[9] = out_s;
    d[10] = out_f;
}

static void test_cdrw_fields(void **state)
{
    uint8_t d[28];
    tocex_atip_info a;
    tocex_error e;
    (void)state;
    /* byte 4 = 1 101 0 001: ITWP 5, not DDCD, reference speed 1 (2x for CD-RW)
     * byte 5 = 0 1 000000: unrestricted use
     * byte 6 = 1 1 001 1 0 1: CD-RW, sub-type 1 (High Speed), A1 and A3 valid */
    make(d, 0xD1, 0x40, 0xCD, 97, 34, 21, 74, 43, 0);
    /* A1 = 0 010 1010, 0 011 101 0, 1 100 0000: lowest CLV 2, highest 10, p 3, gamma 5, ratio 4 */
    d[12] = 0x2A;
    d[13] = 0x3A;
    d[14] = 0xC0;
    d[20] = 0x11; /* A3 */
    assert_int_equal(tocex_atip_decode(d, 24, &a, &e), TOCEX_OK);
    assert_true(a.itwp_msb);
    assert_int_equal(a.itwp, 5);
    assert_false(a.ddcd);
    assert_int_equal(a.reference_speed, 1);
    assert_string_equal(tocex_atip_reference_speed_name(&a), "2x");
    assert_true(a.uru);
    assert_true(a.cdrw);
    assert_string_equal(tocex_atip_disc_type_name(&a), "CD-RW");
    assert_int_equal(a.sub_type, 1);
    assert_string_equal(tocex_atip_sub_type_name(&a), "High Speed");
    assert_true(a.a1_valid);
    assert_false(a.a2_valid);
    assert_true(a.a3_valid);
    assert_int_equal(a.a1_lowest_clv, 2);
    assert_int_equal(a.a1_highest_clv, 10);
    assert_int_equal(a.a1_power_mult, 3);
    assert_int_equal(a.a1_target_gamma, 5);
    assert_int_equal(a.a1_erase_write_ratio, 4);
    assert_int_equal(a.a3[0], 0x11);
    /* lead-in 97:34:21 -> LBA (97*60+34)*75+21 - 450150 = -11079; lead-out 74:43:00 = 336075 */
    assert_int_equal(a.leadin_lba, -11079);
    assert_int_equal(a.last_leadout_lba, 336075);
    assert_true(a.manufacturer_code_valid);
    assert_int_equal(a.manufacturer_second, 34);
    assert_int_equal(a.manufacturer_frame, 20);
    assert_string_equal(a.dye, "phase change");
    assert_string_equal(a.manufacturer, "unknown manufacturer");
    assert_false(a.has_s4);
}

static void test_cdr_dye_and_subtypes(void **state)
{
    uint8_t d[28];
    tocex_atip_info a;
    tocex_error e;
    (void)state;
    /* CD-R, sub-type 5 (B+), lead-in 97:26:66: frame digit 6 = short strategy */
    make(d, 0x80, 0x00, 0x80 | (5 << 3), 97, 26, 66, 79, 59, 74);
    assert_int_equal(tocex_atip_decode(d, 24, &a, &e), TOCEX_OK);
    assert_false(a.cdrw);
    assert_string_equal(tocex_atip_disc_type_name(&a), "CD-R");
    assert_string_equal(tocex_atip_sub_type_name(&a), "medium type B+");
    assert_string_equal(tocex_atip_reference_speed_name(&a), "unspecified");
    assert_non_null(strstr(a.dye, "short"));
    assert_int_equal(a.manufacturer_frame, 60);
    assert_int_equal(a.last_leadout_lba, 359849);
    /* frame digit 1: long strategy */
    d[6] = 11;
    assert_int_equal(tocex_atip_decode(d, 24, &a, &e), TOCEX_OK);
    assert_non_null(strstr(a.dye, "long"));
    /* a lead-in not at minute 97 gives no manufacturer code */
    d[4] = 96;
    assert_int_equal(tocex_atip_decode(d, 24, &a, &e), TOCEX_OK);
    assert_false(a.manufacturer_code_valid);
    /* DDCD-R at 4x, S4 values in a 28-byte descriptor */
    make(d, 0x80 | 0x08 | 2, 0x00, 0x80, 97, 10, 0, 79, 59, 74);
    d[24] = 0xAB;
    assert_int_equal(tocex_atip_decode(d, 28, &a, &e), TOCEX_OK);
    assert_true(a.ddcd);
    assert_string_equal(tocex_atip_disc_type_name(&a), "DDCD-R");
    assert_string_equal(tocex_atip_reference_speed_name(&a), "4x");
    assert_true(a.has_s4);
    assert_int_equal(a.s4[0], 0xAB);
}

static void test_refused(void **state)
{
    uint8_t d[28];
    tocex_atip_info a;
    tocex_error e;
    (void)state;
    make(d, 0x80, 0x00, 0x80, 97, 10, 0, 79, 59, 74);
    assert_int_equal(tocex_atip_decode(d, 20, &a, &e), TOCEX_E_BAD_ANSWER);
    d[2] = 0x40; /* byte 6 bit 7 = 0 */
    assert_int_equal(tocex_atip_decode(d, 24, &a, &e), TOCEX_E_BAD_ANSWER);
    assert_non_null(strstr(e.message, "byte 6"));
    d[2] = 0x80;
    d[5] = 60; /* second 60 */
    assert_int_equal(tocex_atip_decode(d, 24, &a, &e), TOCEX_E_BAD_ANSWER);
    assert_non_null(strstr(e.message, "byte 8"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cdrw_fields),
        cmocka_unit_test(test_cdr_dye_and_subtypes),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
