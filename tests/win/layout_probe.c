/* Layout probe: the same source compiled against mingw-w64's <ntddcdrm.h> (cross compiler) and
 * against tocex/ntddcdrm.h. Everything measured lands in one constant object in section
 * ".tlayout"; the test extracts that section from both object files and compares the bytes.
 * Built with -DPROBE_PRINT it is a host program that prints what each word means. */
#ifdef PROBE_MINGW
#define WIN32_NO_STATUS
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <ntddcdrm.h>
#else
#include "tocex/ntddcdrm.h"
#endif
#include <stddef.h>

/* X-macros: sizes and offsets (words), then constant values (words), then bit-field probes
 * (struct instances with one field set to all ones). */
#define SIZES(X)                                                                                                    \
    X(sizeof(CDROM_READ_TOC_EX)) X(sizeof(TRACK_DATA)) X(sizeof(CDROM_TOC)) X(sizeof(CDROM_TOC_SESSION_DATA))       \
    X(sizeof(CDROM_TOC_FULL_TOC_DATA_BLOCK)) X(sizeof(CDROM_TOC_FULL_TOC_DATA)) X(sizeof(CDROM_TOC_PMA_DATA))      \
    X(sizeof(CDROM_TOC_ATIP_DATA_BLOCK)) X(sizeof(CDROM_TOC_ATIP_DATA)) X(sizeof(CDROM_TOC_CD_TEXT_DATA_BLOCK))     \
    X(sizeof(CDROM_TOC_CD_TEXT_DATA)) X(_Alignof(CDROM_TOC_CD_TEXT_DATA_BLOCK)) X(_Alignof(CDROM_TOC))              \
    X(offsetof(CDROM_READ_TOC_EX, SessionTrack)) X(offsetof(CDROM_READ_TOC_EX, Reserved2))                          \
    X(offsetof(CDROM_READ_TOC_EX, Reserved3)) X(offsetof(TRACK_DATA, Reserved)) X(offsetof(TRACK_DATA, TrackNumber)) \
    X(offsetof(TRACK_DATA, Reserved1)) X(offsetof(TRACK_DATA, Address)) X(offsetof(CDROM_TOC, Length))              \
    X(offsetof(CDROM_TOC, FirstTrack)) X(offsetof(CDROM_TOC, LastTrack)) X(offsetof(CDROM_TOC, TrackData))          \
    X(offsetof(CDROM_TOC_SESSION_DATA, FirstCompleteSession)) X(offsetof(CDROM_TOC_SESSION_DATA, LastCompleteSession)) \
    X(offsetof(CDROM_TOC_SESSION_DATA, TrackData)) X(offsetof(CDROM_TOC_FULL_TOC_DATA_BLOCK, SessionNumber))        \
    X(offsetof(CDROM_TOC_FULL_TOC_DATA_BLOCK, Reserved1)) X(offsetof(CDROM_TOC_FULL_TOC_DATA_BLOCK, Point))         \
    X(offsetof(CDROM_TOC_FULL_TOC_DATA_BLOCK, MsfExtra)) X(offsetof(CDROM_TOC_FULL_TOC_DATA_BLOCK, Zero))           \
    X(offsetof(CDROM_TOC_FULL_TOC_DATA_BLOCK, Msf)) X(offsetof(CDROM_TOC_FULL_TOC_DATA, FirstCompleteSession))      \
    X(offsetof(CDROM_TOC_FULL_TOC_DATA, LastCompleteSession)) X(offsetof(CDROM_TOC_FULL_TOC_DATA, Descriptors))     \
    X(offsetof(CDROM_TOC_PMA_DATA, Reserved1)) X(offsetof(CDROM_TOC_PMA_DATA, Reserved2))                           \
    X(offsetof(CDROM_TOC_PMA_DATA, Descriptors)) X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, Reserved7))                  \
    X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, LeadInMsf)) X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, Reserved8))             \
    X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, LeadOutMsf)) X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, Reserved9))            \
    X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, A1Values)) X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, Reserved10))             \
    X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, A2Values)) X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, Reserved11))             \
    X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, A3Values)) X(offsetof(CDROM_TOC_ATIP_DATA_BLOCK, Reserved12))             \
    X(offsetof(CDROM_TOC_ATIP_DATA, Descriptors)) X(offsetof(CDROM_TOC_CD_TEXT_DATA_BLOCK, PackType))               \
    X(offsetof(CDROM_TOC_CD_TEXT_DATA_BLOCK, SequenceNumber)) X(offsetof(CDROM_TOC_CD_TEXT_DATA_BLOCK, Text))       \
    X(offsetof(CDROM_TOC_CD_TEXT_DATA_BLOCK, WText)) X(offsetof(CDROM_TOC_CD_TEXT_DATA_BLOCK, CRC))                 \
    X(offsetof(CDROM_TOC_CD_TEXT_DATA, Descriptors))                                                                \
    X(IOCTL_CDROM_READ_TOC) X(IOCTL_CDROM_GET_LAST_SESSION) X(IOCTL_CDROM_READ_TOC_EX) X(MAXIMUM_NUMBER_TRACKS)    \
    X(MAXIMUM_CDROM_SIZE) X(MINIMUM_CDROM_READ_TOC_EX_SIZE) X(CDROM_READ_TOC_EX_FORMAT_TOC)                         \
    X(CDROM_READ_TOC_EX_FORMAT_SESSION) X(CDROM_READ_TOC_EX_FORMAT_FULL_TOC) X(CDROM_READ_TOC_EX_FORMAT_PMA)        \
    X(CDROM_READ_TOC_EX_FORMAT_ATIP) X(CDROM_READ_TOC_EX_FORMAT_CDTEXT) X(ADR_NO_MODE_INFORMATION)                  \
    X(ADR_ENCODES_CURRENT_POSITION) X(ADR_ENCODES_MEDIA_CATALOG) X(ADR_ENCODES_ISRC) X(AUDIO_WITH_PREEMPHASIS)      \
    X(DIGITAL_COPY_PERMITTED) X(AUDIO_DATA_TRACK) X(TWO_FOUR_CHANNEL_AUDIO) X(CDROM_CD_TEXT_PACK_ALBUM_NAME)        \
    X(CDROM_CD_TEXT_PACK_PERFORMER) X(CDROM_CD_TEXT_PACK_SONGWRITER) X(CDROM_CD_TEXT_PACK_COMPOSER)                 \
    X(CDROM_CD_TEXT_PACK_ARRANGER) X(CDROM_CD_TEXT_PACK_MESSAGES) X(CDROM_CD_TEXT_PACK_DISC_ID)                     \
    X(CDROM_CD_TEXT_PACK_GENRE) X(CDROM_CD_TEXT_PACK_TOC_INFO) X(CDROM_CD_TEXT_PACK_TOC_INFO2)                      \
    X(CDROM_CD_TEXT_PACK_UPC_EAN) X(CDROM_CD_TEXT_PACK_SIZE_INFO) X(STATUS_INFO_LENGTH_MISMATCH)                    \
    X(STATUS_INVALID_PARAMETER) X(STATUS_INVALID_DEVICE_REQUEST) X(STATUS_NO_MEDIA_IN_DEVICE)                       \
    X(STATUS_UNRECOGNIZED_MEDIA) X(STATUS_NONEXISTENT_SECTOR) X(STATUS_BUFFER_TOO_SMALL) X(STATUS_DEVICE_BUSY)     \
    X(STATUS_VERIFY_REQUIRED) X(STATUS_DEVICE_NOT_READY) X(STATUS_IO_DEVICE_ERROR) X(STATUS_IO_TIMEOUT)             \
    X(STATUS_DEVICE_DATA_ERROR) X(STATUS_NO_DATA_DETECTED) X(STATUS_INSUFFICIENT_RESOURCES)                        \
    X(STATUS_DEVICE_DOES_NOT_EXIST) X(STATUS_NOT_SUPPORTED) X(STATUS_ACCESS_DENIED)

/* The ATIP sub-type bits are DiscSubType in Microsoft's SDK and ours, Reserved6 in mingw-w64. */
#ifdef PROBE_MINGW
#define ATIP_SUBTYPE Reserved6
#else
#define ATIP_SUBTYPE DiscSubType
#endif

#define BITS(X)                                                                                                     \
    X(CDROM_READ_TOC_EX, Format, 15) X(CDROM_READ_TOC_EX, Reserved1, 7) X(CDROM_READ_TOC_EX, Msf, 1)                \
    X(TRACK_DATA, Control, 15) X(TRACK_DATA, Adr, 15) X(CDROM_TOC_FULL_TOC_DATA_BLOCK, Control, 15)                 \
    X(CDROM_TOC_FULL_TOC_DATA_BLOCK, Adr, 15) X(CDROM_TOC_ATIP_DATA_BLOCK, CdrwReferenceSpeed, 7)                   \
    X(CDROM_TOC_ATIP_DATA_BLOCK, Reserved3, 1) X(CDROM_TOC_ATIP_DATA_BLOCK, WritePower, 7)                          \
    X(CDROM_TOC_ATIP_DATA_BLOCK, True1, 1) X(CDROM_TOC_ATIP_DATA_BLOCK, Reserved4, 63)                              \
    X(CDROM_TOC_ATIP_DATA_BLOCK, UnrestrictedUse, 1) X(CDROM_TOC_ATIP_DATA_BLOCK, Reserved5, 1)                     \
    X(CDROM_TOC_ATIP_DATA_BLOCK, A3Valid, 1) X(CDROM_TOC_ATIP_DATA_BLOCK, A2Valid, 1)                               \
    X(CDROM_TOC_ATIP_DATA_BLOCK, A1Valid, 1) X(CDROM_TOC_ATIP_DATA_BLOCK, ATIP_SUBTYPE, 7)                          \
    X(CDROM_TOC_ATIP_DATA_BLOCK, IsCdrw, 1) X(CDROM_TOC_ATIP_DATA_BLOCK, True2, 1)                                  \
    X(CDROM_TOC_CD_TEXT_DATA_BLOCK, TrackNumber, 127) X(CDROM_TOC_CD_TEXT_DATA_BLOCK, ExtensionFlag, 1)             \
    X(CDROM_TOC_CD_TEXT_DATA_BLOCK, CharacterPosition, 15) X(CDROM_TOC_CD_TEXT_DATA_BLOCK, BlockNumber, 7)          \
    X(CDROM_TOC_CD_TEXT_DATA_BLOCK, Unicode, 1)

#define COUNT_ONE(v) +1
#define WORD(v) (unsigned int)(v),
#define MEMBER(T, f, ones) T bits_##T##_##f;
#define INIT(T, f, ones) {.f = ones},

struct probe {
    unsigned int words[0 SIZES(COUNT_ONE)];
    BITS(MEMBER)
};

#ifdef PROBE_PRINT
#include <stdio.h>
#define NAME_WORD(v) #v,
#define PRINT_BITS(T, f, ones)                                                                                     \
    do {                                                                                                           \
        const unsigned char *p = (const unsigned char *)&probe.bits_##T##_##f;                                     \
        printf("%s.%s =", #T, #f);                                                                                 \
        for (size_t i = 0; i < sizeof(T); i++)                                                                     \
            printf(" %02x", p[i]);                                                                                 \
        printf("\n");                                                                                              \
    } while (0);
static const struct probe probe = {{SIZES(WORD)}, BITS(INIT)};
int main(void)
{
    static const char *const names[] = {SIZES(NAME_WORD)};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        printf("%s = %u\n", names[i], probe.words[i]);
    BITS(PRINT_BITS)
    return 0;
}
#else
__attribute__((section(".tlayout"), used)) const struct probe tocex_layout_probe = {{SIZES(WORD)}, BITS(INIT)};
#endif
