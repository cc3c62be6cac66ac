# Sourced by tests/run.sh: the program's own data files (DATADIR: the ICC
# profile, the fonts) are input too.  A FIFO or a device in their place is
# refused before it is read, never waited on; a font file too large for
# the subsetter is refused before libharu reads it.

dd=$out/attack-data
mkdir -p "$dd"
cp -R schema plans templates fonts printers color "$dd/"
rm -f "$dd/color/srgb.icc"
mkfifo "$dd/color/srgb.icc"
KHENTHUONG_DATADIR=$dd timeout 60 "$prog" render -o "$dd/out" \
    input/bchqs-dot-1.xml >"$dd/icc.out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q 'srgb.icc.*not a regular file' "$dd/icc.out" &&
    [ ! -e "$dd/out/bchqs-dot-1" ]; then
	ok "data: a FIFO as the ICC profile is refused at once (exit 2)"
else
	notok "data: a FIFO as the ICC profile is refused at once (exit $st)"
	head -3 "$dd/icc.out"
fi
rm -f "$dd/color/srgb.icc"
cp color/srgb.icc "$dd/color/"

# A "Times New Roman" file of 65 MiB: found, then refused by its size.
truncate -s 65M "$dd/fonts/times.ttf"
KHENTHUONG_DATADIR=$dd timeout 60 "$prog" render -o "$dd/out" \
    input/bchqs-dot-1.xml >"$dd/font.out" 2>&1
st=$?
if [ $st -eq 2 ] && grep -q 'times.ttf.*at most 64 MiB' "$dd/font.out"; then
	ok "data: a 65 MiB font file is refused before it is read (exit 2)"
else
	notok "data: a 65 MiB font file is refused before it is read (exit $st)"
	head -3 "$dd/font.out"
fi
rm -rf "$dd"

# Every input that is not a regular file is refused before it is read: a
# FIFO never makes the program wait, /dev/zero never fills its memory.
sp=$out/attack-special
mkdir -p "$sp"
mkfifo "$sp/fifo.xml" "$sp/fifo.csv"
sbad=
special() {
	# special NAME ARGS...: exit 2 at once, "không phải tệp thông thường" (not a regular file) said
	name=$1
	shift
	timeout 60 "$prog" "$@" >"$sp/$name.out" 2>&1
	st=$?
	[ $st -eq 2 ] && grep -q 'không phải tệp thông thường' "$sp/$name.out" ||
	    sbad="$sbad $name(exit $st)"
}
special plan-fifo check --plan "$sp/fifo.xml" input/bchqs-dot-1.xml
special plan-zero check --plan /dev/zero input/bchqs-dot-1.xml
special printer-zero render -o "$sp/o" --blank-stock /dev/zero \
    input/bchqs-dot-1.xml
special printer-fifo calibrate -o "$sp/c.pdf" "$sp/fifo.xml"
special template-zero render -o "$sp/o" --template bang-khen=/dev/zero \
    input/bchqs-dot-1.xml
special dossier-fifo check "$sp/fifo.xml"
special dossier-zero check /dev/zero
special csv-fifo import -o "$sp/x.xml" "$sp/fifo.csv"
[ -z "$sbad" ] &&
    ok "data: FIFOs and /dev/zero as plan, printer, template, dossier, list: refused at once (exit 2)" ||
    notok "data: FIFOs and /dev/zero as plan, printer, template, dossier, list: refused at once:$sbad"
rm -rf "$sp"
