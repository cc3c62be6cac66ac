/*
 * expand.c: a real template expanded against the test dossier and laid
 * out with the run's face set (font.h) and a fake drawing device — no PDF
 * backend, no libharu — and its layout dump compared with the one the
 * program writes (tests/render/layout/), so that measuring without a PDF
 * is shown to place every glyph where the PDF's run placed it.
 *
 * Usage (from the project's top folder): expand TEMPLATE DOSSIER NOMINEE
 * GOLDEN, e.g. expand templates/bang-khen.xml tests/check/valid.xml CN01
 * tests/render/layout/bang-khen-CN01.pdf.layout.  Prints "ok - ..." or
 * "not ok - ..." per check and "# N passed, N failed"; exits 1 if any
 * check failed.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "xml_in.h"
#include "model.h"
#include "plan.h"
#include "dossier_in.h"
#include "validate.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "phrases.h"
#include "fonts.h"
#include "template.h"
#include "fake.h"

/* The template's font callback: a face of the set, no document. */
static int
face_cb(void *arg, const char *key, const char *path, char *err,
    size_t errlen)
{
	(void)key;
	return font_set_load(arg, path, err, errlen);
}

static int	 pass, fail;

static void
check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	if (ok)
		pass++;
	else
		fail++;
}

/* 1 if the files at a and b hold the same bytes. */
static int
same(const char *a, const char *b)
{
	FILE	*fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int	 ca, cb, eq = fa != NULL && fb != NULL;

	while (eq) {
		ca = getc(fa);
		cb = getc(fb);
		if (ca != cb)
			eq = 0;
		if (ca == EOF || cb == EOF)
			break;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return eq;
}

int
main(int argc, char *argv[])
{
	struct diag	*d;
	struct xml	*x;
	struct fonts	*fonts;
	struct plan	*pl;
	struct dossier	*ds;
	struct phrases	*ph;
	struct template	*t;
	struct font_set	*fs;
	struct font_measure fm;
	struct tpl_ctx	 ctx;
	struct blk_doc	*doc = NULL;
	struct lo_result res;
	struct lo_error	 lerr;
	struct fake	 dev;
	char		*xerr, err[512], out[] = "/tmp/kt-expand.XXXXXX";
	FILE		*fp;
	size_t		 i;
	int		 fd;

	if (argc != 5) {
		fprintf(stderr, "usage: expand TEMPLATE DOSSIER NOMINEE "
		    "GOLDEN\n");
		return 2;
	}
	d = diag_new(DIAG_TEXT);
	x = xml_new();
	if (xml_schema(x, "schema/dossier.xsd", &xerr) == -1 ||
	    (fonts = fonts_load(x, "fonts/fonts.xml", "fonts", d)) == NULL ||
	    (pl = plan_load(x, "plans/217-KH-UBND.xml", d)) == NULL ||
	    (ph = phrases_load("templates/phrases.txt", d)) == NULL ||
	    (ds = dossier_load(x, argv[2], d, diag_file(d, argv[2],
	    DIAG_DOSSIER))) == NULL ||
	    (t = template_load(x, argv[1], fonts, d)) == NULL) {
		fprintf(stderr, "expand: run from the project's top folder\n");
		return 2;
	}
	validate_dossier(pl, ds, d);
	fs = font_set_new();
	memset(&ctx, 0, sizeof(ctx));
	ctx.ds = ds;
	ctx.plan = pl;
	ctx.font = face_cb;
	ctx.arg = fs;
	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].id.s != NULL &&
		    strcmp(ds->nominees[i].id.s, argv[3]) == 0)
			ctx.nominee = &ds->nominees[i];
	check(ctx.nominee != NULL, "the dossier has the nominee");
	if (ctx.nominee != NULL)
		doc = template_expand(t, &ctx, err, sizeof(err));
	check(doc != NULL, "the template expands with no PDF backend");
	memset(&res, 0, sizeof(res));
	memset(&dev, 0, sizeof(dev));
	if (doc != NULL) {
		doc->phrases = ph;
		fm = font_measure_of(fs);
		check(layout_run(doc, &fm, &res, &lerr) == 0 &&
		    layout_draw(&res, &fake_ops, &dev, &lerr) == 0 &&
		    dev.pages > 0 && dev.text > 0,
		    "it is laid out with the face set and drawn on a fake "
		    "device");
		fp = (fd = mkstemp(out)) == -1 ? NULL : fdopen(fd, "w");
		if (fp != NULL) {
			layout_dump(&res, fp);
			fclose(fp);
		}
		check(fp != NULL && same(out, argv[4]), "its layout dump is "
		    "the program's, glyph for glyph");
		remove(out);
	}
	lo_result_free(&res);
	blk_doc_free(doc);
	template_free(t);
	font_set_free(fs);
	phrases_free(ph);
	dossier_free(ds);
	plan_free(pl);
	fonts_free(fonts);
	xml_free(x);
	diag_free(d);
	printf("# %d passed, %d failed\n", pass, fail);
	return fail > 0;
}
