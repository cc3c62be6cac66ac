# Sourced by tests/run.sh: import and init for units that are not
# military (issue 11, item 9).  A civil draft asks for no rank and gives
# no military example; a list with a rank column, or --military, keeps
# the drafts of a military unit as they were (their goldens).

civ=$out/import-civil
mkdir -p "$civ/list" "$civ/mil" "$civ/rank"
# The words of a military draft that a civil one must not hold.
military_words() {
	grep -c -e '<rank>' -e 'Thượng tá' -e 'Đại tá' -e 'QUÂN KHU' \
	    -e 'CHỈ HUY TRƯỞNG' "$1"
}
# civil_quiet NAME FILE PLAN: FILE filled in with fill.sed passes check
# against PLAN quietly and is valid against the schema.
civil_quiet() {
	sed -f tests/import/fill.sed "$2" >"$2.filled"
	"$prog" check --quiet --plan "$3" "$2.filled" >"$civ/quiet.out" 2>&1
	st=$?
	if [ $st -eq 0 ] && [ ! -s "$civ/quiet.out" ] &&
	    xmllint --noout --schema schema/dossier.xsd "$2.filled" \
	    >/dev/null 2>&1; then
		ok "$1"
	else
		notok "$1 (exit $st)"
		head -5 "$civ/quiet.out"
	fi
}

# A civil list of 300 rows (no rank column): not one rank, not one
# military example; the count of places left is golden.
sh tests/import/civil-list.sh 300 >"$civ/list/huyen.csv"
golden import-civil tests/import/civil.out import --plan 217/KH-UBND \
    --phase 1 "$civ/list/huyen.csv"
n=$(grep -c '<nominee ' "$civ/list/huyen.xml" 2>/dev/null)
m=$(military_words "$civ/list/huyen.xml" 2>/dev/null)
[ "$n" = 300 ] && [ "$m" = 0 ] &&
    ok "import: a civil list of 300 rows, no rank and no military example" ||
    notok "import: a civil list of 300 rows, no rank and no military example \
($n nominees, $m military lines)"
# Filled in, it passes check (the plan's quota of 10 raised to 300, since
# the list is long on purpose) and the schema.
sed 's/quota="10"/quota="300"/' plans/217-KH-UBND.xml >"$civ/plan-300.xml"
if [ "$m" = 0 ]; then
	civil_quiet "import: the civil list's draft, filled in, passes check" \
	    "$civ/list/huyen.xml" "$civ/plan-300.xml"
else
	notok "import: the civil list's draft, filled in, passes check"
fi
# --military: the ranks asked for as before (270 persons, 300
# confirmers, the signer, three members of the council).
"$prog" import --plan 217/KH-UBND --phase 1 --military \
    -o "$civ/mil/huyen.xml" "$civ/list/huyen.csv" >/dev/null 2>&1
st=$?
n=$(grep -c '<rank>\[CẦN ĐIỀN: cấp bậc' "$civ/mil/huyen.xml" 2>/dev/null)
[ $st -eq 0 ] && [ "$n" = 574 ] &&
    ok "import --military: a rank asked for each person and signer" ||
    notok "import --military: a rank asked for each person and signer \
(exit $st, $n)"
# --civil on the sample (which has a rank column): the ranks it has are
# kept, none is asked for, the examples are civil.
cp input/danh-sach-mau.csv "$civ/rank/"
"$prog" import --plan 217/KH-UBND --phase 1 --civil \
    "$civ/rank/danh-sach-mau.csv" >/dev/null 2>&1
st=$?
if [ $st -eq 0 ] && grep -q '<rank>Thượng tá</rank>' \
    "$civ/rank/danh-sach-mau.xml" &&
    ! grep -q -e 'CẦN ĐIỀN: cấp bậc' -e 'QUÂN KHU' -e 'CHỈ HUY TRƯỞNG' \
    "$civ/rank/danh-sach-mau.xml"; then
	ok "import --civil: the list's ranks kept, none asked for"
else
	notok "import --civil: the list's ranks kept, none asked for (exit $st)"
fi
# A rank column left empty in every row is no sign of a military unit.
sed 's/,Thượng tá,/,,/; s/,Thiếu tá,/,,/; s/,Trung úy,/,,/' \
    input/danh-sach-mau.csv >"$civ/rank/khong-cap-bac.csv"
"$prog" import --plan 217/KH-UBND --phase 1 \
    "$civ/rank/khong-cap-bac.csv" >/dev/null 2>&1
m=$(military_words "$civ/rank/khong-cap-bac.xml" 2>/dev/null)
! grep -q 'Thượng tá\|Thiếu tá\|Trung úy' "$civ/rank/khong-cap-bac.csv" &&
    [ "$m" = 0 ] &&
    ok "import: an empty rank column makes a civil draft" ||
    notok "import: an empty rank column makes a civil draft ($m)"
"$prog" import --military --civil -o "$civ/rank/both.xml" \
    "$civ/rank/danh-sach-mau.csv" >/dev/null 2>"$civ/both.err"
[ $? -eq 2 ] && [ ! -e "$civ/rank/both.xml" ] &&
    grep -q -- '--military và --civil: chỉ chọn một' "$civ/both.err" &&
    ok "import --military --civil: usage error, exit 2" ||
    notok "import --military --civil: usage error, exit 2"

# init: civil unless --military, which gives the skeleton as it was.
"$prog" init --plan 217/KH-UBND --phase 1 >"$civ/init.xml" 2>&1
st=$?
m=$(military_words "$civ/init.xml")
[ $st -eq 0 ] && [ "$m" = 0 ] &&
    ok "init: a civil skeleton, no rank and no military example" ||
    notok "init: a civil skeleton, no rank and no military example \
(exit $st, $m)"
if [ "$m" = 0 ]; then
	civil_quiet "init: the civil skeleton, filled in, passes check" \
	    "$civ/init.xml" plans/217-KH-UBND.xml
else
	notok "init: the civil skeleton, filled in, passes check"
fi
"$prog" init --plan 217/KH-UBND --phase 1 --civil | cmp -s - "$civ/init.xml" &&
    ok "init --civil: the default" || notok "init --civil: the default"
"$prog" init --plan 217/KH-UBND --phase 1 --military >"$civ/init-mil.xml" \
    2>&1
same "init --military: the golden military skeleton" \
    tests/import/init-military.xml "$civ/init-mil.xml"
