/*
 * template.c: the template language's loading.  Reads a template file
 * (namespace urn:khenthuong:template:1, see templates/README.md) and
 * compiles it once into styles, a page and a tree of operations
 * (tpl_int.h): every element, attribute, style, length, colour, field
 * reference and filter checked and resolved as it is compiled, so the
 * load is the check.  Expansion is tpl_expand.c's; field values are
 * tpl_field.c's.
 */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "encoding.h"
#include "xml_in.h"
#include "model.h"
#include "plan.h"
#include "backend.h"
#include "blocks.h"
#include "fonts.h"
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

/* --- Checking helpers (load time). -------------------------------- */

struct chk {
	struct diag	*d;
	size_t		 f;
	int		 errors;
	struct template	*t;
	const struct fonts *fonts;
	size_t		 ncols;		/* of the table being checked */
};

static void
terr(struct chk *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
terr(struct chk *c, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	diag_code(c->d, c->f, line, DC_TEMPLATE_ERROR, buf);
	c->errors++;
}

/* Is the attribute list of n within the space-separated allowed list? */
static void
attrs_ok(struct chk *c, const struct xnode *n, const char *allowed)
{
	size_t		 i, len;
	const char	*p, *e;
	int		 ok;

	for (i = 0; i < n->nattrs; i++) {
		len = strlen(n->attrs[i].name);
		ok = 0;
		for (p = allowed; *p != '\0'; p = e) {
			while (*p == ' ')
				p++;
			for (e = p; *e != '\0' && *e != ' '; e++)
				continue;
			if ((size_t)(e - p) == len &&
			    strncmp(p, n->attrs[i].name, len) == 0)
				ok = 1;
		}
		if (!ok)
			terr(c, n->line, "<%s> không có thuộc tính \"%s\" (có: "
			    "%s)", n->name, n->attrs[i].name, allowed);
	}
}

/* A length ("20mm", "1.5cm", "14pt", "14") in points; -1 if bad. */
static double
length_of(const char *s)
{
	static const struct {
		const char	*unit;
		double		 pt;
	} units[] = { { "", 1 }, { "pt", 1 }, { "mm", MM }, { "cm", 10 * MM },
	    { "in", 72 } };
	char	*end;
	double	 v;
	size_t	 i;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0)
			return v * units[i].pt;
	return -1;
}

/* A length attribute as expansion reads it: dflt when absent or bad. */
static double
attr_len(const struct xnode *n, const char *attr, double dflt)
{
	double	 l = length_of(xnode_attr(n, attr));

	return l < 0 ? dflt : l;
}

/*
 * A length attribute within lo .. hi points (more than 0 with
 * R_POSITIVE; said in pt with R_PT, else in mm); dflt when absent or
 * wrong (reported).
 */
#define R_POSITIVE	1
#define R_PT		2

static double
range_length(struct chk *c, const struct xnode *n, const char *attr,
    double dflt, double lo, double hi, int flags)
{
	const char	*v = xnode_attr(n, attr);
	const char	*unit = (flags & R_PT) ? "pt" : "mm";
	double		 l, k = (flags & R_PT) ? 1 : MM;

	if (v == NULL)
		return dflt;
	if ((l = length_of(v)) < 0) {
		terr(c, n->line, "%s=\"%s\" không phải độ dài (ví dụ 20mm, "
		    "1.5cm, 14pt)", attr, v);
		return dflt;
	}
	if ((flags & R_POSITIVE) && (l <= 0 || l > hi)) {
		terr(c, n->line, "%s=\"%s\": cần lớn hơn 0 và không quá "
		    "%.1f %s", attr, v, hi / k, unit);
		return dflt;
	}
	if (l < lo || l > hi) {
		terr(c, n->line, "%s=\"%s\": cần từ %.1f %s đến %.1f %s",
		    attr, v, lo / k, unit, hi / k, unit);
		return dflt;
	}
	return l;
}

/* An integer attribute within lo .. hi; dflt when absent or wrong. */
static int
range_int(struct chk *c, const struct xnode *n, const char *attr, int dflt,
    int lo, int hi)
{
	const char	*v = xnode_attr(n, attr);
	char		*end;
	long		 l;

	if (v == NULL)
		return dflt;
	errno = 0;
	l = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || l < lo || l > hi) {
		terr(c, n->line, "%s=\"%s\": cần một số nguyên từ %d đến %d",
		    attr, v, lo, hi);
		return dflt;
	}
	return (int)l;
}

/* A yes/no attribute: absent, "yes" or "no". */
static void
check_yesno(struct chk *c, const struct xnode *n, const char *attr)
{
	const char	*v = xnode_attr(n, attr);

	if (v != NULL && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
		terr(c, n->line, "%s=\"%s\": dùng yes hoặc no", attr, v);
}

/* A number written whole ("1.5"), finite; 0 on success. */
static int
number_of(const char *s, double *out)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return -1;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(*out))
		return -1;
	return 0;
}

/* "#RRGGBB" or a few names; 0 on success. */
static int
color_of(const char *s, struct bk_rgb *out)
{
	static const char *const names[][2] = { { "black", "#000000" },
	    { "red", "#C00000" }, { "white", "#FFFFFF" } };
	unsigned int	 r, g, b;
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i][0]) == 0)
			s = names[i][1];
	if (strlen(s) != 7 || s[0] != '#' || strspn(s + 1,
	    "0123456789abcdefABCDEF") != 6 ||
	    sscanf(s + 1, "%2x%2x%2x", &r, &g, &b) != 3)
		return -1;
	out->r = r / 255.0;
	out->g = g / 255.0;
	out->b = b / 255.0;
	return 0;
}

static int
yes(const char *v)
{
	return v != NULL && strcmp(v, "yes") == 0;
}

/* The index of the style named name (NULL: the default), or -1. */
static int
style_find(const struct template *t, const char *name)
{
	size_t	 i;

	if (name == NULL)
		return 0;
	for (i = 0; i < t->nstyles; i++)
		if (strcmp(t->styles[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* A word of a small closed list: its index, or -1. */
static int
word_of(const char *v, const char *const *words, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v, words[i]) == 0)
			return (int)i;
	return -1;
}

static int
align_of(const char *v, enum blk_align *a)
{
	static const char *const aligns[] = { "left", "center", "right",
	    "justify" };
	static const enum blk_align av[] = { ALIGN_LEFT, ALIGN_CENTER,
	    ALIGN_RIGHT, ALIGN_JUSTIFY };
	int	 i;

	if ((i = word_of(v, aligns, 4)) < 0)
		return -1;
	*a = av[i];
	return 0;
}

/* Resolve the four faces of a family list; report a face not found. */
static void
style_fonts(struct chk *c, struct style *s, const char *families, int line)
{
	const char	*fam, *p;
	int		 i;

	for (i = 0; i < 4; i++) {
		free(s->paths[i]);
		s->paths[i] = NULL;
		p = fonts_find(c->fonts, families, (enum font_style)i, &fam);
		if (p != NULL)
			s->paths[i] = xstrdup(p);
	}
	if (s->paths[FS_REGULAR] == NULL)
		terr(c, line, "không tìm thấy tệp phông chữ nào cho \"%s\" "
		    "(xem fonts/fonts.xml)", families);
}

static void
style_load(struct chk *c, const struct xnode *n)
{
	struct style	*s;
	const struct style *base;
	const char	*v;
	size_t		 i;
	double		 l;

	attrs_ok(c, n, "name base font bold italic size color align indent "
	    "before after leading upper min-size max-lines keep-with-next");
	if ((v = xnode_attr(n, "name")) == NULL) {
		terr(c, n->line, "<style> cần name=\"…\"");
		return;
	}
	if (style_find(c->t, v) >= 0 && c->t->nstyles > 0 &&
	    strcmp(v, "default") != 0) {
		terr(c, n->line, "kiểu \"%s\" đã có", v);
		return;
	}
	if (c->t->nstyles >= MAX_STYLES) {
		terr(c, n->line, "quá %d kiểu chữ", MAX_STYLES);
		return;
	}
	s = &c->t->styles[c->t->nstyles];
	base = &c->t->styles[0];
	if ((v = xnode_attr(n, "base")) != NULL) {
		if ((i = (size_t)style_find(c->t, v)) == (size_t)-1) {
			terr(c, n->line, "kiểu gốc \"%s\" chưa được định nghĩa",
			    v);
			i = 0;
		}
		base = &c->t->styles[i];
	}
	*s = *base;
	for (i = 0; i < 4; i++)
		s->paths[i] = base->paths[i] ? xstrdup(base->paths[i]) : NULL;
	s->name = xstrdup(xnode_attr(n, "name"));
	if ((v = xnode_attr(n, "font")) != NULL)
		style_fonts(c, s, v, n->line);
	check_yesno(c, n, "bold");
	check_yesno(c, n, "italic");
	check_yesno(c, n, "upper");
	if ((v = xnode_attr(n, "bold")) != NULL)
		s->bold = yes(v);
	if ((v = xnode_attr(n, "italic")) != NULL)
		s->italic = yes(v);
	if ((v = xnode_attr(n, "upper")) != NULL)
		s->upper = yes(v);
	check_yesno(c, n, "keep-with-next");
	if ((v = xnode_attr(n, "keep-with-next")) != NULL)
		s->keep_next = yes(v);
	s->size = range_length(c, n, "size", s->size, TPL_SIZE_MIN,
	    TPL_SIZE_MAX, R_PT);
	if ((v = xnode_attr(n, "color")) != NULL &&
	    color_of(v, &s->color) == -1)
		terr(c, n->line, "color=\"%s\": dùng #RRGGBB", v);
	if ((v = xnode_attr(n, "align")) != NULL &&
	    align_of(v, &s->align) == -1)
		terr(c, n->line, "align=\"%s\": dùng left, center, right hoặc "
		    "justify", v);
	s->indent = range_length(c, n, "indent", s->indent, 0,
	    TPL_INDENT_MAX, 0);
	s->before = range_length(c, n, "before", s->before, 0,
	    TPL_SPACE_MAX, 0);
	s->after = range_length(c, n, "after", s->after, 0, TPL_SPACE_MAX, 0);
	s->min_size = range_length(c, n, "min-size", s->min_size,
	    TPL_SIZE_MIN, TPL_SIZE_MAX, R_PT);
	if ((v = xnode_attr(n, "leading")) != NULL) {
		if (number_of(v, &l) == -1 || l < 1.0 || l > 1.5)
			terr(c, n->line, "leading=\"%s\": giãn dòng từ 1.0 đến "
			    "1.5 (Nghị định 30/2020)", v);
		else
			s->leading = l;
	}
	s->max_lines = range_int(c, n, "max-lines", s->max_lines, 0,
	    TPL_MAX_LINES);
	c->t->nstyles++;
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
	{ "image", TK_IMAGE }
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

enum ctxkind {
	CX_BLOCK,	/* body, column, keep, box, cell with blocks */
	CX_INLINE,	/* inside p */
	CX_TABLE,	/* inside table: rows */
	CX_ROW,		/* inside row: cells */
	CX_COLUMNS	/* inside columns: column */
};

static struct tpl_op *compile_children(struct chk *, struct env *,
		    const struct xnode *, enum ctxkind);

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
		if (number_of(v, len) == -1)
			return -1;
	} else {
		if ((*len = length_of(v)) <= 0)
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
		terr(c, line, "mẫu dùng quá %d hình khác nhau", TPL_MAX_IMAGES);
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
			terr(c, line, "không đọc được hình %s: %s", path,
			    diag_errno(errno));
			break;
		case INPUT_DIR:
		case INPUT_NOT_REGULAR:
			terr(c, line, "hình %s không phải một tệp thường", path);
			break;
		case INPUT_TOO_LARGE:
			terr(c, line, "hình %s lớn hơn %d MB; hãy thu nhỏ hình",
			    path, PNG_IN_MAX_MB);
			break;
		}
		free(path);
		return -1;
	}
	if (png_in_check(bytes, len, &w, &h, msg, sizeof(msg)) == -1) {
		terr(c, line, "hình %s: %s", path, msg);
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
		terr(c, n->line, "<%s> cần w=\"…\" và h=\"…\"", n->name);
	x = ax != NULL ? range_length(c, n, ax, 0, 0, pg->width, 0) : 0;
	y = ay != NULL ? range_length(c, n, ay, 0, 0, pg->height, 0) : 0;
	w = range_length(c, n, "w", 0, 0, pg->width, R_POSITIVE);
	h = range_length(c, n, "h", 0, 0, pg->height, R_POSITIVE);
	if (x + w > pg->width + 0.01 || y + h > pg->height + 0.01)
		terr(c, n->line, "<%s> ra ngoài trang (%.1f × %.1f mm): "
		    "x + w = %.1f mm, y + h = %.1f mm", n->name,
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
	if ((i = word_of(v, words, 3)) < 0) {
		terr(c, n->line, "valign=\"%s\": dùng top, middle hoặc "
		    "bottom", v);
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
	if ((i = style_find(c->t, v)) < 0)
		terr(c, n->line, "kiểu \"%s\" chưa được định nghĩa", v);
	return i;
}

static struct tpl_op *
op_new(enum tpl_kind kind, const struct xnode *n)
{
	struct tpl_op	*op = xcalloc(1, sizeof(*op));

	op->kind = kind;
	op->line = n->line;
	op->preprinted = n->name != NULL && yes(xnode_attr(n, "preprinted"));
	op->style = -1;
	op->align = -1;
	op->image = -1;
	op->collective = -1;
	return op;
}

static void
text_free(struct tpl_text *t)
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

static void
ops_free(struct tpl_op *op)
{
	struct tpl_op	*next;

	for (; op != NULL; op = next) {
		next = op->next;
		ops_free(op->child);
		text_free(&op->text);
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
	struct buf	 lit = { NULL, 0, 0 };
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
static void
meta_split(struct tpl_text *t, const struct env *e, const char *s)
{
	struct buf	 lit = { NULL, 0, 0 };
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
static void
check_text(struct chk *c, struct env *e, const char *s, int line)
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
			terr(c, line, "dấu { không có dấu } đóng");
			return;
		}
		if (tf_expr(e, p + 1, (size_t)(q - p - 1), &x, bad,
		    sizeof(bad)) == -1)
			terr(c, line, "không có trường hay bộ lọc \"%s\" trong "
			    "%.*s", bad, (int)(q - p + 1), p);
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
		check_text(c, e, n->text, n->line);
		op = op_new(TK_TEXT, n);
		text_split(&op->text, e, n->text);
		return op;
	}
	for (v = n->text; *v != '\0'; v++)
		if (!isspace((unsigned char)*v)) {
			terr(c, n->line, "chữ chỉ viết được trong <p> hay "
			    "<cell>");
			break;
		}
	return op_new(TK_BLANK, n);
}

static struct tpl_op *
compile_for(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	const char	*each = xnode_attr(n, "each"), *as = xnode_attr(n, "as");
	const char	*kind = xnode_attr(n, "kind"), *v;
	struct tpl_op	*op;
	struct tpl_ref	 r;
	size_t		 i, seg;

	attrs_ok(c, n, "each as kind punct punct-last");
	if (each == NULL || as == NULL) {
		terr(c, n->line, "<for> cần each=\"…\" và as=\"…\"");
		return NULL;
	}
	if (tf_path(e, each, strlen(each), &r) == -1 || !r.list) {
		terr(c, n->line, "\"%s\" không phải một danh sách", each);
		return NULL;
	}
	if (kind != NULL && (r.itype != O_NOMINEE ||
	    (strcmp(kind, "collective") != 0 &&
	    strcmp(kind, "individual") != 0)))
		terr(c, n->line, "kind=\"%s\": chỉ dùng với danh sách nominees,"
		    " collective hoặc individual", kind);
	if (e->nvars >= MAX_VARS) {
		terr(c, n->line, "lồng quá %d vòng <for>", MAX_VARS);
		return NULL;
	}
	op = op_new(TK_FOR, n);
	op->each = r;
	if (kind != NULL && r.itype == O_NOMINEE)
		op->collective = strcmp(kind, "collective") == 0;
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
	op->child = compile_children(c, e, n, cx);
	e->nvars--;
	return op;
}

static struct tpl_op *
compile_if(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	struct tpl_op	*op = op_new(TK_IF, n);
	const char	*v;

	attrs_ok(c, n, "test");
	if ((v = xnode_attr(n, "test")) == NULL ||
	    tf_test(e, v, &op->test) == -1)
		terr(c, n->line, "<if test=\"%s\">: không có trường này",
		    v ? v : "");
	op->child = compile_children(c, e, n, cx);
	return op;
}

/* An element of a paragraph: b, i, span. */
static struct tpl_op *
compile_inline(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k != TK_B && k != TK_I && k != TK_SPAN) {
		terr(c, n->line, "<%s> không dùng được trong đoạn văn "
		    "(có: b, i, span, for, if)", n->name);
		return NULL;
	}
	op = op_new((enum tpl_kind)k, n);
	if (k == TK_SPAN) {
		attrs_ok(c, n, "style");
		op->style = style_attr(c, n);
	} else
		attrs_ok(c, n, "");
	op->child = compile_children(c, e, n, CX_INLINE);
	return op;
}

/* The align attribute of p and cell (-1: the style's). */
static int
align_attr(struct chk *c, const struct xnode *n, const char *msg)
{
	const char	*v = xnode_attr(n, "align");
	enum blk_align	 a;

	if (v == NULL)
		return -1;
	if (align_of(v, &a) == -1) {
		terr(c, n->line, msg, v);
		return -1;
	}
	return (int)a;
}

static struct tpl_op *
compile_row(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k != TK_ROW) {
		terr(c, n->line, "<%s> không dùng được trong <table> "
		    "(có: row, for, if)", n->name);
		return NULL;
	}
	op = op_new(TK_ROW, n);
	attrs_ok(c, n, "header");
	check_yesno(c, n, "header");
	op->header = yes(xnode_attr(n, "header"));
	if (c->ncols > 0 && count_kind(n, TK_CELL) > c->ncols)
		terr(c, n->line, "<row> có %zu ô mà bảng chỉ có %zu cột "
		    "(widths)", count_kind(n, TK_CELL), c->ncols);
	op->child = compile_children(c, e, n, CX_ROW);
	return op;
}

static struct tpl_op *
compile_cell(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k != TK_CELL) {
		terr(c, n->line, "<%s> không dùng được trong <row> "
		    "(có: cell, for, if)", n->name);
		return NULL;
	}
	op = op_new(TK_CELL, n);
	attrs_ok(c, n, "style valign align");
	op->style = style_attr(c, n);
	if (op->style < 0)
		op->style = 0;
	op->valign = valign_of(c, n);
	op->align = align_attr(c, n, "align=\"%s\": dùng left, center, "
	    "right hoặc justify");
	/* A cell holds either blocks or inline text. */
	op->blocks = has_blocks(n);
	op->child = compile_children(c, e, n, op->blocks ? CX_BLOCK :
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
		terr(c, n->line, "<%s> không dùng được trong <columns> "
		    "(có: column)", n->name);
		return NULL;
	}
	op = op_new(TK_COLUMN, n);
	attrs_ok(c, n, "width");
	op->frac = 0.5;
	if ((v = xnode_attr(n, "width")) != NULL) {
		w = strtod(v, &end);
		op->frac = w / 100;
		if (*end == '%')
			end++;
		if (end == v || *end != '\0' || !isfinite(w) || w <= 0 ||
		    w > 100)
			terr(c, n->line, "width=\"%s\": cần một phần trăm lớn "
			    "hơn 0 và không quá 100%%", v);
	}
	op->child = compile_children(c, e, n, CX_BLOCK);
	return op;
}

static void
compile_rule(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	const char	*v;

	attrs_ok(c, n, "of length width gap");
	if ((v = xnode_attr(n, "of")) != NULL &&
	    strcmp(v, "text") != 0 && strcmp(v, "span") != 0)
		terr(c, n->line, "of=\"%s\": dùng text hoặc span", v);
	if (rule_parse(xnode_attr(n, "length"), xnode_attr(n, "of"),
	    &op->rule_kind, &op->rule_len) == -1)
		terr(c, n->line, "length=\"%s\": dùng một phần (1/3, 0.4, 40%%) "
		    "lớn hơn 0 và không quá 1, hoặc một độ dài (40mm)",
		    xnode_attr(n, "length"));
	else if (op->rule_kind == RULE_ABS && op->rule_len > c->t->page.width)
		terr(c, n->line, "length=\"%s\": dài hơn khổ giấy",
		    xnode_attr(n, "length"));
	range_length(c, n, "width", 0, 0, TPL_STROKE_MAX, R_POSITIVE | R_PT);
	range_length(c, n, "gap", 0, 0, TPL_SPACE_MAX, 0);
	op->stroke = attr_len(n, "width", 0.5);
	op->gap = attr_len(n, "gap", 3);
}

static void
compile_table(struct chk *c, struct env *e, const struct xnode *n,
    struct tpl_op *op)
{
	double		 ws[TPL_MAX_COLUMNS], sum = 0;
	size_t		 i, saved = c->ncols;
	const char	*v;
	int		 nc;

	attrs_ok(c, n, "widths border pad");
	c->ncols = 0;
	if ((v = xnode_attr(n, "widths")) == NULL)
		terr(c, n->line, "<table> cần widths=\"…\"");
	else if ((nc = widths_parse(v, ws, TPL_MAX_COLUMNS)) == -2)
		terr(c, n->line, "widths: bảng có quá %d cột",
		    TPL_MAX_COLUMNS);
	else if (nc <= 0)
		terr(c, n->line, "widths=\"%.60s\": cần từ 1 đến %d độ rộng "
		    "cột lớn hơn 0, cách nhau bằng dấu cách (ví dụ "
		    "\"10%% 30%% 60%%\")", v, TPL_MAX_COLUMNS);
	else
		c->ncols = (size_t)nc;
	op->ncols = c->ncols;
	op->widths = xcalloc(op->ncols + 1, sizeof(double));
	for (i = 0; i < op->ncols; i++)
		sum += ws[i];
	for (i = 0; i < op->ncols; i++)
		op->widths[i] = ws[i] / (sum > 0 ? sum : 1);
	range_length(c, n, "border", 0, 0, TPL_STROKE_MAX, R_PT);
	range_length(c, n, "pad", 0, 0, TPL_PAD_MAX, 0);
	op->border = attr_len(n, "border", 0);
	op->pad = attr_len(n, "pad", 2);
	op->child = compile_children(c, e, n, CX_TABLE);
	c->ncols = saved;
}

/* x, y, w, h of a box, a rectangle or an image. */
static void
place_of(const struct xnode *n, struct tpl_op *op)
{
	op->x = attr_len(n, "x", 0);
	op->y = attr_len(n, "y", 0);
	op->w = attr_len(n, "w", 0);
	op->h = attr_len(n, "h", 0);
}

static void
compile_line(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	const struct blk_page *pg = &c->t->page;

	attrs_ok(c, n, "x1 y1 x2 y2 stroke color preprinted");
	range_length(c, n, "x1", 0, 0, pg->width, 0);
	range_length(c, n, "y1", 0, 0, pg->height, 0);
	range_length(c, n, "x2", 0, 0, pg->width, 0);
	range_length(c, n, "y2", 0, 0, pg->height, 0);
	range_length(c, n, "stroke", 0, 0, TPL_STROKE_MAX, R_POSITIVE | R_PT);
	check_yesno(c, n, "preprinted");
	op->x = attr_len(n, "x1", 0);
	op->y = attr_len(n, "y1", 0);
	op->w = attr_len(n, "x2", 0) - op->x;
	op->h = attr_len(n, "y2", 0) - op->y;
	op->stroke = attr_len(n, "stroke", 0.5);
}

static void
compile_image(struct chk *c, const struct xnode *n, struct tpl_op *op)
{
	const struct blk_page *pg = &c->t->page;
	const char	*v;

	attrs_ok(c, n, "src x y w h preprinted");
	check_yesno(c, n, "preprinted");
	if ((xnode_attr(n, "x") == NULL) != (xnode_attr(n, "y") == NULL))
		terr(c, n->line, "<image> cần cả x và y (đặt ở chỗ cố định) "
		    "hoặc không có cả hai (trong dòng chữ)");
	if (xnode_attr(n, "x") != NULL)
		check_place(c, n, "x", "y", 1);
	else {
		if (xnode_attr(n, "w") == NULL || xnode_attr(n, "h") == NULL)
			terr(c, n->line, "<image> cần w=\"…\" và h=\"…\"");
		range_length(c, n, "w", 0, 0, pg->width - pg->left -
		    pg->right, R_POSITIVE);
		range_length(c, n, "h", 0, 0, pg->height - pg->top -
		    pg->bottom, R_POSITIVE);
	}
	if ((v = xnode_attr(n, "src")) == NULL || *v == '\0')
		terr(c, n->line, "<image> cần src=\"…\"");
	else
		op->image = image_load(c, n->line, v);
	op->in_flow = xnode_attr(n, "x") == NULL;
	place_of(n, op);
}

/* An element that holds blocks or is one, in block context. */
static struct tpl_op *
compile_block(struct chk *c, struct env *e, const struct xnode *n, int k)
{
	struct tpl_op	*op;

	if (k < TK_P) {
		terr(c, n->line, "<%s> không có trong ngôn ngữ mẫu", n->name);
		return NULL;
	}
	op = op_new((enum tpl_kind)k, n);
	switch (op->kind) {
	case TK_P:
		attrs_ok(c, n, "style align");
		op->style = style_attr(c, n);
		if (op->style < 0)
			op->style = 0;
		op->align = align_attr(c, n, "align=\"%s\" không hợp lệ");
		op->child = compile_children(c, e, n, CX_INLINE);
		break;
	case TK_RULE:
		compile_rule(c, n, op);
		break;
	case TK_SPACE:
		attrs_ok(c, n, "height");
		op->height = range_length(c, n, "height", 0, 0,
		    c->t->page.height, 0);
		break;
	case TK_PAGEBREAK:
		attrs_ok(c, n, "");
		break;
	case TK_KEEP:
		attrs_ok(c, n, "with-previous");
		op->keep = range_int(c, n, "with-previous", 0, 0,
		    TPL_MAX_KEEP);
		op->child = compile_children(c, e, n, CX_BLOCK);
		break;
	case TK_COLUMNS:
		attrs_ok(c, n, "");
		if (count_kind(n, TK_COLUMN) > TPL_MAX_COLUMNS)
			terr(c, n->line, "<columns> có %zu cột, nhiều nhất %d",
			    count_kind(n, TK_COLUMN), TPL_MAX_COLUMNS);
		op->child = compile_children(c, e, n, CX_COLUMNS);
		break;
	case TK_TABLE:
		compile_table(c, e, n, op);
		break;
	case TK_BOX:
		attrs_ok(c, n, "x y w h valign preprinted");
		check_place(c, n, "x", "y", 1);
		op->valign = valign_of(c, n);
		check_yesno(c, n, "preprinted");
		place_of(n, op);
		op->child = compile_children(c, e, n, CX_BLOCK);
		break;
	case TK_RECT:
		attrs_ok(c, n, "x y w h stroke color fill preprinted");
		check_place(c, n, "x", "y", 1);
		range_length(c, n, "stroke", 0, 0, TPL_STROKE_MAX,
		    R_POSITIVE | R_PT);
		check_yesno(c, n, "fill");
		check_yesno(c, n, "preprinted");
		place_of(n, op);
		op->fill = yes(xnode_attr(n, "fill"));
		op->stroke = attr_len(n, "stroke", 0.5);
		break;
	case TK_LINE:
		compile_line(c, n, op);
		break;
	case TK_IMAGE:
		compile_image(c, n, op);
		break;
	case TK_TEXT:
	case TK_BLANK:
	case TK_FOR:
	case TK_IF:
	case TK_B:
	case TK_I:
	case TK_SPAN:
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
	if ((v = xnode_attr(n, "color")) != NULL && color_of(v, &col) == -1)
		terr(c, n->line, "color=\"%s\": dùng #RRGGBB", v);
	if (op != NULL)
		op->color = col;
	return op;
}

static struct tpl_op *
compile_children(struct chk *c, struct env *e, const struct xnode *n,
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
/* --- Loading. ----------------------------------------------------- */

static void
page_load(struct chk *c, const struct xnode *n)
{
	struct blk_page	*pg = &c->t->page;
	const char	*v;
	static const char *const sizes[] = { "A4", "A3", "A5" };
	static const double dims[][2] = { { 210, 297 }, { 297, 420 },
	    { 148, 210 } };
	double		 w = 210 * MM, h = 297 * MM, tmp;
	int		 i;

	attrs_ok(c, n, "size orientation top bottom left right number-from "
	    "number-style");
	if ((v = xnode_attr(n, "size")) != NULL) {
		if ((i = word_of(v, sizes, 3)) < 0)
			terr(c, n->line, "size=\"%s\": dùng A3, A4 hoặc A5", v);
		else {
			w = dims[i][0] * MM;
			h = dims[i][1] * MM;
		}
	}
	if ((v = xnode_attr(n, "orientation")) != NULL) {
		if (strcmp(v, "landscape") == 0) {
			tmp = w;
			w = h;
			h = tmp;
		} else if (strcmp(v, "portrait") != 0)
			terr(c, n->line, "orientation=\"%s\": dùng portrait "
			    "hoặc landscape", v);
	}
	pg->width = w;
	pg->height = h;
	pg->top = range_length(c, n, "top", 20 * MM, 0, h, 0);
	pg->bottom = range_length(c, n, "bottom", 20 * MM, 0, h, 0);
	pg->left = range_length(c, n, "left", 30 * MM, 0, w, 0);
	pg->right = range_length(c, n, "right", 15 * MM, 0, w, 0);
	if (w - pg->left - pg->right < TPL_AREA_MIN ||
	    h - pg->top - pg->bottom < TPL_AREA_MIN) {
		terr(c, n->line, "lề trang rộng quá: phần in chữ còn %.1f × "
		    "%.1f mm, cần ít nhất %.0f × %.0f mm",
		    (w - pg->left - pg->right) / MM,
		    (h - pg->top - pg->bottom) / MM, TPL_AREA_MIN / MM,
		    TPL_AREA_MIN / MM);
		pg->top = pg->bottom = pg->left = pg->right = 0;
	}
	pg->number_from = range_int(c, n, "number-from", 0, 0,
	    TPL_MAX_NUMBER);
	if ((v = xnode_attr(n, "number-style")) != NULL) {
		if ((c->t->number_style = style_find(c->t, v)) < 0)
			terr(c, n->line, "kiểu \"%s\" chưa được định nghĩa "
			    "(các <style> đặt trước <page>)", v);
	}
}


struct template *
template_load(struct xml *x, const char *path, const struct fonts *fonts,
    struct diag *d)
{
	struct template	*t;
	char		*bytes;
	size_t		 len;

	if ((bytes = input_config(path, d, diag_file(d, path, DIAG_CONFIG),
	    &len)) == NULL)
		return NULL;
	t = template_load_bytes(x, path, bytes, len, fonts, d);
	free(bytes);
	return t;
}

/* The children of the root: the styles and page read, body kept. */
static void
root_children(struct chk *c, const struct xnode *r, const struct xnode **body,
    const struct xnode **every)
{
	static const char *const names[] = { "style", "page", "body",
	    "every-page" };
	const struct xnode	*k, *page = NULL;

	for (k = xnode_child(r, NULL); k != NULL; k = xnode_next(k, NULL))
		switch (word_of(k->name, names, 4)) {
		case 0:
			style_load(c, k);
			break;
		case 1:
			if (page != NULL)
				terr(c, k->line, "mẫu đã có <page> ở dòng %d",
				    page->line);
			else
				page_load(c, k);
			page = k;
			break;
		case 2:
			if (*body != NULL)
				terr(c, k->line, "mẫu đã có <body> ở dòng %d",
				    (*body)->line);
			*body = k;
			break;
		case 3:
			if (*every != NULL)
				terr(c, k->line, "mẫu đã có <every-page> ở dòng "
				    "%d", (*every)->line);
			*every = k;
			break;
		default:
			terr(c, k->line, "<%s> không dùng được ở đây (có: "
			    "style, page, every-page, body)", k->name);
			break;
		}
}

/* The root's attributes: document, per, and those kept for metadata. */
static int
root_attrs(struct chk *c, const struct xnode *r)
{
	struct template	*t = c->t;
	const char	*v;
	size_t		 i;
	int		 meta = 0;

	attrs_ok(c, r, "document per title print-title subject keywords date "
	    "calibration-title");
	t->attrs = xcalloc(r->nattrs + 1, sizeof(*t->attrs));
	for (i = 0; i < r->nattrs; i++) {
		t->attrs[i].name = xstrdup(r->attrs[i].name);
		t->attrs[i].value = xstrdup(r->attrs[i].value);
		if (strcmp(r->attrs[i].name, "document") != 0 &&
		    strcmp(r->attrs[i].name, "per") != 0)
			meta = 1;
	}
	t->nattrs = r->nattrs;
	t->name = xstrdup((v = xnode_attr(r, "document")) ? v : "?");
	v = xnode_attr(r, "per");
	t->per = v != NULL && strcmp(v, "nominee") == 0 ? TPL_NOMINEE :
	    TPL_DOSSIER;
	if (v != NULL && strcmp(v, "nominee") != 0 &&
	    strcmp(v, "dossier") != 0)
		terr(c, r->line, "per=\"%s\": dùng dossier hoặc nominee", v);
	return meta;
}

struct template *
template_load_bytes(struct xml *x, const char *path, const char *bytes,
    size_t len, const struct fonts *fonts, struct diag *d)
{
	struct chk		 c;
	struct template		*t;
	struct xml_result	 res;
	const struct xnode	*r, *body = NULL, *every = NULL;
	const char		*slash;
	struct env		 e;
	size_t			 i;
	int			 meta;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.f = diag_file(d, path, DIAG_CONFIG);
	c.fonts = fonts;
	t = xcalloc(1, sizeof(*t));
	t->file = c.f;
	c.t = t;
	t->path = xstrdup(path);
	slash = strrchr(path, '/');
	t->dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	xml_parse(x, bytes, len, path, TPL_NS, "template", 0, d, c.f, &res);
	if ((r = res.root) == NULL) {
		xml_result_free(&res);
		template_free(t);
		return NULL;
	}
	meta = root_attrs(&c, r);

	/* The default style, which every other starts from. */
	t->styles[0].name = xstrdup("default");
	t->styles[0].size = 13;
	t->styles[0].leading = 1.0;
	t->styles[0].align = ALIGN_LEFT;
	style_fonts(&c, &t->styles[0], "Times New Roman, Liberation Serif",
	    r->line);
	t->nstyles = 1;
	t->page.width = 210 * MM;
	t->page.height = 297 * MM;
	root_children(&c, r, &body, &every);
	if (body == NULL)
		terr(&c, r->line, "mẫu chưa có <body>");
	memset(&e, 0, sizeof(e));
	e.t = t;
	if (t->per == TPL_NOMINEE) {
		e.vars[0].name = "nominee";
		e.vars[0].type = O_NOMINEE;
		e.nvars = 1;
	}
	if (body != NULL)
		t->body = compile_children(&c, &e, body, CX_BLOCK);
	if (meta)
		for (i = 0; i < r->nattrs; i++)
			check_text(&c, &e, r->attrs[i].value, r->line);
	for (i = 0; i < t->nattrs; i++)
		meta_split(&t->attrs[i].text, &e, t->attrs[i].value);
	if (every != NULL)
		t->every_page = compile_children(&c, &e, every, CX_BLOCK);
	xml_result_free(&res);
	if (c.errors > 0 || diag_errors(d, c.f) > 0) {
		template_free(t);
		return NULL;
	}
	return t;
}

void
template_free(struct template *t)
{
	size_t	 i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nstyles; i++) {
		free(t->styles[i].name);
		for (j = 0; j < 4; j++)
			free(t->styles[i].paths[j]);
	}
	for (i = 0; i < t->nimages; i++) {
		free(t->images[i].src);
		free(t->images[i].path);
		free(t->images[i].bytes);
	}
	for (i = 0; i < 2 * t->nfields; i++)
		free(t->fields[i]);
	free(t->fields);
	for (i = 0; i < t->nattrs; i++) {
		free(t->attrs[i].name);
		free(t->attrs[i].value);
		text_free(&t->attrs[i].text);
	}
	free(t->attrs);
	ops_free(t->body);
	ops_free(t->every_page);
	free(t->name);
	free(t->dir);
	free(t->path);
	free(t);
}

enum tpl_per
template_per(const struct template *t)
{
	return t->per;
}

const char *
template_name(const struct template *t)
{
	return t->name;
}

/* A root attribute by name, or NULL. */
static const struct tpl_attr *
attr_find(const struct template *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->nattrs; i++)
		if (strcmp(t->attrs[i].name, name) == 0)
			return &t->attrs[i];
	return NULL;
}

char *
template_meta(const struct template *t, const struct tpl_ctx *c,
    const char *name)
{
	const struct tpl_attr	*a;
	struct env		 e;
	struct buf		 b = { NULL, 0, 0 };

	if ((a = attr_find(t, name)) == NULL)
		return xstrdup("");
	memset(&e, 0, sizeof(e));
	e.c = c;
	e.t = t;
	if (t->per == TPL_NOMINEE) {
		e.vars[0].type = O_NOMINEE;
		e.vars[0].obj = c->nominee;
		e.nvars = 1;
	}
	tf_text(&e, &a->text, &b);
	return buf_detach(&b);
}

void
template_boxes(const struct template *t,
    void (*cb)(void *, double, double, double, double), void *arg)
{
	const struct tpl_op	*stack[64], *n;
	size_t			 sp = 0;

	stack[sp++] = t->body;
	while (sp > 0)
		for (n = stack[--sp]; n != NULL; n = n->next) {
			if (n->kind == TK_BOX && !n->preprinted)
				cb(arg, n->x, n->y, n->w, n->h);
			else if ((n->kind == TK_IF || n->kind == TK_FOR) &&
			    sp < 64)
				stack[sp++] = n->child;
		}
}

const struct blk_page *
template_page(const struct template *t)
{
	return &t->page;
}

const char *
template_attr(const struct template *t, const char *name)
{
	const struct tpl_attr	*a = attr_find(t, name);

	return a != NULL ? a->value : NULL;
}

const char *
template_font(const struct template *t)
{
	return t->styles[0].paths[FS_REGULAR];
}

double
template_length(const char *s)
{
	return length_of(s);
}
