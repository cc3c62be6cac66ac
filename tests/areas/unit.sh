# tests/areas/unit.sh: the C unit tests (tests/unit.c, built as $unit);
# they print their own ok / not ok lines.
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
