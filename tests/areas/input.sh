# tests/areas/input.sh: inputs that are not what a dossier should be —
# empty, a folder, missing, too large, in another encoding than declared,
# in a legacy encoding — and a command line that is not one.

# Inputs made here rather than stored, with their goldens in tests/gen/:
# an empty file, a folder, a file that is not there, 100 MB of nothing,
# and the windows-1258 sample declared as UTF-8 (the program names the
# encoding it really is).
: >"$gen/empty.xml"
mkdir -p "$gen/a-folder.xml"
truncate -s 100M "$gen/huge.xml"
sed '1s/windows-1258/UTF-8/' input/bchqs-dot-2.xml >"$gen/cp1258-as-utf8.xml"
cases tests/gen gen
rm -f "$gen/huge.xml"

# The test dossier in each legacy encoding, declared so: read as the same
# dossier, valid and quiet.
for enc in windows-1258 TCVN5712-1 VISCII; do
	sed "1s/UTF-8/$enc/" tests/check/valid.xml |
	    iconv -f UTF-8 -t $enc >"$gen/$enc.xml"
	if "$prog" check --quiet "$gen/$enc.xml" >"$out/$enc.out" 2>&1 &&
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
