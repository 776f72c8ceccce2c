/* Format sniffing and dispatch: content first, the file name only where the content is neutral.
 *
 * Signatures (reference notes §3):
 *  - Alcohol .mds: "MEDIA DESCRIPTOR" at byte 0.
 *  - Nero .nrg: no head signature; the footer is "NER5" + u64 (last 12 bytes) or "NERO" + u32
 *    (last 8 bytes). tocex_image_open reads the tail itself; the sniffer sees it only when the
 *    head is the whole file.
 *  - ISO 9660 "CD001" / UDF "BEA01", "NSR02", "NSR03" at byte 1 of sector 16 or later
 *    (ECMA-119 §8, ECMA-167), in 2048-byte sectors or raw 2352-byte sectors (data at +16 for
 *    Mode 1, +24 for Mode 2 XA) or 2336-byte ones (+8).
 *  - Saved READ TOC/PMA/ATIP answers: bytes 0-1 Data Length = file size - 2, then whole
 *    descriptors (8 bytes format 0, 11 bytes formats 2/3, 24 or 28 bytes ATIP, 18-byte CD-TEXT
 *    packs). A `.toc` file is any of three things — cdrdao text, a format-0 answer (redumper), a
 *    format-2 answer (readcd -clone/-fulltoc) — so the descriptors themselves decide: format 0
 *    ends with the AAh lead-out descriptor, format 2 has the A0/A1/A2 points, PMA has no
 *    session numbers in the header.
 *  - .cdt: bare 18-byte packs (CRC included, optional trailing NUL as CDRWIN writes).
 *  - Text (UTF-8/Latin-1, or UTF-16 with or without BOM): "[CloneCD]"; ripper logs by their
 *    banner; cue sheet vs cdrdao .toc by their first statements (TRACK 01 AUDIO vs TRACK AUDIO,
 *    FILE "x" BINARY vs FILE "x" 0, REM, // comments, CD_DA/CD_ROM/CD_ROM_XA/CD_I/CD_TEXT). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "image/cue.h"
#include "tocex/image.h"
#include "util/file.h"
#include "util/swar.h"

/* Enough for ISO descriptors in raw 2352-byte sectors (sector 16 at 37632) and for a whole
 * READ TOC answer (at most 65537 bytes). */
#define SNIFF_HEAD (72u * 1024u)

static const char *const format_names[TOCEX_IMAGE_FORMAT_COUNT] = {
    [TOCEX_IMAGE_UNKNOWN] = "unknown", [TOCEX_IMAGE_CUE] = "cue",         [TOCEX_IMAGE_CCD] = "ccd",
    [TOCEX_IMAGE_CDRDAO_TOC] = "cdrdao-toc", [TOCEX_IMAGE_NRG] = "nrg",   [TOCEX_IMAGE_MDS] = "mds",
    [TOCEX_IMAGE_ISO] = "iso",           [TOCEX_IMAGE_RAW_TOC] = "raw-toc", [TOCEX_IMAGE_RAW_FULLTOC] = "raw-fulltoc",
    [TOCEX_IMAGE_RAW_PMA] = "raw-pma",   [TOCEX_IMAGE_RAW_ATIP] = "raw-atip", [TOCEX_IMAGE_RAW_CDTEXT] = "raw-cdtext",
    [TOCEX_IMAGE_CDT] = "cdt",           [TOCEX_IMAGE_RIPLOG] = "riplog",
};

const char *tocex_image_format_name(tocex_image_format format)
{
    if ((unsigned)format < TOCEX_IMAGE_FORMAT_COUNT)
        return format_names[format];
    return "unknown";
}

static const char *extension(const char *path)
{
    const char *dot;
    if (path == NULL)
        return "";
    dot = strrchr(tocex_path_basename(path), '.');
    return dot != NULL ? dot : "";
}

static bool ext_is(const char *path, const char *ext) { return strcasecmp(extension(path), ext) == 0; }

/* ---- binary signatures ---- */

static bool has_at(const uint8_t *head, size_t len, size_t at, const char *sig)
{
    size_t n = strlen(sig);
    tocex_span s;
    uint8_t buf[16];
    tocex_span_init(&s, head, len);
    if (n > sizeof buf || !tocex_span_skip(&s, at) || !tocex_span_copy(&s, buf, n))
        return false;
    return memcmp(buf, sig, n) == 0;
}

static bool is_nrg_tail(const uint8_t *tail, size_t len)
{
    return (len >= 12 && has_at(tail, len, len - 12, "NER5")) || (len >= 8 && has_at(tail, len, len - 8, "NERO"));
}

static bool is_iso(const uint8_t *head, size_t len)
{
    static const struct {
        size_t sector, data;
    } layouts[] = {{2048, 0}, {2352, 16}, {2352, 24}, {2336, 8}};
    static const char *const ids[] = {"CD001", "BEA01", "NSR02", "NSR03"};
    if (len < 16 * 2048 + 1 + 5)
        return false; /* every place looked at lies beyond */
    for (size_t l = 0; l < sizeof layouts / sizeof layouts[0]; l++)
        for (size_t sector = 16; sector < 20; sector++)
            for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
                if (has_at(head, len, sector * layouts[l].sector + layouts[l].data + 1, ids[i]))
                    return true;
    return false;
}

/* Descriptors of a saved READ TOC answer: Data Length must cover exactly the rest of the file. */
static bool answer_body(const uint8_t *head, size_t len, size_t unit, size_t *count)
{
    size_t dl;
    if (len < 4)
        return false;
    dl = tocex_be16(head);
    if (dl + 2 != len || dl < 2 || (dl - 2) % unit != 0)
        return false;
    *count = (dl - 2) / unit;
    return *count > 0;
}

static bool is_format0(const uint8_t *head, size_t len)
{
    size_t n;
    tocex_span s;
    uint8_t first, last, prev = 0;
    if (!answer_body(head, len, 8, &n) || n < 2)
        return false;
    first = head[2];
    last = head[3];
    if (first < 1 || first > 99 || last < first || last > 99)
        return false;
    tocex_span_init(&s, head, len);
    tocex_span_skip(&s, 4);
    for (size_t i = 0; i < n; i++) {
        uint8_t d[8];
        if (!tocex_span_copy(&s, d, sizeof d))
            return false;
        if (d[0] != 0 || d[3] != 0) /* reserved bytes */
            return false;
        if (i + 1 == n)
            return d[2] == 0xAA; /* the lead-out descriptor closes the list */
        if (d[2] < 1 || d[2] > 99 || d[2] <= prev)
            return false;
        prev = d[2];
    }
    return false;
}

static bool is_full_toc_like(const uint8_t *head, size_t len, bool pma)
{
    size_t n;
    tocex_span s;
    bool a0 = false, a1 = false, a2 = false;
    if (!answer_body(head, len, 11, &n))
        return false;
    if (pma)
        return head[2] == 0 && head[3] == 0;
    if (head[2] < 1 || head[3] < head[2] || head[3] > 99)
        return false;
    tocex_span_init(&s, head, len);
    tocex_span_skip(&s, 4);
    for (size_t i = 0; i < n; i++) {
        uint8_t d[11];
        if (!tocex_span_copy(&s, d, sizeof d))
            return false;
        if (d[0] < head[2] || d[0] > head[3])
            return false;
        a0 |= d[3] == 0xA0;
        a1 |= d[3] == 0xA1;
        a2 |= d[3] == 0xA2;
    }
    return a0 && a1 && a2;
}

static bool is_atip(const uint8_t *head, size_t len)
{
    size_t dl;
    if (len < 4)
        return false;
    dl = tocex_be16(head);
    if (dl + 2 != len || (dl != 26 && dl != 30) || head[2] != 0 || head[3] != 0)
        return false;
    /* descriptor bytes 4..6 (file 8..10): start of the lead-in, an address at 90:00:00 or later */
    return head[8] >= 90 && head[8] <= 99 && head[9] < 60 && head[10] < 75;
}

/* `n` packs at `at`: every type 80h..8Fh, and the CRCs mostly right (some drives zero them). */
static bool packs_ok(const uint8_t *head, size_t len, size_t at, size_t n)
{
    size_t good = 0;
    tocex_span s;
    tocex_span_init(&s, head, len);
    if (n == 0 || !tocex_span_skip(&s, at))
        return false;
    for (size_t i = 0; i < n; i++) {
        uint8_t pk[18];
        if (!tocex_span_copy(&s, pk, sizeof pk))
            return false;
        if (pk[0] < 0x80 || pk[0] > 0x8F)
            return false;
        if (tocex_cdtext_pack_crc_ok(pk) || (pk[16] == 0 && pk[17] == 0))
            good++;
    }
    return good * 2 >= n;
}

static bool is_cdtext_answer(const uint8_t *head, size_t len)
{
    size_t n;
    return answer_body(head, len, 18, &n) && packs_ok(head, len, 4, n);
}

static bool is_cdt(const uint8_t *head, size_t len)
{
    size_t n = len / 18;
    /* CDRWIN appends one NUL after the packs */
    if (len % 18 == 1) {
        if (head[len - 1] != 0)
            return false;
    } else if (len % 18 != 0) {
        return false;
    }
    return packs_ok(head, len, 0, n);
}

/* ---- text ---- */

/* UTF-32 without a BOM: in most 4-byte units three bytes are zero, the fourth (at *lo) is not. */
static bool utf32_without_bom(const uint8_t *head, size_t len, size_t *lo)
{
    size_t units = (len < 1024 ? len : 1024) / 4, le = 0, be = 0;
    for (size_t i = 0; i < units; i++) {
        const uint8_t *u = head + 4 * i;
        if (units - i >= 2 && tocex_swar_zero_bytes(tocex_swar_load(u)) == 0) {
            i++; /* two units without a zero byte count for neither */
            continue;
        }
        le += u[0] != 0 && u[1] == 0 && u[2] == 0 && u[3] == 0;
        be += u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0;
    }
    if (le * 4 >= units * 3) {
        *lo = 0;
        return true;
    }
    if (be * 4 >= units * 3) {
        *lo = 3;
        return true;
    }
    return false;
}

/* How the head holds its characters: from byte `start`, one every `step` bytes, the ASCII-range
 * code in byte `lo` of each unit. UTF-16 by BOM or NUL pattern, UTF-32 likewise, else 8-bit. */
static void text_layout(const uint8_t *head, size_t len, size_t *start, size_t *step, size_t *lo)
{
    *start = 0, *step = 1, *lo = 0;
    /* UTF-32 first: its little-endian BOM FF FE 00 00 starts like UTF-16's FF FE */
    if (len >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0) {
        *start = 4, *step = 4, *lo = 0;
    } else if (len >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF) {
        *start = 4, *step = 4, *lo = 3;
    } else if (len >= 16 && utf32_without_bom(head, len, lo)) {
        *step = 4;
    } else if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) {
        *start = 3;
    } else if (len >= 2 && head[0] == 0xFF && head[1] == 0xFE) {
        *start = 2, *step = 2, *lo = 0;
    } else if (len >= 2 && head[0] == 0xFE && head[1] == 0xFF) {
        *start = 2, *step = 2, *lo = 1;
    } else if (len >= 8) {
        size_t zodd = 0, zeven = 0, pairs = (len < 512 ? len : 512) / 2, i = 0;
        for (; pairs - i >= 4; i += 4) { /* four pairs per word; most words hold no zero */
            const uint8_t *w = head + 2 * i;
            if (tocex_swar_zero_bytes(tocex_swar_load(w)) == 0)
                continue;
            for (size_t b = 0; b < 8; b += 2) {
                zeven += w[b] == 0;
                zodd += w[b + 1] == 0;
            }
        }
        for (; i < pairs; i++) {
            zeven += head[2 * i] == 0;
            zodd += head[2 * i + 1] == 0;
        }
        if (zodd * 4 >= pairs * 3 && zeven * 8 <= pairs)
            *step = 2, *lo = 0;
        else if (zeven * 4 >= pairs * 3 && zodd * 8 <= pairs)
            *step = 2, *lo = 1;
    }
}

/* Wide text (step 2 or 4) folded to one byte per character: the low byte, or '?' for a
 * character beyond ASCII. Returns false when the head does not look like text at all (a NUL
 * character, or more than 1 % control characters other than tab and line ends). */
static bool fold_wide(const uint8_t *head, size_t len, size_t start, size_t step, size_t lo, uint8_t *out,
                      size_t *out_len)
{
    size_t k = 0, ctrl = 0;
    for (size_t i = start; i + step - 1 < len; i += step) {
        uint8_t c = head[i + lo];
        for (size_t b = 0; b < step; b++)
            if (b != lo && head[i + b] != 0)
                c = '?'; /* a character beyond ASCII */
        if (c == 0)
            return false;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            ctrl++;
        out[k++] = c >= 0x80 ? '?' : c;
    }
    *out_len = k;
    return k > 0 && ctrl * 100 <= k;
}

static bool is_ctrl(uint8_t c)
{
    return c != '\n' && c != '\r' && c != '\t';
}

/* The same test for 8-bit text, read in place: no NUL byte, at most 1 % control bytes. */
static bool bytes_are_text(const uint8_t *t, size_t n)
{
    size_t i = 0, ctrl = 0;
    if (n == 0)
        return false;
    for (; n - i >= 8; i += 8) {
        uint64_t x = tocex_swar_load(t + i);
        /* bytes below 20h (exactly): the only ones that matter; in text nearly all are LF */
        uint64_t m = ~(((x & TOCEX_SWAR_LOWS) + TOCEX_SWAR_ONES * 0x60) | x) & TOCEX_SWAR_HIGHS &
                     ~tocex_swar_zero_bytes(x ^ (TOCEX_SWAR_ONES * '\n'));
        if (m == 0)
            continue;
#if TOCEX_SWAR_LE
        for (; m != 0; m &= m - 1) {
            uint8_t c = t[i + tocex_swar_first(m)];
#else
        for (size_t b = 0; b < 8; b++) {
            uint8_t c = t[i + b];
            if (c >= 0x20 || c == '\n')
                continue;
#endif
            if (c == 0)
                return false;
            ctrl += is_ctrl(c);
        }
    }
    for (; i < n; i++) {
        if (t[i] == 0)
            return false;
        ctrl += t[i] < 0x20 && is_ctrl(t[i]);
    }
    return ctrl * 100 <= n;
}

/* Text rules below read the view as ASCII: a byte >= 80h stands for a character beyond ASCII
 * and matches no letter, digit, blank or punctuation the rules look for. */
static bool c_space(uint8_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* isspace() of the C locale */
}

static bool c_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

static bool c_alpha(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Case-insensitive (ASCII) equality of n bytes with an upper-case keyword. */
static bool caseeq_n(const uint8_t *t, const char *upper, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = t[i];
        if (c >= 'a' && c <= 'z')
            c = (uint8_t)(c - 32);
        if (c != (uint8_t)upper[i])
            return false;
    }
    return true;
}

static bool caseeq(const char *w, const char *upper)
{
    size_t n = strlen(upper);
    return strlen(w) == n && caseeq_n((const uint8_t *)w, upper, n);
}

/* Next blank-separated word of line[*pos..n), at most `max` bytes of it (the rest stays for the
 * next word): what sscanf's "%<max>s" reads. False at the end of the line. */
static bool scan_word(const uint8_t *line, size_t n, size_t *pos, char *out, size_t max)
{
    size_t i = *pos, k = 0;
    while (i < n && c_space(line[i]))
        i++;
    if (i == n) {
        *pos = i;
        return false;
    }
    while (i < n && k < max && !c_space(line[i]))
        out[k++] = (char)line[i++];
    out[k] = '\0';
    *pos = i;
    return true;
}

/* Cue sheet or cdrdao .toc: the first statement that only one of them has decides. */
static tocex_image_format cue_or_toc(const uint8_t *text, size_t len)
{
    size_t p = 0;
    int cue = 0, toc = 0;
    while (p < len) {
        const uint8_t *eol = memchr(text + p, '\n', len - p);
        size_t n = eol != NULL ? (size_t)(eol - (text + p)) : len - p, pos = 0;
        const uint8_t *line = text + p;
        char w1[32] = "", w2[64] = "", w3[32] = "";
        p = eol != NULL ? p + n + 1 : len;
        if (n > 255)
            n = 255; /* only the start of a long line is looked at */
        if (!scan_word(line, n, &pos, w1, 31))
            continue;
        if (scan_word(line, n, &pos, w2, 63))
            scan_word(line, n, &pos, w3, 31);
        if (strncmp(w1, "//", 2) == 0) {
            toc++;
            continue;
        }
        if (strcmp(w1, "CD_DA") == 0 || strcmp(w1, "CD_ROM") == 0 || strcmp(w1, "CD_ROM_XA") == 0 ||
            strcmp(w1, "CD_I") == 0 || strncmp(w1, "CD_TEXT", 7) == 0)
            return TOCEX_IMAGE_CDRDAO_TOC;
        if (caseeq(w1, "REM") || caseeq(w1, "PERFORMER") || caseeq(w1, "TITLE") || caseeq(w1, "SONGWRITER") ||
            caseeq(w1, "CDTEXTFILE") || caseeq(w1, "FLAGS") || caseeq(w1, "POSTGAP"))
            return TOCEX_IMAGE_CUE;
        if (caseeq(w1, "TRACK")) {
            if (c_digit((uint8_t)w2[0]))
                return TOCEX_IMAGE_CUE;
            if (strcmp(w2, "AUDIO") == 0 || strncmp(w2, "MODE", 4) == 0)
                return TOCEX_IMAGE_CDRDAO_TOC;
        }
        if (caseeq(w1, "INDEX")) {
            /* cue: INDEX nn mm:ss:ff; cdrdao: INDEX mm:ss:ff */
            return w3[0] != '\0' ? TOCEX_IMAGE_CUE : TOCEX_IMAGE_CDRDAO_TOC;
        }
        if (caseeq(w1, "FILE")) {
            /* cue: FILE "name" TYPE; cdrdao: FILE "name" [#offset] start [length] */
            size_t last = n, tpos;
            char type[32] = "";
            while (last > 0 && line[last - 1] != '"')
                last--;
            tpos = last;
            if (last > 0 && scan_word(line, n, &tpos, type, 31)) {
                if (c_alpha((uint8_t)type[0]) && !caseeq(type, "SWAP"))
                    return TOCEX_IMAGE_CUE;
                if (c_digit((uint8_t)type[0]) || type[0] == '#')
                    return TOCEX_IMAGE_CDRDAO_TOC;
            }
            cue++;
            continue;
        }
        if (caseeq(w1, "CATALOG") || caseeq(w1, "ISRC")) {
            if (w2[0] == '"')
                toc++; /* cdrdao requires the quotes; cue sheets usually have none */
            else
                cue++;
            continue;
        }
        if (strcmp(w1, "SILENCE") == 0 || strcmp(w1, "ZERO") == 0 || strcmp(w1, "DATAFILE") == 0 ||
            strcmp(w1, "AUDIOFILE") == 0 || strcmp(w1, "START") == 0 || strcmp(w1, "NO") == 0 ||
            strcmp(w1, "COPY") == 0 || strcmp(w1, "TWO_CHANNEL_AUDIO") == 0 ||
            strcmp(w1, "FOUR_CHANNEL_AUDIO") == 0 || strcmp(w1, "PRE_EMPHASIS") == 0)
            return TOCEX_IMAGE_CDRDAO_TOC;
        if (caseeq(w1, "PREGAP")) {
            continue; /* both have it */
        }
        /* anything else is neither; stop at the first line that is not a statement of either */
        break;
    }
    if (toc > cue)
        return TOCEX_IMAGE_CDRDAO_TOC;
    if (cue > toc)
        return TOCEX_IMAGE_CUE;
    return TOCEX_IMAGE_UNKNOWN;
}

static bool has_prefix(const uint8_t *t, size_t n, size_t at, const char *lit)
{
    size_t k = strlen(lit);
    return n - at >= k && memcmp(t + at, lit, k) == 0;
}

/* Ripper logs open with their program's banner line (the first non-blank lines):
 * "Exact Audio Copy V1.0 beta 3 from ..." / "EAC extraction logfile from ..." (EAC),
 * "X Lossless Decoder version ..." (XLD), "Log created by: whipper ...", "dBpoweramp Release ...",
 * "fre:ac ...", "cyanrip ...", "CUERipper v...". */
static bool is_riplog(const uint8_t *text, size_t len)
{
    static const char *const banners[] = {
        "Exact Audio Copy", "EAC extraction logfile", "X Lossless Decoder", "Log created by: whipper",
        "dBpoweramp", "fre:ac", "cyanrip", "CUERipper",
    };
    size_t p = 0;
    for (int lines = 0; lines < 8 && p < len;) {
        const uint8_t *eol = memchr(text + p, '\n', len - p);
        while (p < len && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r'))
            p++;
        if (p < len && text[p] != '\n') {
            for (size_t i = 0; i < sizeof banners / sizeof banners[0]; i++)
                if ((uint8_t)banners[i][0] == text[p] && has_prefix(text, len, p, banners[i]))
                    return true;
            /* fre:ac opens with "Conversion #1 - N tracks" and names itself on a "Client:" line */
            if (has_prefix(text, len, p, "Client:")) {
                size_t q = p + 7;
                while (q < len && (text[q] == ' ' || text[q] == '\t'))
                    q++;
                if (has_prefix(text, len, q, "fre:ac"))
                    return true;
            }
            lines++;
        }
        if (eol == NULL)
            break;
        p = (size_t)(eol - text) + 1;
    }
    return false;
}

static tocex_image_format sniff_text(const uint8_t *text, size_t len)
{
    size_t p = 0;
    /* [CloneCD] as the first section */
    while (p < len && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r' || text[p] == '\n'))
        p++;
    if (len - p >= 9 && caseeq_n(text + p, "[CLONECD]", 9))
        return TOCEX_IMAGE_CCD;
    if (is_riplog(text, len))
        return TOCEX_IMAGE_RIPLOG;
    return cue_or_toc(text, len);
}

/* The text rules over the head. `assume`: the format the caller falls back to when the answer
 * is unknown; when the first statements already name it, whether the rest of the head looks
 * like text cannot change the outcome and is not scanned. */
static tocex_image_format sniff_head_text(const uint8_t *head, size_t len, tocex_image_format assume)
{
    size_t start, step, lo, k = 0;
    tocex_image_format f = TOCEX_IMAGE_UNKNOWN;
    uint8_t *text;
    text_layout(head, len, &start, &step, &lo);
    if (step == 1) {
        /* 8-bit or UTF-8: the view is the bytes themselves */
        if (start >= len)
            return TOCEX_IMAGE_UNKNOWN;
        f = sniff_text(head + start, len - start);
        if (f != TOCEX_IMAGE_UNKNOWN && f != assume && !bytes_are_text(head + start, len - start))
            f = TOCEX_IMAGE_UNKNOWN;
        return f;
    }
    text = malloc(len / step + 1);
    if (text != NULL) {
        if (fold_wide(head, len, start, step, lo, text, &k))
            f = sniff_text(text, k);
        free(text);
    }
    return f;
}

static tocex_image_format by_extension(const char *path)
{
    static const struct {
        const char *ext;
        tocex_image_format format;
    } map[] = {
        {".cue", TOCEX_IMAGE_CUE},         {".ccd", TOCEX_IMAGE_CCD},        {".nrg", TOCEX_IMAGE_NRG},
        {".mds", TOCEX_IMAGE_MDS},         {".iso", TOCEX_IMAGE_ISO},        {".fulltoc", TOCEX_IMAGE_RAW_FULLTOC},
        {".pma", TOCEX_IMAGE_RAW_PMA},     {".atip", TOCEX_IMAGE_RAW_ATIP},  {".cdtext", TOCEX_IMAGE_RAW_CDTEXT},
        {".cdt", TOCEX_IMAGE_CDT},         {".toc", TOCEX_IMAGE_CDRDAO_TOC}, {".log", TOCEX_IMAGE_RIPLOG},
    };
    const char *ext = extension(path);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(ext, map[i].ext) == 0)
            return map[i].format;
    return TOCEX_IMAGE_UNKNOWN;
}

/* tocex_image_sniff; `assume` as for sniff_head_text. */
static tocex_image_format sniff(const char *path, const uint8_t *head, size_t head_len, tocex_image_format assume)
{
    tocex_image_format f;
    if (head == NULL || head_len == 0)
        return by_extension(path);
    if (has_at(head, head_len, 0, "MEDIA DESCRIPTOR"))
        return TOCEX_IMAGE_MDS;
    /* saved answers: exact structure; where two fit, the name says which was asked for */
    if (is_format0(head, head_len) && !(ext_is(path, ".fulltoc") && is_full_toc_like(head, head_len, false)))
        return TOCEX_IMAGE_RAW_TOC;
    if (is_full_toc_like(head, head_len, false))
        return TOCEX_IMAGE_RAW_FULLTOC;
    if (is_atip(head, head_len))
        return TOCEX_IMAGE_RAW_ATIP;
    if (is_cdtext_answer(head, head_len))
        return ext_is(path, ".cdt") ? TOCEX_IMAGE_CDT : TOCEX_IMAGE_RAW_CDTEXT;
    if (is_cdt(head, head_len))
        return TOCEX_IMAGE_CDT;
    if (is_full_toc_like(head, head_len, true))
        return TOCEX_IMAGE_RAW_PMA;
    /* a Nero image starts with its track data, often an ISO 9660 file system: the footer (or,
     * when the head does not reach it, the name) wins */
    if (is_nrg_tail(head, head_len))
        return TOCEX_IMAGE_NRG;
    if (is_iso(head, head_len))
        return ext_is(path, ".nrg") ? TOCEX_IMAGE_NRG : TOCEX_IMAGE_ISO;
    f = sniff_head_text(head, head_len, assume);
    if (f != TOCEX_IMAGE_UNKNOWN)
        return f;
    /* content says nothing: only formats whose signature the head cannot show */
    if (ext_is(path, ".nrg"))
        return TOCEX_IMAGE_NRG;
    return TOCEX_IMAGE_UNKNOWN;
}

tocex_image_format tocex_image_sniff(const char *path, const uint8_t *head, size_t head_len)
{
    return sniff(path, head, head_len, TOCEX_IMAGE_UNKNOWN);
}

tocex_status tocex_image_open_as(const char *path, tocex_image_format format, tocex_disc *out, tocex_error *err)
{
    switch (format) {
    case TOCEX_IMAGE_CUE: return tocex_image_read_cue(path, out, err);
    case TOCEX_IMAGE_CCD: return tocex_image_read_ccd(path, out, err);
    case TOCEX_IMAGE_CDRDAO_TOC: return tocex_image_read_cdrdao(path, out, err);
    case TOCEX_IMAGE_NRG: return tocex_image_read_nrg(path, out, err);
    case TOCEX_IMAGE_MDS: return tocex_image_read_mds(path, out, err);
    case TOCEX_IMAGE_ISO: return tocex_image_read_iso(path, out, err);
    case TOCEX_IMAGE_RAW_TOC:
    case TOCEX_IMAGE_RAW_FULLTOC:
    case TOCEX_IMAGE_RAW_PMA:
    case TOCEX_IMAGE_RAW_ATIP:
    case TOCEX_IMAGE_RAW_CDTEXT:
    case TOCEX_IMAGE_CDT: return tocex_image_read_raw(path, format, out, err);
    case TOCEX_IMAGE_RIPLOG: return tocex_image_read_riplog(path, out, err);
    default: return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: not a disc image tocex knows", path);
    }
}

/* What the file starts with, for the "unknown format" message. */
static void describe_head(const uint8_t *head, size_t len, char *buf, size_t size)
{
    size_t k = 0, n = len < 16 ? len : 16;
    bool printable = n > 0;
    for (size_t i = 0; i < n; i++)
        if (head[i] < 0x20 || head[i] >= 0x7F)
            printable = printable && (head[i] == '\n' || head[i] == '\r' || head[i] == '\t');
    if (len == 0) {
        snprintf(buf, size, "the file is empty");
        return;
    }
    if (printable) {
        k = (size_t)snprintf(buf, size, "text starting \"");
        for (size_t i = 0; i < n && k + 3 < size; i++)
            buf[k++] = (head[i] < 0x20) ? ' ' : (char)head[i];
        snprintf(buf + k, size - k, "\"");
        return;
    }
    k = (size_t)snprintf(buf, size, "bytes");
    for (size_t i = 0; i < n && k + 4 < size; i++)
        k += (size_t)snprintf(buf + k, size - k, " %02X", head[i]);
}

/* Read up to cap bytes from fd at its current position; stops at end of file or on an error
 * (what was read so far counts, as with fread). read(2), not tocex_file_pread_some: the source
 * may be a pipe or a character device, which cannot pread. */
static size_t read_up_to(int fd, uint8_t *buf, size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

tocex_status tocex_image_open(const char *path, tocex_disc *out, tocex_error *err)
{
    int fd;
    uint8_t *head;
    uint8_t tail[12];
    size_t got, tail_len = 0, cap;
    long long size;
    struct stat sb;
    tocex_image_format format, assume;
    if (path == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "open: no path or output");
    if (stat(path, &sb) != 0)
        return tocex_error_set(err, TOCEX_E_IO, "%s: %s", path, strerror(errno));
    size = (long long)sb.st_size;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tocex_error_set(err, TOCEX_E_IO, "%s: cannot open", path);
    /* A regular file smaller than the head is read whole into a buffer of its size (one byte
     * more, to see it grow); anything else gets the full head. */
    cap = S_ISREG(sb.st_mode) && size >= 0 && (unsigned long long)size < SNIFF_HEAD ? (size_t)size + 1 : SNIFF_HEAD;
    head = malloc(cap);
    if (head == NULL) {
        close(fd);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", path);
    }
    got = read_up_to(fd, head, cap);
    /* Nero keeps its signature in the last bytes of the file */
    if (size >= 12 && (unsigned long long)size > got)
        tail_len = (size_t)(pread(fd, tail, sizeof tail, (off_t)(size - 12)) == (ssize_t)sizeof tail ? sizeof tail : 0);
    close(fd);
    /* What an unknown answer turns into below; a .toc may still turn out a saved answer. */
    assume = got > 0 ? by_extension(path) : TOCEX_IMAGE_UNKNOWN;
    if (tail_len == sizeof tail && is_nrg_tail(tail, tail_len))
        format = TOCEX_IMAGE_NRG;
    else
        format = sniff(path, head, got, assume != TOCEX_IMAGE_CDRDAO_TOC ? assume : TOCEX_IMAGE_UNKNOWN);
    if (format == TOCEX_IMAGE_UNKNOWN && got > 0) {
        /* The content fits no format, but the name says which was meant: let that reader say
         * what is wrong and where (file:line or byte offset) instead of a bare "unknown". A .toc
         * that does not start like text is a saved format-0 answer, not a cdrdao TOC. */
        format = assume;
        if (format == TOCEX_IMAGE_CDRDAO_TOC && got >= 2 && (head[0] < 0x09 || head[1] < 0x09))
            format = TOCEX_IMAGE_RAW_TOC;
    }
    if (format == TOCEX_IMAGE_UNKNOWN) {
        char what[96];
        describe_head(head, got, what, sizeof what);
        free(head);
        return tocex_error_set(err, TOCEX_E_UNSUPPORTED,
                               "%s: not a disc image or description tocex knows (%lld bytes, %s)", path, size, what);
    }
    if (format == TOCEX_IMAGE_CUE && S_ISREG(sb.st_mode) && (long long)got == size && size <= TOCEX_CUE_MAX_SIZE) {
        /* the whole sheet is in hand: parse these bytes (in place) rather than read the file again */
        return tocex_image_parse_cue_buffer(path, head, got, cap, out, err);
    }
    free(head);
    return tocex_image_open_as(path, format, out, err);
}
