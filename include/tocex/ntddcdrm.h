/* tocex — the Windows CD-ROM names (ntddcdrm.h), byte-exact, for code ported from Windows.
 *
 * Sizes, offsets and bit positions are Windows' own (UCHAR bit-fields allocated from the least
 * significant bit, as MSVC and GCC do); a test compiles a probe against mingw-w64's header and
 * against this one and fails on any difference. Multi-byte lengths are big-endian, exactly as
 * the drive sends them: the driver never byte-swaps.
 *
 * This header defines the Windows base types it needs (UCHAR, USHORT, ULONG (32-bit), WCHAR
 * (16-bit), NTSTATUS) unless TOCEX_NO_WINDOWS_TYPES is defined. */
#ifndef TOCEX_NTDDCDRM_H
#define TOCEX_NTDDCDRM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef TOCEX_NO_WINDOWS_TYPES
typedef uint8_t UCHAR, *PUCHAR;
typedef uint16_t USHORT, *PUSHORT;
typedef uint32_t ULONG, *PULONG;
typedef uint16_t WCHAR;
typedef int32_t NTSTATUS;
#endif

#if defined(__GNUC__)
#define TOCEX_BITFIELD __extension__ /* UCHAR bit-fields, as Windows declares them */
#else
#define TOCEX_BITFIELD
#endif

/* I/O control codes: CTL_CODE(FILE_DEVICE_CD_ROM = 2, function, METHOD_BUFFERED = 0,
 * FILE_READ_ACCESS = 1) = (2 << 16) | (1 << 14) | (function << 2) | 0. */
#define TOCEX_CTL_CODE(type, function, method, access) \
    (((ULONG)(type) << 16) | ((ULONG)(access) << 14) | ((ULONG)(function) << 2) | (ULONG)(method))
#define IOCTL_CDROM_BASE 0x00000002
#define IOCTL_CDROM_READ_TOC TOCEX_CTL_CODE(IOCTL_CDROM_BASE, 0x0000, 0, 1)         /* 0x00024000 */
#define IOCTL_CDROM_GET_LAST_SESSION TOCEX_CTL_CODE(IOCTL_CDROM_BASE, 0x000E, 0, 1) /* 0x00024038 */
#define IOCTL_CDROM_READ_TOC_EX TOCEX_CTL_CODE(IOCTL_CDROM_BASE, 0x0015, 0, 1)      /* 0x00024054 */

#define MAXIMUM_NUMBER_TRACKS 100
#define MAXIMUM_CDROM_SIZE 804
#define MINIMUM_CDROM_READ_TOC_EX_SIZE 2 /* two bytes minimum transferred */

/* CDROM_READ_TOC_EX.Format */
#define CDROM_READ_TOC_EX_FORMAT_TOC 0x00
#define CDROM_READ_TOC_EX_FORMAT_SESSION 0x01
#define CDROM_READ_TOC_EX_FORMAT_FULL_TOC 0x02
#define CDROM_READ_TOC_EX_FORMAT_PMA 0x03
#define CDROM_READ_TOC_EX_FORMAT_ATIP 0x04
#define CDROM_READ_TOC_EX_FORMAT_CDTEXT 0x05

/* ADR values */
#define ADR_NO_MODE_INFORMATION 0x0
#define ADR_ENCODES_CURRENT_POSITION 0x1
#define ADR_ENCODES_MEDIA_CATALOG 0x2
#define ADR_ENCODES_ISRC 0x3

/* CONTROL bits */
#define AUDIO_WITH_PREEMPHASIS 0x1
#define DIGITAL_COPY_PERMITTED 0x2
#define AUDIO_DATA_TRACK 0x4
#define TWO_FOUR_CHANNEL_AUDIO 0x8

/* CD-TEXT pack types */
#define CDROM_CD_TEXT_PACK_ALBUM_NAME 0x80
#define CDROM_CD_TEXT_PACK_PERFORMER 0x81
#define CDROM_CD_TEXT_PACK_SONGWRITER 0x82
#define CDROM_CD_TEXT_PACK_COMPOSER 0x83
#define CDROM_CD_TEXT_PACK_ARRANGER 0x84
#define CDROM_CD_TEXT_PACK_MESSAGES 0x85
#define CDROM_CD_TEXT_PACK_DISC_ID 0x86
#define CDROM_CD_TEXT_PACK_GENRE 0x87
#define CDROM_CD_TEXT_PACK_TOC_INFO 0x88
#define CDROM_CD_TEXT_PACK_TOC_INFO2 0x89
#define CDROM_CD_TEXT_PACK_UPC_EAN 0x8e
#define CDROM_CD_TEXT_PACK_SIZE_INFO 0x8f

/* Input of IOCTL_CDROM_READ_TOC_EX (4 bytes). */
typedef struct _CDROM_READ_TOC_EX {
    TOCEX_BITFIELD UCHAR Format : 4;
    TOCEX_BITFIELD UCHAR Reserved1 : 3;
    TOCEX_BITFIELD UCHAR Msf : 1;
    UCHAR SessionTrack;
    UCHAR Reserved2;
    UCHAR Reserved3;
} CDROM_READ_TOC_EX, *PCDROM_READ_TOC_EX;

/* One formatted-TOC descriptor (8 bytes): Address is 0,M,S,F with Msf=1, else a big-endian LBA. */
typedef struct _TRACK_DATA {
    UCHAR Reserved;
    TOCEX_BITFIELD UCHAR Control : 4;
    TOCEX_BITFIELD UCHAR Adr : 4;
    UCHAR TrackNumber;
    UCHAR Reserved1;
    UCHAR Address[4];
} TRACK_DATA, *PTRACK_DATA;

/* Format 0 (804 bytes). */
typedef struct _CDROM_TOC {
    UCHAR Length[2];
    UCHAR FirstTrack;
    UCHAR LastTrack;
    TRACK_DATA TrackData[MAXIMUM_NUMBER_TRACKS];
} CDROM_TOC, *PCDROM_TOC;
#define CDROM_TOC_SIZE sizeof(CDROM_TOC)

/* Format 1 (12 bytes). */
typedef struct _CDROM_TOC_SESSION_DATA {
    UCHAR Length[2];
    UCHAR FirstCompleteSession;
    UCHAR LastCompleteSession;
    TRACK_DATA TrackData[1];
} CDROM_TOC_SESSION_DATA, *PCDROM_TOC_SESSION_DATA;

/* Format 2 / 3 descriptor (11 bytes). */
typedef struct _CDROM_TOC_FULL_TOC_DATA_BLOCK {
    UCHAR SessionNumber;
    TOCEX_BITFIELD UCHAR Control : 4;
    TOCEX_BITFIELD UCHAR Adr : 4;
    UCHAR Reserved1;
    UCHAR Point;
    UCHAR MsfExtra[3];
    UCHAR Zero;
    UCHAR Msf[3];
} CDROM_TOC_FULL_TOC_DATA_BLOCK, *PCDROM_TOC_FULL_TOC_DATA_BLOCK;

typedef struct _CDROM_TOC_FULL_TOC_DATA {
    UCHAR Length[2];
    UCHAR FirstCompleteSession;
    UCHAR LastCompleteSession;
    CDROM_TOC_FULL_TOC_DATA_BLOCK Descriptors[];
} CDROM_TOC_FULL_TOC_DATA, *PCDROM_TOC_FULL_TOC_DATA;

typedef struct _CDROM_TOC_PMA_DATA {
    UCHAR Length[2];
    UCHAR Reserved1;
    UCHAR Reserved2;
    CDROM_TOC_FULL_TOC_DATA_BLOCK Descriptors[];
} CDROM_TOC_PMA_DATA, *PCDROM_TOC_PMA_DATA;

/* Format 4 descriptor (24 bytes). Bits 3-5 of byte 2 are the disc sub-type (DiscSubType in
 * Microsoft's SDK, Reserved6 in mingw-w64 and ReactOS). */
typedef struct _CDROM_TOC_ATIP_DATA_BLOCK {
    TOCEX_BITFIELD UCHAR CdrwReferenceSpeed : 3;
    TOCEX_BITFIELD UCHAR Reserved3 : 1;
    TOCEX_BITFIELD UCHAR WritePower : 3;
    TOCEX_BITFIELD UCHAR True1 : 1;
    TOCEX_BITFIELD UCHAR Reserved4 : 6;
    TOCEX_BITFIELD UCHAR UnrestrictedUse : 1;
    TOCEX_BITFIELD UCHAR Reserved5 : 1;
    TOCEX_BITFIELD UCHAR A3Valid : 1;
    TOCEX_BITFIELD UCHAR A2Valid : 1;
    TOCEX_BITFIELD UCHAR A1Valid : 1;
    TOCEX_BITFIELD UCHAR DiscSubType : 3;
    TOCEX_BITFIELD UCHAR IsCdrw : 1;
    TOCEX_BITFIELD UCHAR True2 : 1;
    UCHAR Reserved7;
    UCHAR LeadInMsf[3];
    UCHAR Reserved8;
    UCHAR LeadOutMsf[3];
    UCHAR Reserved9;
    UCHAR A1Values[3];
    UCHAR Reserved10;
    UCHAR A2Values[3];
    UCHAR Reserved11;
    UCHAR A3Values[3];
    UCHAR Reserved12;
} CDROM_TOC_ATIP_DATA_BLOCK, *PCDROM_TOC_ATIP_DATA_BLOCK;

typedef struct _CDROM_TOC_ATIP_DATA {
    UCHAR Length[2];
    UCHAR Reserved1;
    UCHAR Reserved2;
    CDROM_TOC_ATIP_DATA_BLOCK Descriptors[];
} CDROM_TOC_ATIP_DATA, *PCDROM_TOC_ATIP_DATA;

/* Format 5 descriptor (18 bytes, 2-byte aligned because of WText). */
typedef struct _CDROM_TOC_CD_TEXT_DATA_BLOCK {
    UCHAR PackType;
    TOCEX_BITFIELD UCHAR TrackNumber : 7;
    TOCEX_BITFIELD UCHAR ExtensionFlag : 1; /* should be zero */
    UCHAR SequenceNumber;
    TOCEX_BITFIELD UCHAR CharacterPosition : 4;
    TOCEX_BITFIELD UCHAR BlockNumber : 3;
    TOCEX_BITFIELD UCHAR Unicode : 1; /* the MMC double-byte flag */
    union {
        UCHAR Text[12];
        WCHAR WText[6];
    };
    UCHAR CRC[2];
} CDROM_TOC_CD_TEXT_DATA_BLOCK, *PCDROM_TOC_CD_TEXT_DATA_BLOCK;

typedef struct _CDROM_TOC_CD_TEXT_DATA {
    UCHAR Length[2];
    UCHAR Reserved1;
    UCHAR Reserved2;
    CDROM_TOC_CD_TEXT_DATA_BLOCK Descriptors[];
} CDROM_TOC_CD_TEXT_DATA, *PCDROM_TOC_CD_TEXT_DATA;

/* NTSTATUS values used by the CD-ROM requests (Windows' ntstatus.h). */
#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0x00000000)
#endif
#define STATUS_DEVICE_BUSY ((NTSTATUS)0x80000011)
#define STATUS_VERIFY_REQUIRED ((NTSTATUS)0x80000016)
#define STATUS_NO_DATA_DETECTED ((NTSTATUS)0x80000022)
#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004)
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#define STATUS_INVALID_DEVICE_REQUEST ((NTSTATUS)0xC0000010)
#define STATUS_NO_MEDIA_IN_DEVICE ((NTSTATUS)0xC0000013)
#define STATUS_UNRECOGNIZED_MEDIA ((NTSTATUS)0xC0000014)
#define STATUS_NONEXISTENT_SECTOR ((NTSTATUS)0xC0000015)
#define STATUS_ACCESS_DENIED ((NTSTATUS)0xC0000022)
#define STATUS_BUFFER_TOO_SMALL ((NTSTATUS)0xC0000023)
#define STATUS_DATA_OVERRUN ((NTSTATUS)0xC000003C)
#define STATUS_INSUFFICIENT_RESOURCES ((NTSTATUS)0xC000009A)
#define STATUS_DEVICE_DATA_ERROR ((NTSTATUS)0xC000009C)
#define STATUS_DEVICE_NOT_CONNECTED ((NTSTATUS)0xC000009D)
#define STATUS_DEVICE_NOT_READY ((NTSTATUS)0xC00000A3)
#define STATUS_IO_TIMEOUT ((NTSTATUS)0xC00000B5)
#define STATUS_NOT_SUPPORTED ((NTSTATUS)0xC00000BB)
#define STATUS_DEVICE_DOES_NOT_EXIST ((NTSTATUS)0xC00000C0)
#define STATUS_CANCELLED ((NTSTATUS)0xC0000120)
#define STATUS_IO_DEVICE_ERROR ((NTSTATUS)0xC0000185)

#ifndef NT_SUCCESS
#define NT_SUCCESS(status) (((NTSTATUS)(status)) >= 0)
#endif

#ifdef __cplusplus
}
#endif
#endif
