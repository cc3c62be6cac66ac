/*
 * layout_out.c: owns what is done with laid-out pages — drawing them
 * through a backend's function table, dumping them as text for golden
 * tests, and freeing them.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "phrases.h"
#include "layout_int.h"

/* --- drawing and dumping --------------------------------------------- */

/*
 * Draw every page through ops: page_begin, then each operation in order
 * (a filled rectangle as a rect of width 0).  Returns 0, or -1 with err
 * filled: LO_ERR_BACKEND when the backend cannot begin a page (err->text
 * reads "page_begin N") or place an image (the backend's message).
 * Either is the backend's trouble (memory, the disk), never the text's.
 * Nothing is allocated.
 */
int
layout_draw_page(const struct lo_page *page, int pageno, double width,
    double height, const struct bk_ops *ops, void *dev,
    struct lo_error *err)
{
	const struct lo_op	*o;
	char			 msg[256], pg[48];
	size_t			 j;

	if (ops->page_begin(dev, width, height) == -1) {
		err->code = LO_ERR_BACKEND;
		snprintf(pg, sizeof(pg), "page_begin %d", pageno);
		lo_err_text(err, pg, strlen(pg));
		return -1;
	}
	for (j = 0; j < page->nops; j++) {
		o = &page->ops[j];
		switch (o->kind) {
		case LO_TEXT:
			ops->text(dev, o->font, o->size, o->color, o->x, o->y,
			    o->text, strlen(o->text));
			break;
		case LO_LINE:
			ops->line(dev, o->x, o->y, o->x + o->w, o->y + o->h,
			    o->stroke, o->color);
			break;
		case LO_RECT:
			ops->rect(dev, o->x, o->y, o->w, o->h,
			    o->filled ? 0 : o->stroke, o->color);
			break;
		case LO_IMAGE:
			msg[0] = '\0';
			if (ops->image(dev, o->path, o->png, o->png_len, o->x,
			    o->y, o->w, o->h, msg, sizeof(msg)) == -1) {
				err->code = LO_ERR_BACKEND;
				lo_err_text(err, msg, strlen(msg));
				return -1;
			}
			break;
		}
	}
	return 0;
}

int
layout_draw(const struct lo_result *res, const struct bk_ops *ops,
    void *dev, struct lo_error *err)
{
	size_t	 i;

	lo_err_reset(err);
	for (i = 0; i < res->npages; i++)
		if (layout_draw_page(&res->pages[i], (int)i + 1, res->width,
		    res->height, ops, dev, err) == -1)
			return -1;
	return 0;
}

/* A number to 0.01, never "-0.00". */
static void
dump_num(FILE *fp, double v)
{
	if (v > -0.005 && v < 0.005)
		v = 0;
	fprintf(fp, " %.2f", v);
}

/* A number to 0.01 without trailing zeros: 14, 13.5, 11.57. */
static void
dump_short(FILE *fp, double v)
{
	char	 s[64];
	size_t	 n;

	if (v > -0.005 && v < 0.005)
		v = 0;
	n = (size_t)snprintf(s, sizeof(s), "%.2f", v);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	fprintf(fp, " %s", s);
}

static void
dump_quoted(FILE *fp, const char *s)
{
	const unsigned char	*u;

	fputs(" \"", fp);
	for (u = (const unsigned char *)s; *u != '\0'; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(fp, "\\%c", *u);
		else if (*u < 0x20 || *u == 0x7F)
			fprintf(fp, "\\x%02X", *u);
		else
			fputc(*u, fp);
	}
	fputc('"', fp);
}

/*
 * Write a text dump of the pages to fp, for golden tests.  One line
 * "page N" (from 1) opens each page, then one line per operation in
 * drawing order, in PDF coordinates (points, origin bottom-left):
 *
 *	text X Y fFONT SIZE "UTF-8"	baseline start, font handle, size
 *	line X Y W H STROKE		from (X, Y) to (X + W, Y + H)
 *	rect X Y W H STROKE		outline, bottom-left corner at X, Y
 *	rect X Y W H fill		filled
 *	image X Y W H "PATH"		bottom-left corner at X, Y
 *
 * X, Y, W, H and STROKE are printed with "%.2f"; SIZE likewise without
 * trailing zeros ("14", "13.5").  Any operation whose colour is not black
 * ends with " rgb R G B" (each 0..1, to 0.01 without trailing zeros).
 * In quoted strings '"' and '\' are escaped with '\', control bytes are
 * written "\xNN", and everything else (UTF-8) as it is.
 */
void
layout_dump_page(const struct lo_page *page, int pageno, const int *fonts,
    size_t nfonts, FILE *fp)
{
	const struct lo_op	*o;
	size_t			 j, k;

	{
		fprintf(fp, "page %d\n", pageno);
		for (j = 0; j < page->nops; j++) {
			o = &page->ops[j];
			switch (o->kind) {
			case LO_TEXT:
				fputs("text", fp);
				break;
			case LO_LINE:
				fputs("line", fp);
				break;
			case LO_RECT:
				fputs("rect", fp);
				break;
			case LO_IMAGE:
				fputs("image", fp);
				break;
			}
			dump_num(fp, o->x);
			dump_num(fp, o->y);
			switch (o->kind) {
			case LO_TEXT:
				for (k = 0; k < nfonts; k++)
					if (fonts[k] == o->font)
						break;
				fprintf(fp, " f%d", k < nfonts ? (int)k :
				    o->font);
				dump_short(fp, o->size);
				dump_quoted(fp, o->text);
				break;
			case LO_LINE:
			case LO_RECT:
				dump_num(fp, o->w);
				dump_num(fp, o->h);
				if (o->kind == LO_RECT && o->filled)
					fputs(" fill", fp);
				else
					dump_num(fp, o->stroke);
				break;
			case LO_IMAGE:
				dump_num(fp, o->w);
				dump_num(fp, o->h);
				dump_quoted(fp, o->path);
				break;
			}
			if (o->color.r != 0 || o->color.g != 0 ||
			    o->color.b != 0) {
				fputs(" rgb", fp);
				dump_short(fp, o->color.r);
				dump_short(fp, o->color.g);
				dump_short(fp, o->color.b);
			}
			fputc('\n', fp);
		}
	}
}

void
layout_dump(const struct lo_result *res, FILE *fp)
{
	size_t	 i;

	for (i = 0; i < res->npages; i++)
		layout_dump_page(&res->pages[i], (int)i + 1, NULL, 0, fp);
}

/* Free the pages of a result and leave it empty; res itself is the
 * caller's.  Safe on an empty (zeroed) result. */
void
lo_result_free(struct lo_result *res)
{
	size_t	 i;

	if (res == NULL)
		return;
	for (i = 0; i < res->npages; i++)
		lo_oplist_free(&res->pages[i]);
	free(res->pages);
	memset(res, 0, sizeof(*res));
}

