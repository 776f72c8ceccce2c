/* sgio_probe: send raw data-in CDBs to a Linux SG_IO drive through the tocex SG_IO device and
 * print each answer as one JSON line in the shape of `tocex cdb --json`; list the drives.
 * Linked statically for the QEMU guest test (tests/cli/qemu_guest.sh).
 *
 *   sgio_probe cdb DEVICE HH HH ...   one command; exit 0 GOOD, 3 otherwise, 2 open failure
 *   sgio_probe open DEVICE [--exclusive] [--hold SECONDS] [--uid N]
 *                                     open only: prints the identity or the open error; --hold
 *                                     keeps the device open, --uid drops root first (setuid)
 *   sgio_probe drives                 tocex_sgio_list_drives
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tocex/mmc.h"
#include "tocex/sgio.h"

static const char *status_name(uint8_t status)
{
    switch (status) {
    case TOCEX_SCSI_STATUS_GOOD: return "GOOD";
    case TOCEX_SCSI_STATUS_CHECK_CONDITION: return "CHECK CONDITION";
    case TOCEX_SCSI_STATUS_BUSY: return "BUSY";
    default: return "OTHER";
    }
}

static void print_json_string(const char *s)
{
    putchar('"');
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static int open_error(const char *path, const tocex_error *err)
{
    printf("{\"device\": ");
    print_json_string(path);
    printf(", \"error\": ");
    print_json_string(tocex_strerror(err->status));
    printf(", \"status_code\": %d, \"message\": ", (int)err->status);
    print_json_string(err->message);
    printf("}\n");
    return 2;
}

static int cmd_cdb(int argc, char **argv)
{
    uint8_t cdb[16], *data;
    size_t n = 0, alloc, i;
    tocex_device *dev = NULL;
    tocex_error err;
    tocex_cmd cmd;
    tocex_status st;
    int rc;

    if (argc < 4 || argc - 3 > 16) {
        fprintf(stderr, "usage: sgio_probe cdb DEVICE HH [HH ...]\n");
        return 1;
    }
    for (i = 3; i < (size_t)argc; i++) {
        char *end;
        unsigned long v = strtoul(argv[i], &end, 16);
        if (*end != '\0' || v > 0xFF) {
            fprintf(stderr, "sgio_probe: bad CDB byte '%s'\n", argv[i]);
            return 1;
        }
        cdb[n++] = (uint8_t)v;
    }
    /* allocation length from the CDB itself, as `tocex cdb` does: 6-byte CDBs byte 4,
     * 10-byte CDBs bytes 7-8, 12-byte CDBs bytes 6-9 */
    if (n == 6)
        alloc = cdb[4];
    else if (n == 10)
        alloc = (size_t)cdb[7] << 8 | cdb[8];
    else if (n == 12)
        alloc = (size_t)cdb[6] << 24 | (size_t)cdb[7] << 16 | (size_t)cdb[8] << 8 | cdb[9];
    else
        alloc = 0;
    if (alloc > 65536)
        alloc = 65536;
    tocex_error_clear(&err);
    if (tocex_sgio_open(argv[2], false, &dev, &err) != TOCEX_OK)
        return open_error(argv[2], &err);
    data = calloc(alloc > 0 ? alloc : 1, 1);
    if (data == NULL) {
        tocex_device_close(dev);
        return 2;
    }
    tocex_cmd_init(&cmd, cdb, n, data, alloc);
    st = tocex_device_execute(dev, &cmd, &err);
    if (st != TOCEX_OK) {
        rc = open_error(argv[2], &err);
        rc = 3;
    } else {
        printf("{\"status\": \"%s\"", status_name(cmd.status));
        if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION)
            printf(", \"sense\": {\"key\": %u, \"asc\": %u, \"ascq\": %u}", cmd.sense.key, cmd.sense.asc,
                   cmd.sense.ascq);
        printf(", \"transferred_known\": %s, \"data\": \"", cmd.transferred_known ? "true" : "false");
        for (i = 0; i < cmd.transferred; i++)
            printf("%02x", data[i]);
        printf("\"}\n");
        rc = cmd.status == TOCEX_SCSI_STATUS_GOOD ? 0 : 3;
    }
    free(data);
    tocex_device_close(dev);
    return rc;
}

static int cmd_open(int argc, char **argv)
{
    tocex_device *dev = NULL;
    tocex_error err;
    const tocex_sgio_identity *id;
    const char *path = argv[2];
    bool exclusive = false;
    unsigned hold = 0;
    int i;

    for (i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--exclusive") == 0) {
            exclusive = true;
        } else if (strcmp(argv[i], "--hold") == 0 && i + 1 < argc) {
            hold = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--uid") == 0 && i + 1 < argc) {
            uid_t uid = (uid_t)strtoul(argv[++i], NULL, 10);
            if (setgid((gid_t)uid) != 0 || setuid(uid) != 0) {
                perror("sgio_probe: setuid");
                return 1;
            }
        } else {
            fprintf(stderr, "sgio_probe: unknown option '%s'\n", argv[i]);
            return 1;
        }
    }
    tocex_error_clear(&err);
    if (tocex_sgio_open(path, exclusive, &dev, &err) != TOCEX_OK)
        return open_error(path, &err);
    id = tocex_sgio_device_identity(dev);
    printf("{\"device\": ");
    print_json_string(path);
    printf(", \"kind\": ");
    print_json_string(tocex_device_kind(dev));
    printf(", \"vendor\": ");
    print_json_string(id != NULL ? id->vendor : "");
    printf(", \"model\": ");
    print_json_string(id != NULL ? id->model : "");
    printf(", \"revision\": ");
    print_json_string(id != NULL ? id->revision : "");
    printf("}\n");
    fflush(stdout);
    if (hold > 0)
        sleep(hold);
    tocex_device_close(dev);
    return 0;
}

static int cmd_drives(void)
{
    tocex_drive_info *drives = NULL;
    size_t count = 0, i;
    tocex_error err;
    tocex_error_clear(&err);
    if (tocex_sgio_list_drives(&drives, &count, &err) != TOCEX_OK) {
        fprintf(stderr, "sgio_probe: %s\n", err.message);
        return 2;
    }
    printf("{\"drives\": [");
    for (i = 0; i < count; i++) {
        printf("%s{\"device\": ", i > 0 ? ", " : "");
        print_json_string(drives[i].path);
        printf(", \"sg\": ");
        print_json_string(drives[i].sg_path);
        printf(", \"vendor\": ");
        print_json_string(drives[i].vendor);
        printf(", \"model\": ");
        print_json_string(drives[i].model);
        printf(", \"firmware\": ");
        print_json_string(drives[i].revision);
        if (drives[i].media_known)
            printf(", \"profile\": %u, \"media\": \"%s\"", drives[i].profile,
                   drives[i].media == TOCEX_MEDIA_NONE ? "none" : tocex_media_name(drives[i].media));
        printf(", \"note\": ");
        print_json_string(drives[i].note);
        printf("}");
    }
    printf("]}\n");
    tocex_sgio_free_drives(drives);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "cdb") == 0)
        return cmd_cdb(argc, argv);
    if (argc >= 3 && strcmp(argv[1], "open") == 0)
        return cmd_open(argc, argv);
    if (argc == 2 && strcmp(argv[1], "drives") == 0)
        return cmd_drives();
    fprintf(stderr, "usage: sgio_probe cdb DEVICE HH... | open DEVICE [--exclusive] [--hold S] [--uid N] | drives\n");
    return 1;
}
