/* IOCTL_CDROM_READ_TOC_EX / READ_TOC / GET_LAST_SESSION with cdrom.sys semantics
 * (windows-ioctl.md §3): the whole input space against a second, deliberately simple
 * statement of the rules; golden output buffers; sense -> NTSTATUS with retries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/emu.h"
#include "tocex/win.h"

/* The HERONG two-session CD-R (mmc-read-toc.md §2.3) with PMA, ATIP and CD-TEXT. */
static const uint8_t cdtext_packs[4][18] = {
    /* libburn's Sony example packs (mmc-read-toc.md §2.6), CRCs as printed there */
    {0x88, 0x00, 0x23, 0x00, 0x01, 0x0e, 0x00, 0x3f, 0x02, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x00},
    {0x8f, 0x00, 0x2a, 0x00, 0x01, 0x01, 0x03, 0x00, 0x06, 0x05, 0x04, 0x05, 0x07, 0x06, 0x01, 0x02, 0x48, 0x65},
    {0x8f, 0x01, 0x2b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x03, 0x2c, 0x00, 0x00, 0x00, 0xc0, 0x20},
    {0x8f, 0x02, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x45},
};
static const uint8_t atip_bytes[24] = {0x80, 0x00, 0x00, 0x00, 97, 34, 21, 0x00, 74, 43, 0, 0x00};
static const tocex_toc_entry pma_entries[2] = {
    {0, 0x14, 0, 0x01, 0x1A, 0x18, 0x41, 0, 0x00, 0x02, 0x00},
    {0, 0x14, 0, 0x02, 0x1E, 0x04, 0x3C, 0, 0x1C, 0x38, 0x41},
};

static tocex_disc *herong_disc(void)
{
    tocex_disc *d = malloc(sizeof *d);
    tocex_error err;
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_CD_R;
    d->appendable = true;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE2_FORM1, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE2_FORM1, 130115, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 118715, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 135210, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_atip(d, atip_bytes, sizeof atip_bytes, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_pma(d, pma_entries, 2, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_cdtext(d, &cdtext_packs[0][0], 4, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    return d;
}

/* Golden answers, written from the MMC tables and the real drive's full TOC. */
static const char *const golden_toc_lba = "001a0102 00140100 00000000 00140200 0001fc43 0014aa00 0002102a";
static const char *const golden_toc_msf = "001a0102 00140100 00000200 00140200 001c3841 0014aa00 001e043c";
static const char *const golden_session = "000a0102 00140200 0001fc43";
static const char *const golden_fulltoc =
    "007b0102"
    "011400a0000000000120 00"
    "011400a1000000000100 00"
    "011400a2000000001a18 41"
    "01140001000000000002 00"
    "015400b01c3641024a2b 00"
    "015400c0 80000000 612215"
    "021400a0000000000220 00"
    "021400a1000000000200 00"
    "021400a2000000001e04 3c"
    "02140002000000001c38 41"
    "025400b01f223c014a2b 00";
static const char *const golden_pma = "00180000 00140001 1a184100 000200 00140002 1e043c00 1c3841";
static const char *const golden_atip = "001a0000 80000000 61221500 4a2b0000 00000000 00000000 00000000";

static size_t hex(const char *text, uint8_t *out, size_t cap)
{
    long n = tu_hex(text, out, cap);
    assert_true(n > 0);
    return (size_t)n;
}

static NTSTATUS call(tocex_device *dev, uint32_t code, const uint8_t in[4], uint32_t in_len, uint8_t *out,
                     uint32_t out_len, uint32_t *info)
{
    return tocex_win_device_io_control(dev, code, in, in_len, out, out_len, info, NULL);
}

static void expect_output(tocex_device *dev, uint8_t byte0, uint8_t st, const char *golden)
{
    uint8_t want[1024], out[4096], in[4] = {byte0, st, 0, 0};
    size_t n = hex(golden, want, sizeof want);
    uint32_t info = 0;
    memset(out, 0xEE, sizeof out);
    assert_int_equal(call(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, sizeof out, &info), STATUS_SUCCESS);
    assert_int_equal(info, n);
    assert_memory_equal(out, want, n);
    assert_int_equal(out[n], 0xEE); /* nothing written past Information */
}

static void test_golden_outputs(void **state)
{
    tocex_disc *d = herong_disc();
    tocex_device *dev = tocex_emu_open(d, NULL, NULL);
    uint8_t want[1024], out[2048];
    uint32_t info;
    size_t n;
    (void)state;
    assert_non_null(dev);
    expect_output(dev, 0x00, 0, golden_toc_lba);
    expect_output(dev, 0x80, 0, golden_toc_msf);
    expect_output(dev, 0x01, 0, golden_session);
    expect_output(dev, 0x02, 0, golden_fulltoc);
    expect_output(dev, 0x82, 1, golden_fulltoc); /* Msf is passed through, and meaningless here */
    expect_output(dev, 0x03, 0, golden_pma);
    expect_output(dev, 0x04, 0, golden_atip);
    {
        char packs[4 * 36 + 16] = "004a0000";
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 18; k++)
                snprintf(packs + strlen(packs), 3, "%02x", cdtext_packs[i][k]);
        expect_output(dev, 0x05, 0, packs);
    }
    /* READ_TOC: MSF format 0 in a zeroed 804-byte area */
    memset(out, 0xEE, sizeof out);
    n = hex(golden_toc_msf, want, sizeof want);
    assert_int_equal(call(dev, IOCTL_CDROM_READ_TOC, NULL, 0, out, 804, &info), STATUS_SUCCESS);
    assert_int_equal(info, n);
    assert_memory_equal(out, want, n);
    for (size_t i = n; i < 804; i++)
        assert_int_equal(out[i], 0);
    /* GET_LAST_SESSION: format 1 in LBA */
    n = hex(golden_session, want, sizeof want);
    assert_int_equal(call(dev, IOCTL_CDROM_GET_LAST_SESSION, NULL, 0, out, sizeof out, &info), STATUS_SUCCESS);
    assert_int_equal(info, n);
    assert_memory_equal(out, want, n);
    /* header-first pattern (MPC-HC): a 2-byte buffer succeeds and carries the full Length */
    {
        uint8_t in[4] = {0x05, 0, 0, 0};
        assert_int_equal(call(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, 2, &info), STATUS_SUCCESS);
        assert_int_equal(info, 2);
        assert_int_equal(out[0] << 8 | out[1], 0x4a);
    }
    tocex_device_close(dev);
    tocex_disc_free(d);
    free(d);
}

/* ---- The second statement of the rules (windows-ioctl.md §3.2, §3.4, §3.6) ---- */

struct outcome {
    NTSTATUS status;
    uint32_t information;
};

/* Full MMC answer length for this disc, or 0 when the drive answers CHECK CONDITION. */
static uint32_t answer_length(unsigned format, unsigned st)
{
    switch (format) {
    case 0:
        if (st <= 1)
            return 4 + 8 * 3;
        if (st == 2)
            return 4 + 8 * 2;
        if (st == 0xAA)
            return 4 + 8;
        return 0; /* no such track: INVALID FIELD */
    case 1: return 12;
    case 2: return st <= 2 ? 4 + 11 * (st <= 1 ? 11 : 5) : 0; /* session > last: INVALID FIELD */
    case 3: return 4 + 11 * 2;
    case 4: return 4 + 24;
    case 5: return 4 + 18 * 4;
    default: return 0;
    }
}

static struct outcome rules(uint32_t code, uint32_t in_len, const uint8_t in[4], uint32_t out_len)
{
    struct outcome r = {STATUS_SUCCESS, 0};
    unsigned format = in[0] & 0x0F;
    uint32_t full;
    if (code == IOCTL_CDROM_READ_TOC) {
        if (out_len < 804)
            return (struct outcome){STATUS_BUFFER_TOO_SMALL, 804};
        r.information = 4 + 8 * 3;
        return r;
    }
    if (code == IOCTL_CDROM_GET_LAST_SESSION) {
        if (out_len < 12)
            return (struct outcome){STATUS_BUFFER_TOO_SMALL, 12};
        r.information = 12;
        return r;
    }
    if (in_len < 4)
        return (struct outcome){STATUS_INFO_LENGTH_MISMATCH, 0};
    if (out_len < 2)
        return (struct outcome){STATUS_BUFFER_TOO_SMALL, 2};
    if (out_len > 0xFFFF)
        return (struct outcome){STATUS_INVALID_PARAMETER, 0};
    if ((in[0] & 0x70) != 0 || in[2] != 0 || in[3] != 0)
        return (struct outcome){STATUS_INVALID_PARAMETER, 0};
    if (format > 5)
        return (struct outcome){STATUS_INVALID_PARAMETER, 0};
    if ((format == 1 || format == 3 || format == 4) && in[1] != 0)
        return (struct outcome){STATUS_INVALID_PARAMETER, 0};
    full = answer_length(format, in[1]);
    if (full == 0) /* CHECK CONDITION 05/24/00 */
        return (struct outcome){STATUS_INVALID_DEVICE_REQUEST, 0};
    r.information = full < out_len ? full : out_len;
    return r;
}

static void test_input_space(void **state)
{
    static const uint8_t sts[] = {0, 1, 2, 0xAA, 0xFF};
    static const uint8_t reserved[] = {0, 1, 0xFF};
    static const uint32_t out_lens[] = {0, 1, 2, 3, 4, 12, 803, 804, 0xFFFF, 0x10000};
    static const uint32_t in_lens[] = {0, 3, 4, 5};
    static const uint32_t codes[] = {IOCTL_CDROM_READ_TOC_EX, IOCTL_CDROM_READ_TOC, IOCTL_CDROM_GET_LAST_SESSION};
    tocex_disc *d = herong_disc();
    tocex_device *dev = tocex_emu_open(d, NULL, NULL);
    uint8_t *out = malloc(0x10000);
    unsigned long cases = 0;
    (void)state;
    assert_non_null(dev);
    assert_non_null(out);
    for (size_t c = 0; c < 3; c++)
        for (unsigned b0 = 0; b0 < 256; b0++)
            for (size_t s = 0; s < sizeof sts; s++)
                for (size_t r2 = 0; r2 < 3; r2++)
                    for (size_t r3 = 0; r3 < 3; r3++)
                        for (size_t o = 0; o < sizeof out_lens / sizeof out_lens[0]; o++)
                            for (size_t i = 0; i < 4; i++) {
                                uint8_t in[5] = {(uint8_t)b0, sts[s], reserved[r2], reserved[r3], 0x5A};
                                struct outcome want = rules(codes[c], in_lens[i], in, out_lens[o]);
                                uint32_t info = 0xDEADBEEF;
                                NTSTATUS got = tocex_win_device_io_control(dev, codes[c], in, in_lens[i], out,
                                                                           out_lens[o], &info, NULL);
                                if (got != want.status || info != want.information)
                                    fail_msg("%s in=%02x %02x %02x %02x in_len=%u out_len=%u: got %s/%u, want %s/%u",
                                             tocex_win_ioctl_name(codes[c]), in[0], in[1], in[2], in[3],
                                             in_lens[i], out_lens[o], tocex_win_status_name(got), info,
                                             tocex_win_status_name(want.status), want.information);
                                cases++;
                            }
    print_message("input space: %lu cases checked\n", cases);
    assert_int_equal(cases, 3ul * 256 * 5 * 9 * 10 * 4);
    free(out);
    tocex_device_close(dev);
    tocex_disc_free(d);
    free(d);
}

static void test_alignment_mask(void **state)
{
    tocex_disc *d = herong_disc();
    tocex_device *dev = tocex_emu_open(d, NULL, NULL);
    tocex_win_options opts = {.alignment_mask = 1};
    uint8_t out[1024], in[4] = {0, 0, 0, 0};
    uint32_t info;
    (void)state;
    /* storahci reports AlignmentMask 1: odd lengths are refused (V4), after V1-V3 */
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, 805, &info, &opts),
                     STATUS_INVALID_PARAMETER);
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, 1, &info, &opts),
                     STATUS_BUFFER_TOO_SMALL);
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, 804, &info, &opts),
                     STATUS_SUCCESS);
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC, in, 0, out, 805, &info, &opts),
                     STATUS_INVALID_PARAMETER);
    tocex_device_close(dev);
    tocex_disc_free(d);
    free(d);
}

/* A scripted device: answers `failures` times with the given sense/status, then GOOD. */
struct scripted {
    unsigned failures;
    unsigned calls;
    uint8_t status;
    tocex_sense sense;
    tocex_status transport;
    size_t transfer;
};

static tocex_status scripted_execute(void *ctx, tocex_cmd *cmd, tocex_error *err)
{
    struct scripted *s = ctx;
    s->calls++;
    if (s->calls <= s->failures) {
        if (s->transport != TOCEX_OK)
            return tocex_error_set(err, s->transport, "scripted transport failure");
        cmd->status = s->status;
        if (s->status == TOCEX_SCSI_STATUS_CHECK_CONDITION) {
            tocex_sense_build_fixed(cmd->sense_raw, s->sense);
            cmd->sense_len = 18;
        }
        return TOCEX_OK;
    }
    cmd->status = TOCEX_SCSI_STATUS_GOOD;
    cmd->transferred = s->transfer < cmd->data_len ? s->transfer : cmd->data_len;
    memset(cmd->data, 0x11, cmd->transferred);
    return TOCEX_OK;
}

static void scripted_close(void *ctx) { (void)ctx; }

static const tocex_device_ops scripted_ops = {"scripted", scripted_execute, scripted_close};

static void expect_mapping(uint8_t key, uint8_t asc, uint8_t ascq, bool mounted, NTSTATUS want, unsigned want_calls)
{
    struct scripted s = {.failures = 100, .status = TOCEX_SCSI_STATUS_CHECK_CONDITION,
                         .sense = {key, asc, ascq}, .transfer = 20};
    tocex_device *dev = tocex_device_new(&scripted_ops, &s);
    tocex_win_options opts = {.no_volume_mounted = !mounted};
    uint8_t in[4] = {0}, out[64];
    uint32_t info = 99;
    NTSTATUS got = tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, sizeof out, &info, &opts);
    if (got != want || s.calls != want_calls)
        fail_msg("sense %x/%02x/%02x: got %s after %u calls, want %s after %u", key, asc, ascq,
                 tocex_win_status_name(got), s.calls, tocex_win_status_name(want), want_calls);
    assert_int_equal(info, 0);
    tocex_device_close(dev);
}

static void test_sense_mapping(void **state)
{
    (void)state;
    /* not retried: one call */
    expect_mapping(2, 0x3A, 0x00, true, STATUS_NO_MEDIA_IN_DEVICE, 1);
    expect_mapping(2, 0x3A, 0x02, true, STATUS_NO_MEDIA_IN_DEVICE, 1);
    expect_mapping(5, 0x24, 0x00, true, STATUS_INVALID_DEVICE_REQUEST, 1);
    expect_mapping(5, 0x20, 0x00, true, STATUS_INVALID_DEVICE_REQUEST, 1);
    expect_mapping(5, 0x21, 0x00, true, STATUS_NONEXISTENT_SECTOR, 1);
    expect_mapping(5, 0x30, 0x02, true, STATUS_UNRECOGNIZED_MEDIA, 1);
    expect_mapping(6, 0x28, 0x00, true, STATUS_VERIFY_REQUIRED, 1);
    expect_mapping(2, 0x04, 0x03, true, STATUS_NO_MEDIA_IN_DEVICE, 1);
    expect_mapping(2, 0x04, 0x04, true, STATUS_DEVICE_NOT_READY, 1);
    expect_mapping(3, 0x11, 0x00, true, STATUS_DEVICE_DATA_ERROR, 1);
    expect_mapping(8, 0x00, 0x00, true, STATUS_NO_DATA_DETECTED, 1);
    /* retried: 1 + 5 calls, then the status */
    expect_mapping(2, 0x04, 0x01, true, STATUS_DEVICE_NOT_READY, 6);
    expect_mapping(2, 0x04, 0x07, true, STATUS_DEVICE_BUSY, 6);
    expect_mapping(2, 0x04, 0x08, true, STATUS_DEVICE_BUSY, 6);
    expect_mapping(4, 0x08, 0x00, true, STATUS_IO_DEVICE_ERROR, 6);
    expect_mapping(0xB, 0x00, 0x00, true, STATUS_IO_DEVICE_ERROR, 6);
    expect_mapping(6, 0x28, 0x00, false, STATUS_IO_DEVICE_ERROR, 6);
}

static void test_retry_then_success_and_short_transfers(void **state)
{
    struct scripted s = {.failures = 2, .status = TOCEX_SCSI_STATUS_CHECK_CONDITION,
                         .sense = {2, 0x04, 0x01}, .transfer = 20};
    tocex_device *dev = tocex_device_new(&scripted_ops, &s);
    uint8_t in[4] = {0}, out[64];
    uint32_t info = 0;
    (void)state;
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, sizeof out, &info, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(s.calls, 3);
    assert_int_equal(info, 20);
    /* a device moving fewer than 2 bytes: READ_TOC_EX fails, READ_TOC does not check */
    s.calls = 0;
    s.failures = 0;
    s.transfer = 1;
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, sizeof out, &info, NULL),
                     STATUS_INVALID_DEVICE_REQUEST);
    assert_int_equal(info, 0);
    {
        uint8_t big[804];
        assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC, NULL, 0, big, sizeof big, &info, NULL),
                         STATUS_SUCCESS);
        assert_int_equal(info, 1);
    }
    /* BUSY status: retried as DEVICE_NOT_READY */
    s.calls = 0;
    s.failures = 100;
    s.status = TOCEX_SCSI_STATUS_BUSY;
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, sizeof out, &info, NULL),
                     STATUS_DEVICE_NOT_READY);
    assert_int_equal(s.calls, 6);
    /* transport timeout */
    s.calls = 0;
    s.transport = TOCEX_E_TIMEOUT;
    assert_int_equal(tocex_win_device_io_control(dev, IOCTL_CDROM_READ_TOC_EX, in, 4, out, sizeof out, &info, NULL),
                     STATUS_IO_TIMEOUT);
    /* unknown code */
    assert_int_equal(tocex_win_device_io_control(dev, 0x00024004, in, 4, out, sizeof out, &info, NULL),
                     STATUS_INVALID_DEVICE_REQUEST);
    tocex_device_close(dev);
}

static void test_cdb_and_names(void **state)
{
    (void)state;
    assert_int_equal(IOCTL_CDROM_READ_TOC_EX, 0x00024054);
    assert_int_equal(IOCTL_CDROM_READ_TOC, 0x00024000);
    assert_int_equal(IOCTL_CDROM_GET_LAST_SESSION, 0x00024038);
    assert_int_equal(tocex_win_ioctl_from_name("READ_TOC_EX"), IOCTL_CDROM_READ_TOC_EX);
    assert_int_equal(tocex_win_ioctl_from_name("ioctl_cdrom_get_last_session"), IOCTL_CDROM_GET_LAST_SESSION);
    assert_int_equal(tocex_win_ioctl_from_name("READ_TOC_EXX"), 0);
    assert_string_equal(tocex_win_status_name(STATUS_BUFFER_TOO_SMALL), "STATUS_BUFFER_TOO_SMALL");
    assert_int_equal((uint32_t)STATUS_INVALID_PARAMETER, 0xC000000Du);
    assert_int_equal((uint32_t)STATUS_INFO_LENGTH_MISMATCH, 0xC0000004u);
    assert_false(NT_SUCCESS(STATUS_VERIFY_REQUIRED)); /* a warning, not success */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cdb_and_names),
        cmocka_unit_test(test_golden_outputs),
        cmocka_unit_test(test_input_space),
        cmocka_unit_test(test_alignment_mask),
        cmocka_unit_test(test_sense_mapping),
        cmocka_unit_test(test_retry_then_success_and_short_transfers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
