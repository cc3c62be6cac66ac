# tests/areas/draft.sh: render --draft (cli.md) — every dossier that fits
# the schema rendered even over the quota or with places left to fill,
# each page of each document marked DỰ THẢO in its text, no print file,
# a marker in the folder, the exit status of a plain render; a final
# folder never replaced by a draft; a plain render over a draft.  Runs
# after tests/areas/render.sh, whose $rdir it compares with.

# draft_ok DIR: every page of every PDF of DIR says DỰ THẢO (pdftotext),
# its title starts with it, there is no print file, and the folder holds
# the marker and a manifest that lists every file and verifies.
draft_ok() {
	for p in "$1"/*.pdf; do
		[ -e "$p" ] || return 1
		pages=$(pdfinfo "$p" | awk '/^Pages:/ { print $2 }')
		i=1
		while [ "$i" -le "$pages" ]; do
			pdftotext -f $i -l $i "$p" - | grep -q 'DỰ THẢO' ||
			    { echo "# $p: page $i unmarked"; return 1; }
			i=$((i + 1))
		done
		pdfinfo "$p" | grep -q '^Title: *DỰ THẢO' ||
		    { echo "# $p: title"; return 1; }
	done
	[ ! -e "$1/bang-khen-in.pdf" ] && [ -s "$1/DU-THAO.txt" ] &&
	    (cd "$1" && sha256sum -c --quiet manifest.sha256 >/dev/null &&
	    [ "$(wc -l <manifest.sha256)" = "$(ls | grep -vc '^manifest.sha256$')" ])
}

# Over the quota: a plain render writes nothing; the draft writes every
# document of both dossiers and exits 1 with the same findings.
"$prog" render --quiet -o "$out/quota-plain" tests/batch/quota/*.xml \
    >"$out/quota-plain.out" 2>&1
pst=$?
"$prog" render --draft --quiet -o "$out/quota-draft" tests/batch/quota/*.xml \
    >"$out/quota-draft.out" 2>&1
st=$?
if [ $pst -eq 1 ] && [ $st -eq 1 ] &&
    cmp -s "$out/quota-plain.out" "$out/quota-draft.out" &&
    grep -q '\[quota\]' "$out/quota-draft.out" &&
    [ -e "$out/quota-draft/test-dot-1/bang-khen-CN01.pdf" ] &&
    [ "$(ls "$out/quota-draft/test-dot-1b" | grep -c 'pdf$')" -ge 10 ] &&
    draft_ok "$out/quota-draft/test-dot-1" &&
    draft_ok "$out/quota-draft/test-dot-1b"; then
	ok "draft: over the quota, every document written, each page DỰ THẢO, no print file, exit 1"
else
	notok "draft: over the quota, every document written, each page DỰ THẢO, no print file, exit 1 ($pst $st)"
	head -5 "$out/quota-draft.out"
fi
if [ -e "$out/quota-draft/test-dot-1/to-trinh.pdf" ]; then
	pdfa "draft: the drafts are PDF/A-1b" "$out/quota-draft/test-dot-1" \
	    "$out/draft-pdfa.txt"
else
	notok "draft: the drafts are PDF/A-1b (none written)"
fi

# Places left to fill ([CẦN ĐIỀN …]): a plain render writes nothing, a
# draft every document (the places left blank).
"$prog" render --quiet -o "$out/fill-plain" tests/import/danh-sach-mau.xml \
    >/dev/null 2>&1
pst=$?
"$prog" render --draft --quiet -o "$out/fill-draft" \
    tests/import/danh-sach-mau.xml >"$out/fill-draft.out" 2>&1
st=$?
d=$out/fill-draft/danh-sach-mau
if [ $pst -eq 1 ] && [ ! -e "$out/fill-plain/danh-sach-mau" ] &&
    [ $st -eq 1 ] && grep -q '\[placeholder\]' "$out/fill-draft.out" &&
    [ -e "$d/to-trinh.pdf" ] && [ -e "$d/bao-cao-TT02.pdf" ] &&
    draft_ok "$d"; then
	ok "draft: with places left to fill, every document written and marked, exit 1"
else
	notok "draft: with places left to fill, every document written and marked, exit 1 (exit $st)"
	head -5 "$out/fill-draft.out"
fi

# A folder of a final render is never replaced by a draft: exit 2 naming
# it, every byte kept (a draft's --dry-run says the same).
fin=$out/draft-final
"$prog" render --quiet -o "$fin" input/bchqs-dot-1.xml >/dev/null 2>&1
(cd "$fin" && find . -exec ls -ld --time-style=+%s.%N {} + |
    sort && find . -type f -exec sha256sum {} + | sort) >"$out/final-before"
"$prog" render --draft -o "$fin" input/bchqs-dot-1.xml >"$out/final-draft.out" 2>&1
st=$?
"$prog" render --draft --dry-run -o "$fin" input/bchqs-dot-1.xml \
    >"$out/final-dry.out" 2>&1
dst=$?
(cd "$fin" && find . -exec ls -ld --time-style=+%s.%N {} + |
    sort && find . -type f -exec sha256sum {} + | sort) >"$out/final-after"
if [ $st -eq 2 ] && [ $dst -eq 2 ] &&
    grep -q "$fin/bchqs-dot-1" "$out/final-draft.out" &&
    grep -q "$fin/bchqs-dot-1" "$out/final-dry.out" &&
    ! grep -q '\.pdf$' "$out/final-dry.out" &&
    cmp -s "$out/final-before" "$out/final-after" &&
    [ -e "$fin/bchqs-dot-1/bang-khen-in.pdf" ]; then
	ok "draft: a final folder is refused (exit 2, named), every byte kept"
else
	notok "draft: a final folder is refused (exit 2, named), every byte kept ($st $dst)"
	cat "$out/final-draft.out"
fi

# A draft over a draft is fine; with --only, the other kinds' drafts and
# the marker are kept; a plain --only keeps them too (the folder still
# holds drafts); a plain render replaces the draft folder whole, the
# marker gone: the folder is then a plain render's, byte for byte.
dd=$out/draft-over
"$prog" render --draft --quiet -o "$dd" input/bchqs-dot-1.xml >/dev/null 2>&1
s1=$?
"$prog" render --draft --quiet -o "$dd" input/bchqs-dot-1.xml >/dev/null 2>&1
s2=$?
"$prog" render --draft --quiet --only bao-cao -o "$dd" input/bchqs-dot-1.xml \
    >/dev/null 2>&1
s3=$?
if [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $s3 -eq 0 ] &&
    draft_ok "$dd/bchqs-dot-1"; then
	ok "draft: over a draft folder, whole or --only, still every page marked"
else
	notok "draft: over a draft folder, whole or --only, still every page marked ($s1 $s2 $s3)"
fi
"$prog" render --quiet --only bang-khen -o "$dd" input/bchqs-dot-1.xml \
    >/dev/null 2>&1
s1=$?
if [ $s1 -eq 0 ] && [ -s "$dd/bchqs-dot-1/DU-THAO.txt" ] &&
    cmp -s "$dd/bchqs-dot-1/bang-khen-CN01.pdf" \
    "$rdir/bchqs-dot-1/bang-khen-CN01.pdf" &&
    pdftotext "$dd/bchqs-dot-1/to-trinh.pdf" - | grep -q 'DỰ THẢO' &&
    (cd "$dd/bchqs-dot-1" && sha256sum -c --quiet manifest.sha256 \
    >/dev/null); then
	ok "draft: a plain --only into a draft folder keeps its drafts and marker"
else
	notok "draft: a plain --only into a draft folder keeps its drafts and marker ($s1)"
fi
"$prog" render --quiet -o "$dd" input/bchqs-dot-1.xml >/dev/null 2>&1
s1=$?
if [ $s1 -eq 0 ] && [ ! -e "$dd/bchqs-dot-1/DU-THAO.txt" ] &&
    diff -r "$dd/bchqs-dot-1" "$rdir/bchqs-dot-1" >/dev/null; then
	ok "draft: a plain render replaces a draft folder whole"
else
	notok "draft: a plain render replaces a draft folder whole ($s1)"
fi

# A template that cannot mark a draft (no <if test="render.draft"> in
# its <every-page>) is refused, named, before anything is written; the
# kinds not asked for do not count.
sed '/<every-page>/,/<\/every-page>/d' templates/to-trinh.xml \
    >"$gen/to-trinh-unmarked.xml"
"$prog" render --draft --template to-trinh="$gen/to-trinh-unmarked.xml" \
    -o "$out/unmarked" input/bchqs-dot-1.xml >"$out/unmarked.out" 2>&1
st=$?
"$prog" render --draft --quiet --only bao-cao \
    --template to-trinh="$gen/to-trinh-unmarked.xml" \
    -o "$out/unmarked-only" input/bchqs-dot-1.xml >/dev/null 2>&1
s1=$?
"$prog" render --quiet --template to-trinh="$gen/to-trinh-unmarked.xml" \
    -o "$out/unmarked-plain" input/bchqs-dot-1.xml >/dev/null 2>&1
s2=$?
if [ $st -eq 2 ] && [ ! -e "$out/unmarked" ] &&
    grep -q "$gen/to-trinh-unmarked.xml" "$out/unmarked.out" &&
    [ $s1 -eq 0 ] && [ $s2 -eq 0 ] &&
    cmp -s "$out/unmarked-plain/bchqs-dot-1/to-trinh.pdf" \
    "$rdir/bchqs-dot-1/to-trinh.pdf"; then
	ok "draft: a template without a draft mark is refused, named (exit 2)"
else
	notok "draft: a template without a draft mark is refused, named (exit 2) ($st $s1 $s2)"
	cat "$out/unmarked.out"
fi

# --draft with --shard: a usage error.
"$prog" render --draft --shard 1/2 -o "$out/draft-shard" input/bchqs-dot-1.xml \
    >"$out/draft-shard.out" 2>&1
st=$?
[ $st -eq 2 ] && [ ! -e "$out/draft-shard" ] &&
    head -1 "$out/draft-shard.out" | grep -q -- '--draft.*--shard' &&
    ok "draft: --draft with --shard is a usage error" ||
    notok "draft: --draft with --shard is a usage error ($st)"

# Two dossiers of one id in a draft (an error of both, reported): the first
# one given has the folder, made once, from it alone.
rm -rf "$out/draft-same-id"
"$prog" render --draft --quiet --jobs 1 -o "$out/draft-same-id" \
    tests/batch/same-id/a.xml tests/batch/same-id/b.xml >/dev/null 2>&1
st=$?
rm -rf "$out/draft-same-a"
"$prog" render --draft --quiet --jobs 1 -o "$out/draft-same-a" \
    tests/batch/same-id/a.xml >/dev/null 2>&1
if [ $st -eq 1 ] && [ "$(ls "$out/draft-same-id")" = test-dot-1 ] &&
    (cd "$out/draft-same-id/test-dot-1" && sha256sum -c --quiet manifest.sha256) &&
    diff -r "$out/draft-same-id/test-dot-1" "$out/draft-same-a/test-dot-1" \
    >/dev/null; then
	ok "draft: of two dossiers with one id, the first given is drafted"
else
	notok "draft: of two dossiers with one id, the first given is drafted ($st)"
fi
