#!/usr/bin/python3
# subset.py: checks the embedded font subsets of a PDF against the original
# TrueType files, as a reader of the font program sees them.
#
#   subset.py FILE.pdf FONT.ttf...
#
# For each CIDFontType2 of the PDF (Identity-H, a CID is a code point):
# the CIDs of the ToUnicode CMap, of /W and of the CIDSet (without CID 0)
# are the same set; the FontFile2 parses with fontTools; each CID maps
# through /CIDToGIDMap to a glyph whose outline and advance width are those
# of the original font's glyph for the code point, and whose /W width is
# the original advance in 1/1000 em; the embedded cmap agrees with the
# CIDToGIDMap; and the font holds exactly .notdef, the glyphs of those
# code points and their composite components at any depth.  Prints one
# line per font; exits 1 on the first mismatch.  Needs qpdf and
# python3-fonttools.

import base64
import io
import json
import re
import subprocess
import sys

from fontTools.ttLib import TTFont


def fail(msg):
    print("subset.py: " + msg)
    sys.exit(1)


def load(pdf):
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-stream-data=inline",
         "--decode-level=generalized", "--json-key=qpdf", pdf],
        check=True, capture_output=True).stdout
    objs = json.loads(out)["qpdf"][1]
    return {k[4:]: v for k, v in objs.items() if k.startswith("obj:")}


def value(objs, x):
    if isinstance(x, str) and re.fullmatch(r"\d+ \d+ R", x):
        return objs[x]["value"] if "value" in objs[x] else objs[x]["stream"]
    return x


def data(objs, ref):
    return base64.b64decode(objs[ref]["stream"]["data"])


def tounicode_cids(text):
    cids = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for a, b in re.findall(r"<([0-9A-F]{4})>\s*<([0-9A-F]{4})>", block):
            if a != b:
                fail("bfchar <%s> maps to <%s>" % (a, b))
            cids.add(int(a, 16))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, d in re.findall(
                r"<([0-9A-F]{4})>\s*<([0-9A-F]{4})>\s*<([0-9A-F]{4})>",
                block):
            if a != d or int(a, 16) >> 8 != int(b, 16) >> 8:
                fail("bad bfrange <%s> <%s> <%s>" % (a, b, d))
            cids.update(range(int(a, 16), int(b, 16) + 1))
    return cids


def w_widths(w):
    widths = {}
    i = 0
    while i < len(w):
        if isinstance(w[i + 1], list):
            for k, x in enumerate(w[i + 1]):
                widths[w[i] + k] = x
            i += 2
        else:
            for c in range(w[i], w[i + 1] + 1):
                widths[c] = w[i + 2]
            i += 3
    return widths


def closure(font, gids):
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    seen = set(gids)
    todo = list(gids)
    while todo:
        g = glyf[order[todo.pop()]]
        if g.isComposite():
            for comp in g.components:
                cg = font.getGlyphID(comp.glyphName)
                if cg not in seen:
                    seen.add(cg)
                    todo.append(cg)
    return seen


def coords(font, gid):
    name = font.getGlyphOrder()[gid]
    c, ends, _ = font["glyf"][name].getCoordinates(font["glyf"])
    return list(c), list(ends)


def main():
    if len(sys.argv) < 3:
        fail("usage: subset.py FILE.pdf FONT.ttf...")
    originals = {}
    for path in sys.argv[2:]:
        f = TTFont(path)
        originals[f["name"].getDebugName(6)] = f
    objs = load(sys.argv[1])
    n = 0
    for ref, o in objs.items():
        v = o.get("value")
        if not isinstance(v, dict) or v.get("/Subtype") != "/Type0":
            continue
        n += 1
        base = v["/BaseFont"][1:]
        psname = base.split("+", 1)[-1].split(",")[0]
        if psname not in originals:
            fail("%s: no original font given" % base)
        orig = originals[psname]
        desc = value(objs, v["/DescendantFonts"][0])
        fd = value(objs, desc["/FontDescriptor"])
        tu = tounicode_cids(data(objs, v["/ToUnicode"]).decode("ascii"))
        widths = w_widths(desc["/W"])
        bits = data(objs, fd["/CIDSet"])
        cidset = {i for i in range(len(bits) * 8)
                  if bits[i >> 3] & (0x80 >> (i & 7))}
        if 0 not in cidset:
            fail("%s: CID 0 is not in the CIDSet" % base)
        if set(widths) != tu or cidset - {0} != tu:
            fail("%s: ToUnicode %d, W %d, CIDSet %d CIDs differ" %
                 (base, len(tu), len(widths), len(cidset) - 1))
        c2g = data(objs, desc["/CIDToGIDMap"])
        if len(c2g) != 2 * (max(tu) + 1):
            fail("%s: CIDToGIDMap of %d bytes for CIDs up to %d" %
                 (base, len(c2g), max(tu)))
        ff = data(objs, fd["/FontFile2"])
        ffdict = objs[fd["/FontFile2"]]["stream"]["dict"]
        if ffdict.get("/Length1") != len(ff):
            fail("%s: Length1 %s, font file %d bytes" %
                 (base, ffdict.get("/Length1"), len(ff)))
        sub = TTFont(io.BytesIO(ff))
        for tag in ("head", "hhea", "maxp", "loca", "glyf", "hmtx", "post"):
            sub[tag]            # parses it, or raises
        ocmap = orig.getBestCmap()
        scmap = sub.getBestCmap() or {}
        upem = orig["head"].unitsPerEm
        want = set()
        for c in sorted(tu):
            g = c2g[2 * c] << 8 | c2g[2 * c + 1]
            og = orig.getGlyphID(ocmap[c])
            want.add(og)
            if g == 0 or g >= sub["maxp"].numGlyphs:
                fail("%s: CID %04X maps to glyph %d" % (base, c, g))
            if scmap.get(c) != sub.getGlyphOrder()[g]:
                fail("%s: the embedded cmap disagrees at U+%04X" % (base, c))
            if coords(sub, g) != coords(orig, og):
                fail("%s: the outline of U+%04X differs" % (base, c))
            adv = sub["hmtx"][sub.getGlyphOrder()[g]][0]
            if adv != orig["hmtx"][ocmap[c]][0]:
                fail("%s: the advance of U+%04X differs" % (base, c))
            if widths[c] != adv * 1000 // upem:
                fail("%s: /W gives U+%04X %s, the font %d" %
                     (base, c, widths[c], adv * 1000 // upem))
        need = closure(orig, want | {0})
        if sub["maxp"].numGlyphs != len(need):
            fail("%s: %d glyphs embedded, %d used (with components)" %
                 (base, sub["maxp"].numGlyphs, len(need)))
        print("%s: %d CIDs, %d of %d glyphs, FontFile2 %d bytes" %
              (base, len(tu), len(need), orig["maxp"].numGlyphs, len(ff)))
    if n == 0:
        fail("no Type0 font in " + sys.argv[1])


main()
