/* tocex — a minimal Win32 surface over tocex devices, so Windows code that opens a drive and
 * calls DeviceIoControl compiles and behaves the same on Linux:
 *   CreateFileA(path, ...)  -> any tocex SOURCE (drive, image, ...)
 *   DeviceIoControl(...)    -> tocex_win_device_io_control, with kernel32's reporting rules:
 *                              success stores BytesReturned; a warning status (0x8xxxxxxx)
 *                              returns FALSE but still stores it; an error status does not.
 *   GetLastError()          -> the Win32 error of the last failure in this thread and file.
 * Everything is static inline: nothing here adds symbols to the library. */
#ifndef TOCEX_WIN32_H
#define TOCEX_WIN32_H

#include <stddef.h>
#include <stdint.h>

#include "tocex/ntddcdrm.h"
#include "tocex/source.h"
#include "tocex/win.h"

typedef void *HANDLE;
typedef int BOOL;
typedef uint32_t DWORD, *LPDWORD;
typedef void *LPVOID;
typedef const char *LPCSTR;
typedef struct _OVERLAPPED OVERLAPPED, *LPOVERLAPPED;
typedef struct _SECURITY_ATTRIBUTES SECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

#ifndef TRUE
#define TRUE 1
#define FALSE 0
#endif
#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#define GENERIC_READ 0x80000000u
#define GENERIC_WRITE 0x40000000u
#define FILE_SHARE_READ 0x1u
#define FILE_SHARE_WRITE 0x2u
#define OPEN_EXISTING 3u
#define FILE_ATTRIBUTE_NORMAL 0x80u

#define ERROR_SUCCESS 0u
#define ERROR_INVALID_FUNCTION 1u
#define ERROR_FILE_NOT_FOUND 2u
#define ERROR_ACCESS_DENIED 5u
#define ERROR_INVALID_HANDLE 6u
#define ERROR_NOT_READY 21u
#define ERROR_CRC 23u
#define ERROR_BAD_LENGTH 24u
#define ERROR_SECTOR_NOT_FOUND 27u
#define ERROR_NOT_SUPPORTED 50u
#define ERROR_DEV_NOT_EXIST 55u
#define ERROR_INVALID_PARAMETER 87u
#define ERROR_SEM_TIMEOUT 121u
#define ERROR_INSUFFICIENT_BUFFER 122u
#define ERROR_BUSY 170u
#define ERROR_OPERATION_ABORTED 995u
#define ERROR_NO_DATA_DETECTED 1104u
#define ERROR_MEDIA_CHANGED 1110u
#define ERROR_IO_DEVICE 1117u
#define ERROR_DEVICE_NOT_CONNECTED 1167u
#define ERROR_NO_SYSTEM_RESOURCES 1450u
#define ERROR_UNRECOGNIZED_MEDIA 1785u

static _Thread_local DWORD tocex_win32_last_error;

static inline DWORD GetLastError(void) { return tocex_win32_last_error; }
static inline void SetLastError(DWORD code) { tocex_win32_last_error = code; }

/* RtlNtStatusToDosError for the statuses these requests produce. */
static inline DWORD tocex_win32_error_from_status(NTSTATUS status)
{
    switch ((uint32_t)status) {
    case 0x00000000u: return ERROR_SUCCESS;
    case 0xC0000004u: return ERROR_BAD_LENGTH;
    case 0xC000000Du: return ERROR_INVALID_PARAMETER;
    case 0xC0000010u: return ERROR_INVALID_FUNCTION;
    case 0xC0000013u: return ERROR_NOT_READY;
    case 0xC0000014u: return ERROR_UNRECOGNIZED_MEDIA;
    case 0xC0000015u: return ERROR_SECTOR_NOT_FOUND;
    case 0xC0000022u: return ERROR_ACCESS_DENIED;
    case 0xC0000023u: return ERROR_INSUFFICIENT_BUFFER;
    case 0xC000009Au: return ERROR_NO_SYSTEM_RESOURCES;
    case 0xC000009Cu: return ERROR_CRC;
    case 0xC000009Du: return ERROR_DEVICE_NOT_CONNECTED;
    case 0xC00000A3u: return ERROR_NOT_READY;
    case 0xC00000B5u: return ERROR_SEM_TIMEOUT;
    case 0xC00000BBu: return ERROR_NOT_SUPPORTED;
    case 0xC00000C0u: return ERROR_DEV_NOT_EXIST;
    case 0xC0000120u: return ERROR_OPERATION_ABORTED;
    case 0xC0000185u: return ERROR_IO_DEVICE;
    case 0x80000011u: return ERROR_BUSY;
    case 0x80000016u: return ERROR_MEDIA_CHANGED;
    case 0x80000022u: return ERROR_NO_DATA_DETECTED;
    default: return ERROR_INVALID_FUNCTION;
    }
}

static inline HANDLE CreateFileA(LPCSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES security,
                                 DWORD disposition, DWORD flags, HANDLE template_file)
{
    tocex_device *dev = NULL;
    tocex_error err;
    (void)access, (void)share, (void)security, (void)disposition, (void)flags, (void)template_file;
    if (tocex_source_open(name, NULL, &dev, &err) != TOCEX_OK) {
        SetLastError(err.status == TOCEX_E_PERMISSION ? ERROR_ACCESS_DENIED : ERROR_FILE_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    return (HANDLE)dev;
}

static inline BOOL DeviceIoControl(HANDLE handle, DWORD code, LPVOID in, DWORD in_len, LPVOID out, DWORD out_len,
                                   LPDWORD bytes_returned, LPOVERLAPPED overlapped)
{
    uint32_t information = 0;
    NTSTATUS status;
    (void)overlapped;
    if (handle == NULL || handle == INVALID_HANDLE_VALUE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    status = tocex_win_device_io_control((tocex_device *)handle, code, in, in_len, out, out_len, &information,
                                         NULL);
    if ((uint32_t)status >> 30 == 3u) { /* error: BytesReturned is not written */
        SetLastError(tocex_win32_error_from_status(status));
        return FALSE;
    }
    if (bytes_returned != NULL)
        *bytes_returned = information;
    if (status != STATUS_SUCCESS) { /* warning: FALSE, but BytesReturned stored */
        SetLastError(tocex_win32_error_from_status(status));
        return FALSE;
    }
    return TRUE;
}

static inline BOOL CloseHandle(HANDLE handle)
{
    if (handle == NULL || handle == INVALID_HANDLE_VALUE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    tocex_device_close((tocex_device *)handle);
    return TRUE;
}

#endif
