/*
 * layout_table.c: owns tables in the layout engine — rows built off the
 * page, header rows repeated, rows kept whole, grid lines drawn part by
 * part as the table crosses pages.
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

/* A table row built off the page, y from the row's top. */
struct rowbox {
	struct lo_page	 ops;
	struct lo_page	 fixed;
	double		 h;
};

/* A table being placed. */
struct tbl {
	const struct blk_table	*t;
	double			*colx;		/* ncols + 1 column edges */
	int			 seg;		/* a part is open on this page */
	double			 segtop;	/* its top */
};

/* --- tables ---------------------------------------------------------- */

static void
rowbox_free(struct rowbox *rb)
{
	lo_oplist_free(&rb->ops);
	lo_oplist_free(&rb->fixed);
}

/*
 * Lay row ri out off the page: each cell's blocks in its column less the
 * padding, placed by the cell's valign; the row is the tallest cell plus
 * twice the padding.  On failure rb is left empty.
 */
static int
row_build(struct flow *f, const struct tbl *tb, size_t ri,
    struct rowbox *rb)
{
	const struct blk_table	*t = tb->t;
	const struct blk_row	*row = &t->rows[ri];
	struct lo_page		*cell;
	double			*h, inner, off;
	size_t			 i, n = t->ncols;
	int			 rc = -1;

	memset(rb, 0, sizeof(*rb));
	cell = xcalloc(n, sizeof(*cell));
	h = xcalloc(n, sizeof(*h));
	rb->h = 2 * t->pad;
	for (i = 0; i < n; i++) {
		if (lo_frame_run(f, row->cells[i].child, tb->colx[i] + t->pad,
		    tb->colx[i + 1] - tb->colx[i] - 2 * t->pad, &cell[i],
		    &rb->fixed, &h[i]) == -1)
			goto out;
		if (h[i] + 2 * t->pad > rb->h)
			rb->h = h[i] + 2 * t->pad;
	}
	inner = rb->h - 2 * t->pad;
	for (i = 0; i < n; i++) {
		off = t->pad;
		switch (row->cells[i].valign) {
		case VALIGN_TOP:
			break;
		case VALIGN_MIDDLE:
			off += (inner - h[i]) / 2;
			break;
		case VALIGN_BOTTOM:
			off += inner - h[i];
			break;
		}
		lo_oplist_move(&rb->ops, &cell[i], off);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		lo_oplist_free(&cell[i]);
	free(cell);
	free(h);
	if (rc == -1)
		rowbox_free(rb);
	return rc;
}

/* The height of rows [a, z), built and thrown away. */
static int
rows_height(struct flow *f, const struct tbl *tb, size_t a, size_t z,
    double *h)
{
	struct rowbox	 rb;

	for (*h = 0; a < z; a++) {
		if (row_build(f, tb, a, &rb) == -1)
			return -1;
		*h += rb.h;
		rowbox_free(&rb);
	}
	return 0;
}

/*
 * Close the part of the table on this page: its vertical grid lines from
 * the part's top to the flow's position (the horizontal ones are drawn
 * row by row).
 */
static void
tbl_close(struct flow *f, struct tbl *tb)
{
	size_t	 i;

	if (!tb->seg)
		return;
	tb->seg = 0;
	if (tb->t->border <= 0)
		return;
	for (i = 0; i <= tb->t->ncols; i++)
		lo_op_line(f->ops, tb->colx[i], tb->segtop, 0,
		    f->y - tb->segtop, tb->t->border);
}

/* A horizontal grid line across the table, over the corners. */
static void
tbl_hline(struct flow *f, const struct tbl *tb, double y)
{
	double	 bw = tb->t->border;

	if (bw <= 0)
		return;
	lo_op_line(f->ops, tb->colx[0] - bw / 2, y,
	    tb->colx[tb->t->ncols] - tb->colx[0] + bw, 0, bw);
}

/* Fail with LO_ERR_TOO_TALL, blaming a row: its first field, its text. */
static void
err_row(struct ctx *c, const struct blk_row *row, size_t ncols)
{
	const struct blk_run	*r = NULL;
	struct buf		 t = BUF_INIT;
	size_t			 i;

	for (i = 0; i < ncols; i++)
		if (lo_walk(row->cells[i].child, 1, lo_walk_field, &r) == -1)
			break;
	for (i = 0; i < ncols; i++)
		lo_walk(row->cells[i].child, 1, lo_walk_excerpt, &t);
	lo_err_run(c->err, LO_ERR_TOO_TALL, r);
	if (t.s != NULL)
		lo_err_text(c->err, t.s, t.len);
	buf_free(&t);
}

/* Put a built row at the flow's position; rb is emptied. */
static void
row_place(struct flow *f, struct tbl *tb, struct rowbox *rb)
{
	if (!tb->seg) {
		tb->seg = 1;
		tb->segtop = f->y;
		tbl_hline(f, tb, f->y);
	}
	lo_oplist_move(f->ops, &rb->ops, f->y);
	lo_oplist_move(f->fixed, &rb->fixed, 0);
	f->y += rb->h;
	tbl_hline(f, tb, f->y);
	f->at_top = 0;
}

/* Close this page's part, start a new page and repeat the header rows
 * before row ri on it. */
static int
tbl_newpage(struct flow *f, struct tbl *tb, size_t ri)
{
	struct rowbox	 rb;
	size_t		 j;

	tbl_close(f, tb);
	if (lo_flow_newpage(f) == -1)
		return -1;
	for (j = 0; j < ri; j++) {
		if (!tb->t->rows[j].header)
			continue;
		if (row_build(f, tb, j, &rb) == -1)
			return -1;
		row_place(f, tb, &rb);
	}
	return 0;
}

/*
 * The height the table's start needs on a page: its leading header rows
 * together with the first row after them, or 0 if there are none or they
 * could never share a page.
 */
static int
tbl_lead(struct flow *f, const struct tbl *tb, double *lead)
{
	const struct blk_table	*t = tb->t;
	size_t			 z;

	*lead = 0;
	if (!f->paged || t->nrows == 0 || !t->rows[0].header)
		return 0;
	for (z = 0; z < t->nrows && t->rows[z].header; z++)
		continue;
	if (rows_height(f, tb, 0, z < t->nrows ? z + 1 : z, lead) == -1)
		return -1;
	if (*lead > f->ctx->bot - f->ctx->top + EPS)
		*lead = 0;
	return 0;
}

/*
 * A table, row by row.  In the page flow a row that does not fit goes to
 * the next page, after the header rows above it are repeated there; each
 * page's part of the table is closed with its own top, bottom and
 * vertical grid lines.  A row that cannot fit a page under the repeated
 * headers fails with LO_ERR_TOO_TALL.
 */
int
lo_table_flow(struct flow *f, const struct blk *b)
{
	const struct blk_table	*t = b->table;
	struct tbl		 tb;
	struct rowbox		 rb;
	double			 hdr = 0, lead, need;
	size_t			 i;
	int			 rc = -1;

	if (t == NULL || t->ncols == 0)
		return 0;
	memset(&tb, 0, sizeof(tb));
	tb.t = t;
	tb.colx = xcalloc(t->ncols + 1, sizeof(*tb.colx));
	tb.colx[0] = f->x;
	for (i = 0; i < t->ncols; i++)
		tb.colx[i + 1] = tb.colx[i] + t->widths[i] * f->w;
	if (tbl_lead(f, &tb, &lead) == -1)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		if (row_build(f, &tb, i, &rb) == -1)
			goto out;
		if (f->paged && rb.h + hdr >
		    f->ctx->bot - f->ctx->top + EPS) {
			rowbox_free(&rb);
			err_row(f->ctx, &t->rows[i], t->ncols);
			goto out;
		}
		need = i == 0 && lead > rb.h ? lead : rb.h;
		/* The last row goes with a kept group after the table. */
		if (i + 1 == t->nrows && f->paged && !f->at_top) {
			double keep = 0;
			size_t lines;

			if (lo_keep_after(f, b, &keep, &lines) == -1) {
				rowbox_free(&rb);
				goto out;
			}
			if (keep > 0 && rb.h + keep <= f->ctx->bot -
			    f->ctx->top - hdr + EPS)
				need = rb.h + keep;
		}
		if (f->paged && !f->at_top && f->y + need > f->ybot + EPS &&
		    tbl_newpage(f, &tb, i) == -1) {
			rowbox_free(&rb);
			goto out;
		}
		row_place(f, &tb, &rb);
		if (t->rows[i].header)
			hdr += rb.h;
	}
	tbl_close(f, &tb);
	f->have_line = 0;
	rc = 0;
out:
	free(tb.colx);
	return rc;
}
