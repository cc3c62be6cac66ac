#!/usr/bin/env python3
"""make-png.py DIR [big]: the PNG images of the configuration attacks
(tests/attack/config.sh), written into DIR.  The small ones are kept in
the tree too (made by this script); with "big", the large ones as well,
which the suite makes in its scratch folder instead of storing them."""

import struct
import sys
import zlib


def chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", c)


def ihdr(w, h, depth=8, ctype=2, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0,
                                      interlace))


def rows(w, h, bpp, level=9, row=None):
    """The zlib stream of h filtered rows of w pixels, made as it goes."""
    z = zlib.compressobj(level)
    line = row if row is not None else b"\0" + bytes(
        (x * 7 + 1) & 0xFF for x in range(w * bpp))
    out = [z.compress(line) for _ in range(h)]
    out.append(z.flush())
    return b"".join(out)


SIG = b"\x89PNG\r\n\x1a\n"

ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
         (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def adam7(w, h, bpp):
    """The raw data of an interlaced image: each pass, rows filtered 0."""
    out = b""
    for x0, y0, dx, dy in ADAM7:
        pw = (w - x0 + dx - 1) // dx if w > x0 else 0
        ph = (h - y0 + dy - 1) // dy if h > y0 else 0
        if pw == 0 or ph == 0:
            continue
        for _ in range(ph):
            out += b"\0" + bytes((x * 5 + 3) & 0xFF for x in range(pw * bpp))
    return zlib.compress(out, 9)


def png(w, h, ctype=2, bpp=3, nrows=None, extra=b"", interlace=0,
        row=None):
    data = rows(w, h if nrows is None else nrows, bpp, row=row)
    return (SIG + ihdr(w, h, 8, ctype, interlace) + extra +
            chunk(b"IDAT", data) + chunk(b"IEND", b""))


def small(d):
    good = png(16, 12)
    files = {
        "good.png": good,
        # The CRC of IDAT wrong by one.
        "bad-crc.png": good[:-16] + bytes([good[-16] ^ 1]) + good[-15:],
        # Cut in the middle of its image data.
        "truncated.png": good[:len(good) * 2 // 3],
        # Its image data holds one row fewer than the header says.
        "short-rows.png": png(16, 12, nrows=11),
        "alpha.png": png(16, 12, ctype=6, bpp=4),
        "trns.png": png(16, 12, extra=chunk(b"tRNS", b"\0\0\0\0\0\0")),
        "interlaced.png": SIG + ihdr(16, 12, 8, 2, 1) +
        chunk(b"IDAT", adam7(16, 12, 3)) + chunk(b"IEND", b""),
        "not-png.png": b"GIF89a this is not a PNG\n",
    }
    for name, b in files.items():
        with open(f"{d}/{name}", "wb") as f:
            f.write(b)


def big(d):
    # 30000 x 2 RGB: a side over the limit, a valid image.
    with open(f"{d}/side.png", "wb") as f:
        f.write(png(30000, 2))
    # 6400 x 6400 grey, 41 megapixels: the area over the limit.
    with open(f"{d}/area.png", "wb") as f:
        f.write(png(6400, 6400, ctype=0, bpp=1, row=bytes(6401)))
    # A bomb: 30000 x 30000 grey (900 megapixels) in under a megabyte.
    with open(f"{d}/bomb.png", "wb") as f:
        f.write(png(30000, 30000, ctype=0, bpp=1, row=bytes(30001)))


if __name__ == "__main__":
    small(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "big":
        big(sys.argv[1])
