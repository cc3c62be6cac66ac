/*
 * fuzz_dossier.c: a libFuzzer target — bytes as a dossier file, through
 * the encoding check, the XML parser, the schema, the model and the
 * rules of the shipped plan.  Built by `make fuzz`; tests/fuzz/replay.c
 * runs it over the kept inputs in `make test`.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mem.h"
#include "diag.h"
#include "xml_in.h"
#include "model.h"
#include "plan.h"
#include "dossier_in.h"
#include "validate.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Loaded once: the schema and the plan (a harness may keep state). */
static struct xml	*x;
static struct plan	*p;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	*d;
	struct dossier	*ds;
	char		*err;
	size_t		 f;

	d = diag_new(DIAG_TEXT);
	if (x == NULL) {
		x = xml_new();
		if (xml_schema(x, "schema/dossier.xsd", &err) == -1 ||
		    (p = plan_load(x, "plans/217-KH-UBND.xml", d)) == NULL ||
		    validate_bind(p, d) == -1) {
			fprintf(stderr, "run from the project's top folder\n");
			abort();
		}
	}
	f = diag_file(d, "fuzz.xml", DIAG_DOSSIER);
	ds = dossier_load_bytes(x, "fuzz.xml", (const char *)data, size, d, f);
	if (ds != NULL) {
		validate_dossier(p, ds, d);
		validate_batch(&ds, (const struct plan **)&p, 1, d);
	}
	dossier_free(ds);
	diag_free(d);
	return 0;
}
