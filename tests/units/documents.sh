# Sourced by tests/run.sh: the documents of units unlike the samples
# (tests/units/README.md) and of the samples, each dossier rendered alone,
# read as a records officer would with ../shared/tools/nd30-measure: no
# header, title or certificate line broken inside a phrase, no lone line
# at a page's foot or head, at least 6 pt between paragraphs, no count of
# zero.  The one finding allowed is a word carried over inside a narrow
# cell of the danh sách's table (its lines are neither a centred block
# nor a paragraph of the body).

udir=$out/units
mkdir -p "$udir"
ubad=
for f in input/*.xml tests/units/*.xml; do
	"$prog" render --quiet -o "$udir" "$f" >"$udir/render.log" 2>&1 ||
	    ubad="$ubad $(basename "$f")"
done
[ -z "$ubad" ] && ok "units: every dossier renders alone" ||
    notok "units: every dossier renders alone (failed:$ubad)"

measure=../shared/tools/nd30-measure
if [ -x "$measure" ]; then
	"$measure" "$udir"/*/*.pdf >"$udir/nd30.txt" 2>&1
	grep -v -e '^[0-9]* files, [0-9]* findings$' \
	    -e '/danh-sach\.pdf:[0-9]*: split: ' "$udir/nd30.txt" \
	    >"$udir/nd30.bad"
	n=$(ls "$udir"/*/*.pdf | wc -l)
	if [ ! -s "$udir/nd30.bad" ] && [ "$n" -gt 40 ]; then
		ok "units: nd30-measure finds nothing to send back in $n PDFs"
	else
		notok "units: nd30-measure finds nothing to send back in $n PDFs"
		head -20 "$udir/nd30.bad"
	fi
else
	notok "units: ../shared/tools/nd30-measure is there to measure with"
fi

# What a machine sees: every font embedded, the file sound.
ubad=
for f in "$udir"/*/*.pdf; do
	pdffonts "$f" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { e = 1 }
	    END { exit e }' || ubad="$ubad fonts:${f#$udir/}"
	qpdf --check "$f" >/dev/null 2>&1 || ubad="$ubad qpdf:${f#$udir/}"
done
[ -z "$ubad" ] && ok "units: every PDF has its fonts embedded and passes qpdf --check" ||
    notok "units: every PDF has its fonts embedded and passes qpdf --check:$ubad"

# Straight quotes typed in a list print as typographic ones, in the text
# layer too (xa-y-ty.xml's "Em yêu chú bộ đội").
if pdftotext "$udir/xa-y-ty/danh-sach.pdf" - 2>/dev/null |
    grep -q '“Em yêu chú bộ đội”' &&
    ! pdftotext "$udir/xa-y-ty/bao-cao-CN02.pdf" - 2>/dev/null | grep -q '"'
then
	ok "units: straight quotes print as “…”"
else
	notok "units: straight quotes print as “…”"
fi

# The certificate as one composition: its block centred between the title
# and the signature's place and date, whatever lines it has.
if /usr/bin/python3 tests/units/certificate-gaps.py \
    "$udir"/*/bang-khen-[!i]*.pdf >"$udir/gaps.txt" 2>&1; then
	ok "units: every Bằng khen's block is centred between title and date ($(wc -l <"$udir/gaps.txt") certificates)"
else
	notok "units: every Bằng khen's block is centred between title and date"
	grep -v ' below$' "$udir/gaps.txt" | head -5
fi

# Fewer votes than members present: the biên bản says how many did not
# vote (a secret ballot: blank or invalid ballots), and only then.
if pdftotext -layout "$udir/ubnd-bat-xat/bien-ban.pdf" - 2>/dev/null |
    grep -q 'Phiếu' &&
    pdftotext -layout "$udir/ubnd-bat-xat/bien-ban.pdf" - 2>/dev/null |
    grep -Eq 'Bát Xát +4/5 +0 +1 +80%|4/5 +0 +1 +80%' &&
    ! pdftotext "$udir/cong-an-tinh/bien-ban.pdf" - 2>/dev/null |
    grep -q 'Không biểu quyết'; then
	ok "units: the biên bản counts the members who did not vote"
else
	notok "units: the biên bản counts the members who did not vote"
fi

# An individual's report heads with the agency block of their own unit,
# the level above it over it (Nghị định 30), not the whole unit string in
# capitals under the issuer's parent.
h=$(pdftotext -l 1 "$udir/cong-an-tinh/bao-cao-CN01.pdf" - 2>/dev/null | head -2 |
    tr '\n' '|')
if [ "$h" = "CÔNG AN HUYỆN BÁT XÁT|CÔNG AN XÃ Y TÝ|" ]; then
	ok "units: an individual's report heads with their own unit under its parent"
else
	notok "units: an individual's report heads with their own unit under its parent ($h)"
fi

# The danh sách names the issuer as running text writes it (its own
# name-in-text, or the capitals brought to running text) and has no "Số:"
# line of its own.
dbad=
for d in ubnd-bat-xat:'của Ủy ban nhân dân huyện Bát Xát)' \
    bdbp-dot-2:'của Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai)' \
    bchqs-dot-1:'của Bộ Chỉ huy quân sự tỉnh Lào Cai)'; do
	t=$(pdftotext "$udir/${d%%:*}/danh-sach.pdf" - 2>/dev/null | tr '\n' ' ')
	case $t in
	*"${d#*:}"*) ;;
	*) dbad="$dbad ${d%%:*}" ;;
	esac
	case $t in
	*"Số: "*) dbad="$dbad ${d%%:*}:số" ;;
	esac
done
[ -z "$dbad" ] && ok "units: the danh sách names the issuer as running text, no Số: line" ||
    notok "units: the danh sách names the issuer as running text, no Số: line:$dbad"

# Every PDF of the units is PDF/A-1b too (pdfa() of tests/lib.sh).
pdfa "units: PDF/A-1b" "$udir" "$out/units-pdfa.list"

# The same dossiers rendered again give the same bytes.
for f in input/*.xml tests/units/*.xml; do
	"$prog" render --quiet -o "$udir-again" "$f" >/dev/null 2>&1
done
if diff -r -x nd30.txt -x nd30.bad -x gaps.txt -x 'pdfa.list*' -x render.log \
    "$udir" "$udir-again" >/dev/null 2>&1; then
	ok "units: a second render is byte-identical"
else
	notok "units: a second render is byte-identical"
fi
rm -rf "$udir-again"
