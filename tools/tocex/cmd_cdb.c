/* tocex cdb: one raw CDB to the source's device; the result whatever the outcome. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hexarg.h"

#define CDB_MAX 16
#define CDB_MAX_TRANSFER (16u * 1024u * 1024u)

/* The allocation length a CDB carries, by operation code group (SPC-4 4.2.5 / MMC). */
static uint64_t allocation_length(const uint8_t *cdb, size_t len)
{
    uint8_t op = cdb[0];
    /* Reads carry a transfer length in blocks, not bytes: size the buffer for the largest
     * sector the command can return (2048 user bytes; READ CD up to 2352 + 96 subchannel). */
    if (op == 0x08) /* READ(6): 0 means 256 blocks (SBC) */
        return len >= 5 ? (uint64_t)(cdb[4] == 0 ? 256u : cdb[4]) * 2048u : 0;
    if (op == 0x28)
        return len >= 9 ? (uint64_t)tocex_be16(cdb + 7) * 2048u : 0;
    if (op == 0xA8)
        return len >= 10 ? (uint64_t)tocex_be32(cdb + 6) * 2048u : 0;
    if (op == 0xBE) /* READ CD (MMC): bytes 6-8 */
        return len >= 9 ? (uint64_t)((uint32_t)cdb[6] << 16 | (uint32_t)cdb[7] << 8 | cdb[8]) * 2448u : 0;
    switch (op >> 5) {
    case 0: /* 6-byte CDBs: INQUIRY has a 16-bit field in bytes 3-4 (SPC-3), the others byte 4 */
        if (op == TOCEX_OP_INQUIRY)
            return len >= 5 ? tocex_be16(cdb + 3) : 0;
        return len >= 5 ? cdb[4] : 0;
    case 1:
    case 2: /* 10-byte CDBs: bytes 7-8 (READ TOC/PMA/ATIP, GET CONFIGURATION, MODE SENSE(10), ...) */
        return len >= 9 ? tocex_be16(cdb + 7) : 0;
    case 4: /* 16-byte CDBs: bytes 10-13 */
        return len >= 14 ? tocex_be32(cdb + 10) : 0;
    case 5: /* 12-byte CDBs: bytes 6-9 */
        return len >= 10 ? tocex_be32(cdb + 6) : 0;
    default:
        return 0;
    }
}

static const char *scsi_status_name(uint8_t status, char *buf, size_t size)
{
    switch (status) {
    case 0x00: return "GOOD";
    case 0x02: return "CHECK CONDITION";
    case 0x04: return "CONDITION MET";
    case 0x08: return "BUSY";
    case 0x18: return "RESERVATION CONFLICT";
    case 0x28: return "TASK SET FULL";
    case 0x30: return "ACA ACTIVE";
    case 0x40: return "TASK ABORTED";
    default: cli_snformat(buf, size, "0x%02x", status); return buf;
    }
}

int cmd_cdb(const cli_args *args)
{
    uint8_t cdb[CDB_MAX];
    size_t cdb_len = 0;
    uint64_t alloc64;
    size_t alloc;
    uint8_t *data = NULL;
    tocex_device *dev;
    tocex_cmd cmd;
    tocex_error err;
    tocex_status st;
    char namebuf[8];
    const char *status;
    int rc;

    if (args->operand_count == 0) {
        fprintf(stderr, "tocex: cdb: no CDB bytes given\nusage: tocex cdb SOURCE HH HH ...\n");
        return CLI_EXIT_USAGE;
    }
    for (size_t i = 0; i < args->operand_count; i++)
        if (!cli_hex_parse(args->operands[i], cdb, sizeof cdb, &cdb_len)) {
            fprintf(stderr, "tocex: cdb: '%s' is not hex bytes (or the CDB is longer than %d bytes)\n",
                    args->operands[i], CDB_MAX);
            return CLI_EXIT_USAGE;
        }
    if (cdb_len == 0) {
        fprintf(stderr, "tocex: cdb: no CDB bytes given\n");
        return CLI_EXIT_USAGE;
    }
    alloc64 = allocation_length(cdb, cdb_len);
    if (alloc64 > CDB_MAX_TRANSFER) {
        fprintf(stderr, "tocex: cdb: allocation length %llu is more than this program transfers (%u)\n",
                (unsigned long long)alloc64, CDB_MAX_TRANSFER);
        return CLI_EXIT_USAGE;
    }
    alloc = (size_t)alloc64;
    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return cli_json_open_failure(args, rc);
    if (alloc > 0 && (data = calloc(1, alloc)) == NULL) {
        tocex_device_close(dev);
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    tocex_cmd_init(&cmd, cdb, cdb_len, data, alloc);
    tocex_error_clear(&err);
    st = tocex_device_execute(dev, &cmd, &err);
    if (cmd.transferred > alloc)
        cmd.transferred = alloc;

    if (st != TOCEX_OK) {
        /* The command did not complete: no SCSI status to show. */
        if (args->output == CLI_OUT_JSON) {
            json_t *o = json_object();
            json_object_set_new(o, "status", json_string("TRANSPORT ERROR"));
            json_object_set_new(o, "error", json_string(err.message[0] != '\0' ? err.message : tocex_strerror(st)));
            json_object_set_new(o, "data", json_string(""));
            cli_json_emit(o);
        }
        cli_error("%s: %s", tocex_device_name(dev), err.message[0] != '\0' ? err.message : tocex_strerror(st));
        rc = CLI_EXIT_DEVICE;
        goto done;
    }
    status = scsi_status_name(cmd.status, namebuf, sizeof namebuf);
    rc = cmd.status == TOCEX_SCSI_STATUS_GOOD ? CLI_EXIT_OK : CLI_EXIT_DEVICE;
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        char *hex = cli_hex_string(data, cmd.transferred);
        json_object_set_new(o, "status", json_string(status));
        if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION)
            json_object_set_new(o, "sense", cli_json_sense(cmd.sense));
        json_object_set_new(o, "data", hex != NULL ? json_string(hex) : json_string(""));
        free(hex);
        if (cli_json_emit(o) != CLI_EXIT_OK)
            rc = CLI_EXIT_SOURCE;
    } else if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW) {
        if (cli_emit_bytes(args, data, cmd.transferred) != CLI_EXIT_OK)
            rc = CLI_EXIT_SOURCE;
        if (cmd.status != TOCEX_SCSI_STATUS_GOOD) {
            char text[160];
            cli_error("status %s%s%s", status, cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION ? ", sense " : "",
                      cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION ? cli_sense_text(cmd.sense, text, sizeof text)
                                                                        : "");
        }
    } else {
        cli_printf(CLI_STDOUT, "status: %s", status);
        if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION) {
            char text[160];
            cli_printf(CLI_STDOUT, ", sense %s", cli_sense_text(cmd.sense, text, sizeof text));
        }
        cli_printf(CLI_STDOUT, "\ntransferred: %zu of %zu byte(s)%s\n", cmd.transferred, alloc,
                   cmd.transferred_known ? "" : " (the transport cannot report a residual)");
        cli_print_hex(CLI_STDOUT, data, cmd.transferred);
    }
done:
    free(data);
    tocex_device_close(dev);
    return rc;
}
