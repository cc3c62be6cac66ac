#!/bin/sh
# The test suite: golden diagnostics (as mandoc's regress/), generated
# hostile inputs, unit tests.  Usage: tests/run.sh PROGRAM UNIT [--update]
# Ends with the line "N passed, N failed".

prog=${1:-./khenthuong}
unit=${2:-build/unit}
replay=${3:-build/replay-}
update=${4:-}
[ "$replay" = --update ] && { update=--update; replay=build/replay-; }
pass=0
fail=0
out=tests/out
# The interface speaks Vietnamese when no locale is set, as the golden
# files expect; the tests of another language set their own.
unset LANG LANGUAGE LC_ALL LC_MESSAGES
runner=
rm -rf "$out"
mkdir -p "$out"

ok() { pass=$((pass + 1)); echo "ok - $1"; }
notok() { fail=$((fail + 1)); echo "not ok - $1"; }

# golden NAME EXPECTED ARGS...: run the program (through $runner, if set),
# compare stderr+stdout and the exit status with the expected file.
golden() {
	name=$1
	exp=$2
	shift 2
	$runner "$prog" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
	st=$?
	{
		cat "$out/$name.stderr"
		if [ -s "$out/$name.stdout" ]; then
			echo "--- stdout"
			cat "$out/$name.stdout"
		fi
		echo "exit $st"
	} >"$out/$name.got"
	if [ "$update" = "--update" ]; then
		cp "$out/$name.got" "$exp"
	fi
	if [ -f "$exp" ] && cmp -s "$exp" "$out/$name.got"; then
		ok "$name"
	else
		notok "$name"
		diff -u "$exp" "$out/$name.got" | head -30
	fi
}

# Single dossiers with their expected diagnostics.
for f in tests/check/*.xml; do
	n=$(basename "$f" .xml)
	golden "check-$n" "tests/check/$n.out" check "$f"
done

# Batches: every file of a folder in one run (cross-file rules).
for d in tests/batch/*/; do
	n=$(basename "$d")
	golden "batch-$n" "tests/batch/$n.out" check "$d"*.xml
done

# Plan files of our own: their errors are reported at their lines.
for f in tests/plans/*.xml; do
	n=$(basename "$f" .xml)
	case $n in ok-*) continue ;; esac
	golden "plan-$n" "tests/plans/$n.out" check --plan "$f" \
	    tests/plans/ok-dossier.xml
done

# The JSON form of the same findings.
golden json tests/json.out check --format json tests/check/date-slash.xml \
    input/bdbp-dot-2.xml

# The sRGB profile in the tree is the one tools/make-srgb-icc.py makes.
python3 tools/make-srgb-icc.py "$out/srgb.icc" &&
    cmp -s "$out/srgb.icc" color/srgb.icc &&
    ok "color/srgb.icc is what tools/make-srgb-icc.py makes" ||
    notok "color/srgb.icc is what tools/make-srgb-icc.py makes"

# The bundled samples are valid: no diagnostic, only the summary; with
# --quiet, nothing at all.
golden samples tests/check/samples.out check input/*.xml
"$prog" check --quiet input/*.xml >"$out/samples.out" 2>&1
st=$?
if [ $st -eq 0 ] && [ ! -s "$out/samples.out" ]; then
	ok "samples are valid and quiet with --quiet"
else
	notok "samples are valid and quiet with --quiet (exit $st)"
	cat "$out/samples.out"
fi

# Every rule of the shipped plan fires in some golden test.
for id in $(sed -n 's/.*<rule id="\([^"]*\)".*/\1/p' plans/*.xml); do
	if grep -q "\[$id\]" tests/check/*.out tests/batch/*.out 2>/dev/null
	then
		ok "rule $id fires in a test"
	else
		notok "rule $id fires in a test"
	fi
done

# Inputs made here rather than stored.
gen=$out/gen
mkdir -p "$gen"

: >"$gen/empty.xml"
golden gen-empty tests/gen/empty.out check "$gen/empty.xml"

mkdir -p "$gen/a-folder.xml"
golden gen-directory tests/gen/directory.out check "$gen/a-folder.xml" \
    input/bdbp-dot-2.xml

golden gen-missing tests/gen/missing.out check "$gen/no-such-file.xml" \
    input/bdbp-dot-2.xml

truncate -s 100M "$gen/huge.xml"
golden gen-huge tests/gen/huge.out check "$gen/huge.xml"
rm -f "$gen/huge.xml"

# The windows-1258 sample declared as UTF-8: the program names the
# encoding it really is.
sed '1s/windows-1258/UTF-8/' input/bchqs-dot-2.xml >"$gen/cp1258-as-utf8.xml"
golden gen-cp1258-as-utf8 tests/gen/cp1258-as-utf8.out check \
    "$gen/cp1258-as-utf8.xml"

# The test dossier in each legacy encoding, declared so: read as the same
# dossier, valid and quiet.
for enc in windows-1258 TCVN5712-1 VISCII; do
	sed "1s/UTF-8/$enc/" tests/check/valid.xml |
	    iconv -f UTF-8 -t $enc >"$gen/$enc.xml"
	if "$prog" check --quiet "$gen/$enc.xml" >"$out/$enc.out" 2>&1 &&
	    [ ! -s "$out/$enc.out" ]; then
		ok "legacy encoding $enc is read"
	else
		notok "legacy encoding $enc is read"
		cat "$out/$enc.out"
	fi
	# The same bytes without the declaration: the encoding is named.
	iconv -f UTF-8 -t $enc tests/check/valid.xml >"$gen/$enc-undeclared.xml"
	"$prog" check "$gen/$enc-undeclared.xml" >"$out/$enc-u.out" 2>&1
	if grep -q "encoding=\"$enc\"" "$out/$enc-u.out"; then
		ok "undeclared $enc is recognised"
	else
		notok "undeclared $enc is recognised"
		cat "$out/$enc-u.out"
	fi
done

# UTF-16 with a byte order mark.
iconv -f WINDOWS-1258 -t UTF-8 input/bchqs-dot-2.xml |
    sed "1s/windows-1258/UTF-16/" | iconv -f UTF-8 -t UTF-16 >"$gen/utf16.xml"
if "$prog" check "$gen/utf16.xml" >"$out/utf16.out" 2>&1; then
	ok "UTF-16 is read"
else
	notok "UTF-16 is read"
	cat "$out/utf16.out"
fi

# A usage error is exit 2.
"$prog" check >/dev/null 2>&1
[ $? -eq 2 ] && ok "no file: usage error, exit 2" ||
    notok "no file: usage error, exit 2"
"$prog" frobnicate x.xml >/dev/null 2>&1
[ $? -eq 2 ] && ok "unknown command: exit 2" || notok "unknown command: exit 2"

# --- import and init: a list (CSV) or a plan's phase into a draft. -----
# same NAME EXPECTED GOT: a file made here is the golden one.
same() {
	[ "$update" = "--update" ] && cp "$3" "$2"
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		notok "$1"
		diff -u "$2" "$3" | head -30
	fi
}
# quiet NAME FILE: check passes it with no diagnostic at all, and it is
# valid against the schema by xmllint too.
quiet() {
	"$prog" check --quiet "$2" >"$out/quiet.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && [ ! -s "$out/quiet.out" ] &&
	    xmllint --noout --schema schema/dossier.xsd "$2" >/dev/null 2>&1
	then
		ok "$1"
	else
		notok "$1 (exit $st)"
		head -10 "$out/quiet.out"
	fi
}
imp=$out/import
mkdir -p "$imp/utf8" "$imp/bom" "$imp/cp1258" "$imp/noplan" "$imp/bad"
cp input/danh-sach-mau.csv "$imp/utf8/"
cp input/danh-sach-mau.csv "$imp/noplan/"
# Excel's "CSV UTF-8": a byte order mark, CRLF, empty rows at the end.
{ printf '\357\273\277'; sed 's/$/\r/' input/danh-sach-mau.csv
  printf ',,,,,,,,,,\r\n\r\n'; } >"$imp/bom/danh-sach-mau.csv"
# Excel's "CSV" on a Vietnamese Windows: windows-1258, whose tones are
# combining marks (0xCC, 0xEC, 0xD2, 0xDE, 0xF2 after the letter).
{ sed 's/$/\r/' input/danh-sach-mau.csv | iconv -f UTF-8 -t WINDOWS-1258
  printf ',,,,,,,,,,\r\n'; } >"$imp/cp1258/danh-sach-mau.csv"
LC_ALL=C grep -q "$(printf '[\314\354\322\336\362]')" \
    "$imp/cp1258/danh-sach-mau.csv" &&
    ok "import: the windows-1258 list has combining tone marks" ||
    notok "import: the windows-1258 list has combining tone marks"
golden import-sample tests/import/import.out import --plan 217/KH-UBND \
    --phase 1 "$imp/utf8/danh-sach-mau.csv"
same "import: the sample list gives the golden dossier" \
    tests/import/danh-sach-mau.xml "$imp/utf8/danh-sach-mau.xml"
for v in bom cp1258; do
	"$prog" import --plan 217/KH-UBND --phase 1 \
	    "$imp/$v/danh-sach-mau.csv" >/dev/null 2>&1
	st=$?
	if [ $st -eq 0 ] && cmp -s tests/import/danh-sach-mau.xml \
	    "$imp/$v/danh-sach-mau.xml"; then
		ok "import: the list as $v gives the same dossier (NFC)"
	else
		notok "import: the list as $v gives the same dossier (exit $st)"
		diff -u tests/import/danh-sach-mau.xml \
		    "$imp/$v/danh-sach-mau.xml" | head -10
	fi
done
# The draft: every marked place is an error [placeholder] at its line,
# and nothing else; filled in, the dossier passes check quietly.
golden import-draft-check tests/import/draft-check.out check \
    "$imp/utf8/danh-sach-mau.xml"
sed -f tests/import/fill.sed "$imp/utf8/danh-sach-mau.xml" >"$imp/filled.xml"
quiet "import: the sample's draft, filled in, passes check" "$imp/filled.xml"
# Without --plan and --phase, the plan and phase are marked places too.
"$prog" import "$imp/noplan/danh-sach-mau.csv" >/dev/null 2>&1
sed -f tests/import/fill.sed "$imp/noplan/danh-sach-mau.xml" \
    >"$imp/noplan-filled.xml"
grep -q 'plan="\[CẦN ĐIỀN: số kế hoạch' "$imp/noplan/danh-sach-mau.xml" &&
    quiet "import without --plan: marked plan and phase, filled in, pass" \
    "$imp/noplan-filled.xml" ||
    notok "import without --plan: the plan is a marked place"
# Title rows, a column-number row, section rows, one name column, "Loại",
# ';' as separator, paragraphs in a cell, & < > " in text.
cp tests/import/variants.csv "$imp/"
"$prog" import --plan 217/KH-UBND --phase 1 "$imp/variants.csv" \
    >/dev/null 2>&1
same "import: headings, sections and kinds of another list" \
    tests/import/variants.xml "$imp/variants.xml"
sed -f tests/import/fill.sed "$imp/variants.xml" >"$imp/variants-filled.xml"
quiet "import: the other list's draft, filled in, passes check" \
    "$imp/variants-filled.xml"
# A bad list: its line, the column in the message, exit 1, nothing written.
for f in tests/import/bad/*.csv; do
	n=$(basename "$f" .csv)
	cp "$f" "$imp/bad/"
	golden "import-$n" "tests/import/bad/$n.out" import "$imp/bad/$n.csv"
	[ ! -e "$imp/bad/$n.xml" ] && ok "import-$n: nothing written" ||
	    notok "import-$n: nothing written"
done
# Never overwrite without --force; with it, the file is replaced whole;
# no temporary file is left either way.
echo old >"$imp/bom/danh-sach-mau.xml"
golden import-exists tests/import/exists.out import --plan 217/KH-UBND \
    --phase 1 "$imp/bom/danh-sach-mau.csv"
[ "$(cat "$imp/bom/danh-sach-mau.xml")" = old ] &&
    ok "import: an existing file is left alone" ||
    notok "import: an existing file is left alone"
"$prog" import --plan 217/KH-UBND --phase 1 --force \
    "$imp/bom/danh-sach-mau.csv" >/dev/null 2>&1
st=$?
[ $st -eq 0 ] && cmp -s tests/import/danh-sach-mau.xml \
    "$imp/bom/danh-sach-mau.xml" && [ -z "$(ls -A "$imp/bom" | grep '^\.')" ] &&
    ok "import --force: replaced whole, no temporary left" ||
    notok "import --force: replaced whole, no temporary left (exit $st)"
"$prog" import --plan 217/KH-UBND --phase 1 -o "$imp/Đợt 1 BCH.xml" \
    "$imp/utf8/danh-sach-mau.csv" >/dev/null 2>&1
grep -q '<dossier [^>]*id="dot-1-bch"' "$imp/Đợt 1 BCH.xml" &&
    ok "import -o: the dossier id comes from the file's name" ||
    notok "import -o: the dossier id comes from the file's name"
# init: the commented skeleton of a phase, golden; its marked places are
# its only findings; filled in, it passes check.
"$prog" init --plan 217/KH-UBND --phase 1 >"$imp/init.xml" 2>"$imp/init.err"
st=$?
[ $st -eq 0 ] && [ ! -s "$imp/init.err" ] &&
    ok "init: the skeleton on standard output" ||
    notok "init: the skeleton on standard output (exit $st)"
same "init: the golden skeleton of 217/KH-UBND phase 1" tests/import/init.xml \
    "$imp/init.xml"
golden init-check tests/import/init-check.out check "$imp/init.xml"
sed -f tests/import/fill.sed "$imp/init.xml" >"$imp/init-filled.xml"
quiet "init: the skeleton, filled in, passes check" "$imp/init-filled.xml"
"$prog" init --plan plans/217-KH-UBND.xml --phase 2 -o "$imp/dot-2.xml" \
    >/dev/null 2>&1
sed -f tests/import/fill.sed "$imp/dot-2.xml" >"$imp/dot-2-filled.xml"
quiet "init: phase 2, its example dates filled in, passes check" \
    "$imp/dot-2-filled.xml"
golden init-unknown-plan tests/import/init-unknown-plan.out init \
    --plan 999/KH-UBND --phase 1
golden init-unknown-phase tests/import/init-unknown-phase.out init \
    --plan 217/KH-UBND --phase 3
"$prog" init --plan 217/KH-UBND >/dev/null 2>&1
[ $? -eq 2 ] && ok "init without --phase: usage error, exit 2" ||
    notok "init without --phase: usage error, exit 2"
# check and render accept a plan's number for --plan.
"$prog" check --quiet --plan 217/KH-UBND input/*.xml \
    >"$out/plan-number.out" 2>&1
st=$?
[ $st -eq 0 ] && [ ! -s "$out/plan-number.out" ] &&
    ok "check --plan NUMBER: the plan found by its number" ||
    notok "check --plan NUMBER: the plan found by its number (exit $st)"

# --- Rendering: what a reader and an archivist see. -------------------
rdir=$out/render
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

# pdfa NAME DIR LIST: PDF/A-1b, by PDFBox Preflight, for every PDF under
# DIR (one JVM for all; the list and its report go to LIST*).
pdfa() {
	pcp=""
	for j in preflight pdfbox2 fontbox2 xmpbox commons-logging \
	    javax.activation jaxb-api; do
		pcp=$pcp${pcp:+:}/usr/share/java/$j.jar
	done
	find "$2" -name '*.pdf' | sort >"$3"
	java -cp "$pcp" org.apache.pdfbox.preflight.Validator_A1b xml group \
	    "$3" >/dev/null 2>&1
	total=$(wc -l <"$3")
	valid=$(grep -c 'isValid type="PDF/A1-b">true' "$3.preflight.xml" \
	    2>/dev/null)
	[ "$valid" = "$total" ] &&
	    ok "$1: Preflight passes $valid of $total files" ||
	    notok "$1: Preflight passes ${valid:-0} of $total files"
}
pdfa PDF/A-1b "$rdir" "$out/pdfa.list"

# Golden layout dumps: the boxes and lines of every page of each kind,
# for the small test dossier, so that a change in layout shows as a diff.
rm -rf "$out/dump"
"$prog" render -o "$out/dumped" --dump-layout "$out/dump" tests/check/valid.xml \
    >/dev/null 2>&1
mkdir -p tests/render/layout
for f in "$out/dump"/*.layout; do
	n=$(basename "$f")
	[ "$update" = "--update" ] && cp "$f" "tests/render/layout/$n"
	if cmp -s "tests/render/layout/$n" "$f"; then
		ok "layout dump: $n"
	else
		notok "layout dump: $n"
		diff -u "tests/render/layout/$n" "$f" | head -20
	fi
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
echo '<printer xmlns="urn:khenthuong:printer:1"><offset x="left"/></printer>' \
    >"$gen/printer-bad.xml"
golden blank-bad-profile tests/render/bad-profile.out render -o "$out/bp" \
    --blank-stock "$gen/printer-bad.xml" tests/check/valid.xml

# Template errors name the template file and line (exit 2, nothing made).
for f in tests/templates/*.xml; do
	n=$(basename "$f" .xml)
	golden "template-$n" "tests/templates/$n.out" render -o "$out/tpl-$n" \
	    --template "to-trinh=$f" tests/check/valid.xml
done

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

# A name too long for its box even at the template's smallest size.
sed 's|<name>Nguyễn Thị Ánh Tuyết</name>|<name>Tôn Nữ Hoàng Phương Thanh Xuân Mai Anh Đào Ngọc Bích Thủy Tiên Lan Hương Quỳnh Như Ý Hồng Nhung</name>|' \
    tests/check/valid.xml >"$gen/toolong.xml"
golden render-does-not-fit tests/render/does-not-fit.out render -o \
    "$out/toolong" --only bang-khen "$gen/toolong.xml"

# --jobs: the same bytes whatever the number of processes (and the same
# findings, gathered in file order).
"$prog" render -o "$out/jobs1" --jobs 1 input/*.xml >/dev/null 2>&1
"$prog" render -o "$out/jobs3" --jobs 3 input/*.xml >/dev/null 2>&1
if diff -r "$out/jobs1" "$rdir" >/dev/null 2>&1 &&
    diff -r "$out/jobs3" "$rdir" >/dev/null 2>&1; then
	ok "--jobs 1, 2 and 3 write byte-identical folders"
else
	notok "--jobs 1, 2 and 3 write byte-identical folders"
fi
sed 's|<summary>Đã tổ chức tốt|<summary>Đã tổ chức tốt (中)|' \
    tests/check/valid.xml >"$gen/glyph.xml"
for j in 1 3; do
	"$prog" render -o "$out/glyph$j" --jobs $j "$gen/glyph.xml" \
	    >"$out/glyph$j.out" 2>&1
	echo "exit $?" >>"$out/glyph$j.out"
done
cmp -s "$out/glyph1.out" "$out/glyph3.out" &&
    ok "--jobs 1 and 3 report the same findings" ||
    notok "--jobs 1 and 3 report the same findings"

# A dossier that is right is read as a stream, one that is not as a DOM;
# both ways must give the same model: the same findings for every test
# dossier and every batch, the same files for the samples.
same=1
for f in tests/check/*.xml input/*.xml; do
	"$prog" check --format json "$f" >"$out/stream.json" 2>&1
	KHENTHUONG_DOM=1 "$prog" check --format json "$f" >"$out/dom.json" 2>&1
	cmp -s "$out/stream.json" "$out/dom.json" || { same=0; echo "# $f"; }
done
for b in tests/batch/*/; do
	"$prog" check --format json "$b"*.xml >"$out/stream.json" 2>&1
	KHENTHUONG_DOM=1 "$prog" check --format json "$b"*.xml \
	    >"$out/dom.json" 2>&1
	cmp -s "$out/stream.json" "$out/dom.json" || { same=0; echo "# $b"; }
done
KHENTHUONG_DOM=1 "$prog" render --quiet -o "$out/dom-render" input/*.xml \
    >/dev/null 2>&1
diff -r "$out/dom-render" "$rdir" >/dev/null 2>&1 || { same=0; echo "# render"; }
[ $same = 1 ] &&
    ok "dossiers read as a stream and as a DOM give the same findings and files" ||
    notok "dossiers read as a stream and as a DOM give the same findings and files"

# --shard K/N: shards 1/3, 2/3 and 3/3 into one output folder, one after
# the other and all at once, write what one run writes, byte for byte;
# the findings of the whole batch are reported by every shard (--quiet:
# the summaries count each shard's own files).
for k in 1 2 3; do
	"$prog" render -o "$out/shard-seq" --jobs 2 --shard $k/3 --quiet \
	    input/*.xml >"$out/shard$k.out" 2>&1
	echo "exit $?" >>"$out/shard$k.out"
done
for k in 1 2 3; do
	"$prog" render -o "$out/shard-par" --jobs 1 --shard $k/3 input/*.xml \
	    >/dev/null 2>&1 &
done
wait
if diff -r "$out/shard-seq" "$rdir" >/dev/null 2>&1 &&
    diff -r "$out/shard-par" "$rdir" >/dev/null 2>&1; then
	ok "--shard 1/3, 2/3, 3/3 together write what one run writes (in turn and at once)"
else
	notok "--shard 1/3, 2/3, 3/3 together write what one run writes (in turn and at once)"
	diff -r "$out/shard-seq" "$rdir" 2>&1 | head -n 5 | sed 's/^/# /'
fi
"$prog" render -o "$out/shard-one" --quiet input/*.xml >"$out/shard0.out" 2>&1
echo "exit $?" >>"$out/shard0.out"
if cmp -s "$out/shard0.out" "$out/shard1.out" &&
    cmp -s "$out/shard0.out" "$out/shard3.out"; then
	ok "--shard: every shard reports what one run reports"
else
	notok "--shard: every shard reports what one run reports"
fi
# Sharded, a nominee removed from the dossier loses its files too.
awk '/<nominee id="CN04"/ { skip = 1 } !skip { print } /<\/nominee>/ { skip = 0 }' \
    input/bchqs-dot-1.xml >"$gen/shard-dot-1.xml"
"$prog" render -o "$out/shard-one" "$gen/shard-dot-1.xml" >/dev/null 2>&1
for k in 1 2; do
	"$prog" render -o "$out/shard-seq" --shard $k/2 "$gen/shard-dot-1.xml" \
	    >/dev/null 2>&1
done
if diff -r "$out/shard-seq/bchqs-dot-1" "$out/shard-one/bchqs-dot-1" \
    >/dev/null 2>&1 && [ ! -e "$out/shard-seq/bchqs-dot-1/bao-cao-CN04.pdf" ]
then
	ok "--shard: the files of a removed nominee go, the manifest follows"
else
	notok "--shard: the files of a removed nominee go, the manifest follows"
fi
bad=0
for s in 0/3 4/3 1/0 x 1/3x -1/3; do
	"$prog" render -o "$out/shard-bad" --shard "$s" input/bchqs-dot-1.xml \
	    >/dev/null 2>&1
	[ $? -eq 2 ] || bad=$((bad + 1))
done
[ "$bad" -eq 0 ] && [ ! -e "$out/shard-bad" ] &&
    ok "--shard refuses 0/3, 4/3, 1/0, x, 1/3x, -1/3 (exit 2, nothing written)" ||
    notok "--shard refuses 0/3, 4/3, 1/0, x, 1/3x, -1/3 (exit 2, nothing written)"

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
qpdf --qdf "$rdir/bchqs-dot-1/bao-cao-CN01.pdf" "$out/rt-qdf.pdf" 2>/dev/null
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

# A full disk (a file size limit here): exit 2 naming the file, no
# partial file, the previous folder untouched.
fdir=$out/full
"$prog" render -o "$fdir" --jobs 1 input/bdbp-dot-2.xml >/dev/null 2>&1
(cd "$fdir/bdbp-dot-2" && sha256sum manifest.sha256) >"$out/full-before"
sed 's|<summary>Đã có thành tích|<summary>Lần sau: đã có thành tích|' \
    input/bdbp-dot-2.xml >"$gen/bdbp-dot-2.xml"
(trap '' XFSZ; ulimit -f 40; exec "$prog" render -o "$fdir" --jobs 1 \
    "$gen/bdbp-dot-2.xml") >/dev/null 2>"$out/full.err"
st=$?
(cd "$fdir/bdbp-dot-2" && sha256sum manifest.sha256) >"$out/full-after"
if [ $st -eq 2 ] && grep -q "không ghi được tệp PDF" "$out/full.err" &&
    cmp -s "$out/full-before" "$out/full-after" &&
    (cd "$fdir/bdbp-dot-2" && sha256sum -c --quiet manifest.sha256 >/dev/null) &&
    [ -z "$(ls -A "$fdir" | grep '^\.')" ]; then
	ok "full disk: exit 2, the file named, no partial file, the old folder intact"
else
	notok "full disk: exit 2, the file named, no partial file, the old folder intact (exit $st)"
	cat "$out/full.err"
fi

# An output directory that cannot be made: exit 2 naming it.
: >"$gen/not-a-dir"
"$prog" render -o "$gen/not-a-dir/out" input/bdbp-dot-2.xml >/dev/null \
    2>"$out/nodir.err"
st=$?
[ $st -eq 2 ] && grep -q "not-a-dir/out" "$out/nodir.err" &&
    ok "unwritable output: exit 2 naming the directory" ||
    notok "unwritable output: exit 2 naming the directory (exit $st)"

# Names come only from validated ids: a dossier id with ../ is refused
# and nothing is written anywhere.
mkdir -p "$out/trav/o"
"$prog" render -o "$out/trav/o" tests/check/id-slash.xml >/dev/null 2>&1
st=$?
[ $st -eq 1 ] && [ -z "$(ls -A "$out/trav/o")" ] &&
    [ "$(ls -A "$out/trav")" = o ] &&
    ok "traversal: an id with ../ is refused, nothing written" ||
    notok "traversal: an id with ../ is refused, nothing written"

# kill -9 in the middle of a run: every dossier folder is the old one or
# the new one, whole (its manifest verifies and lists every file), and the
# next run cleans up what the killed one left.
kdir=$out/kill
"$prog" render -o "$kdir" --jobs 1 input/*.xml >/dev/null 2>&1
for x in input/*.xml; do
	sed 's|<summary>Đã có thành tích|<summary>Bản mới: đã có thành tích|' "$x" \
	    >"$gen/k-$(basename "$x")"
done
"$prog" render -o "$kdir" --jobs 1 "$gen"/k-*.xml >/dev/null 2>&1 &
kpid=$!
sleep 0.4
kill -9 $kpid 2>/dev/null
wait $kpid 2>/dev/null
whole=yes
for d in "$kdir"/*/; do
	(cd "$d" && sha256sum -c --quiet manifest.sha256 >/dev/null 2>&1 &&
	    [ "$(wc -l <manifest.sha256)" = "$(ls | grep -vc '^manifest.sha256$')" ]) ||
	    whole=no
done
"$prog" render -o "$kdir" --jobs 1 "$gen"/k-*.xml >/dev/null 2>&1
if [ "$whole" = yes ] && [ "$(ls "$kdir" | wc -l)" = 3 ] &&
    [ -z "$(ls -A "$kdir" | grep '^\.')" ]; then
	ok "kill -9 mid-batch: every folder whole, the temporaries cleaned next run"
else
	notok "kill -9 mid-batch: every folder whole ($whole), the temporaries cleaned next run"
	ls -A "$kdir"
fi

# valgrind: no error and no leak at exit (the PCRE2 JIT, which valgrind
# cannot follow, is off for this run).
case $prog in *asan*) vg=no ;; *) vg=yes ;; esac
if [ $vg = yes ] && command -v valgrind >/dev/null 2>&1; then
	KHENTHUONG_NO_JIT=1 valgrind -q --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	    "$prog" render -o "$out/vg" --jobs 2 tests/check/valid.xml \
	    tests/check/person-name.xml tests/check/not-well-formed.xml \
	    >"$out/vg.log" 2>&1
	st=$?
	[ $st -eq 1 ] && ok "valgrind: render is clean, no leak" ||
	    { notok "valgrind: render is clean, no leak (exit $st)"; head -20 "$out/vg.log"; }
fi

# A nominee removed from a dossier loses its files on the next run.
sdir=$out/stale
mkdir -p "$sdir"
"$prog" render -o "$sdir" input/bchqs-dot-1.xml >/dev/null 2>&1
awk '/<nominee id="CN04"/ { skip = 1 } !skip { print } /<\/nominee>/ { skip = 0 }' \
    input/bchqs-dot-1.xml >"$gen/bchqs-dot-1.xml"
"$prog" render -o "$sdir" "$gen/bchqs-dot-1.xml" >/dev/null 2>&1
if [ -e "$sdir/bchqs-dot-1/bao-cao-CN03.pdf" ] &&
    [ ! -e "$sdir/bchqs-dot-1/bao-cao-CN04.pdf" ] &&
    [ ! -e "$sdir/bchqs-dot-1/bang-khen-CN04.pdf" ] &&
    (cd "$sdir/bchqs-dot-1" && sha256sum -c --quiet manifest.sha256 >/dev/null) &&
    [ -z "$(ls -A "$sdir" | grep '^\.')" ]; then
	ok "render: no stale file of a removed nominee, no temporary left"
else
	notok "render: no stale file of a removed nominee, no temporary left"
fi

# --only rewrites the kinds asked for and keeps the others.
"$prog" render -o "$sdir" --only bang-khen "$gen/bchqs-dot-1.xml" >/dev/null 2>&1
st=$?
if [ $st -eq 0 ] && [ -e "$sdir/bchqs-dot-1/to-trinh.pdf" ] &&
    [ -e "$sdir/bchqs-dot-1/bang-khen-in.pdf" ] &&
    (cd "$sdir/bchqs-dot-1" && sha256sum -c --quiet manifest.sha256 >/dev/null &&
    [ "$(wc -l <manifest.sha256)" = "$(ls | grep -vc manifest)" ]); then
	ok "render: --only keeps the other kinds and lists every file"
else
	notok "render: --only keeps the other kinds and lists every file"
fi

# A valid dossier is rendered even when another of the batch has errors.
golden render-one-bad tests/render/one-bad.out render -o "$out/one-bad" \
    tests/batch/one-bad/a.xml tests/batch/one-bad/b.xml
[ -e "$out/one-bad/test-dot-1b/to-trinh.pdf" ] &&
    [ ! -e "$out/one-bad/test-dot-1" ] &&
    ok "render: the valid dossier of a batch with a broken one is rendered" ||
    notok "render: the valid dossier of a batch with a broken one is rendered"

# A character the font lacks, a word wider than its line: errors at the
# dossier line, and nothing written for that dossier.
sed 's|<summary>Đã tổ chức tốt|<summary>Đã tổ chức tốt (中)|' \
    tests/check/valid.xml >"$gen/glyph.xml"
golden render-glyph tests/render/glyph.out render -o "$out/glyph" "$gen/glyph.xml"
[ ! -e "$out/glyph/test-dot-1" ] && ok "render: nothing written after a glyph error" ||
    notok "render: nothing written after a glyph error"
long=$(printf 'Xyz%.0s' $(seq 1 60))
sed "s|<summary>Đã tổ chức tốt|<summary>$long tốt|" tests/check/valid.xml \
    >"$gen/wide.xml"
golden render-wide tests/render/wide.out render -o "$out/wide" "$gen/wide.xml"

# --- The interface language (src/i18n.c, po/). -------------------------
# Vietnamese with no locale variable at all, and with LANG=vi_VN.UTF-8
# (a locale that is usually not generated); English under LANG=C and
# another locale.  Findings about a dossier are Vietnamese in every case.
san=""
[ -n "${ASAN_OPTIONS:-}" ] && san="$san ASAN_OPTIONS=$ASAN_OPTIONS"
[ -n "${UBSAN_OPTIONS:-}" ] && san="$san UBSAN_OPTIONS=$UBSAN_OPTIONS"
for loc in none vi_VN.UTF-8 C en_US.UTF-8; do
	case $loc in
	none) runner="env -i$san"; lang=vi ;;
	vi*) runner="env -i$san LANG=$loc"; lang=vi ;;
	*) runner="env -i$san LANG=$loc"; lang=en ;;
	esac
	golden "i18n-$loc-help" tests/i18n/help.$lang.out --help
	golden "i18n-$loc-usage" tests/i18n/usage.$lang.out check --jobs many \
	    tests/check/valid.xml
	golden "i18n-$loc-command" tests/i18n/command.$lang.out frobnicate x.xml
	golden "i18n-$loc-missing" tests/i18n/missing.$lang.out check \
	    "$gen/no-such-file.xml" tests/check/valid.xml
	golden "i18n-$loc-summary" tests/i18n/summary.$lang.out check \
	    input/bdbp-dot-2.xml tests/check/person-name.xml
	golden "i18n-$loc-render" tests/i18n/render.$lang.out render \
	    -o "$out/i18n-render" --only to-trinh input/bdbp-dot-2.xml \
	    tests/check/person-name.xml
done
runner=

# The catalogue: po/khenthuong.pot is what `make pot` extracts from the
# sources now, and po/vi.po translates every message of it, none fuzzy.
make -s --no-print-directory pot POT="$out/khenthuong.pot" >/dev/null 2>&1
grep -v '^"POT-Creation-Date:' po/khenthuong.pot >"$out/pot.want"
grep -v '^"POT-Creation-Date:' "$out/khenthuong.pot" >"$out/pot.got" 2>/dev/null
if [ -s "$out/pot.got" ] && cmp -s "$out/pot.want" "$out/pot.got"; then
	ok "po: khenthuong.pot holds the messages of the sources (make pot)"
else
	notok "po: khenthuong.pot holds the messages of the sources (make pot)"
	diff -u "$out/pot.want" "$out/pot.got" | head -20
fi
nmsg=$(($(grep -c '^msgid ' po/khenthuong.pot) - 1))
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null po/vi.po 2>&1)
if [ "$stats" = "$nmsg translated messages." ] &&
    msgcmp po/vi.po po/khenthuong.pot >/dev/null 2>&1 &&
    [ -z "$(msgattrib --only-fuzzy --no-obsolete po/vi.po)" ]; then
	ok "po: vi.po translates all $nmsg messages, checks clean, none fuzzy"
else
	notok "po: vi.po translates all $nmsg messages ($stats)"
	msgcmp po/vi.po po/khenthuong.pot 2>&1 | head -5
fi

# --- The progress line: on a terminal only (script gives the program a
# pseudo-terminal), redrawn in place at most five times a second, cleared
# at the end; never in a pipe, never with --quiet; the files are the same
# bytes.  A batch of 500 nominees (1.005 files) lasts long enough.
esc=$(printf '\033')
# What stays on the screen: on each line, what follows the last clearing.
screen() { tr -d '\r' <"$1" | sed "s/.*$esc\[K//"; }
python3 bench/gen-dossier.py 500 "$gen/big.xml" "$gen/big-plan.xml"
"$prog" render --plan "$gen/big-plan.xml" -o "$out/tty0" --jobs 1 \
    "$gen/big.xml" >/dev/null 2>"$out/tty0.plain"
for j in 1 2; do
	t0=$(date +%s%N)
	script -qec "$prog render --plan $gen/big-plan.xml -o $out/tty$j \
	    --jobs $j $gen/big.xml" /dev/null >"$out/tty$j.log" 2>&1
	t1=$(date +%s%N)
	# The count has its Vietnamese thousands separator: 312/1.004.
	draws=$(grep -ao "Đang tạo tệp [0-9.]*/[0-9]\.[0-9][0-9][0-9] · còn khoảng [0-9]* \(giây\|phút\)" \
	    "$out/tty$j.log" | wc -l)
	most=$(( (t1 - t0) / 200000000 + 1 ))
	screen "$out/tty$j.log" >"$out/tty$j.screen"
	sed "s|tty0|tty$j|" "$out/tty0.plain" >"$out/tty$j.plain"
	if [ "$draws" -ge 1 ] && [ "$draws" -le "$most" ] &&
	    cmp -s "$out/tty$j.screen" "$out/tty$j.plain" &&
	    diff -r "$out/tty$j" "$out/tty0" >/dev/null 2>&1; then
		ok "progress --jobs $j: $draws drawings (at most $most), cleared, the same files"
	else
		notok "progress --jobs $j: $draws drawings (at most $most), cleared, the same files"
		od -c "$out/tty$j.log" | head -10
	fi
done
script -qec "$prog render -o $out/tty1 input/*.xml 2>&1 | cat" /dev/null \
    >"$out/tty-pipe.log" 2>&1
script -qec "$prog render --quiet -o $out/tty1 input/*.xml" /dev/null \
    >"$out/tty-quiet.log" 2>&1
script -qec "$prog render --format json -o $out/tty1 input/*.xml >/dev/null" \
    /dev/null >"$out/tty-json.log" 2>&1
if ! grep -aq "$esc\|Đang tạo" "$out/tty-pipe.log" &&
    grep -aq "Đã kiểm tra 3 hồ sơ" "$out/tty-pipe.log" &&
    [ ! -s "$out/tty-quiet.log" ] && [ ! -s "$out/tty-json.log" ]; then
	ok "progress: none in a pipe; --quiet and --format json: no progress, no summary"
else
	notok "progress: none in a pipe; --quiet and --format json: no progress, no summary"
	od -c "$out/tty-pipe.log" | head -5
	od -c "$out/tty-quiet.log" | head -5
fi

# --- render --dry-run: the files a real run writes, in its order, and
# nothing written, no folder made.
golden render-dry-run tests/render/dry-run.out render --dry-run \
    -o "$out/dry-new" input/*.xml
[ ! -e "$out/dry-new" ] && ok "dry run: no output folder made" ||
    notok "dry run: no output folder made"
(cd "$rdir" && find . -type f -exec sha256sum {} + | sort) >"$out/dry-before"
"$prog" render --dry-run --quiet -o "$rdir" input/*.xml 2>&1 |
    sort >"$out/dry-list"
find "$rdir" -type f | sort >"$out/dry-real"
(cd "$rdir" && find . -type f -exec sha256sum {} + | sort) >"$out/dry-after"
if [ -s "$out/dry-list" ] && cmp -s "$out/dry-list" "$out/dry-real" &&
    cmp -s "$out/dry-before" "$out/dry-after"; then
	ok "dry run: lists exactly the files a real run wrote, changes none"
else
	notok "dry run: lists exactly the files a real run wrote, changes none"
	diff "$out/dry-real" "$out/dry-list" | head -10
fi
"$prog" render --dry-run --quiet --only bang-khen -o "$rdir" \
    input/bchqs-dot-1.xml | sort >"$out/dry-only"
find "$rdir/bchqs-dot-1" -type f | sort >"$out/dry-only-real"
(cd "$rdir" && find . -type f -exec sha256sum {} + | sort) >"$out/dry-after"
cmp -s "$out/dry-only" "$out/dry-only-real" &&
    cmp -s "$out/dry-before" "$out/dry-after" &&
    ok "dry run --only: the kept files of other kinds are listed too" ||
    notok "dry run --only: the kept files of other kinds are listed too"
for k in 1 2 3; do
	"$prog" render --dry-run --quiet --shard $k/3 -o "$rdir" input/*.xml
done | sort -u >"$out/dry-shards"
cmp -s "$out/dry-shards" "$out/dry-real" &&
    ok "dry run --shard: the three shards list the files of one run" ||
    notok "dry run --shard: the three shards list the files of one run"
golden render-dry-run-one-bad tests/render/dry-run-one-bad.out render \
    --dry-run -o "$out/dry-new" tests/batch/one-bad/a.xml \
    tests/batch/one-bad/b.xml

# The layout engine's own tests, with a fake backend (tests/layout/).
bash tests/layout/run.sh >"$out/layout.out" 2>&1
grep -E '^(not )?ok ' "$out/layout.out"
pass=$((pass + $(grep -c '^ok ' "$out/layout.out")))
fail=$((fail + $(grep -c '^not ok ' "$out/layout.out")))
grep -q '^[0-9]* passed, 0 failed' "$out/layout.out" ||
    { notok "tests/layout/run.sh ran to its end"; tail -5 "$out/layout.out"; }

# The PDF backend's own tests (tests/pdf/README.md).
bash tests/pdf/run.sh >"$out/pdf.out" 2>&1
grep -E '^(not )?ok ' "$out/pdf.out"
pass=$((pass + $(grep -c '^ok ' "$out/pdf.out")))
fail=$((fail + $(grep -c '^not ok ' "$out/pdf.out")))
grep -q '^[0-9]* passed, 0 failed' "$out/pdf.out" ||
    { notok "tests/pdf/run.sh ran to its end"; tail -5 "$out/pdf.out"; }

# The fuzz targets over the inputs kept from `make fuzz` and the seeds:
# none may crash (the sanitizers watch in `make asan`).
for t in dossier template csv printer plan; do
	if [ -x "$replay$t" ]; then
		set -- tests/fuzz/$t/*
		[ -e "$1" ] || set --
		case $t in
		dossier) set -- "$@" tests/check/*.xml ;;
		csv) set -- "$@" input/*.csv tests/import/bad/*.csv ;;
		template) set -- "$@" templates/*.xml tests/templates/*.xml ;;
		printer) set -- "$@" printers/*.xml ;;
		plan) set -- "$@" plans/*.xml tests/plans/*.xml ;;
		esac
		"$replay$t" "$@" >"$out/replay-$t.out" 2>&1
		st=$?
		n=$(grep -c '^ok ' "$out/replay-$t.out")
		[ $st -eq 0 ] && [ "$n" = $# ] &&
		    ok "fuzz target $t: $n kept inputs replayed without a crash" ||
		    { notok "fuzz target $t: replay (exit $st)"; tail -5 "$out/replay-$t.out"; }
	else
		notok "fuzz target $t: replay built ($replay$t)"
	fi
done

# The manual page: mandoc finds nothing to say about it, and man (groff,
# UTF-8) renders it without a warning.
mandoc -T lint khenthuong.1 >"$out/lint.out" 2>&1
st=$?
if [ $st -eq 0 ] && [ ! -s "$out/lint.out" ]; then
	ok "manual: mandoc -T lint prints nothing"
else
	notok "manual: mandoc -T lint prints nothing (exit $st)"
	head -20 "$out/lint.out"
fi
{ groff -k -Tutf8 -mandoc -ww -z khenthuong.1
  LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man --warnings -l khenthuong.1 \
      >/dev/null; } >"$out/groff.out" 2>&1
if [ ! -s "$out/groff.out" ]; then
	ok "manual: groff and man render it without a warning"
else
	notok "manual: groff and man render it without a warning"
	head -20 "$out/groff.out"
fi

# Every rule id the program can print has its line in the manual's
# DIAGNOSTICS: the shipped plans' rules and the built-in codes of diag.c.
awk '/^\.Sh DIAGNOSTICS/ { f = 1; next } /^\.Sh / { f = 0 } f' khenthuong.1 \
    >"$out/diagnostics.1"
sed -n 's/^[[:space:]]*\[DC_[A-Z_]*\] = { "\([^"]*\)".*/\1/p' src/diag.c \
    >"$out/ids-builtin"
ncodes=$(grep -c '^[[:space:]]*\[DC_[A-Z_]*\] = ' src/diag.c)
ids=$( (cat "$out/ids-builtin"; sed -n 's/.*<rule id="\([^"]*\)".*/\1/p' \
    plans/*.xml) | sort -u)
missing=""
for id in $ids; do
	grep -qx "\.It Bq Li $id" "$out/diagnostics.1" || missing="$missing $id"
done
if [ -z "$missing" ] && [ "$ncodes" -gt 0 ] &&
    [ "$(wc -l <"$out/ids-builtin")" -eq "$ncodes" ]; then
	ok "manual: DIAGNOSTICS has a line for each of the $(echo $ids | wc -w) rule ids"
else
	notok "manual: DIAGNOSTICS lacks:$missing (built-in ids read: $(wc -l <"$out/ids-builtin") of $ncodes)"
fi

# make install: the installed program finds its data from its own
# location, from any directory, and writes what the build tree's writes;
# make uninstall leaves only empty folders.  The binary under test is the
# one installed (PROG), so nothing is rebuilt.
top=$(pwd)
inst=$top/$out/inst
make -s install PREFIX="$inst" PROG="${prog#./}" >"$out/install.log" 2>&1
st=$?
bad=""
[ $st -eq 0 ] || bad="$bad exit-$st"
for f in bin/khenthuong share/man/man1/khenthuong.1 \
    share/khenthuong/schema/dossier.xsd share/khenthuong/fonts/fonts.xml \
    share/khenthuong/printers/mac-dinh.xml share/khenthuong/plans/README.md \
    share/khenthuong/color/srgb.icc share/locale/vi/LC_MESSAGES/khenthuong.mo \
    $(ls plans/*.xml templates/*.xml | sed 's|^|share/khenthuong/|'); do
	[ -f "$inst/$f" ] || bad="$bad $f"
done
[ -x "$inst/bin/khenthuong" ] || bad="$bad not-executable"
(cd / && env -u KHENTHUONG_DATADIR "$inst/bin/khenthuong" render \
    -o "$top/$out/inst-render" "$top/input/bchqs-dot-1.xml") \
    >"$out/inst-run.log" 2>&1 || bad="$bad render-exit-$?"
diff -r "$rdir/bchqs-dot-1" "$out/inst-render/bchqs-dot-1" >/dev/null 2>&1 ||
    bad="$bad files-differ"
if [ -z "$bad" ]; then
	ok "make install: the installed program renders from / with its own data"
else
	notok "make install: the installed program renders from / with its own data:$bad"
	cat "$out/install.log" "$out/inst-run.log" | head -10
fi
# It finds its catalogue at <bindir>/../share/locale: Vietnamese with no
# locale variable, as the build tree's program.
(cd / && env -i$san "$inst/bin/khenthuong" --help) >"$out/inst-help.out" 2>&1
env -i$san "$prog" --help >"$out/help.out" 2>&1
grep -q "^cách dùng:" "$out/inst-help.out" &&
    cmp -s "$out/inst-help.out" "$out/help.out" &&
    ok "make install: the installed program finds its Vietnamese catalogue" ||
    notok "make install: the installed program finds its Vietnamese catalogue"
# The data it read was the installed one: a broken plan put there is named.
echo '<plan' >"$inst/share/khenthuong/plans/zz-broken.xml"
(cd / && env -u KHENTHUONG_DATADIR "$inst/bin/khenthuong" check \
    "$top/input/bchqs-dot-1.xml") >"$out/inst-broken.log" 2>&1
st=$?
rm -f "$inst/share/khenthuong/plans/zz-broken.xml"
[ $st -eq 2 ] && grep -q "^$inst/.*share/khenthuong/plans/zz-broken.xml:" \
    "$out/inst-broken.log" &&
    ok "make install: the program reads <bindir>/../share/khenthuong" ||
    { notok "make install: the program reads <bindir>/../share/khenthuong (exit $st)"; head -5 "$out/inst-broken.log"; }
LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man --warnings -l \
    "$inst/share/man/man1/khenthuong.1" >"$out/inst-man.out" 2>"$out/inst-man.err"
st=$?
[ $st -eq 0 ] && [ ! -s "$out/inst-man.err" ] &&
    grep -q "khenthuong render" "$out/inst-man.out" &&
    ok "make install: man -l reads the installed page" ||
    notok "make install: man -l reads the installed page (exit $st)"
make -s uninstall PREFIX="$inst" >"$out/uninstall.log" 2>&1
left=$(find "$inst" ! -type d | sed "s|^$inst/||")
[ -z "$left" ] && ok "make uninstall: only empty folders are left" ||
    notok "make uninstall: only empty folders are left (left: $left)"
# DESTDIR stages the same tree under another root.
dest=$top/$out/dest
make -s install DESTDIR="$dest" PREFIX=/usr PROG="${prog#./}" >/dev/null 2>&1
n1=$(find "$dest/usr" -type f | wc -l)
[ -x "$dest/usr/bin/khenthuong" ] && x=yes || x=no
make -s uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1
n2=$(find "$dest" -type f | wc -l)
[ $x = yes ] && [ "$n1" -gt 10 ] && [ "$n2" -eq 0 ] &&
    ok "make install DESTDIR: $n1 files staged under DESTDIR, all removed" ||
    notok "make install DESTDIR: $n1 files staged, $n2 left"

# The README's picture is what `make docs/bang-khen.png` makes today.
make -s DOCS="$top/$out/docs" PROG="${prog#./}" "$top/$out/docs/bang-khen.png" \
    >"$out/docs.log" 2>&1
if cmp -s docs/bang-khen.png "$out/docs/bang-khen.png"; then
	ok "docs/bang-khen.png is the certificate the program draws now"
else
	notok "docs/bang-khen.png is the certificate the program draws now (make docs/bang-khen.png)"
	head -5 "$out/docs.log"
fi

# Attacks as a hostile user and an unlucky office would mount them: one
# script an area, each with its inputs beside it under tests/attack/.
for t in tests/attack/*.sh; do
	[ -f "$t" ] && . "./$t"
done

# The documents as a records officer reads them (tests/units/).
. ./tests/units/documents.sh
. ./tests/units/import.sh
. ./tests/units/model.sh

# Unit tests (they print their own ok / not ok lines).
if [ -x "$unit" ]; then
	"$unit" >"$out/unit.out" 2>&1
	cat "$out/unit.out"
	p=$(grep -c '^ok ' "$out/unit.out")
	f=$(grep -c '^not ok ' "$out/unit.out")
	pass=$((pass + p))
	fail=$((fail + f))
else
	notok "unit tests built ($unit)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
