#!/bin/sh
# The test suite: golden diagnostics (as mandoc's regress/), generated
# hostile inputs, unit tests.  Usage: tests/run.sh PROGRAM UNIT [--update]
# Ends with the line "N passed, N failed".

prog=${1:-./khenthuong}
unit=${2:-build/unit}
update=${3:-}
pass=0
fail=0
out=tests/out
rm -rf "$out"
mkdir -p "$out"

ok() { pass=$((pass + 1)); echo "ok - $1"; }
notok() { fail=$((fail + 1)); echo "not ok - $1"; }

# golden NAME EXPECTED ARGS...: run the program, compare stderr+stdout and
# the exit status with the expected file.
golden() {
	name=$1
	exp=$2
	shift 2
	"$prog" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
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

# The bundled samples are valid and quiet: no diagnostic at all.
"$prog" check input/*.xml >"$out/samples.out" 2>&1
st=$?
if [ $st -eq 0 ] && [ ! -s "$out/samples.out" ]; then
	ok "samples are valid and quiet"
else
	notok "samples are valid and quiet (exit $st)"
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
	if "$prog" check "$gen/$enc.xml" >"$out/$enc.out" 2>&1 &&
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
