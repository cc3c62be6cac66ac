/*
 * layout_para.c: owns paragraphs in the layout engine — runs split into
 * words, measured, broken into lines (balanced when centred), shrunk to
 * fit their box, and placed line by line with widow, orphan and
 * keep-with-next rules — and rules and vertical spaces in a flow.
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
		t = lo_run_text(&b->runs[r]);
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
double
lo_para_ref(const struct blk *b)
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
	p->ref = p->s = lo_para_ref(b);
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
	struct buf		 t = BUF_INIT;
	size_t			 k;

	lo_err_run(c->err, LO_ERR_WORD_WIDE,
	    &p->b->runs[p->pc[w->p0].run]);
	for (k = w->p0; k < w->p1; k++)
		buf_add(&t, p->pc[k].s, p->pc[k].len);
	lo_err_text(c->err, t.s, t.len);
	buf_free(&t);
}

void
lo_err_nofit(struct ctx *c, const struct blk *b)
{
	struct buf	 t = BUF_INIT;
	size_t		 i;

	lo_err_run(c->err, LO_ERR_NO_FIT, lo_para_field_run(b));
	for (i = 0; i < b->nruns && t.len < 256; i++)
		buf_adds(&t, lo_run_text(&b->runs[i]));
	if (t.s != NULL)
		lo_err_text(c->err, t.s, t.len);
	buf_free(&t);
}

/* Characters (code points) of pieces [a, z). */
static long
pieces_chars(const struct para *p, size_t a, size_t z)
{
	long	 n = 0;
	size_t	 i, k;

	for (i = a; i < z; i++)
		for (k = 0; k < p->pc[i].len; k++)
			n += ((unsigned char)p->pc[i].s[k] & 0xC0) != 0x80;
	return n;
}

/*
 * A paragraph of more than max lines at its smallest size: how many
 * lines are over, and the characters on them (what is to cut).
 */
static void
para_over(struct lo_error *e, const struct para *p, size_t max)
{
	if (max == 0 || p->nln <= max)
		return;
	e->over_lines = (int)(p->nln - max);
	e->over_chars = pieces_chars(p, p->wd[p->ln[max].w0].s0, p->npc);
}

void
lo_para_over_box(struct lo_error *e, const struct blk *b, double over,
    double height)
{
	double		 lh = b->min_size * (b->leading > 0 ? b->leading : 1);
	long		 chars = 0;
	const char	*s;
	size_t		 i;

	if (over <= 0 || lh <= 0 || height <= 0)
		return;
	e->over_lines = (int)(over / lh + 0.999);
	for (i = 0; i < b->nruns; i++)
		for (s = lo_run_text(&b->runs[i]); *s != '\0'; s++)
			chars += ((unsigned char)*s & 0xC0) != 0x80;
	/* Its share of the box's content that is over (an estimate). */
	e->over_chars = (long)(chars * over / height + 0.999);
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
			lo_err_nofit(f->ctx, b);
			if (rc == 0)
				para_over(f->ctx->err, p, (size_t)b->max_lines);
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

	o = lo_op_add(f->ops, LO_TEXT);
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
	struct buf	 t = BUF_INIT;
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

/*
 * When the block after b is a kept group that takes b's last lines with
 * it, its height in *h and the lines in *lines; else both 0.
 */
int
lo_keep_after(struct flow *f, const struct blk *b, double *h, size_t *lines)
{
	struct lo_page	 dry = { NULL, 0, 0 };
	int		 rc;

	*h = 0;
	*lines = 0;
	if (!f->paged || b->next == NULL || b->next->kind != BLK_KEEP ||
	    b->next->keep_lines <= 0)
		return 0;
	rc = lo_frame_run(f, b->next->child, f->x, f->w, &dry, NULL, h);
	lo_oplist_free(&dry);
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
int
lo_para_flow(struct flow *f, const struct blk *b)
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
	if (lo_keep_after(f, b, &keep, &tail) == -1)
		goto out;
	/* A heading starts a page rather than end one alone. */
	if (b->keep_next && f->paged && !f->at_top) {
		double need = heading_need(f, &p);

		if (f->y + need > f->ybot + EPS &&
		    need <= f->ctx->bot - f->ctx->top + EPS &&
		    lo_flow_newpage(f) == -1)
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
			    lo_flow_newpage(f) == -1)
				goto out;
		}
		if (f->paged && !f->at_top && (f->y + p.ln[i].h > f->ybot +
		    EPS || lone_line(f, &p, i, keep, tail)))
			if (lo_flow_newpage(f) == -1)
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
void
lo_rule_flow(struct flow *f, const struct blk *b)
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
	lo_op_line(f->ops, cx - len / 2, ry, len, 0, b->rule_width);
	if (ry + b->rule_width / 2 > f->y)
		f->y = ry + b->rule_width / 2;
	f->at_top = 0;
}

/* Vertical space; dropped at the top of a page, cut at its bottom. */
void
lo_space_flow(struct flow *f, const struct blk *b)
{
	f->have_line = 0;
	if (f->paged && f->at_top)
		return;
	f->y += b->height;
	if (f->paged && f->y > f->ybot)
		f->y = f->ybot;
}
