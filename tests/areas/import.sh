# tests/areas/import.sh: import and init, a list (CSV) or a plan's phase
# into a draft: the drafts are golden files (tests/import/), the errors
# golden diagnostics (tests/import/bad/, tests/import/init/); the steps
# from a list to a dossier that passes check are a sequence, kept here.
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
cp tests/import/bad/*.csv "$imp/bad/"
cases tests/import/bad import
for f in tests/import/bad/*.csv; do
	n=$(basename "$f" .csv)
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
cases tests/import/init
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
