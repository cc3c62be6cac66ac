/*
 * calibrate.c: the calibration sheet of a printer profile: one page with
 * a millimetre grid and, moved by the profile's offsets, an outline and
 * a crosshair at each field of the certificate, laid out and drawn
 * through the PDF backend.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "template.h"
#include "pdf.h"
#include "outdir.h"
#include "render.h"
#include "render_int.h"

static struct blk *
shape(struct blk ***tail, double x, double y, double w, double h,
    double stroke, struct bk_rgb c)
{
	struct blk	*b = blk_new(BLK_SHAPE);

	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->stroke = stroke;
	b->color = c;
	**tail = b;
	*tail = &b->next;
	return b;
}

static void
label(struct blk ***tail, double x, double y, double w, const char *text,
    int font, double size, enum blk_align align)
{
	struct blk	*b = blk_new(BLK_BOX), *p = blk_new(BLK_PARA);
	struct bk_rgb	 black = { 0, 0, 0 };

	b->x = x;
	b->y = y;
	b->w = w;
	b->h = size * 3;
	p->align = align;
	blk_add_run(p, text, font, size, black, NULL, 0);
	b->child = p;
	**tail = b;
	*tail = &b->next;
}

struct marks {
	struct blk	***tail;
	double		 dx, dy;
};

/* A field's outline and a crosshair at its top-left corner. */
static void
mark_box(void *arg, double x, double y, double w, double h)
{
	struct marks	*m = arg;
	struct bk_rgb	 red = { 0.8, 0, 0 };
	const double	 arm = 6 * 72 / 25.4;

	x += m->dx;
	y += m->dy;
	shape(m->tail, x, y, w, h, 0.5, red)->rect = 1;
	shape(m->tail, x - arm, y, 2 * arm, 0, 0.8, red);
	shape(m->tail, x, y - arm, 0, 2 * arm, 0.8, red);
}

int
render_calibrate(struct render *r, struct xml *x, const char *profile,
    const char *out, struct diag *d)
{
	const struct template	*t = r->tpl[DOC_BANG_KHEN];
	const struct blk_page	*pg = template_page(t);
	struct blk_doc		*doc;
	struct blk		**tail;
	struct bk_docinfo	 info;
	struct bk_rgb		 light = { 0.75, 0.75, 0.75 };
	struct bk_rgb		 dark = { 0.4, 0.4, 0.4 };
	struct marks		 mk;
	struct lo_result	 res;
	struct lo_error		 lerr;
	struct font_measure	 measure;
	struct pdf		*pdf;
	struct outdir_file	 of;
	const double		 mm = 72 / 25.4;
	const char		*title = template_attr(t, "calibration-title");
	char			 err[512], num[16], *head;
	int			 font, i, fd, rc = -1;

	if (render_blank_stock(r, x, profile, d) == -1)
		return -1;
	memset(&info, 0, sizeof(info));
	info.title = title != NULL ? title : "calibration";
	info.author = r->printer;
	info.date = "2024-01-01";
	if ((pdf = pdf_new(&info, r->pdfc, NULL, err, sizeof(err))) == NULL) {
		diag_sys(d, "%s: %s", out, err);
		return -1;
	}
	measure = font_measure_of(r->faces);
	if ((font = font_set_load(r->faces, template_font(t), err,
	    sizeof(err))) < 0 || pdf_face_use(pdf, font, err,
	    sizeof(err)) == -1) {
		diag_sys(d, "%s: %s", out, err);
		pdf_free(pdf);
		return -1;
	}
	doc = xcalloc(1, sizeof(*doc));
	doc->page = *pg;
	doc->page.number_from = 0;
	tail = &doc->body;
	/* A millimetre grid: every 10 mm, darker and numbered every 50. */
	for (i = 0; i * 10 * mm <= pg->width; i++) {
		shape(&tail, i * 10 * mm, 0, 0, pg->height, i % 5 ? 0.2 : 0.6,
		    i % 5 ? light : dark);
		if (i % 5 == 0 && i > 0) {
			snprintf(num, sizeof(num), "%d", i * 10);
			label(&tail, i * 10 * mm + 2, 2, 40, num, font, 7,
			    ALIGN_LEFT);
		}
	}
	for (i = 0; i * 10 * mm <= pg->height; i++) {
		shape(&tail, 0, i * 10 * mm, pg->width, 0, i % 5 ? 0.2 : 0.6,
		    i % 5 ? light : dark);
		if (i % 5 == 0 && i > 0) {
			snprintf(num, sizeof(num), "%d", i * 10);
			label(&tail, 2, i * 10 * mm + 2, 40, num, font, 7,
			    ALIGN_LEFT);
		}
	}
	mk.tail = &tail;
	mk.dx = r->dx;
	mk.dy = r->dy;
	template_boxes(t, mark_box, &mk);
	head = xasprintf("%s — %s: x = %.1f mm, y = %.1f mm",
	    title != NULL ? title : "", r->printer, r->dx / mm, r->dy / mm);
	label(&tail, pg->width / 4, pg->height / 2 - 10, pg->width / 2, head,
	    font, 12, ALIGN_CENTER);
	free(head);
	memset(&res, 0, sizeof(res));
	if (layout_run(doc, &measure, &res, &lerr) == -1 ||
	    layout_draw(&res, pdf_ops(), pdf, &lerr) == -1)
		diag_sys(d, _("%s: cannot lay out the calibration sheet"), out);
	/* Whole under a new name beside out, then renamed over it. */
	else if ((fd = outdir_file_new(out, &of, d)) != -1) {
		if (pdf_save_fd(pdf, fd, out, err, sizeof(err)) == -1)
			diag_sys(d, "%s: %s", out, err);
		else
			rc = 0;
		pdf_free(pdf);		/* the file closed */
		pdf = NULL;
		if (outdir_file_end(&of, rc == 0, d) == -1)
			rc = -1;
	}
	lo_result_free(&res);
	blk_doc_free(doc);
	pdf_free(pdf);
	return rc;
}
