/* The Windows entry point with any input buffer, code and output length, against an emulated
 * drive and against a drive answering garbage. Properties: Information never exceeds the output
 * length (except the documented sizes reported with STATUS_BUFFER_TOO_SMALL) and every status is
 * one the driver can produce. */
#include "fuzz_common.h"
#include "fuzz_common.c.inc"
#include "tocex/win.h"

static uint8_t out[0x10000];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t codes[] = {IOCTL_CDROM_READ_TOC_EX, IOCTL_CDROM_READ_TOC, IOCTL_CDROM_GET_LAST_SESSION,
                                     0x00024004};
    tocex_disc *disc = NULL;
    tocex_device *dev;
    fuzz_stream stream;
    uint32_t code, out_len, in_len, info = 0;
    NTSTATUS st;
    tocex_win_options opts;
    if (size < 8)
        return 0;
    code = codes[data[0] & 3];
    out_len = ((uint32_t)data[1] << 8 | data[2]) + ((data[0] & 4) ? 1u : 0u);
    if (data[0] & 8)
        out_len += 0xFF00;
    in_len = data[3] % 8;
    memset(&opts, 0, sizeof opts);
    opts.alignment_mask = (data[0] >> 4) & 1;
    opts.no_volume_mounted = (data[0] >> 5) & 1;
    if (data[0] & 0x40) {
        stream.data = data + 8;
        stream.size = size - 8;
        stream.pos = 0;
        stream.commands = 0;
        dev = fuzz_stream_device(&stream);
    } else {
        disc = fuzz_disc(data[4]);
        dev = tocex_emu_open(disc->media == TOCEX_MEDIA_NONE ? NULL : disc, NULL, NULL);
    }
    FUZZ_CHECK(dev != NULL);
    st = tocex_win_device_io_control(dev, code, data + 4, in_len, out, out_len > sizeof out ? (uint32_t)sizeof out : out_len,
                                     &info, &opts);
    FUZZ_CHECK(tocex_win_status_name(st) != NULL);
    if (st == STATUS_BUFFER_TOO_SMALL)
        FUZZ_CHECK(info == 2 || info == 12 || info == 804);
    else
        FUZZ_CHECK(info <= out_len);
    tocex_device_close(dev);
    if (disc != NULL)
        fuzz_disc_free(disc);
    return 0;
}
