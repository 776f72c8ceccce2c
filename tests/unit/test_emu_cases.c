/* Declarative emulated-drive cases: every .case file in tests/data/emu describes a disc, a drive,
 * one or more CDBs and the expected status, sense and data-in bytes (in the spirit of curl's
 * tests/data). One cmocka test per file. The format:
 *
 *   # comment (also after any line's content)
 *   media CD-R                      tocex media name; "none" = empty drive (default CD-ROM)
 *   track N session S [adr A] ctl C mode M (start LBA | msf MM:SS:FF)
 *   leadout S (LBA | msf MM:SS:FF)   lead-out of session S
 *   appendable                      last session left open
 *   capacity N                      DVD/BD blocks
 *   disc-type S XX                  A0 PSEC of session S (hex)
 *   atip XX ...                     ATIP descriptor bytes (24 or 28; lines accumulate)
 *   pma XX ...                      PMA descriptors, 11 bytes each (lines accumulate)
 *   fulltoc XX ...                  recorded full TOC, 11 bytes each (lines accumulate)
 *   cdtext XX ...                   CD-TEXT packs, 18 bytes each (lines accumulate)
 *   quirk NAME                      a tocex_emu_quirk_from_name() name (repeatable)
 *   insert                          start empty and insert the disc (UNIT ATTENTION pending)
 *   cdb XX ...                      a command; the lines below apply to the latest cdb
 *   buffer N                        data-in buffer size (default 65536)
 *   status good|check               expected status (default good, or check when sense given)
 *   sense KK AA QQ                  expected key/ASC/ASCQ (hex)
 *   data XX ...                     expected data-in (lines accumulate; none = nothing moved)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

#define MAX_COMMANDS 32
#define MAX_BYTES 40000

typedef struct case_cmd {
    long line;
    uint8_t cdb[16];
    size_t cdb_len;
    size_t buffer;
    bool want_check;
    bool have_sense;
    uint8_t sense[3];
    uint8_t *data;
    size_t data_len;
} case_cmd;

typedef struct case_file {
    const char *path;
    tocex_disc *disc;
    bool empty;
    bool insert;
    uint32_t quirks;
    uint8_t *atip, *pma, *fulltoc, *cdtext;
    size_t atip_len, pma_len, fulltoc_len, cdtext_len;
    case_cmd cmds[MAX_COMMANDS];
    size_t cmd_count;
} case_file;

static void case_free(case_file *c)
{
    if (c->disc != NULL) {
        tocex_disc_free(c->disc);
        free(c->disc);
    }
    free(c->atip);
    free(c->pma);
    free(c->fulltoc);
    free(c->cdtext);
    for (size_t i = 0; i < c->cmd_count; i++)
        free(c->cmds[i].data);
    memset(c, 0, sizeof *c);
}

#define CASE_FAIL(c, line, ...)                                                                             \
    do {                                                                                                   \
        print_message("%s:%ld: ", (c)->path, (long)(line));                                                \
        print_message(__VA_ARGS__);                                                                        \
        print_message("\n");                                                                               \
        fail();                                                                                            \
    } while (0)

/* Append the hex of `text` to a growing byte array. */
static void append_hex(case_file *c, long line, const char *text, uint8_t **bytes, size_t *len)
{
    uint8_t tmp[4096];
    long n = tu_hex(text, tmp, sizeof tmp);
    uint8_t *p;
    if (n < 0)
        CASE_FAIL(c, line, "bad hex: %s", text);
    if (*len + (size_t)n > MAX_BYTES)
        CASE_FAIL(c, line, "too many bytes");
    p = realloc(*bytes, *len + (size_t)n + 1);
    assert_non_null(p);
    memcpy(p + *len, tmp, (size_t)n);
    *bytes = p;
    *len += (size_t)n;
}

static bool parse_long(const char *s, long *out)
{
    char *end;
    if (s == NULL || *s == '\0')
        return false;
    *out = strtol(s, &end, 10);
    return *end == '\0';
}

/* "LBA" or "msf MM:SS:FF" starting at tok[i]; advances i. */
static bool parse_address(char **tok, size_t ntok, size_t *i, int32_t *lba)
{
    long v = 0;
    if (*i >= ntok)
        return false;
    if (strcmp(tok[*i], "msf") == 0) {
        unsigned m, s, f;
        char extra;
        tocex_msf msf;
        if (*i + 1 >= ntok || sscanf(tok[*i + 1], "%u:%u:%u%c", &m, &s, &f, &extra) != 3 || m > 255 || s > 59 ||
            f > 74)
            return false;
        msf.m = (uint8_t)m;
        msf.s = (uint8_t)s;
        msf.f = (uint8_t)f;
        *lba = tocex_msf_to_lba(msf);
        *i += 2;
        return true;
    }
    if (!parse_long(tok[*i], &v) || v < -450150 || v > 100000000)
        return false;
    *lba = (int32_t)v;
    *i += 1;
    return true;
}

static tocex_track_mode mode_from_name(const char *name)
{
    for (int m = 0; m < TOCEX_MODE_COUNT; m++)
        if (strcmp(tocex_track_mode_name((tocex_track_mode)m), name) == 0)
            return (tocex_track_mode)m;
    return TOCEX_MODE_COUNT;
}

static void parse_track(case_file *c, long line, char **tok, size_t ntok)
{
    long number = -1, session = -1, adr = 1, ctl = -1;
    tocex_track_mode mode = TOCEX_MODE_UNKNOWN;
    int32_t start = 0;
    bool have_start = false;
    size_t i = 1;
    tocex_error err;
    if (ntok < 2 || !parse_long(tok[1], &number))
        CASE_FAIL(c, line, "track: number expected");
    i = 2;
    while (i < ntok) {
        const char *key = tok[i];
        if (strcmp(key, "start") == 0 || strcmp(key, "msf") == 0) {
            if (strcmp(key, "start") == 0)
                i++;
            if (!parse_address(tok, ntok, &i, &start))
                CASE_FAIL(c, line, "track: bad start address");
            have_start = true;
            continue;
        }
        if (i + 1 >= ntok)
            CASE_FAIL(c, line, "track: %s needs a value", key);
        if (strcmp(key, "session") == 0) {
            if (!parse_long(tok[i + 1], &session))
                CASE_FAIL(c, line, "track: bad session");
        } else if (strcmp(key, "adr") == 0) {
            if (!parse_long(tok[i + 1], &adr))
                CASE_FAIL(c, line, "track: bad adr");
        } else if (strcmp(key, "ctl") == 0) {
            if (!parse_long(tok[i + 1], &ctl))
                CASE_FAIL(c, line, "track: bad ctl");
        } else if (strcmp(key, "mode") == 0) {
            mode = mode_from_name(tok[i + 1]);
            if (mode == TOCEX_MODE_COUNT)
                CASE_FAIL(c, line, "track: unknown mode %s", tok[i + 1]);
        } else {
            CASE_FAIL(c, line, "track: unknown key %s", key);
        }
        i += 2;
    }
    if (session < 1 || session > 99 || number < 1 || number > 99 || ctl < 0 || ctl > 15 || adr < 0 || adr > 15 ||
        !have_start)
        CASE_FAIL(c, line, "track: needs number, session, ctl and start");
    if (tocex_disc_add_track(c->disc, (uint8_t)session, (uint8_t)number, (uint8_t)adr, (uint8_t)ctl, mode, start,
                             &err) != TOCEX_OK)
        CASE_FAIL(c, line, "track: %s", err.message);
}

static case_cmd *current_cmd(case_file *c, long line, const char *what)
{
    if (c->cmd_count == 0)
        CASE_FAIL(c, line, "%s before any cdb", what);
    return &c->cmds[c->cmd_count - 1];
}

static void parse_case(case_file *c, char *text)
{
    long line = 0;
    char *next = text;
    c->disc = malloc(sizeof *c->disc);
    assert_non_null(c->disc);
    tocex_disc_init(c->disc);
    while (next != NULL) {
        char *tok[64], *save_tok = NULL, *hash, *ln = next;
        size_t ntok = 0;
        next = strchr(ln, '\n');
        if (next != NULL)
            *next++ = '\0';
        line++;
        hash = strchr(ln, '#');
        if (hash != NULL)
            *hash = '\0';
        for (char *t = strtok_r(ln, " \t\r", &save_tok); t != NULL && ntok < 64; t = strtok_r(NULL, " \t\r", &save_tok))
            tok[ntok++] = t;
        if (ntok == 0)
            continue;
        /* hex payload = the tokens after the keyword, re-joined */
        {
            char hex[4096] = "";
            size_t used = 0;
            for (size_t k = 1; k < ntok; k++) {
                int w = snprintf(hex + used, sizeof hex - used, "%s ", tok[k]);
                if (w < 0 || (size_t)w >= sizeof hex - used)
                    CASE_FAIL(c, line, "line too long");
                used += (size_t)w;
            }
            if (strcmp(tok[0], "media") == 0) {
                tocex_media m;
                if (ntok != 2)
                    CASE_FAIL(c, line, "media: one name expected");
                if (strcmp(tok[1], "none") == 0) {
                    c->empty = true;
                    continue;
                }
                m = tocex_media_from_name(tok[1]);
                if (m == TOCEX_MEDIA_UNKNOWN)
                    CASE_FAIL(c, line, "unknown media %s", tok[1]);
                c->disc->media = m;
            } else if (strcmp(tok[0], "track") == 0) {
                parse_track(c, line, tok, ntok);
            } else if (strcmp(tok[0], "leadout") == 0) {
                long s = 0;
                int32_t lba = 0;
                size_t i = 2;
                tocex_error err;
                if (ntok < 3 || !parse_long(tok[1], &s) || s < 1 || s > 99 || !parse_address(tok, ntok, &i, &lba) ||
                    i != ntok)
                    CASE_FAIL(c, line, "leadout: session and address expected");
                if (tocex_disc_set_leadout(c->disc, (uint8_t)s, lba, &err) != TOCEX_OK)
                    CASE_FAIL(c, line, "leadout: %s", err.message);
            } else if (strcmp(tok[0], "appendable") == 0) {
                c->disc->appendable = true;
            } else if (strcmp(tok[0], "capacity") == 0) {
                long v = 0;
                if (ntok != 2 || !parse_long(tok[1], &v) || v < 0 || v > 0x7FFFFFFF)
                    CASE_FAIL(c, line, "capacity: a block count expected");
                c->disc->capacity = (int32_t)v;
            } else if (strcmp(tok[0], "disc-type") == 0) {
                long s = 0;
                uint8_t v = 0;
                if (ntok != 3 || !parse_long(tok[1], &s) || s < 1 || (size_t)s > c->disc->session_count ||
                    tu_hex(tok[2], &v, 1) != 1)
                    CASE_FAIL(c, line, "disc-type: session (existing) and hex byte expected");
                c->disc->sessions[s - 1].disc_type = v;
            } else if (strcmp(tok[0], "atip") == 0) {
                append_hex(c, line, hex, &c->atip, &c->atip_len);
            } else if (strcmp(tok[0], "pma") == 0) {
                append_hex(c, line, hex, &c->pma, &c->pma_len);
            } else if (strcmp(tok[0], "fulltoc") == 0) {
                append_hex(c, line, hex, &c->fulltoc, &c->fulltoc_len);
            } else if (strcmp(tok[0], "cdtext") == 0) {
                append_hex(c, line, hex, &c->cdtext, &c->cdtext_len);
            } else if (strcmp(tok[0], "quirk") == 0) {
                uint32_t q = ntok == 2 ? tocex_emu_quirk_from_name(tok[1]) : 0;
                if (q == 0)
                    CASE_FAIL(c, line, "unknown quirk");
                c->quirks |= q;
            } else if (strcmp(tok[0], "insert") == 0) {
                c->insert = true;
            } else if (strcmp(tok[0], "cdb") == 0) {
                case_cmd *cmd;
                long n;
                if (c->cmd_count >= MAX_COMMANDS)
                    CASE_FAIL(c, line, "too many commands");
                cmd = &c->cmds[c->cmd_count++];
                memset(cmd, 0, sizeof *cmd);
                cmd->line = line;
                cmd->buffer = 65536;
                n = tu_hex(hex, cmd->cdb, sizeof cmd->cdb);
                if (n < 1)
                    CASE_FAIL(c, line, "cdb: 1-16 hex bytes expected");
                cmd->cdb_len = (size_t)n;
            } else if (strcmp(tok[0], "buffer") == 0) {
                case_cmd *cmd = current_cmd(c, line, "buffer");
                long v = 0;
                if (ntok != 2 || !parse_long(tok[1], &v) || v < 0 || v > 65536)
                    CASE_FAIL(c, line, "buffer: 0..65536 expected");
                cmd->buffer = (size_t)v;
            } else if (strcmp(tok[0], "status") == 0) {
                case_cmd *cmd = current_cmd(c, line, "status");
                if (ntok != 2 || (strcmp(tok[1], "good") != 0 && strcmp(tok[1], "check") != 0))
                    CASE_FAIL(c, line, "status: good or check");
                cmd->want_check = strcmp(tok[1], "check") == 0;
            } else if (strcmp(tok[0], "sense") == 0) {
                case_cmd *cmd = current_cmd(c, line, "sense");
                if (tu_hex(hex, cmd->sense, 3) != 3)
                    CASE_FAIL(c, line, "sense: three hex bytes expected");
                cmd->have_sense = true;
                cmd->want_check = true;
            } else if (strcmp(tok[0], "data") == 0) {
                case_cmd *cmd = current_cmd(c, line, "data");
                append_hex(c, line, hex, &cmd->data, &cmd->data_len);
            } else {
                CASE_FAIL(c, line, "unknown keyword %s", tok[0]);
            }
        }
    }
    if (c->cmd_count == 0)
        CASE_FAIL(c, line, "no cdb in the case");
}

static void build_disc(case_file *c)
{
    tocex_error err;
    tocex_error_clear(&err);
    if (c->atip_len > 0 && tocex_disc_set_atip(c->disc, c->atip, c->atip_len, &err) != TOCEX_OK)
        CASE_FAIL(c, 0, "atip: %s", err.message);
    if (c->pma_len % 11 != 0 || c->fulltoc_len % 11 != 0 || c->cdtext_len % 18 != 0)
        CASE_FAIL(c, 0, "pma/fulltoc need 11-byte entries, cdtext 18-byte packs");
    if (c->pma_len > 0 || c->fulltoc_len > 0) {
        size_t np = c->pma_len / 11, nf = c->fulltoc_len / 11;
        tocex_toc_entry *e = calloc(np + nf + 1, sizeof *e);
        assert_non_null(e);
        for (size_t i = 0; i < np + nf; i++) {
            const uint8_t *b = i < np ? c->pma + 11 * i : c->fulltoc + 11 * (i - np);
            tocex_toc_entry t = {b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10]};
            e[i] = t;
        }
        if (np > 0 && tocex_disc_set_pma(c->disc, e, np, &err) != TOCEX_OK)
            CASE_FAIL(c, 0, "pma: %s", err.message);
        if (nf > 0 && tocex_disc_set_fulltoc(c->disc, e + np, nf, &err) != TOCEX_OK)
            CASE_FAIL(c, 0, "fulltoc: %s", err.message);
        free(e);
    }
    if (c->cdtext_len > 0 && tocex_disc_set_cdtext(c->disc, c->cdtext, c->cdtext_len / 18, &err) != TOCEX_OK)
        CASE_FAIL(c, 0, "cdtext: %s", err.message);
    if (tocex_disc_finish(c->disc, &err) != TOCEX_OK)
        CASE_FAIL(c, 0, "disc refused: %s", err.message);
}

static void print_bytes(const char *what, const uint8_t *p, size_t n)
{
    print_message("  %s (%zu bytes):", what, n);
    for (size_t i = 0; i < n; i++)
        print_message("%s%02x", i % 16 == 0 ? "\n    " : " ", p[i]);
    print_message("\n");
}

static void run_case(void **state)
{
    const char *path = *state;
    case_file c;
    size_t len = 0;
    char *text = (char *)tu_read_file(path, &len);
    tocex_emu_options opts;
    tocex_device *dev;
    static uint8_t data[65536];
    tocex_error err;
    memset(&c, 0, sizeof c);
    c.path = path;
    assert_non_null(text);
    parse_case(&c, text);
    free(text);
    if (!c.empty)
        build_disc(&c);
    memset(&opts, 0, sizeof opts);
    opts.quirks = c.quirks;
    tocex_error_clear(&err);
    dev = tocex_emu_open(c.empty || c.insert ? NULL : c.disc, &opts, &err);
    if (dev == NULL)
        CASE_FAIL(&c, 0, "drive: %s", err.message);
    if (c.insert && !c.empty && tocex_emu_insert(dev, c.disc, &err) != TOCEX_OK)
        CASE_FAIL(&c, 0, "insert: %s", err.message);
    for (size_t i = 0; i < c.cmd_count; i++) {
        case_cmd *k = &c.cmds[i];
        tocex_cmd cmd;
        memset(data, 0xEE, sizeof data);
        tocex_cmd_init(&cmd, k->cdb, k->cdb_len, data, k->buffer);
        if (tocex_device_execute(dev, &cmd, &err) != TOCEX_OK)
            CASE_FAIL(&c, k->line, "execute failed: %s", err.message);
        if (k->want_check) {
            if (cmd.status != TOCEX_SCSI_STATUS_CHECK_CONDITION)
                CASE_FAIL(&c, k->line, "expected CHECK CONDITION, got status %02x", cmd.status);
            if (k->have_sense &&
                (cmd.sense.key != k->sense[0] || cmd.sense.asc != k->sense[1] || cmd.sense.ascq != k->sense[2]))
                CASE_FAIL(&c, k->line, "sense %02x/%02x/%02x, expected %02x/%02x/%02x", cmd.sense.key, cmd.sense.asc,
                          cmd.sense.ascq, k->sense[0], k->sense[1], k->sense[2]);
            if (cmd.transferred != 0)
                CASE_FAIL(&c, k->line, "CHECK CONDITION moved %zu bytes", cmd.transferred);
            continue;
        }
        if (cmd.status != TOCEX_SCSI_STATUS_GOOD)
            CASE_FAIL(&c, k->line, "expected GOOD, got CHECK CONDITION %02x/%02x/%02x", cmd.sense.key, cmd.sense.asc,
                      cmd.sense.ascq);
        if (cmd.transferred != k->data_len || (k->data_len > 0 && memcmp(data, k->data, k->data_len) != 0)) {
            print_bytes("got", data, cmd.transferred);
            print_bytes("expected", k->data, k->data_len);
            CASE_FAIL(&c, k->line, "data-in differs");
        }
    }
    tocex_device_close(dev);
    case_free(&c);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *dir_path = tu_src_path("tests/data/emu");
    DIR *dir = opendir(dir_path);
    struct dirent *ent;
    char **paths = NULL;
    size_t count = 0;
    struct CMUnitTest *tests;
    int rc;
    char dir_copy[4096];
    if (dir == NULL) {
        fprintf(stderr, "cannot open %s (set TOCEX_SOURCE_DIR)\n", dir_path);
        return 1;
    }
    snprintf(dir_copy, sizeof dir_copy, "%s", dir_path);
    while ((ent = readdir(dir)) != NULL) {
        size_t n = strlen(ent->d_name);
        char **grown;
        if (n < 6 || strcmp(ent->d_name + n - 5, ".case") != 0)
            continue;
        grown = realloc(paths, (count + 1) * sizeof *paths);
        if (grown == NULL)
            return 1;
        paths = grown;
        paths[count] = malloc(strlen(dir_copy) + n + 2);
        if (paths[count] == NULL)
            return 1;
        sprintf(paths[count], "%s/%s", dir_copy, ent->d_name);
        count++;
    }
    closedir(dir);
    if (count == 0) {
        fprintf(stderr, "no .case files in %s\n", dir_copy);
        return 1;
    }
    qsort(paths, count, sizeof *paths, compare_names);
    tests = calloc(count, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < count; i++) {
        const char *slash = strrchr(paths[i], '/');
        tests[i].name = slash != NULL ? slash + 1 : paths[i];
        tests[i].test_func = run_case;
        tests[i].initial_state = paths[i];
    }
    rc = _cmocka_run_group_tests("emu_cases", tests, count, NULL, NULL);
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
    free(tests);
    return rc;
}
