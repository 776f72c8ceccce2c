/* `tocex drives`: the optical drives of a Linux machine, from sysfs, with the current media
 * from GET CONFIGURATION when the device can be opened. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/bytes.h"
#include "tocex/mmc.h"
#include "tocex/sgio.h"

#define SGIO_MAX_DRIVES 64

/* dst = a + b, truncated (paths and messages here are short; truncation only shortens text). */
static void join2(char *dst, size_t cap, const char *a, const char *b)
{
    int r = snprintf(dst, cap, "%s%s", a, b);
    if (r < 0)
        dst[0] = '\0';
}

/* Read the first line of a small sysfs attribute; false if absent. Trailing blanks dropped
 * (sysfs pads INQUIRY strings with spaces). */
static bool read_attr(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    size_t len;
    if (f == NULL)
        return false;
    if (fgets(out, (int)cap, f) == NULL) {
        fclose(f);
        return false;
    }
    fclose(f);
    len = strlen(out);
    while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == ' ' || out[len - 1] == '\t'))
        len--;
    out[len] = '\0';
    return true;
}

/* The SCSI device directory behind a class entry, canonical so sr and sg entries compare. */
static bool scsi_device_of(const char *sys_root, const char *klass, const char *name, char *out, size_t cap)
{
    char link[PATH_MAX];
    char *real;
    if (snprintf(link, sizeof link, "%s/class/%s/%s/device", sys_root, klass, name) >= (int)sizeof link)
        return false;
    real = realpath(link, NULL);
    if (real == NULL)
        return false;
    snprintf(out, cap, "%s", real);
    free(real);
    return true;
}

static void set_node(char *dst, size_t cap, const char *dev_root, const char *name)
{
    int r = snprintf(dst, cap, "%s/%s", dev_root, name);
    if (r < 0)
        dst[0] = '\0';
}

static int name_number(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    char *end;
    long v;
    if (strncmp(name, prefix, n) != 0 || name[n] < '0' || name[n] > '9')
        return -1;
    v = strtol(name + n, &end, 10);
    if (*end != '\0' || v < 0 || v > 100000)
        return -1;
    return (int)v;
}

/* /dev/sr2 before /dev/sr10: equal text up to a run of digits compares the numbers. */
static int compare_drives(const void *a, const void *b)
{
    const char *x = ((const tocex_drive_info *)a)->path, *y = ((const tocex_drive_info *)b)->path;
    while (*x != '\0' && *x == *y && !(*x >= '0' && *x <= '9')) {
        x++;
        y++;
    }
    if (*x >= '0' && *x <= '9' && *y >= '0' && *y <= '9') {
        unsigned long nx = strtoul(x, NULL, 10), ny = strtoul(y, NULL, 10);
        if (nx != ny)
            return nx < ny ? -1 : 1;
    }
    return strcmp(x, y);
}

typedef struct drive_slot {
    tocex_drive_info info;
    char scsi_dev[PATH_MAX];
} drive_slot;

static void fill_identity(const char *scsi_dev, tocex_drive_info *d)
{
    char p[PATH_MAX + 16];
    snprintf(p, sizeof p, "%s/vendor", scsi_dev);
    (void)read_attr(p, d->vendor, sizeof d->vendor);
    snprintf(p, sizeof p, "%s/model", scsi_dev);
    (void)read_attr(p, d->model, sizeof d->model);
    snprintf(p, sizeof p, "%s/rev", scsi_dev);
    (void)read_attr(p, d->revision, sizeof d->revision);
}

/* GET CONFIGURATION (MMC 46h), RT 00b, header only: bytes 6-7 = current profile. */
static void probe_media(const tocex_sgio_transport *tp, tocex_drive_info *d)
{
    static const uint8_t cdb[10] = {TOCEX_OP_GET_CONFIGURATION, 0, 0, 0, 0, 0, 0, 0, 8, 0};
    uint8_t hdr[8];
    tocex_device *dev = NULL;
    tocex_error e;
    tocex_cmd cmd;
    const tocex_sgio_identity *id;
    tocex_span in;
    uint16_t profile;
    int attempt;

    tocex_error_clear(&e);
    if (tocex_sgio_open_transport(d->path, false, tp, &dev, &e) != TOCEX_OK) {
        join2(d->note, sizeof d->note, e.message, "");
        return;
    }
    id = tocex_sgio_device_identity(dev);
    if (id != NULL) {
        if (d->vendor[0] == '\0')
            snprintf(d->vendor, sizeof d->vendor, "%s", id->vendor);
        if (d->model[0] == '\0')
            snprintf(d->model, sizeof d->model, "%s", id->model);
        if (d->revision[0] == '\0')
            snprintf(d->revision, sizeof d->revision, "%s", id->revision);
    }
    /* A fresh disc or a drive reset reports UNIT ATTENTION once per initiator. */
    for (attempt = 0; attempt < 3; attempt++) {
        memset(hdr, 0, sizeof hdr);
        tocex_cmd_init(&cmd, cdb, sizeof cdb, hdr, sizeof hdr);
        if (tocex_device_execute(dev, &cmd, &e) != TOCEX_OK) {
            join2(d->note, sizeof d->note, e.message, "");
            break;
        }
        if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION && cmd.sense.key == TOCEX_SK_UNIT_ATTENTION)
            continue;
        tocex_span_init(&in, hdr, cmd.transferred);
        if (cmd.status == TOCEX_SCSI_STATUS_GOOD && tocex_span_skip(&in, 6) && tocex_span_get_u16be(&in, &profile)) {
            d->media_known = true;
            d->profile = profile;
            d->media = profile == 0 ? TOCEX_MEDIA_NONE : tocex_media_from_profile(profile);
        } else if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION && cmd.sense.key == TOCEX_SK_NOT_READY &&
                   cmd.sense.asc == TOCEX_ASC_MEDIUM_NOT_PRESENT) {
            d->media_known = true;
            d->profile = 0;
            d->media = TOCEX_MEDIA_NONE;
        } else {
            snprintf(d->note, sizeof d->note, "GET CONFIGURATION: status %02Xh sense %X/%02X/%02X", cmd.status,
                     cmd.sense.key, cmd.sense.asc, cmd.sense.ascq);
        }
        break;
    }
    tocex_device_close(dev);
}

tocex_status tocex_sgio_list_drives_at(const char *sys_root, const char *dev_root,
                                       const tocex_sgio_transport *transport, tocex_drive_info **out,
                                       size_t *count, tocex_error *err)
{
    drive_slot *slots;
    size_t n = 0, i;
    char path[PATH_MAX + 64], attr[32];
    DIR *dir;
    struct dirent *de;
    tocex_drive_info *result;

    if (out == NULL || count == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "no output for the drive list");
    *out = NULL;
    *count = 0;
    if (sys_root == NULL)
        sys_root = "/sys";
    if (dev_root == NULL)
        dev_root = "/dev";
    slots = calloc(SGIO_MAX_DRIVES, sizeof *slots);
    if (slots == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory listing drives");

    /* sr_mod's block devices are optical drives by definition. */
    snprintf(path, sizeof path, "%s/class/block", sys_root);
    dir = opendir(path);
    if (dir != NULL) {
        while ((de = readdir(dir)) != NULL && n < SGIO_MAX_DRIVES) {
            if (name_number(de->d_name, "sr") < 0)
                continue;
            if (!scsi_device_of(sys_root, "block", de->d_name, slots[n].scsi_dev, sizeof slots[n].scsi_dev))
                slots[n].scsi_dev[0] = '\0';
            set_node(slots[n].info.path, sizeof slots[n].info.path, dev_root, de->d_name);
            n++;
        }
        closedir(dir);
    }
    /* sg nodes of type 05h: pair with the sr node of the same SCSI device, else list alone. */
    snprintf(path, sizeof path, "%s/class/scsi_generic", sys_root);
    dir = opendir(path);
    if (dir != NULL) {
        while ((de = readdir(dir)) != NULL) {
            char scsi_dev[PATH_MAX];
            bool paired = false;
            if (name_number(de->d_name, "sg") < 0)
                continue;
            snprintf(path, sizeof path, "%s/class/scsi_generic/%s/device/type", sys_root, de->d_name);
            if (!read_attr(path, attr, sizeof attr) || strtol(attr, NULL, 10) != 5)
                continue;
            if (!scsi_device_of(sys_root, "scsi_generic", de->d_name, scsi_dev, sizeof scsi_dev))
                scsi_dev[0] = '\0';
            for (i = 0; i < n && scsi_dev[0] != '\0'; i++) {
                if (strcmp(slots[i].scsi_dev, scsi_dev) == 0 && slots[i].info.sg_path[0] == '\0') {
                    set_node(slots[i].info.sg_path, sizeof slots[i].info.sg_path, dev_root, de->d_name);
                    paired = true;
                    break;
                }
            }
            if (!paired && n < SGIO_MAX_DRIVES) {
                snprintf(slots[n].scsi_dev, sizeof slots[n].scsi_dev, "%s", scsi_dev);
                set_node(slots[n].info.path, sizeof slots[n].info.path, dev_root, de->d_name);
                set_node(slots[n].info.sg_path, sizeof slots[n].info.sg_path, dev_root, de->d_name);
                n++;
            }
        }
        closedir(dir);
    }

    result = calloc(n > 0 ? n : 1, sizeof *result);
    if (result == NULL) {
        free(slots);
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory listing drives");
    }
    for (i = 0; i < n; i++) {
        if (slots[i].scsi_dev[0] != '\0')
            fill_identity(slots[i].scsi_dev, &slots[i].info);
        probe_media(transport, &slots[i].info);
        result[i] = slots[i].info;
    }
    free(slots);
    qsort(result, n, sizeof *result, compare_drives);
    *out = result;
    *count = n;
    return TOCEX_OK;
}

tocex_status tocex_sgio_list_drives(tocex_drive_info **out, size_t *count, tocex_error *err)
{
    return tocex_sgio_list_drives_at(NULL, NULL, NULL, out, count, err);
}

void tocex_sgio_free_drives(tocex_drive_info *drives) { free(drives); }
