# Plans as a province edits them, and batches and lists as an office
# makes them: no value of a plan overflows or splits a line, no plan's
# patterns run away, no batch or list makes the work grow with the square
# of its size, and no nominee id takes the print file's name.  Sourced by
# tests/run.sh (ok, notok, golden, $prog, $out, $replay); the inputs are
# in tests/attack/plan/, the large ones made by its gen-*.sh.

pa=tests/attack/plan
pg=$out/plan-attack
mkdir -p "$pg"

# Values of a plan out of range, each an error at its line in the plan:
# integers that overflowed, a summary month before the phase, a rule id
# or a value with a newline (&#10;) that split a diagnostic line.
cases $pa/plans plan-attack

# Rule budget.  A plan of 1,000 rules is refused at the first rule over
# the cap; a plan at the cap, every rule catastrophic on each of 100
# nominees, stops after RULE_LIMIT_BUDGET (10) matches reach the match
# limit, with one finding that names the plan and the rule: at most 11
# [rule-limit] findings, where each of the 20,000 matches made one.
sh $pa/gen-rules.sh "$pg"
timeout 60 "$prog" check --plan "$pg/many-rules.xml" "$pg/nominees.xml" \
    >"$pg/many.out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q "^$pg/many-rules.xml:209: error: \[plan\] kế hoạch có hơn 200 quy tắc" "$pg/many.out"
then
	ok "plan rules: a plan of 1,000 rules is refused at its 201st rule"
else
	notok "plan rules: a plan of 1,000 rules is refused at its 201st rule (exit $st)"
	head -3 "$pg/many.out"
fi
timeout 60 "$prog" check --plan "$pg/cap-rules.xml" "$pg/nominees.xml" \
    >"$pg/cap.out" 2>&1
st=$?
nl=$(grep -c '\[rule-limit\]' "$pg/cap.out")
nb=$(grep -c "^$pg/nominees.xml:2: error: \[rule-limit\] .* kế hoạch $pg/cap-rules.xml, từ quy tắc \[aaa-0\]" "$pg/cap.out")
if [ $st -eq 1 ] && [ "$nl" -eq 11 ] && [ "$nb" -eq 1 ]; then
	ok "plan rules: 200 catastrophic rules on 100 nominees stop after 10 limits"
else
	notok "plan rules: 200 catastrophic rules on 100 nominees stop after 10 limits (exit $st, $nl [rule-limit], $nb budget)"
	tail -3 "$pg/cap.out"
fi

# A batch of 300 copies of one dossier (6 nominees) under other ids: one
# finding for each nominee concerned and one for the quota at each
# dossier's root, each naming a few others and how many more, and at
# each nominee a warning of each (19 lines a dossier); not one line for
# each pair (538,000 lines, 135 MB).
mkdir -p "$pg/batch"
sh $pa/gen-batch.sh "$pg/batch" 300
timeout 60 "$prog" check "$pg"/batch/*.xml >"$pg/batch.out" 2>&1
st=$?
nl=$(wc -l <"$pg/batch.out")
long=$(awk 'length($0) > 1000' "$pg/batch.out" | wc -l)
nd=$(grep -c "^$pg/batch/copy-7.xml:7: error: \[duplicate-nominee\] “Chảo Láo San” .*(lần kia: $pg/batch/copy-1.xml:204, $pg/batch/copy-10.xml:204, $pg/batch/copy-100.xml:204 và 296 nơi khác)" "$pg/batch.out")
nq=$(grep -c "^$pg/batch/copy-7.xml:7: error: \[quota\] đợt 1 có 1800 .*(các hồ sơ: $pg/batch/copy-1.xml, $pg/batch/copy-10.xml, $pg/batch/copy-100.xml và 297 hồ sơ khác)" "$pg/batch.out")
if [ $st -eq 1 ] && [ "$nl" -eq 5701 ] && [ "$long" -eq 0 ] &&
    [ "$nd" -eq 1 ] && [ "$nq" -eq 1 ]; then
	ok "batch: 300 copies of a dossier, 19 findings a dossier, each line short"
else
	notok "batch: 300 copies of a dossier, 19 findings a dossier (exit $st, $nl lines, $long long, $nd $nq)"
	head -c 600 "$pg/batch.out"
	echo
fi

# import of 8,000 rows without a "Mã" column: every id made, unique, in
# the order of the sample's (TT01, TT02, CN01…), without probing every id
# made for each row.
mkdir -p "$pg/import"
sh $pa/gen-csv.sh "$pg/import/list.csv" 1600
timeout 60 "$prog" import "$pg/import/list.csv" >"$pg/import.out" 2>&1
st=$?
grep -o '<nominee id="[^"]*"' "$pg/import/list.xml" 2>/dev/null |
    sed 's/.*id="//; s/"//' >"$pg/import.ids"
grep -o '<nominee id="[^"]*"' tests/import/danh-sach-mau.xml |
    sed 's/.*id="//; s/"//' >"$pg/import.sample-ids"
nids=$(wc -l <"$pg/import.ids")
ndup=$(sort "$pg/import.ids" | uniq -d | wc -l)
if [ $st -eq 0 ] && [ "$nids" -eq 8000 ] && [ "$ndup" -eq 0 ] &&
    head -5 "$pg/import.ids" | cmp -s - "$pg/import.sample-ids" &&
    [ "$(sed -n 8000p "$pg/import.ids")" = CN4800 ]; then
	ok "import: 8,000 rows without ids, each made once and unique"
else
	notok "import: 8,000 rows without ids (exit $st, $nids ids, $ndup repeated)"
	head -3 "$pg/import.out"
fi
# A list that gives the id "in" is refused at its row.
printf 'Mã,Họ và tên,Ngày sinh\nin,Lù Văn Tiến,1990\n' >"$pg/import/in.csv"
"$prog" import "$pg/import/in.csv" >"$pg/import-in.out" 2>&1
st=$?
if [ $st -eq 1 ] && [ ! -e "$pg/import/in.xml" ] &&
    grep -q '^.*in.csv:2: error: .*bang-khen-in.pdf' "$pg/import-in.out"; then
	ok "import: the id \"in\" is refused at its row"
else
	notok "import: the id \"in\" is refused at its row (exit $st)"
	head -3 "$pg/import-in.out"
fi

# A nominee whose id is "in" would lose bang-khen-in.pdf to the print
# file of that name: an error at the id, by check and render alike, and
# nothing rendered.  Whatever its case: "In" is the same file on the
# case-insensitive file systems of USB sticks and Windows shares.
golden plan-attack-id-in $pa/id-in.out check $pa/id-in.xml
"$prog" render -o "$pg/render" $pa/id-in.xml >"$pg/render.out" 2>&1
st=$?
sed 's/<nominee id="in"/<nominee id="In"/' $pa/id-in.xml >"$pg/id-In.xml"
"$prog" check --quiet "$pg/id-In.xml" >"$pg/id-In.out" 2>&1
st2=$?
if [ $st -eq 1 ] && [ ! -e "$pg/render/bchqs-dot-1" ] &&
    grep -q "^$pa/id-in.xml:134: error: \[id-format\] .*bang-khen-in.pdf" \
    "$pg/render.out" && [ $st2 -eq 1 ] &&
    grep -q ":134: error: \[id-format\] mã \"In\"" "$pg/id-In.out"; then
	ok "render: a nominee id \"in\" is an error at the id (\"In\" too)"
else
	notok "render: a nominee id \"in\" is an error at the id (exit $st; \"In\": exit $st2)"
	head -3 "$pg/render.out" "$pg/id-In.out"
fi
