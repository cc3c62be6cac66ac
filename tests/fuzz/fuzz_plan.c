/*
 * fuzz_plan.c: a libFuzzer target — bytes as a plan file, loaded and its
 * rules bound to the checks, then applied to the test dossier alone and
 * as a batch of two.  Built by `make fuzz`; tests/fuzz/replay.c runs it
 * over the kept inputs in `make test`.
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

/* Loaded once (a harness may keep state): the schema and two dossiers. */
static struct xml	*x;
static struct dossier	*ds[2];
static struct diag	*d0;

static const char *const dossiers[2] = {
	"tests/check/valid.xml", "input/bchqs-dot-1.xml"
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag		*d;
	struct plan		*p;
	const struct plan	*pl[2];
	char			*err;
	size_t			 i;

	if (x == NULL) {
		d0 = diag_new(DIAG_TEXT);
		x = xml_new();
		if (xml_schema(x, "schema/dossier.xsd", &err) == -1) {
			fprintf(stderr, "run from the project's top folder\n");
			abort();
		}
		for (i = 0; i < 2; i++)
			if ((ds[i] = dossier_load(x, dossiers[i], d0,
			    diag_file(d0, dossiers[i], DIAG_DOSSIER))) ==
			    NULL) {
				fprintf(stderr, "run from the project's top "
				    "folder\n");
				abort();
			}
	}
	/* The dossiers' files first, at the indexes they have in d0. */
	d = diag_new(DIAG_TEXT);
	for (i = 0; i < 2; i++)
		(void)diag_file(d, dossiers[i], DIAG_DOSSIER);
	p = plan_load_bytes(x, "fuzz.xml", (const char *)data, size, d);
	if (p != NULL && validate_bind(p, d) == 0) {
		for (i = 0; i < 2; i++) {
			validate_dossier(p, ds[i], d);
			pl[i] = p;
		}
		validate_batch(ds, pl, 2, d);
	}
	plan_free(p);
	diag_free(d);
	return 0;
}
