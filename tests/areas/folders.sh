# tests/areas/folders.sh: the output folder — the same bytes whatever
# --jobs and --shard, a stream and a DOM, a full disk, an unwritable or
# hostile -o, kill -9 mid-batch, stale files, --only, --dry-run.  Runs
# after tests/areas/render.sh, whose $rdir it compares with.

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

# render --dry-run: the files a real run writes, in its order, and
# nothing written, no folder made (tests/folders/: the list, golden, of
# the samples and of a batch with a broken dossier).
cases tests/folders
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
