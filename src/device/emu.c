/* The emulated drive: a device that answers CDBs from a disc model.
 *
 * Dispatch is a table of {opcode, handler} rows (the shape QEMU's scsi-disk uses, but with the
 * wire encoding kept in pure functions in src/mmc/encode*.c). The drive adds what a transport
 * needs around them: readiness (no medium, UNIT ATTENTION after a disc change), pending sense
 * for REQUEST SENSE, and truncation of data-in to the allocation length and the buffer. */
#include <stdlib.h>
#include <string.h>

#include "mmc/encode.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

static const char emu_kind[] = "emulated";

typedef struct emu_drive {
    tocex_disc *disc; /* NULL: no medium */
    uint32_t quirks;
    tocex_mmc_ident ident;
    bool unit_attention; /* a disc was inserted and no command has seen it yet */
    bool have_pending;
    tocex_sense pending; /* sense of the last CHECK CONDITION, for REQUEST SENSE */
    tocex_buf answer;    /* each command's answer is built here; kept between commands so its
                          * storage is allocated once, not per command */
    /* `answer` still holds the READ TOC answer built for toc_cdb (allocation length bytes 7-8
     * zeroed) by the command just before: a host asking the same again with another allocation
     * length (the usual probe, then the whole answer) gets it without a rebuild. */
    bool toc_cached;
    uint8_t toc_cdb[16];
    size_t toc_cdb_len;
} emu_drive;

typedef tocex_status (*emu_handler)(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out, tocex_sense *sense);

typedef struct emu_row {
    uint8_t opcode;
    uint8_t cdb_len;      /* minimum CDB length */
    bool needs_medium;    /* 02/3A/00 when the drive is empty */
    bool no_attention;    /* INQUIRY and REQUEST SENSE never report the UNIT ATTENTION */
    bool keeps_sense;     /* a GOOD completion leaves the pending sense alone */
    size_t (*allocation)(const tocex_cmd *cmd);
    emu_handler handler;
} emu_row;

/* ---- allocation length fields ---- */
static size_t alloc_byte4(const tocex_cmd *cmd) { return tocex_mmc_cdb_u8(cmd->cdb, cmd->cdb_len, 4); }
/* INQUIRY: bytes 3-4 since SPC-3; SCSI-2 hosts leave byte 3 zero and give byte 4. */
static size_t alloc_bytes34(const tocex_cmd *cmd) { return tocex_mmc_cdb_be16(cmd->cdb, cmd->cdb_len, 3); }
static size_t alloc_bytes78(const tocex_cmd *cmd) { return tocex_mmc_cdb_be16(cmd->cdb, cmd->cdb_len, 7); }
static size_t alloc_unlimited(const tocex_cmd *cmd)
{
    (void)cmd;
    return SIZE_MAX;
}

/* ---- handlers ---- */
static tocex_status handle_test_unit_ready(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out, tocex_sense *sense)
{
    (void)d;
    (void)cmd;
    (void)out;
    (void)sense;
    return TOCEX_OK; /* readiness was checked by the dispatcher */
}

/* REQUEST SENSE: the pending sense (then cleared); with none pending, the condition the drive
 * is in — a pending UNIT ATTENTION (consumed, as SPC has REQUEST SENSE clear it), no medium,
 * or NO SENSE. Always fixed format (70h). */
static tocex_status handle_request_sense(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out, tocex_sense *sense)
{
    uint8_t raw[18];
    tocex_sense s = {TOCEX_SK_NO_SENSE, 0, 0};
    /* DESC=1 asks for descriptor-format sense, which this drive does not produce: SPC has the
     * device server reject the request with INVALID FIELD IN CDB rather than answer fixed
     * format unasked. */
    if (tocex_mmc_cdb_u8(cmd->cdb, cmd->cdb_len, 1) & 0x01) {
        *sense = TOCEX_SENSE_INVALID_FIELD;
        return TOCEX_E_CHECK_CONDITION;
    }
    if (d->have_pending) {
        s = d->pending;
        d->have_pending = false;
    } else if (d->unit_attention) {
        s = TOCEX_SENSE_MEDIUM_CHANGED;
        d->unit_attention = false;
    } else if (d->disc == NULL) {
        s = TOCEX_SENSE_NO_MEDIUM;
    }
    tocex_sense_build_fixed(raw, s);
    return tocex_buf_put_bytes(out, raw, sizeof raw) ? TOCEX_OK : TOCEX_E_NOMEM;
}

static tocex_status handle_inquiry(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out, tocex_sense *sense)
{
    return tocex_mmc_encode_inquiry(&d->ident, cmd->cdb, cmd->cdb_len, out, sense);
}

static tocex_status handle_read_capacity(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out, tocex_sense *sense)
{
    return tocex_mmc_encode_read_capacity(d->disc, cmd->cdb, cmd->cdb_len, out, sense);
}

static tocex_status handle_get_configuration(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out,
                                             tocex_sense *sense)
{
    return tocex_mmc_encode_get_configuration(d->disc, cmd->cdb, cmd->cdb_len, out, sense);
}

static tocex_status handle_disc_information(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out,
                                            tocex_sense *sense)
{
    return tocex_mmc_encode_disc_information(d->disc, cmd->cdb, cmd->cdb_len, out, sense);
}

/*
 * READ TOC/PMA/ATIP. The encoder builds the complete answer; the dispatcher transfers
 * min(answer, allocation). TOCEX_QUIRK_DATA_LENGTH_TRUNCATED instead does what DOSBox-X does for
 * OAKCDROM.SYS ("if we signal more data than its buffer, it will reject our response"): keep only
 * the whole descriptors that fit the allocation length and shrink Data Length to match (at
 * least the 4-byte header is kept, Data Length 2). MMC forbids this (§1.4, Open question 1), so
 * it is off by default.
 */
static tocex_status handle_read_toc(emu_drive *d, const tocex_cmd *cmd, tocex_buf *out, tocex_sense *sense)
{
    tocex_status st = tocex_mmc_encode_read_toc(d->disc, cmd->cdb, cmd->cdb_len, d->quirks, out, sense);
    size_t alloc, unit, kept;
    if (st != TOCEX_OK || !(d->quirks & TOCEX_QUIRK_DATA_LENGTH_TRUNCATED))
        return st;
    alloc = alloc_bytes78(cmd);
    if (alloc >= out->len)
        return TOCEX_OK;
    if (cmd->cdb_len < 10)
        return TOCEX_OK;
    unit = tocex_mmc_toc_unit_size(tocex_mmc_read_toc_format(cmd->cdb, cmd->cdb_len), out->len);
    kept = 4;
    if (unit > 0 && alloc > 4)
        kept += (alloc - 4) / unit * unit;
    if (kept < out->len) {
        out->len = kept;
        (void)tocex_buf_set_u16be(out, 0, (uint16_t)(kept - 2));
    }
    return TOCEX_OK;
}

static const emu_row emu_table[] = {
    {TOCEX_OP_TEST_UNIT_READY, 6, true, false, false, alloc_unlimited, handle_test_unit_ready},
    {TOCEX_OP_REQUEST_SENSE, 6, false, true, true, alloc_byte4, handle_request_sense},
    {TOCEX_OP_INQUIRY, 6, false, true, true, alloc_bytes34, handle_inquiry},
    {TOCEX_OP_READ_CAPACITY, 10, true, false, false, alloc_unlimited, handle_read_capacity},
    {TOCEX_OP_READ_TOC_PMA_ATIP, 10, true, false, false, alloc_bytes78, handle_read_toc},
    {TOCEX_OP_GET_CONFIGURATION, 10, false, false, false, alloc_bytes78, handle_get_configuration},
    {TOCEX_OP_READ_DISC_INFORMATION, 10, true, false, false, alloc_bytes78, handle_disc_information},
};

/* The CDB asks for what toc_cdb asked for, whatever its allocation length (bytes 7-8; a READ
 * TOC CDB is at least 10 bytes once the dispatcher has checked it). */
static bool same_toc_request(const emu_drive *d, const tocex_cmd *cmd)
{
    if (cmd->cdb_len != d->toc_cdb_len || cmd->cdb_len < 10)
        return false;
    for (size_t i = 0; i < cmd->cdb_len; i++)
        if (i != 7 && i != 8 && cmd->cdb[i] != d->toc_cdb[i])
            return false;
    return true;
}

static const emu_row *find_row(uint8_t opcode)
{
    for (size_t i = 0; i < sizeof emu_table / sizeof emu_table[0]; i++)
        if (emu_table[i].opcode == opcode)
            return &emu_table[i];
    return NULL;
}

static void set_check_condition(emu_drive *d, tocex_cmd *cmd, tocex_sense sense)
{
    uint8_t raw[18];
    tocex_sense_build_fixed(raw, sense);
    memcpy(cmd->sense_raw, raw, sizeof raw);
    cmd->sense_len = sizeof raw;
    cmd->sense = sense;
    cmd->status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    cmd->transferred = 0;
    d->pending = sense;
    d->have_pending = true;
}

static tocex_status emu_execute(void *ctx, tocex_cmd *cmd, tocex_error *err)
{
    emu_drive *d = ctx;
    const emu_row *row;
    tocex_buf *out;
    tocex_sense sense = {0, 0, 0};
    tocex_status st;
    size_t n, alloc;
    bool toc_cached;
    if (d == NULL || cmd == NULL || cmd->cdb == NULL || cmd->cdb_len == 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "emulated drive: no command");
    toc_cached = d->toc_cached;
    d->toc_cached = false; /* kept only from one command to the next */
    cmd->transferred = 0;
    cmd->transferred_known = true;
    row = find_row(tocex_mmc_cdb_u8(cmd->cdb, cmd->cdb_len, 0));
    if (d->unit_attention && (row == NULL || !row->no_attention)) {
        /* First command after a disc change, whatever it is (INQUIRY and REQUEST SENSE aside):
         * UNIT ATTENTION, NOT READY TO READY CHANGE, reported once, as MMC drives do. (QEMU's
         * ATAPI code first answers 02/3A/00 once, then 06/28/00; not emulated.) */
        d->unit_attention = false;
        set_check_condition(d, cmd, TOCEX_SENSE_MEDIUM_CHANGED);
        return TOCEX_OK;
    }
    if (row == NULL) {
        /* Unknown opcode: INVALID COMMAND OPERATION CODE (Linux sr maps it to "drive can't do
         * this"). */
        set_check_condition(d, cmd, TOCEX_SENSE_INVALID_OPCODE);
        return TOCEX_OK;
    }
    if (cmd->cdb_len < row->cdb_len) {
        set_check_condition(d, cmd, TOCEX_SENSE_INVALID_FIELD);
        return TOCEX_OK;
    }
    if (row->needs_medium && d->disc == NULL) {
        set_check_condition(d, cmd, TOCEX_SENSE_NO_MEDIUM);
        return TOCEX_OK;
    }
    out = &d->answer;
    if (row->handler == handle_read_toc && toc_cached && same_toc_request(d, cmd)) {
        st = TOCEX_OK;
        d->toc_cached = true;
    } else {
        out->len = 0;
        out->failed = false;
        st = row->handler(d, cmd, out, &sense);
        if (st == TOCEX_OK && row->handler == handle_read_toc && !(d->quirks & TOCEX_QUIRK_DATA_LENGTH_TRUNCATED) &&
            cmd->cdb_len <= sizeof d->toc_cdb) {
            /* (the truncation quirk fits the answer to the allocation length: not reusable) */
            memcpy(d->toc_cdb, cmd->cdb, cmd->cdb_len);
            d->toc_cdb[7] = d->toc_cdb[8] = 0;
            d->toc_cdb_len = cmd->cdb_len;
            d->toc_cached = true;
        }
    }
    if (st == TOCEX_E_CHECK_CONDITION) {
        set_check_condition(d, cmd, sense);
        return TOCEX_OK;
    }
    if (st != TOCEX_OK) {
        return tocex_error_set(err, st, "emulated drive: opcode %02Xh could not be answered (%s)",
                               tocex_mmc_cdb_u8(cmd->cdb, cmd->cdb_len, 0),
                               tocex_strerror(st));
    }
    /* Data-in: the answer, cut to the CDB's allocation length and to the caller's buffer
     * (an allocation length of 0 transfers nothing and is not an error). */
    n = out->len;
    alloc = row->allocation(cmd);
    if (n > alloc)
        n = alloc;
    if (n > cmd->data_len)
        n = cmd->data_len;
    if (n > 0 && cmd->data != NULL)
        memcpy(cmd->data, out->data, n);
    else
        n = 0;
    cmd->transferred = n;
    cmd->status = TOCEX_SCSI_STATUS_GOOD;
    cmd->sense_len = 0;
    if (!row->keeps_sense)
        d->have_pending = false;
    return TOCEX_OK;
}

static void emu_free_disc(emu_drive *d)
{
    if (d->disc != NULL) {
        tocex_disc_free(d->disc);
        free(d->disc);
        d->disc = NULL;
    }
}

static void emu_close(void *ctx)
{
    emu_drive *d = ctx;
    if (d == NULL)
        return;
    emu_free_disc(d);
    tocex_buf_free(&d->answer);
    free(d);
}

static const tocex_device_ops emu_ops = {emu_kind, emu_execute, emu_close};

/* Copy a disc for the drive and check it (finish validates and derives; a model already
 * finished comes out the same). NULL disc or media NONE: *out = NULL (empty drive). */
static tocex_status copy_disc(const tocex_disc *disc, tocex_disc **out, tocex_error *err)
{
    tocex_disc *copy;
    tocex_status st;
    *out = NULL;
    if (disc == NULL || disc->media == TOCEX_MEDIA_NONE)
        return TOCEX_OK;
    copy = malloc(sizeof *copy);
    if (copy == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for the emulated drive's disc");
    st = tocex_disc_copy(copy, disc, err);
    if (st != TOCEX_OK) {
        free(copy);
        return st;
    }
    st = tocex_disc_finish(copy, err);
    if (st != TOCEX_OK) {
        tocex_disc_free(copy);
        free(copy);
        return st;
    }
    *out = copy;
    return TOCEX_OK;
}

/* Space-pad `src` (at most `width` bytes of it) into a fixed INQUIRY field. */
static void pad_field(char *dst, size_t width, const char *src, const char *fallback)
{
    size_t n = 0;
    if (src == NULL || src[0] == '\0')
        src = fallback;
    while (n < width && src[n] != '\0') {
        char c = src[n];
        dst[n] = (c >= 0x20 && c < 0x7F) ? c : ' '; /* INQUIRY strings are printable ASCII */
        n++;
    }
    while (n < width)
        dst[n++] = ' ';
}

/* Finish a disc the drive owns; NULL or media NONE become an empty drive (the disc freed). */
static tocex_status take_disc(tocex_disc *disc, tocex_disc **out, tocex_error *err)
{
    tocex_status st;
    *out = NULL;
    if (disc == NULL)
        return TOCEX_OK;
    if (disc->media == TOCEX_MEDIA_NONE) {
        tocex_disc_free(disc);
        free(disc);
        return TOCEX_OK;
    }
    st = tocex_disc_finish(disc, err);
    if (st != TOCEX_OK) {
        tocex_disc_free(disc);
        free(disc);
        return st;
    }
    *out = disc;
    return TOCEX_OK;
}

/* A drive around d->disc (already set); frees d on failure. */
static tocex_device *open_drive(emu_drive *d, const tocex_emu_options *opts, tocex_error *err)
{
    tocex_device *dev;
    char revision[5] = {0};
    const char *version = tocex_version();
    char vendor[9] = {0}, product[17] = {0}, rev_opt[5] = {0};
    if (opts != NULL) {
        d->quirks = opts->quirks;
        memcpy(vendor, opts->vendor, sizeof vendor - 1);
        memcpy(product, opts->product, sizeof product - 1);
        memcpy(rev_opt, opts->revision, sizeof rev_opt - 1);
    }
    /* Default revision: the library version cut to the 4-byte field ("0.1.0" -> "0.1"). */
    for (size_t i = 0; i < 4 && version != NULL && version[i] != '\0'; i++)
        revision[i] = version[i];
    if (revision[3] == '.')
        revision[3] = '\0';
    pad_field(d->ident.vendor, sizeof d->ident.vendor, vendor, "TOCEX");
    pad_field(d->ident.product, sizeof d->ident.product, product, "EMULATED DRIVE");
    pad_field(d->ident.revision, sizeof d->ident.revision, rev_opt, revision);
    dev = tocex_device_new(&emu_ops, d);
    if (dev == NULL) {
        emu_close(d);
        tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for the emulated drive");
        return NULL;
    }
    return dev;
}

tocex_device *tocex_emu_open(const tocex_disc *disc, const tocex_emu_options *opts, tocex_error *err)
{
    emu_drive *d = calloc(1, sizeof *d);
    if (d == NULL) {
        tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for the emulated drive");
        return NULL;
    }
    tocex_buf_init(&d->answer);
    if (copy_disc(disc, &d->disc, err) != TOCEX_OK) {
        free(d);
        return NULL;
    }
    return open_drive(d, opts, err);
}

tocex_device *tocex_emu_open_owned(tocex_disc *disc, const tocex_emu_options *opts, tocex_error *err)
{
    emu_drive *d = calloc(1, sizeof *d);
    if (d == NULL) {
        if (disc != NULL) {
            tocex_disc_free(disc);
            free(disc);
        }
        tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for the emulated drive");
        return NULL;
    }
    tocex_buf_init(&d->answer);
    if (take_disc(disc, &d->disc, err) != TOCEX_OK) {
        free(d);
        return NULL;
    }
    return open_drive(d, opts, err);
}

static emu_drive *emu_of(tocex_device *dev)
{
    if (dev == NULL || tocex_device_kind(dev) != emu_kind)
        return NULL;
    return tocex_device_context(dev);
}

tocex_status tocex_emu_insert(tocex_device *dev, const tocex_disc *disc, tocex_error *err)
{
    emu_drive *d = emu_of(dev);
    tocex_disc *copy;
    tocex_status st;
    if (d == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "not an emulated drive");
    if (disc == NULL || disc->media == TOCEX_MEDIA_NONE)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "no disc to insert");
    st = copy_disc(disc, &copy, err);
    if (st != TOCEX_OK)
        return st;
    emu_free_disc(d);
    d->disc = copy;
    d->toc_cached = false;
    d->unit_attention = true;
    d->have_pending = false; /* what happened to the old medium no longer matters */
    return TOCEX_OK;
}

void tocex_emu_eject(tocex_device *dev)
{
    emu_drive *d = emu_of(dev);
    if (d == NULL)
        return;
    emu_free_disc(d);
    d->toc_cached = false;
    d->unit_attention = false;
    d->have_pending = false;
}

const tocex_disc *tocex_emu_disc(tocex_device *dev)
{
    emu_drive *d = emu_of(dev);
    return d != NULL ? d->disc : NULL;
}

/* ---- quirk names ---- */
static const struct {
    uint32_t bit;
    const char *name;
} quirk_names[] = {
    {TOCEX_QUIRK_LEADOUT_CONTROL_DATA, "leadout-control-data"},
    {TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION, "cdtext-absent-check-condition"},
    {TOCEX_QUIRK_LEGACY_FULLTOC_BCD, "legacy-fulltoc-bcd"},
    {TOCEX_QUIRK_DATA_LENGTH_TRUNCATED, "data-length-truncated"},
    {TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT, "noncd-incompatible-format"},
    {TOCEX_QUIRK_FULLTOC_BCD, "fulltoc-bcd"},
};

uint32_t tocex_emu_quirk_from_name(const char *name)
{
    if (name == NULL)
        return 0;
    for (size_t i = 0; i < sizeof quirk_names / sizeof quirk_names[0]; i++)
        if (strcmp(quirk_names[i].name, name) == 0)
            return quirk_names[i].bit;
    return 0;
}

const char *tocex_emu_quirk_name(uint32_t quirk)
{
    for (size_t i = 0; i < sizeof quirk_names / sizeof quirk_names[0]; i++)
        if (quirk_names[i].bit == quirk)
            return quirk_names[i].name;
    return NULL;
}
