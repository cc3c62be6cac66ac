# tests/lib.sh: what every test script of the suite shares — the set-up
# ($prog, $unit, $replay, $update, $out, $gen, $rdir, $runner, $san), the
# counts, and the ways a test passes or fails (ok, notok, golden, cases,
# same, quiet, pdfa, subsuite).  Sourced by tests/run.sh before the areas;
# see tests/README.md.

# suite_init PROGRAM UNIT REPLAY [--update]: the set-up.  A clean
# tests/out; the interface speaks Vietnamese when no locale is set, as the
# golden files expect (the tests of another language set their own).
suite_init() {
	prog=${1:-./khenthuong}
	unit=${2:-build/unit}
	replay=${3:-build/replay-}
	update=${4:-}
	[ "$replay" = --update ] && { update=--update; replay=build/replay-; }
	pass=0
	fail=0
	out=tests/out
	# Inputs made here rather than stored; the samples rendered once
	# (tests/areas/render.sh), which later areas compare with.
	gen=$out/gen
	rdir=$out/render
	unset LANG LANGUAGE LC_ALL LC_MESSAGES
	runner=
	# The sanitizers' settings, for the tests that run under env -i.
	san=""
	[ -n "${ASAN_OPTIONS:-}" ] && san="$san ASAN_OPTIONS=$ASAN_OPTIONS"
	[ -n "${UBSAN_OPTIONS:-}" ] && san="$san UBSAN_OPTIONS=$UBSAN_OPTIONS"
	rm -rf "$out"
	mkdir -p "$out" "$gen"
}

# suite_end: the last line, "N passed, N failed"; false if any failed.
suite_end() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

ok() { pass=$((pass + 1)); echo "ok - $1"; }
notok() { fail=$((fail + 1)); echo "not ok - $1"; }

# golden NAME EXPECTED ARGS...: run the program (through $runner, if set),
# compare stderr+stdout and the exit status with the expected file (with
# --update, write it first).  What the program said stays in $out/NAME.got.
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

# cases DIR [PREFIX [SUFFIX]]: every case of the folder DIR, as golden
# tests named PREFIX-NAME (NAME without a PREFIX).  A case is its command
# line, NAME.args, and what the program prints for it, NAME$SUFFIX.out.
# A folder whose cases all run one command line on an input of their own
# has it in DIR/default.args instead; its cases are then its NAME.out
# files, each with its input NAME.xml, NAME.csv or the folder NAME/.
# The command line is shell words, on one line or several; it is
# evaluated here, so "$in" (the case's input), $n (its NAME), $out, $gen
# and the areas' own variables can be used, and patterns are expanded.
cases() {
	c_dir=$1
	c_pre=${2:+$2-}
	c_suf=${3:-}
	c_re=$(printf '%s' "$c_suf" | sed 's/\./\\./g')
	if [ -f "$c_dir/default.args" ]; then
		c_list=$(ls "$c_dir" | sed -n "s/^\(.*\)$c_re\.out\$/\1/p")
		# An input with no expected file is a case forgotten, not
		# one to skip (a file the arguments name is their fixture).
		for c_f in "$c_dir"/*.xml "$c_dir"/*.csv; do
			[ -e "$c_f" ] || continue
			n=${c_f##*/}
			n=${n%.*}
			[ -f "$c_dir/$n$c_suf.out" ] && continue
			grep -qF "$c_f" "$c_dir/default.args" && continue
			[ "$update" = "--update" ] && : >"$c_dir/$n$c_suf.out" &&
			    c_list="$c_list $n" && continue
			notok "$c_pre$n: $c_f has no expected $n$c_suf.out"
		done
	else
		c_list=$(ls "$c_dir" | sed -n 's/^\(.*\)\.args$/\1/p')
	fi
	for n in $c_list; do
		in=
		for c_f in "$c_dir/$n.xml" "$c_dir/$n.csv" "$c_dir/$n/"; do
			[ -e "$c_f" ] && { in=$c_f; break; }
		done
		c_args=$c_dir/$n.args
		[ -f "$c_args" ] || c_args=$c_dir/default.args
		eval "set -- $(tr '\n' ' ' <"$c_args")"
		golden "$c_pre$n" "$c_dir/$n$c_suf.out" "$@"
	done
}

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

# subsuite SCRIPT LOG: a suite of its own (it ends with "N passed, N
# failed"); its ok / not ok lines are shown and counted here.
subsuite() {
	bash "$1" >"$2" 2>&1
	grep -E '^(not )?ok ' "$2"
	pass=$((pass + $(grep -c '^ok ' "$2")))
	fail=$((fail + $(grep -c '^not ok ' "$2")))
	grep -q '^[0-9]* passed, 0 failed' "$2" ||
	    { notok "$1 ran to its end"; tail -5 "$2"; }
}
