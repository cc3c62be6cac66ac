#!/usr/bin/python3
# subset.py: checks the embedded font subsets of a PDF against the original
# TrueType files, as a reader of the font program sees them.
#
#   subset.py FILE.pdf FONT.ttf...
#
# For each CIDFontType2 of the PDF (Identity-H; CIDs 1, 2, ... in the
# order the code points were first drawn, CID i is glyph i): the CIDs of
# the ToUnicode CMap, of /W and of the CIDSet (without CID 0) are the same
# set, 1 to n, each mapping to a distinct code point; the CIDToGIDMap is
# /Identity; the FontFile2 parses with fontTools; glyph i has the outline
# and advance width of the original font's glyph for the code point of
# CID i, and /W gives it the original advance in 1/1000 em; the font has
# no cmap; and it holds exactly .notdef, those glyphs and their composite
# components at any depth.  Prints one
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
    """The ToUnicode CMap as {CID: code point}."""
    cids = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for a, b in re.findall(r"<([0-9A-F]{4})>\s*<([0-9A-F]{4})>", block):
            cids[int(a, 16)] = int(b, 16)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, d in re.findall(
                r"<([0-9A-F]{4})>\s*<([0-9A-F]{4})>\s*<([0-9A-F]{4})>",
                block):
            lo, hi, dst = int(a, 16), int(b, 16), int(d, 16)
            if lo >> 8 != hi >> 8 or (dst & 0xFF) + hi - lo > 0xFF:
                fail("bad bfrange <%s> <%s> <%s>" % (a, b, d))
            for k in range(hi - lo + 1):
                cids[lo + k] = dst + k
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
        if set(widths) != set(tu) or cidset - {0} != set(tu):
            fail("%s: ToUnicode %d, W %d, CIDSet %d CIDs differ" %
                 (base, len(tu), len(widths), len(cidset) - 1))
        if set(tu) != set(range(1, len(tu) + 1)):
            fail("%s: the CIDs are not 1 to %d" % (base, len(tu)))
        if len(set(tu.values())) != len(tu):
            fail("%s: two CIDs map to one code point" % base)
        if desc.get("/CIDToGIDMap") != "/Identity":
            fail("%s: CIDToGIDMap is not /Identity" % base)
        ff = data(objs, fd["/FontFile2"])
        ffdict = objs[fd["/FontFile2"]]["stream"]["dict"]
        if ffdict.get("/Length1") != len(ff):
            fail("%s: Length1 %s, font file %d bytes" %
                 (base, ffdict.get("/Length1"), len(ff)))
        sub = TTFont(io.BytesIO(ff))
        for tag in ("head", "hhea", "maxp", "loca", "glyf", "hmtx", "post"):
            sub[tag]            # parses it, or raises
        if "cmap" in sub:
            fail("%s: the subset carries a cmap it does not need" % base)
        ocmap = orig.getBestCmap()
        upem = orig["head"].unitsPerEm
        want = set()
        for g, c in sorted(tu.items()):
            og = orig.getGlyphID(ocmap[c])
            want.add(og)
            if g >= sub["maxp"].numGlyphs:
                fail("%s: CID %d has no glyph" % (base, g))
            if coords(sub, g) != coords(orig, og):
                fail("%s: the outline of U+%04X differs" % (base, c))
            adv = sub["hmtx"][sub.getGlyphOrder()[g]][0]
            if adv != orig["hmtx"][ocmap[c]][0]:
                fail("%s: the advance of U+%04X differs" % (base, c))
            if widths[g] != adv * 1000 // upem:
                fail("%s: /W gives U+%04X %s, the font %d" %
                     (base, c, widths[g], adv * 1000 // upem))
        # Drawn glyphs come first, one per CID; components follow once.
        need = closure(orig, want | {0})
        if sub["maxp"].numGlyphs != len(tu) + 1 + len(need - want - {0}):
            fail("%s: %d glyphs embedded, %d used (with components)" %
                 (base, sub["maxp"].numGlyphs, len(need)))
        print("%s: %d CIDs, %d of %d glyphs, FontFile2 %d bytes" %
              (base, len(tu), len(need), orig["maxp"].numGlyphs, len(ff)))
    if n == 0:
        fail("no Type0 font in " + sys.argv[1])


if __name__ == "__main__":
    main()
