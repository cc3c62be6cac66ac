# tests/areas/install.sh: what is shipped — the colour profile, make
# install and uninstall, the README's picture.  Runs after
# tests/areas/render.sh, whose $rdir it compares with.

# The sRGB profile in the tree is the one tools/make-srgb-icc.py makes.
python3 tools/make-srgb-icc.py "$out/srgb.icc" &&
    cmp -s "$out/srgb.icc" color/srgb.icc &&
    ok "color/srgb.icc is what tools/make-srgb-icc.py makes" ||
    notok "color/srgb.icc is what tools/make-srgb-icc.py makes"
# make install: the installed program finds its data from its own
# location, from any directory, and writes what the build tree's writes;
# make uninstall leaves only empty folders.  The binary under test is the
# one installed (PROG), so nothing is rebuilt.
top=$(pwd)
inst=$top/$out/inst
make -s install PREFIX="$inst" PROG="${prog#./}" >"$out/install.log" 2>&1
st=$?
bad=""
[ $st -eq 0 ] || bad="$bad exit-$st"
for f in bin/khenthuong share/man/man1/khenthuong.1 \
    share/khenthuong/schema/dossier.xsd share/khenthuong/fonts/fonts.xml \
    share/khenthuong/printers/mac-dinh.xml share/khenthuong/plans/README.md \
    share/khenthuong/color/srgb.icc share/locale/vi/LC_MESSAGES/khenthuong.mo \
    $(ls plans/*.xml templates/*.xml | sed 's|^|share/khenthuong/|'); do
	[ -f "$inst/$f" ] || bad="$bad $f"
done
[ -x "$inst/bin/khenthuong" ] || bad="$bad not-executable"
(cd / && env -u KHENTHUONG_DATADIR "$inst/bin/khenthuong" render \
    -o "$top/$out/inst-render" "$top/input/bchqs-dot-1.xml") \
    >"$out/inst-run.log" 2>&1 || bad="$bad render-exit-$?"
diff -r "$rdir/bchqs-dot-1" "$out/inst-render/bchqs-dot-1" >/dev/null 2>&1 ||
    bad="$bad files-differ"
if [ -z "$bad" ]; then
	ok "make install: the installed program renders from / with its own data"
else
	notok "make install: the installed program renders from / with its own data:$bad"
	cat "$out/install.log" "$out/inst-run.log" | head -10
fi
# It finds its catalogue at <bindir>/../share/locale: Vietnamese with no
# locale variable, as the build tree's program.
(cd / && env -i$san "$inst/bin/khenthuong" --help) >"$out/inst-help.out" 2>&1
env -i$san "$prog" --help >"$out/help.out" 2>&1
grep -q "^cách dùng:" "$out/inst-help.out" &&
    cmp -s "$out/inst-help.out" "$out/help.out" &&
    ok "make install: the installed program finds its Vietnamese catalogue" ||
    notok "make install: the installed program finds its Vietnamese catalogue"
# The data it read was the installed one: a broken plan put there is named.
echo '<plan' >"$inst/share/khenthuong/plans/zz-broken.xml"
(cd / && env -u KHENTHUONG_DATADIR "$inst/bin/khenthuong" check \
    "$top/input/bchqs-dot-1.xml") >"$out/inst-broken.log" 2>&1
st=$?
rm -f "$inst/share/khenthuong/plans/zz-broken.xml"
[ $st -eq 2 ] && grep -q "^$inst/.*share/khenthuong/plans/zz-broken.xml:" \
    "$out/inst-broken.log" &&
    ok "make install: the program reads <bindir>/../share/khenthuong" ||
    { notok "make install: the program reads <bindir>/../share/khenthuong (exit $st)"; head -5 "$out/inst-broken.log"; }
LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man --warnings -l \
    "$inst/share/man/man1/khenthuong.1" >"$out/inst-man.out" 2>"$out/inst-man.err"
st=$?
[ $st -eq 0 ] && [ ! -s "$out/inst-man.err" ] &&
    grep -q "khenthuong render" "$out/inst-man.out" &&
    ok "make install: man -l reads the installed page" ||
    notok "make install: man -l reads the installed page (exit $st)"
make -s uninstall PREFIX="$inst" >"$out/uninstall.log" 2>&1
left=$(find "$inst" ! -type d | sed "s|^$inst/||")
[ -z "$left" ] && ok "make uninstall: only empty folders are left" ||
    notok "make uninstall: only empty folders are left (left: $left)"
# DESTDIR stages the same tree under another root.
dest=$top/$out/dest
make -s install DESTDIR="$dest" PREFIX=/usr PROG="${prog#./}" >/dev/null 2>&1
n1=$(find "$dest/usr" -type f | wc -l)
[ -x "$dest/usr/bin/khenthuong" ] && x=yes || x=no
make -s uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1
n2=$(find "$dest" -type f | wc -l)
[ $x = yes ] && [ "$n1" -gt 10 ] && [ "$n2" -eq 0 ] &&
    ok "make install DESTDIR: $n1 files staged under DESTDIR, all removed" ||
    notok "make install DESTDIR: $n1 files staged, $n2 left"

# The README's picture is what `make docs/bang-khen.png` makes today.
make -s DOCS="$top/$out/docs" PROG="${prog#./}" "$top/$out/docs/bang-khen.png" \
    >"$out/docs.log" 2>&1
if cmp -s docs/bang-khen.png "$out/docs/bang-khen.png"; then
	ok "docs/bang-khen.png is the certificate the program draws now"
else
	notok "docs/bang-khen.png is the certificate the program draws now (make docs/bang-khen.png)"
	head -5 "$out/docs.log"
fi
