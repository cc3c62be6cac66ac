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
