# The output folder (sourced by tests/run.sh): nothing outside -o is
# written or removed, no link inside it is followed, a dead run's litter
# goes and a live run's stays, and exit 0 means every file is there.
# Victims are copies of tests/attack/outdir/victim* under $out; after
# each attack every byte of them must still be there.

od_in=tests/attack/outdir
od=$out/outdir
mkdir -p "$od"
od_id=bchqs-dot-1
# The old host_pid() name part of this machine (a PID namespace's
# first process is 1, as in a container).
od_host=$(hostname | tr './' '__')
od_unshare=
unshare -pf true >/dev/null 2>&1 && od_unshare="unshare -pf"

# od_victim NAME: a copy of the victim folder at $od/NAME.
od_victim() {
	rm -rf "${od:?}/$1"
	mkdir -p "$od/$1" && cp "$od_in"/victim/* "$od/$1"/
}
# od_vfile NAME: a copy of the victim file at $od/NAME.
od_vfile() { cp "$od_in/victim-file.txt" "$od/$1"; }
od_intact() { diff -r "$od_in/victim" "$od/$1" >/dev/null 2>&1; }
od_fintact() { cmp -s "$od_in/victim-file.txt" "$od/$1"; }
# od_whole DIR FILE...: DIR/<id> of each dossier holds exactly the files
# a dry run lists, as regular files, all in its manifest and matching it.
od_whole() {
	od_d=$1
	shift
	"$prog" render --dry-run --quiet -o "$od_d" "$@" 2>/dev/null | sort \
	    >"$od/whole.want" || return 1
	find "$od_d" -mindepth 2 -maxdepth 2 -type f ! -name '.*' | sort \
	    >"$od/whole.got"
	cmp -s "$od/whole.want" "$od/whole.got" || return 1
	for od_m in "$od_d"/*/manifest.sha256; do
		(cd "$(dirname "$od_m")" && sha256sum -c --quiet \
		    manifest.sha256 >/dev/null 2>&1) || return 1
		[ "$(wc -l <"$od_m")" -eq \
		    "$(ls "$(dirname "$od_m")" | grep -vc '^manifest.sha256$')" ] ||
		    return 1
	done
	[ -z "$(find "$od_d" -type l)" ]
}

# --- A link at -o/<id>: replaced as a link, its target untouched (with
# --only too: nothing is read through it).
for od_only in "" "--only bang-khen"; do
	od_victim v1
	rm -rf "$od/r1" && mkdir -p "$od/r1" && ln -s ../v1 "$od/r1/$od_id"
	"$prog" render --quiet $od_only -o "$od/r1" input/$od_id.xml \
	    >"$od/r1.log" 2>&1
	od_st=$?
	if [ $od_st -eq 0 ] && od_intact v1 && [ ! -L "$od/r1/$od_id" ] &&
	    [ -d "$od/r1/$od_id" ] && [ "$(ls -A "$od/r1")" = "$od_id" ] &&
	    [ ! -e "$od/r1/$od_id/notes.txt" ] &&
	    (cd "$od/r1/$od_id" && sha256sum -c --quiet manifest.sha256 \
	    >/dev/null 2>&1); then
		ok "outdir: a link at -o/ID ${od_only:+($od_only) }is replaced as a link, its target untouched"
	else
		notok "outdir: a link at -o/ID ${od_only:+($od_only) }is replaced as a link, its target untouched"
		sed 's/^/# /' "$od/r1.log" | head -5
	fi
done

# --- A dead run's hidden folder planted as a link to a victim folder
# (old-style PID name and new-style token): the link goes, not its target.
od_victim v2
od_victim v2b
rm -rf "$od/r2" && mkdir -p "$od/r2"
ln -s ../v2 "$od/r2/.$od_id.part-2147483646"
ln -s ../v2b "$od/r2/.$od_id.part-gone-7-0123456789abcdef"
"$prog" render --quiet -o "$od/r2" input/$od_id.xml >"$od/r2.log" 2>&1
od_st=$?
if [ $od_st -eq 0 ] && od_intact v2 && od_intact v2b &&
    [ "$(ls -A "$od/r2")" = "$od_id" ]; then
	ok "outdir: a planted .ID.part-* link is removed as a link, its target untouched"
else
	notok "outdir: a planted .ID.part-* link is removed as a link, its target untouched"
	sed 's/^/# /' "$od/r2.log" | head -5
fi

# --- With --shard a link at -o/<id> is refused: exit 2, named, nothing
# written through it.
od_victim v3
rm -rf "$od/r3" && mkdir -p "$od/r3" && ln -s ../v3 "$od/r3/$od_id"
"$prog" render --quiet --shard 1/2 -o "$od/r3" input/$od_id.xml \
    >"$od/r3.log" 2>&1
od_st=$?
if [ $od_st -eq 2 ] && od_intact v3 && [ -L "$od/r3/$od_id" ] &&
    grep -q "r3/$od_id" "$od/r3.log"; then
	ok "outdir: --shard refuses a link at -o/ID (exit 2, named), its target untouched"
else
	notok "outdir: --shard refuses a link at -o/ID (exit 2, named), its target untouched"
	sed 's/^/# /' "$od/r3.log" | head -5
fi

# --- With --shard, links planted as our files (a certificate, a file of
# a nominee no longer there, the hidden part the old code named
# host-PID, PID 1 in a namespace): replaced or removed as links.
od_vfile vf4a
od_vfile vf4b
od_vfile vf4c
rm -rf "$od/r4" && mkdir -p "$od/r4/$od_id"
ln -s ../../vf4a "$od/r4/$od_id/bang-khen-CN01.pdf"
ln -s ../../vf4b "$od/r4/$od_id/bang-khen-ZZ99.pdf"
ln -s ../../vf4c "$od/r4/$od_id/.bang-khen-CN01.pdf.part-$od_host-1"
od_st=0
for od_k in 1 2; do
	$od_unshare "$prog" render --quiet --shard $od_k/2 -o "$od/r4" \
	    input/$od_id.xml >"$od/r4.log" 2>&1 || od_st=$?
done
if [ $od_st -eq 0 ] && od_fintact vf4a && od_fintact vf4b &&
    od_fintact vf4c && [ -f "$od/r4/$od_id/bang-khen-CN01.pdf" ] &&
    [ ! -L "$od/r4/$od_id/bang-khen-CN01.pdf" ] &&
    [ -z "$(ls -A "$od/r4/$od_id" | grep '^\.')" ] &&
    diff -r "$od/r4/$od_id" "$rdir/$od_id" >/dev/null 2>&1; then
	ok "outdir: --shard replaces links planted as its files, their targets untouched"
else
	notok "outdir: --shard replaces links planted as its files, their targets untouched"
	sed 's/^/# /' "$od/r4.log" | head -5
fi

# --- --only: a link among the last run's files of the other kinds is not
# copied (nor read through), and goes with the old folder as a link.
od_vfile vf5
rm -rf "$od/r5"
"$prog" render --quiet -o "$od/r5" input/$od_id.xml >/dev/null 2>&1
rm -f "$od/r5/$od_id/to-trinh.pdf"
ln -s ../../vf5 "$od/r5/$od_id/to-trinh.pdf"
"$prog" render --quiet --only bang-khen -o "$od/r5" input/$od_id.xml \
    >"$od/r5.log" 2>&1
od_st=$?
if [ $od_st -eq 0 ] && od_fintact vf5 &&
    [ ! -e "$od/r5/$od_id/to-trinh.pdf" ] &&
    [ -f "$od/r5/$od_id/danh-sach.pdf" ] &&
    (cd "$od/r5/$od_id" && sha256sum -c --quiet manifest.sha256 \
    >/dev/null 2>&1); then
	ok "outdir: --only copies no link of the last run, its target untouched"
else
	notok "outdir: --only copies no link of the last run, its target untouched"
	sed 's/^/# /' "$od/r5.log" | head -5
fi

# --- The layout dump: a link where a dump file goes is replaced.
od_vfile vf6
rm -rf "$od/d6" "$od/r6" && mkdir -p "$od/d6"
ln -s ../vf6 "$od/d6/to-trinh.pdf.layout"
"$prog" render --quiet -o "$od/r6" --dump-layout "$od/d6" \
    input/$od_id.xml >"$od/r6.log" 2>&1
od_st=$?
if [ $od_st -eq 0 ] && od_fintact vf6 &&
    [ -f "$od/d6/to-trinh.pdf.layout" ] &&
    [ ! -L "$od/d6/to-trinh.pdf.layout" ]; then
	ok "outdir: --dump-layout replaces a link, its target untouched"
else
	notok "outdir: --dump-layout replaces a link, its target untouched"
	sed 's/^/# /' "$od/r6.log" | head -5
fi

# --- calibrate -o FILE.pdf: written whole beside it, renamed over a link.
od_vfile vf7
rm -f "$od/cal.pdf" && ln -s vf7 "$od/cal.pdf"
"$prog" calibrate -o "$od/cal.pdf" printers/mac-dinh.xml >"$od/cal.log" 2>&1
od_st=$?
if [ $od_st -eq 0 ] && od_fintact vf7 && [ ! -L "$od/cal.pdf" ] &&
    head -c 5 "$od/cal.pdf" | grep -q '%PDF-' &&
    [ -z "$(ls -A "$od" | grep '^\.cal')" ]; then
	ok "outdir: calibrate -o replaces a link with the sheet, its target untouched"
else
	notok "outdir: calibrate -o replaces a link with the sheet, its target untouched"
	sed 's/^/# /' "$od/cal.log" | head -5
fi

# --- init -o: a link is refused without --force, replaced with it (a
# guard: the draft was already written beside it and renamed).
od_vfile vf8
rm -f "$od/init.xml" && ln -s vf8 "$od/init.xml"
"$prog" init --plan 217/KH-UBND --phase 1 -o "$od/init.xml" \
    >"$od/init.log" 2>&1
od_st1=$?
"$prog" init --plan 217/KH-UBND --phase 1 -o "$od/init.xml" --force \
    >>"$od/init.log" 2>&1
od_st=$?
if [ $od_st1 -eq 2 ] && [ $od_st -eq 0 ] && od_fintact vf8 &&
    [ ! -L "$od/init.xml" ] && grep -q '<dossier' "$od/init.xml"; then
	ok "outdir: init -o refuses a link, --force replaces it, its target untouched"
else
	notok "outdir: init -o refuses a link, --force replaces it, its target untouched"
	sed 's/^/# /' "$od/init.log" | head -5
fi

# --- Another run's temporary folder, alive (its lock held): the old
# code, PID 1 in its own namespace, took .ID.part-1 for its own and
# emptied it.  Its lock is .khenthuong-1.lock, held by a process here.
rm -rf "$od/r9" && mkdir -p "$od/r9"
od_victim "r9/.$od_id.part-1"
: >"$od/r9/.khenthuong-1.lock"
( exec 9<>"$od/r9/.khenthuong-1.lock"; flock -x 9; exec sleep 120 ) &
od_holder=$!
od_i=0
while flock -n "$od/r9/.khenthuong-1.lock" true 2>/dev/null &&
    [ $od_i -lt 500 ]; do
	od_i=$((od_i + 1))
	sleep 0.01
done
$od_unshare "$prog" render --quiet -o "$od/r9" input/$od_id.xml \
    >"$od/r9.log" 2>&1
od_st=$?
kill $od_holder 2>/dev/null
wait $od_holder 2>/dev/null
if [ $od_st -eq 0 ] && od_intact "r9/.$od_id.part-1" &&
    [ -e "$od/r9/.khenthuong-1.lock" ] &&
    diff -r "$od/r9/$od_id" "$rdir/$od_id" >/dev/null 2>&1; then
	ok "outdir: a live run's temporary folder (its lock held) is not touched${od_unshare:+ (PID 1 in a namespace)}"
else
	notok "outdir: a live run's temporary folder (its lock held) is not touched${od_unshare:+ (PID 1 in a namespace)}"
	sed 's/^/# /' "$od/r9.log" | head -5
fi

# --- A dead run's litter goes: a temporary folder and its lock file (the
# lock free), in -o; with --shard, hidden parts in the dossier's folder;
# a live run's part (its lock held) stays.
rm -rf "$od/r10" && mkdir -p "$od/r10/$od_id"
od_g3=gone-3-00000000000000aa
od_g4=gone-4-00000000000000bb
od_l5=live-5-00000000000000cc
# Hidden names of the user's own, not tokens of ours: they stay.
echo mine >"$od/r10/.notes.part-mine"
echo mine >"$od/r10/$od_id/.draft.pdf.part-v2"
od_victim "r10/.$od_id.part-$od_g3"
: >"$od/r10/.khenthuong-$od_g3.lock"
printf 'half a PDF' >"$od/r10/$od_id/.bao-cao-CN01.pdf.part-$od_g4"
printf 'half a PDF' >"$od/r10/$od_id/.bao-cao-CN02.pdf.part-$od_l5"
: >"$od/r10/.khenthuong-$od_l5.lock"
( exec 9<>"$od/r10/.khenthuong-$od_l5.lock"; flock -x 9
  exec sleep 120 ) &
od_holder=$!
od_i=0
while flock -n "$od/r10/.khenthuong-$od_l5.lock" true 2>/dev/null &&
    [ $od_i -lt 500 ]; do
	od_i=$((od_i + 1))
	sleep 0.01
done
od_st=0
for od_k in 1 2; do
	"$prog" render --quiet --shard $od_k/2 -o "$od/r10" \
	    input/$od_id.xml >"$od/r10.log" 2>&1 || od_st=$?
done
kill $od_holder 2>/dev/null
wait $od_holder 2>/dev/null
if [ $od_st -eq 0 ] && [ ! -e "$od/r10/.$od_id.part-$od_g3" ] &&
    [ ! -e "$od/r10/.khenthuong-$od_g3.lock" ] &&
    [ ! -e "$od/r10/$od_id/.bao-cao-CN01.pdf.part-$od_g4" ] &&
    [ -f "$od/r10/$od_id/.bao-cao-CN02.pdf.part-$od_l5" ] &&
    [ -f "$od/r10/.notes.part-mine" ] &&
    [ -f "$od/r10/$od_id/.draft.pdf.part-v2" ]; then
	ok "outdir: a dead run's temporary folder, lock and shard parts go; a live run's part and the user's hidden files stay"
else
	notok "outdir: a dead run's temporary folder, lock and shard parts go; a live run's part and the user's hidden files stay"
	ls -A "$od/r10" "$od/r10/$od_id" | sed 's/^/# /' | head -8
fi

# --- An old folder that cannot be removed (folders nested deeper than
# the program removes) is named in a warning, not left silently.
rm -rf "$od/r11"
"$prog" render --quiet -o "$od/r11" input/$od_id.xml >/dev/null 2>&1
mkdir -p "$od/r11/$od_id/a/b/c/d/e/f"
"$prog" render --quiet -o "$od/r11" input/$od_id.xml >"$od/r11.log" 2>&1
od_st=$?
od_litter=$(ls -A "$od/r11" | grep "^\.$od_id\.part-")
if [ $od_st -eq 0 ] && [ -n "$od_litter" ] &&
    grep -q "r11/$od_litter" "$od/r11.log" &&
    diff -r "$od/r11/$od_id" "$rdir/$od_id" >/dev/null 2>&1; then
	ok "outdir: an old folder that cannot be removed is named in a warning"
else
	notok "outdir: an old folder that cannot be removed is named in a warning"
	sed 's/^/# /' "$od/r11.log" | head -5
fi

# --- Few descriptors: fewer processes than --jobs, said; too few for
# one, a system error (exit 2), not exit 0 with nothing written.
rm -rf "$od/r12"
(ulimit -n 10 && exec "$prog" render --quiet --jobs 8 -o "$od/r12" \
    input/*.xml) >"$od/r12.log" 2>&1
od_st=$?
if [ $od_st -eq 0 ] && [ -s "$od/r12.log" ] &&
    od_whole "$od/r12" input/*.xml &&
    diff -r "$od/r12" "$rdir" >/dev/null 2>&1; then
	ok "outdir: ulimit -n 10, --jobs 8: fewer processes, said, every file written"
else
	notok "outdir: ulimit -n 10, --jobs 8: fewer processes, said, every file written"
	sed 's/^/# /' "$od/r12.log" | head -5
fi
rm -rf "$od/r12b"
(ulimit -n 6 && exec "$prog" render --quiet --jobs 8 -o "$od/r12b" \
    input/*.xml) >"$od/r12b.log" 2>&1
od_st=$?
if [ $od_st -eq 2 ] && grep -q "ulimit -n 6" "$od/r12b.log"; then
	ok "outdir: ulimit -n 6: a system error naming the limit (exit 2)"
else
	notok "outdir: ulimit -n 6: a system error naming the limit (exit 2)"
	sed 's/^/# /' "$od/r12b.log" | head -5
fi

# --- The dossier's digest in the PDFs is that of the file as read.
rm -rf "$od/r13"
"$prog" render --quiet -o "$od/r13" input/$od_id.xml >/dev/null 2>&1
od_sum=$(sha256sum <input/$od_id.xml | cut -c1-64)
if [ -n "$od_sum" ] && [ "$(grep -aho 'urn:sha256:[0-9a-f]*' \
    "$od/r13/$od_id"/*.pdf | sort -u)" = "urn:sha256:$od_sum" ]; then
	ok "outdir: dc:source of every PDF is the digest of the dossier read"
else
	notok "outdir: dc:source of every PDF is the digest of the dossier read"
fi

# --- The folder changed under a running render (its files, or all of
# it, removed when the first PDF appears): exit 2, or exit 0 with every
# file there and in the manifest.  Never exit 0 with files missing.
python3 bench/gen-dossier.py 300 "$od/big.xml" "$od/big-plan.xml"
for od_how in files folder; do
	rm -rf "$od/r14"
	mkdir -p "$od/r14"
	"$prog" render --quiet --plan "$od/big-plan.xml" --jobs 4 \
	    -o "$od/r14" "$od/big.xml" >"$od/r14.log" 2>&1 &
	od_pid=$!
	od_i=0
	while [ $od_i -lt 3000 ] && kill -0 $od_pid 2>/dev/null; do
		if ls "$od"/r14/.bench-300.part-*/*.pdf >/dev/null 2>&1; then
			if [ $od_how = files ]; then
				rm -f "$od"/r14/.bench-300.part-*/*.pdf
			else
				rm -rf "$od"/r14/.bench-300.part-*
			fi
			break
		fi
		od_i=$((od_i + 1))
		sleep 0.005
	done
	wait $od_pid
	od_st=$?
	if { [ $od_st -eq 2 ] && [ ! -e "$od/r14/bench-300" ]; } ||
	    { [ $od_st -eq 0 ] && od_whole "$od/r14" --plan "$od/big-plan.xml" \
	    "$od/big.xml"; }; then
		ok "outdir: its $od_how removed while it writes: exit 2, or every file there and listed (exit $od_st)"
	else
		notok "outdir: its $od_how removed while it writes: exit 2, or every file there and listed (exit $od_st)"
		sed 's/^/# /' "$od/r14.log" | head -5
	fi
done
