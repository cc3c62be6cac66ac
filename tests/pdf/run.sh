#!/usr/bin/env bash
# run.sh: builds the probe against src/pdf.c and checks the PDFs it makes
# as readers do: text extraction, fonts, structure, PDF/A-1b, determinism,
# the rendered dot below, and round trips through other tools.
# Prints "ok - ..." / "not ok - ..." per check and "N passed, N failed".

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kt-pdf.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

export LC_ALL=C.UTF-8
pass=0
fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
notok() { echo "not ok - $*"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

liberation=${KT_FONTDIR:-/usr/share/fonts/truetype/liberation2}
dejavu=/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
java_cp=
for j in preflight pdfbox2 fontbox2 xmpbox commons-logging \
    javax.activation jaxb-api; do
	java_cp=$java_cp${java_cp:+:}/usr/share/java/$j.jar
done

# The text pdftotext gives back, one line per text line, a form feed line
# after each page, blank lines dropped; stderr goes to $2.
extract() {
	pdftotext -enc UTF-8 "$1" - 2>"$2" | sed 's/\f/\f\n/g' | grep -v '^$'
}

# --- build -------------------------------------------------------------
cc=${CC:-cc}
if "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
    -Wwrite-strings -Werror -I"$top/src" "$top/src/pdf.c" \
    "$top/src/pdf_meta.c" "$top/src/pdf_font.c" "$top/src/pdf_draw.c" \
    "$top/src/pdf_write.c" "$top/src/pdf_hpdf.c" \
    "$top/src/font.c" "$top/src/encoding.c" \
    "$top/src/ttf.c" "$top/src/input.c" "$top/src/mem.c" \
    "$top/src/diag.c" "$top/src/i18n.c" "$here/probe.c" -o "$tmp/probe" \
    -lhpdf -lpng -lunistring -lm \
    2>"$tmp/cc.err"
then
	ok "probe builds against src/pdf.c with -Werror"
else
	notok "probe builds against src/pdf.c with -Werror"
	sed 's/^/# /' "$tmp/cc.err"
	finish
fi
probe=$tmp/probe

# --- the faces of font.c against libharu's own loader -------------------
# Layout measures with font.c; its numbers must be libharu 2.3.0's, on
# every code point, for every face we can find (the PDFs then stay the
# bytes they were when libharu measured).
if "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -Wall -Wextra -Werror -I"$top/src" "$here/fontcheck.c" \
    "$top/src/font.c" "$top/src/encoding.c" "$top/src/ttf.c" \
    "$top/src/input.c" "$top/src/mem.c" \
    "$top/src/diag.c" "$top/src/i18n.c" -o "$tmp/fontcheck" \
    -lhpdf -lunistring -lm 2>"$tmp/fc.err" &&
    "$tmp/fontcheck" "$liberation"/*.ttf "$dejavu" \
    $(ls /usr/share/fonts/truetype/*/*.ttf 2>/dev/null | head -60) \
    /etc/hostname >"$tmp/fc.out" 2>&1; then
	ok "font.c measures as libharu on every code point of $(grep -c '^ok' "$tmp/fc.out") files"
else
	notok "font.c measures as libharu on every code point"
	sed 's/^/# /' "$tmp/fc.err"
	grep -v '^ok' "$tmp/fc.out" | sed 's/^/# /' | head -10
fi

# --- make the documents twice, under two time zones and locales ---------
mkdir -p "$tmp/run1" "$tmp/run2"
if TZ=UTC LC_ALL=C.UTF-8 "$probe" docs "$tmp/run1" >"$tmp/docs.out" 2>&1
then
	ok "probe writes the documents ($(head -n 1 "$tmp/docs.out"))"
else
	notok "probe writes the documents"
	sed 's/^/# /' "$tmp/docs.out"
	finish
fi
sleep 1	# so that a clock, even one read to the second, would show
if TZ=Asia/Ho_Chi_Minh LC_ALL=C "$probe" docs "$tmp/run2" >/dev/null 2>&1 &&
    cmp -s "$tmp/run1/alphabet.pdf" "$tmp/run2/alphabet.pdf" &&
    cmp -s "$tmp/run1/sample.pdf" "$tmp/run2/sample.pdf"; then
	ok "a second run (TZ=Asia/Ho_Chi_Minh LC_ALL=C) gives byte-identical files"
else
	notok "a second run (TZ=Asia/Ho_Chi_Minh LC_ALL=C) gives byte-identical files"
fi

for doc in alphabet sample; do
	pdf=$tmp/run1/$doc.pdf
	exp=$tmp/run1/$doc.txt

	if grep -qP '[\x{0300}-\x{036F}]' "$exp"; then
		notok "$doc: the text drawn is NFC (no combining marks)"
	else
		ok "$doc: the text drawn is NFC (no combining marks)"
	fi

	extract "$pdf" "$tmp/$doc.stderr" >"$tmp/$doc.got"
	if cmp -s "$exp" "$tmp/$doc.got"; then
		ok "$doc: pdftotext gives back exactly the text drawn ($(grep -vc $'^\f$' "$exp") lines)"
	else
		notok "$doc: pdftotext gives back exactly the text drawn"
		diff "$exp" "$tmp/$doc.got" | head -n 10 | sed 's/^/# /'
	fi
	if [ ! -s "$tmp/$doc.stderr" ]; then
		ok "$doc: pdftotext prints no warning"
	else
		notok "$doc: pdftotext prints no warning"
		sed 's/^/# /' "$tmp/$doc.stderr"
	fi

	pdffonts "$pdf" >"$tmp/$doc.fonts" 2>&1
	nf=$(awk 'NR > 2' "$tmp/$doc.fonts" | wc -l)
	bad=$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" ||
	    $(NF-2) != "yes")' "$tmp/$doc.fonts" | wc -l)
	if [ "$nf" -eq 4 ] && [ "$bad" -eq 0 ]; then
		ok "$doc: pdffonts: $nf fonts, all embedded, subset and with ToUnicode"
	else
		notok "$doc: pdffonts: $nf fonts, all embedded, subset and with ToUnicode"
		sed 's/^/# /' "$tmp/$doc.fonts"
	fi

	if qpdf --check "$pdf" >"$tmp/$doc.qpdf" 2>&1 &&
	    grep -q 'No syntax or stream encoding errors' "$tmp/$doc.qpdf" &&
	    ! grep -qi 'warning' "$tmp/$doc.qpdf"; then
		ok "$doc: qpdf --check is clean"
	else
		notok "$doc: qpdf --check is clean"
		sed 's/^/# /' "$tmp/$doc.qpdf"
	fi

	if java -cp "$java_cp" org.apache.pdfbox.preflight.Validator_A1b \
	    "$pdf" >"$tmp/$doc.pf" 2>"$tmp/$doc.pf.err" &&
	    grep -q 'is a valid PDF/A-1b file' "$tmp/$doc.pf"; then
		ok "$doc: PDFBox Preflight: valid PDF/A-1b"
	else
		notok "$doc: PDFBox Preflight: valid PDF/A-1b"
		sed 's/^/# /' "$tmp/$doc.pf" "$tmp/$doc.pf.err" | head -n 20
	fi
	if grep -qi 'ToUnicode\|CMap' "$tmp/$doc.pf.err"; then
		notok "$doc: PDFBox reads the ToUnicode CMap without complaint"
		sed 's/^/# /' "$tmp/$doc.pf.err" | head -n 5
	else
		ok "$doc: PDFBox reads the ToUnicode CMap without complaint"
	fi

	if mutool clean -d "$pdf" "$tmp/$doc.mu.pdf" >/dev/null 2>&1 &&
	    extract "$tmp/$doc.mu.pdf" /dev/null | cmp -s "$exp" -; then
		ok "$doc: after mutool clean the text is still exact"
	else
		notok "$doc: after mutool clean the text is still exact"
	fi
	if qpdf --qdf --object-streams=disable "$pdf" "$tmp/$doc.qdf.pdf" \
	    >/dev/null 2>&1 && extract "$tmp/$doc.qdf.pdf" /dev/null |
	    cmp -s "$exp" -; then
		ok "$doc: after qpdf --qdf the text is still exact"
	else
		notok "$doc: after qpdf --qdf the text is still exact"
	fi

	# The only dates in the file are the dossier's (no clock time).
	dates=$(grep -aoE "D:[0-9]{8,14}[^)]*|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:+]*" \
	    "$pdf" | sort -u | tr '\n' ' ')
	if [ "$dates" = "2024-07-15T00:00:00+07:00 D:20240715000000+07'00' " ]; then
		ok "$doc: the only dates are the dossier's: $dates"
	else
		notok "$doc: the only dates are the dossier's: $dates"
	fi

	# /ID is the MD5 of the file with the ID zeroed.
	id=$(grep -aoE '/ID \[ ?<[0-9A-F]{32}> ?<[0-9A-F]{32}> ?\]' "$pdf" |
	    grep -oE '[0-9A-F]{32}' | sort -u)
	zero='"0" x 32'
	md5=$(perl -0777 -pe "s{(/ID \\[ ?<)[0-9A-F]{32}(> ?<)[0-9A-F]{32}>}
	    {\$1 . $zero . \$2 . $zero . '>'}e" "$pdf" |
	    md5sum | cut -c 1-32 | tr a-f A-F)
	if [ -n "$id" ] && [ "$id" = "$md5" ]; then
		ok "$doc: /ID is the MD5 of the file with the ID zeroed ($id)"
	else
		notok "$doc: /ID is the MD5 of the file with the ID zeroed (id $id, md5 $md5)"
	fi
done

# --- CIDSet: every character drawn in a face is in its font's CIDSet ---
# Each face of the alphabet draws the same rows; those rows, without the
# face names, are what all four CIDSets must hold.
sort "$tmp/run1/alphabet.txt" | uniq -c | awk '$1 == 4 { $1 = ""; print }' |
    grep -v $'^ \f$' >"$tmp/rows.txt"
# CIDs are numbered in the order of drawing, so a letter's CID is found
# through the ToUnicode CMap; subset.py (below) checks that the CIDSet,
# /W and the ToUnicode CMap hold the same CIDs.
if report=$(/usr/bin/python3 - "$here" "$tmp/run1/alphabet.pdf" \
    "$tmp/rows.txt" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from subset import load, value, data, tounicode_cids
objs = load(sys.argv[2])
want = {ord(c) for c in open(sys.argv[3], encoding="utf-8").read()
        if not c.isspace()}
n, out = 0, []
for o in objs.values():
    v = o.get("value")
    if not isinstance(v, dict) or v.get("/Subtype") != "/Type0":
        continue
    n += 1
    got = set(tounicode_cids(data(objs, v["/ToUnicode"]).decode()).values())
    miss = sorted(want - got)
    out.append("%s: %d CIDs%s" % (v["/BaseFont"].split("+")[-1], len(got),
               "".join(" missing U+%04X" % c for c in miss[:5])))
    if miss:
        n = -99
print(", ".join(out))
sys.exit(0 if n == 4 else 1)
PY
); then
	ok "alphabet: each of the 4 fonts maps every letter drawn ($report)"
else
	notok "alphabet: each of the 4 fonts maps every letter drawn ($report)"
fi

# --- metadata ---------------------------------------------------------
pdfinfo -isodates "$tmp/run1/sample.pdf" >"$tmp/info" 2>&1
want_title='Bằng khen: Nguyễn Thị Ánh Tuyết & tập thể <Đội 3> "xuất sắc"'
if grep -qxF "Title:           $want_title" "$tmp/info" &&
    grep -qxF 'Author:          Ủy ban nhân dân tỉnh Lào Cai' "$tmp/info" &&
    grep -qxF 'CreationDate:    2024-07-15T00:00:00+07' "$tmp/info"; then
	ok "pdfinfo reads back the Vietnamese Title and Author (UTF-16) and the date"
else
	notok "pdfinfo reads back the Vietnamese Title and Author (UTF-16) and the date"
	sed 's/^/# /' "$tmp/info" | head -n 10
fi
pdfinfo -meta "$tmp/run1/sample.pdf" >"$tmp/xmp" 2>&1
xmp_title='<rdf:li xml:lang="x-default">Bằng khen: Nguyễn Thị Ánh Tuyết'
xmp_title="$xmp_title &amp; tập thể &lt;Đội 3&gt; &quot;xuất sắc&quot;</rdf:li>"
xmp_sha=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
if grep -qF "<dc:title><rdf:Alt>$xmp_title" "$tmp/xmp" &&
    grep -qF "<dc:source>urn:sha256:$xmp_sha</dc:source>" "$tmp/xmp" &&
    ! grep -q 'pdfaExtension' "$tmp/xmp"
then
	ok "XMP: escaped Vietnamese title, source SHA-256 as dc:source"
else
	notok "XMP: escaped Vietnamese title, source SHA-256 as dc:source"
fi

# --- layout: text_width is what the reader measures -----------------------
centre=$(pdftotext -f 1 -l 1 -bbox-layout "$tmp/run1/sample.pdf" - |
    awk -F'"' '/<line / { print ($2 + $6) / 2; exit }')
if awk -v c="$centre" 'BEGIN { d = c - 595.276 / 2; exit !(d < 0.01 && d > -0.01) }'
then
	ok "a line centred with text_width is centred to 0.01 pt (middle $centre)"
else
	notok "a line centred with text_width is centred to 0.01 pt (middle $centre)"
fi

# --- the picture: the dot below must be drawn ----------------------------
# Glyph pages: ê ệ ă ặ ư ự Ô Ộ.  A letter without the dot has no ink in
# the band below its baseline; its partner with the dot has some.
dotcheck() {
	local font=$1 name=$2 mode=${3:-glyphs} i plain dotted report=
	local good=1
	"$probe" "$mode" "$font" "$tmp/$name.pdf" || return 2
	pdftoppm -r 100 -png "$tmp/$name.pdf" "$tmp/$name" || return 2
	for i in 1 3 5 7; do
		plain=$("$probe" ink "$tmp/$name-$i.png") || return 2
		dotted=$("$probe" ink "$tmp/$name-$((i + 1)).png") || return 2
		report="$report $plain/$dotted"
		if [ "$plain" -gt 2 ] || [ "$dotted" -lt 40 ]; then
			good=0
		fi
	done
	echo "${report# }"
	[ "$good" -eq 1 ]
}
# Every face the font configuration ships (fonts/fonts.xml) and finds,
# looked for as the program does: fonts/ first, then each <dir>.
top=$here/../..
conf=$top/fonts/fonts.xml
dirs="$top/fonts $(xmllint --xpath "//*[local-name()='dir']/text()" "$conf" 2>/dev/null)"
nfaces=0
for file in $(xmllint --xpath "//*[local-name()='face']/@file" "$conf" 2>/dev/null |
    sed 's/ *file="\([^"]*\)"/\1 /g'); do
	font=
	for d in $dirs; do
		[ -f "$d/$file" ] && { font=$d/$file; break; }
	done
	[ -n "$font" ] || continue
	nfaces=$((nfaces + 1))
	what="$file: every dot below is drawn"
	if r=$(dotcheck "$font" "face-$nfaces"); then
		ok "$what (px below baseline, plain/dotted: $r)"
	else
		notok "$what (px below baseline, plain/dotted: $r)"
	fi
done
[ "$nfaces" -ge 4 ] && ok "the font configuration's $nfaces faces were checked" ||
    notok "the font configuration's faces were checked (found $nfaces)"
# The check must notice a missing dot: the same pages with each dotted
# letter drawn without its dot must fail it.
r=$(dotcheck "$liberation/LiberationSerif-Regular.ttf" nodot glyphs-plain)
rc=$?
if [ "$rc" -eq 1 ] && [ "$r" = "0/0 0/0 0/0 0/0" ]; then
	ok "the dot-below check fails pages whose letters lack the dot (plain/dotted: $r)"
else
	notok "the dot-below check fails pages whose letters lack the dot (rc $rc, plain/dotted: $r)"
fi
# DejaVu Serif builds its dots below as nested composite glyphs, which
# libharu 2.3.0's own embedding loses; the subset pdf.c embeds follows
# composites to any depth, so the dots are drawn.
if [ ! -f "$dejavu" ]; then
	notok "DejaVu Serif (nested composite glyphs) keeps every dot below (install fonts-dejavu-core)"
elif r=$(dotcheck "$dejavu" dejavu); then
	ok "DejaVu Serif (nested composite glyphs) keeps every dot below (plain/dotted: $r)"
else
	notok "DejaVu Serif (nested composite glyphs) keeps every dot below (plain/dotted: $r)"
fi

# --- the font subsets ----------------------------------------------------
# A one-page certificate with two faces (probe bench) stays small: no
# more than the glyphs it draws are embedded.
size_max=16000
if "$probe" bench 1 "$tmp" >"$tmp/bench.out" 2>&1 &&
    size=$(wc -c <"$tmp/bench.pdf") && [ "$size" -le "$size_max" ]; then
	ok "a one-page certificate with two faces is $size bytes (at most $size_max)"
else
	notok "a one-page certificate with two faces is ${size:-?} bytes (at most $size_max)"
	sed 's/^/# /' "$tmp/bench.out"
fi
# Each embedded font program parses and holds exactly .notdef, the glyphs
# drawn and their components, with the original outlines and widths.
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import fontTools' 2>/dev/null
then
	for doc in run1/alphabet run1/sample bench dejavu; do
		case $doc in
		dejavu) fonts=$dejavu ;;
		*) fonts=$(ls "$liberation"/LiberationSerif-*.ttf) ;;
		esac
		# shellcheck disable=SC2086
		if r=$(/usr/bin/python3 "$here/subset.py" "$tmp/$doc.pdf" $fonts \
		    2>"$tmp/subset.err") && [ ! -s "$tmp/subset.err" ]; then
			ok "${doc#run1/}: the font subsets hold just the glyphs drawn ($(echo "$r" |
			    sed 's/^HPDFA.+//; s/, FontFile2 / /; s/ bytes$/ B/' | tr '\n' ';' | sed 's/;$//; s/;/; /g'))"
		else
			notok "${doc#run1/}: the font subsets hold just the glyphs drawn"
			echo "$r" | sed 's/^/# /'
			sed 's/^/# /' "$tmp/subset.err" | head -n 5
		fi
	done
else
	notok "the font subsets are checked (install python3-fonttools)"
fi

# --- the backend's contract, failure paths included --------------------
if "$probe" api "$tmp" >"$tmp/api.out" 2>&1; then :; fi
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "api: ${line#ok - }" ;;
	"not ok - "*) notok "api: ${line#not ok - }" ;;
	esac
done <"$tmp/api.out"
if ! grep -q '^api: [0-9]* passed, 0 failed$' "$tmp/api.out"; then
	notok "api: the probe ran to its end"
	grep -v '^ok - \|^not ok - ' "$tmp/api.out" | sed 's/^/# /'
fi

finish
