/*
 * fuzz_template.c: a libFuzzer target — bytes as a template file,
 * loaded and checked, then expanded against the test dossier (fonts
 * stubbed: no PDF is made).  Built by `make fuzz`; tests/fuzz/replay.c
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
#include "backend.h"
#include "blocks.h"
#include "fonts.h"
#include "template.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
no_font(void *arg, const char *key, const char *path, char *err,
    size_t errlen)
{
	(void)arg;
	(void)key;
	(void)path;
	(void)err;
	(void)errlen;
	return 0;
}

/* Loaded once (a harness may keep state): fonts, plan, a dossier. */
static struct xml	*x;
static struct fonts	*fs;
static struct plan	*p;
static struct dossier	*ds;
static struct diag	*d0;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	*d;
	struct template	*t;
	struct tpl_ctx	 ctx;
	struct blk_doc	*doc;
	char		*err, msg[256];
	size_t		 i;

	if (x == NULL) {
		d0 = diag_new(DIAG_TEXT);
		x = xml_new();
		if (xml_schema(x, "schema/dossier.xsd", &err) == -1 ||
		    (fs = fonts_load(x, "fonts/fonts.xml", "fonts", d0)) ==
		    NULL || (p = plan_load(x, "plans/217-KH-UBND.xml", d0)) ==
		    NULL || (ds = dossier_load(x, "tests/check/valid.xml", d0,
		    diag_file(d0, "tests/check/valid.xml", DIAG_DOSSIER))) ==
		    NULL) {
			fprintf(stderr, "run from the project's top folder\n");
			abort();
		}
		validate_dossier(p, ds, d0);
	}
	d = diag_new(DIAG_TEXT);
	t = template_load_bytes(x, "fuzz.xml", (const char *)data, size, fs,
	    d);
	if (t != NULL) {
		ctx.ds = ds;
		ctx.plan = p;
		ctx.font = no_font;
		ctx.arg = NULL;
		ctx.blank_stock = 0;
		ctx.diag = NULL;	/* findings in msg */
		for (i = 0; i < ds->nnominees; i++) {
			ctx.nominee = &ds->nominees[i];
			doc = template_expand(t, &ctx, msg, sizeof(msg));
			blk_doc_free(doc);
			free(template_meta(t, &ctx, "title"));
		}
	}
	template_free(t);
	diag_free(d);
	return 0;
}
