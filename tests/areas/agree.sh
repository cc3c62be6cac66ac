# check and render agree (cli.md): over every dossier the suite has, and
# each batch of tests/batch/, check's verdict is render's and every finding
# of render is one of check's; what check accepts, render renders.  The
# dossiers of tests/check/ and input/, the suite's generated ones (a text
# too long, a character no font has, a word too wide) and the batches.
agree_one() {
	name=$1
	shift
	"$prog" check --format json "$@" >"$out/agree/$name.check.json" \
	    2>"$out/agree/$name.check.err"
	cs=$?
	rm -rf "$out/agree/$name"
	"$prog" render --format json -o "$out/agree/$name" "$@" \
	    >"$out/agree/$name.render.json" 2>"$out/agree/$name.render.err"
	rs=$?
	if ! python3 tests/agree.py "$out/agree/$name.check.json" "$cs" \
	    "$out/agree/$name.render.json" "$rs" >>"$out/agree/differ.txt"; then
		agree_bad="$agree_bad $name"
	elif [ "$cs" = 0 ] && [ ! -f "$out/agree/$name/manifest.sha256" ] &&
	    [ -z "$(ls "$out/agree/$name" 2>/dev/null)" ]; then
		echo "$name: check accepts it, render wrote nothing" \
		    >>"$out/agree/differ.txt"
		agree_bad="$agree_bad $name"
	fi
	agree_n=$((agree_n + 1))
	rm -rf "$out/agree/$name"
}
rm -rf "$out/agree"
mkdir -p "$out/agree"
agree_bad=
agree_n=0
for f in input/*.xml tests/check/*.xml "$gen/toolong.xml" "$gen/glyph.xml" \
    "$gen/glyph-para.xml" "$gen/wide.xml"; do
	agree_one "$(basename "$f" .xml)" "$f"
done
for b in tests/batch/*/; do
	# shellcheck disable=SC2046
	agree_one "batch-$(basename "$b")" $(ls "$b"*.xml)
done
if [ -z "$agree_bad" ] && [ "$agree_n" -gt 90 ]; then
	ok "check and render agree on all $agree_n dossiers and batches"
else
	notok "check and render agree ($agree_n run; differ:$agree_bad; see $out/agree/differ.txt)"
fi
