#include "tocex/mmc.h"

static const char *const key_names[16] = {
    "NO SENSE",        "RECOVERED ERROR", "NOT READY",       "MEDIUM ERROR",
    "HARDWARE ERROR",  "ILLEGAL REQUEST", "UNIT ATTENTION",  "DATA PROTECT",
    "BLANK CHECK",     "VENDOR SPECIFIC", "COPY ABORTED",    "ABORTED COMMAND",
    "EQUAL (obsolete)", "VOLUME OVERFLOW", "MISCOMPARE",      "COMPLETED",
};

const char *tocex_sense_key_name(uint8_t key) { return key_names[key & 0x0F]; }

static const struct {
    uint8_t asc, ascq;
    const char *text;
} asc_table[] = {
    {0x00, 0x00, "NO ADDITIONAL SENSE INFORMATION"},
    {0x04, 0x00, "LOGICAL UNIT NOT READY, CAUSE NOT REPORTABLE"},
    {0x04, 0x01, "LOGICAL UNIT IS IN PROCESS OF BECOMING READY"},
    {0x04, 0x02, "LOGICAL UNIT NOT READY, INITIALIZING COMMAND REQUIRED"},
    {0x1A, 0x00, "PARAMETER LIST LENGTH ERROR"},
    {0x20, 0x00, "INVALID COMMAND OPERATION CODE"},
    {0x21, 0x00, "LOGICAL BLOCK ADDRESS OUT OF RANGE"},
    {0x24, 0x00, "INVALID FIELD IN CDB"},
    {0x25, 0x00, "LOGICAL UNIT NOT SUPPORTED"},
    {0x28, 0x00, "NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED"},
    {0x29, 0x00, "POWER ON, RESET, OR BUS DEVICE RESET OCCURRED"},
    {0x30, 0x00, "INCOMPATIBLE MEDIUM INSTALLED"},
    {0x30, 0x02, "CANNOT READ MEDIUM - INCOMPATIBLE FORMAT"},
    {0x3A, 0x00, "MEDIUM NOT PRESENT"},
    {0x3A, 0x01, "MEDIUM NOT PRESENT - TRAY CLOSED"},
    {0x3A, 0x02, "MEDIUM NOT PRESENT - TRAY OPEN"},
    {0x57, 0x00, "UNABLE TO RECOVER TABLE-OF-CONTENTS"},
    {0x64, 0x00, "ILLEGAL MODE FOR THIS TRACK"},
};

const char *tocex_sense_asc_name(uint8_t asc, uint8_t ascq)
{
    for (size_t i = 0; i < sizeof asc_table / sizeof asc_table[0]; i++)
        if (asc_table[i].asc == asc && asc_table[i].ascq == ascq)
            return asc_table[i].text;
    for (size_t i = 0; i < sizeof asc_table / sizeof asc_table[0]; i++)
        if (asc_table[i].asc == asc)
            return asc_table[i].text;
    return "UNKNOWN ADDITIONAL SENSE CODE";
}

void tocex_mmc_build_read_toc(uint8_t cdb[10], unsigned format, bool msf, uint8_t track_session,
                              uint16_t allocation)
{
    for (int i = 0; i < 10; i++)
        cdb[i] = 0;
    cdb[0] = TOCEX_OP_READ_TOC_PMA_ATIP;
    cdb[1] = msf ? 0x02 : 0x00;
    cdb[2] = (uint8_t)(format & 0x0F);
    cdb[6] = track_session;
    cdb[7] = (uint8_t)(allocation >> 8);
    cdb[8] = (uint8_t)allocation;
}

unsigned tocex_mmc_read_toc_format(const uint8_t *cdb, size_t cdb_len)
{
    unsigned format;
    if (cdb_len < 3)
        return 0;
    format = cdb[2] & 0x0F;
    /* SFF-8020i: "When Format in Byte 2 is zero, then Byte 9 is used." */
    if (format == 0 && cdb_len >= 10)
        format = (unsigned)cdb[9] >> 6;
    return format;
}
