/* tocex program: parsing hex byte arguments. */
#include "hexarg.h"

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool cli_hex_parse(const char *text, uint8_t *out, size_t cap, size_t *len)
{
    const char *p = text;
    while (*p != '\0') {
        int hi, lo;
        if (*p == ' ' || *p == ':' || *p == '-' || *p == ',' || *p == '\t') {
            p++;
            continue;
        }
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p += 2;
            continue;
        }
        hi = nibble(p[0]);
        lo = hi >= 0 ? nibble(p[1]) : -1;
        if (hi < 0 || lo < 0 || *len >= cap)
            return false;
        out[(*len)++] = (uint8_t)(hi << 4 | lo);
        p += 2;
    }
    return true;
}
