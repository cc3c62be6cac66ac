/*
 * layout.c: the layout engine, which owns turning a document of blocks
 * into pages of positioned drawing operations, measuring text only
 * through a struct font_measure (font.h): here the run, its glyph checks,
 * pages and page numbers, frames (keep, columns), absolutely placed
 * boxes with auto-shrink and the flow; paragraphs are in layout_para.c,
 * tables in layout_table.c, drawing and dumping in layout_out.c.
 *
 * Inside the engine every y is measured from the top of the page (or of a
 * frame) downwards, as in blocks.h; a page's operations are turned into
 * PDF coordinates (origin bottom-left, y up) once, when the page is
 * finished and handed over (page_ship()), and moved there by the page's
 * shift (a printer's offsets on blank stock).  A TEXT op keeps its baseline
 * in y; LINE, RECT and IMAGE ops keep their top edge in y while they are
 * being built.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "encoding.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "phrases.h"
#include "layout_int.h"

static int	 flow_blocks(struct flow *, const struct blk *);
static int	 page_open(struct ctx *);

/* --- errors ---------------------------------------------------------- */

const char *
lo_run_text(const struct blk_run *r)
{
	return r->text != NULL ? r->text : "";
}

void
lo_err_reset(struct lo_error *e)
{
	memset(e, 0, sizeof(*e));
	e->code = LO_OK;
}

/* Copy len bytes of s into e->text, cut short at a character boundary. */
void
lo_err_text(struct lo_error *e, const char *s, size_t len)
{
	size_t	 n;

	n = len < sizeof(e->text) ? len : sizeof(e->text) - 1;
	if (n < len)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	memcpy(e->text, s, n);
	e->text[n] = '\0';
}

void
lo_err_run(struct lo_error *e, enum lo_errcode code, const struct blk_run *r)
{
	lo_err_reset(e);
	e->code = code;
	if (r != NULL) {
		e->field = r->field;
		e->line = r->line;
	}
}

/*
 * Call fn on the block b (and on its siblings after it when chain is
 * set) and, depth first, on everything inside each (children, then table
 * cells), in document order.  fn returns 0 to go on, 1 to skip what is
 * inside the block, -1 to stop.  Returns -1 if fn stopped the lo_walk, else 0.
 */
int
lo_walk(const struct blk *b, int chain, int (*fn)(const struct blk *, void *),
    void *arg)
{
	const struct blk_table	*t;
	size_t			 i, j;
	int			 rc;

	for (; b != NULL; b = chain ? b->next : NULL) {
		if ((rc = fn(b, arg)) == -1)
			return -1;
		if (rc == 1)
			continue;
		if (lo_walk(b->child, 1, fn, arg) == -1)
			return -1;
		if ((t = b->table) == NULL)
			continue;
		for (i = 0; i < t->nrows; i++)
			for (j = 0; j < t->ncols; j++)
				if (lo_walk(t->rows[i].cells[j].child, 1, fn,
				    arg) == -1)
					return -1;
	}
	return 0;
}

/*
 * The run of a paragraph that has a field and the longest text (the
 * field that most likely makes it too long: the name, not the rank
 * before it), or NULL.
 */
const struct blk_run *
lo_para_field_run(const struct blk *b)
{
	const struct blk_run	*best = NULL;
	size_t			 i;

	for (i = 0; i < b->nruns; i++)
		if (b->runs[i].field != NULL && (best == NULL ||
		    strlen(b->runs[i].text) > strlen(best->text)))
			best = &b->runs[i];
	return best;
}

/* lo_walk(): stop at the first run with a field, into arg. */
int
lo_walk_field(const struct blk *b, void *arg)
{
	return (*(const struct blk_run **)arg = lo_para_field_run(b)) != NULL ?
	    -1 : 0;
}

/* lo_walk(): the text of the runs, into the struct buf arg, for an error. */
int
lo_walk_excerpt(const struct blk *b, void *arg)
{
	struct buf	*t = arg;
	size_t		 i;

	if (b->nruns > 0 && t->len > 0)
		buf_addc(t, ' ');
	for (i = 0; i < b->nruns; i++)
		buf_adds(t, lo_run_text(&b->runs[i]));
	return t->len >= sizeof(((struct lo_error *)NULL)->text) ? -1 : 0;
}

/*
 * Fail with code, blaming the block b (with its siblings when chain is
 * set): the first field inside and the beginning of its text.
 */
static void
err_blocks(struct ctx *c, enum lo_errcode code, const struct blk *b,
    int chain)
{
	const struct blk_run	*r = NULL;
	struct buf		 t = BUF_INIT;

	lo_walk(b, chain, lo_walk_field, &r);
	lo_walk(b, chain, lo_walk_excerpt, &t);
	lo_err_run(c->err, code, r);
	if (t.s != NULL)
		lo_err_text(c->err, t.s, t.len);
	buf_free(&t);
}

/* --- glyph check ----------------------------------------------------- */

/*
 * Every character of a run must be valid UTF-8 and in its font.  Fails
 * with LO_ERR_GLYPH: the code point (U+FFFD for bytes that are not
 * UTF-8), the font, the run's field and line, and the word in err->text.
 */
static int
check_run(struct ctx *c, const struct blk_run *r)
{
	const char	*s = lo_run_text(r);
	size_t		 len = strlen(s), i = 0, at, ws, we, k;
	uint32_t	 cp;

	while (i < len) {
		at = i;
		if ((k = enc_next(s + i, len - i, &cp)) == 0) {
			lo_err_run(c->err, LO_ERR_GLYPH, r);
			c->err->cp = 0xFFFD;
			c->err->font = r->font;
			lo_err_text(c->err, s, at);
			return -1;
		}
		i += k;
		if (c->fm->has_glyph(c->fm->arg, r->font, cp))
			continue;
		for (ws = at; ws > 0 && s[ws - 1] != ' '; ws--)
			continue;
		for (we = i; we < len && s[we] != ' '; we++)
			continue;
		lo_err_run(c->err, LO_ERR_GLYPH, r);
		c->err->cp = cp;
		c->err->font = r->font;
		lo_err_text(c->err, s + ws, we - ws);
		return -1;
	}
	return 0;
}

/* lo_walk(): check the runs of a block, arg being the struct ctx. */
static int
walk_check(const struct blk *b, void *arg)
{
	size_t	 i;

	for (i = 0; i < b->nruns; i++)
		if (check_run(arg, &b->runs[i]) == -1)
			return -1;
	return 0;
}

/* --- operation lists ------------------------------------------------- */

struct lo_op *
lo_op_add(struct lo_page *p, enum lo_kind kind)
{
	struct lo_op	*o;

	p->ops = xgrow(p->ops, &p->cap, p->nops + 1, sizeof(*p->ops));
	o = &p->ops[p->nops++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	return o;
}

void
lo_oplist_free(struct lo_page *p)
{
	size_t	 i;

	for (i = 0; i < p->nops; i++) {
		free(p->ops[i].text);
		free(p->ops[i].path);
	}
	free(p->ops);
	memset(p, 0, sizeof(*p));
}

/*
 * Append src's operations to dst moved down by dy, or free them when dst
 * is NULL; src is left empty either way.
 */
void
lo_oplist_move(struct lo_page *dst, struct lo_page *src, double dy)
{
	size_t	 i;

	if (dst == NULL) {
		lo_oplist_free(src);
		return;
	}
	dst->ops = xgrow(dst->ops, &dst->cap, dst->nops + src->nops,
	    sizeof(*dst->ops));
	for (i = 0; i < src->nops; i++) {
		dst->ops[dst->nops] = src->ops[i];
		dst->ops[dst->nops].y += dy;
		dst->nops++;
	}
	free(src->ops);
	memset(src, 0, sizeof(*src));
}

void
lo_op_line(struct lo_page *p, double x, double y, double w, double h,
    double stroke)
{
	struct lo_op	*o;

	o = lo_op_add(p, LO_LINE);
	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->stroke = stroke;
}

/* --- pages ----------------------------------------------------------- */

static void
flow_frame(struct flow *f, struct ctx *c, struct lo_page *ops,
    struct lo_page *fixed, struct fits *fits, double x, double w, double y)
{
	memset(f, 0, sizeof(*f));
	f->ctx = c;
	f->ops = ops;
	f->fixed = fixed;
	f->fits = fits;
	f->x = x;
	f->w = w;
	f->y = y;
	f->at_top = 1;
}

/*
 * The page's number centred in the top margin, when it is numbered.
 * Fails with LO_ERR_GLYPH when number_font lacks a digit.
 */
static int
page_number(struct ctx *c)
{
	const struct blk_page	*pg = &c->doc->page;
	struct font_metrics	 m;
	struct lo_op		*o;
	char			 s[24];
	size_t			 i, len;
	double			 w;

	if (pg->number_from <= 0 || c->pageno < pg->number_from)
		return 0;
	len = (size_t)snprintf(s, sizeof(s), "%d", c->pageno);
	for (i = 0; i < len; i++) {
		if (c->fm->has_glyph(c->fm->arg, pg->number_font,
		    (unsigned char)s[i]))
			continue;
		lo_err_run(c->err, LO_ERR_GLYPH, NULL);
		c->err->cp = (unsigned char)s[i];
		c->err->font = pg->number_font;
		lo_err_text(c->err, s, len);
		return -1;
	}
	memset(&m, 0, sizeof(m));
	c->fm->metrics(c->fm->arg, pg->number_font, &m);
	w = c->fm->text_width(c->fm->arg, pg->number_font, pg->number_size,
	    s, len);
	o = lo_op_add(&c->cur, LO_TEXT);
	o->x = (c->pw - w) / 2;
	o->y = pg->top / 2 + (m.ascent + m.descent) * pg->number_size / 2;
	o->w = w;
	o->font = pg->number_font;
	o->size = pg->number_size;
	o->text = xstrndup(s, len);
	return 0;
}

/*
 * Start the next page: what is drawn on every page first (underneath),
 * then its number.
 */
static int
page_open(struct ctx *c)
{
	struct flow	 f;

	if (c->pageno >= LO_MAX_PAGES) {
		lo_err_reset(c->err);
		c->err->code = LO_ERR_PAGES;
		return -1;
	}
	c->pageno++;
	flow_frame(&f, c, &c->cur, &c->cur, NULL, c->left, c->width, c->top);
	if (flow_blocks(&f, c->doc->every_page) == -1)
		return -1;
	return page_number(c);
}

/*
 * Hand the finished page over: its operations turn into PDF coordinates,
 * moved by the page's shift (none at 0, 0, so that a -0 stays), and the
 * page is appended to the result.  This is the one place where a
 * page leaves the engine, and nothing looks back at it afterwards: to
 * stream pages, give them to a sink here instead of keeping them.
 */
static int
page_ship(struct ctx *c)
{
	struct lo_result	*out = c->out;
	struct lo_op		*o;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < c->cur.nops; i++) {
		o = &c->cur.ops[i];
		switch (o->kind) {
		case LO_TEXT:
			o->y = c->ph - o->y;
			break;
		case LO_LINE:
			o->y = c->ph - o->y;
			o->h = -o->h;
			break;
		case LO_RECT:
		case LO_IMAGE:
			o->y = c->ph - o->y - o->h;
			break;
		}
		if (c->sx != 0 || c->sy != 0) {
			o->x += c->sx;
			o->y -= c->sy;
		}
	}
	if (c->ship != NULL) {
		rc = c->ship(&c->cur, c->pageno, c->ship_arg);
		lo_oplist_free(&c->cur);
		return rc;
	}
	out->pages = xgrow(out->pages, &out->cap, out->npages + 1,
	    sizeof(*out->pages));
	out->pages[out->npages++] = c->cur;
	memset(&c->cur, 0, sizeof(c->cur));
	return 0;
}

int
lo_flow_newpage(struct flow *f)
{
	if (page_ship(f->ctx) == -1 || page_open(f->ctx) == -1)
		return -1;
	f->y = f->ctx->top;
	f->at_top = 1;
	f->have_line = 0;
	return 0;
}

/*
 * Make room for h points of unbreakable content in the page flow: a new
 * page if it does not fit what is left.  Fails with LO_ERR_TOO_TALL,
 * blaming b, if it cannot fit even a whole page.
 */
static int
flow_room(struct flow *f, double h, const struct blk *b)
{
	struct ctx	*c = f->ctx;

	if (!f->paged)
		return 0;
	if (h > c->bot - c->top + EPS) {
		err_blocks(c, LO_ERR_TOO_TALL, b, 0);
		if (b->kind == BLK_IMAGE && b->path != NULL)
			lo_err_text(c->err, b->path, strlen(b->path));
		return -1;
	}
	if (!f->at_top && f->y + h > f->ybot + EPS)
		return lo_flow_newpage(f);
	return 0;
}

/* A line or rectangle on the page; a stroked one of no width is not. */
static void
shape_place(struct flow *f, const struct blk *b)
{
	struct lo_op	*o;

	if (f->fixed == NULL)
		return;
	if (b->rect && !b->filled && b->stroke <= 0)
		return;
	o = lo_op_add(f->fixed, b->rect ? LO_RECT : LO_LINE);
	o->x = b->x;
	o->y = b->y;
	o->w = b->w;
	o->h = b->h;
	o->stroke = b->rect && b->filled ? 0 : b->stroke;
	o->filled = b->rect && b->filled;
	o->color = b->color;
}

/*
 * An image at its place on the page, or in the flow centred and moving
 * it down (to the next page if it does not fit; LO_ERR_TOO_TALL if it
 * cannot fit a page).
 */
static int
image_place(struct flow *f, const struct blk *b)
{
	struct lo_op	*o;

	if (!b->in_flow) {
		if (f->fixed == NULL)
			return 0;
		o = lo_op_add(f->fixed, LO_IMAGE);
		o->x = b->x;
		o->y = b->y;
	} else {
		if (flow_room(f, b->h, b) == -1)
			return -1;
		o = lo_op_add(f->ops, LO_IMAGE);
		o->x = f->x + (f->w - b->w) / 2;
		o->y = f->y;
		f->y += b->h;
		f->at_top = 0;
		f->have_line = 0;
	}
	o->w = b->w;
	o->h = b->h;
	o->path = xstrdup(b->path != NULL ? b->path : "");
	o->png = b->png;
	o->png_len = b->png_len;
	return 0;
}

/* --- frames: keep, columns ------------------------------------------- */

/*
 * Lay blocks out in a frame at x of width w, from y = 0 down, into ops
 * (absolute things into fixed, or nowhere if NULL).  Returns 0 with the
 * frame's height in *h, or -1 with the error set; ops and fixed belong
 * to the caller either way.
 */
int
lo_frame_run(struct flow *parent, const struct blk *b, double x, double w,
    struct lo_page *ops, struct lo_page *fixed, double *h)
{
	struct flow	 f;

	flow_frame(&f, parent->ctx, ops, fixed, parent->fits, x, w, 0);
	if (flow_blocks(&f, b) == -1)
		return -1;
	*h = f.y;
	return 0;
}

/*
 * Blocks kept together: measured first, and started on a new page if
 * they do not fit what is left of this one but would fit a whole page;
 * then flowed.
 */
static int
keep_flow(struct flow *f, const struct blk *b)
{
	struct lo_page	 dry = { NULL, 0, 0 };
	struct ctx	*c = f->ctx;
	double		 h;
	int		 rc;

	if (f->paged && !f->at_top) {
		rc = lo_frame_run(f, b->child, f->x, f->w, &dry, NULL, &h);
		lo_oplist_free(&dry);
		if (rc == -1)
			return -1;
		if (f->y + h > f->ybot + EPS && h <= c->bot - c->top + EPS)
			if (lo_flow_newpage(f) == -1)
				return -1;
	}
	return flow_blocks(f, b->child);
}

/*
 * Columns side by side from the same y, each a frame of width_frac of
 * the width; the row is as tall as its tallest column and moves to the
 * next page whole.
 */
static int
columns_flow(struct flow *f, const struct blk *b)
{
	struct lo_page		 ops = { NULL, 0, 0 }, fixed = { NULL, 0, 0 };
	const struct blk	*col;
	double			 x = f->x, cw, h, hmax = 0;
	int			 rc = -1;

	for (col = b->child; col != NULL; col = col->next) {
		if (col->kind != BLK_COLUMN)
			continue;
		cw = col->width_frac * f->w;
		if (lo_frame_run(f, col->child, x, cw, &ops, &fixed, &h) == -1)
			goto out;
		if (h > hmax)
			hmax = h;
		x += cw;
	}
	if (flow_room(f, hmax, b) == -1)
		goto out;
	lo_oplist_move(f->ops, &ops, f->y);
	lo_oplist_move(f->fixed, &fixed, 0);
	f->y += hmax;
	f->at_top = 0;
	f->have_line = 0;
	rc = 0;
out:
	lo_oplist_free(&ops);
	lo_oplist_free(&fixed);
	return rc;
}

/* --- boxes ----------------------------------------------------------- */

/*
 * lo_walk(): the auto-shrinking paragraphs of a box, into the struct fits
 * arg; not those of a box inside it, which has its own.
 */
static int
walk_fits(const struct blk *b, void *arg)
{
	struct fits	*fs = arg;
	struct fit	*ft;

	if (b->kind == BLK_BOX)
		return 1;
	if (b->kind == BLK_PARA && b->min_size > 0) {
		fs->v = xgrow(fs->v, &fs->cap, fs->n + 1, sizeof(*fs->v));
		ft = &fs->v[fs->n++];
		ft->b = b;
		ft->cap = ft->used = lo_para_ref(b);
	}
	return 0;
}

/*
 * One step smaller for every auto-shrinking paragraph of the box that is
 * still above its min_size.  Returns 0, or -1 (LO_ERR_NO_FIT, blaming the
 * first of them that has a field, with what is over: the content is
 * height tall, over more than the box) when none can shrink.
 */
static int
fits_shrink(struct ctx *c, struct fits *fs, double over, double height)
{
	struct fit	*ft, *blame = NULL;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < fs->n; i++) {
		ft = &fs->v[i];
		if (blame == NULL && lo_para_field_run(ft->b) != NULL)
			blame = ft;
		if (ft->used <= ft->b->min_size + EPS)
			continue;
		ft->cap = ft->used - SHRINK_STEP;
		if (ft->cap < ft->b->min_size)
			ft->cap = ft->b->min_size;
		any = 1;
	}
	if (any)
		return 0;
	blame = blame != NULL ? blame : &fs->v[0];
	lo_err_nofit(c, blame->b);
	lo_para_over_box(c->err, blame->b, over, height);
	return -1;
}

/*
 * A box: its blocks laid out in its width and placed by valign within
 * its height, on this page, without moving the flow.  While the content
 * is taller than the box, its auto-shrinking paragraphs shrink together,
 * a step at a time; LO_ERR_NO_FIT when they are all at min_size.  A box
 * without such paragraphs may overflow its height.
 */
static int
box_place(struct flow *f, const struct blk *b)
{
	struct fits	 fs = { NULL, 0, 0 };
	struct lo_page	 ops = { NULL, 0, 0 }, fixed = { NULL, 0, 0 };
	struct flow	 bf;
	double		 off;
	size_t		 i;
	int		 rc = -1;

	if (f->fixed == NULL)
		return 0;
	lo_walk(b->child, 1, walk_fits, &fs);
	for (;;) {
		lo_oplist_free(&ops);
		lo_oplist_free(&fixed);
		/* A paragraph without words is not fitted: its cap stands. */
		for (i = 0; i < fs.n; i++)
			fs.v[i].used = fs.v[i].cap;
		flow_frame(&bf, f->ctx, &ops, &fixed, &fs, b->x, b->w, 0);
		if (flow_blocks(&bf, b->child) == -1)
			goto out;
		if (bf.y <= b->h + EPS || fs.n == 0)
			break;
		if (fits_shrink(f->ctx, &fs, bf.y - b->h, bf.y) == -1)
			goto out;
	}
	off = b->y;
	switch (b->valign) {
	case VALIGN_TOP:
		break;
	case VALIGN_MIDDLE:
		off += (b->h - bf.y) / 2;
		break;
	case VALIGN_BOTTOM:
		off += b->h - bf.y;
		break;
	}
	lo_oplist_move(f->fixed, &ops, off);
	lo_oplist_move(f->fixed, &fixed, 0);
	rc = 0;
out:
	lo_oplist_free(&ops);
	lo_oplist_free(&fixed);
	free(fs.v);
	return rc;
}

/* --- the flow -------------------------------------------------------- */

static int
flow_block(struct flow *f, const struct blk *b)
{
	switch (b->kind) {
	case BLK_PARA:
		return lo_para_flow(f, b);
	case BLK_RULE:
		lo_rule_flow(f, b);
		return 0;
	case BLK_SPACE:
		lo_space_flow(f, b);
		return 0;
	case BLK_KEEP:
		return keep_flow(f, b);
	case BLK_COLUMNS:
		return columns_flow(f, b);
	case BLK_COLUMN:
		/* Outside BLK_COLUMNS: its blocks, in the flow. */
		return flow_blocks(f, b->child);
	case BLK_TABLE:
		return lo_table_flow(f, b);
	case BLK_PAGEBREAK:
		/* Only the page flow breaks, and never into an empty page. */
		if (f->paged && !f->at_top)
			return lo_flow_newpage(f);
		return 0;
	case BLK_BOX:
		return box_place(f, b);
	case BLK_SHAPE:
		shape_place(f, b);
		return 0;
	case BLK_IMAGE:
		return image_place(f, b);
	}
	return 0;
}

static int
flow_blocks(struct flow *f, const struct blk *b)
{
	for (; b != NULL; b = b->next)
		if (flow_block(f, b) == -1)
			return -1;
	return 0;
}

/*
 * Lay doc out into pages of drawing operations, measuring through ops.
 * out is overwritten, not freed: the caller frees it with
 * lo_result_free(), also on failure, when it holds the pages finished
 * before the error.  Returns 0, or -1 with err filled: LO_ERR_GLYPH (a
 * character missing from its font or bytes that are not UTF-8, checked
 * before anything is laid out), LO_ERR_WORD_WIDE, LO_ERR_NO_FIT,
 * LO_ERR_TOO_TALL.  err->field points into doc and lives as long as it.
 */
/* The engine: lay doc out, shipping each page as it is finished. */
static int
run(const struct blk_doc *doc, const struct font_measure *fm,
    struct lo_result *out, int (*ship)(struct lo_page *, int, void *),
    void *arg, struct lo_error *err)
{
	const struct blk_page	*pg = &doc->page;
	struct ctx		 c;
	struct flow		 f;

	memset(out, 0, sizeof(*out));
	lo_err_reset(err);
	out->width = pg->width;
	out->height = pg->height;
	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.fm = fm;
	c.err = err;
	c.out = out;
	c.ship = ship;
	c.ship_arg = arg;
	c.pw = pg->width;
	c.ph = pg->height;
	c.sx = pg->shift_x;
	c.sy = pg->shift_y;
	c.top = pg->top;
	c.bot = pg->height - pg->bottom;
	c.left = pg->left;
	c.width = pg->width - pg->left - pg->right;
	if (lo_walk(doc->body, 1, walk_check, &c) == -1 ||
	    lo_walk(doc->every_page, 1, walk_check, &c) == -1)
		return -1;
	if (page_open(&c) == -1)
		goto fail;
	flow_frame(&f, &c, &c.cur, &c.cur, NULL, c.left, c.width, c.top);
	f.paged = 1;
	f.ybot = c.bot;
	if (flow_blocks(&f, doc->body) == -1)
		goto fail;
	return page_ship(&c);
fail:
	lo_oplist_free(&c.cur);
	return -1;
}

int
layout_run(const struct blk_doc *doc, const struct font_measure *fm,
    struct lo_result *out, struct lo_error *err)
{
	return run(doc, fm, out, NULL, NULL, err);
}

int
layout_stream(const struct blk_doc *doc, const struct font_measure *fm,
    int (*ship)(struct lo_page *, int, void *), void *arg,
    struct lo_error *err)
{
	struct lo_result	 res;

	return run(doc, fm, &res, ship, arg, err);
}
