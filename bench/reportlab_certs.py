#!/usr/bin/python3
"""The reference peer of `make bench`: the Bằng khen of a dossier drawn
with ReportLab, as an efficient ReportLab user would draw them (canvas
calls, no Platypus), to set khenthuong's figures against.

usage: reportlab_certs.py [--plan PLAN.xml] [--separate DIR] [--print FILE]
                          DOSSIER.xml

--separate DIR writes one PDF per nominee, DIR/bang-khen-<id>.pdf;
--print FILE writes every certificate into one PDF, in book order.
Both may be given: that is the work of `khenthuong render --only bang-khen`.

The certificate follows templates/bang-khen.xml: A3 landscape, the same
border, the same texts at the same places and sizes, shrunk to fit the
same boxes and line counts, in Liberation Serif (regular, bold, italic,
bold italic) embedded as subsets, page compression on.  ReportLab writes
no PDF/A (no XMP metadata, no output intent): its files carry a little
less than khenthuong's.
"""
import os
import sys
import unicodedata
import xml.etree.ElementTree as ET

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

NS = {"d": "urn:khenthuong:dossier:1", "p": "urn:khenthuong:plan:1"}
FONT_DIR = "/usr/share/fonts/truetype/liberation2"
FACES = {
    "R": ("LiberationSerif", "LiberationSerif-Regular.ttf"),
    "B": ("LiberationSerif-Bold", "LiberationSerif-Bold.ttf"),
    "I": ("LiberationSerif-Italic", "LiberationSerif-Italic.ttf"),
    "BI": ("LiberationSerif-BoldItalic", "LiberationSerif-BoldItalic.ttf"),
}
PAGE = landscape(A3)
PAGE_H = PAGE[1]
LEADING = 1.1
RED = HexColor("#C8102E")
FRAME = HexColor("#9B1B1B")
GOLD = HexColor("#C9A227")
DEFAULT_ISSUER = "Ủy ban nhân dân tỉnh Lào Cai"


def nfc(s):
    return unicodedata.normalize("NFC", " ".join(s.split())) if s else ""


def text(el, path):
    e = el.find(path, NS) if el is not None else None
    return nfc(e.text) if e is not None and e.text else ""


def ymd(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return y, m, d


def short_date(iso):
    y, m, d = ymd(iso)
    return "%02d/%s%d/%d" % (d, "0" if m < 3 else "", m, y)


def long_date(iso):
    y, m, d = ymd(iso)
    return "ngày %02d tháng %s%d năm %d" % (d, "0" if m < 3 else "", m, y)


def load(path, plan_path):
    """The dossier as plain dicts: what a certificate shows."""
    root = ET.parse(path).getroot()
    issuer = DEFAULT_ISSUER
    if plan_path:
        issuer = text(ET.parse(plan_path).getroot(), "p:issuer") or issuer
    dec = root.find("d:decision", NS)
    ds = {
        "id": root.get("id"),
        "issuer": issuer.upper(),
        "place": text(root, "d:issuer/d:place"),
        "decision": None,
        "nominees": [],
    }
    if dec is not None:
        ds["decision"] = {
            "number": dec.get("number"),
            "date": dec.get("date"),
            "first_book": int(dec.get("first-book-number") or 0),
            "authority": text(dec, "d:signer/d:authority"),
            "title": text(dec, "d:signer/d:title"),
            "rank": text(dec, "d:signer/d:rank"),
            "name": text(dec, "d:signer/d:name"),
        }
    for n in root.findall("d:nominee", NS):
        book = text(n, "d:book-number")
        ds["nominees"].append({
            "id": n.get("id"),
            "kind": n.get("kind"),
            "name": text(n, "d:name"),
            "gender": text(n, "d:gender"),
            "rank": text(n, "d:rank"),
            "position": text(n, "d:position"),
            "unit": text(n, "d:unit"),
            "summary": text(n, "d:summary"),
            "book": int(book) if book.isdigit() else 0,
        })
    number_books(ds)
    return ds


def number_books(ds):
    """Given book numbers stand; the others count up from the decision's
    first number, skipping those given."""
    dec = ds["decision"]
    if dec is None or dec["first_book"] == 0:
        return
    given = {n["book"] for n in ds["nominees"] if n["book"]}
    nxt = dec["first_book"]
    for n in ds["nominees"]:
        if n["book"]:
            continue
        while nxt in given:
            nxt += 1
        n["book"] = nxt
        nxt += 1


def register_fonts():
    for name, fname in FACES.values():
        pdfmetrics.registerFont(TTFont(name, os.path.join(FONT_DIR, fname)))
    # The line box of khenthuong's layout: the hhea ascent and descent of
    # Liberation Serif (ReportLab's face.ascent is the OS/2 typo value).
    return 1825 / 2048.0, 443 / 2048.0


class Painter:
    """Draws one certificate on a canvas; the font metrics once."""

    def __init__(self, ds):
        self.ds = ds
        self.asc, self.desc = register_fonts()

    def fit(self, s, face, size, min_size, width, max_lines):
        """The largest size down to min_size at which s takes at most
        max_lines lines of width: (lines, face, size)."""
        font = FACES[face][0]
        while True:
            if pdfmetrics.stringWidth(s, font, size) <= width:
                return [s], face, size
            if max_lines > 1:
                lines = simpleSplit(s, font, size, width)
                if len(lines) <= max_lines or size <= min_size:
                    return lines, face, size
            elif size <= min_size:
                return [s], face, size
            size = max(min_size, size - 1)

    def box(self, c, paras, x, y, w, h, valign="top"):
        """paras: (lines, face, size, colour, align) laid out in the box
        (x, y, w, h in mm from the top-left corner)."""
        heights = [len(p[0]) * (self.asc + self.desc) * p[2] * LEADING
                   for p in paras]
        total = sum(heights)
        top = PAGE_H - y * mm
        if valign == "middle":
            top -= (h * mm - total) / 2
        elif valign == "bottom":
            top -= h * mm - total
        for (lines, face, size, colour, align), ph in zip(paras, heights):
            c.setFont(FACES[face][0], size)
            c.setFillColor(colour)
            step = ph / len(lines)
            base = top - self.asc * size - (step - (self.asc + self.desc)
                                            * size) / 2
            for ln in lines:
                if align == "left":
                    c.drawString(x * mm, base, ln)
                else:
                    c.drawCentredString((x + w / 2) * mm, base, ln)
                base -= step
            top -= ph

    def border(self, c):
        c.setLineJoin(0)
        for x, y, w, h, lw, col in ((10, 10, 400, 277, 4, FRAME),
                                    (14, 14, 392, 269, 1.5, GOLD),
                                    (17, 17, 386, 263, 0.6, FRAME)):
            c.setLineWidth(lw)
            c.setStrokeColor(col)
            c.rect(x * mm, PAGE_H - (y + h) * mm, w * mm, h * mm,
                   stroke=1, fill=0)
        c.setFillColor(GOLD)
        for x, y in ((8, 8), (402, 8), (8, 279), (402, 279)):
            c.rect(x * mm, PAGE_H - (y + 10) * mm, 10 * mm, 10 * mm,
                   stroke=0, fill=1)

    def page(self, c, n):
        ds, dec = self.ds, self.ds["decision"]
        self.border(c)
        nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        motto = "Độc lập - Tự do - Hạnh phúc"
        self.box(c, [([nation], "B", 22, black, "c"),
                     ([motto], "B", 24, black, "c")], 40, 26, 340, 26)
        # The rule under the motto: as long as its text, 5 pt below.
        mw = pdfmetrics.stringWidth(motto, FACES["B"][0], 24)
        ry = PAGE_H - 26 * mm - (self.asc + self.desc) * LEADING * 46 - 5
        c.setLineWidth(0.8)
        c.setStrokeColor(black)
        c.line(210 * mm - mw / 2, ry, 210 * mm + mw / 2, ry)

        issuer = self.fit("CHỦ TỊCH " + ds["issuer"], "B", 30, 18,
                          340 * mm, 1)
        self.box(c, [issuer + (RED, "c")], 40, 55, 340, 14)
        self.box(c, [(["TẶNG"], "B", 26, black, "c")], 40, 70, 340, 11)
        self.box(c, [(["BẰNG KHEN"], "B", 72, RED, "c")], 40, 81, 340, 30)

        if n["kind"] == "individual":
            lead = n["rank"] or {"male": "Ông", "female": "Bà"}.get(
                n["gender"], "")
            who = (lead + " " if lead else "") + n["name"]
            self.box(c, [self.fit(who, "BI", 40, 22, 340 * mm, 1)
                         + (black, "c")], 40, 112, 340, 30, "middle")
            unit = ", ".join(s for s in (n["position"], n["unit"]) if s)
            self.box(c, [self.fit(unit, "I", 24, 14, 340 * mm, 2)
                         + (black, "c")], 40, 143, 340, 22)
        else:
            self.box(c, [self.fit(n["name"], "B", 36, 20, 340 * mm, 2)
                         + (black, "c")], 40, 112, 340, 30, "middle")
        self.box(c, [self.fit(n["summary"], "R", 22, 14, 330 * mm, 3)
                     + (black, "c")], 45, 166, 330, 36)

        if dec is not None:
            book = str(n["book"]) if n["book"] else "...................."
            self.box(c, [(["Quyết định số %s, ngày %s" % (
                dec["number"], short_date(dec["date"]))], "R", 18, black,
                "left"), (["Số sổ: " + book], "R", 18, black, "left")],
                35, 230, 170, 32, "bottom")
            sign = [(["%s, %s" % (ds["place"], long_date(dec["date"]))],
                     "I", 20, black, "c")]
            for s in (dec["authority"], dec["title"]):
                if s:
                    sign.append(([s.upper()], "B", 24, black, "c"))
            self.box(c, sign, 225, 205, 170, 74)
            used = sum(len(p[0]) * p[2] for p in sign) * (
                self.asc + self.desc) * LEADING / mm
            signer = (dec["rank"] + " " if dec["rank"] else "") + dec["name"]
            self.box(c, [([signer], "B", 24, black, "c")],
                     225, 205 + used + 36, 170, 12)
        else:
            self.box(c, [(["Quyết định số ........../QĐ-UBND, ngày "
                           "..../..../........"], "R", 18, black, "left"),
                         (["Số sổ: ...................."], "R", 18, black,
                          "left")], 35, 230, 170, 32, "bottom")
            self.box(c, [(["%s, ngày .... tháng .... năm ........"
                           % ds["place"]], "I", 20, black, "c"),
                         (["CHỦ TỊCH"], "B", 24, black, "c")],
                     225, 205, 170, 74)
            self.box(c, [(["DỰ THẢO"], "B", 36, RED, "left")],
                     28, 24, 120, 16)
        c.showPage()


def new_canvas(path, title, ds):
    c = canvas.Canvas(path, pagesize=PAGE, pageCompression=1, invariant=1,
                      initialFontName=FACES["R"][0], initialFontSize=20)
    c.setTitle(title)
    c.setAuthor("khenthuong bench: ReportLab peer")
    c.setSubject("Bằng khen, hồ sơ " + ds["id"])
    return c


def main(argv):
    plan = sepdir = printfile = None
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--plan", "--separate", "--print") and i + 1 < len(argv):
            i += 1
            if a == "--plan":
                plan = argv[i]
            elif a == "--separate":
                sepdir = argv[i]
            else:
                printfile = argv[i]
        else:
            args.append(a)
        i += 1
    if len(args) != 1 or (sepdir is None and printfile is None):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    ds = load(args[0], plan)
    p = Painter(ds)
    if sepdir is not None:
        os.makedirs(sepdir, exist_ok=True)
        for n in ds["nominees"]:
            c = new_canvas(os.path.join(sepdir, "bang-khen-%s.pdf" % n["id"]),
                           "Bằng khen: " + n["name"], ds)
            p.page(c, n)
            c.save()
    if printfile is not None:
        os.makedirs(os.path.dirname(printfile) or ".", exist_ok=True)
        c = new_canvas(printfile, "Bằng khen, bản in", ds)
        for n in sorted(ds["nominees"], key=lambda n: n["book"]):
            p.page(c, n)
        c.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
