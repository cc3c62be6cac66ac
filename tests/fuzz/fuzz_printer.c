/*
 * fuzz_printer.c: a libFuzzer target — bytes as a printer profile,
 * loaded and checked (printer.h).  Built by `make fuzz`;
 * tests/fuzz/replay.c runs it over the kept inputs in `make test`.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "xml_in.h"
#include "printer.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Loaded once (a harness may keep state). */
static struct xml	*x;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	*d;
	struct printer	 p;

	if (x == NULL && (x = xml_new()) == NULL)
		abort();
	d = diag_new(DIAG_TEXT);
	if (printer_load_bytes(x, "fuzz.xml", (const char *)data, size, d,
	    diag_file(d, "fuzz.xml", DIAG_CONFIG), &p) == 0) {
		/* What a profile may give: offsets a printer can have. */
		if (!(p.dx >= -200 && p.dx <= 200 && p.dy >= -200 &&
		    p.dy <= 200))
			abort();
		printer_clear(&p);
	}
	diag_free(d);
	return 0;
}
