# tests/areas/i18n.sh: the interface language (src/i18n.c, po/).
# Vietnamese with no locale variable at all, and with LANG=vi_VN.UTF-8
# (a locale that is usually not generated); English under LANG=C and
# another locale.  Findings about a dossier are Vietnamese in every case.
# Each case of tests/i18n/ (NAME.args) runs in each locale, against
# NAME.vi.out or NAME.en.out.
for loc in none vi_VN.UTF-8 C en_US.UTF-8; do
	case $loc in
	none) runner="env -i$san"; lang=vi ;;
	vi*) runner="env -i$san LANG=$loc"; lang=vi ;;
	*) runner="env -i$san LANG=$loc"; lang=en ;;
	esac
	cases tests/i18n "i18n-$loc" ".$lang"
done
runner=

# The catalogue: po/khenthuong.pot is what `make pot` extracts from the
# sources now, and po/vi.po translates every message of it, none fuzzy.
make -s --no-print-directory pot POT="$out/khenthuong.pot" >/dev/null 2>&1
grep -v '^"POT-Creation-Date:' po/khenthuong.pot >"$out/pot.want"
grep -v '^"POT-Creation-Date:' "$out/khenthuong.pot" >"$out/pot.got" 2>/dev/null
if [ -s "$out/pot.got" ] && cmp -s "$out/pot.want" "$out/pot.got"; then
	ok "po: khenthuong.pot holds the messages of the sources (make pot)"
else
	notok "po: khenthuong.pot holds the messages of the sources (make pot)"
	diff -u "$out/pot.want" "$out/pot.got" | head -20
fi
nmsg=$(($(grep -c '^msgid ' po/khenthuong.pot) - 1))
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null po/vi.po 2>&1)
if [ "$stats" = "$nmsg translated messages." ] &&
    msgcmp po/vi.po po/khenthuong.pot >/dev/null 2>&1 &&
    [ -z "$(msgattrib --only-fuzzy --no-obsolete po/vi.po)" ]; then
	ok "po: vi.po translates all $nmsg messages, checks clean, none fuzzy"
else
	notok "po: vi.po translates all $nmsg messages ($stats)"
	msgcmp po/vi.po po/khenthuong.pot 2>&1 | head -5
fi
