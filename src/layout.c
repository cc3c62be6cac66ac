/*
 * layout.c: the layout engine, which owns turning a document of blocks
 * into pages of positioned drawing operations (glyph checks, line
 * breaking and justification, page breaks, rules, columns, tables, boxes
 * with auto-shrink, page numbers), measuring text only through a
 * struct font_measure (font.h).
 *
 * Inside the engine every y is measured from the top of the page (or of a
 * frame) downwards, as in blocks.h; a page's operations are turned into
 * PDF coordinates (origin bottom-left, y up) once, when the page is
 * finished and handed over (page_ship()).  A TEXT op keeps its baseline
 * in y; LINE, RECT and IMAGE ops keep their top edge in y while they are
 * being built.
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

#define EPS		1e-6	/* tolerance of a fit, pt */
#define SHRINK_STEP	0.5	/* auto-shrink step, pt */

/* One layout run: the document, the measure, the page being built. */
struct ctx {
	const struct blk_doc	*doc;
	const struct font_measure *fm;	/* how text is measured */
	struct lo_error		*err;
	struct lo_result	*out;
	/* Streaming: each finished page goes to ship(), then is freed. */
	int			(*ship)(struct lo_page *, int, void *);
	void			*ship_arg;
	struct lo_page		 cur;		/* the page being built */
	int			 pageno;	/* of cur, from 1 */
	double			 pw, ph;	/* page size */
	double			 top, bot;	/* text area, y from the top */
	double			 left, width;	/* text area, x and width */
};

/* An auto-shrinking paragraph of a box and the sizes tried for it. */
struct fit {
	const struct blk	*b;
	double			 cap;	/* largest reference size to try */
	double			 used;	/* reference size of the last layout */
};

struct fits {
	struct fit	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Where blocks are being placed: the page flow (paged, breaking to a new
 * page when full) or a frame (a column, a table cell, a box, a dry run),
 * which grows downwards from y = 0 without limit and is moved into place
 * by its owner once its height is known.
 */
struct flow {
	struct ctx	*ctx;
	struct lo_page	*ops;		/* the flow's content */
	struct lo_page	*fixed;		/* absolute things; NULL: dropped */
	struct fits	*fits;		/* box auto-shrink sizes, or NULL */
	double		 x, w;		/* left edge and width */
	double		 y;		/* next free y */
	double		 ybot;		/* paged: the bottom of the text area */
	int		 paged;
	int		 at_top;	/* nothing placed on this page yet */
	int		 have_line;	/* a text line above, for a rule */
	double		 base;		/* that line's baseline */
	double		 lx0, lx1;	/* that line's extent */
};

/* A stretch of one run that is all spaces or has none. */
struct piece {
	size_t		 run;
	const char	*s;
	size_t		 len;
	int		 space;
	double		 w;
};

/* A word: pieces [p0, p1); the spaces before it are pieces [s0, p0). */
struct word {
	size_t		 s0, p0, p1;
	double		 w;
	double		 gap;
};

/* A line: words [w0, w1). */
struct line {
	size_t		 w0, w1;
	double		 w;		/* natural width */
	double		 asc;		/* baseline below the line's top */
	double		 h;		/* line height */
};

/* A paragraph being laid out at reference size s (ref: its natural). */
struct para {
	const struct blk	*b;
	double			 ref, s;
	double			*asc, *desc;	/* per run, for 1 pt */
	struct piece		*pc;
	size_t			 npc, pccap;
	struct word		*wd;
	size_t			 nwd, wdcap;
	struct line		*ln;
	size_t			 nln, lncap;
	size_t			 wide;		/* the word that did not fit */
	enum phr_gap		*gap;		/* centred: before each word */
};

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

static int	 flow_blocks(struct flow *, const struct blk *);
static int	 page_open(struct ctx *);

/* --- errors ---------------------------------------------------------- */

static const char *
run_text(const struct blk_run *r)
{
	return r->text != NULL ? r->text : "";
}

static void
err_reset(struct lo_error *e)
{
	memset(e, 0, sizeof(*e));
	e->code = LO_OK;
}

/* Copy len bytes of s into e->text, cut short at a character boundary. */
static void
err_text(struct lo_error *e, const char *s, size_t len)
{
	size_t	 n;

	n = len < sizeof(e->text) ? len : sizeof(e->text) - 1;
	if (n < len)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	memcpy(e->text, s, n);
	e->text[n] = '\0';
}

static void
err_run(struct lo_error *e, enum lo_errcode code, const struct blk_run *r)
{
	err_reset(e);
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
 * inside the block, -1 to stop.  Returns -1 if fn stopped the walk, else 0.
 */
static int
walk(const struct blk *b, int chain, int (*fn)(const struct blk *, void *),
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
		if (walk(b->child, 1, fn, arg) == -1)
			return -1;
		if ((t = b->table) == NULL)
			continue;
		for (i = 0; i < t->nrows; i++)
			for (j = 0; j < t->ncols; j++)
				if (walk(t->rows[i].cells[j].child, 1, fn,
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
static const struct blk_run *
para_field_run(const struct blk *b)
{
	const struct blk_run	*best = NULL;
	size_t			 i;

	for (i = 0; i < b->nruns; i++)
		if (b->runs[i].field != NULL && (best == NULL ||
		    strlen(b->runs[i].text) > strlen(best->text)))
			best = &b->runs[i];
	return best;
}

/* walk(): stop at the first run with a field, into arg. */
static int
walk_field(const struct blk *b, void *arg)
{
	return (*(const struct blk_run **)arg = para_field_run(b)) != NULL ?
	    -1 : 0;
}

/* walk(): the text of the runs, into the struct buf arg, for an error. */
static int
walk_excerpt(const struct blk *b, void *arg)
{
	struct buf	*t = arg;
	size_t		 i;

	if (b->nruns > 0 && t->len > 0)
		buf_addc(t, ' ');
	for (i = 0; i < b->nruns; i++)
		buf_adds(t, run_text(&b->runs[i]));
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
	struct buf		 t = { NULL, 0, 0 };

	walk(b, chain, walk_field, &r);
	walk(b, chain, walk_excerpt, &t);
	err_run(c->err, code, r);
	if (t.s != NULL)
		err_text(c->err, t.s, t.len);
	buf_free(&t);
}

/* --- glyph check ----------------------------------------------------- */

/*
 * Decode the code point at s[*i] (len bytes in all) and step *i past it.
 * Returns 0, or -1 at a truncated, malformed or overlong sequence, a
 * surrogate or a value above U+10FFFF (then *i does not move).
 */
static int
utf8_next(const char *s, size_t len, size_t *i, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s + *i;
	size_t			 n, k;
	uint32_t		 c, min;

	if (*i >= len)
		return -1;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		(*i)++;
		return 0;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return -1;
	if (len - *i < n)
		return -1;
	for (k = 1; k < n; k++) {
		if ((u[k] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (u[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	*i += n;
	return 0;
}

/*
 * Every character of a run must be valid UTF-8 and in its font.  Fails
 * with LO_ERR_GLYPH: the code point (U+FFFD for bytes that are not
 * UTF-8), the font, the run's field and line, and the word in err->text.
 */
static int
check_run(struct ctx *c, const struct blk_run *r)
{
	const char	*s = run_text(r);
	size_t		 len = strlen(s), i = 0, at, ws, we;
	uint32_t	 cp;

	while (i < len) {
		at = i;
		if (utf8_next(s, len, &i, &cp) == -1) {
			err_run(c->err, LO_ERR_GLYPH, r);
			c->err->cp = 0xFFFD;
			c->err->font = r->font;
			err_text(c->err, s, at);
			return -1;
		}
		if (c->fm->has_glyph(c->fm->arg, r->font, cp))
			continue;
		for (ws = at; ws > 0 && s[ws - 1] != ' '; ws--)
			continue;
		for (we = i; we < len && s[we] != ' '; we++)
			continue;
		err_run(c->err, LO_ERR_GLYPH, r);
		c->err->cp = cp;
		c->err->font = r->font;
		err_text(c->err, s + ws, we - ws);
		return -1;
	}
	return 0;
}

/* walk(): check the runs of a block, arg being the struct ctx. */
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

static struct lo_op *
op_add(struct lo_page *p, enum lo_kind kind)
{
	struct lo_op	*o;

	p->ops = xgrow(p->ops, &p->cap, p->nops + 1, sizeof(*p->ops));
	o = &p->ops[p->nops++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	return o;
}

static void
oplist_free(struct lo_page *p)
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
static void
oplist_move(struct lo_page *dst, struct lo_page *src, double dy)
{
	size_t	 i;

	if (dst == NULL) {
		oplist_free(src);
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

static void
op_line(struct lo_page *p, double x, double y, double w, double h,
    double stroke)
{
	struct lo_op	*o;

	o = op_add(p, LO_LINE);
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
		err_run(c->err, LO_ERR_GLYPH, NULL);
		c->err->cp = (unsigned char)s[i];
		c->err->font = pg->number_font;
		err_text(c->err, s, len);
		return -1;
	}
	memset(&m, 0, sizeof(m));
	c->fm->metrics(c->fm->arg, pg->number_font, &m);
	w = c->fm->text_width(c->fm->arg, pg->number_font, pg->number_size,
	    s, len);
	o = op_add(&c->cur, LO_TEXT);
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
		err_reset(c->err);
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
 * Hand the finished page over: its operations turn into PDF coordinates
 * and the page is appended to the result.  This is the one place where a
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
	}
	if (c->ship != NULL) {
		rc = c->ship(&c->cur, c->pageno, c->ship_arg);
		oplist_free(&c->cur);
		return rc;
	}
	out->pages = xgrow(out->pages, &out->cap, out->npages + 1,
	    sizeof(*out->pages));
	out->pages[out->npages++] = c->cur;
	memset(&c->cur, 0, sizeof(c->cur));
	return 0;
}

static int
flow_newpage(struct flow *f)
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
			err_text(c->err, b->path, strlen(b->path));
		return -1;
	}
	if (!f->at_top && f->y + h > f->ybot + EPS)
		return flow_newpage(f);
	return 0;
}

/* --- paragraphs: words and lines ------------------------------------- */

/* A run's size at the paragraph's current reference size. */
static double
run_size(const struct para *p, size_t r)
{
	if (p->s == p->ref)
		return p->b->runs[r].size;
	return p->b->runs[r].size * p->s / p->ref;
}

/*
 * Cut the runs into pieces at spaces and group them into words: a word
 * goes on across runs until a space.  Leading and trailing spaces belong
 * to no word.
 */
static void
para_split(struct para *p)
{
	const struct blk	*b = p->b;
	const char		*t;
	struct piece		*pc;
	struct word		*w;
	size_t			 r, i, j, sep = 0;
	int			 sp, in_word = 0;

	for (r = 0; r < b->nruns; r++) {
		t = run_text(&b->runs[r]);
		for (i = 0; t[i] != '\0'; i = j) {
			sp = t[i] == ' ';
			for (j = i; t[j] != '\0' && (t[j] == ' ') == sp; j++)
				continue;
			p->pc = xgrow(p->pc, &p->pccap, p->npc + 1,
			    sizeof(*p->pc));
			pc = &p->pc[p->npc++];
			pc->run = r;
			pc->s = t + i;
			pc->len = j - i;
			pc->space = sp;
			pc->w = 0;
		}
	}
	for (i = 0; i < p->npc; i++) {
		if (p->pc[i].space) {
			if (in_word)
				sep = i;
			in_word = 0;
		} else if (in_word)
			p->wd[p->nwd - 1].p1 = i + 1;
		else {
			p->wd = xgrow(p->wd, &p->wdcap, p->nwd + 1,
			    sizeof(*p->wd));
			w = &p->wd[p->nwd];
			w->s0 = p->nwd == 0 ? i : sep;
			w->p0 = i;
			w->p1 = i + 1;
			p->nwd++;
			in_word = 1;
		}
	}
}

/* The reference size of a paragraph: its largest run. */
static double
para_ref(const struct blk *b)
{
	double	 ref = 0;
	size_t	 i;

	for (i = 0; i < b->nruns; i++)
		if (b->runs[i].size > ref)
			ref = b->runs[i].size;
	return ref;
}

/*
 * What the gap before each word of a centred paragraph is (phrases.h):
 * the words as printed, each joined from its pieces.
 */
static void
para_gaps(struct ctx *c, struct para *p)
{
	struct buf	*t;
	const char	**w;
	size_t		*len, i, k;

	t = xcalloc(p->nwd, sizeof(*t));
	w = xcalloc(p->nwd, sizeof(*w));
	len = xcalloc(p->nwd, sizeof(*len));
	for (i = 0; i < p->nwd; i++) {
		for (k = p->wd[i].p0; k < p->wd[i].p1; k++)
			buf_add(&t[i], p->pc[k].s, p->pc[k].len);
		w[i] = t[i].s != NULL ? t[i].s : "";
		len[i] = t[i].len;
	}
	p->gap = xcalloc(p->nwd, sizeof(*p->gap));
	phrases_gaps(c->doc->phrases, w, len, p->nwd, p->gap);
	for (i = 0; i < p->nwd; i++)
		buf_free(&t[i]);
	free(t);
	free(w);
	free(len);
}

static void
para_init(struct ctx *c, struct para *p, const struct blk *b)
{
	struct font_metrics	 m;
	size_t			 r;

	memset(p, 0, sizeof(*p));
	p->b = b;
	p->asc = xcalloc(b->nruns, sizeof(*p->asc));
	p->desc = xcalloc(b->nruns, sizeof(*p->desc));
	for (r = 0; r < b->nruns; r++) {
		memset(&m, 0, sizeof(m));
		c->fm->metrics(c->fm->arg, b->runs[r].font, &m);
		p->asc[r] = m.ascent;
		p->desc[r] = m.descent;
	}
	p->ref = p->s = para_ref(b);
	para_split(p);
	if (b->align == ALIGN_CENTER && p->nwd > 1)
		para_gaps(c, p);
}

static void
para_free(struct para *p)
{
	free(p->asc);
	free(p->desc);
	free(p->pc);
	free(p->wd);
	free(p->ln);
	free(p->gap);
}

/* Measure every piece and word at the current size. */
static void
para_measure(struct ctx *c, struct para *p)
{
	struct piece	*pc;
	struct word	*w;
	size_t		 i, k;

	for (i = 0; i < p->npc; i++) {
		pc = &p->pc[i];
		pc->w = c->fm->text_width(c->fm->arg, p->b->runs[pc->run].font,
		    run_size(p, pc->run), pc->s, pc->len);
	}
	for (i = 0; i < p->nwd; i++) {
		w = &p->wd[i];
		w->w = w->gap = 0;
		for (k = w->p0; k < w->p1; k++)
			w->w += p->pc[k].w;
		for (k = w->s0; k < w->p0; k++)
			w->gap += p->pc[k].w;
	}
}

/*
 * A line's height and baseline: (ascent - descent) x size x leading and
 * ascent x size, the largest over the runs on the line.
 */
static void
line_metrics(const struct para *p, struct line *l)
{
	double	 lead, sz, a, h;
	size_t	 i, r;

	lead = p->b->leading > 0 ? p->b->leading : 1.0;
	l->asc = l->h = 0;
	for (i = p->wd[l->w0].p0; i < p->wd[l->w1 - 1].p1; i++) {
		r = p->pc[i].run;
		sz = run_size(p, r);
		a = p->asc[r] * sz;
		h = (p->asc[r] - p->desc[r]) * sz * lead;
		if (a > l->asc)
			l->asc = a;
		if (h > l->h)
			l->h = h;
	}
}

/* Append the line of words [i, j) of width lw. */
static void
line_add(struct para *p, size_t i, size_t j, double lw)
{
	struct line	*l;

	p->ln = xgrow(p->ln, &p->lncap, p->nln + 1, sizeof(*p->ln));
	l = &p->ln[p->nln++];
	l->w0 = i;
	l->w1 = j;
	l->w = lw;
	line_metrics(p, l);
}

/*
 * The costs of a centred block's breaks, in order of weight: a break
 * inside a phrase that never splits (only when nothing else fits), a
 * line more than needed, then how uneven the lines are (the square of
 * each line's slack over the width, the last line's too, so that no
 * word is left alone) and a small cost for a break that is not at a
 * joint of a name.
 */
#define COST_GLUE	1e9
#define COST_LINE	1e4
#define COST_FREE	0.15
#define COST_LONE	0.5

/*
 * Break a centred paragraph into balanced lines: the fewest lines, then
 * the most even, breaking at the joints of names (before TỈNH, after a
 * comma) rather than elsewhere and never inside a phrase of the data
 * file if it can be helped (a dynamic program over the break points).
 * Returns 0; the words were checked to fit a line each.
 */
static int
para_balance(struct para *p, double width, double indent)
{
	double		*best, lw, avail, slack, cost;
	size_t		*from, *ends, i, j, k, nends = 0, n = p->nwd;

	best = xcalloc(n + 1, sizeof(*best));
	from = xcalloc(n + 1, sizeof(*from));
	for (j = 1; j <= n; j++)
		best[j] = -1;
	for (i = 0; i < n; i++) {
		if (i > 0 && best[i] < 0)
			continue;
		avail = i == 0 ? width - indent : width;
		lw = 0;
		for (j = i + 1; j <= n; j++) {
			lw += (j > i + 1 ? p->wd[j - 1].gap : 0) +
			    p->wd[j - 1].w;
			if (lw > avail + EPS && j > i + 1)
				break;
			slack = avail > 0 ? (avail - lw) / avail : 0;
			cost = best[i] < 0 ? 0 : best[i];
			cost += COST_LINE + slack * slack;
			if (j < n)
				cost += p->gap[j] == PHR_GLUE ? COST_GLUE :
				    p->gap[j] == PHR_FREE ? COST_FREE : 0;
			else if (i > 0 && j == i + 1 && n > 2)
				cost += COST_LONE;
			if (best[j] < 0 || cost < best[j] - EPS) {
				best[j] = cost;
				from[j] = i;
			}
		}
	}
	/* The lines' ends, found backwards from the last word. */
	ends = xcalloc(n + 1, sizeof(*ends));
	for (j = n; j > 0; j = from[j])
		ends[nends++] = j;
	p->nln = 0;
	for (i = 0; nends > 0; i = j) {
		j = ends[--nends];
		lw = p->wd[i].w;
		for (k = i + 1; k < j; k++)
			lw += p->wd[k].gap + p->wd[k].w;
		line_add(p, i, j, lw);
	}
	free(ends);
	free(best);
	free(from);
	return 0;
}

/*
 * Break the measured words into lines of width (the first line less the
 * indent): first fit, or balanced for a centred paragraph.  Returns 0,
 * or -1 with p->wide the first word that does not fit a line by itself.
 */
static int
para_break(struct para *p, double width, double indent)
{
	double		 avail, lw;
	size_t		 i = 0, j;

	p->nln = 0;
	if (p->gap != NULL) {
		for (i = 0; i < p->nwd; i++)
			if (p->wd[i].w > (i == 0 ? width - indent : width) +
			    EPS) {
				p->wide = i;
				return -1;
			}
		return para_balance(p, width, indent);
	}
	while (i < p->nwd) {
		avail = p->nln == 0 ? width - indent : width;
		if (p->wd[i].w > avail + EPS) {
			p->wide = i;
			return -1;
		}
		lw = p->wd[i].w;
		for (j = i + 1; j < p->nwd; j++) {
			if (lw + p->wd[j].gap + p->wd[j].w > avail + EPS)
				break;
			lw += p->wd[j].gap + p->wd[j].w;
		}
		line_add(p, i, j, lw);
		i = j;
	}
	return 0;
}

static struct fit *
fits_find(struct fits *fs, const struct blk *b)
{
	size_t	 i;

	if (fs == NULL)
		return NULL;
	for (i = 0; i < fs->n; i++)
		if (fs->v[i].b == b)
			return &fs->v[i];
	return NULL;
}

static void
err_word(struct ctx *c, const struct para *p, size_t wi)
{
	const struct word	*w = &p->wd[wi];
	struct buf		 t = { NULL, 0, 0 };
	size_t			 k;

	err_run(c->err, LO_ERR_WORD_WIDE,
	    &p->b->runs[p->pc[w->p0].run]);
	for (k = w->p0; k < w->p1; k++)
		buf_add(&t, p->pc[k].s, p->pc[k].len);
	err_text(c->err, t.s, t.len);
	buf_free(&t);
}

static void
err_nofit(struct ctx *c, const struct blk *b)
{
	struct buf	 t = { NULL, 0, 0 };
	size_t		 i;

	err_run(c->err, LO_ERR_NO_FIT, para_field_run(b));
	for (i = 0; i < b->nruns && t.len < 256; i++)
		buf_adds(&t, run_text(&b->runs[i]));
	if (t.s != NULL)
		err_text(c->err, t.s, t.len);
	buf_free(&t);
}

/*
 * Measure and break the paragraph into lines of the flow's width.  An
 * auto-shrinking one (min_size > 0) starts at its natural size, or at
 * the cap its box set, and steps down by SHRINK_STEP (the last step
 * landing on min_size) until every word fits and it has at most
 * max_lines lines; the size it settles on is recorded for its box.
 * Fails with LO_ERR_WORD_WIDE, or LO_ERR_NO_FIT when shrinking.
 */
static int
para_fit(struct flow *f, struct para *p)
{
	const struct blk	*b = p->b;
	struct fit		*ft;
	double			 s = p->ref;
	int			 rc;

	ft = b->min_size > 0 ? fits_find(f->fits, b) : NULL;
	if (ft != NULL && ft->cap < s)
		s = ft->cap;
	for (;;) {
		p->s = s;
		para_measure(f->ctx, p);
		rc = para_break(p, f->w, b->indent);
		if (b->min_size <= 0) {
			if (rc == -1) {
				err_word(f->ctx, p, p->wide);
				return -1;
			}
			return 0;
		}
		if (rc == 0 && (b->max_lines <= 0 ||
		    p->nln <= (size_t)b->max_lines))
			break;
		if (s <= b->min_size + EPS) {
			err_nofit(f->ctx, b);
			return -1;
		}
		s -= SHRINK_STEP;
		if (s < b->min_size)
			s = b->min_size;
	}
	if (ft != NULL)
		ft->used = s;
	return 0;
}

/* --- paragraphs: placing --------------------------------------------- */

static int
same_style(const struct para *p, size_t r1, size_t r2)
{
	const struct blk_run	*a = &p->b->runs[r1], *b = &p->b->runs[r2];

	return r1 == r2 || (a->font == b->font &&
	    run_size(p, r1) == run_size(p, r2) &&
	    a->color.r == b->color.r && a->color.g == b->color.g &&
	    a->color.b == b->color.b);
}

static void
emit_text(struct flow *f, const struct para *p, size_t r, struct buf *t,
    double x, double w, double base)
{
	struct lo_op	*o;

	o = op_add(f->ops, LO_TEXT);
	o->x = x;
	o->y = base;
	o->w = w;
	o->font = p->b->runs[r].font;
	o->size = run_size(p, r);
	o->color = p->b->runs[r].color;
	o->text = buf_detach(t);
}

/*
 * Emit pieces [a, z) from x on the baseline, one text op for each
 * stretch of pieces in one font, size and colour, side by side.
 */
static void
emit_pieces(struct flow *f, const struct para *p, size_t a, size_t z,
    double x, double base)
{
	struct buf	 t = { NULL, 0, 0 };
	size_t		 i, r0 = 0;
	double		 w = 0;
	int		 open = 0;

	for (i = a; i < z; i++) {
		if (open && !same_style(p, r0, p->pc[i].run)) {
			emit_text(f, p, r0, &t, x, w, base);
			x += w;
			w = 0;
			open = 0;
		}
		if (!open)
			r0 = p->pc[i].run;
		open = 1;
		buf_add(&t, p->pc[i].s, p->pc[i].len);
		w += p->pc[i].w;
	}
	if (open)
		emit_text(f, p, r0, &t, x, w, base);
	buf_free(&t);
}

/* A line was set: a rule under the paragraph measures its last line. */
static void
line_mark(struct flow *f, double base, double x0, double x1)
{
	f->lx0 = x0;
	f->lx1 = x1;
	f->have_line = 1;
	f->base = base;
}

/*
 * Emit line li with its baseline at base.  A justified line that is not
 * the paragraph's last and has two words or more is set word by word:
 * equal gaps, the last word ending at the right edge.
 */
static void
line_emit(struct flow *f, const struct para *p, size_t li, double base)
{
	const struct blk	*b = p->b;
	const struct line	*l = &p->ln[li];
	double			 x0 = f->x, avail = f->w, sum = 0, gap, x;
	size_t			 k;

	if (li == 0) {
		x0 += b->indent;
		avail -= b->indent;
	}
	if (b->align == ALIGN_JUSTIFY && li + 1 < p->nln &&
	    l->w1 - l->w0 > 1) {
		for (k = l->w0; k < l->w1; k++)
			sum += p->wd[k].w;
		gap = (avail - sum) / (double)(l->w1 - l->w0 - 1);
		x = x0;
		for (k = l->w0; k < l->w1; k++) {
			if (k + 1 == l->w1)
				x = x0 + avail - p->wd[k].w;
			emit_pieces(f, p, p->wd[k].p0, p->wd[k].p1, x, base);
			x += p->wd[k].w + gap;
		}
		line_mark(f, base, x0, x0 + avail);
		return;
	}
	x = x0;
	switch (b->align) {
	case ALIGN_LEFT:
	case ALIGN_JUSTIFY:
		break;
	case ALIGN_CENTER:
		x = x0 + (avail - l->w) / 2;
		break;
	case ALIGN_RIGHT:
		x = x0 + avail - l->w;
		break;
	}
	emit_pieces(f, p, p->wd[l->w0].p0, p->wd[l->w1 - 1].p1, x, base);
	line_mark(f, base, x, x + l->w);
}

static int	 frame_run(struct flow *, const struct blk *, double, double,
		    struct lo_page *, struct lo_page *, double *);

/*
 * When the block after b is a kept group that takes b's last lines with
 * it, its height in *h and the lines in *lines; else both 0.
 */
static int
keep_after(struct flow *f, const struct blk *b, double *h, size_t *lines)
{
	struct lo_page	 dry = { NULL, 0, 0 };
	int		 rc;

	*h = 0;
	*lines = 0;
	if (!f->paged || b->next == NULL || b->next->kind != BLK_KEEP ||
	    b->next->keep_lines <= 0)
		return 0;
	rc = frame_run(f, b->next->child, f->x, f->w, &dry, NULL, h);
	oplist_free(&dry);
	*lines = (size_t)b->next->keep_lines;
	return rc;
}

/*
 * Would setting line i of p here leave a line alone on a page?  At the
 * first line: when fewer than two lines of the paragraph fit, or all
 * but the last (it would go on alone), the paragraph starts on the next
 * page (no orphan); the last tail lines count as going on when a kept
 * group of height keep after them does not fit with them.  At the last
 * but one: when the last does not fit after it, both go on (no widow).
 * Called when line i itself fits.
 */
static int
lone_line(const struct flow *f, const struct para *p, size_t i,
    double keep, size_t tail)
{
	double	 y = f->y, rest;
	size_t	 fit, k, ts;

	if (p->nln < 2)
		return 0;
	if (i == 0) {
		for (fit = 0; fit < p->nln && y + p->ln[fit].h <= f->ybot +
		    EPS; fit++)
			y += p->ln[fit].h;
		/* The last lines that go on with a kept group after them. */
		ts = p->nln > tail ? p->nln - tail : 0;
		if (keep > 0 && ts < fit) {
			double before_ts = 0;

			rest = keep + p->b->after;
			for (k = 0; k < p->nln; k++) {
				if (k < ts)
					before_ts += p->ln[k].h;
				else
					rest += p->ln[k].h;
			}
			if (f->y + before_ts + rest > f->ybot + EPS &&
			    rest <= f->ctx->bot - f->ctx->top + EPS)
				fit = ts;
		}
		if (fit == p->nln)
			return 0;
		if (p->nln - fit == 1)
			fit--;
		return fit < 2;
	}
	return i + 2 == p->nln && i >= 2 &&
	    y + p->ln[i].h + p->ln[i + 1].h > f->ybot + EPS;
}

/*
 * The height a heading (keep_next) needs on its page: its own lines and
 * `after', then the `before' and the first two lines of the paragraph
 * after it (all of them if it has fewer; a block of another kind counts
 * as two of the heading's lines).  -1 when that paragraph cannot be
 * laid out (its error is reported where it is placed).
 */
static double
heading_need(struct flow *f, const struct para *p)
{
	const struct blk	*nb = p->b->next;
	struct para		 q;
	double			 h = p->b->after;
	size_t			 i;

	for (i = 0; i < p->nln; i++)
		h += p->ln[i].h;
	if (nb == NULL || nb->kind != BLK_PARA)
		return h + 2 * (p->nln > 0 ? p->ln[p->nln - 1].h : 0);
	para_init(f->ctx, &q, nb);
	if (q.nwd > 0) {
		para_measure(f->ctx, &q);
		if (para_break(&q, f->w, nb->indent) == -1)
			q.nln = 0;
		h += nb->before;
		for (i = 0; i < q.nln && i < 2; i++)
			h += q.ln[i].h;
	}
	para_free(&q);
	return h;
}

/*
 * A paragraph: `before', its lines (each one that does not fit the page
 * going to the next), `after'.  At the top of a page `before' is
 * dropped.  A paragraph without words takes only before + after.
 */
static int
para_flow(struct flow *f, const struct blk *b)
{
	struct para	 p;
	size_t		 i, tail = 0;
	double		 keep = 0;
	int		 rc = -1;

	para_init(f->ctx, &p, b);
	if (p.nwd == 0) {
		if (!(f->paged && f->at_top))
			f->y += b->before + b->after;
		rc = 0;
		goto out;
	}
	if (para_fit(f, &p) == -1)
		goto out;
	if (!(f->paged && f->at_top))
		f->y += b->before;
	if (keep_after(f, b, &keep, &tail) == -1)
		goto out;
	/* A heading starts a page rather than end one alone. */
	if (b->keep_next && f->paged && !f->at_top) {
		double need = heading_need(f, &p);

		if (f->y + need > f->ybot + EPS &&
		    need <= f->ctx->bot - f->ctx->top + EPS &&
		    flow_newpage(f) == -1)
			goto out;
	}
	f->have_line = 0;	/* a rule below measures this paragraph */
	for (i = 0; i < p.nln; i++) {
		/* The last lines go with a kept group after them. */
		if (keep > 0 && i == (p.nln > tail ? p.nln - tail : 0) &&
		    f->paged && !f->at_top) {
			double rest = keep;
			size_t k;

			for (k = i; k < p.nln; k++)
				rest += p.ln[k].h;
			rest += b->after;
			if (f->y + rest > f->ybot + EPS &&
			    rest <= f->ctx->bot - f->ctx->top + EPS &&
			    flow_newpage(f) == -1)
				goto out;
		}
		if (f->paged && !f->at_top && (f->y + p.ln[i].h > f->ybot +
		    EPS || lone_line(f, &p, i, keep, tail)))
			if (flow_newpage(f) == -1)
				goto out;
		line_emit(f, &p, i, f->y + p.ln[i].asc);
		f->y += p.ln[i].h;
		f->at_top = 0;
	}
	f->y += b->after;
	rc = 0;
out:
	para_free(&p);
	return rc;
}

/* --- rules, spaces, shapes, images ----------------------------------- */

/*
 * A rule rule_gap below the baseline of the line above it in this flow
 * (or below the flow's position when there is none).  RULE_TEXT is
 * rule_len x that line's text width, centred on the text (the width
 * available when there is no line); RULE_SPAN and RULE_ABS are centred
 * on the flow.  The flow moves down past the rule's stroke if it is not
 * already below it.
 */
static void
rule_flow(struct flow *f, const struct blk *b)
{
	double	 ry, cx, len = 0;

	ry = (f->have_line ? f->base : f->y) + b->rule_gap;
	cx = f->x + f->w / 2;
	switch (b->rule_len_kind) {
	case RULE_TEXT:
		if (f->have_line) {
			len = b->rule_len * (f->lx1 - f->lx0);
			cx = (f->lx0 + f->lx1) / 2;
		} else
			len = b->rule_len * f->w;
		break;
	case RULE_SPAN:
		len = b->rule_len * f->w;
		break;
	case RULE_ABS:
		len = b->rule_len;
		break;
	}
	op_line(f->ops, cx - len / 2, ry, len, 0, b->rule_width);
	if (ry + b->rule_width / 2 > f->y)
		f->y = ry + b->rule_width / 2;
	f->at_top = 0;
}

/* Vertical space; dropped at the top of a page, cut at its bottom. */
static void
space_flow(struct flow *f, const struct blk *b)
{
	f->have_line = 0;
	if (f->paged && f->at_top)
		return;
	f->y += b->height;
	if (f->paged && f->y > f->ybot)
		f->y = f->ybot;
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
	o = op_add(f->fixed, b->rect ? LO_RECT : LO_LINE);
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
		o = op_add(f->fixed, LO_IMAGE);
		o->x = b->x;
		o->y = b->y;
	} else {
		if (flow_room(f, b->h, b) == -1)
			return -1;
		o = op_add(f->ops, LO_IMAGE);
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
static int
frame_run(struct flow *parent, const struct blk *b, double x, double w,
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
		rc = frame_run(f, b->child, f->x, f->w, &dry, NULL, &h);
		oplist_free(&dry);
		if (rc == -1)
			return -1;
		if (f->y + h > f->ybot + EPS && h <= c->bot - c->top + EPS)
			if (flow_newpage(f) == -1)
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
		if (frame_run(f, col->child, x, cw, &ops, &fixed, &h) == -1)
			goto out;
		if (h > hmax)
			hmax = h;
		x += cw;
	}
	if (flow_room(f, hmax, b) == -1)
		goto out;
	oplist_move(f->ops, &ops, f->y);
	oplist_move(f->fixed, &fixed, 0);
	f->y += hmax;
	f->at_top = 0;
	f->have_line = 0;
	rc = 0;
out:
	oplist_free(&ops);
	oplist_free(&fixed);
	return rc;
}

/* --- tables ---------------------------------------------------------- */

static void
rowbox_free(struct rowbox *rb)
{
	oplist_free(&rb->ops);
	oplist_free(&rb->fixed);
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
		if (frame_run(f, row->cells[i].child, tb->colx[i] + t->pad,
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
		oplist_move(&rb->ops, &cell[i], off);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		oplist_free(&cell[i]);
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
		op_line(f->ops, tb->colx[i], tb->segtop, 0,
		    f->y - tb->segtop, tb->t->border);
}

/* A horizontal grid line across the table, over the corners. */
static void
tbl_hline(struct flow *f, const struct tbl *tb, double y)
{
	double	 bw = tb->t->border;

	if (bw <= 0)
		return;
	op_line(f->ops, tb->colx[0] - bw / 2, y,
	    tb->colx[tb->t->ncols] - tb->colx[0] + bw, 0, bw);
}

/* Fail with LO_ERR_TOO_TALL, blaming a row: its first field, its text. */
static void
err_row(struct ctx *c, const struct blk_row *row, size_t ncols)
{
	const struct blk_run	*r = NULL;
	struct buf		 t = { NULL, 0, 0 };
	size_t			 i;

	for (i = 0; i < ncols; i++)
		if (walk(row->cells[i].child, 1, walk_field, &r) == -1)
			break;
	for (i = 0; i < ncols; i++)
		walk(row->cells[i].child, 1, walk_excerpt, &t);
	err_run(c->err, LO_ERR_TOO_TALL, r);
	if (t.s != NULL)
		err_text(c->err, t.s, t.len);
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
	oplist_move(f->ops, &rb->ops, f->y);
	oplist_move(f->fixed, &rb->fixed, 0);
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
	if (flow_newpage(f) == -1)
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
static int
table_flow(struct flow *f, const struct blk *b)
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

			if (keep_after(f, b, &keep, &lines) == -1) {
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

/* --- boxes ----------------------------------------------------------- */

/*
 * walk(): the auto-shrinking paragraphs of a box, into the struct fits
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
		ft->cap = ft->used = para_ref(b);
	}
	return 0;
}

/*
 * One step smaller for every auto-shrinking paragraph of the box that is
 * still above its min_size.  Returns 0, or -1 (LO_ERR_NO_FIT, blaming the
 * first of them that has a field) when none can shrink.
 */
static int
fits_shrink(struct ctx *c, struct fits *fs)
{
	struct fit	*ft, *blame = NULL;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < fs->n; i++) {
		ft = &fs->v[i];
		if (blame == NULL && para_field_run(ft->b) != NULL)
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
	err_nofit(c, (blame != NULL ? blame : &fs->v[0])->b);
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
	walk(b->child, 1, walk_fits, &fs);
	for (;;) {
		oplist_free(&ops);
		oplist_free(&fixed);
		/* A paragraph without words is not fitted: its cap stands. */
		for (i = 0; i < fs.n; i++)
			fs.v[i].used = fs.v[i].cap;
		flow_frame(&bf, f->ctx, &ops, &fixed, &fs, b->x, b->w, 0);
		if (flow_blocks(&bf, b->child) == -1)
			goto out;
		if (bf.y <= b->h + EPS || fs.n == 0)
			break;
		if (fits_shrink(f->ctx, &fs) == -1)
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
	oplist_move(f->fixed, &ops, off);
	oplist_move(f->fixed, &fixed, 0);
	rc = 0;
out:
	oplist_free(&ops);
	oplist_free(&fixed);
	free(fs.v);
	return rc;
}

/* --- the flow -------------------------------------------------------- */

static int
flow_block(struct flow *f, const struct blk *b)
{
	switch (b->kind) {
	case BLK_PARA:
		return para_flow(f, b);
	case BLK_RULE:
		rule_flow(f, b);
		return 0;
	case BLK_SPACE:
		space_flow(f, b);
		return 0;
	case BLK_KEEP:
		return keep_flow(f, b);
	case BLK_COLUMNS:
		return columns_flow(f, b);
	case BLK_COLUMN:
		/* Outside BLK_COLUMNS: its blocks, in the flow. */
		return flow_blocks(f, b->child);
	case BLK_TABLE:
		return table_flow(f, b);
	case BLK_PAGEBREAK:
		/* Only the page flow breaks, and never into an empty page. */
		if (f->paged && !f->at_top)
			return flow_newpage(f);
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
	err_reset(err);
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
	c.top = pg->top;
	c.bot = pg->height - pg->bottom;
	c.left = pg->left;
	c.width = pg->width - pg->left - pg->right;
	if (walk(doc->body, 1, walk_check, &c) == -1 ||
	    walk(doc->every_page, 1, walk_check, &c) == -1)
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
	oplist_free(&c.cur);
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
		err_text(err, pg, strlen(pg));
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
				err_text(err, msg, strlen(msg));
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

	err_reset(err);
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
layout_dump_page(const struct lo_page *page, int pageno, FILE *fp)
{
	const struct lo_op	*o;
	size_t			 j;

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
				fprintf(fp, " f%d", o->font);
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
		layout_dump_page(&res->pages[i], (int)i + 1, fp);
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
		oplist_free(&res->pages[i]);
	free(res->pages);
	memset(res, 0, sizeof(*res));
}
