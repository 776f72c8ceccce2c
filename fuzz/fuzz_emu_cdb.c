/* The emulated drive under hostile CDBs. Properties: it never transfers more than the allocation
 * length (nor the buffer), a READ TOC answer is a prefix of the complete answer, and the Data
 * Length field is the same for every allocation length (MMC: not modified when the allocation
 * length is insufficient). */
#include "fuzz_common.h"
#include "fuzz_common.c.inc"

static uint8_t full[0x10000], part[0x10000];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tocex_disc *disc;
    tocex_device *dev;
    uint8_t cdb[16];
    size_t cdb_len, buflen;
    tocex_cmd cmd;
    if (size < 4)
        return 0;
    disc = fuzz_disc(data[0]);
    dev = tocex_emu_open(disc->media == TOCEX_MEDIA_NONE ? NULL : disc, NULL, NULL);
    FUZZ_CHECK(dev != NULL);
    cdb_len = 6 + data[1] % 11;
    buflen = (size_t)data[2] << 8 | data[3];
    memset(cdb, 0, sizeof cdb);
    memcpy(cdb, data + 4, size - 4 < cdb_len ? size - 4 : cdb_len);
    if (data[0] & 0x80)
        cdb[0] = TOCEX_OP_READ_TOC_PMA_ATIP;
    tocex_cmd_init(&cmd, cdb, cdb_len, part, buflen);
    if (tocex_device_execute(dev, &cmd, NULL) == TOCEX_OK && cmd.status == TOCEX_SCSI_STATUS_GOOD) {
        size_t alloc = SIZE_MAX;
        FUZZ_CHECK(cmd.transferred <= buflen);
        if (cdb[0] == TOCEX_OP_READ_TOC_PMA_ATIP && cdb_len >= 10) {
            tocex_cmd again;
            uint8_t big[16];
            alloc = (size_t)cdb[7] << 8 | cdb[8];
            FUZZ_CHECK(cmd.transferred <= alloc);
            memcpy(big, cdb, sizeof big);
            big[7] = 0xFF, big[8] = 0xFF;
            tocex_cmd_init(&again, big, cdb_len, full, sizeof full);
            FUZZ_CHECK(tocex_device_execute(dev, &again, NULL) == TOCEX_OK);
            FUZZ_CHECK(again.status == TOCEX_SCSI_STATUS_GOOD);
            FUZZ_CHECK(cmd.transferred <= again.transferred);
            FUZZ_CHECK(memcmp(part, full, cmd.transferred) == 0);
            if (again.transferred >= 2)
                FUZZ_CHECK(((size_t)full[0] << 8 | full[1]) + 2 == again.transferred);
        }
    }
    tocex_device_close(dev);
    fuzz_disc_free(disc);
    return 0;
}
