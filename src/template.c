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


/* --- Checking helpers, for tpl_compile.c too. ------------------- */

/* Is the attribute list of n within the space-separated allowed list? */
void
tpl_attrs_ok(struct chk *c, const struct xnode *n, const char *allowed)
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
			diag_code(c->d, c->f, n->line, DC_TPL_ATTR, n->name,
			    n->attrs[i].name, allowed);
	}
}

/* A length ("20mm", "1.5cm", "14pt", "14") in points; -1 if bad. */
double
tpl_length(const char *s)
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
double
tpl_attr_len(const struct xnode *n, const char *attr, double dflt)
{
	double	 l = tpl_length(xnode_attr(n, attr));

	return l < 0 ? dflt : l;
}

/*
 * A length attribute within lo .. hi points (more than 0 with
 * R_POSITIVE; said in pt with R_PT, else in mm); dflt when absent or
 * wrong (reported).
 */

double
tpl_range_length(struct chk *c, const struct xnode *n, const char *attr,
    double dflt, double lo, double hi, int flags)
{
	const char	*v = xnode_attr(n, attr);
	const char	*unit = (flags & R_PT) ? "pt" : "mm";
	double		 l, k = (flags & R_PT) ? 1 : MM;

	if (v == NULL)
		return dflt;
	if ((l = tpl_length(v)) < 0) {
		diag_code(c->d, c->f, n->line, DC_TPL_LENGTH, attr, v);
		return dflt;
	}
	if ((flags & R_POSITIVE) && (l <= 0 || l > hi)) {
		diag_code(c->d, c->f, n->line, DC_TPL_LENGTH_MAX, attr, v,
		    hi / k, unit);
		return dflt;
	}
	if (l < lo || l > hi) {
		diag_code(c->d, c->f, n->line, DC_TPL_LENGTH_RANGE, attr, v,
		    lo / k, unit, hi / k, unit);
		return dflt;
	}
	return l;
}

/* An integer attribute within lo .. hi; dflt when absent or wrong. */
int
tpl_range_int(struct chk *c, const struct xnode *n, const char *attr, int dflt,
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
		diag_code(c->d, c->f, n->line, DC_TPL_INT_RANGE, attr, v, lo,
		    hi);
		return dflt;
	}
	return (int)l;
}

/* A yes/no attribute: absent, "yes" or "no". */
void
tpl_check_yesno(struct chk *c, const struct xnode *n, const char *attr)
{
	static const char *const yn[] = { "yes", "no" };
	const char	*v = xnode_attr(n, attr);

	if (v != NULL && tpl_word(v, yn, 2) < 0)
		diag_code(c->d, c->f, n->line, DC_TPL_YES_NO, attr, v);
}

/* A number written whole ("1.5"), finite; 0 on success. */
int
tpl_number(const char *s, double *out)
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
int
tpl_color(const char *s, struct bk_rgb *out)
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

int
tpl_yes(const char *v)
{
	return v != NULL && strcmp(v, "yes") == 0;
}

/* The index of the style named name (NULL: the default), or -1. */
int
tpl_style_find(const struct template *t, const char *name)
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
int
tpl_word(const char *v, const char *const *words, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v, words[i]) == 0)
			return (int)i;
	return -1;
}

int
tpl_align(const char *v, enum blk_align *a)
{
	static const char *const aligns[] = { "left", "center", "right",
	    "justify" };
	static const enum blk_align av[] = { ALIGN_LEFT, ALIGN_CENTER,
	    ALIGN_RIGHT, ALIGN_JUSTIFY };
	int	 i;

	if ((i = tpl_word(v, aligns, 4)) < 0)
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
		diag_code(c->d, c->f, line, DC_TPL_FONT_MISSING, families);
}

static void
style_load(struct chk *c, const struct xnode *n)
{
	struct style	*s;
	const struct style *base;
	const char	*v;
	size_t		 i;
	double		 l;

	tpl_attrs_ok(c, n, "name base font bold italic size color align indent "
	    "before after leading upper min-size max-lines keep-with-next");
	if ((v = xnode_attr(n, "name")) == NULL) {
		diag_code(c->d, c->f, n->line, DC_TPL_STYLE_NAME);
		return;
	}
	if (tpl_style_find(c->t, v) >= 0 && c->t->nstyles > 0 &&
	    strcmp(v, "default") != 0) {
		diag_code(c->d, c->f, n->line, DC_TPL_STYLE_DUP, v);
		return;
	}
	if (c->t->nstyles >= MAX_STYLES) {
		diag_code(c->d, c->f, n->line, DC_TPL_STYLE_MAX, MAX_STYLES);
		return;
	}
	s = &c->t->styles[c->t->nstyles];
	base = &c->t->styles[0];
	if ((v = xnode_attr(n, "base")) != NULL) {
		if ((i = (size_t)tpl_style_find(c->t, v)) == (size_t)-1) {
			diag_code(c->d, c->f, n->line, DC_TPL_STYLE_BASE, v);
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
	tpl_check_yesno(c, n, "bold");
	tpl_check_yesno(c, n, "italic");
	tpl_check_yesno(c, n, "upper");
	if ((v = xnode_attr(n, "bold")) != NULL)
		s->bold = tpl_yes(v);
	if ((v = xnode_attr(n, "italic")) != NULL)
		s->italic = tpl_yes(v);
	if ((v = xnode_attr(n, "upper")) != NULL)
		s->upper = tpl_yes(v);
	tpl_check_yesno(c, n, "keep-with-next");
	if ((v = xnode_attr(n, "keep-with-next")) != NULL)
		s->keep_next = tpl_yes(v);
	s->size = tpl_range_length(c, n, "size", s->size, TPL_SIZE_MIN,
	    TPL_SIZE_MAX, R_PT);
	if ((v = xnode_attr(n, "color")) != NULL &&
	    tpl_color(v, &s->color) == -1)
		diag_code(c->d, c->f, n->line, DC_TPL_COLOR, v);
	if ((v = xnode_attr(n, "align")) != NULL &&
	    tpl_align(v, &s->align) == -1)
		diag_code(c->d, c->f, n->line, DC_TPL_ALIGN, v);
	s->indent = tpl_range_length(c, n, "indent", s->indent, 0,
	    TPL_INDENT_MAX, 0);
	s->before = tpl_range_length(c, n, "before", s->before, 0,
	    TPL_SPACE_MAX, 0);
	s->after = tpl_range_length(c, n, "after", s->after, 0,
	    TPL_SPACE_MAX, 0);
	s->min_size = tpl_range_length(c, n, "min-size", s->min_size,
	    TPL_SIZE_MIN, TPL_SIZE_MAX, R_PT);
	if ((v = xnode_attr(n, "leading")) != NULL) {
		if (tpl_number(v, &l) == -1 || l < 1.0 || l > 1.5)
			diag_code(c->d, c->f, n->line, DC_TPL_LEADING, v);
		else
			s->leading = l;
	}
	s->max_lines = tpl_range_int(c, n, "max-lines", s->max_lines, 0,
	    TPL_MAX_LINES);
	c->t->nstyles++;
}
/* --- Loading. ----------------------------------------------------- */

static void
page_load(struct chk *c, const struct xnode *n)
{
	struct blk_page	*pg = &c->t->page;
	const char	*v;
	static const char *const sizes[] = { "A4", "A3", "A5" };
	static const char *const orients[] = { "portrait", "landscape" };
	static const double dims[][2] = { { 210, 297 }, { 297, 420 },
	    { 148, 210 } };
	double		 w = 210 * MM, h = 297 * MM, tmp;
	int		 i;

	tpl_attrs_ok(c, n, "size orientation top bottom left right number-from "
	    "number-style");
	if ((v = xnode_attr(n, "size")) != NULL) {
		if ((i = tpl_word(v, sizes, 3)) < 0)
			diag_code(c->d, c->f, n->line, DC_TPL_PAGE_SIZE, v);
		else {
			w = dims[i][0] * MM;
			h = dims[i][1] * MM;
		}
	}
	if ((v = xnode_attr(n, "orientation")) != NULL) {
		if ((i = tpl_word(v, orients, 2)) == 1) {
			tmp = w;
			w = h;
			h = tmp;
		} else if (i < 0)
			diag_code(c->d, c->f, n->line, DC_TPL_ORIENTATION, v);
	}
	pg->width = w;
	pg->height = h;
	pg->top = tpl_range_length(c, n, "top", 20 * MM, 0, h, 0);
	pg->bottom = tpl_range_length(c, n, "bottom", 20 * MM, 0, h, 0);
	pg->left = tpl_range_length(c, n, "left", 30 * MM, 0, w, 0);
	pg->right = tpl_range_length(c, n, "right", 15 * MM, 0, w, 0);
	if (w - pg->left - pg->right < TPL_AREA_MIN ||
	    h - pg->top - pg->bottom < TPL_AREA_MIN) {
		diag_code(c->d, c->f, n->line, DC_TPL_MARGINS,
		    (w - pg->left - pg->right) / MM,
		    (h - pg->top - pg->bottom) / MM, TPL_AREA_MIN / MM,
		    TPL_AREA_MIN / MM);
		pg->top = pg->bottom = pg->left = pg->right = 0;
	}
	pg->number_from = tpl_range_int(c, n, "number-from", 0, 0,
	    TPL_MAX_NUMBER);
	if ((v = xnode_attr(n, "number-style")) != NULL) {
		if ((c->t->number_style = tpl_style_find(c->t, v)) < 0)
			diag_code(c->d, c->f, n->line, DC_TPL_PAGE_STYLE, v);
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
		switch (tpl_word(k->name, names, 4)) {
		case 0:
			style_load(c, k);
			break;
		case 1:
			if (page != NULL)
				diag_code(c->d, c->f, k->line, DC_TPL_DUP_PAGE,
				    page->line);
			else
				page_load(c, k);
			page = k;
			break;
		case 2:
			if (*body != NULL)
				diag_code(c->d, c->f, k->line, DC_TPL_DUP_BODY,
				    (*body)->line);
			*body = k;
			break;
		case 3:
			if (*every != NULL)
				diag_code(c->d, c->f, k->line, DC_TPL_DUP_EVERY,
				    (*every)->line);
			*every = k;
			break;
		default:
			diag_code(c->d, c->f, k->line, DC_TPL_TOP_ELEMENT,
			    k->name);
			break;
		}
}

/* The root's attributes: document, per, and those kept for metadata. */
static int
root_attrs(struct chk *c, const struct xnode *r)
{
	struct template	*t = c->t;
	static const char *const pers[] = { "dossier", "nominee" };
	static const char *const own[] = { "document", "per" };
	const char	*v;
	size_t		 i;
	int		 meta = 0, per;

	tpl_attrs_ok(c, r, "document per title print-title subject keywords "
	    "date calibration-title draft-title");
	t->attrs = xcalloc(r->nattrs + 1, sizeof(*t->attrs));
	for (i = 0; i < r->nattrs; i++) {
		t->attrs[i].name = xstrdup(r->attrs[i].name);
		t->attrs[i].value = xstrdup(r->attrs[i].value);
		if (tpl_word(r->attrs[i].name, own, 2) < 0)
			meta = 1;
	}
	t->nattrs = r->nattrs;
	t->name = xstrdup((v = xnode_attr(r, "document")) ? v : "?");
	per = (v = xnode_attr(r, "per")) != NULL ? tpl_word(v, pers, 2) : 0;
	t->per = per == 1 ? TPL_NOMINEE : TPL_DOSSIER;
	if (per < 0)
		diag_code(c->d, c->f, r->line, DC_TPL_PER, v);
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
		diag_code(c.d, c.f, r->line, DC_TPL_NO_BODY);
	memset(&e, 0, sizeof(e));
	e.t = t;
	if (t->per == TPL_NOMINEE) {
		e.vars[0].name = "nominee";
		e.vars[0].type = O_NOMINEE;
		e.nvars = 1;
	}
	if (body != NULL)
		t->body = tpl_compile_children(&c, &e, body, CX_BLOCK);
	if (meta)
		for (i = 0; i < r->nattrs; i++)
			tpl_check_text(&c, &e, r->attrs[i].value, r->line);
	for (i = 0; i < t->nattrs; i++)
		tpl_meta_split(&t->attrs[i].text, &e, t->attrs[i].value);
	if (every != NULL)
		t->every_page = tpl_compile_children(&c, &e, every, CX_BLOCK);
	xml_result_free(&res);
	if (diag_errors(d, c.f) > 0) {
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
		tpl_text_free(&t->attrs[i].text);
	}
	free(t->attrs);
	tpl_ops_free(t->body);
	tpl_ops_free(t->every_page);
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
	struct buf		 b = BUF_INIT;

	if (c->draft && strcmp(name, "title") == 0 &&
	    attr_find(t, "draft-title") != NULL)
		name = "draft-title";
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
				cb(arg, n->x + n->fx * t->page.width,
				    n->y + n->fy * t->page.height,
				    n->w + n->fw * t->page.width,
				    n->h + n->fh * t->page.height);
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

/*
 * Is there, in ops, an element (not white space) inside an <if
 * test="render.draft">?
 */
static int
ops_draft(const struct tpl_op *n, int in_draft, int depth)
{
	for (; n != NULL && depth < 64; n = n->next) {
		if (in_draft && n->kind != TK_BLANK)
			return 1;
		if (ops_draft(n->child, in_draft || (n->kind == TK_IF &&
		    tf_test_draft(&n->test)), depth + 1))
			return 1;
	}
	return 0;
}

const char *
template_path(const struct template *t)
{
	return t->path;
}

int
template_drafts(const struct template *t)
{
	return ops_draft(t->every_page, 0, 0);
}

const char *
template_font(const struct template *t)
{
	return t->styles[0].paths[FS_REGULAR];
}

double
template_length(const char *s)
{
	return tpl_length(s);
}
