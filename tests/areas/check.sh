# tests/areas/check.sh: what check says of a dossier, a batch and a plan,
# as golden files (tests/check/, tests/batch/, tests/plans/, tests/cli/;
# each folder's command line is in its default.args, or NAME.args).

# Single dossiers with their expected diagnostics.
cases tests/check check

# Batches: every file of a folder in one run (cross-file rules).
cases tests/batch batch

# Plan files of our own: their errors are reported at their lines.
cases tests/plans plan

# The JSON form of the same findings; the bundled samples are valid: no
# diagnostic, only the summary.
cases tests/cli

# With --quiet, the samples say nothing at all.
"$prog" check --quiet input/*.xml >"$out/samples.out" 2>&1
st=$?
if [ $st -eq 0 ] && [ ! -s "$out/samples.out" ]; then
	ok "samples are valid and quiet with --quiet"
else
	notok "samples are valid and quiet with --quiet (exit $st)"
	cat "$out/samples.out"
fi

# Every rule of the shipped plan fires in some golden test.
for id in $(sed -n 's/.*<rule id="\([^"]*\)".*/\1/p' plans/*.xml); do
	if grep -q "\[$id\]" tests/check/*.out tests/batch/*.out 2>/dev/null
	then
		ok "rule $id fires in a test"
	else
		notok "rule $id fires in a test"
	fi
done

# A list, a workbook, a Word or Writer report or a PDF given as a dossier
# is named for what it is, with what to run instead (tests/notdossier/).
cases tests/notdossier notdossier
if [ -e "$out/notdossier" ]; then
	notok "render of files that are not dossiers writes nothing"
else
	ok "render of files that are not dossiers writes nothing"
fi
