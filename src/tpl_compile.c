/*
 * tpl_compile.c: the compiling of a template's body into operations
 * (tpl_int.h): each element checked in its context, its attributes read
 * once into numbers, enums and indices, each text split into literal
 * pieces and compiled fields.  Errors are reported at the template's
 * line with their codes of diag.h.
 */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "xml_in.h"
#include "model.h"
#include "backend.h"
#include "blocks.h"
#include "input.h"
#include "png_in.h"
#include "template.h"
#include "tpl_int.h"

/*
 * Fields, as errors name them: the expression text of a {field} in the
 * template (key) and the element of the dossier it reads (name), e.g.
 * "n.summary" -> "<summary>".
 */
static const char *
field_name(const struct template *t, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < t->nfields; i++)
		if (strlen(t->fields[2 * i]) == len &&
		    strncmp(t->fields[2 * i], s, len) == 0)
			return t->fields[2 * i + 1];
	return NULL;
}

static void
field_intern(struct template *t, const char *s, size_t len, char *name)
{
	if (field_name(t, s, len) != NULL) {
		free(name);
		return;
	}
	t->fields = xrealloc(t->fields, (t->nfields + 1) * 2 *
	    sizeof(char *));
	t->fields[2 * t->nfields] = xstrndup(s, len);
	t->fields[2 * t->nfields + 1] = name;
	t->nfields++;
}

/* --- Compiling the template tree. -------------------------------- */

/* The elements of the language by name. */
static const struct {
	const char	*name;
	enum tpl_kind	 kind;
} kinds[] = {
	{ "for", TK_FOR }, { "if", TK_IF }, { "b", TK_B }, { "i", TK_I },
	{ "span", TK_SPAN }, { "row", TK_ROW }, { "cell", TK_CELL },
	{ "column", TK_COLUMN }, { "p", TK_P }, { "rule", TK_RULE },
	{ "space", TK_SPACE }, { "page-break", TK_PAGEBREAK },
	{ "keep", TK_KEEP }, { "columns", TK_COLUMNS }, { "table", TK_TABLE },
	{ "box", TK_BOX }, { "rect", TK_RECT }, { "line", TK_LINE },
	{ "image", TK_IMAGE }, { "grid", TK_GRID }, { "marks", TK_MARKS },
	{ "calibration", TK_CALVAL }
};

/* The kind of an element's name, or -1 if the language has none. */
static int
kind_of(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return (int)kinds[i].kind;
	return -1;
}

/* Does a cell hold blocks (through if and for) rather than inline text? */
static int
has_blocks(const struct xnode *n)
{
	const struct xnode	*k;

	for (k = xnode_child(n, NULL); k != NULL; k = xnode_next(k, NULL))
		switch (kind_of(k->name)) {
		case TK_P:
		case TK_RULE:
		case TK_SPACE:
		case TK_KEEP:
		case TK_TABLE:
		case TK_COLUMNS:
		case TK_IMAGE:
		case TK_PAGEBREAK:
			return 1;
		case TK_IF:
		case TK_FOR:
			if (has_blocks(k))
				return 1;
			break;
		default:
			break;
		}
	return 0;
}

/*
 * The widths of a table: positive numbers, each with an optional % or
 * *, separated by spaces; at most max of them.  Returns their number,
 * -1 if one is not so, -2 if there are more.
 */
static int
widths_parse(const char *w, double *out, size_t max)
{
	const char	*p;
	char		*end;
	double		 v;
	size_t		 n = 0;

	for (p = w; ; p = end) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (n == max)
			return -2;
		v = strtod(p, &end);
		if (end == p || !isfinite(v) || v <= 0)
			return -1;
		if (*end == '%' || *end == '*')
			end++;
		if (*end != ' ' && *end != '\0')
			return -1;
		out[n++] = v;
	}
	return (int)n;
}

/*
 * A rule's length: a fraction ("1/3", "0.4", "40%") of the text or of
 * the width available (of="span"), more than 0 and at most 1; or a
 * length with its unit ("40mm").  Returns 0, or -1 if it is none.
 */
static int
rule_parse(const char *v, const char *of, enum blk_rulelen *kind,
    double *len)
{
	char	*end;
	double	 num, den;
	size_t	 n;

	*kind = of != NULL && strcmp(of, "span") == 0 ? RULE_SPAN : RULE_TEXT;
	*len = 1;
	if (v == NULL)
		return 0;
	if ((n = strlen(v)) == 0)
		return -1;
	if (strchr(v, '/') != NULL) {
		num = strtod(v, &end);
		if (end == v || *end != '/')
			return -1;
		den = strtod(end + 1, &end);
		if (*end != '\0' || !isfinite(num) || !isfinite(den) ||
		    den <= 0)
			return -1;
		*len = num / den;
	} else if (v[n - 1] == '%') {
		num = strtod(v, &end);
		if (end != v + n - 1 || !isfinite(num))
			return -1;
		*len = num / 100;
	} else if (strspn(v, "0123456789.") == n) {
		if (tpl_number(v, len) == -1)
			return -1;
	} else {
		if ((*len = tpl_length(v)) <= 0)
			return -1;
		*kind = RULE_ABS;
		return 0;
	}
	return *len > 0 && *len <= 1 ? 0 : -1;
}

/* The image at src, read and checked once; its index, or -1. */
static int
image_load(struct chk *c, int line, const char *src)
{
	struct tpl_image	*im;
	enum input_err		 why;
	unsigned char		*bytes;
	unsigned long		 w, h;
	char			*path, msg[256];
	size_t			 i, len;

	for (i = 0; i < c->t->nimages; i++)
		if (strcmp(c->t->images[i].src, src) == 0)
			return (int)i;
	if (c->t->nimages == TPL_MAX_IMAGES) {
		diag_code(c->d, c->f, line, DC_TPL_IMAGE_MAX, TPL_MAX_IMAGES);
		return -1;
	}
	path = src[0] == '/' ? xstrdup(src) :
	    xasprintf("%s/%s", c->t->dir, src);
	bytes = (unsigned char *)input_slurp(path,
	    (size_t)PNG_IN_MAX_MB * 1024 * 1024, &len, &why);
	if (bytes == NULL) {
		switch (why) {
		case INPUT_OPEN:
		case INPUT_ERRNO:
			diag_code(c->d, c->f, line, DC_TPL_IMAGE_READ, path,
			    diag_errno(errno));
			break;
		case INPUT_DIR:
		case INPUT_NOT_REGULAR:
			diag_code(c->d, c->f, line, DC_TPL_IMAGE_NOT_FILE,
			    path);
			break;
		case INPUT_TOO_LARGE:
			diag_code(c->d, c->f, line, DC_TPL_IMAGE_SIZE, path,
			    PNG_IN_MAX_MB);
			break;
		}
		free(path);
		return -1;
	}
	if (png_in_check(bytes, len, &w, &h, msg, sizeof(msg)) == -1) {
		diag_code(c->d, c->f, line, DC_TPL_IMAGE_BAD, path, msg);
		free(bytes);
		free(path);
		return -1;
	}
	im = &c->t->images[c->t->nimages++];
	im->src = xstrdup(src);
	im->path = path;
	im->bytes = bytes;
	im->len = len;
	return (int)(im - c->t->images);
}

/* Where a thing is placed on the page: inside it, w and h above 0. */
static void
check_place(struct chk *c, const struct xnode *n, const char *ax,
    const char *ay, int need)
{
	const struct blk_page *pg = &c->t->page;
	double		 x, y, w, h;

	if (need && (xnode_attr(n, "w") == NULL || xnode_attr(n, "h") ==
	    NULL))
		diag_code(c->d, c->f, n->line, DC_TPL_PLACE_SIZE, n->name);
	x = ax != NULL ? tpl_range_length(c, n, ax, 0, 0, pg->width, 0) : 0;
	y = ay != NULL ? tpl_range_length(c, n, ay, 0, 0, pg->height, 0) : 0;
	w = tpl_range_length(c, n, "w", 0, 0, pg->width, R_POSITIVE);
	h = tpl_range_length(c, n, "h", 0, 0, pg->height, R_POSITIVE);
	if (x + w > pg->width + 0.01 || y + h > pg->height + 0.01)
		diag_code(c->d, c->f, n->line, DC_TPL_OFF_PAGE, n->name,
		    pg->width / MM, pg->height / MM, (x + w) / MM,
		    (y + h) / MM);
}

/* valign: top (absent), middle or bottom. */
static enum blk_valign
valign_of(struct chk *c, const struct xnode *n)
{
	static const char *const words[] = { "top", "middle", "bottom" };
	static const enum blk_valign va[] = { VALIGN_TOP, VALIGN_MIDDLE,
	    VALIGN_BOTTOM };
	const char	*v = xnode_attr(n, "valign");
	int		 i;

	if (v == NULL)
		return VALIGN_TOP;
	if ((i = tpl_word(v, words, 3)) < 0) {
		diag_code(c->d, c->f, n->line, DC_TPL_VALIGN, v);
		return VALIGN_TOP;
	}
	return va[i];
}

/* The number of children of n of a kind (not through for or if). */
static size_t
count_kind(const struct xnode *n, enum tpl_kind kind)
{
	const struct xnode	*k;
	size_t			 i = 0;

	for (k = xnode_child(n, NULL); k != NULL; k = xnode_next(k, NULL))
		if (kind_of(k->name) == (int)kind)
			i++;
	return i;
}

/* The style an element names: its index, -1 when it names none. */
static int
style_attr(struct chk *c, const struct xnode *n)
{
	const char	*v = xnode_attr(n, "style");
	int		 i;

	if (v == NULL)
		return -1;
	if ((i = tpl_style_find(c->t, v)) < 0)
		diag_code(c->d, c->f, n->line, DC_TPL_STYLE_UNKNOWN, v);
	return i;
}

static struct tpl_op *
op_new(enum tpl_kind kind, const struct xnode *n)
{
	struct tpl_op	*op = xcalloc(1, sizeof(*op));

	op->kind = kind;
	op->line = n->line;
	op->preprinted = n->name != NULL &&
	    tpl_yes(xnode_attr(n, "preprinted"));
	op->style = -1;
	op->align = -1;
	op->image = -1;
	op->collective = -1;
	return op;
}

void
tpl_text_free(struct tpl_text *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		free(t->p[i].lit);
		tf_expr_free(&t->p[i].ex);
	}
	free(t->p);
	t->p = NULL;
	t->n = 0;
}

void
tpl_ops_free(struct tpl_op *op)
{
	struct tpl_op	*next;

	for (; op != NULL; op = next) {
		next = op->next;
		tpl_ops_free(op->child);
		tpl_text_free(&op->text);
		free(op->test.value);
		free(op->punct);
		free(op->punct_last);
		free(op->widths);
		free(op);
	}
}

static void
text_lit(struct tpl_text *t, struct buf *lit)
{
	if (lit->len == 0)
		return;
	t->p = xrealloc(t->p, (t->n + 1) * sizeof(*t->p));
	memset(&t->p[t->n], 0, sizeof(t->p[t->n]));
	t->p[t->n++].lit = xstrndup(lit->s, lit->len);
	lit->len = 0;
	lit->s[0] = '\0';
}

/* Add the field {s, len bytes} to t, if it is one (else it is lost). */
static void
text_expr(struct tpl_text *t, const struct env *e, const char *s,
    size_t len)
{
	struct tpl_expr	 x;
	char		 bad[160];

	if (tf_expr(e, s, len, &x, bad, sizeof(bad)) == -1)
		return;
	x.name = field_name(e->t, s, len);
	t->p = xrealloc(t->p, (t->n + 1) * sizeof(*t->p));
	t->p[t->n].lit = NULL;
	t->p[t->n++].ex = x;
}

/*
 * Split the text of a paragraph once into literal pieces and fields:
 * {{ and }} stand for { and }, a { without } for itself.
 */
static void
text_split(struct tpl_text *t, const struct env *e, const char *s)
{
	struct buf	 lit = BUF_INIT;
	const char	*q;

	while (*s != '\0') {
		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' &&
		    s[1] == '}')) {
			buf_addc(&lit, *s);
			s += 2;
			continue;
		}
		if (s[0] != '{' || (q = strchr(s, '}')) == NULL) {
			buf_addc(&lit, *s++);
			continue;
		}
		text_lit(t, &lit);
		text_expr(t, e, s + 1, (size_t)(q - s - 1));
		s = q + 1;
	}
	text_lit(t, &lit);
	buf_free(&lit);
}

/* The same for a root attribute, where {{ is not special. */
void
tpl_meta_split(struct tpl_text *t, const struct env *e, const char *s)
{
	struct buf	 lit = BUF_INIT;
	const char	*q;

	while (*s != '\0') {
		if (*s == '{' && (q = strchr(s, '}')) != NULL) {
			text_lit(t, &lit);
			text_expr(t, e, s + 1, (size_t)(q - s - 1));
			s = q + 1;
		} else
			buf_addc(&lit, *s++);
	}
	text_lit(t, &lit);
	buf_free(&lit);
}

/* Check every {…} of a text, and name the element each field reads. */
void
tpl_check_text(struct chk *c, struct env *e, const char *s, int line)
{
	const char	*p, *q;
	char		 bad[160];
	struct tpl_expr	 x;

	for (p = s; (p = strchr(p, '{')) != NULL; p = q + 1) {
		if (p[1] == '{') {
			q = p + 1;
			continue;
		}
		if ((q = strchr(p, '}')) == NULL) {
			diag_code(c->d, c->f, line, DC_TPL_BRACE);
			return;
		}
		if (tf_expr(e, p + 1, (size_t)(q - p - 1), &x, bad,
		    sizeof(bad)) == -1)
			diag_code(c->d, c->f, line, DC_TPL_FIELD, bad,
			    (int)(q - p + 1), p);
		else
			field_intern(c->t, p + 1, (size_t)(q - p - 1),
			    tf_canonical(e, p + 1, (size_t)(q - p - 1)));
		tf_expr_free(&x);
	}
}

/* Text: of a paragraph, or white space between blocks. */
static struct tpl_op *
compile_chars(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	struct tpl_op	*op;
	const char	*v;

	if (cx == CX_INLINE) {
		tpl_check_text(c, e, n->text, n->line);
		op = op_new(TK_TEXT, n);
		text_split(&op->text, e, n->text);
		return op;
	}
	for (v = n->text; *v != '\0'; v++)
		if (!isspace((unsigned char)*v)) {
			diag_code(c->d, c->f, n->line, DC_TPL_TEXT_PLACE);
			break;
		}
	return op_new(TK_BLANK, n);
}

static struct tpl_op *
compile_for(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	const char	*each = xnode_attr(n, "each");
	const char	*as = xnode_attr(n, "as");
	static const char *const kinds_of[] = { "individual", "collective" };
	const char	*kind = xnode_attr(n, "kind"), *v;
	struct tpl_op	*op;
	struct tpl_ref	 r;
	size_t		 i, seg;
	int		 k;

	tpl_attrs_ok(c, n, "each as kind punct punct-last");
	if (each == NULL || as == NULL) {
		diag_code(c->d, c->f, n->line, DC_TPL_FOR_ATTRS);
		return NULL;
	}
	if (tf_path(e, each, strlen(each), &r) == -1 || !r.list) {
		diag_code(c->d, c->f, n->line, DC_TPL_NOT_LIST, each);
		return NULL;
	}
	k = kind != NULL ? tpl_word(kind, kinds_of, 2) : -1;
	if (kind != NULL && (r.itype != O_NOMINEE || k < 0))
		diag_code(c->d, c->f, n->line, DC_TPL_FOR_KIND, kind);
	if (e->nvars >= MAX_VARS) {
		diag_code(c->d, c->f, n->line, DC_TPL_FOR_DEPTH, MAX_VARS);
		return NULL;
	}
	op = op_new(TK_FOR, n);
	op->each = r;
	if (kind != NULL && r.itype == O_NOMINEE)
		op->collective = k == 1;
	op->punct = xstrdup((v = xnode_attr(n, "punct")) ? v : "");
	op->punct_last = xstrdup((v = xnode_attr(n, "punct-last")) ? v :
	    op->punct);
	/* Over a list of the dossier, or of an enclosing loop's item? */
	for (seg = 0; each[seg] != '\0' && each[seg] != '.' && seg < 63; seg++)
		continue;
	op->indep = 1;
	for (i = 0; i < e->nvars; i++)
		if (strlen(e->vars[i].name) == seg &&
		    strncmp(e->vars[i].name, each, seg) == 0)
			op->indep = 0;
	e->vars[e->nvars].name = as;
	e->vars[e->nvars].each = each;
	e->vars[e->nvars].type = r.itype;
	e->vars[e->nvars].obj = NULL;
	e->nvars++;
	op->child = tpl_compile_children(c, e, n, cx);
	e->nvars--;
	return op;
}

static struct tpl_op *
compile_if(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	struct tpl_op	*op = op_new(TK_IF, n);
	const char	*v;

	tpl_attrs_ok(c, n, "test");
	if ((v = xnode_attr(n, "test")) == NULL ||
	    tf_test(e, v, &op->test) == -1)
		diag_code(c->d, c->f, n->line, DC_TPL_IF_FIELD, v ? v : "");
	op->child = tpl_compile_children(c, e, n, cx);
	return op;
}

/* <calibration of="…"/>: a value of the calibration sheet. */
static struct tpl_op *
compile_calval(struct chk *c, const struct xnode *n)
{
	static const char *const words[] = { "title", "printer", "x", "y" };
	static const enum tpl_calval cv[] = { TC_TITLE, TC_PRINTER, TC_X,
	    TC_Y };
	struct tpl_op	*op = op_new(TK_CALVAL, n);
	const char	*v = xnode_attr(n, "of");
	int		 i;

	tpl_attrs_ok(c, n, "of");
	if (v == NULL || (i = tpl_word(v, words, 4)) < 0) {
		diag_code(c->d, c->f, n->line, DC_TPL_CALIBRATION);
		i = 0;
	}
	op->calval = cv[i];
	return op;
}

/* An element of a paragraph: b, i, span, calibration. */
static struct tpl_op *
compile_inline(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k == TK_CALVAL)
		return compile_calval(c, n);
	if (k != TK_B && k != TK_I && k != TK_SPAN) {
		diag_code(c->d, c->f, n->line, DC_TPL_IN_PARA, n->name);
		return NULL;
	}
	op = op_new((enum tpl_kind)k, n);
	if (k == TK_SPAN) {
		tpl_attrs_ok(c, n, "style");
		op->style = style_attr(c, n);
	} else
		tpl_attrs_ok(c, n, "");
	op->child = tpl_compile_children(c, e, n, CX_INLINE);
	return op;
}

/* The align attribute of p and cell (-1: the style's). */
static int
align_attr(struct chk *c, const struct xnode *n, enum diag_code code)
{
	const char	*v = xnode_attr(n, "align");
	enum blk_align	 a;

	if (v == NULL)
		return -1;
	if (tpl_align(v, &a) == -1) {
		diag_code(c->d, c->f, n->line, code, v);
		return -1;
	}
	return (int)a;
}

static struct tpl_op *
compile_row(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k != TK_ROW) {
		diag_code(c->d, c->f, n->line, DC_TPL_IN_TABLE, n->name);
		return NULL;
	}
	op = op_new(TK_ROW, n);
	tpl_attrs_ok(c, n, "header");
	tpl_check_yesno(c, n, "header");
	op->header = tpl_yes(xnode_attr(n, "header"));
	if (c->ncols > 0 && count_kind(n, TK_CELL) > c->ncols)
		diag_code(c->d, c->f, n->line, DC_TPL_ROW_CELLS,
		    count_kind(n, TK_CELL), c->ncols);
	op->child = tpl_compile_children(c, e, n, CX_ROW);
	return op;
}

static struct tpl_op *
compile_cell(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k != TK_CELL) {
		diag_code(c->d, c->f, n->line, DC_TPL_IN_ROW, n->name);
		return NULL;
	}
	op = op_new(TK_CELL, n);
	tpl_attrs_ok(c, n, "style valign align");
	op->style = style_attr(c, n);
	if (op->style < 0)
		op->style = 0;
	op->valign = valign_of(c, n);
	op->align = align_attr(c, n, DC_TPL_ALIGN);
	/* A cell holds either blocks or inline text. */
	op->blocks = has_blocks(n);
	op->child = tpl_compile_children(c, e, n, op->blocks ? CX_BLOCK :
	    CX_INLINE);
	return op;
}

static struct tpl_op *
compile_column(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;
	const char	*v;
	char		*end;
	double		 w;

	if (k != TK_COLUMN) {
		diag_code(c->d, c->f, n->line, DC_TPL_IN_COLUMNS, n->name);
		return NULL;
	}
	op = op_new(TK_COLUMN, n);
	tpl_attrs_ok(c, n, "width");
	op->frac = 0.5;
	if ((v = xnode_attr(n, "width")) != NULL) {
		w = strtod(v, &end);
		op->frac = w / 100;
		if (*end == '%')
			end++;
		if (end == v || *end != '\0' || !isfinite(w) || w <= 0 ||
		    w > 100)
			diag_code(c->d, c->f, n->line, DC_TPL_COLUMN_WIDTH, v);
	}
	op->child = tpl_compile_children(c, e, n, CX_BLOCK);
	return op;
}

static void
compile_rule(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	static const char *const ofs[] = { "text", "span" };
	const char	*v;

	tpl_attrs_ok(c, n, "of length width gap");
	if ((v = xnode_attr(n, "of")) != NULL && tpl_word(v, ofs, 2) < 0)
		diag_code(c->d, c->f, n->line, DC_TPL_RULE_OF, v);
	if (rule_parse(xnode_attr(n, "length"), xnode_attr(n, "of"),
	    &op->rule_kind, &op->rule_len) == -1)
		diag_code(c->d, c->f, n->line, DC_TPL_RULE_LENGTH,
		    xnode_attr(n, "length"));
	else if (op->rule_kind == RULE_ABS && op->rule_len > c->t->page.width)
		diag_code(c->d, c->f, n->line, DC_TPL_RULE_LONG,
		    xnode_attr(n, "length"));
	tpl_range_length(c, n, "width", 0, 0, TPL_STROKE_MAX,
	    R_POSITIVE | R_PT);
	tpl_range_length(c, n, "gap", 0, 0, TPL_SPACE_MAX, 0);
	op->stroke = tpl_attr_len(n, "width", 0.5);
	op->gap = tpl_attr_len(n, "gap", 3);
}

static void
compile_table(struct chk *c, struct env *e, const struct xnode *n,
    struct tpl_op *op)
{
	double		 ws[TPL_MAX_COLUMNS], sum = 0;
	size_t		 i, saved = c->ncols;
	const char	*v;
	int		 nc;

	tpl_attrs_ok(c, n, "widths border pad");
	c->ncols = 0;
	if ((v = xnode_attr(n, "widths")) == NULL)
		diag_code(c->d, c->f, n->line, DC_TPL_TABLE_WIDTHS);
	else if ((nc = widths_parse(v, ws, TPL_MAX_COLUMNS)) == -2)
		diag_code(c->d, c->f, n->line, DC_TPL_TABLE_MAX,
		    TPL_MAX_COLUMNS);
	else if (nc <= 0)
		diag_code(c->d, c->f, n->line, DC_TPL_WIDTHS, v,
		    TPL_MAX_COLUMNS);
	else
		c->ncols = (size_t)nc;
	op->ncols = c->ncols;
	op->widths = xcalloc(op->ncols + 1, sizeof(double));
	for (i = 0; i < op->ncols; i++)
		sum += ws[i];
	for (i = 0; i < op->ncols; i++)
		op->widths[i] = ws[i] / (sum > 0 ? sum : 1);
	tpl_range_length(c, n, "border", 0, 0, TPL_STROKE_MAX, R_PT);
	tpl_range_length(c, n, "pad", 0, 0, TPL_PAD_MAX, 0);
	op->border = tpl_attr_len(n, "border", 0);
	op->pad = tpl_attr_len(n, "pad", 2);
	op->child = tpl_compile_children(c, e, n, CX_TABLE);
	c->ncols = saved;
}

/* x, y, w, h of a box, a rectangle or an image. */
static void
place_of(const struct xnode *n, struct tpl_op *op)
{
	op->x = tpl_attr_len(n, "x", 0);
	op->y = tpl_attr_len(n, "y", 0);
	op->w = tpl_attr_len(n, "w", 0);
	op->h = tpl_attr_len(n, "h", 0);
}

/*
 * A place of a box given as a share of the page: "25%", with a length
 * added or taken ("50%-10pt"), into *frac and *len; -1 if it is not so.
 */
static int
share_parse(const char *s, double *frac, double *len)
{
	const char	*pc = strchr(s, '%');
	char		*end;
	double		 p;

	*len = 0;
	p = strtod(s, &end);
	if (pc == NULL || end != pc || !isfinite(p) || p < 0 || p > 100)
		return -1;
	*frac = p / 100;
	if (pc[1] == '\0')
		return 0;
	if ((pc[1] != '+' && pc[1] != '-') || (*len = tpl_length(pc + 2)) < 0)
		return -1;
	if (pc[1] == '-')
		*len = -*len;
	return 0;
}

/*
 * x, y, w, h of a box: lengths, or when one is a share of the page, all
 * four as lengths or shares, checked against the template's page and
 * resolved against the document's when it is expanded.
 */
static void
box_place(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	static const char *const ax[] = { "x", "y", "w", "h" };
	const struct blk_page *pg = &c->t->page;
	double		*len[] = { &op->x, &op->y, &op->w, &op->h };
	double		*frac[] = { &op->fx, &op->fy, &op->fw, &op->fh };
	const char	*v;
	double		 x, y, w, h;
	int		 i, shares = 0;

	for (i = 0; i < 4; i++)
		if ((v = xnode_attr(n, ax[i])) != NULL && strchr(v, '%'))
			shares = 1;
	if (!shares) {
		check_place(c, n, "x", "y", 1);
		place_of(n, op);
		return;
	}
	if (xnode_attr(n, "w") == NULL || xnode_attr(n, "h") == NULL) {
		diag_code(c->d, c->f, n->line, DC_TPL_PLACE_SIZE, n->name);
		return;
	}
	for (i = 0; i < 4; i++)
		if ((v = xnode_attr(n, ax[i])) != NULL && (strchr(v, '%') ?
		    share_parse(v, frac[i], len[i]) :
		    (*len[i] = tpl_length(v))) < 0) {
			diag_code(c->d, c->f, n->line, DC_TPL_SHARE, ax[i], v);
			return;
		}
	x = op->x + op->fx * pg->width;
	y = op->y + op->fy * pg->height;
	w = op->w + op->fw * pg->width;
	h = op->h + op->fh * pg->height;
	if (x < 0 || y < 0 || w <= 0 || h <= 0 ||
	    x + w > pg->width + 0.01 || y + h > pg->height + 0.01)
		diag_code(c->d, c->f, n->line, DC_TPL_OFF_PAGE, n->name,
		    pg->width / MM, pg->height / MM, (x + w) / MM,
		    (y + h) / MM);
}

static void
compile_line(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	const struct blk_page *pg = &c->t->page;

	tpl_attrs_ok(c, n, "x1 y1 x2 y2 stroke color preprinted");
	tpl_range_length(c, n, "x1", 0, 0, pg->width, 0);
	tpl_range_length(c, n, "y1", 0, 0, pg->height, 0);
	tpl_range_length(c, n, "x2", 0, 0, pg->width, 0);
	tpl_range_length(c, n, "y2", 0, 0, pg->height, 0);
	tpl_range_length(c, n, "stroke", 0, 0, TPL_STROKE_MAX,
	    R_POSITIVE | R_PT);
	tpl_check_yesno(c, n, "preprinted");
	op->x = tpl_attr_len(n, "x1", 0);
	op->y = tpl_attr_len(n, "y1", 0);
	op->w = tpl_attr_len(n, "x2", 0) - op->x;
	op->h = tpl_attr_len(n, "y2", 0) - op->y;
	op->stroke = tpl_attr_len(n, "stroke", 0.5);
}

static void
compile_image(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	const struct blk_page *pg = &c->t->page;
	const char	*v;

	tpl_attrs_ok(c, n, "src x y w h preprinted");
	tpl_check_yesno(c, n, "preprinted");
	if ((xnode_attr(n, "x") == NULL) != (xnode_attr(n, "y") == NULL))
		diag_code(c->d, c->f, n->line, DC_TPL_IMAGE_XY);
	if (xnode_attr(n, "x") != NULL)
		check_place(c, n, "x", "y", 1);
	else {
		if (xnode_attr(n, "w") == NULL || xnode_attr(n, "h") == NULL)
			diag_code(c->d, c->f, n->line, DC_TPL_IMAGE_WH);
		tpl_range_length(c, n, "w", 0, 0, pg->width - pg->left -
		    pg->right, R_POSITIVE);
		tpl_range_length(c, n, "h", 0, 0, pg->height - pg->top -
		    pg->bottom, R_POSITIVE);
	}
	if ((v = xnode_attr(n, "src")) == NULL || *v == '\0')
		diag_code(c->d, c->f, n->line, DC_TPL_IMAGE_SRC);
	else
		op->image = image_load(c, n->line, v);
	op->in_flow = xnode_attr(n, "x") == NULL;
	place_of(n, op);
}

/* A grey level from 0 (black) to 1 (white); dflt when absent or wrong. */
static double
gray_attr(struct chk *c, const struct xnode *n, const char *attr,
    double dflt)
{
	const char	*v = xnode_attr(n, attr);
	double		 g;

	if (v == NULL)
		return dflt;
	if (tpl_number(v, &g) == -1 || g < 0 || g > 1) {
		diag_code(c->d, c->f, n->line, DC_TPL_GRAY, attr, v);
		return dflt;
	}
	return g;
}

/* <grid>: lines across the page, every major-th one numbered. */
static void
compile_grid(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	const struct blk_page *pg = &c->t->page;

	tpl_attrs_ok(c, n, "step major stroke major-stroke gray major-gray "
	    "style label-offset label-width");
	op->step = tpl_range_length(c, n, "step", 10 * MM, TPL_GRID_MIN,
	    pg->width, 0);
	op->major = tpl_range_int(c, n, "major", 5, 1, TPL_GRID_MAJOR);
	op->stroke = tpl_range_length(c, n, "stroke", 0.2, 0,
	    TPL_STROKE_MAX, R_POSITIVE | R_PT);
	op->stroke2 = tpl_range_length(c, n, "major-stroke", 0.6, 0,
	    TPL_STROKE_MAX, R_POSITIVE | R_PT);
	op->gray = gray_attr(c, n, "gray", 0.75);
	op->gray2 = gray_attr(c, n, "major-gray", 0.4);
	op->label_off = tpl_range_length(c, n, "label-offset", 2, 0,
	    TPL_PAD_MAX, R_PT);
	op->label_w = tpl_range_length(c, n, "label-width", 40, 0,
	    pg->width, R_POSITIVE | R_PT);
	if ((op->style = style_attr(c, n)) < 0)
		op->style = 0;
}

/* <marks>: an outline and a cross at each box of the certificate. */
static void
compile_marks(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	tpl_attrs_ok(c, n, "stroke arm arm-stroke color");
	op->stroke = tpl_range_length(c, n, "stroke", 0.5, 0,
	    TPL_STROKE_MAX, R_POSITIVE | R_PT);
	op->arm = tpl_range_length(c, n, "arm", 6 * MM, 0, TPL_PAD_MAX,
	    R_POSITIVE);
	op->stroke2 = tpl_range_length(c, n, "arm-stroke", 0.8, 0,
	    TPL_STROKE_MAX, R_POSITIVE | R_PT);
}

/* An element that holds blocks or is one, in block context. */
static struct tpl_op *
compile_block(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k < TK_P) {
		diag_code(c->d, c->f, n->line, DC_TPL_ELEMENT, n->name);
		return NULL;
	}
	op = op_new((enum tpl_kind)k, n);
	switch (op->kind) {
	case TK_P:
		tpl_attrs_ok(c, n, "style align");
		op->style = style_attr(c, n);
		if (op->style < 0)
			op->style = 0;
		op->align = align_attr(c, n, DC_TPL_ALIGN_BAD);
		op->child = tpl_compile_children(c, e, n, CX_INLINE);
		break;
	case TK_RULE:
		compile_rule(c, n, op);
		break;
	case TK_SPACE:
		tpl_attrs_ok(c, n, "height");
		op->height = tpl_range_length(c, n, "height", 0, 0,
		    c->t->page.height, 0);
		break;
	case TK_PAGEBREAK:
		tpl_attrs_ok(c, n, "");
		break;
	case TK_KEEP:
		tpl_attrs_ok(c, n, "with-previous");
		op->keep = tpl_range_int(c, n, "with-previous", 0, 0,
		    TPL_MAX_KEEP);
		op->child = tpl_compile_children(c, e, n, CX_BLOCK);
		break;
	case TK_COLUMNS:
		tpl_attrs_ok(c, n, "");
		if (count_kind(n, TK_COLUMN) > TPL_MAX_COLUMNS)
			diag_code(c->d, c->f, n->line, DC_TPL_COLUMNS_MAX,
			    count_kind(n, TK_COLUMN), TPL_MAX_COLUMNS);
		op->child = tpl_compile_children(c, e, n, CX_COLUMNS);
		break;
	case TK_TABLE:
		compile_table(c, e, n, op);
		break;
	case TK_BOX:
		tpl_attrs_ok(c, n, "x y w h valign preprinted");
		box_place(c, n, op);
		op->valign = valign_of(c, n);
		tpl_check_yesno(c, n, "preprinted");
		op->child = tpl_compile_children(c, e, n, CX_BLOCK);
		break;
	case TK_RECT:
		tpl_attrs_ok(c, n, "x y w h stroke color fill preprinted");
		check_place(c, n, "x", "y", 1);
		tpl_range_length(c, n, "stroke", 0, 0, TPL_STROKE_MAX,
		    R_POSITIVE | R_PT);
		tpl_check_yesno(c, n, "fill");
		tpl_check_yesno(c, n, "preprinted");
		place_of(n, op);
		op->fill = tpl_yes(xnode_attr(n, "fill"));
		op->stroke = tpl_attr_len(n, "stroke", 0.5);
		break;
	case TK_LINE:
		compile_line(c, n, op);
		break;
	case TK_IMAGE:
		compile_image(c, n, op);
		break;
	case TK_GRID:
		compile_grid(c, n, op);
		break;
	case TK_MARKS:
		compile_marks(c, n, op);
		break;
	case TK_TEXT:
	case TK_BLANK:
	case TK_FOR:
	case TK_IF:
	case TK_B:
	case TK_I:
	case TK_SPAN:
	case TK_CALVAL:
	case TK_ROW:
	case TK_CELL:
	case TK_COLUMN:
		break;
	}
	return op;
}

/* Compile n, met in context cx; NULL if it is wrong there (reported). */
static struct tpl_op *
compile_node(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	struct tpl_op	*op = NULL;
	struct bk_rgb	 col = { 0, 0, 0 };
	const char	*v;
	int		 k;

	if (n->name == NULL)
		return compile_chars(c, e, n, cx);
	k = kind_of(n->name);
	if (k == TK_FOR)
		return compile_for(c, e, n, cx);
	if (k == TK_IF)
		return compile_if(c, e, n, cx);
	switch (cx) {
	case CX_INLINE:
		return compile_inline(c, e, n, k);
	case CX_TABLE:
		return compile_row(c, e, n, k);
	case CX_ROW:
		return compile_cell(c, e, n, k);
	case CX_COLUMNS:
		return compile_column(c, e, n, k);
	case CX_BLOCK:
		op = compile_block(c, e, n, k);
		break;
	}
	if ((v = xnode_attr(n, "color")) != NULL && tpl_color(v, &col) == -1)
		diag_code(c->d, c->f, n->line, DC_TPL_COLOR, v);
	if (op != NULL)
		op->color = col;
	return op;
}

struct tpl_op *
tpl_compile_children(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	const struct xnode	*k;
	struct tpl_op		*head = NULL, **tail = &head, *op;

	for (k = n->child; k != NULL; k = k->next)
		if ((op = compile_node(c, e, k, cx)) != NULL) {
			*tail = op;
			tail = &op->next;
		}
	return head;
}