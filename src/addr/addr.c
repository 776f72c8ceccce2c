#include <string.h>

#include "tocex/addr.h"

#include "util/digits.h"

static tocex_msf split(uint32_t frames)
{
    tocex_msf msf;
    msf.m = (uint8_t)((frames / TOCEX_FRAMES_PER_MINUTE) & 0xFF);
    msf.s = (uint8_t)((frames / TOCEX_FRAMES_PER_SECOND) % TOCEX_SECONDS_PER_MINUTE);
    msf.f = (uint8_t)(frames % TOCEX_FRAMES_PER_SECOND);
    return msf;
}

bool tocex_lba_to_msf(int32_t lba, tocex_msf *out)
{
    if (lba < TOCEX_LBA_MIN || lba > TOCEX_LBA_MAX_MSF)
        return false;
    if (lba >= -TOCEX_MSF_OFFSET)
        *out = split((uint32_t)(lba + TOCEX_MSF_OFFSET));
    else
        *out = split((uint32_t)(lba + TOCEX_LEADIN_OFFSET));
    return true;
}

tocex_msf tocex_lba_to_msf_wrap(int32_t lba)
{
    tocex_msf msf = {0, 0, 0};
    if (lba < TOCEX_LBA_MIN)
        return msf;
    if (lba >= -TOCEX_MSF_OFFSET)
        return split((uint32_t)lba + TOCEX_MSF_OFFSET);
    return split((uint32_t)(lba + TOCEX_LEADIN_OFFSET));
}

int32_t tocex_msf_frames(tocex_msf msf)
{
    return (int32_t)msf.m * TOCEX_FRAMES_PER_MINUTE + (int32_t)msf.s * TOCEX_FRAMES_PER_SECOND + msf.f;
}

int32_t tocex_msf_to_lba(tocex_msf msf)
{
    int32_t frames = tocex_msf_frames(msf);
    return msf.m >= 90 ? frames - TOCEX_LEADIN_OFFSET : frames - TOCEX_MSF_OFFSET;
}

int32_t tocex_msf_to_lba_linear(tocex_msf msf) { return tocex_msf_frames(msf) - TOCEX_MSF_OFFSET; }

bool tocex_msf_valid(tocex_msf msf) { return msf.s < 60 && msf.f < 75; }

/* The MSF texts are written with util/digits.h: the text outputs print one per track and row,
 * and snprintf costs several hundred instructions each time. */

/* Like "%02u" of a byte: two digits, three from 100 up. */
static char *two_digits(char *p, unsigned v)
{
    if (v >= 100) {
        *p++ = (char)('0' + v / 100);
        v %= 100;
    }
    memcpy(p, tocex_digit_pairs + 2 * v, 2);
    return p + 2;
}

/* snprintf's contract: at most size - 1 bytes and a NUL; nothing when size is 0. */
static char *copy_bounded(char *buf, unsigned long size, const char *text, size_t len)
{
    if (size == 0)
        return buf;
    if (len >= size)
        len = (size_t)size - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return buf;
}

char *tocex_msf_format(tocex_msf msf, char *buf, unsigned long size)
{
    char text[12], *p = text;
    if (size >= sizeof text) /* the usual case: write in place */
        p = buf;
    if (msf.m < 100 && msf.s < 100 && msf.f < 100) {
        tocex_digits_msf(p, msf.m, msf.s, msf.f);
        p += 8;
    } else {
        p = two_digits(p, msf.m);
        *p++ = ':';
        p = two_digits(p, msf.s);
        *p++ = ':';
        p = two_digits(p, msf.f);
    }
    if (size >= sizeof text) {
        *p = '\0';
        return buf;
    }
    return copy_bounded(buf, size, text, (size_t)(p - text));
}

char *tocex_lba_format_msf(int32_t lba, char *buf, unsigned long size)
{
    char text[TOCEX_DIGITS_LBA_MSF_MAX];
    if (size > sizeof text) {
        tocex_digits_lba_msf(buf, lba);
        buf[sizeof text] = '\0';
        return buf;
    }
    tocex_digits_lba_msf(text, lba);
    return copy_bounded(buf, size, text, sizeof text);
}

bool tocex_msf_parse_frames(const char *text, int32_t *frames)
{
    long part[3] = {0, 0, 0};
    int n = 0;
    const char *p = text;
    if (p == NULL || *p == '\0')
        return false;
    for (;;) {
        long v = 0;
        int digits = 0;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p - '0');
            if (v > 100000)
                return false;
            p++;
            digits++;
        }
        if (digits == 0 || n >= 3)
            return false;
        part[n++] = v;
        if (*p == ':') {
            p++;
            continue;
        }
        break;
    }
    if (*p != '\0' || n != 3 || part[1] >= 60 || part[2] >= 75)
        return false;
    *frames = (int32_t)(part[0] * TOCEX_FRAMES_PER_MINUTE + part[1] * TOCEX_FRAMES_PER_SECOND + part[2]);
    return true;
}

uint8_t tocex_bin_to_bcd(uint8_t v)
{
    if (v > 99)
        return 0xFF;
    return (uint8_t)((v / 10) << 4 | (v % 10));
}

bool tocex_is_bcd(uint8_t v) { return (v >> 4) <= 9 && (v & 0x0F) <= 9; }

bool tocex_bcd_to_bin(uint8_t bcd, uint8_t *out)
{
    if (!tocex_is_bcd(bcd))
        return false;
    *out = (uint8_t)((bcd >> 4) * 10 + (bcd & 0x0F));
    return true;
}
