# tests/areas/fuzz.sh: the fuzz targets ($replay*) over the inputs kept
# from `make fuzz` and the seeds: none may crash (the sanitizers watch in
# `make asan`).
for t in dossier template csv printer plan; do
	if [ -x "$replay$t" ]; then
		set -- tests/fuzz/$t/*
		[ -e "$1" ] || set --
		case $t in
		dossier) set -- "$@" tests/check/*.xml ;;
		csv) set -- "$@" input/*.csv tests/import/bad/*.csv ;;
		template) set -- "$@" templates/*.xml tests/templates/*.xml ;;
		printer) set -- "$@" printers/*.xml ;;
		plan) set -- "$@" plans/*.xml tests/plans/*.xml ;;
		esac
		"$replay$t" "$@" >"$out/replay-$t.out" 2>&1
		st=$?
		n=$(grep -c '^ok ' "$out/replay-$t.out")
		[ $st -eq 0 ] && [ "$n" = $# ] &&
		    ok "fuzz target $t: $n kept inputs replayed without a crash" ||
		    { notok "fuzz target $t: replay (exit $st)"; tail -5 "$out/replay-$t.out"; }
	else
		notok "fuzz target $t: replay built ($replay$t)"
	fi
done
