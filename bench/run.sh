#!/bin/bash
# shellcheck disable=SC2034	# the figures' arrays are read through get()
# make bench: khenthuong against ReportLab (bench/reportlab_certs.py) on the
# same generated dossiers, in one run; prints figures and judges nothing.
# bench/README.md says what is measured and how to read the tables.
#
#   BENCH_RUNS=3      runs per figure (the median is shown) at N = 100, and
#                     for the ReportLab print file at every N
#   BENCH_RUNS_BIG=1  runs per figure for the other runs at N >= 1,000
#   BENCH_FULL=1      adds N = 10,000 for khenthuong and for the peer's
#                     separate files (about 15 more minutes on 2 cores)
#   BENCH_OUT=DIR     where the PDFs are written (default: under
#                     build/bench/); e.g. /dev/shm to leave the disk out:
#                     on ext4 without a journal, creating thousands of
#                     files just after deleting thousands costs seconds of
#                     kernel time that is the file system's, not the tool's
#   BENCH_KEEP=1      keeps the dossiers, the timings and the last run's
#                     PDFs of each series under build/bench/

set -u
export LC_NUMERIC=C
cd "$(dirname "$0")/.." || exit 2
top=$PWD

RUNS=${BENCH_RUNS:-3}
RUNS_BIG=${BENCH_RUNS_BIG:-1}
FULL=${BENCH_FULL:-0}
KEEP=${BENCH_KEEP:-0}
PY=/usr/bin/python3		# Debian's, which has python3-reportlab
for v in "$RUNS" "$RUNS_BIG"; do
	case $v in
	'' | *[!0-9]* | 0)
		echo "bench: BENCH_RUNS and BENCH_RUNS_BIG are counts from 1" >&2
		exit 2 ;;
	esac
done

say() { printf 'bench: %s\n' "$*" >&2; }

# The peer and GNU time; what the build needs is make's business.
sh tools/ensure-deps python3-reportlab time || exit 2
make -s khenthuong || { say "make khenthuong failed"; exit 2; }

mkdir -p build/bench || exit 2
work=$(mktemp -d "$top/build/bench/run.XXXXXX") || exit 2
outs=$work/out
if [ -n "${BENCH_OUT:-}" ]; then
	outs=$(mktemp -d "$BENCH_OUT/khenthuong-bench.XXXXXX") || exit 2
fi
if [ "$KEEP" = 1 ]; then
	trap 'say "kept in $work"' EXIT
else
	trap 'rm -rf "$work" "$outs"' EXIT
fi
trap 'exit 130' INT TERM

# One binary and one data folder for the whole run, whatever is rebuilt or
# edited in the tree meanwhile: the copy finds its data beside itself.
mkdir -p "$work/kt" &&
    cp khenthuong "$work/kt/" &&
    cp -R fonts templates schema plans color "$work/kt/" || exit 2
KT=$work/kt/khenthuong
unset KHENTHUONG_DATADIR
WHAT="khenthuong $("$KT" --version | awk '{ print $2 }')"
WHAT+=" ($(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- src templates fonts Makefile 2>/dev/null ||
    WHAT+=" with changes"
WHAT+=", libharu $(dpkg-query -W -f '${Version}' libhpdf-dev 2>/dev/null |
    cut -d+ -f1)) against ReportLab $($PY -c \
    'import reportlab; print(reportlab.Version)') (Python $($PY -c \
    'import platform; print(platform.python_version())'))"
mkdir -p "$outs" || exit 2
WHAT+=", PDFs written to $(df --output=fstype "$outs" | tail -n 1 |
    tr -d ' ')"
for f in fonts/times.ttf /usr/share/fonts/truetype/msttcorefonts/times.ttf; do
	[ -f "$f" ] && say "warning: $f is there, so khenthuong draws in" \
	    "Times New Roman while the peer draws in Liberation Serif"
done

SIZES="100 1000 10000"
BIG_SIZES="100 1000"		# khenthuong, and the peer's separate files
[ "$FULL" = 1 ] && BIG_SIZES=$SIZES
for n in $SIZES; do
	$PY bench/gen-dossier.py "$n" "$work/d$n.xml" "$work/p$n.xml" \
	    plans/217-KH-UBND.xml || { say "gen-dossier.py $n failed"; exit 2; }
done

# Figures by key (series.N): medians of wall time, CPU, peak RSS (MB); the
# number of runs; bytes per separate certificate; bytes of the print file
# or of the whole folder; files in the folder; khenthuong's print file
# alone (seconds, from the file times).
declare -A WALL CPU RSS NRUN BYTES TOTAL FILES PRINT LIMIT

median() {
	sort -g | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2];
		  else if (NR) printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

describe() {
	local s=${1%.*} n=${1##*.}
	case $s in
	kt[12])	echo "N=$n khenthuong render --only bang-khen --jobs ${s#kt}" ;;
	chk)	echo "N=$n khenthuong check (every document laid out)" ;;
	nom1)	echo "N=$n khenthuong render --only bao-cao,bang-khen --jobs 1" ;;
	all[12]) echo "N=$n khenthuong render --jobs ${s#all} (whole dossier)" ;;
	rl)	echo "N=$n reportlab_certs.py --separate --print" ;;
	rlp)	echo "N=$n reportlab_certs.py --print" ;;
	esac
}

# print_time KEY DIR: khenthuong --jobs 1 makes the files of a dossier one
# after the other and the print file last, so the print file alone took
# from the last separate certificate's time to its own.
print_time() {
	find "$2" -name 'bang-khen-*.pdf' -printf '%T@ %f\n' |
	    awk '$2 == "bang-khen-in.pdf" { p = $1; next }
		 $1 > s { s = $1 }
		 END { if (p && s) printf "%.3f\n", p - s }' >>"$work/p.$1"
}

# measure KEY RUNS OUT CMD...: CMD RUNS times under GNU time, OUT removed
# and the disk synced before each run; the medians go under KEY.  When
# AFTER names a function, it is called with KEY and OUT after each run.
# A failed run stops the benchmark; with FINDINGS=1, exit status 1 (the
# dossier has findings: check's answer, not a failure) is a run.
AFTER=
FINDINGS=
measure() {
	local key=$1 runs=$2 out=$3 i rc
	shift 3
	: >"$work/t.$key"
	for ((i = 1; i <= runs; i++)); do
		say "$(describe "$key"): run $i of $runs"
		rm -rf "$out"
		mkdir -p "${out%/*}"
		sync
		/usr/bin/time -f '%e %U %S %M' -o "$work/time" \
		    "$@" >"$work/log" 2>&1
		rc=$?
		if [ "$rc" != 0 ] && { [ "$FINDINGS" != 1 ] || [ "$rc" != 1 ]; }
		then
			say "failed: $*"
			tail -n 20 "$work/log" >&2
			exit 1
		fi
		tail -n 1 "$work/time" >>"$work/t.$key"
		[ -z "$AFTER" ] || "$AFTER" "$key" "$out"
	done
	WALL[$key]=$(awk '{ print $1 }' "$work/t.$key" | median)
	CPU[$key]=$(awk '{ print $2 + $3 }' "$work/t.$key" | median)
	RSS[$key]=$(awk '{ print $4 / 1024 }' "$work/t.$key" | median)
	NRUN[$key]=$runs
}

# sizes KEY DIR: the average size of DIR's separate certificates and the
# size of its print file.
sizes() {
	BYTES[$1]=$(find "$2" -name 'bang-khen-*.pdf' \
	    ! -name 'bang-khen-in.pdf' -printf '%s\n' |
	    awk '{ s += $1; n++ } END { if (n) printf "%.0f\n", s / n }')
	[ -f "$2/bang-khen-in.pdf" ] && TOTAL[$1]=$(stat -c %s "$2/bang-khen-in.pdf")
}

# done_with DIR: the PDFs of a series go, unless they are kept (the last
# run's only: each run starts from an empty folder).
done_with() { [ "$KEEP" = 1 ] || rm -rf "$1"; }

runs_for() { if [ "$1" -lt 1000 ]; then echo "$RUNS"; else echo "$RUNS_BIG"; fi; }

# 1 and 2: certificates.  khenthuong --only bang-khen writes the separate
# files and the print file in one run; so does the peer given both.
for n in $BIG_SIZES; do
	r=$(runs_for "$n")
	for j in 1 2; do
		key=kt$j.$n
		out=$outs/$key
		[ "$j" = 1 ] && AFTER=print_time && : >"$work/p.$key"
		measure "$key" "$r" "$out" "$KT" render --plan "$work/p$n.xml" \
		    -o "$out" --jobs "$j" --only bang-khen "$work/d$n.xml"
		AFTER=
		sizes "$key" "$out/bench-$n"
		[ "$j" = 1 ] && PRINT[$key]=$(median <"$work/p.$key")
		done_with "$out"
	done
	key=rl.$n
	out=$outs/$key
	measure "$key" "$r" "$out" $PY bench/reportlab_certs.py \
	    --plan "$work/p$n.xml" --separate "$out" \
	    --print "$out/bang-khen-in.pdf" "$work/d$n.xml"
	sizes "$key" "$out"
	done_with "$out"
done
for n in $SIZES; do
	key=rlp.$n
	out=$outs/$key
	measure "$key" "$RUNS" "$out" $PY bench/reportlab_certs.py \
	    --plan "$work/p$n.xml" --print "$out/bang-khen-in.pdf" \
	    "$work/d$n.xml"
	sizes "$key" "$out"
	done_with "$out"
done

# 3: the whole dossier, all five kinds.  At N = 10,000 only --jobs 2.
for n in $BIG_SIZES; do
	r=$(runs_for "$n")
	for j in 1 2; do
		[ "$n" -ge 10000 ] && [ "$j" = 1 ] && continue
		key=all$j.$n
		out=$outs/$key
		measure "$key" "$r" "$out" "$KT" render --plan "$work/p$n.xml" \
		    -o "$out" --jobs "$j" "$work/d$n.xml"
		FILES[$key]=$(find "$out/bench-$n" -type f | wc -l)
		TOTAL[$key]=$(du -sb "$out/bench-$n" | cut -f 1)
		done_with "$out"
	done
done

# 5: check, which lays out every document render would make and draws
# none, beside render --jobs 1.  At N = 10,000 the danh-sach and the
# biên bản are over a document's limit (check and render both say so),
# so render is timed on the nominees' documents alone: 20,000 files.
for n in $SIZES; do
	FINDINGS=1
	measure "chk.$n" "$(runs_for "$n")" "$outs/chk.$n" "$KT" check \
	    --plan "$work/p$n.xml" "$work/d$n.xml"
	FINDINGS=
	grep -q 'limit-document' "$work/log" && LIMIT[$n]=1
done
n=10000
measure "nom1.$n" "$RUNS_BIG" "$outs/nom1.$n" "$KT" render \
    --plan "$work/p$n.xml" -o "$outs/nom1.$n" --jobs 1 \
    --only bao-cao,bang-khen "$work/d$n.xml"
FILES[nom1.$n]=$(find "$outs/nom1.$n/bench-$n" -type f | wc -l)
done_with "$outs/nom1.$n"

# The tables.  A missing figure prints as a dash.
get() { local -n m=$1; printf '%s' "${m[$2]:-}"; }
num() { if [ -n "${2:-}" ]; then printf "%.${1}f" "$2"; else printf -- '—'; fi; }
div() {
	if [ -n "${2:-}" ] && [ -n "${3:-}" ]; then
		awk -v a="$2" -v b="$3" -v d="$1" 'BEGIN { printf "%.*f", d, a / b }'
	else
		printf -- '—'
	fi
}
bytes() {
	if [ -n "${1:-}" ]; then
		printf '%s' "$1" | sed -e ':a' \
		    -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'
	else
		printf -- '—'
	fi
}
# row LABEL COLUMNS...: the label, then right-aligned columns (printf counts
# bytes: the dash, three of them, is padded by hand).
row() {
	local label=$1 w
	shift
	printf '%-42s' "$label"
	for w in 5 8 8 8 13 9 7; do
		[ $# -gt 0 ] || break
		case $1 in
		*—*) printf "%$((w + 2))s" "$1" ;;
		*) printf "%${w}s" "$1" ;;
		esac
		shift
	done
	printf '\n'
}
# figures KEY: runs, time, CPU, peak.
figures() {
	printf '%s\n' "$(get NRUN "$1")" "$(num 2 "$(get WALL "$1")")" \
	    "$(num 2 "$(get CPU "$1")")" "$(num 1 "$(get RSS "$1")")"
}
full() { row "$1" "" "" "" "" "BENCH_FULL=1"; }
lbl() { printf '%-6s%s' "$1" "$2"; }

echo
echo "$WHAT"
echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))," \
    "$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "load $(cut -d' ' -f1 /proc/loadavg) at the end; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "time: wall seconds, the median of the runs; CPU: user + system seconds,"
echo "workers included; peak: the largest resident set of one process, MB;"
echo "ratio: khenthuong time / ReportLab time (below 1: khenthuong is faster)."

echo
echo "1. Separate archive PDFs, one certificate per file.  Both tools write the"
echo "   N files and the print file in the run: khenthuong render --only"
echo "   bang-khen, the peer with --separate and --print."
echo
row "N     tool" runs "time s" "CPU s" "peak MB" "bytes/file" ratio
for n in $SIZES; do
	for j in 1 2; do
		k=kt$j.$n
		if [ -z "$(get WALL "$k")" ]; then full "$(lbl "$n" "khenthuong --jobs $j")"; continue; fi
		# shellcheck disable=SC2046
		row "$(lbl "$n" "khenthuong --jobs $j")" $(figures "$k") \
		    "$(bytes "$(get BYTES "$k")")" \
		    "$(div 2 "$(get WALL "$k")" "$(get WALL "rl.$n")")"
	done
	k=rl.$n
	if [ -z "$(get WALL "$k")" ]; then full "$(lbl "$n" "ReportLab")"; continue; fi
	# shellcheck disable=SC2046
	row "$(lbl "$n" "ReportLab")" $(figures "$k") \
	    "$(bytes "$(get BYTES "$k")")" "ref"
done

echo
echo "2. One print PDF of N certificates (bang-khen-in.pdf).  khenthuong has no"
echo "   way to write the print file alone: (a) is its share of the --jobs 1"
echo "   run of table 1, from the file times (the last separate certificate"
echo "   written to the print file written; no start-up, no loading, so no"
echo "   CPU or peak of its own); (b) is that whole run, the N separate files"
echo "   included.  The peer writes the print file only."
echo
row "N     tool" runs "time s" "CPU s" "peak MB" "print file" "B/cert" ratio
for n in $SIZES; do
	k=kt1.$n
	if [ -z "$(get WALL "$k")" ]; then
		full "$(lbl "$n" "khenthuong (a) print file alone")"
		full "$(lbl "$n" "khenthuong (b) whole --jobs 1 run")"
	else
		row "$(lbl "$n" "khenthuong (a) print file alone")" \
		    "$(get NRUN "$k")" "$(num 2 "$(get PRINT "$k")")" '—' '—' \
		    "$(bytes "$(get TOTAL "$k")")" \
		    "$(bytes "$(div 0 "$(get TOTAL "$k")" "$n")")" \
		    "$(div 2 "$(get PRINT "$k")" "$(get WALL "rlp.$n")")"
		# shellcheck disable=SC2046
		row "$(lbl "$n" "khenthuong (b) whole --jobs 1 run")" $(figures "$k") \
		    "$(bytes "$(get TOTAL "$k")")" \
		    "$(bytes "$(div 0 "$(get TOTAL "$k")" "$n")")" \
		    "$(div 2 "$(get WALL "$k")" "$(get WALL "rlp.$n")")"
	fi
	k=rlp.$n
	# shellcheck disable=SC2046
	row "$(lbl "$n" "ReportLab, print file only")" $(figures "$k") \
	    "$(bytes "$(get TOTAL "$k")")" \
	    "$(bytes "$(div 0 "$(get TOTAL "$k")" "$n")")" "ref"
done

echo
echo "3. Whole dossier: to-trinh, danh-sach, bien-ban, a bao-cao and a bang-khen"
echo "   per nominee, the print file, the manifest.  The peer draws certificates"
echo "   only: no ratio.  N = 10,000 with --jobs 2 only."
echo
row "N     tool" runs "time s" "CPU s" "peak MB" "bytes" "files"
for n in $SIZES; do
	for j in 1 2; do
		k=all$j.$n
		[ "$n" -ge 10000 ] && [ "$j" = 1 ] && continue
		if [ -z "$(get WALL "$k")" ]; then full "$(lbl "$n" "khenthuong --jobs $j")"; continue; fi
		# shellcheck disable=SC2046
		row "$(lbl "$n" "khenthuong --jobs $j")" $(figures "$k") \
		    "$(bytes "$(get TOTAL "$k")")" "$(get FILES "$k")"
	done
done

echo
echo "4. Growth: milliseconds per nominee and peak MB at each N.  The same"
echo "   ms/nominee along a line is linear growth."
echo
printf '%-42s%17s%17s%17s\n' "" "N = 100" "N = 1,000" "N = 10,000"
printf '%-42s%17s%17s%17s\n' "series" "ms/nom    MB" "ms/nom    MB" "ms/nom    MB"
growth() {
	local label=$1 key=$2 t=$3 n line
	line=$(printf '%-42s' "$label")
	for n in $SIZES; do
		if [ -n "$(get "$t" "$key.$n")" ]; then
			line+=$(awk -v t="$(get "$t" "$key.$n")" -v n="$n" \
			    -v m="$(get RSS "$key.$n")" -v p="$t" 'BEGIN {
				printf "%11.2f", t * 1000 / n
				if (p == "WALL") printf "%6.0f", m
				else printf "%8s", "—" }')
		else
			line+=$(printf '%13s      ' '—')
		fi
	done
	printf '%s\n' "$line"
}
growth "khenthuong certificates, --jobs 1" kt1 WALL
growth "khenthuong certificates, --jobs 2" kt2 WALL
growth "ReportLab certificates, files + print" rl WALL
growth "khenthuong print file alone (a)" kt1 PRINT
growth "ReportLab print file only" rlp WALL
growth "khenthuong whole dossier, --jobs 1" all1 WALL
growth "khenthuong whole dossier, --jobs 2" all2 WALL

echo
echo "5. check: every document of the dossier laid out as render lays it out"
echo "   (a text too long, a character no font has), none drawn, beside render"
echo "   --jobs 1 of the same dossier.  ratio: render time / check time."
echo
row "N     tool" runs "time s" "CPU s" "peak MB" "" "ratio"
for n in $SIZES; do
	rk=all1.$n
	rl="render --jobs 1"
	[ "$n" -ge 10000 ] && rk=nom1.$n && rl="render (nominees' files)"
	note=
	[ -n "$(get LIMIT "$n")" ] && note=" (limit found)"
	# shellcheck disable=SC2046
	row "$(lbl "$n" "khenthuong check$note")" $(figures "chk.$n") "" \
	    "$(div 1 "$(get WALL "$rk")" "$(get WALL "chk.$n")")"
	if [ -z "$(get WALL "$rk")" ]; then full "$(lbl "$n" "khenthuong $rl")"; continue; fi
	# shellcheck disable=SC2046
	row "$(lbl "$n" "khenthuong $rl")" $(figures "$rk") "" "ref"
done

# The summary, at the largest N measured.
big=1000
[ -n "$(get WALL kt1.10000)" ] && big=10000
echo
echo "Summary"
printf '  %s certificates as separate files: khenthuong %.1f s (--jobs 1),\n' \
    "$(bytes "$big")" "${WALL[kt1.$big]}"
printf '    %.1f s (--jobs 2), ReportLab %.1f s: ratio %s and %s;\n' \
    "${WALL[kt2.$big]}" "${WALL[rl.$big]}" \
    "$(div 2 "${WALL[kt1.$big]}" "${WALL[rl.$big]}")" \
    "$(div 2 "${WALL[kt2.$big]}" "${WALL[rl.$big]}")"
printf '    %s bytes per file against %s.\n' \
    "$(bytes "${BYTES[kt1.$big]}")" "$(bytes "${BYTES[rl.$big]}")"
printf '  print file of %s certificates: khenthuong %.2f s (its share of the\n' \
    "$(bytes "$big")" "${PRINT[kt1.$big]}"
printf '    run), ReportLab %.2f s (a whole run); %s bytes against %s.\n' \
    "${WALL[rlp.$big]}" "$(bytes "${TOTAL[kt1.$big]}")" \
    "$(bytes "${TOTAL[rlp.$big]}")"
[ "$big" = 10000 ] ||
    printf '  ReportLab print file of 10,000 certificates: %.2f s, %.0f MB peak.\n' \
    "${WALL[rlp.10000]}" "${RSS[rlp.10000]}"
printf '  whole dossier of %s nominees: %.1f s, %.0f MB peak (--jobs 2).\n' \
    "$(bytes "$big")" "${WALL[all2.$big]}" "${RSS[all2.$big]}"
printf '  per certificate from N = 100 to %s: khenthuong %.1f -> %.1f ms,\n' \
    "$(bytes "$big")" "$(div 3 "${WALL[kt1.100]}" 0.1)" \
    "$(div 3 "${WALL[kt1.$big]}" "$(div 3 "$big" 1000)")"
printf '    ReportLab %.1f -> %.1f ms.\n' "$(div 3 "${WALL[rl.100]}" 0.1)" \
    "$(div 3 "${WALL[rl.$big]}" "$(div 3 "$big" 1000)")"
printf '  check with the layout: %.2f s at 1,000 nominees (render --jobs 1 %s\n' \
    "${WALL[chk.1000]}" "$(num 1 "$(get WALL all1.1000)")"
printf '    s, %sx), %.2f s at 10,000 (render of the nominees'"'"' files %s s, %sx).\n' \
    "$(div 1 "$(get WALL all1.1000)" "${WALL[chk.1000]}")" \
    "${WALL[chk.10000]}" "$(num 1 "$(get WALL nom1.10000)")" \
    "$(div 1 "$(get WALL nom1.10000)" "${WALL[chk.10000]}")"
[ "$FULL" = 1 ] ||
    echo "  N = 10,000 for khenthuong and the peer's separate files: BENCH_FULL=1 make bench"
