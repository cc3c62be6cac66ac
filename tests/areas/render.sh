# tests/areas/render.sh: rendering, what a reader and an archivist see —
# the samples rendered once into $rdir (later areas compare with it) and
# checked as PDFs, their text, geometry, PDF/A, golden layout dumps
# (tests/render/layout/), blank stock; the errors of a render as golden
# diagnostics (tests/render/, tests/templates/).

TZ=UTC LC_ALL=C "$prog" render -o "$rdir" input/*.xml >"$out/render.log" 2>&1
st=$?
# The summary (in English under LC_ALL=C) counts the files there are.
printf 'Checked 3 dossiers: 3 rendered, 0 failed.\n%d files written in %s.\n' \
    "$(find "$rdir" -type f | wc -l)" "$rdir" >"$out/render.want"
if [ $st -eq 0 ] && cmp -s "$out/render.want" "$out/render.log"; then
	ok "render: the samples render with no finding, only the summary"
else
	notok "render: the samples render with no finding, only the summary (exit $st)"
	diff "$out/render.want" "$out/render.log" | head -20
fi
(cd "$rdir" && for d in */; do ls "$d" | sed "s|^|$d|"; done) \
    >"$out/render-files.txt"
if [ "$update" = "--update" ]; then
	cp "$out/render-files.txt" tests/render/files.txt
fi
if cmp -s tests/render/files.txt "$out/render-files.txt"; then
	ok "render: the files of each dossier as cli.md names them"
else
	notok "render: the files of each dossier as cli.md names them"
	diff -u tests/render/files.txt "$out/render-files.txt" | head -20
fi

# Every PDF: fonts embedded with a Unicode map, a clean structure, text
# that extracts without a warning, the page size of its kind.
bad=""
for f in "$rdir"/*/*.pdf; do
	n=$(basename "$f")
	if pdffonts "$f" 2>/dev/null | awk 'NR > 2 && ($(NF-4) != "yes" ||
	    $(NF-2) != "yes") { bad = 1 } END { exit bad }'; then :; else
		bad="$bad $n:fonts"
	fi
	qpdf --check "$f" >/dev/null 2>&1 || bad="$bad $n:qpdf"
	pdftotext "$f" /dev/null 2>"$out/pt.err"
	[ -s "$out/pt.err" ] && bad="$bad $n:pdftotext-warns"
	size=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Page size: *//p')
	case $n in
	bang-khen*) want="1190.55 x 841.89 pts (A3)" ;;
	danh-sach*) want="841.89 x 595.276 pts (A4)" ;;
	*) want="595.276 x 841.89 pts (A4)" ;;
	esac
	[ "$size" = "$want" ] || bad="$bad $n:size($size)"
done
if [ -z "$bad" ]; then
	ok "render: every PDF has its fonts embedded, checks clean, extracts quietly, has its page size"
else
	notok "render: PDF checks:$bad"
fi

# The text comes back exactly: every nominee's name, NFC, on its
# certificate and in its report, and the Vietnamese of the templates.
bad=""
for x in input/*.xml; do
	id=$(xmllint --xpath 'string(/*/@id)' "$x")
	n=$(xmllint --xpath "count(//*[local-name()='nominee'])" "$x")
	i=1
	while [ "$i" -le "$n" ]; do
		nid=$(xmllint --xpath "string((//*[local-name()='nominee'])[$i]/@id)" "$x")
		name=$(xmllint --xpath "normalize-space((//*[local-name()='nominee'])[$i]/*[local-name()='name'])" "$x")
		for k in bang-khen bao-cao; do
			pdftotext "$rdir/$id/$k-$nid.pdf" - 2>/dev/null |
			    tr -s ' \n' ' ' | grep -qF "$name" ||
			    bad="$bad $id/$k-$nid:$name"
		done
		i=$((i + 1))
	done
done
pdftotext "$rdir/bchqs-dot-1/to-trinh.pdf" - 2>/dev/null >"$out/tt.txt"
for s in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
    "Lào Cai, ngày 27 tháng 6 năm 2024" "TỜ TRÌNH" "Nơi nhận:" \
    "Đại tá Phạm Đức Thắng"; do
	grep -qF "$s" "$out/tt.txt" || bad="$bad to-trinh:$s"
done
if [ -z "$bad" ]; then
	ok "render: the text extracts exactly"
else
	notok "render: text missing:$bad"
fi

# A draft certificate says so in its text; a dossier without a decision
# has no print file; the print file has one page per nominee.
if pdftotext "$rdir/bdbp-dot-2/bang-khen-CN01.pdf" - 2>/dev/null |
    grep -q "DỰ THẢO" && [ ! -e "$rdir/bdbp-dot-2/bang-khen-in.pdf" ] &&
    ! pdftotext "$rdir/bchqs-dot-1/bang-khen-CN01.pdf" - 2>/dev/null |
    grep -q "DỰ THẢO"; then
	ok "render: DỰ THẢO without a decision, and no print file"
else
	notok "render: DỰ THẢO without a decision, and no print file"
fi
pages=$(pdfinfo "$rdir/bchqs-dot-1/bang-khen-in.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 6 ] && ok "render: the print file has one page per nominee" ||
    notok "render: the print file has one page per nominee ($pages)"

# Nghị định 30 geometry, measured from the PDF: on page 1 of an A4
# document no word lies outside the margins (left 30 mm = 85.04 pt, right
# 15 mm, top and bottom 20 mm), and justified lines end flush at the right
# margin (552.76 pt).
for doc in to-trinh bien-ban bao-cao-CN01; do
	pdftotext -bbox -f 1 -l 1 "$rdir/bchqs-dot-1/$doc.pdf" "$out/bbox.html" \
	    2>/dev/null
	if awk -F'"' '/<word/ { x0 = $2; y0 = $4; x1 = $6; y1 = $8;
	    if (x0 < 85.0 || x1 > 552.80 || y0 < 56.6 || y1 > 785.3) bad++ }
	    END { exit bad > 0 }' "$out/bbox.html"; then
		ok "geometry: $doc page 1 within the margins"
	else
		notok "geometry: $doc page 1 within the margins"
	fi
done
pdftotext -bbox-layout -f 1 -l 1 "$rdir/bchqs-dot-1/to-trinh.pdf" \
    "$out/lines.html" 2>/dev/null
flush=$(awk -F'"' '/<line / { n++; x1[n] = $6 }
    END { c = 0; for (i = 1; i <= n; i++) if (x1[i] > 552.26 && x1[i] < 552.80) c++; print c }' \
    "$out/lines.html")
[ "$flush" -ge 8 ] && ok "geometry: justified lines end flush at the right margin ($flush lines)" ||
    notok "geometry: justified lines end flush at the right margin ($flush lines)"

# The manifest verifies; a second run, in another time zone and locale,
# changes no byte.
bad=""
for d in "$rdir"/*/; do
	(cd "$d" && sha256sum -c --quiet manifest.sha256 >/dev/null 2>&1) ||
	    bad="$bad $d"
done
[ -z "$bad" ] && ok "render: sha256sum -c passes in every folder" ||
    notok "render: sha256sum -c fails in:$bad"
TZ=Asia/Ho_Chi_Minh LC_ALL=C.UTF-8 "$prog" render -o "$out/render2" \
    input/*.xml >/dev/null 2>&1
if diff -r "$rdir" "$out/render2" >/dev/null 2>&1; then
	ok "render: a second run in another time zone is byte-identical"
else
	notok "render: a second run in another time zone is byte-identical"
fi

# PDF/A-1b, by PDFBox Preflight.
pdfa PDF/A-1b "$rdir" "$out/pdfa.list"

# Golden layout dumps: the boxes and lines of every page of each kind,
# for the small test dossier, so that a change in layout shows as a diff.
rm -rf "$out/dump"
"$prog" render -o "$out/dumped" --dump-layout "$out/dump" tests/check/valid.xml \
    >/dev/null 2>&1
mkdir -p tests/render/layout
for f in "$out/dump"/*.layout; do
	n=$(basename "$f")
	same "layout dump: $n" "tests/render/layout/$n" "$f"
done
[ -n "$(ls "$out/dump" 2>/dev/null)" ] || notok "layout dumps were written"

# Pre-printed blanks: the border the blank carries is left out, the rest
# moves by the printer's offsets (x 3 mm right, y 2.5 mm up).
cat >"$gen/printer.xml" <<'EOP'
<printer xmlns="urn:khenthuong:printer:1" name="Máy in thử">
  <offset x="3mm" y="-2.5mm"/>
</printer>
EOP
"$prog" render -o "$out/blank" --only bang-khen --blank-stock "$gen/printer.xml" \
    --dump-layout "$out/blank-dump" tests/check/valid.xml >/dev/null 2>&1
st=$?
a=$(awk '/^text/ { print $2, $3; exit }' "$out/dump/bang-khen-CN01.pdf.layout")
b=$(awk '/^text/ { print $2, $3; exit }' "$out/blank-dump/bang-khen-CN01.pdf.layout")
moved=$(echo "$a $b" | awk '{ dx = $3 - $1; dy = $4 - $2;
    print (dx > 8.49 && dx < 8.52 && dy > 7.07 && dy < 7.10) ? "yes" : "no" }')
if [ $st -eq 0 ] && [ "$moved" = yes ] &&
    ! grep -q '^rect' "$out/blank-dump/bang-khen-CN01.pdf.layout" &&
    grep -q '^rect' "$out/dump/bang-khen-CN01.pdf.layout"; then
	ok "blank stock: no border, text moved by the printer's offsets"
else
	notok "blank stock: no border, text moved by the printer's offsets ($a / $b)"
fi
"$prog" calibrate -o "$out/calibrate.pdf" "$gen/printer.xml" >/dev/null 2>&1
if [ $? -eq 0 ] && qpdf --check "$out/calibrate.pdf" >/dev/null 2>&1 &&
    pdftotext "$out/calibrate.pdf" - 2>/dev/null | grep -q "Máy in thử: x = 3.0 mm, y = -2.5 mm"; then
	ok "calibrate: a one-page sheet for the printer profile"
else
	notok "calibrate: a one-page sheet for the printer profile"
fi
# The sheet is templates/calibration.xml: the grid stays on the paper,
# the marks of the certificate's boxes move by the printer's offsets
# (3 mm right, 2.5 mm up: +8.50394 pt, +7.08661 pt in PDF coordinates).
"$prog" calibrate -o "$out/calibrate-0.pdf" printers/mac-dinh.xml >/dev/null 2>&1
for f in calibrate calibrate-0; do
	qpdf --qdf --object-streams=disable "$out/$f.pdf" "$out/$f.qdf" \
	    >/dev/null 2>&1
	awk '/ re$/ { exit } / m$/' "$out/$f.qdf" >"$out/$f-grid.txt"
	grep -a ' re$' "$out/$f.qdf" | head -1 >"$out/$f-mark.txt"
done
moved=$(cat "$out/calibrate-0-mark.txt" "$out/calibrate-mark.txt" | awk '
    NR == 1 { x = $1; y = $2 } NR == 2 { dx = $1 - x; dy = $2 - y }
    END { ok = dx > 8.50 && dx < 8.51 && dy > 7.08 && dy < 7.09
	print ok ? "yes" : "no" }')
if [ "$moved" = yes ] && [ -s "$out/calibrate-grid.txt" ] &&
    cmp -s "$out/calibrate-grid.txt" "$out/calibrate-0-grid.txt"; then
	ok "calibrate: the grid stays on the paper, the marks move by the offsets"
else
	notok "calibrate: the grid stays on the paper, the marks move by the offsets"
fi

# The whole Vietnamese alphabet — the 134 letters with their tones and
# Đ đ — goes through a template and comes back from the PDF's text layer.
alpha="aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đđ"
sed "s|<summary>Hoàn thành xuất sắc nhiệm vụ tuyên truyền trong đợt thi đua.</summary>|<summary>Hoàn thành xuất sắc nhiệm vụ: $alpha.</summary>|" \
    tests/check/valid.xml >"$gen/alphabet.xml"
"$prog" render -o "$out/alphabet" --only danh-sach "$gen/alphabet.xml" >/dev/null 2>&1
pdftotext "$out/alphabet/test-dot-1/danh-sach.pdf" - 2>"$out/alpha.err" |
    tr -s ' .:\n' '\n\n\n\n' >"$out/alpha.words"
missing=""
for w in $alpha; do
	grep -qx "$w" "$out/alpha.words" || missing="$missing $w"
done
if [ -z "$missing" ] && [ ! -s "$out/alpha.err" ]; then
	ok "text layer: the whole alphabet comes back exactly"
else
	notok "text layer: the alphabet comes back (missing:$missing)"
fi

# What a render says of a dossier it cannot draw (tests/render/): a
# printer profile that is wrong, a name too long for its box even at the
# template's smallest size, a character the font lacks, a word wider than
# its line (errors at the dossier line, and nothing written for that
# dossier), and a batch with a broken dossier, whose valid one is
# rendered all the same.
echo '<printer xmlns="urn:khenthuong:printer:1"><offset x="left"/></printer>' \
    >"$gen/printer-bad.xml"
sed 's|<name>Nguyễn Thị Ánh Tuyết</name>|<name>Tôn Nữ Hoàng Phương Thanh Xuân Mai Anh Đào Ngọc Bích Thủy Tiên Lan Hương Quỳnh Như Ý Hồng Nhung</name>|' \
    tests/check/valid.xml >"$gen/toolong.xml"
sed 's|<summary>Đã tổ chức tốt|<summary>Đã tổ chức tốt (中)|' \
    tests/check/valid.xml >"$gen/glyph.xml"
sed 's|<p>Tổ chức 45 buổi|<p>Tổ chức 🎉 45 buổi|' \
    tests/check/valid.xml >"$gen/glyph-para.xml"
long=$(printf 'Xyz%.0s' $(seq 1 60))
sed "s|<summary>Đã tổ chức tốt|<summary>$long tốt|" tests/check/valid.xml \
    >"$gen/wide.xml"
cases tests/render
[ -e "$out/one-bad/test-dot-1b/to-trinh.pdf" ] &&
    [ ! -e "$out/one-bad/test-dot-1" ] &&
    ok "render: the valid dossier of a batch with a broken one is rendered" ||
    notok "render: the valid dossier of a batch with a broken one is rendered"
[ ! -e "$out/glyph/test-dot-1" ] && ok "render: nothing written after a glyph error" ||
    notok "render: nothing written after a glyph error"

# Template errors name the template file and line (exit 2, nothing made).
cases tests/templates template

# What a PDF says of its source: the dossier's SHA-256 in its XMP.
sum=$(sha256sum input/bchqs-dot-1.xml | cut -c1-64)
if grep -q "$sum" "$rdir/bchqs-dot-1/to-trinh.pdf" &&
    grep -q "$sum" "$rdir/bchqs-dot-1/bang-khen-CN01.pdf"; then
	ok "archive: each PDF records the source dossier's SHA-256"
else
	notok "archive: each PDF records the source dossier's SHA-256"
fi

# The text layer survives a strict rewrite (qpdf --qdf, mutool clean).
pdftotext "$rdir/bchqs-dot-1/bao-cao-CN01.pdf" "$out/rt0.txt" 2>/dev/null
qpdf --qdf --static-id "$rdir/bchqs-dot-1/bao-cao-CN01.pdf" "$out/rt-qdf.pdf" 2>/dev/null
mutool clean -gg "$rdir/bchqs-dot-1/bao-cao-CN01.pdf" "$out/rt-mu.pdf" \
    >/dev/null 2>&1
pdftotext "$out/rt-qdf.pdf" "$out/rt1.txt" 2>/dev/null
pdftotext "$out/rt-mu.pdf" "$out/rt2.txt" 2>/dev/null
if [ -s "$out/rt0.txt" ] && cmp -s "$out/rt0.txt" "$out/rt1.txt" &&
    cmp -s "$out/rt0.txt" "$out/rt2.txt"; then
	ok "archive: the text extracts the same after qpdf --qdf and mutool clean"
else
	notok "archive: the text extracts the same after qpdf --qdf and mutool clean"
fi
