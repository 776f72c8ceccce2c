#!/usr/bin/env python3
"""Write a small, valid ISO 9660 image (ECMA-119) with one file, padded to a chosen size.

usage: mkiso.py OUT.iso [SECTORS]   (default 915 sectors of 2048 bytes)

The layout is fixed and deterministic (all dates zero-ish, one directory, one file) so the
image is byte-identical on every run: 16 system-area sectors, the primary volume descriptor
(sector 16), the set terminator (17), little- and big-endian path tables (18, 19), the root
directory (20) and README.TXT (21). The volume space size equals the file size, which is what
an emulated drive reports as the lead-out.
"""
import struct
import sys

SECTOR = 2048


def both16(v):
    return struct.pack("<H", v) + struct.pack(">H", v)


def both32(v):
    return struct.pack("<I", v) + struct.pack(">I", v)


def dir_date():
    # ECMA-119 9.1.5: years since 1900, month, day, hour, minute, second, GMT offset
    return bytes([100, 1, 1, 0, 0, 0, 0])


def vol_date():
    # ECMA-119 8.4.26.1: 16 digits + GMT offset; "not specified" = all '0' and 0
    return b"0" * 16 + b"\x00"


def dir_record(extent, size, flags, name):
    length = 33 + len(name)
    if length % 2:
        length += 1
    rec = bytes([length, 0]) + both32(extent) + both32(size) + dir_date()
    rec += bytes([flags, 0, 0]) + both16(1) + bytes([len(name)]) + name
    return rec.ljust(length, b"\x00")


def padded(text, n):
    return text.encode("ascii").ljust(n, b" ")


def main():
    out = sys.argv[1]
    sectors = int(sys.argv[2]) if len(sys.argv) > 2 else 915
    if sectors < 22:
        sys.exit("mkiso.py: at least 22 sectors")
    content = b"tocex QEMU guest test image\n"
    root_extent, file_extent = 20, 21
    root = dir_record(root_extent, SECTOR, 2, b"\x00") + dir_record(root_extent, SECTOR, 2, b"\x01")
    root += dir_record(file_extent, len(content), 0, b"README.TXT;1")

    pvd = bytearray(SECTOR)
    pvd[0:7] = b"\x01CD001\x01"
    pvd[8:40] = padded("LINUX", 32)
    pvd[40:72] = padded("TOCEX_TEST", 32)
    pvd[80:88] = both32(sectors)
    pvd[120:124] = both16(1)          # volume set size
    pvd[124:128] = both16(1)          # volume sequence number
    pvd[128:132] = both16(SECTOR)     # logical block size
    path_table = bytes([1, 0]) + struct.pack("<I", root_extent) + struct.pack("<H", 1) + b"\x00\x00"
    path_table_m = bytes([1, 0]) + struct.pack(">I", root_extent) + struct.pack(">H", 1) + b"\x00\x00"
    pvd[132:140] = both32(len(path_table))
    pvd[140:144] = struct.pack("<I", 18)
    pvd[148:152] = struct.pack(">I", 19)
    pvd[156:190] = dir_record(root_extent, SECTOR, 2, b"\x00")
    for off, n in ((190, 128), (318, 128), (446, 128), (574, 128), (702, 37), (739, 37), (776, 37)):
        pvd[off:off + n] = b" " * n
    pvd[813:830] = vol_date()
    pvd[830:847] = vol_date()
    pvd[847:864] = vol_date()
    pvd[864:881] = vol_date()
    pvd[881] = 1                      # file structure version

    term = bytearray(SECTOR)
    term[0:7] = b"\xffCD001\x01"

    image = bytearray(SECTOR * sectors)
    image[16 * SECTOR:17 * SECTOR] = pvd
    image[17 * SECTOR:18 * SECTOR] = term
    image[18 * SECTOR:18 * SECTOR + len(path_table)] = path_table
    image[19 * SECTOR:19 * SECTOR + len(path_table_m)] = path_table_m
    image[20 * SECTOR:20 * SECTOR + len(root)] = root
    image[21 * SECTOR:21 * SECTOR + len(content)] = content
    with open(out, "wb") as f:
        f.write(image)


if __name__ == "__main__":
    main()
