/* Print a disc's TOC, sessions and CD-TEXT through IOCTL_CDROM_READ_TOC_EX, written only
 * against the Windows names: the same code builds with the Windows SDK (include <windows.h>
 * and <ntddcdrm.h> instead of tocex/win32.h and open "\\\\.\\D:"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#include <ntddcdrm.h>
#else
#include "tocex/win32.h"
#endif

static BOOL read_toc_ex(HANDLE h, UCHAR format, UCHAR msf, UCHAR session_track, void *out, DWORD out_len,
                        DWORD *returned)
{
    CDROM_READ_TOC_EX request;
    memset(&request, 0, sizeof request);
    request.Format = format;
    request.Msf = msf;
    request.SessionTrack = session_track;
    return DeviceIoControl(h, IOCTL_CDROM_READ_TOC_EX, &request, sizeof request, out, out_len, returned, NULL);
}

static unsigned length_of(const UCHAR length[2]) { return (unsigned)length[0] << 8 | length[1]; }

static void print_toc(HANDLE h)
{
    CDROM_TOC toc;
    DWORD got = 0;
    unsigned entries;
    if (!read_toc_ex(h, CDROM_READ_TOC_EX_FORMAT_TOC, 1, 0, &toc, sizeof toc, &got)) {
        printf("TOC: error %lu\n", (unsigned long)GetLastError());
        return;
    }
    entries = (length_of(toc.Length) - 2) / sizeof(TRACK_DATA);
    printf("TOC: tracks %u-%u\n", toc.FirstTrack, toc.LastTrack);
    for (unsigned i = 0; i < entries && 4 + (i + 1) * sizeof(TRACK_DATA) <= got; i++) {
        const TRACK_DATA *t = &toc.TrackData[i];
        unsigned lba = ((unsigned)t->Address[1] * 60u + t->Address[2]) * 75u + t->Address[3] - 150u;
        if (t->TrackNumber == 0xAA)
            printf("  lead-out  %02u:%02u:%02u  LBA %6u\n", t->Address[1], t->Address[2], t->Address[3], lba);
        else
            printf("  track %2u  %02u:%02u:%02u  LBA %6u  %s%s\n", t->TrackNumber, t->Address[1], t->Address[2],
                   t->Address[3], lba, (t->Control & AUDIO_DATA_TRACK) ? "data" : "audio",
                   (t->Control & DIGITAL_COPY_PERMITTED) ? ", copy permitted" : "");
    }
}

static void print_sessions(HANDLE h)
{
    CDROM_TOC_SESSION_DATA session;
    UCHAR *buffer;
    DWORD got = 0;
    if (!read_toc_ex(h, CDROM_READ_TOC_EX_FORMAT_SESSION, 0, 0, &session, sizeof session, &got)) {
        printf("sessions: error %lu\n", (unsigned long)GetLastError());
        return;
    }
    printf("sessions: %u-%u, last session starts with track %u at LBA %u\n", session.FirstCompleteSession,
           session.LastCompleteSession, session.TrackData[0].TrackNumber,
           (unsigned)session.TrackData[0].Address[0] << 24 | (unsigned)session.TrackData[0].Address[1] << 16 |
               (unsigned)session.TrackData[0].Address[2] << 8 | session.TrackData[0].Address[3]);
    /* lead-outs per session from the full TOC (POINT A2h) */
    buffer = malloc(0xFFFE);
    if (buffer != NULL && read_toc_ex(h, CDROM_READ_TOC_EX_FORMAT_FULL_TOC, 1, 1, buffer, 0xFFFE, &got) && got >= 4) {
        const CDROM_TOC_FULL_TOC_DATA *full = (const CDROM_TOC_FULL_TOC_DATA *)buffer;
        unsigned n = (length_of(full->Length) - 2) / sizeof(CDROM_TOC_FULL_TOC_DATA_BLOCK);
        for (unsigned i = 0; i < n && 4 + (i + 1) * sizeof(CDROM_TOC_FULL_TOC_DATA_BLOCK) <= got; i++) {
            const CDROM_TOC_FULL_TOC_DATA_BLOCK *b = &full->Descriptors[i];
            if (b->Adr == 1 && b->Point == 0xA2)
                printf("  session %u lead-out %02u:%02u:%02u\n", b->SessionNumber, b->Msf[0], b->Msf[1], b->Msf[2]);
        }
    }
    free(buffer);
}

static void print_cdtext(HANDLE h)
{
    CDROM_TOC_CD_TEXT_DATA header;
    UCHAR *buffer;
    DWORD got = 0, size;
    char text[4096];
    size_t used = 0;
    unsigned track = 0;
    /* header first, then the whole answer (the pattern Windows players use) */
    if (!read_toc_ex(h, CDROM_READ_TOC_EX_FORMAT_CDTEXT, 0, 0, &header, sizeof header, &got) ||
        length_of(header.Length) <= 2) {
        printf("CD-TEXT: none\n");
        return;
    }
    size = length_of(header.Length) + 2;
    buffer = malloc(size);
    if (buffer == NULL || !read_toc_ex(h, CDROM_READ_TOC_EX_FORMAT_CDTEXT, 0, 0, buffer, size, &got)) {
        free(buffer);
        printf("CD-TEXT: error %lu\n", (unsigned long)GetLastError());
        return;
    }
    printf("CD-TEXT titles (block 0):\n");
    for (DWORD off = 4; off + sizeof(CDROM_TOC_CD_TEXT_DATA_BLOCK) <= got; off += sizeof(CDROM_TOC_CD_TEXT_DATA_BLOCK)) {
        const CDROM_TOC_CD_TEXT_DATA_BLOCK *b = (const CDROM_TOC_CD_TEXT_DATA_BLOCK *)(buffer + off);
        if (b->PackType != CDROM_CD_TEXT_PACK_ALBUM_NAME || b->BlockNumber != 0 || b->Unicode)
            continue;
        if (used == 0)
            track = b->TrackNumber;
        for (int i = 0; i < 12; i++) {
            if (b->Text[i] == 0) {
                text[used] = 0;
                printf("  %s %u: %s\n", track == 0 ? "album" : "track", track, text);
                used = 0;
                track++;
            } else if (used + 1 < sizeof text) {
                text[used++] = (char)b->Text[i];
            }
        }
    }
    free(buffer);
}

int main(int argc, char **argv)
{
    HANDLE h;
    if (argc != 2) {
        fprintf(stderr, "usage: %s DRIVE-OR-IMAGE\n", argv[0]);
        return 1;
    }
    h = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open %s: error %lu\n", argv[1], (unsigned long)GetLastError());
        return 2;
    }
    print_toc(h);
    print_sessions(h);
    print_cdtext(h);
    CloseHandle(h);
    return 0;
}
