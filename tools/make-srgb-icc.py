#!/usr/bin/env python3
"""Writes color/srgb.icc: a compact ICC version 2 display profile of sRGB
(IEC 61966-2-1) for the PDF/A output intent of every file khenthuong makes.

The profile is a matrix/TRC profile: the sRGB primaries adapted to the D50
connection space with the Bradford transform (the values the ICC publishes
for sRGB), and one tone curve of 64 samples of the sRGB transfer function
shared by the three channels.  Ghostscript's srgb.icc, used before, costs
2.6 KB in each PDF; this one costs about 0.5 KB.  Deterministic: the same
bytes on every run (tests/run.sh checks that the file in the tree is what
this script makes).

Usage: tools/make-srgb-icc.py [OUT]   (default color/srgb.icc)
"""
import struct
import sys


def s15f16(v):
    return struct.pack(">i", int(round(v * 65536)))


def xyz(x, y, z):
    return b"XYZ " + b"\0" * 4 + s15f16(x) + s15f16(y) + s15f16(z)


def srgb_to_linear(v):
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def curve(n):
    vals = [int(round(srgb_to_linear(i / (n - 1)) * 65535)) for i in range(n)]
    return b"curv" + b"\0" * 4 + struct.pack(">I", n) + \
        b"".join(struct.pack(">H", v) for v in vals)


def desc(text):
    a = text.encode("ascii") + b"\0"
    return (b"desc" + b"\0" * 4 + struct.pack(">I", len(a)) + a +
            struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def text(t):
    return b"text" + b"\0" * 4 + t.encode("ascii") + b"\0"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "color/srgb.icc"
    trc = curve(64)
    tags = [
        (b"desc", desc("sRGB IEC61966-2.1 (compact v2)")),
        (b"cprt", text("No copyright, use freely (CC0)")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)),
        (b"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)),
        (b"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)),
        (b"rTRC", trc),
        (b"gTRC", trc),     # the same bytes: stored once, see below
        (b"bTRC", trc),
    ]
    table_len = 4 + 12 * len(tags)
    offset = 128 + table_len
    entries, data, seen = [], b"", {}
    for sig, body in tags:
        if body in seen:
            entries.append((sig, seen[body], len(body)))
            continue
        while (offset + len(data)) % 4:
            data += b"\0"
        at = offset + len(data)
        seen[body] = at
        entries.append((sig, at, len(body)))
        data += body
    while (offset + len(data)) % 4:
        data += b"\0"
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 +
              struct.pack(">I", 0x02100000) + b"mntr" + b"RGB " + b"XYZ " +
              struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" +
              b"\0" * 4 +              # primary platform
              b"\0" * 4 +              # flags
              b"\0" * 8 +              # device manufacturer, model
              b"\0" * 8 +              # device attributes
              struct.pack(">I", 0) +   # rendering intent: perceptual
              s15f16(0.9642) + s15f16(1.0) + s15f16(0.8249) +
              b"\0" * 4 +              # creator
              b"\0" * 44)              # profile ID (v4) and reserved
    assert len(header) == 128
    table = struct.pack(">I", len(tags)) + b"".join(
        sig + struct.pack(">II", at, n) for sig, at, n in entries)
    blob = header + table + data
    assert len(blob) == size
    with open(out, "wb") as fp:
        fp.write(blob)


if __name__ == "__main__":
    main()
