/*
 * template.c: the template language.  Loads a template file (namespace
 * urn:khenthuong:template:1, see templates/README.md), checks every
 * element, attribute, style, length, field reference and filter against
 * what the language and the model offer, and expands it against a
 * dossier into blocks (blocks.h): fields filled in, loops and conditions
 * run, styles resolved to fonts, lengths to points.
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

#define TPL_NS		"urn:khenthuong:template:1"
#define MM		(72.0 / 25.4)
#define MAX_VARS	16
#define MAX_STYLES	64

/*
 * The limits of a template's values, checked when it loads (see
 * templates/README.md), and of what one expansion may make.
 */
#define TPL_SIZE_MIN	4.0		/* a font size, pt */
#define TPL_SIZE_MAX	144.0
#define TPL_INDENT_MAX	(100 * MM)	/* a style's first-line indent */
#define TPL_SPACE_MAX	(200 * MM)	/* before, after, gap */
#define TPL_STROKE_MAX	20.0		/* a line's width, pt */
#define TPL_PAD_MAX	(20 * MM)	/* a table cell's padding */
#define TPL_AREA_MIN	(50 * MM)	/* the text area, each way */
#define TPL_MAX_COLUMNS	50		/* of a table or <columns> */
#define TPL_MAX_LINES	100		/* max-lines */
#define TPL_MAX_KEEP	20		/* with-previous */
#define TPL_MAX_NUMBER	1000		/* number-from */
#define TPL_MAX_IMAGES	8		/* distinct images of a template */
#define TPL_MAX_NODES	200000		/* blocks, runs and cells a document */

struct style {
	char		*name;
	char		*paths[4];	/* enum font_style: the face files */
	double		 size;
	struct bk_rgb	 color;
	enum blk_align	 align;
	double		 indent, before, after, leading;
	double		 min_size;
	int		 max_lines;
	int		 upper;
	int		 bold, italic;
	int		 keep_next;	/* a heading: on the page of what follows */
};

/* An image of the template: its bytes as read and checked at load. */
struct tpl_image {
	char		*src;		/* as the template writes it */
	char		*path;		/* beside the template, or absolute */
	unsigned char	*bytes;
	size_t		 len;
};

struct template {
	char		*path;
	size_t		 file;		/* its diag file */
	char		*dir;		/* for images */
	struct tpl_image images[TPL_MAX_IMAGES];
	size_t		 nimages;
	char		*name;
	enum tpl_per	 per;
	struct blk_page	 page;
	char		*number_style;
	struct style	 styles[MAX_STYLES];
	size_t		 nstyles;
	struct xml_result res;		/* the template's own tree */
	const struct xnode *body;
	const struct xnode *every_page;
	char		**fields;	/* field paths, for error messages */
	size_t		 nfields;
};

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
	char	*end;
	double	 v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return -1;
	if (*end == '\0' || strcmp(end, "pt") == 0)
		return v;
	if (strcmp(end, "mm") == 0)
		return v * MM;
	if (strcmp(end, "cm") == 0)
		return v * 10 * MM;
	if (strcmp(end, "in") == 0)
		return v * 72;
	return -1;
}

static double
need_length(struct chk *c, const struct xnode *n, const char *attr,
    double dflt)
{
	const char	*v = xnode_attr(n, attr);
	double		 l;

	if (v == NULL)
		return dflt;
	if ((l = length_of(v)) < 0) {
		if (c != NULL)
			terr(c, n->line, "%s=\"%s\" không phải độ dài (ví dụ "
			    "20mm, 1.5cm, 14pt)", attr, v);
		return dflt;
	}
	return l;
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
	unsigned int	 r, g, b;

	if (strcmp(s, "black") == 0)
		s = "#000000";
	else if (strcmp(s, "red") == 0)
		s = "#C00000";
	else if (strcmp(s, "white") == 0)
		s = "#FFFFFF";
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

static const struct style *
style_find(const struct template *t, const char *name)
{
	size_t	 i;

	if (name == NULL)
		return &t->styles[0];
	for (i = 0; i < t->nstyles; i++)
		if (strcmp(t->styles[i].name, name) == 0)
			return &t->styles[i];
	return NULL;
}

static int
align_of(const char *v, enum blk_align *a)
{
	if (strcmp(v, "left") == 0)
		*a = ALIGN_LEFT;
	else if (strcmp(v, "center") == 0)
		*a = ALIGN_CENTER;
	else if (strcmp(v, "right") == 0)
		*a = ALIGN_RIGHT;
	else if (strcmp(v, "justify") == 0)
		*a = ALIGN_JUSTIFY;
	else
		return -1;
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
	if (style_find(c->t, v) != NULL && c->t->nstyles > 0 &&
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
	if ((v = xnode_attr(n, "base")) != NULL &&
	    (base = style_find(c->t, v)) == NULL) {
		terr(c, n->line, "kiểu gốc \"%s\" chưa được định nghĩa", v);
		base = &c->t->styles[0];
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

/* --- Values. ------------------------------------------------------ */

enum otype {
	O_ROOT,
	O_NOMINEE,
	O_MEMBER,
	O_SECTION,
	O_AWARD,
	O_TEXT,
	O_SIGNER
};

struct val {
	int		 list;
	char		*s;		/* scalar, NULL when empty */
	int		 line;
	enum otype	 itype;		/* list */
	const void	*items;
	size_t		 n;
	size_t		 stride;
};

struct var {
	const char	*name;
	const char	*each;		/* the list it runs over */
	enum otype	 type;
	const void	*obj;
	size_t		 index, count;
	const char	*punct, *punct_last;
};

struct env {
	const struct tpl_ctx	*c;	/* NULL when checking */
	const struct template	*t;
	struct var		 vars[MAX_VARS];
	size_t			 nvars;
};

#define DRY(e)	((e)->c == NULL)

/*
 * The dossier element a field expression reads, for messages: the last
 * segment of its path with loop variables replaced by their lists
 * ("b" over submission.basis -> "<basis>").  A new string.
 */
static char *
canonical(const struct env *e, const char *expr, size_t len)
{
	const char	*bar, *end, *dot, *seg;
	size_t		 i, slen;

	bar = memchr(expr, '|', len);
	end = bar != NULL ? bar : expr + len;
	for (dot = end; dot > expr && dot[-1] != '.'; dot--)
		continue;
	seg = dot;
	slen = (size_t)(end - dot);
	if (dot == expr)	/* a bare variable: its list names it */
		for (i = e->nvars; i-- > 0; )
			if (strlen(e->vars[i].name) == slen &&
			    strncmp(e->vars[i].name, expr, slen) == 0 &&
			    e->vars[i].each != NULL) {
				seg = strrchr(e->vars[i].each, '.');
				seg = seg != NULL ? seg + 1 : e->vars[i].each;
				slen = strlen(seg);
				break;
			}
	return xasprintf("<%.*s>", (int)slen, seg);
}

static void
sval(struct val *v, const struct env *e, const char *s, int line)
{
	v->list = 0;
	v->line = line;
	v->s = (!DRY(e) && s != NULL && *s != '\0') ? xstrdup(s) : NULL;
}

static void
tval(struct val *v, const struct env *e, const struct text *t)
{
	if (DRY(e))
		sval(v, e, NULL, 0);
	else
		sval(v, e, t->s, t->line);
}

static void
ival(struct val *v, const struct env *e, long n, int line)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	sval(v, e, buf, line);
}

static void
dval(struct val *v, const struct env *e, const struct date *d, int line)
{
	char	 buf[16];

	if (DRY(e) || d->y == 0) {
		sval(v, e, NULL, line);
		return;
	}
	date_iso(d, buf, sizeof(buf));
	sval(v, e, buf, line);
}

static void
lval(struct val *v, enum otype it, const void *items, size_t n,
    size_t stride, int line)
{
	v->list = 1;
	v->s = NULL;
	v->itype = it;
	v->items = items;
	v->n = n;
	v->stride = stride;
	v->line = line;
}

/* The first segment of path in seg; returns the rest ("" at the end). */
static const char *
segment(const char *path, char *seg, size_t sz)
{
	size_t	 i;

	for (i = 0; path[i] != '\0' && path[i] != '.' && i + 1 < sz; i++)
		seg[i] = path[i];
	seg[i] = '\0';
	return path[i] == '.' ? path + i + 1 : path + i;
}

static int resolve_obj(const struct env *, enum otype, const void *,
		    const char *, struct val *);

static int
r_signer(const struct env *e, const struct signer *s, const char *p,
    struct val *v)
{
	const struct text *t;

	if (strcmp(p, "authority") == 0)
		t = s ? &s->authority : NULL;
	else if (strcmp(p, "title") == 0)
		t = s ? &s->title : NULL;
	else if (strcmp(p, "rank") == 0)
		t = s ? &s->rank : NULL;
	else if (strcmp(p, "name") == 0)
		t = s ? &s->name : NULL;
	else
		return -1;
	if (t == NULL)
		sval(v, e, NULL, 0);
	else
		tval(v, e, t);
	return 0;
}

static int
r_member(const struct env *e, const struct member *m, const char *p,
    struct val *v)
{
	static const char *const roles[] = { "chair", "vice-chair", "member",
	    "secretary" };

	if (strcmp(p, "name") == 0)
		m ? tval(v, e, &m->name) : sval(v, e, NULL, 0);
	else if (strcmp(p, "rank") == 0)
		m ? tval(v, e, &m->rank) : sval(v, e, NULL, 0);
	else if (strcmp(p, "title") == 0)
		m ? tval(v, e, &m->title) : sval(v, e, NULL, 0);
	else if (strcmp(p, "role") == 0)
		sval(v, e, m ? roles[m->role] : NULL, m ? m->line : 0);
	else if (strcmp(p, "present") == 0)
		sval(v, e, m && m->present ? "yes" : NULL, m ? m->line : 0);
	else
		return -1;
	return 0;
}

/* Votes needed: more than the plan's fraction of the members present. */
static long
needed(const struct env *e)
{
	const struct plan	*p = e->c->plan;
	size_t			 present = meeting_present(&e->c->ds->meeting);

	return (long)present * p->approve_num / p->approve_den + 1;
}

static int
r_nominee(const struct env *e, const struct nominee *n, const char *p,
    struct val *v)
{
	char		 seg[32], buf[32];
	const char	*rest = segment(p, seg, sizeof(seg));
	size_t		 present;
	double		 pc;

	if (n == NULL && !DRY(e))
		return -1;
	if (strcmp(p, "id") == 0)
		tval(v, e, n ? &n->id : NULL);
	else if (strcmp(p, "kind") == 0)
		sval(v, e, n == NULL ? NULL : n->kind == KIND_COLLECTIVE ?
		    "collective" : "individual", n ? n->line : 0);
	else if (strcmp(p, "name") == 0)
		tval(v, e, n ? &n->name : NULL);
	else if (strcmp(p, "gender") == 0)
		sval(v, e, n == NULL || n->gender == GENDER_NONE ? NULL :
		    n->gender == GENDER_MALE ? "male" : "female",
		    n ? n->gender_line : 0);
	else if (strcmp(p, "birth-date") == 0)
		dval(v, e, n ? &n->birth : NULL, n ? n->birth_line : 0);
	else if (strcmp(p, "ethnicity") == 0)
		tval(v, e, n ? &n->ethnicity : NULL);
	else if (strcmp(p, "rank") == 0)
		tval(v, e, n ? &n->rank : NULL);
	else if (strcmp(p, "position") == 0)
		tval(v, e, n ? &n->position : NULL);
	else if (strcmp(p, "unit") == 0)
		tval(v, e, n ? &n->unit : NULL);
	else if (strcmp(p, "unit.own") == 0 || strcmp(p, "unit.parent") == 0) {
		/* "Phòng Tham mưu, Bộ CHQS tỉnh Lào Cai": its parts. */
		const char *u = n != NULL && n->unit.s != NULL ? n->unit.s : "";
		const char *c1 = strstr(u, ", "), *c2;
		char *part;

		if (strcmp(p, "unit.own") == 0)
			part = c1 != NULL ? xstrndup(u, (size_t)(c1 - u)) :
			    xstrdup(u);
		else if (c1 == NULL)
			part = xstrdup("");
		else if ((c2 = strstr(c1 + 2, ", ")) != NULL)
			part = xstrndup(c1 + 2, (size_t)(c2 - c1 - 2));
		else
			part = xstrdup(c1 + 2);
		sval(v, e, part, n ? n->unit.line : 0);
		free(part);
	}
	else if (strcmp(p, "summary") == 0)
		tval(v, e, n ? &n->summary : NULL);
	else if (strcmp(p, "sections") == 0)
		lval(v, O_SECTION, n ? n->sections : NULL,
		    n ? n->nsections : 0, sizeof(struct section),
		    n ? n->report_line : 0);
	else if (strcmp(p, "awards") == 0)
		lval(v, O_AWARD, n ? n->awards : NULL, n ? n->nawards : 0,
		    sizeof(struct award), n ? n->line : 0);
	else if (strcmp(seg, "confirmed-by") == 0)
		return r_signer(e, n ? &n->confirmed_by : NULL, rest, v);
	else if (strcmp(p, "report.date") == 0)
		dval(v, e, n ? &n->report_date : NULL, n ? n->report_line : 0);
	else if (strncmp(p, "report.signer.", 14) == 0)
		return r_signer(e, n ? &n->report_signer : NULL, p + 14, v);
	else if (strcmp(p, "vote.yes") == 0)
		ival(v, e, n ? n->vote_yes : 0, n ? n->vote_line : 0);
	else if (strcmp(p, "vote.no") == 0)
		ival(v, e, n ? n->vote_no : 0, n ? n->vote_line : 0);
	else if (strcmp(p, "vote.abstain") == 0) {
		long ab = 0;

		if (!DRY(e) && n != NULL && n->vote_yes >= 0 &&
		    n->vote_no >= 0) {
			ab = (long)meeting_present(&e->c->ds->meeting) -
			    n->vote_yes - n->vote_no;
			if (ab < 0)
				ab = 0;
		}
		ival(v, e, ab, n ? n->vote_line : 0);
	} else if (strcmp(p, "vote.percent") == 0) {
		if (DRY(e)) {
			sval(v, e, NULL, 0);
			return 0;
		}
		present = meeting_present(&e->c->ds->meeting);
		pc = present ? 100.0 * n->vote_yes / (double)present : 0;
		snprintf(buf, sizeof(buf), "%.1f", pc);
		if (strcmp(buf + strlen(buf) - 2, ".0") == 0)
			buf[strlen(buf) - 2] = '\0';
		else
			*strchr(buf, '.') = ',';	/* 66,7 */
		sval(v, e, buf, n->vote_line);
	} else if (strcmp(p, "approved") == 0)
		sval(v, e, !DRY(e) && n->vote_yes >= needed(e) ? "yes" : NULL,
		    n ? n->vote_line : 0);
	else if (strcmp(p, "book") == 0) {
		if (n != NULL && n->book_final > 0)
			ival(v, e, n->book_final, n->book_line ?
			    n->book_line : n->line);
		else
			sval(v, e, NULL, 0);
	} else
		return -1;
	return 0;
}

static const struct member *
member_with(const struct meeting *m, enum member_role role)
{
	size_t	 i;

	for (i = 0; i < m->nmembers; i++)
		if (m->members[i].role == role)
			return &m->members[i];
	return NULL;
}

/* Did fewer members vote on nm than were present at the meeting? */
static int
nominee_abstains(const struct dossier *ds, const struct nominee *nm)
{
	return nm->vote_yes >= 0 && nm->vote_no >= 0 &&
	    (size_t)nm->vote_yes + (size_t)nm->vote_no <
	    meeting_present(&ds->meeting);
}

static int
r_root(const struct env *e, const char *p, struct val *v)
{
	const struct dossier	*ds = DRY(e) ? NULL : e->c->ds;
	const struct plan	*pl = DRY(e) ? NULL : e->c->plan;
	const struct plan_phase	*ph = ds ? plan_phase(pl, ds->phase) : NULL;
	char			 seg[32], buf[32];
	const char		*rest = segment(p, seg, sizeof(seg));
	size_t			 i, n;
	int			 kind;

	if (strcmp(seg, "dossier") == 0) {
		if (strcmp(rest, "id") != 0)
			return -1;
		tval(v, e, ds ? &ds->id : NULL);
	} else if (strcmp(seg, "plan") == 0) {
		if (strcmp(rest, "number") == 0)
			sval(v, e, pl ? pl->number : NULL, 0);
		else if (strcmp(rest, "title") == 0)
			sval(v, e, pl ? pl->title : NULL, 0);
		else if (strcmp(rest, "award") == 0)
			sval(v, e, pl ? pl->award : NULL, 0);
		else if (strcmp(rest, "issuer") == 0)
			sval(v, e, pl ? pl->issuer : NULL, 0);
		else if (strcmp(rest, "date") == 0)
			dval(v, e, pl ? &pl->date : NULL, 0);
		else if (strcmp(rest, "approval") == 0) {
			if (pl != NULL)
				snprintf(buf, sizeof(buf), "%d/%d",
				    pl->approve_num, pl->approve_den);
			sval(v, e, pl ? buf : NULL, 0);
		} else
			return -1;
	} else if (strcmp(seg, "phase") == 0) {
		if (strcmp(rest, "number") == 0)
			ival(v, e, ds ? ds->phase : 0, ds ? ds->line : 0);
		else if (strcmp(rest, "theme") == 0)
			sval(v, e, ph ? ph->theme : NULL, 0);
		else if (strcmp(rest, "start") == 0)
			dval(v, e, ph ? &ph->start : NULL, 0);
		else if (strcmp(rest, "end") == 0)
			dval(v, e, ph ? &ph->end : NULL, 0);
		else
			return -1;
	} else if (strcmp(seg, "issuer") == 0) {
		if (strcmp(rest, "parent") == 0)
			tval(v, e, ds ? &ds->issuer.parent : NULL);
		else if (strcmp(rest, "name") == 0)
			tval(v, e, ds ? &ds->issuer.name : NULL);
		else if (strcmp(rest, "name-in-text") == 0) {
			if (DRY(e) || ds->issuer.name_text.s != NULL ||
			    ds->issuer.name.s == NULL)
				tval(v, e, ds ? &ds->issuer.name_text : NULL);
			else {
				char *t = enc_running_name(ds->issuer.name.s);

				sval(v, e, t, ds->issuer.name.line);
				free(t);
			}
		} else if (strcmp(rest, "abbr") == 0)
			tval(v, e, ds ? &ds->issuer.abbr : NULL);
		else if (strcmp(rest, "place") == 0)
			tval(v, e, ds ? &ds->issuer.place : NULL);
		else
			return -1;
	} else if (strcmp(seg, "submission") == 0) {
		const struct submission *s = ds ? &ds->submission : NULL;
		char sub[32];
		const char *r2 = segment(rest, sub, sizeof(sub));

		if (strcmp(rest, "number") == 0)
			tval(v, e, s ? &s->number.raw : NULL);
		else if (strcmp(rest, "date") == 0)
			dval(v, e, s ? &s->date : NULL, s ? s->line : 0);
		else if (strcmp(rest, "to") == 0)
			tval(v, e, s ? &s->to : NULL);
		else if (strcmp(rest, "basis") == 0)
			lval(v, O_TEXT, s ? s->basis : NULL, s ? s->nbasis : 0,
			    sizeof(struct text), s ? s->line : 0);
		else if (strcmp(rest, "body") == 0)
			lval(v, O_TEXT, s ? s->body.p : NULL,
			    s ? s->body.np : 0, sizeof(struct text),
			    s ? s->line : 0);
		else if (strcmp(rest, "recipients") == 0)
			lval(v, O_TEXT, s ? s->recipients : NULL,
			    s ? s->nrecipients : 0, sizeof(struct text),
			    s ? s->line : 0);
		else if (strcmp(sub, "signer") == 0)
			return r_signer(e, s ? &s->signer : NULL, r2, v);
		else
			return -1;
	} else if (strcmp(seg, "meeting") == 0) {
		const struct meeting *m = ds ? &ds->meeting : NULL;
		char sub[32];
		const char *r2 = segment(rest, sub, sizeof(sub));

		if (strcmp(rest, "number") == 0)
			tval(v, e, m ? &m->number.raw : NULL);
		else if (strcmp(rest, "date") == 0)
			dval(v, e, m ? &m->date : NULL, m ? m->line : 0);
		else if (strcmp(rest, "start") == 0 ||
		    strcmp(rest, "end") == 0) {
			int mins = m == NULL ? -1 : rest[0] == 's' ? m->start :
			    m->end;

			if (mins >= 0)
				snprintf(buf, sizeof(buf), "%02d:%02d",
				    mins / 60, mins % 60);
			sval(v, e, mins >= 0 ? buf : NULL, m ? m->line : 0);
		} else if (strcmp(rest, "council") == 0)
			tval(v, e, m ? &m->council : NULL);
		else if (strcmp(rest, "place") == 0)
			tval(v, e, m ? &m->place : NULL);
		else if (strcmp(rest, "method") == 0)
			sval(v, e, m == NULL ? NULL :
			    m->method == METHOD_SECRET_BALLOT ?
			    "secret-ballot" : "show-of-hands", m ? m->line : 0);
		else if (strcmp(rest, "members") == 0)
			lval(v, O_MEMBER, m ? m->members : NULL,
			    m ? m->nmembers : 0, sizeof(struct member),
			    m ? m->line : 0);
		else if (strcmp(rest, "notes") == 0)
			lval(v, O_TEXT, m ? m->notes.p : NULL,
			    m ? m->notes.np : 0, sizeof(struct text),
			    m ? m->line : 0);
		else if (strcmp(rest, "present") == 0)
			ival(v, e, m ? (long)meeting_present(m) : 0,
			    m ? m->line : 0);
		else if (strcmp(rest, "total") == 0)
			ival(v, e, m ? (long)m->nmembers : 0, m ? m->line : 0);
		else if (strcmp(rest, "absent") == 0)
			ival(v, e, m ? (long)(m->nmembers -
			    meeting_present(m)) : 0, m ? m->line : 0);
		else if (strcmp(sub, "chair") == 0)
			return r_member(e, m ? member_with(m, ROLE_CHAIR) :
			    NULL, r2, v);
		else if (strcmp(sub, "secretary") == 0)
			return r_member(e, m ? member_with(m, ROLE_SECRETARY) :
			    NULL, r2, v);
		else
			return -1;
	} else if (strcmp(seg, "nominees") == 0 && *rest == '\0')
		lval(v, O_NOMINEE, ds ? ds->nominees : NULL,
		    ds ? ds->nnominees : 0, sizeof(struct nominee),
		    ds ? ds->line : 0);
	else if (strcmp(seg, "count") == 0) {
		if (strcmp(rest, "collective") == 0)
			kind = KIND_COLLECTIVE;
		else if (strcmp(rest, "individual") == 0)
			kind = KIND_INDIVIDUAL;
		else if (strcmp(rest, "total") == 0)
			kind = -1;
		else if (strcmp(rest, "abstaining") == 0)
			kind = -2;
		else
			return -1;
		n = 0;
		for (i = 0; ds != NULL && i < ds->nnominees; i++)
			if (kind == -2 ? nominee_abstains(ds, &ds->nominees[i]) :
			    kind == -1 || (int)ds->nominees[i].kind == kind)
				n++;
		ival(v, e, (long)n, ds ? ds->line : 0);
	} else if (strcmp(seg, "decision") == 0) {
		const struct decision *dc = ds ? ds->decision : NULL;
		char sub[32];
		const char *r2 = segment(rest, sub, sizeof(sub));

		if (*rest == '\0')
			sval(v, e, dc ? "yes" : NULL, dc ? dc->line : 0);
		else if (strcmp(rest, "number") == 0)
			tval(v, e, dc ? &dc->number.raw : NULL);
		else if (strcmp(rest, "date") == 0)
			dval(v, e, dc ? &dc->date : NULL, dc ? dc->line : 0);
		else if (strcmp(rest, "place") == 0) {
			/* The awarding authority's: the decision's, else the
			   plan's (never the nominating unit's). */
			if (dc != NULL && dc->place.s != NULL)
				tval(v, e, &dc->place);
			else
				sval(v, e, pl ? pl->place : NULL,
				    dc ? dc->line : 0);
		} else if (strcmp(sub, "signer") == 0)
			return r_signer(e, dc ? &dc->signer : NULL, r2, v);
		else
			return -1;
	} else
		return -1;
	return 0;
}

static int
resolve_obj(const struct env *e, enum otype type, const void *obj,
    const char *p, struct val *v)
{
	switch (type) {
	case O_ROOT:
		return r_root(e, p, v);
	case O_NOMINEE:
		return r_nominee(e, obj, p, v);
	case O_MEMBER:
		return r_member(e, obj, p, v);
	case O_SECTION: {
		const struct section *s = obj;

		if (strcmp(p, "title") == 0)
			tval(v, e, s ? &s->title : NULL);
		else if (strcmp(p, "paras") == 0)
			lval(v, O_TEXT, s ? s->paras.p : NULL,
			    s ? s->paras.np : 0, sizeof(struct text),
			    s ? s->line : 0);
		else
			return -1;
		return 0;
	}
	case O_AWARD: {
		const struct award *a = obj;

		if (strcmp(p, "year") == 0)
			ival(v, e, a ? a->year : 0, a ? a->line : 0);
		else if (strcmp(p, "form") == 0)
			tval(v, e, a ? &a->form : NULL);
		else if (strcmp(p, "decision") == 0)
			tval(v, e, a ? &a->decision.raw : NULL);
		else
			return -1;
		return 0;
	}
	case O_TEXT:
		if (*p != '\0')
			return -1;
		tval(v, e, obj);
		return 0;
	case O_SIGNER:
		return r_signer(e, obj, p, v);
	}
	return -1;
}

/* Resolve a field path: a loop variable first, else the dossier. */
static int
resolve(const struct env *e, const char *path, struct val *v)
{
	char		 seg[64], buf[32];
	const char	*rest = segment(path, seg, sizeof(seg));
	size_t		 i;
	const struct var *x;

	memset(v, 0, sizeof(*v));
	for (i = e->nvars; i-- > 0; ) {
		x = &e->vars[i];
		if (strcmp(x->name, seg) != 0)
			continue;
		if (strcmp(rest, "seq") == 0) {
			ival(v, e, (long)x->index + 1, 0);
			return 0;
		}
		if (strcmp(rest, "punct") == 0) {
			sval(v, e, DRY(e) ? NULL : x->index + 1 < x->count ?
			    x->punct : x->punct_last, 0);
			return 0;
		}
		if (strcmp(rest, "last") == 0) {
			sval(v, e, !DRY(e) && x->index + 1 == x->count ?
			    "yes" : NULL, 0);
			return 0;
		}
		if (strcmp(rest, "first") == 0) {
			sval(v, e, !DRY(e) && x->index == 0 ? "yes" : NULL, 0);
			return 0;
		}
		(void)buf;
		return resolve_obj(e, x->type, x->obj, rest, v);
	}
	return resolve_obj(e, O_ROOT, NULL, path, v);
}

static void
val_free(struct val *v)
{
	free(v->s);
	v->s = NULL;
}

/* --- Filters. ----------------------------------------------------- */

static const char *const filters[] = {
	"upper", "long-date", "date", "day", "month", "year", "time", "pad2",
	"roman", NULL
};

static int
filter_known(const char *f, size_t len)
{
	size_t	 i;

	for (i = 0; filters[i] != NULL; i++)
		if (strlen(filters[i]) == len && strncmp(filters[i], f, len) == 0)
			return 1;
	return 0;
}

/* Apply one filter to s (consumed); returns a new string. */
static char *
filter_apply(const char *f, size_t len, char *s)
{
	struct date	 d;
	char		*r;
	int		 h, m;

	if (s == NULL)
		return NULL;
	r = NULL;
	if (len == 5 && strncmp(f, "upper", 5) == 0)
		r = enc_upper(s);
	else if (len == 4 && strncmp(f, "pad2", 4) == 0 &&
	    strlen(s) == 1 && isdigit((unsigned char)s[0]))
		r = xasprintf("0%s", s);
	else if (len == 5 && strncmp(f, "roman", 5) == 0 && atoi(s) > 0 &&
	    atoi(s) < 40) {
		static const char *const tens[] = { "", "X", "XX", "XXX" };
		static const char *const ones[] = { "", "I", "II", "III", "IV",
		    "V", "VI", "VII", "VIII", "IX" };

		r = xasprintf("%s%s", tens[atoi(s) / 10], ones[atoi(s) % 10]);
	} else if (len == 4 && strncmp(f, "time", 4) == 0 &&
	    sscanf(s, "%d:%d", &h, &m) == 2)
		r = xasprintf("%02d giờ %02d", h, m);
	else if (date_parse(s, &d, 1) == 0 && d.m != 0) {
		/* Nghị định 30: days below 10 and months 1, 2 take a 0. */
		if (len == 9 && strncmp(f, "long-date", 9) == 0)
			r = xasprintf("ngày %02d tháng %s%d năm %d", d.d,
			    d.m < 3 ? "0" : "", d.m, d.y);
		else if (len == 4 && strncmp(f, "date", 4) == 0)
			r = xasprintf("%02d/%s%d/%d", d.d, d.m < 3 ? "0" : "",
			    d.m, d.y);
		else if (len == 3 && strncmp(f, "day", 3) == 0)
			r = xasprintf("%02d", d.d);
		else if (len == 5 && strncmp(f, "month", 5) == 0)
			r = xasprintf("%s%d", d.m < 3 ? "0" : "", d.m);
		else if (len == 4 && strncmp(f, "year", 4) == 0)
			r = xasprintf("%d", d.y);
	}
	if (r == NULL)
		return s;
	free(s);
	return r;
}

/*
 * Evaluate "{path|filter|…}" (inner text, len bytes).  Returns 0 and the
 * new string (NULL when empty) in *out with the field's line; -1 when the
 * path or a filter is unknown (checking) — *bad names it.
 */
static int
eval_expr(const struct env *e, const char *expr, size_t len, char **out,
    int *line, char *bad, size_t badsz)
{
	char		 path[128];
	const char	*bar, *f, *fe, *end = expr + len;
	struct val	 v;
	size_t		 plen;

	*out = NULL;
	*line = 0;
	bar = memchr(expr, '|', len);
	plen = (size_t)((bar ? bar : end) - expr);
	if (plen == 0 || plen >= sizeof(path)) {
		snprintf(bad, badsz, "{%.*s}", (int)len, expr);
		return -1;
	}
	memcpy(path, expr, plen);
	path[plen] = '\0';
	if (resolve(e, path, &v) == -1 || v.list) {
		snprintf(bad, badsz, "%s", path);
		return -1;
	}
	*line = v.line;
	*out = v.s;
	for (f = bar; f != NULL && f < end; f = fe) {
		f++;
		if ((fe = memchr(f, '|', (size_t)(end - f))) == NULL)
			fe = end;
		if (!filter_known(f, (size_t)(fe - f))) {
			snprintf(bad, badsz, "|%.*s", (int)(fe - f), f);
			free(*out);
			*out = NULL;
			return -1;
		}
		*out = filter_apply(f, (size_t)(fe - f), *out);
	}
	return 0;
}

/* Evaluate a test: "path", "!path", "path=value", "path!=value". */
static int
eval_test(const struct env *e, const char *test, int *result)
{
	char		 path[128];
	const char	*eq, *val = NULL, *p = test;
	int		 neg = 0, ne = 0, r;
	struct val	 v;
	size_t		 len;

	if (*p == '!') {
		neg = 1;
		p++;
	}
	eq = strchr(p, '=');
	len = eq ? (size_t)(eq - p) : strlen(p);
	if (eq != NULL && eq > p && eq[-1] == '!') {
		ne = 1;
		len--;
	}
	if (eq != NULL)
		val = eq + 1;
	if (len == 0 || len >= sizeof(path))
		return -1;
	memcpy(path, p, len);
	path[len] = '\0';
	if (resolve(e, path, &v) == -1)
		return -1;
	if (val != NULL)
		r = v.s != NULL && strcmp(v.s, val) == 0;
	else
		r = v.list ? v.n > 0 : v.s != NULL;
	val_free(&v);
	if (ne)
		r = !r;
	*result = neg ? !r : r;
	return 0;
}

/* --- Checking the template tree. ---------------------------------- */

/* Does a cell hold blocks (through if and for) rather than inline text? */
static int
has_blocks(const struct xnode *n)
{
	static const char *const blocks[] = { "p", "rule", "space", "keep",
	    "table", "columns", "image", "page-break", NULL };
	const struct xnode	*k;
	size_t			 i;

	for (k = xnode_child(n, NULL); k != NULL; k = xnode_next(k, NULL)) {
		for (i = 0; blocks[i] != NULL; i++)
			if (strcmp(k->name, blocks[i]) == 0)
				return 1;
		if ((strcmp(k->name, "if") == 0 || strcmp(k->name, "for") == 0)
		    && has_blocks(k))
			return 1;
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

static void check_children(struct chk *, struct env *, const struct xnode *,
		    enum ctxkind);

/* Check every {…} of a text. */
static void
check_text(struct chk *c, struct env *e, const char *s, int line)
{
	const char	*p, *q;
	char		*out, bad[160];
	int		 l;

	for (p = s; (p = strchr(p, '{')) != NULL; p = q + 1) {
		if (p[1] == '{') {
			q = p + 1;
			continue;
		}
		if ((q = strchr(p, '}')) == NULL) {
			terr(c, line, "dấu { không có dấu } đóng");
			return;
		}
		if (eval_expr(e, p + 1, (size_t)(q - p - 1), &out, &l, bad,
		    sizeof(bad)) == -1)
			terr(c, line, "không có trường hay bộ lọc \"%s\" trong "
			    "%.*s", bad, (int)(q - p + 1), p);
		else
			field_intern(c->t, p + 1, (size_t)(q - p - 1),
			    canonical(e, p + 1, (size_t)(q - p - 1)));
		free(out);
	}
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

static void
check_valign(struct chk *c, const struct xnode *n)
{
	const char	*v = xnode_attr(n, "valign");

	if (v != NULL && strcmp(v, "top") != 0 && strcmp(v, "middle") != 0 &&
	    strcmp(v, "bottom") != 0)
		terr(c, n->line, "valign=\"%s\": dùng top, middle hoặc "
		    "bottom", v);
}

/* The number of children of n named name (not through for or if). */
static size_t
count_named(const struct xnode *n, const char *name)
{
	const struct xnode	*k;
	size_t			 i = 0;

	for (k = xnode_child(n, NULL); k != NULL; k = xnode_next(k, NULL))
		if (strcmp(k->name, name) == 0)
			i++;
	return i;
}

static void
check_style_attr(struct chk *c, const struct xnode *n)
{
	const char	*v = xnode_attr(n, "style");

	if (v != NULL && style_find(c->t, v) == NULL)
		terr(c, n->line, "kiểu \"%s\" chưa được định nghĩa", v);
}

static void
check_for(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	const char	*each = xnode_attr(n, "each"), *as = xnode_attr(n, "as");
	const char	*kind = xnode_attr(n, "kind");
	struct val	 v;

	attrs_ok(c, n, "each as kind punct punct-last");
	if (each == NULL || as == NULL) {
		terr(c, n->line, "<for> cần each=\"…\" và as=\"…\"");
		return;
	}
	if (resolve(e, each, &v) == -1 || !v.list) {
		terr(c, n->line, "\"%s\" không phải một danh sách", each);
		return;
	}
	if (kind != NULL && (v.itype != O_NOMINEE ||
	    (strcmp(kind, "collective") != 0 &&
	    strcmp(kind, "individual") != 0)))
		terr(c, n->line, "kind=\"%s\": chỉ dùng với danh sách nominees,"
		    " collective hoặc individual", kind);
	if (e->nvars >= MAX_VARS) {
		terr(c, n->line, "lồng quá %d vòng <for>", MAX_VARS);
		return;
	}
	e->vars[e->nvars].name = as;
	e->vars[e->nvars].each = each;
	e->vars[e->nvars].type = v.itype;
	e->vars[e->nvars].obj = NULL;
	e->nvars++;
	check_children(c, e, n, cx);
	e->nvars--;
}

static void
check_node(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	const char	*v;
	int		 r;

	if (n->name == NULL) {
		if (cx == CX_INLINE)
			check_text(c, e, n->text, n->line);
		else {
			for (v = n->text; *v != '\0'; v++)
				if (!isspace((unsigned char)*v)) {
					terr(c, n->line, "chữ chỉ viết được "
					    "trong <p> hay <cell>");
					break;
				}
		}
		return;
	}
	if (strcmp(n->name, "for") == 0) {
		check_for(c, e, n, cx);
		return;
	}
	if (strcmp(n->name, "if") == 0) {
		attrs_ok(c, n, "test");
		if ((v = xnode_attr(n, "test")) == NULL ||
		    eval_test(e, v, &r) == -1)
			terr(c, n->line, "<if test=\"%s\">: không có trường này",
			    v ? v : "");
		check_children(c, e, n, cx);
		return;
	}
	switch (cx) {
	case CX_INLINE:
		if (strcmp(n->name, "b") == 0 || strcmp(n->name, "i") == 0) {
			attrs_ok(c, n, "");
			check_children(c, e, n, CX_INLINE);
		} else if (strcmp(n->name, "span") == 0) {
			attrs_ok(c, n, "style");
			check_style_attr(c, n);
			check_children(c, e, n, CX_INLINE);
		} else
			terr(c, n->line, "<%s> không dùng được trong đoạn văn "
			    "(có: b, i, span, for, if)", n->name);
		return;
	case CX_TABLE:
		if (strcmp(n->name, "row") != 0) {
			terr(c, n->line, "<%s> không dùng được trong <table> "
			    "(có: row, for, if)", n->name);
			return;
		}
		attrs_ok(c, n, "header");
		check_yesno(c, n, "header");
		if (c->ncols > 0 && count_named(n, "cell") > c->ncols)
			terr(c, n->line, "<row> có %zu ô mà bảng chỉ có %zu cột "
			    "(widths)", count_named(n, "cell"), c->ncols);
		check_children(c, e, n, CX_ROW);
		return;
	case CX_ROW:
		if (strcmp(n->name, "cell") != 0) {
			terr(c, n->line, "<%s> không dùng được trong <row> "
			    "(có: cell, for, if)", n->name);
			return;
		}
		attrs_ok(c, n, "style valign align");
		check_style_attr(c, n);
		check_valign(c, n);
		if ((v = xnode_attr(n, "align")) != NULL) {
			enum blk_align a;

			if (align_of(v, &a) == -1)
				terr(c, n->line, "align=\"%s\": dùng left, "
				    "center, right hoặc justify", v);
		}
		/* A cell holds either blocks or inline text. */
		check_children(c, e, n, has_blocks(n) ? CX_BLOCK : CX_INLINE);
		return;
	case CX_COLUMNS:
		if (strcmp(n->name, "column") != 0) {
			terr(c, n->line, "<%s> không dùng được trong <columns> "
			    "(có: column)", n->name);
			return;
		}
		attrs_ok(c, n, "width");
		if ((v = xnode_attr(n, "width")) != NULL) {
			double	 w;
			char	*end;

			w = strtod(v, &end);
			if (*end == '%')
				end++;
			if (end == v || *end != '\0' || !isfinite(w) ||
			    w <= 0 || w > 100)
				terr(c, n->line, "width=\"%s\": cần một phần "
				    "trăm lớn hơn 0 và không quá 100%%", v);
		}
		check_children(c, e, n, CX_BLOCK);
		return;
	case CX_BLOCK:
		break;
	}
	if (strcmp(n->name, "p") == 0) {
		attrs_ok(c, n, "style align");
		check_style_attr(c, n);
		if ((v = xnode_attr(n, "align")) != NULL) {
			enum blk_align a;

			if (align_of(v, &a) == -1)
				terr(c, n->line, "align=\"%s\" không hợp lệ", v);
		}
		check_children(c, e, n, CX_INLINE);
	} else if (strcmp(n->name, "rule") == 0) {
		enum blk_rulelen k;
		double		 l;

		attrs_ok(c, n, "of length width gap");
		if ((v = xnode_attr(n, "of")) != NULL &&
		    strcmp(v, "text") != 0 && strcmp(v, "span") != 0)
			terr(c, n->line, "of=\"%s\": dùng text hoặc span", v);
		if (rule_parse(xnode_attr(n, "length"), xnode_attr(n, "of"),
		    &k, &l) == -1)
			terr(c, n->line, "length=\"%s\": dùng một phần (1/3, "
			    "0.4, 40%%) lớn hơn 0 và không quá 1, hoặc một độ "
			    "dài (40mm)", xnode_attr(n, "length"));
		else if (k == RULE_ABS && l > c->t->page.width)
			terr(c, n->line, "length=\"%s\": dài hơn khổ giấy",
			    xnode_attr(n, "length"));
		range_length(c, n, "width", 0, 0, TPL_STROKE_MAX,
		    R_POSITIVE | R_PT);
		range_length(c, n, "gap", 0, 0, TPL_SPACE_MAX, 0);
	} else if (strcmp(n->name, "space") == 0) {
		attrs_ok(c, n, "height");
		range_length(c, n, "height", 0, 0, c->t->page.height, 0);
	} else if (strcmp(n->name, "page-break") == 0)
		attrs_ok(c, n, "");
	else if (strcmp(n->name, "keep") == 0) {
		attrs_ok(c, n, "with-previous");
		range_int(c, n, "with-previous", 0, 0, TPL_MAX_KEEP);
		check_children(c, e, n, CX_BLOCK);
	} else if (strcmp(n->name, "columns") == 0) {
		attrs_ok(c, n, "");
		if (count_named(n, "column") > TPL_MAX_COLUMNS)
			terr(c, n->line, "<columns> có %zu cột, nhiều nhất %d",
			    count_named(n, "column"), TPL_MAX_COLUMNS);
		check_children(c, e, n, CX_COLUMNS);
	} else if (strcmp(n->name, "table") == 0) {
		double	 ws[TPL_MAX_COLUMNS];
		size_t	 saved = c->ncols;
		int	 nc;

		attrs_ok(c, n, "widths border pad");
		c->ncols = 0;
		if ((v = xnode_attr(n, "widths")) == NULL)
			terr(c, n->line, "<table> cần widths=\"…\"");
		else if ((nc = widths_parse(v, ws, TPL_MAX_COLUMNS)) == -2)
			terr(c, n->line, "widths: bảng có quá %d cột",
			    TPL_MAX_COLUMNS);
		else if (nc <= 0)
			terr(c, n->line, "widths=\"%.60s\": cần từ 1 đến %d độ "
			    "rộng cột lớn hơn 0, cách nhau bằng dấu cách "
			    "(ví dụ \"10%% 30%% 60%%\")", v, TPL_MAX_COLUMNS);
		else
			c->ncols = (size_t)nc;
		range_length(c, n, "border", 0, 0, TPL_STROKE_MAX, R_PT);
		range_length(c, n, "pad", 0, 0, TPL_PAD_MAX, 0);
		check_children(c, e, n, CX_TABLE);
		c->ncols = saved;
	} else if (strcmp(n->name, "box") == 0) {
		attrs_ok(c, n, "x y w h valign preprinted");
		check_place(c, n, "x", "y", 1);
		check_valign(c, n);
		check_yesno(c, n, "preprinted");
		check_children(c, e, n, CX_BLOCK);
	} else if (strcmp(n->name, "rect") == 0) {
		attrs_ok(c, n, "x y w h stroke color fill preprinted");
		check_place(c, n, "x", "y", 1);
		range_length(c, n, "stroke", 0, 0, TPL_STROKE_MAX,
		    R_POSITIVE | R_PT);
		check_yesno(c, n, "fill");
		check_yesno(c, n, "preprinted");
	} else if (strcmp(n->name, "line") == 0) {
		const struct blk_page *pg = &c->t->page;

		attrs_ok(c, n, "x1 y1 x2 y2 stroke color preprinted");
		range_length(c, n, "x1", 0, 0, pg->width, 0);
		range_length(c, n, "y1", 0, 0, pg->height, 0);
		range_length(c, n, "x2", 0, 0, pg->width, 0);
		range_length(c, n, "y2", 0, 0, pg->height, 0);
		range_length(c, n, "stroke", 0, 0, TPL_STROKE_MAX,
		    R_POSITIVE | R_PT);
		check_yesno(c, n, "preprinted");
	} else if (strcmp(n->name, "image") == 0) {
		const struct blk_page *pg = &c->t->page;

		attrs_ok(c, n, "src x y w h preprinted");
		check_yesno(c, n, "preprinted");
		if ((xnode_attr(n, "x") == NULL) != (xnode_attr(n, "y") ==
		    NULL))
			terr(c, n->line, "<image> cần cả x và y (đặt ở chỗ cố "
			    "định) hoặc không có cả hai (trong dòng chữ)");
		if (xnode_attr(n, "x") != NULL)
			check_place(c, n, "x", "y", 1);
		else {
			if (xnode_attr(n, "w") == NULL ||
			    xnode_attr(n, "h") == NULL)
				terr(c, n->line, "<image> cần w=\"…\" và "
				    "h=\"…\"");
			range_length(c, n, "w", 0, 0, pg->width - pg->left -
			    pg->right, R_POSITIVE);
			range_length(c, n, "h", 0, 0, pg->height - pg->top -
			    pg->bottom, R_POSITIVE);
		}
		if ((v = xnode_attr(n, "src")) == NULL || *v == '\0')
			terr(c, n->line, "<image> cần src=\"…\"");
		else
			(void)image_load(c, n->line, v);
	} else
		terr(c, n->line, "<%s> không có trong ngôn ngữ mẫu", n->name);
	if ((v = xnode_attr(n, "color")) != NULL) {
		struct bk_rgb	 col;

		if (color_of(v, &col) == -1)
			terr(c, n->line, "color=\"%s\": dùng #RRGGBB", v);
	}
}

static void
check_children(struct chk *c, struct env *e, const struct xnode *n,
    enum ctxkind cx)
{
	const struct xnode	*k;

	for (k = n->child; k != NULL; k = k->next)
		check_node(c, e, k, cx);
}

/* --- Expansion. --------------------------------------------------- */

struct xp {
	struct env		 env;
	const struct template	*t;
	char			*err;
	size_t			 errlen;
	int			 failed;
	/* Fonts loaded into the document: path -> handle. */
	const char		*font_paths[16];
	int			 font_handles[16];
	size_t			 nfonts;
	/* The budget: elements expanded and cells made so far. */
	size_t			 nodes;
	const struct xnode	*fors[MAX_VARS];	/* the <for>s running */
	int			 indep[MAX_VARS];	/* over a list of the
						   dossier, not of an item of an
						   enclosing loop */
	size_t			 nfors;
	const struct xnode	*over_at;	/* where it ran out, or NULL */
	int			 over_cross;	/* independent loops nested */
};

/*
 * Count k more nodes of the document being made at n; past the budget,
 * the expansion stops (x->failed) with where it was kept in x->over_at:
 * the outermost <for> over a list of the dossier (rather than of an
 * enclosing loop's item), and whether another such runs inside it, a
 * cross product of lists that is the template's doing.
 */
static void
budget(struct xp *x, const struct xnode *n, size_t k)
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

/* The inline state: a style and the b/i nesting over it. */
struct inl {
	const struct style	*st;
	int			 bold, italic;
};

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
    const char *s)
{
	struct buf	 lit = { NULL, 0, 0 };
	const char	*q;
	char		*val, bad[160];
	int		 line;

	while (*s != '\0') {
		if (s[0] == '{' && s[1] == '{') {
			buf_addc(&lit, '{');
			s += 2;
			continue;
		}
		if (s[0] == '}' && s[1] == '}') {
			buf_addc(&lit, '}');
			s += 2;
			continue;
		}
		if (s[0] != '{' || (q = strchr(s, '}')) == NULL) {
			buf_addc(&lit, *s++);
			continue;
		}
		if (lit.len > 0) {
			add_text(x, p, in, lit.s, NULL, 0);
			lit.len = 0;
			lit.s[0] = '\0';
		}
		if (eval_expr(&x->env, s + 1, (size_t)(q - s - 1), &val, &line,
		    bad, sizeof(bad)) == 0 && val != NULL) {
			add_text(x, p, in, val, field_name(x->t, s + 1,
			    (size_t)(q - s - 1)), line);
		}
		free(val);
		s = q + 1;
	}
	if (lit.len > 0)
		add_text(x, p, in, lit.s, NULL, 0);
	buf_free(&lit);
}

static void expand_children(struct xp *, const struct xnode *, struct blk *,
		    struct blk ***, const struct inl *, enum ctxkind);

static void
expand_for(struct xp *x, const struct xnode *n, struct blk *p,
    struct blk ***tail, const struct inl *in, enum ctxkind cx)
{
	struct val	 v;
	const char	*kind = xnode_attr(n, "kind");
	const char	*each = xnode_attr(n, "each");
	struct var	*var;
	size_t		 i, count = 0, idx = 0;
	const char	*item;
	char		 seg[64];

	if (resolve(&x->env, each, &v) == -1 || !v.list)
		return;
	for (i = 0; i < v.n; i++) {
		item = (const char *)v.items + i * v.stride;
		if (kind != NULL && v.itype == O_NOMINEE &&
		    (((const struct nominee *)item)->kind == KIND_COLLECTIVE) !=
		    (strcmp(kind, "collective") == 0))
			continue;
		count++;
	}
	var = &x->env.vars[x->env.nvars++];
	var->name = xnode_attr(n, "as");
	var->each = each;
	var->type = v.itype;
	var->count = count;
	var->punct = xnode_attr(n, "punct");
	var->punct_last = xnode_attr(n, "punct-last");
	if (var->punct == NULL)
		var->punct = "";
	if (var->punct_last == NULL)
		var->punct_last = var->punct;
	(void)segment(each, seg, sizeof(seg));
	x->indep[x->nfors] = 1;
	for (i = 0; i + 1 < x->env.nvars; i++)
		if (strcmp(x->env.vars[i].name, seg) == 0)
			x->indep[x->nfors] = 0;
	x->fors[x->nfors++] = n;
	for (i = 0; i < v.n && !x->failed; i++) {
		item = (const char *)v.items + i * v.stride;
		if (kind != NULL && v.itype == O_NOMINEE &&
		    (((const struct nominee *)item)->kind == KIND_COLLECTIVE) !=
		    (strcmp(kind, "collective") == 0))
			continue;
		var->obj = item;
		var->index = idx++;
		expand_children(x, n, p, tail, in, cx);
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
style_attr(const struct xp *x, const struct xnode *n,
    const struct style *dflt)
{
	const struct style	*s;
	const char		*v = xnode_attr(n, "style");

	if (v != NULL && (s = style_find(x->t, v)) != NULL)
		return s;
	return dflt;
}

static struct blk *
new_para(const struct style *st, const struct xnode *n)
{
	struct blk	*b = blk_new(BLK_PARA);
	const char	*v;

	b->align = st->align;
	if (n != NULL && (v = xnode_attr(n, "align")) != NULL)
		(void)align_of(v, &b->align);
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

static struct bk_rgb
color_attr(const struct xnode *n)
{
	struct bk_rgb	 c = { 0, 0, 0 };
	const char	*v = xnode_attr(n, "color");

	if (v != NULL)
		(void)color_of(v, &c);
	return c;
}

static void
expand_table(struct xp *x, const struct xnode *n, struct blk *b)
{
	struct blk_table	*t;
	const char		*w = xnode_attr(n, "widths");
	double			 sum = 0;
	size_t			 i;
	int			 nc;

	t = xcalloc(1, sizeof(*t));
	t->widths = xcalloc(TPL_MAX_COLUMNS, sizeof(double));
	if ((nc = widths_parse(w, t->widths, TPL_MAX_COLUMNS)) > 0)
		t->ncols = (size_t)nc;
	for (i = 0; i < t->ncols; i++)
		sum += t->widths[i];
	for (i = 0; i < t->ncols; i++)
		t->widths[i] /= sum > 0 ? sum : 1;
	budget(x, n, t->ncols);
	t->border = need_length(NULL, n, "border", 0);
	t->pad = need_length(NULL, n, "pad", 2);
	b->table = t;
	expand_children(x, n, b, NULL, NULL, CX_TABLE);
}

static void
expand_row(struct xp *x, const struct xnode *n, struct blk *tb)
{
	struct blk_table	*t = tb->table;
	struct blk_row		*r;

	t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	r->header = yes(xnode_attr(n, "header"));
	r->cells = xcalloc(t->ncols, sizeof(*r->cells));
	budget(x, n, t->ncols);
	/* Cells are added in order by expand_children (CX_ROW). */
	tb->height = 0;		/* next cell index */
	expand_children(x, n, tb, NULL, NULL, CX_ROW);
}

static void
expand_cell(struct xp *x, const struct xnode *n, struct blk *tb)
{
	struct blk_table	*t = tb->table;
	struct blk_row		*r = &t->rows[t->nrows - 1];
	size_t			 col = (size_t)tb->height;
	struct blk		**tail, *p;
	const struct style	*st = style_attr(x, n, &x->t->styles[0]);
	struct inl		 in = { st, 0, 0 };
	const char		*v;

	if (col >= t->ncols)
		return;
	tb->height += 1;
	r->cells[col].valign = VALIGN_TOP;
	if ((v = xnode_attr(n, "valign")) != NULL)
		r->cells[col].valign = strcmp(v, "middle") == 0 ?
		    VALIGN_MIDDLE : strcmp(v, "bottom") == 0 ?
		    VALIGN_BOTTOM : VALIGN_TOP;
	tail = &r->cells[col].child;
	if (has_blocks(n)) {
		expand_children(x, n, NULL, &tail, &in, CX_BLOCK);
		return;
	}
	p = new_para(st, n);
	expand_children(x, n, p, NULL, &in, CX_INLINE);
	fold_runs(p);
	append(&tail, p);
}

static void
expand_node(struct xp *x, const struct xnode *n, struct blk *parent,
    struct blk ***tail, const struct inl *in, enum ctxkind cx)
{
	struct blk		*b, **sub;
	const struct style	*st;
	struct inl		 in2;
	const char		*v;
	int			 r;

	if (x->failed)
		return;
	budget(x, n, 1);
	if (x->failed)
		return;
	if (n->name == NULL) {
		if (cx == CX_INLINE)
			expand_text(x, parent, in, n->text);
		return;
	}
	if (strcmp(n->name, "for") == 0) {
		expand_for(x, n, parent, tail, in, cx);
		return;
	}
	if (strcmp(n->name, "if") == 0) {
		if (eval_test(&x->env, xnode_attr(n, "test"), &r) == 0 && r)
			expand_children(x, n, parent, tail, in, cx);
		return;
	}
	/* On pre-printed blanks (phôi) what the blank carries is not drawn. */
	if (x->env.c->blank_stock && yes(xnode_attr(n, "preprinted")))
		return;
	switch (cx) {
	case CX_INLINE:
		in2 = *in;
		if (strcmp(n->name, "b") == 0)
			in2.bold = 1;
		else if (strcmp(n->name, "i") == 0)
			in2.italic = 1;
		else if (strcmp(n->name, "span") == 0)
			in2.st = style_attr(x, n, in->st);
		expand_children(x, n, parent, tail, &in2, CX_INLINE);
		return;
	case CX_TABLE:
		expand_row(x, n, parent);
		return;
	case CX_ROW:
		expand_cell(x, n, parent);
		return;
	case CX_COLUMNS:
		b = blk_new(BLK_COLUMN);
		v = xnode_attr(n, "width");
		b->width_frac = v != NULL ? strtod(v, NULL) / 100 : 0.5;
		sub = &b->child;
		expand_children(x, n, b, &sub, in, CX_BLOCK);
		append(tail, b);
		return;
	case CX_BLOCK:
		break;
	}
	if (strcmp(n->name, "p") == 0) {
		st = style_attr(x, n, &x->t->styles[0]);
		in2.st = st;
		in2.bold = in2.italic = 0;
		b = new_para(st, n);
		expand_children(x, n, b, NULL, &in2, CX_INLINE);
		fold_runs(b);
		if (b->nruns == 0) {
			blk_free(b);	/* nothing to say: no empty line */
			return;
		}
		append(tail, b);
	} else if (strcmp(n->name, "rule") == 0) {
		b = blk_new(BLK_RULE);
		(void)rule_parse(xnode_attr(n, "length"), xnode_attr(n, "of"),
		    &b->rule_len_kind, &b->rule_len);
		b->rule_width = need_length(NULL, n, "width", 0.5);
		b->rule_gap = need_length(NULL, n, "gap", 3);
		append(tail, b);
	} else if (strcmp(n->name, "space") == 0) {
		b = blk_new(BLK_SPACE);
		b->height = need_length(NULL, n, "height", 0);
		append(tail, b);
	} else if (strcmp(n->name, "page-break") == 0)
		append(tail, blk_new(BLK_PAGEBREAK));
	else if (strcmp(n->name, "keep") == 0 ||
	    strcmp(n->name, "columns") == 0 || strcmp(n->name, "box") == 0) {
		b = blk_new(n->name[0] == 'k' ? BLK_KEEP : n->name[0] == 'c' ?
		    BLK_COLUMNS : BLK_BOX);
		if (b->kind == BLK_BOX) {
			b->x = need_length(NULL, n, "x", 0);
			b->y = need_length(NULL, n, "y", 0);
			b->w = need_length(NULL, n, "w", 0);
			b->h = need_length(NULL, n, "h", 0);
			v = xnode_attr(n, "valign");
			b->valign = v == NULL ? VALIGN_TOP :
			    strcmp(v, "middle") == 0 ? VALIGN_MIDDLE :
			    strcmp(v, "bottom") == 0 ? VALIGN_BOTTOM :
			    VALIGN_TOP;
		}
		if (b->kind == BLK_KEEP &&
		    (v = xnode_attr(n, "with-previous")) != NULL)
			b->keep_lines = atoi(v);
		sub = &b->child;
		expand_children(x, n, b, &sub, in, b->kind == BLK_COLUMNS ?
		    CX_COLUMNS : CX_BLOCK);
		append(tail, b);
	} else if (strcmp(n->name, "table") == 0) {
		b = blk_new(BLK_TABLE);
		expand_table(x, n, b);
		b->height = 0;
		append(tail, b);
	} else if (strcmp(n->name, "rect") == 0 ||
	    strcmp(n->name, "line") == 0) {
		b = blk_new(BLK_SHAPE);
		b->rect = n->name[0] == 'r';
		if (b->rect) {
			b->x = need_length(NULL, n, "x", 0);
			b->y = need_length(NULL, n, "y", 0);
			b->w = need_length(NULL, n, "w", 0);
			b->h = need_length(NULL, n, "h", 0);
			b->filled = yes(xnode_attr(n, "fill"));
		} else {
			b->x = need_length(NULL, n, "x1", 0);
			b->y = need_length(NULL, n, "y1", 0);
			b->w = need_length(NULL, n, "x2", 0) - b->x;
			b->h = need_length(NULL, n, "y2", 0) - b->y;
		}
		b->stroke = need_length(NULL, n, "stroke", 0.5);
		b->color = color_attr(n);
		append(tail, b);
	} else if (strcmp(n->name, "image") == 0) {
		size_t	 i;

		b = blk_new(BLK_IMAGE);
		v = xnode_attr(n, "src");
		for (i = 0; i < x->t->nimages; i++)
			if (strcmp(x->t->images[i].src, v) == 0) {
				b->png = x->t->images[i].bytes;
				b->png_len = x->t->images[i].len;
			}
		b->path = v[0] == '/' ? xstrdup(v) :
		    xasprintf("%s/%s", x->t->dir, v);
		b->in_flow = xnode_attr(n, "x") == NULL;
		b->x = need_length(NULL, n, "x", 0);
		b->y = need_length(NULL, n, "y", 0);
		b->w = need_length(NULL, n, "w", 0);
		b->h = need_length(NULL, n, "h", 0);
		append(tail, b);
	}
}

static void
expand_children(struct xp *x, const struct xnode *n, struct blk *parent,
    struct blk ***tail, const struct inl *in, enum ctxkind cx)
{
	const struct xnode	*k;

	for (k = n->child; k != NULL && !x->failed; k = k->next)
		expand_node(x, k, parent, tail, in, cx);
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
	char			*m;

	snprintf(what, sizeof(what), "%d.%03d phần tử", TPL_MAX_NODES / 1000,
	    TPL_MAX_NODES % 1000);
	if (c->diag == NULL || ds == NULL) {
		snprintf(x->err, x->errlen, "%s:%d: the document would be "
		    "more than %d elements", x->t->path, x->over_at->line,
		    TPL_MAX_NODES);
		return;
	}
	x->err[0] = '\0';
	if (x->over_cross) {
		m = xasprintf("các vòng <for> lồng nhau từ dòng này tạo quá %s "
		    "cho một văn bản (khi điền hồ sơ “%s”); hãy bớt các vòng "
		    "<for> lồng nhau trong mẫu", what,
		    ds->id.s != NULL ? ds->id.s : "?");
		diag_code(c->diag, x->t->file, x->over_at->line,
		    DC_TEMPLATE_ERROR, m);
		free(m);
	} else
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
		x.env.vars[0].name = "nominee";
		x.env.vars[0].type = O_NOMINEE;
		x.env.vars[0].obj = c->nominee;
		x.env.vars[0].count = 1;
		x.env.nvars = 1;
	}
	doc = xcalloc(1, sizeof(*doc));
	doc->page = t->page;
	if (t->page.number_from > 0) {
		ns = style_find(t, t->number_style);
		doc->page.number_font = font_for(&x, ns, ns->bold, ns->italic);
		doc->page.number_size = ns->size;
	}
	tail = &doc->body;
	if (t->body != NULL)
		expand_children(&x, t->body, NULL, &tail, NULL, CX_BLOCK);
	tail = &doc->every_page;
	if (t->every_page != NULL)
		expand_children(&x, t->every_page, NULL, &tail, NULL, CX_BLOCK);
	if (x.over_at != NULL)
		over_budget(&x);
	if (x.failed) {
		blk_doc_free(doc);
		return NULL;
	}
	return doc;
}

/* --- Loading. ----------------------------------------------------- */

static void
page_load(struct chk *c, const struct xnode *n)
{
	struct blk_page	*pg = &c->t->page;
	const char	*v;
	double		 w = 210 * MM, h = 297 * MM, tmp;

	attrs_ok(c, n, "size orientation top bottom left right number-from "
	    "number-style");
	if ((v = xnode_attr(n, "size")) != NULL) {
		if (strcmp(v, "A4") == 0)
			;
		else if (strcmp(v, "A3") == 0) {
			w = 297 * MM;
			h = 420 * MM;
		} else if (strcmp(v, "A5") == 0) {
			w = 148 * MM;
			h = 210 * MM;
		} else
			terr(c, n->line, "size=\"%s\": dùng A3, A4 hoặc A5", v);
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
		c->t->number_style = xstrdup(v);
		if (style_find(c->t, v) == NULL)
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

struct template *
template_load_bytes(struct xml *x, const char *path, const char *bytes,
    size_t len, const struct fonts *fonts, struct diag *d)
{
	struct chk		 c;
	struct template		*t;
	const struct xnode	*r, *k, *page = NULL;
	const char		*v, *slash;
	struct env		 e;
	size_t			 i;
	int			 meta_pending = 0;

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
	xml_parse(x, bytes, len, path, TPL_NS, "template", 0, d, c.f, &t->res);
	if ((r = t->res.root) == NULL) {
		template_free(t);
		return NULL;
	}
	attrs_ok(&c, r, "document per title print-title subject keywords date calibration-title");
	for (i = 0; i < r->nattrs; i++)
		if (strcmp(r->attrs[i].name, "document") != 0 &&
		    strcmp(r->attrs[i].name, "per") != 0)
			meta_pending = 1;
	t->name = xstrdup((v = xnode_attr(r, "document")) ? v : "?");
	v = xnode_attr(r, "per");
	t->per = v != NULL && strcmp(v, "nominee") == 0 ? TPL_NOMINEE :
	    TPL_DOSSIER;
	if (v != NULL && strcmp(v, "nominee") != 0 &&
	    strcmp(v, "dossier") != 0)
		terr(&c, r->line, "per=\"%s\": dùng dossier hoặc nominee", v);

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
	for (k = xnode_child(r, NULL); k != NULL; k = xnode_next(k, NULL)) {
		if (strcmp(k->name, "style") == 0)
			style_load(&c, k);
		else if (strcmp(k->name, "page") == 0) {
			if (page != NULL)
				terr(&c, k->line, "mẫu đã có <page> ở dòng %d",
				    page->line);
			else
				page_load(&c, k);
			page = k;
		} else if (strcmp(k->name, "body") == 0) {
			if (t->body != NULL)
				terr(&c, k->line, "mẫu đã có <body> ở dòng %d",
				    t->body->line);
			t->body = k;
		} else if (strcmp(k->name, "every-page") == 0) {
			if (t->every_page != NULL)
				terr(&c, k->line, "mẫu đã có <every-page> ở dòng "
				    "%d", t->every_page->line);
			t->every_page = k;
		} else
			terr(&c, k->line, "<%s> không dùng được ở đây (có: "
			    "style, page, every-page, body)", k->name);
	}
	if (t->body == NULL)
		terr(&c, r->line, "mẫu chưa có <body>");
	memset(&e, 0, sizeof(e));
	e.t = t;
	if (t->per == TPL_NOMINEE) {
		e.vars[0].name = "nominee";
		e.vars[0].type = O_NOMINEE;
		e.nvars = 1;
	}
	if (t->body != NULL)
		check_children(&c, &e, t->body, CX_BLOCK);
	if (meta_pending)
		for (i = 0; i < r->nattrs; i++)
			check_text(&c, &e, r->attrs[i].value, r->line);
	if (t->every_page != NULL)
		check_children(&c, &e, t->every_page, CX_BLOCK);
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
	xml_result_free(&t->res);
	free(t->number_style);
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

char *
template_meta(const struct template *t, const struct tpl_ctx *c,
    const char *name)
{
	const char	*v, *q;
	struct env	 e;
	struct buf	 b = { NULL, 0, 0 };
	char		*val, bad[160];
	int		 line;

	if ((v = xnode_attr(t->res.root, name)) == NULL)
		return xstrdup("");
	memset(&e, 0, sizeof(e));
	e.c = c;
	e.t = t;
	if (t->per == TPL_NOMINEE) {
		e.vars[0].name = "nominee";
		e.vars[0].type = O_NOMINEE;
		e.vars[0].obj = c->nominee;
		e.nvars = 1;
	}
	while (*v != '\0') {
		if (*v == '{' && (q = strchr(v, '}')) != NULL) {
			if (eval_expr(&e, v + 1, (size_t)(q - v - 1), &val,
			    &line, bad, sizeof(bad)) == 0 && val != NULL)
				buf_adds(&b, val);
			free(val);
			v = q + 1;
		} else
			buf_addc(&b, *v++);
	}
	return buf_detach(&b);
}

void
template_boxes(const struct template *t,
    void (*cb)(void *, double, double, double, double), void *arg)
{
	const struct xnode	*stack[64], *n;
	size_t			 sp = 0;

	if (t->body == NULL)
		return;
	stack[sp++] = t->body;
	while (sp > 0) {
		n = stack[--sp];
		for (n = n->child; n != NULL; n = n->next) {
			if (n->name == NULL)
				continue;
			if (strcmp(n->name, "box") == 0 &&
			    !yes(xnode_attr(n, "preprinted")))
				cb(arg, need_length(NULL, n, "x", 0),
				    need_length(NULL, n, "y", 0),
				    need_length(NULL, n, "w", 0),
				    need_length(NULL, n, "h", 0));
			else if ((strcmp(n->name, "if") == 0 ||
			    strcmp(n->name, "for") == 0) && sp < 64)
				stack[sp++] = n;
		}
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
	return xnode_attr(t->res.root, name);
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
