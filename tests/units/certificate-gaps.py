#!/usr/bin/python3
"""certificate-gaps.py CERT.pdf...: the recipient, unit and deed of a Bằng
khen form one block centred between the title (BẰNG KHEN) and the place and
date of the signature: prints the space above and below the block of each
certificate, and exits 1 when the two differ by more than 3 mm anywhere.
Uses Debian's python3-fitz."""
import sys
import fitz

MM = 72 / 25.4
bad = 0
for path in sys.argv[1:]:
    doc = fitz.open(path)
    page = doc[0]
    lines = []
    for b in page.get_text("dict")["blocks"]:
        for l in b.get("lines", []):
            t = "".join(s["text"] for s in l["spans"]).strip()
            if t:
                lines.append((l["bbox"][1], l["bbox"][3], t))
    lines.sort()
    title = [i for i, l in enumerate(lines) if l[2] == "BẰNG KHEN"]
    date = [i for i, l in enumerate(lines) if ", ngày" in l[2] and title and i > title[0]]
    if not title or not date or date[0] - title[0] < 2:
        print("%s: no title, block and date found" % path)
        bad += 1
        continue
    t, d = title[0], date[0]
    above = (lines[t + 1][0] - lines[t][1]) / MM
    below = (lines[d][0] - lines[d - 1][1]) / MM
    ok = abs(above - below) <= 3
    bad += not ok
    print("%s: %.1f mm above, %.1f mm below%s" % (path, above, below, "" if ok else "  UNEVEN"))
sys.exit(1 if bad else 0)
