#!/bin/sh
# The test suite.  Usage: sh tests/run.sh PROGRAM UNIT REPLAY [--update]
# (--update rewrites the golden files from what the program says; review
# the diff).  Ends with the line "N passed, N failed", and fails if any
# test failed.  The shared functions are in tests/lib.sh; the tests, one
# script an area, in tests/areas/, tests/attack/ and tests/units/; the
# cases (input, arguments, expected output) in folders beside them.  See
# tests/README.md.

. ./tests/lib.sh
suite_init "$@"

. ./tests/areas/check.sh
. ./tests/areas/input.sh
. ./tests/areas/import.sh
. ./tests/areas/render.sh
. ./tests/areas/agree.sh
. ./tests/areas/folders.sh
. ./tests/areas/draft.sh
. ./tests/areas/i18n.sh
. ./tests/areas/progress.sh

# The layout engine's own tests, with a fake backend (tests/layout/), and
# the PDF backend's (tests/pdf/README.md).
subsuite tests/layout/run.sh "$out/layout.out"
subsuite tests/pdf/run.sh "$out/pdf.out"

. ./tests/areas/fuzz.sh
. ./tests/areas/manual.sh
. ./tests/areas/install.sh

# Attacks as a hostile user and an unlucky office would mount them: one
# script an area, each with its inputs beside it under tests/attack/.
for t in tests/attack/*.sh; do
	[ -f "$t" ] && . "./$t"
done

# The documents as a records officer reads them (tests/units/).
. ./tests/units/documents.sh
. ./tests/units/import.sh
. ./tests/units/model.sh

. ./tests/areas/unit.sh

suite_end
