/* Writes seed inputs for the fuzz targets that do not take files (fuzz_decode, fuzz_emu_cdb,
 * fuzz_win_ioctl, fuzz_read_device) into <dir>/<target>/: real answers of the emulated drive for
 * the discs of fuzz_disc(), so the fuzzer starts from well-formed drive answers and CDBs.
 * Usage: make_seeds DIR (normally fuzz/corpus). */
#include <errno.h>
#include <sys/stat.h>

#include "fuzz_common.h"
#include "fuzz_common.c.inc"
#include "tocex/emu.h"
#include "tocex/win.h"

static int failures;

static void write_seed(const char *dir, const char *target, const char *name, const uint8_t *data, size_t len)
{
    char path[4096];
    FILE *f;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        perror(dir);
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/%s", dir, target);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        failures++;
        return;
    }
    snprintf(path, sizeof path, "%s/%s/%s", dir, target, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        failures++;
    }
}

/* ---- fuzz_read_device: a device that records what the drive it wraps answers, in the stream
 * format of fuzz_common.c.inc (kind byte; CHECK CONDITION: key/asc/ascq; GOOD: 2-byte length +
 * data). */

typedef struct recorder {
    tocex_device *inner;
    tocex_buf stream;
} recorder;

static tocex_status record_execute(void *ctx, tocex_cmd *cmd, tocex_error *err)
{
    recorder *r = ctx;
    tocex_status st = tocex_device_execute(r->inner, cmd, err);
    if (st != TOCEX_OK) {
        tocex_buf_put_u8(&r->stream, 7);
    } else if (cmd->status == TOCEX_SCSI_STATUS_CHECK_CONDITION) {
        tocex_sense s;
        memset(&s, 0, sizeof s);
        tocex_sense_decode(cmd->sense_raw, cmd->sense_len, &s);
        tocex_buf_put_u8(&r->stream, 6);
        tocex_buf_put_u8(&r->stream, s.key);
        tocex_buf_put_u8(&r->stream, s.asc);
        tocex_buf_put_u8(&r->stream, s.ascq);
    } else {
        size_t n = cmd->transferred > 0xFFFF ? 0xFFFF : cmd->transferred;
        tocex_buf_put_u8(&r->stream, 0);
        tocex_buf_put_u8(&r->stream, (uint8_t)(n >> 8));
        tocex_buf_put_u8(&r->stream, (uint8_t)n);
        tocex_buf_put_bytes(&r->stream, cmd->data, n);
    }
    return st;
}

static void record_close(void *ctx) { (void)ctx; }

static const tocex_device_ops record_ops = {"recorder", record_execute, record_close};

static void seeds_read_device(const char *dir)
{
    for (unsigned which = 0; which < 5; which++) {
        tocex_disc *disc = fuzz_disc(which), *back = malloc(sizeof *back), *again = malloc(sizeof *again);
        recorder r;
        tocex_device *dev;
        char name[32];
        FUZZ_CHECK(back != NULL && again != NULL);
        r.inner = tocex_emu_open(disc->media == TOCEX_MEDIA_NONE ? NULL : disc, NULL, NULL);
        FUZZ_CHECK(r.inner != NULL);
        tocex_buf_init(&r.stream);
        dev = tocex_device_new(&record_ops, &r);
        FUZZ_CHECK(dev != NULL);
        tocex_disc_init(back);
        tocex_disc_init(again);
        {
            tocex_status st = tocex_read_disc(dev, NULL, back, NULL, NULL);
            /* replaying the recording gives the same result: the stream format is right */
            fuzz_stream stream = {r.stream.data, r.stream.len, 0, 0};
            tocex_device *replay = fuzz_stream_device(&stream);
            FUZZ_CHECK(replay != NULL);
            FUZZ_CHECK(tocex_read_disc(replay, NULL, again, NULL, NULL) == st);
            if (st == TOCEX_OK) {
                FUZZ_CHECK(again->track_count == back->track_count && again->session_count == back->session_count);
                FUZZ_CHECK(tocex_disc_leadout(again) == tocex_disc_leadout(back));
            }
            tocex_device_close(replay);
        }
        snprintf(name, sizeof name, "disc%u", which);
        write_seed(dir, "fuzz_read_device", name, r.stream.data, r.stream.len);
        tocex_device_close(dev);
        tocex_device_close(r.inner);
        tocex_buf_free(&r.stream);
        tocex_disc_free(back);
        tocex_disc_free(again);
        free(back);
        free(again);
        fuzz_disc_free(disc);
    }
}

/* ---- fuzz_decode: every format's complete answer, MSF and LBA, with the selector byte. */

static void seeds_decode(const char *dir)
{
    for (unsigned which = 0; which < 3; which++) {
        tocex_disc *disc = fuzz_disc(which);
        for (unsigned format = 0; format <= 5; format++)
            for (unsigned msf = 0; msf <= 1; msf++) {
                uint8_t cdb[10] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0};
                tocex_buf answer;
                tocex_sense sense;
                char name[48];
                if (msf && format != 0 && format != 1)
                    continue;
                cdb[1] = (uint8_t)(msf << 1);
                cdb[2] = (uint8_t)format;
                cdb[6] = format == 0 ? 1 : format == 2 ? 1 : 0;
                tocex_buf_init(&answer);
                tocex_buf_put_u8(&answer, (uint8_t)(format | msf << 3));
                if (tocex_mmc_encode_read_toc(disc, cdb, sizeof cdb, 0, &answer, &sense) == TOCEX_OK) {
                    snprintf(name, sizeof name, "disc%u-format%u%s", which, format, msf ? "-msf" : "");
                    write_seed(dir, "fuzz_decode", name, answer.data, answer.len);
                    /* the same answer cut short, decoded with ALLOW_TRUNCATED */
                    if (answer.len > 12) {
                        answer.data[0] |= 0x10;
                        snprintf(name, sizeof name, "disc%u-format%u%s-cut", which, format, msf ? "-msf" : "");
                        write_seed(dir, "fuzz_decode", name, answer.data, answer.len - 5);
                    }
                }
                tocex_buf_free(&answer);
            }
        fuzz_disc_free(disc);
    }
}

/* ---- fuzz_emu_cdb: READ TOC CDBs of every format at full and short allocation lengths, and
 * the other commands the drive answers. Input: disc selector, CDB length - 6, buffer length,
 * CDB. */

static void emu_seed(const char *dir, const char *name, uint8_t disc, const uint8_t *cdb, size_t cdb_len,
                     uint16_t buflen)
{
    uint8_t in[4 + 16];
    in[0] = disc;
    in[1] = (uint8_t)(cdb_len - 6);
    in[2] = (uint8_t)(buflen >> 8);
    in[3] = (uint8_t)buflen;
    memcpy(in + 4, cdb, cdb_len);
    write_seed(dir, "fuzz_emu_cdb", name, in, 4 + cdb_len);
}

static void seeds_emu_cdb(const char *dir)
{
    static const uint16_t allocs[] = {0xFFFF, 4, 2};
    char name[64];
    for (uint8_t which = 0; which < 5; which++) {
        for (unsigned format = 0; format <= 5; format++)
            for (unsigned a = 0; a < 3; a++) {
                uint8_t cdb[10] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0, 0, 0, 0, 0, 0, 0, 0, 0};
                cdb[1] = format <= 1 && a == 1 ? 0x02 : 0x00;
                cdb[2] = (uint8_t)format;
                cdb[6] = format == 2 ? 1 : 0;
                cdb[7] = (uint8_t)(allocs[a] >> 8);
                cdb[8] = (uint8_t)allocs[a];
                snprintf(name, sizeof name, "disc%u-format%u-alloc%u", which, format, allocs[a]);
                emu_seed(dir, name, (uint8_t)(which | 0x80), cdb, sizeof cdb, 0xFFFF);
            }
        {
            /* legacy (SFF-8020) format in byte 9 bits 7-6: 40h session info, 80h full TOC */
            uint8_t cdb[10] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0, 0, 0, 0, 0, 1, 0x03, 0x24, 0x80};
            snprintf(name, sizeof name, "disc%u-legacy-fulltoc", which);
            emu_seed(dir, name, (uint8_t)(which | 0x80), cdb, sizeof cdb, 0x0324);
        }
        {
            static const uint8_t others[][10] = {
                {0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0},        /* TEST UNIT READY */
                {0x03, 0, 0, 0, 18, 0, 0, 0, 0, 0},       /* REQUEST SENSE */
                {0x12, 0, 0, 0, 36, 0, 0, 0, 0, 0},       /* INQUIRY */
                {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0},        /* READ CAPACITY(10) */
                {0x46, 0x02, 0, 0, 0, 0, 0, 0, 0x20, 0},  /* GET CONFIGURATION */
                {0x51, 0, 0, 0, 0, 0, 0, 0, 0x22, 0},     /* READ DISC INFORMATION */
            };
            for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
                snprintf(name, sizeof name, "disc%u-op%02x", which, others[i][0]);
                emu_seed(dir, name, which, others[i], others[i][0] < 0x20 ? 6 : 10, 0x100);
            }
        }
    }
}

/* ---- fuzz_win_ioctl: the three IOCTLs against the emulated drive (input byte 4 chooses the
 * disc and is the first byte of CDROM_READ_TOC_EX: Format | Msf << 7), and READ_TOC_EX against a
 * stream device replaying one real answer. */

static void seeds_win_ioctl(const char *dir)
{
    char name[64];
    for (uint8_t code = 0; code < 3; code++)
        for (unsigned format = 0; format <= 5; format++) {
            for (unsigned msf = 0; msf <= 1; msf++) {
                uint8_t in[8] = {code, 0x03, 0x24, 4, 0, 0, 0, 0};
                if (code != 0 && (format > 0 || msf))
                    continue;
                /* byte 4: Format (bits 0-3) | Msf (bit 7); the disc is fuzz_disc(byte 4 % 5) */
                in[4] = (uint8_t)(format | msf << 7);
                in[5] = format == 2 ? 1 : 0;
                snprintf(name, sizeof name, "code%u-format%u%s", code, format, msf ? "-msf" : "");
                write_seed(dir, "fuzz_win_ioctl", name, in, sizeof in);
                in[0] |= 0x10; /* with an alignment requirement */
                in[1] = 0, in[2] = 2;
                snprintf(name, sizeof name, "code%u-format%u%s-short", code, format, msf ? "-msf" : "");
                write_seed(dir, "fuzz_win_ioctl", name, in, sizeof in);
            }
        }
    {
        tocex_disc *disc = fuzz_disc(0);
        for (unsigned format = 0; format <= 5; format++) {
            uint8_t cdb[10] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0};
            tocex_buf seed;
            tocex_sense sense;
            size_t at;
            cdb[2] = (uint8_t)format;
            cdb[6] = format == 2 ? 1 : 0;
            tocex_buf_init(&seed);
            tocex_buf_put_u8(&seed, 0x40); /* stream device, READ_TOC_EX */
            tocex_buf_put_u8(&seed, 0xFF);
            tocex_buf_put_u8(&seed, 0xFF);
            tocex_buf_put_u8(&seed, 4);
            tocex_buf_put_u8(&seed, (uint8_t)format);
            tocex_buf_put_u8(&seed, format == 2 ? 1 : 0);
            tocex_buf_put_u8(&seed, 0);
            tocex_buf_put_u8(&seed, 0);
            tocex_buf_put_u8(&seed, 0); /* GOOD */
            at = seed.len;
            tocex_buf_put_u8(&seed, 0);
            tocex_buf_put_u8(&seed, 0);
            if (tocex_mmc_encode_read_toc(disc, cdb, sizeof cdb, 0, &seed, &sense) == TOCEX_OK) {
                size_t n = seed.len - at - 2;
                seed.data[at] = (uint8_t)(n >> 8);
                seed.data[at + 1] = (uint8_t)n;
                snprintf(name, sizeof name, "stream-format%u", format);
                write_seed(dir, "fuzz_win_ioctl", name, seed.data, seed.len);
            }
            tocex_buf_free(&seed);
        }
        fuzz_disc_free(disc);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds DIR\n");
        return 2;
    }
    seeds_read_device(argv[1]);
    seeds_decode(argv[1]);
    seeds_emu_cdb(argv[1]);
    seeds_win_ioctl(argv[1]);
    return failures == 0 ? 0 : 1;
}
