# tests/areas/progress.sh: the progress line, on a terminal only (script
# gives the program a pseudo-terminal), redrawn in place at most five
# times a second, cleared at the end; never in a pipe, never with
# --quiet; the files are the same bytes.  A batch of 500 nominees
# (1.005 files) lasts long enough.

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
