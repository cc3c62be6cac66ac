/*
 * fuzz_csv.c: a libFuzzer target — bytes as a nominee list saved from a
 * spreadsheet (CSV in any of the encodings import accepts), read into
 * rows and cells.  Built by `make fuzz`; tests/fuzz/replay.c runs it over
 * the kept inputs in `make test`.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "csv_in.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	*d = diag_new(DIAG_TEXT);
	struct csv	*c;
	size_t		 f, i, j, n = 0;

	f = diag_file(d, "fuzz.csv", DIAG_DOSSIER);
	if ((c = csv_parse((const char *)data, size, d, f)) != NULL) {
		/* Every cell is a string and lines never go backwards. */
		for (i = 0; i < c->nrows; i++)
			for (j = 0; j < c->rows[i].n; j++) {
				n += strlen(c->rows[i].cells[j].s);
				if (c->rows[i].cells[j].line < c->rows[i].line)
					__builtin_trap();
			}
		csv_free(c);
	}
	diag_free(d);
	(void)n;
	return 0;
}
