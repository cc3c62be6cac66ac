/*
 * tpl_expand.c: the expansion of a compiled template against a dossier
 * into blocks (blocks.h): fields filled in, loops and conditions run,
 * styles resolved to the document's fonts, within a budget of nodes.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "model.h"
#include "plan.h"
#include "backend.h"
#include "blocks.h"
#include "fonts.h"
#include "template.h"
#include "tpl_int.h"

struct xp {
	struct env		 env;
	const struct template	*t;
	const struct blk_page	*page;		/* of the document made */
	char			*err;
	size_t			 errlen;
	int			 failed;
	/* Fonts loaded into the document: path -> handle. */
	const char		*font_paths[16];
	int			 font_handles[16];
	size_t			 nfonts;
	/* The budget: elements expanded and cells made so far. */
	size_t			 nodes;
	const struct tpl_op	*fors[MAX_VARS];	/* the <for>s running */
	int			 indep[MAX_VARS];	/* over a list of the
						   dossier, not of an item of an
						   enclosing loop */
	size_t			 nfors;
	const struct tpl_op	*over_at;	/* where it ran out, or NULL */
	int			 over_cross;	/* independent loops nested */
};

/* The inline state: a style and the b/i nesting over it. */
struct inl {
	const struct style	*st;
	int			 bold, italic;
};

static void expand_list(struct xp *, const struct tpl_op *, struct blk *,
		    struct blk ***, const struct inl *);

/*
 * Count k more nodes of the document being made at n; past the budget,
 * the expansion stops (x->failed) with where it was kept in x->over_at:
 * the outermost <for> over a list of the dossier (rather than of an
 * enclosing loop's item), and whether another such runs inside it, a
 * cross product of lists that is the template's doing.
 */
static void
budget(struct xp *x, const struct tpl_op *n, size_t k)
{
	size_t	 i, nindep;

	x->nodes += k;
	if (x->nodes <= TPL_MAX_NODES || x->over_at != NULL)
		return;
	x->over_at = x->nfors > 0 ? x->fors[0] : n;
	for (i = 0, nindep = 0; i < x->nfors; i++)
		if (x->indep[i] && nindep++ == 0)
			x->over_at = x->fors[i];
	x->over_cross = nindep >= 2;
	x->failed = 1;
}

static int
font_for(struct xp *x, const struct style *s, int bold, int italic)
{
	int		 i = (bold ? 1 : 0) + (italic ? 2 : 0), h;
	const char	*p;
	size_t		 k;

	p = s->paths[i] != NULL ? s->paths[i] : s->paths[FS_REGULAR];
	if (p == NULL)
		return -1;
	for (k = 0; k < x->nfonts; k++)
		if (x->font_paths[k] == p || strcmp(x->font_paths[k], p) == 0)
			return x->font_handles[k];
	h = x->env.c->font(x->env.c->arg, p, p, x->err, x->errlen);
	if (h < 0) {
		x->failed = 1;
		return -1;
	}
	if (x->nfonts < 16) {
		x->font_paths[x->nfonts] = p;
		x->font_handles[x->nfonts++] = h;
	}
	return h;
}

static void
add_text(struct xp *x, struct blk *p, const struct inl *in, const char *s,
    const char *field, int line)
{
	char	*u = NULL;
	int	 font;

	if (s == NULL || *s == '\0')
		return;
	font = font_for(x, in->st, in->st->bold || in->bold,
	    in->st->italic || in->italic);
	if (font < 0)
		return;
	if (in->st->upper)
		s = u = enc_upper(s);
	blk_add_run(p, s, font, in->st->size, in->st->color, field, line);
	free(u);
}

/* Text with {fields}: literal pieces and field values as runs. */
static void
expand_text(struct xp *x, struct blk *p, const struct inl *in,
    const struct tpl_text *t)
{
	const struct tpl_piece	*pc;
	char			*val;
	size_t			 i;
	int			 line;

	for (i = 0; i < t->n; i++) {
		pc = &t->p[i];
		if (pc->lit != NULL) {
			add_text(x, p, in, pc->lit, NULL, 0);
			continue;
		}
		if (tf_eval(&x->env, &pc->ex, &val, &line) == 0 && val != NULL)
			add_text(x, p, in, val, pc->ex.name, line);
		free(val);
	}
}

/* Is item of a list of itype left out by the <for>'s kind? */
static int
for_skips(const struct tpl_op *n, enum otype itype, const void *item)
{
	return n->collective >= 0 && itype == O_NOMINEE &&
	    (((const struct nominee *)item)->kind == KIND_COLLECTIVE) !=
	    n->collective;
}

static void
expand_for(struct xp *x, const struct tpl_op *n, struct blk *p,
    struct blk ***tail, const struct inl *in)
{
	struct val	 v;
	struct var	*var;
	size_t		 i, count = 0, idx = 0;
	const char	*item;

	if (tf_get(&x->env, &n->each, &v) == -1 || !v.list)
		return;
	for (i = 0; i < v.n; i++)
		if (!for_skips(n, v.itype, (const char *)v.items +
		    i * v.stride))
			count++;
	var = &x->env.vars[x->env.nvars++];
	var->type = v.itype;
	var->count = count;
	var->punct = n->punct;
	var->punct_last = n->punct_last;
	x->indep[x->nfors] = n->indep;
	x->fors[x->nfors++] = n;
	for (i = 0; i < v.n && !x->failed; i++) {
		item = (const char *)v.items + i * v.stride;
		if (for_skips(n, v.itype, item))
			continue;
		var->obj = item;
		var->index = idx++;
		expand_list(x, n->child, p, tail, in);
	}
	x->nfors--;
	x->env.nvars--;
}

static void
append(struct blk ***tail, struct blk *b)
{
	**tail = b;
	*tail = &b->next;
}

static const struct style *
style_of(const struct xp *x, const struct tpl_op *n,
    const struct style *dflt)
{
	return n->style >= 0 ? &x->t->styles[n->style] : dflt;
}

static struct blk *
new_para(const struct style *st, const struct tpl_op *n)
{
	struct blk	*b = blk_new(BLK_PARA);

	b->align = n->align >= 0 ? (enum blk_align)n->align : st->align;
	b->indent = st->indent;
	b->before = st->before;
	b->after = st->after;
	b->leading = st->leading;
	b->min_size = st->min_size;
	b->max_lines = st->max_lines;
	b->keep_next = st->keep_next;
	return b;
}

/* Fold white space across a paragraph's runs; drop empty runs. */
static void
fold_runs(struct blk *p)
{
	size_t		 i, j;
	int		 space = 1;	/* at the start: drop leading space */
	char		*s, *o;

	for (i = 0; i < p->nruns; i++) {
		for (s = o = p->runs[i].text; *s != '\0'; s++) {
			if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
				if (!space)
					*o++ = ' ';
				space = 1;
			} else {
				*o++ = *s;
				space = 0;
			}
		}
		*o = '\0';
	}
	/* Trailing space of the paragraph. */
	for (i = p->nruns; i-- > 0; ) {
		size_t len = strlen(p->runs[i].text);

		if (len > 0 && p->runs[i].text[len - 1] == ' ')
			p->runs[i].text[len - 1] = '\0';
		if (p->runs[i].text[0] != '\0')
			break;
	}
	for (i = j = 0; i < p->nruns; i++) {
		if (p->runs[i].text[0] == '\0') {
			free(p->runs[i].text);
			continue;
		}
		p->runs[j++] = p->runs[i];
	}
	p->nruns = j;
}

static void
expand_table(struct xp *x, const struct tpl_op *n, struct blk *b)
{
	struct blk_table	*t;

	t = xcalloc(1, sizeof(*t));
	t->widths = xcalloc(TPL_MAX_COLUMNS, sizeof(double));
	memcpy(t->widths, n->widths, n->ncols * sizeof(double));
	t->ncols = n->ncols;
	budget(x, n, t->ncols);
	t->border = n->border;
	t->pad = n->pad;
	b->table = t;
	expand_list(x, n->child, b, NULL, NULL);
}

static void
expand_row(struct xp *x, const struct tpl_op *n, struct blk *tb)
{
	struct blk_table	*t = tb->table;
	struct blk_row		*r;

	t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	r->header = n->header;
	r->cells = xcalloc(t->ncols, sizeof(*r->cells));
	budget(x, n, t->ncols);
	/* Cells are added in order by expand_cell. */
	tb->height = 0;		/* next cell index */
	expand_list(x, n->child, tb, NULL, NULL);
}

static void
expand_cell(struct xp *x, const struct tpl_op *n, struct blk *tb)
{
	struct blk_table	*t = tb->table;
	struct blk_row		*r = &t->rows[t->nrows - 1];
	size_t			 col = (size_t)tb->height;
	struct blk		**tail, *p;
	const struct style	*st = style_of(x, n, &x->t->styles[0]);
	struct inl		 in = { st, 0, 0 };

	if (col >= t->ncols)
		return;
	tb->height += 1;
	r->cells[col].valign = n->valign;
	tail = &r->cells[col].child;
	if (n->blocks) {
		expand_list(x, n->child, NULL, &tail, &in);
		return;
	}
	p = new_para(st, n);
	expand_list(x, n->child, p, NULL, &in);
	fold_runs(p);
	append(&tail, p);
}

static void
expand_para(struct xp *x, const struct tpl_op *n, struct blk ***tail)
{
	struct inl	 in;
	struct blk	*b;

	in.st = style_of(x, n, &x->t->styles[0]);
	in.bold = in.italic = 0;
	b = new_para(in.st, n);
	expand_list(x, n->child, b, NULL, &in);
	fold_runs(b);
	if (b->nruns == 0) {
		blk_free(b);	/* nothing to say: no empty line */
		return;
	}
	append(tail, b);
}

/* An element with blocks inside: keep, columns, column, box. */
static void
expand_group(struct xp *x, const struct tpl_op *n, enum blk_kind kind,
    struct blk ***tail, const struct inl *in)
{
	struct blk	*b = blk_new(kind), **sub;

	if (kind == BLK_BOX) {
		b->x = n->x + n->fx * x->page->width;
		b->y = n->y + n->fy * x->page->height;
		b->w = n->w + n->fw * x->page->width;
		b->h = n->h + n->fh * x->page->height;
		b->valign = n->valign;
	} else if (kind == BLK_KEEP)
		b->keep_lines = n->keep;
	else if (kind == BLK_COLUMN)
		b->width_frac = n->frac;
	sub = &b->child;
	expand_list(x, n->child, b, &sub, in);
	append(tail, b);
}

static void
expand_shape(const struct tpl_op *n, struct blk ***tail)
{
	struct blk	*b = blk_new(BLK_SHAPE);

	b->rect = n->kind == TK_RECT;
	b->x = n->x;
	b->y = n->y;
	b->w = n->w;
	b->h = n->h;
	b->filled = n->fill;
	b->stroke = n->stroke;
	b->color = n->color;
	append(tail, b);
}

/* A line or a rectangle (rect) placed on the page. */
static struct blk *
add_shape(struct blk ***tail, double x, double y, double w, double h,
    double stroke, struct bk_rgb color)
{
	struct blk	*b = blk_new(BLK_SHAPE);

	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->stroke = stroke;
	b->color = color;
	append(tail, b);
	return b;
}

/* The number of a grid's line at `at' (its distance in mm), in a box. */
static void
grid_label(struct xp *x, const struct tpl_op *n, double at, int across,
    struct blk ***tail)
{
	const struct style	*st = &x->t->styles[n->style];
	struct inl		 in = { st, 0, 0 };
	struct blk		*b = blk_new(BLK_BOX);
	char			 num[32];

	snprintf(num, sizeof(num), "%g", rint(at / MM * 10) / 10);
	b->x = across ? n->label_off : at + n->label_off;
	b->y = across ? at + n->label_off : n->label_off;
	b->w = n->label_w;
	b->h = st->size * 3;
	b->child = new_para(st, n);
	add_text(x, b->child, &in, num, NULL, 0);
	append(tail, b);
}

/*
 * A grid over the whole page: the lines down it, then those across it,
 * each major-th one heavier, darker and numbered but the first.
 */
static void
expand_grid(struct xp *x, const struct tpl_op *n, struct blk ***tail)
{
	const struct blk_page	*pg = x->page;
	struct bk_rgb		 minor, major;
	int			 i, big;

	minor.r = minor.g = minor.b = n->gray;
	major.r = major.g = major.b = n->gray2;
	for (i = 0; i * n->step <= pg->width && !x->failed; i++) {
		big = i % n->major == 0;
		add_shape(tail, i * n->step, 0, 0, pg->height,
		    big ? n->stroke2 : n->stroke, big ? major : minor);
		if (big && i > 0)
			grid_label(x, n, i * n->step, 0, tail);
		budget(x, n, 3);
	}
	for (i = 0; i * n->step <= pg->height && !x->failed; i++) {
		big = i % n->major == 0;
		add_shape(tail, 0, i * n->step, pg->width, 0,
		    big ? n->stroke2 : n->stroke, big ? major : minor);
		if (big && i > 0)
			grid_label(x, n, i * n->step, 1, tail);
		budget(x, n, 3);
	}
}

/* Where <marks> puts its shapes. */
struct marks {
	struct xp		*x;
	const struct tpl_op	*n;
	struct blk		***tail;
};

/* A box's outline and a cross at its top-left corner, moved. */
static void
mark_box(void *arg, double bx, double by, double w, double h)
{
	struct marks		*m = arg;
	const struct tpl_op	*n = m->n;
	const struct tpl_calib	*k = m->x->env.c->calib;
	double			 x = bx + k->dx, y = by + k->dy;

	add_shape(m->tail, x, y, w, h, n->stroke, n->color)->rect = 1;
	add_shape(m->tail, x - n->arm, y, 2 * n->arm, 0, n->stroke2,
	    n->color);
	add_shape(m->tail, x, y - n->arm, 0, 2 * n->arm, n->stroke2,
	    n->color);
	budget(m->x, n, 3);
}

/*
 * The certificate's boxes printed on a blank, where the printer puts
 * them: moved by its offsets (the page itself is not, so that a grid
 * stays on the paper).  Nothing outside the calibration sheet.
 */
static void
expand_marks(struct xp *x, const struct tpl_op *n, struct blk ***tail)
{
	struct marks	 m = { x, n, tail };

	if (x->env.c->calib != NULL)
		template_boxes(x->env.c->calib->of, mark_box, &m);
}

/* A value of the calibration sheet as text; nothing outside it. */
static void
expand_calval(struct xp *x, const struct tpl_op *n, struct blk *p,
    const struct inl *in)
{
	const struct tpl_calib	*k = x->env.c->calib;
	const char		*s = NULL;
	char			 num[32];

	if (k == NULL)
		return;
	switch (n->calval) {
	case TC_TITLE:
		s = k->title;
		break;
	case TC_PRINTER:
		s = k->printer;
		break;
	case TC_X:
		snprintf(num, sizeof(num), "%.1f", k->dx / MM);
		s = num;
		break;
	case TC_Y:
		snprintf(num, sizeof(num), "%.1f", k->dy / MM);
		s = num;
		break;
	}
	add_text(x, p, in, s, NULL, 0);
}

/* An element with nothing inside: rule, space, page-break, image. */
static void
expand_leaf(struct xp *x, const struct tpl_op *n, enum blk_kind kind,
    struct blk ***tail)
{
	const struct tpl_image	*im;
	struct blk		*b = blk_new(kind);

	if (kind == BLK_RULE) {
		b->rule_len_kind = n->rule_kind;
		b->rule_len = n->rule_len;
		b->rule_width = n->stroke;
		b->rule_gap = n->gap;
	} else if (kind == BLK_SPACE)
		b->height = n->height;
	else if (kind == BLK_IMAGE) {
		im = &x->t->images[n->image];
		b->png = im->bytes;
		b->png_len = im->len;
		b->path = xstrdup(im->path);
		b->in_flow = n->in_flow;
		b->x = n->x;
		b->y = n->y;
		b->w = n->w;
		b->h = n->h;
	}
	append(tail, b);
}

static void
expand_op(struct xp *x, const struct tpl_op *n, struct blk *parent,
    struct blk ***tail, const struct inl *in)
{
	struct blk	*b;
	struct inl	 in2;

	budget(x, n, 1);
	if (x->failed)
		return;
	/* On pre-printed blanks (phôi) what the blank carries is not drawn. */
	if (n->preprinted && x->env.c->blank_stock)
		return;
	switch (n->kind) {
	case TK_TEXT:
		expand_text(x, parent, in, &n->text);
		break;
	case TK_BLANK:
		break;
	case TK_FOR:
		expand_for(x, n, parent, tail, in);
		break;
	case TK_IF:
		if (tf_test_eval(&x->env, &n->test))
			expand_list(x, n->child, parent, tail, in);
		break;
	case TK_B:
	case TK_I:
	case TK_SPAN:
		in2 = *in;
		in2.bold |= n->kind == TK_B;
		in2.italic |= n->kind == TK_I;
		in2.st = style_of(x, n, in->st);
		expand_list(x, n->child, parent, tail, &in2);
		break;
	case TK_ROW:
		expand_row(x, n, parent);
		break;
	case TK_CELL:
		expand_cell(x, n, parent);
		break;
	case TK_COLUMN:
		expand_group(x, n, BLK_COLUMN, tail, in);
		break;
	case TK_P:
		expand_para(x, n, tail);
		break;
	case TK_KEEP:
		expand_group(x, n, BLK_KEEP, tail, in);
		break;
	case TK_COLUMNS:
		expand_group(x, n, BLK_COLUMNS, tail, in);
		break;
	case TK_BOX:
		expand_group(x, n, BLK_BOX, tail, in);
		break;
	case TK_TABLE:
		b = blk_new(BLK_TABLE);
		expand_table(x, n, b);
		b->height = 0;
		append(tail, b);
		break;
	case TK_RECT:
	case TK_LINE:
		expand_shape(n, tail);
		break;
	case TK_GRID:
		expand_grid(x, n, tail);
		break;
	case TK_MARKS:
		expand_marks(x, n, tail);
		break;
	case TK_CALVAL:
		expand_calval(x, n, parent, in);
		break;
	case TK_RULE:
		expand_leaf(x, n, BLK_RULE, tail);
		break;
	case TK_SPACE:
		expand_leaf(x, n, BLK_SPACE, tail);
		break;
	case TK_PAGEBREAK:
		expand_leaf(x, n, BLK_PAGEBREAK, tail);
		break;
	case TK_IMAGE:
		expand_leaf(x, n, BLK_IMAGE, tail);
		break;
	}
}

static void
expand_list(struct xp *x, const struct tpl_op *n, struct blk *parent,
    struct blk ***tail, const struct inl *in)
{
	for (; n != NULL && !x->failed; n = n->next)
		expand_op(x, n, parent, tail, in);
}

/*
 * The budget ran out: a <for> over a list of the dossier inside another
 * (a cross product) is the template's doing, reported at the outermost
 * one; else (one such loop, the loops inside it over its items, or none)
 * the dossier is too large for one document.  Said through c->diag when
 * there is one (err left empty), else in err.
 */
static void
over_budget(struct xp *x)
{
	const struct tpl_ctx	*c = x->env.c;
	const struct dossier	*ds = c->ds;
	char			 what[64];

	snprintf(what, sizeof(what), "%d.%03d phần tử", TPL_MAX_NODES / 1000,
	    TPL_MAX_NODES % 1000);
	if (c->diag == NULL || ds == NULL) {
		snprintf(x->err, x->errlen, "%s:%d: the document would be "
		    "more than %d elements", x->t->path, x->over_at->line,
		    TPL_MAX_NODES);
		return;
	}
	x->err[0] = '\0';
	if (x->over_cross)
		diag_code(c->diag, x->t->file, x->over_at->line,
		    DC_TPL_FOR_NODES, what, ds->id.s != NULL ? ds->id.s : "?");
	else
		diag_code(c->diag, ds->file, ds->line, DC_LIMIT_DOC,
		    x->t->name, what);
}

struct blk_doc *
template_expand(const struct template *t, const struct tpl_ctx *c,
    char *err, size_t errlen)
{
	struct xp		 x;
	struct blk_doc		*doc;
	struct blk		**tail;
	const struct style	*ns;

	memset(&x, 0, sizeof(x));
	x.env.c = c;
	x.env.t = t;
	x.t = t;
	x.err = err;
	x.errlen = errlen;
	if (t->per == TPL_NOMINEE) {
		x.env.vars[0].type = O_NOMINEE;
		x.env.vars[0].obj = c->nominee;
		x.env.vars[0].count = 1;
		x.env.nvars = 1;
	}
	doc = xcalloc(1, sizeof(*doc));
	doc->page = t->page;
	if (c->calib != NULL) {
		doc->page = c->calib->of->page;
		doc->page.number_from = 0;
	}
	x.page = &doc->page;
	if (doc->page.number_from > 0) {
		ns = &t->styles[t->number_style];
		doc->page.number_font = font_for(&x, ns, ns->bold, ns->italic);
		doc->page.number_size = ns->size;
	}
	tail = &doc->body;
	expand_list(&x, t->body, NULL, &tail, NULL);
	tail = &doc->every_page;
	expand_list(&x, t->every_page, NULL, &tail, NULL);
	if (x.over_at != NULL)
		over_budget(&x);
	if (x.failed) {
		blk_doc_free(doc);
		return NULL;
	}
	return doc;
}
