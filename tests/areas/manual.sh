# tests/areas/manual.sh: the manual page.  mandoc finds nothing to say
# about it, and man (groff, UTF-8) renders it without a warning.
mandoc -T lint khenthuong.1 >"$out/lint.out" 2>&1
st=$?
if [ $st -eq 0 ] && [ ! -s "$out/lint.out" ]; then
	ok "manual: mandoc -T lint prints nothing"
else
	notok "manual: mandoc -T lint prints nothing (exit $st)"
	head -20 "$out/lint.out"
fi
{ groff -k -Tutf8 -mandoc -ww -z khenthuong.1
  LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man --warnings -l khenthuong.1 \
      >/dev/null; } >"$out/groff.out" 2>&1
if [ ! -s "$out/groff.out" ]; then
	ok "manual: groff and man render it without a warning"
else
	notok "manual: groff and man render it without a warning"
	head -20 "$out/groff.out"
fi

# Every rule id the program can print has its line in the manual's
# DIAGNOSTICS: the shipped plans' rules and the built-in codes of diag.c.
awk '/^\.Sh DIAGNOSTICS/ { f = 1; next } /^\.Sh / { f = 0 } f' khenthuong.1 \
    >"$out/diagnostics.1"
sed -n 's/^[[:space:]]*\[DC_[A-Z_]*\] = { "\([^"]*\)".*/\1/p' src/diag.c \
    >"$out/ids-builtin"
ncodes=$(grep -c '^[[:space:]]*\[DC_[A-Z_]*\] = ' src/diag.c)
ids=$( (cat "$out/ids-builtin"; sed -n 's/.*<rule id="\([^"]*\)".*/\1/p' \
    plans/*.xml) | sort -u)
missing=""
for id in $ids; do
	grep -qx "\.It Bq Li $id" "$out/diagnostics.1" || missing="$missing $id"
done
if [ -z "$missing" ] && [ "$ncodes" -gt 0 ] &&
    [ "$(wc -l <"$out/ids-builtin")" -eq "$ncodes" ]; then
	ok "manual: DIAGNOSTICS has a line for each of the $(echo $ids | wc -w) rule ids"
else
	notok "manual: DIAGNOSTICS lacks:$missing (built-in ids read: $(wc -l <"$out/ids-builtin") of $ncodes)"
fi
