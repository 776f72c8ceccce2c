/* SHA-1 digest in MusicBrainz Base64: RFC 4648 Base64 with the three characters that are not
 * URL-safe replaced ('+' -> '.', '/' -> '_', '=' -> '-'), as MusicBrainz and CTDB print IDs. */
#include <sha1.h>
#include <stdint.h>

#include "discid/hash.h"

static const char b64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

void tocex_discid_sha1_b64(const char *text, size_t len, char out[TOCEX_DISCID_B64_LEN + 1])
{
    SHA1_CTX ctx;
    uint8_t digest[SHA1_DIGEST_LENGTH];
    size_t o = 0;

    SHA1Init(&ctx);
    SHA1Update(&ctx, (const uint8_t *)text, len);
    SHA1Final(digest, &ctx);
    /* 20 bytes = six full 3-byte groups + one 2-byte group (one pad character). */
    for (size_t i = 0; i < SHA1_DIGEST_LENGTH; i += 3) {
        uint32_t v = (uint32_t)digest[i] << 16;
        size_t have = SHA1_DIGEST_LENGTH - i;
        if (have > 1)
            v |= (uint32_t)digest[i + 1] << 8;
        if (have > 2)
            v |= digest[i + 2];
        out[o++] = b64_alphabet[(v >> 18) & 0x3F];
        out[o++] = b64_alphabet[(v >> 12) & 0x3F];
        out[o++] = have > 1 ? b64_alphabet[(v >> 6) & 0x3F] : '-';
        out[o++] = have > 2 ? b64_alphabet[v & 0x3F] : '-';
    }
    out[o] = '\0';
}
