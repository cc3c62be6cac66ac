# tests/attack/config.sh: configuration files a province edits —
# templates, the images they name, printer profiles — made to crash,
# hang or exhaust the program.  Each must be refused when it loads, at
# its own file and line (exit 2), or, when it is the dossier that is too
# large for a document, at the dossier.  Sourced by tests/run.sh; the
# inputs are in tests/attack/config/, the large images made here by its
# make-png.py.  Anything that could hang runs under timeout 60, and a
# timeout is a failure.

cfg=tests/attack/config
cout=$out/config
mkdir -p "$cout"
cp "$cfg"/*.xml "$cfg"/*.png "$cout/"
python3 "$cfg/make-png.py" "$cout" big
mkfifo "$cout/fifo.png" "$cout/tpl-fifo.xml"
# Loops over the nominees and each one's sections are fine; 500 nominees
# make the document too large, which is the dossier's [limit-document].
python3 bench/gen-dossier.py 500 "$cout/big.xml" "$cout/big-plan.xml"
# A template over 4 MB is refused whole (it was cut and the rest parsed).
{ sed '$d' templates/to-trinh.xml
  i=0
  while [ $i -lt 100 ]; do
	printf '<!-- %01024d -->\n' 0
	i=$((i + 1))
  done | sed 'p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p;p'
  echo '</template>'; } >"$cout/tpl-big.xml"

# The cases, each NAME.args and NAME.out in tests/attack/config/:
# - img-*: each broken or oversized PNG is an error at the template's
#   <image> line, before any dossier is drawn; libpng never aborts the
#   run.  A FIFO named as an image (img-fifo) is refused without a byte
#   read (it hung).
# - values of a template (rule-empty-length, lengths-nan, lengths-huge,
#   box-zero, columns-1000, values, margins, duplicates): every one out
#   of range or of the wrong kind is an error at its line, none is found
#   late as a dossier's problem.
# - budgets: <for> nested 16 deep (for-nested; it ran out of memory) is
#   the template's error at its outermost <for>; a dossier that makes
#   more than 2,000 pages of one document (pages), or 500 nominees in
#   loops over the nominees and their sections (budget-data), is the
#   dossier's.
# - a template over 4 MB (template-size), a FIFO as a template
#   (template-fifo, refused without blocking).
# - printer profiles: offsets a printer cannot have, NaN, what a profile
#   does not hold (printer-far, printer-nan, printer-extra); the
#   calibration sheet refuses them too (calibrate-far).
runner="timeout 60"
cases "$cfg" config
runner=

# A good PNG beside the FIFO is drawn, the same bytes one image twice.
timeout 60 "$prog" render -o "$cout/r-good" --only to-trinh \
    --template "to-trinh=$cout/img-good.xml" tests/check/valid.xml \
    >"$cout/good.log" 2>&1
st=$?
pdfimages -list "$cout/r-good/test-dot-1/to-trinh.pdf" 2>/dev/null |
    awk 'NR > 2 { n++; ids[$11] = 1 } END { print n, length(ids) }' \
    >"$cout/good.images"
if [ $st -eq 0 ] && [ "$(cat "$cout/good.images")" = "2 1" ] &&
    grep -q "fifo.png" "$out/config-img-fifo.got"; then
	ok "config: a FIFO image is refused at load; a good PNG is one image drawn twice"
else
	notok "config: a FIFO image is refused at load; a good PNG is one image drawn twice (exit $st)"
	cat "$cout/good.log" "$cout/good.images" | head -5
fi

# A full disk while pages stream out is a system error (exit 2), never a
# dossier's [image] problem.  Needs a small file system of our own.
mkdir -p "$cout/full"
if mount -t tmpfs -o size=300k tmpfs "$cout/full" 2>/dev/null; then
	dd if=/dev/zero of="$cout/full/fill" bs=1k count=250 2>/dev/null
	timeout 60 "$prog" render -o "$cout/full/out" --only to-trinh \
	    --template "to-trinh=$cfg/many-pages.xml" tests/check/valid.xml \
	    >"$cout/full.log" 2>&1
	st=$?
	umount "$cout/full"
	if [ $st -eq 2 ] && ! grep -q '\[image\]' "$cout/full.log" &&
	    grep -q '^khenthuong: .*to-trinh.pdf: ' "$cout/full.log"; then
		ok "config: a full disk is a system error, not an [image] of the dossier"
	else
		notok "config: a full disk is a system error, not an [image] of the dossier (exit $st)"
		head -5 "$cout/full.log"
	fi
else
	echo "# skipped: a full disk (cannot mount a tmpfs here)"
fi
