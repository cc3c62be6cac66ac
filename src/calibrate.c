/*
 * calibrate.c: the calibration sheet of a printer profile: the template
 * templates/calibration.xml (a millimetre grid on the certificate's
 * paper, the certificate's boxes where the printer puts them, the
 * profile's name and offsets) expanded with the profile's values, laid
 * out and drawn through the PDF backend into one file.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "template.h"
#include "pdf.h"
#include "outdir.h"
#include "render.h"
#include "render_int.h"

/* The sheet's PDF and where its fonts come from. */
struct sheet {
	struct font_set	*faces;
	struct pdf	*pdf;
};

/* A font of the sheet's template, loaded into its PDF: a handle, or -1. */
static int
sheet_font(void *arg, const char *key, const char *path, char *err,
    size_t errlen)
{
	struct sheet	*s = arg;
	int		 h;

	(void)key;
	h = font_set_load(s->faces, path, err, errlen);
	if (h >= 0 && pdf_face_use(s->pdf, h, err, errlen) == -1)
		return -1;
	return h;
}

/*
 * The sheet laid out and drawn into s->pdf, then written whole under a
 * new name beside out and renamed over it.  Returns 0, or -1 (said).
 */
static int
sheet_write(struct sheet *s, struct blk_doc *doc, const char *out,
    struct diag *d)
{
	struct font_measure	 measure = font_measure_of(s->faces);
	struct lo_result	 res;
	struct lo_error		 lerr;
	struct outdir_file	 of;
	char			 err[512];
	int			 fd, rc = -1;

	memset(&res, 0, sizeof(res));
	if (layout_run(doc, &measure, &res, &lerr) == -1 ||
	    layout_draw(&res, pdf_ops(), s->pdf, &lerr) == -1)
		diag_sys(d, _("%s: cannot lay out the calibration sheet"), out);
	else if ((fd = outdir_file_new(out, &of, d)) != -1) {
		if (pdf_save_fd(s->pdf, fd, out, err, sizeof(err)) == -1)
			diag_sys(d, "%s: %s", out, err);
		else
			rc = 0;
		pdf_free(s->pdf);		/* the file closed */
		s->pdf = NULL;
		if (outdir_file_end(&of, rc == 0, d) == -1)
			rc = -1;
	}
	lo_result_free(&res);
	return rc;
}

int
render_calibrate(struct render *r, struct xml *x, const char *profile,
    const char *out, struct diag *d)
{
	const struct template	*cert = r->tpl[DOC_BANG_KHEN];
	struct template		*t;
	struct tpl_calib	 cal;
	struct tpl_ctx		 ctx;
	struct dossier		 none;
	struct bk_docinfo	 info;
	struct sheet		 s;
	struct blk_doc		*doc;
	const char		*title;
	char			 err[512], *path;
	int			 rc = -1;

	if (render_blank_stock(r, x, profile, d) == -1)
		return -1;
	path = xasprintf("%s/templates/calibration.xml", r->datadir);
	t = template_load(x, path, r->fonts, d);
	if (t != NULL && strcmp(template_name(t), "calibration") != 0) {
		diag_sys(d, _("%s: this template is \"%s\", not \"%s\""),
		    path, template_name(t), "calibration");
		template_free(t);
		t = NULL;
	}
	free(path);
	if (t == NULL)
		return -1;
	memset(&cal, 0, sizeof(cal));
	cal.of = cert;
	cal.title = template_attr(cert, "calibration-title");
	cal.printer = r->printer;
	cal.dx = r->dx;
	cal.dy = r->dy;
	memset(&info, 0, sizeof(info));
	title = template_attr(t, "title");
	info.title = cal.title != NULL ? cal.title : title != NULL ? title : "";
	info.author = r->printer;
	info.date = template_attr(t, "date");
	s.faces = r->faces;
	if ((s.pdf = pdf_new(&info, r->pdfc, NULL, err, sizeof(err))) ==
	    NULL) {
		diag_sys(d, "%s: %s", out, err);
		template_free(t);
		return -1;
	}
	/* No dossier: its fields are empty on the sheet. */
	memset(&none, 0, sizeof(none));
	memset(&ctx, 0, sizeof(ctx));
	ctx.ds = &none;
	ctx.calib = &cal;
	ctx.font = sheet_font;
	ctx.arg = &s;
	if ((doc = template_expand(t, &ctx, err, sizeof(err))) == NULL)
		diag_sys(d, "%s: %s", out, err);
	else
		rc = sheet_write(&s, doc, out, d);
	blk_doc_free(doc);
	pdf_free(s.pdf);
	template_free(t);
	return rc;
}
