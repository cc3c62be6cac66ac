/*
 * test.c: the layout engine's tests — golden dumps of small documents and
 * properties computed from the operations — run through a fake backend
 * whose every character is 0.5 x size wide (0.6 in the bold font), with
 * ascent 0.8 and descent -0.2, and a glyph for everything but U+20AC.
 *
 * Usage: test DIR, DIR holding the golden *.out files; with UPDATE=1 in
 * the environment the golden files are written instead of compared.
 * Prints "ok - ..." or "not ok - ..." per check (with "# ..." lines
 * explaining a failure); exits 1 if any check failed.
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "diag.h"
#include "phrases.h"
#include "fake.h"

enum { F_REG, F_BOLD, F_ITAL };

#define MISSING_CP	0x20AC
#define TOL		0.01

/* The run of the tests. */
struct t {
	int		 pass, fail;
	const char	*dir;
	int		 update;
	struct fake	 dev;
	struct phrases	*phrases;	/* tests/layout/phrases.txt */
};

static const struct bk_rgb BLACK = { 0, 0, 0 };

static const char CANCU[] =
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị "
    "định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy "
    "định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng; "
    "xét đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh, Ủy ban nhân "
    "dân tỉnh Lào Cai kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, "
    "tặng Bằng khen cho các cá nhân đã hoàn thành xuất sắc nhiệm vụ năm "
    "2024.";
static const char TUYET[] =
    "Nguyễn Thị Ánh Tuyết đã hoàn thành xuất sắc nhiệm vụ";

/* --- the fake backend ------------------------------------------------ */

static size_t
cps(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static double
fk_width(const void *arg, int font, double size, const char *s, size_t len)
{
	(void)arg;
	return (font == F_BOLD ? 0.6 : 0.5) * size * (double)cps(s, len);
}

static int
fk_has_glyph(const void *arg, int font, uint32_t cp)
{
	(void)arg;
	(void)font;
	return cp != MISSING_CP;
}

static void
fk_metrics(const void *arg, int font, struct font_metrics *m)
{
	(void)arg;
	(void)font;
	m->ascent = 0.8;
	m->descent = -0.2;
	m->cap_height = 0.7;
}

static const struct font_measure fake_measure = {
	NULL, fk_has_glyph, fk_metrics, fk_width
};


/* --- reporting ------------------------------------------------------- */

static void
check(struct t *t, int cond, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
check(struct t *t, int cond, const char *fmt, ...)
{
	va_list	 ap;

	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (cond)
		t->pass++;
	else
		t->fail++;
}

/* A property check: pass when why is empty, else print why. */
static void
prop(struct t *t, const char *why, const char *name)
{
	check(t, why[0] == '\0', "%s", name);
	if (why[0] != '\0')
		printf("# %s\n", why);
}

static void
whyf(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record the first reason a property fails. */
static void
whyf(char *why, size_t n, const char *fmt, ...)
{
	va_list	 ap;

	if (why[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
}

static int
near(double a, double b)
{
	return a - b <= TOL && b - a <= TOL;
}

/* --- documents ------------------------------------------------------- */

/* An A4 page, margins 20 mm top and bottom, 30 mm left, 15 mm right. */
static struct blk_doc *
doc_new(void)
{
	struct blk_doc	*d;

	d = xcalloc(1, sizeof(*d));
	d->page.width = 595.28;
	d->page.height = 841.89;
	d->page.top = 56.69;
	d->page.bottom = 56.69;
	d->page.left = 85.04;
	d->page.right = 42.52;
	return d;
}

static double
text_w(const struct blk_doc *d)
{
	return d->page.width - d->page.left - d->page.right;
}

static struct blk *
add(struct blk **head, struct blk *b)
{
	while (*head != NULL)
		head = &(*head)->next;
	*head = b;
	return b;
}

static struct blk *
para(struct blk **head, enum blk_align al, int font, double size,
    const char *text)
{
	struct blk	*b;

	b = blk_new(BLK_PARA);
	b->align = al;
	if (text != NULL)
		blk_add_run(b, text, font, size, BLACK, NULL, 0);
	return add(head, b);
}

static struct blk *
rule(struct blk **head, enum blk_rulelen kind, double len, double width,
    double gap)
{
	struct blk	*b;

	b = blk_new(BLK_RULE);
	b->rule_len_kind = kind;
	b->rule_len = len;
	b->rule_width = width;
	b->rule_gap = gap;
	return add(head, b);
}

static struct blk *
space(struct blk **head, double h)
{
	struct blk	*b;

	b = blk_new(BLK_SPACE);
	b->height = h;
	return add(head, b);
}

static struct blk *
column(struct blk *cols, double frac)
{
	struct blk	*b;

	b = blk_new(BLK_COLUMN);
	b->width_frac = frac;
	return add(&cols->child, b);
}

static struct blk_table *
table_new(struct blk **head, size_t ncols, const double *widths)
{
	struct blk	*b;
	size_t		 i;

	b = blk_new(BLK_TABLE);
	b->table = xcalloc(1, sizeof(*b->table));
	b->table->ncols = ncols;
	b->table->widths = xcalloc(ncols, sizeof(double));
	for (i = 0; i < ncols; i++)
		b->table->widths[i] = widths[i];
	add(head, b);
	return b->table;
}

static struct blk_row *
row_new(struct blk_table *t, int header)
{
	struct blk_row	*r;

	t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	r->cells = xcalloc(t->ncols, sizeof(*r->cells));
	r->header = header;
	return r;
}

/* --- inspecting results ---------------------------------------------- */

static double
op_w(const struct lo_op *o)
{
	return fk_width(NULL, o->font, o->size, o->text, strlen(o->text));
}

/* A line of text: the text ops of a page on one baseline. */
struct tline {
	size_t			 page;
	double			 y;
	const struct lo_op	*op[128];
	size_t			 n;
};

static int
cmp_tline(const void *a, const void *b)
{
	const struct tline	*p = a, *q = b;

	if (p->page != q->page)
		return p->page < q->page ? -1 : 1;
	return p->y > q->y ? -1 : p->y < q->y;
}

/* All text lines of a result, page by page, top to bottom, left to right. */
static struct tline *
tlines(const struct lo_result *res, size_t *n)
{
	struct tline		*v = NULL, *l;
	const struct lo_op	*o;
	size_t			 p, i, k, j, cap = 0;

	*n = 0;
	for (p = 0; p < res->npages; p++) {
		for (i = 0; i < res->pages[p].nops; i++) {
			o = &res->pages[p].ops[i];
			if (o->kind != LO_TEXT)
				continue;
			for (k = 0; k < *n; k++)
				if (v[k].page == p && near(v[k].y, o->y))
					break;
			if (k == *n) {
				v = xgrow(v, &cap, *n + 1, sizeof(*v));
				memset(&v[k], 0, sizeof(v[k]));
				v[k].page = p;
				v[k].y = o->y;
				(*n)++;
			}
			l = &v[k];
			if (l->n == 128)
				continue;
			for (j = l->n; j > 0 && l->op[j - 1]->x > o->x; j--)
				l->op[j] = l->op[j - 1];
			l->op[j] = o;
			l->n++;
		}
	}
	if (*n > 0)
		qsort(v, *n, sizeof(*v), cmp_tline);
	return v;
}

static const struct lo_op *
find_text(const struct lo_result *res, const char *s, size_t *page)
{
	size_t	 p, i;

	for (p = 0; p < res->npages; p++)
		for (i = 0; i < res->pages[p].nops; i++)
			if (res->pages[p].ops[i].kind == LO_TEXT &&
			    strcmp(res->pages[p].ops[i].text, s) == 0) {
				if (page != NULL)
					*page = p;
				return &res->pages[p].ops[i];
			}
	return NULL;
}

/* Strict UTF-8, as the PDF backend needs it. */
static int
utf8_valid(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	int			 n, k;

	while (*u != '\0') {
		if (*u < 0x80) {
			u++;
			continue;
		}
		if (*u >= 0xC2 && *u <= 0xDF)
			n = 1, c = *u & 0x1F;
		else if (*u >= 0xE0 && *u <= 0xEF)
			n = 2, c = *u & 0x0F;
		else if (*u >= 0xF0 && *u <= 0xF4)
			n = 3, c = *u & 0x07;
		else
			return 0;
		for (k = 1; k <= n; k++) {
			if ((u[k] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (u[k] & 0x3F);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		u += n + 1;
	}
	return 1;
}

/* The words of s, single-spaced. */
static char *
words_of(const char *s)
{
	struct buf	 b = BUF_INIT;

	for (; *s != '\0'; s++) {
		if (*s == ' ' && (b.len == 0 || b.s[b.len - 1] == ' '))
			continue;
		buf_addc(&b, *s);
	}
	if (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return buf_detach(&b);
}

/* The words of every text op, in reading order, single-spaced. */
static char *
words_laid(const struct lo_result *res)
{
	struct tline	*v;
	struct buf	 b = BUF_INIT;
	char		*w;
	size_t		 n, i, k;

	v = tlines(res, &n);
	for (i = 0; i < n; i++)
		for (k = 0; k < v[i].n; k++) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, v[i].op[k]->text);
		}
	free(v);
	w = words_of(b.s != NULL ? b.s : "");
	buf_free(&b);
	return w;
}

static int
run(struct t *t, const struct blk_doc *d, struct lo_result *res,
    struct lo_error *err)
{
	(void)t;
	return layout_run(d, &fake_measure, res, err);
}

static char *
slurp(const char *path)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*fp;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b);
}

/* Compare the dump of res with DIR/NAME.out (or write it, UPDATE=1). */
static void
golden(struct t *t, const char *name, const struct lo_result *res)
{
	char	*got = NULL, *want, *path, *a, *b;
	size_t	 glen = 0, line = 1;
	FILE	*fp;

	if ((fp = open_memstream(&got, &glen)) == NULL) {
		check(t, 0, "golden %s: open_memstream", name);
		return;
	}
	layout_dump(res, fp);
	fclose(fp);
	path = xasprintf("%s/%s.out", t->dir, name);
	if (t->update) {
		fp = fopen(path, "w");
		check(t, fp != NULL && fputs(got, fp) >= 0 && fclose(fp) == 0,
		    "golden %s (written to %s)", name, path);
	} else if ((want = slurp(path)) == NULL)
		check(t, 0, "golden %s: cannot read %s", name, path);
	else {
		check(t, strcmp(want, got) == 0, "golden %s", name);
		for (a = want, b = got; *a != '\0' && *a == *b; a++, b++)
			if (*a == '\n')
				line++;
		if (*a != '\0' || *b != '\0')
			printf("# %s.out differs at line %zu\n", name, line);
		free(want);
	}
	free(path);
	free(got);
}

/*
 * A single justified paragraph of one run: every line but the last has
 * one op per word, starts at the left edge (plus the indent on the first
 * line), ends at the right edge and has equal gaps no narrower than a
 * space; the last line starts at the left edge and stays inside.
 */
static void
justified_ok(const struct lo_result *res, double left, double right,
    double indent, double spacew, char *why, size_t wn)
{
	struct tline	*v;
	double		 x0, end, gap, g;
	size_t		 n, i, k;

	v = tlines(res, &n);
	if (n < 3)
		whyf(why, wn, "only %zu lines", n);
	for (i = 0; i < n; i++) {
		x0 = i == 0 ? left + indent : left;
		end = v[i].op[v[i].n - 1]->x + op_w(v[i].op[v[i].n - 1]);
		if (!near(v[i].op[0]->x, x0))
			whyf(why, wn, "line %zu starts at %.3f, not %.3f",
			    i + 1, v[i].op[0]->x, x0);
		if (i + 1 == n) {
			if (end > right + TOL)
				whyf(why, wn, "last line ends at %.3f", end);
			break;
		}
		if (!near(end, right))
			whyf(why, wn, "line %zu ends at %.4f, not %.4f",
			    i + 1, end, right);
		if (v[i].n < 2) {
			whyf(why, wn, "line %zu: %zu op(s) for its words",
			    i + 1, v[i].n);
			continue;
		}
		gap = v[i].op[1]->x - v[i].op[0]->x - op_w(v[i].op[0]);
		for (k = 0; k < v[i].n; k++) {
			if (strchr(v[i].op[k]->text, ' ') != NULL)
				whyf(why, wn, "line %zu: op \"%s\" is not "
				    "one word", i + 1, v[i].op[k]->text);
			if (k == 0)
				continue;
			g = v[i].op[k]->x - v[i].op[k - 1]->x -
			    op_w(v[i].op[k - 1]);
			if (!near(g, gap) || g < spacew - TOL)
				whyf(why, wn, "line %zu: gap %.3f after "
				    "\"%s\", others %.3f", i + 1, g,
				    v[i].op[k - 1]->text, gap);
		}
	}
	free(v);
}

/* Every text op inside the text area (ascent 0.8, descent -0.2). */
static void
in_area(const struct lo_result *res, const struct blk_page *pg, char *why,
    size_t wn)
{
	const struct lo_op	*o;
	size_t			 p, i;

	for (p = 0; p < res->npages; p++)
		for (i = 0; i < res->pages[p].nops; i++) {
			o = &res->pages[p].ops[i];
			if (o->kind != LO_TEXT)
				continue;
			if (o->x < pg->left - TOL ||
			    o->x + op_w(o) > pg->width - pg->right + TOL ||
			    o->y - 0.2 * o->size < pg->bottom - TOL ||
			    o->y + 0.8 * o->size > pg->height - pg->top + TOL)
				whyf(why, wn, "page %zu: \"%s\" at %.2f %.2f "
				    "width %.2f is outside", p + 1, o->text,
				    o->x, o->y, op_w(o));
		}
}

/* --- golden documents ------------------------------------------------ */

static void
test_justify(struct t *t)
{
	struct blk_doc	*d = doc_new();
	struct lo_result res;
	struct lo_error	 err;
	struct blk	*b;
	struct tline	*v;
	char		 why[512] = "";
	size_t		 n, i;
	int		 ok;

	b = para(&d->body, ALIGN_JUSTIFY, F_REG, 14, CANCU);
	b->indent = 28.35;
	b->leading = 1.2;
	b->after = 6;
	b = para(&d->body, ALIGN_JUSTIFY, F_REG, 14, "Tặng Bằng khen cho bà ");
	blk_add_run(b, "Nguyễn Thị Ánh Tuyết", F_BOLD, 14, BLACK,
	    "nominee.name", 12);
	blk_add_run(b, ", Chuyên viên Phòng Tổ chức - Hành chính, Sở Nội vụ "
	    "tỉnh Lào Cai, đã có thành tích xuất sắc trong công tác năm 2024.",
	    F_REG, 14, BLACK, NULL, 0);
	b->indent = 28.35;
	b->leading = 1.2;
	b->before = 6;
	check(t, run(t, d, &res, &err) == 0, "justify: lays out");
	golden(t, "justify", &res);
	lo_result_free(&res);

	/* The first paragraph alone, for its properties. */
	blk_free(d->body->next);
	d->body->next = NULL;
	run(t, d, &res, &err);
	justified_ok(&res, d->page.left, d->page.width - d->page.right,
	    28.35, 7, why, sizeof(why));
	prop(t, why, "justify: lines end at the right edge, equal gaps, "
	    "last line left");
	v = tlines(&res, &n);
	for (i = 0, ok = n > 2 && near(v[0].y, d->page.height -
	    d->page.top - 0.8 * 14); ok && i + 1 < n; i++)
		ok = near(v[i].y - v[i + 1].y, 1.0 * 14 * 1.2);
	check(t, ok, "justify: first baseline at top + 0.8 x 14, lines "
	    "(0.8 + 0.2) x 14 x 1.2 apart");
	free(v);
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_title_rule(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*tx = NULL, *ln = NULL, *o, *next;
	double			 tw, x0 = d->page.left, W = text_w(d);
	size_t			 i;

	para(&d->body, ALIGN_CENTER, F_BOLD, 14, "Độc lập - Tự do - Hạnh phúc");
	rule(&d->body, RULE_TEXT, 1.0, 0.5, 3);
	para(&d->body, ALIGN_CENTER, F_BOLD, 14, "TỜ TRÌNH")->before = 12;
	para(&d->body, ALIGN_CENTER, F_BOLD, 14,
	    "Về việc đề nghị tặng Bằng khen");
	rule(&d->body, RULE_TEXT, 0.4, 0.5, 3);
	rule(&d->body, RULE_SPAN, 0.5, 1, 12);
	rule(&d->body, RULE_ABS, 100, 1, 40);
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Kính gửi: Chủ tịch Ủy ban nhân "
	    "dân tỉnh Lào Cai.");
	check(t, run(t, d, &res, &err) == 0, "title-rule: lays out");
	golden(t, "title-rule", &res);

	for (i = 0; i + 1 < res.pages[0].nops; i++) {
		o = &res.pages[0].ops[i];
		next = &res.pages[0].ops[i + 1];
		if (o->kind == LO_TEXT && next->kind == LO_LINE &&
		    strncmp(o->text, "Độc", 4) == 0) {
			tx = o;
			ln = next;
		}
	}
	tw = 27 * 0.6 * 14;
	check(t, tx != NULL && ln != NULL && near(tx->x, x0 + (W - tw) / 2) &&
	    near(ln->x, tx->x) && near(ln->w, tw) && near(ln->h, 0) &&
	    near(ln->y, tx->y - 3) && near(ln->stroke, 0.5),
	    "title-rule: the Tiêu ngữ is centred and its rule is as long as "
	    "it, 3 pt under its baseline");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_columns(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*cols, *c;
	const struct lo_op	*l1, *r1, *title, *l3;
	double			 W = text_w(d), x0 = d->page.left;

	cols = add(&d->body, blk_new(BLK_COLUMNS));
	c = column(cols, 0.4);
	para(&c->child, ALIGN_CENTER, F_REG, 13, "ỦY BAN NHÂN DÂN");
	para(&c->child, ALIGN_CENTER, F_BOLD, 13, "TỈNH LÀO CAI");
	rule(&c->child, RULE_TEXT, 0.4, 0.5, 3);
	para(&c->child, ALIGN_CENTER, F_REG, 13, "Số: 123/TTr-UBND")->before = 6;
	c = column(cols, 0.6);
	para(&c->child, ALIGN_CENTER, F_BOLD, 12,
	    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	para(&c->child, ALIGN_CENTER, F_BOLD, 13, "Độc lập - Tự do - Hạnh phúc");
	rule(&c->child, RULE_TEXT, 1.0, 0.5, 3);
	para(&c->child, ALIGN_CENTER, F_ITAL, 13,
	    "Lào Cai, ngày 05 tháng 02 năm 2024")->before = 6;
	space(&c->child, 10);
	para(&d->body, ALIGN_CENTER, F_BOLD, 14, "TỜ TRÌNH")->before = 18;
	check(t, run(t, d, &res, &err) == 0, "columns: lays out");
	golden(t, "columns", &res);

	l1 = find_text(&res, "ỦY BAN NHÂN DÂN", NULL);
	r1 = find_text(&res, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", NULL);
	l3 = find_text(&res, "Lào Cai, ngày 05 tháng 02 năm 2024", NULL);
	title = find_text(&res, "TỜ TRÌNH", NULL);
	check(t, l1 != NULL && r1 != NULL && near(l1->y + 0.8 * 13,
	    r1->y + 0.8 * 12) && near(l1->y + 0.8 * 13,
	    d->page.height - d->page.top),
	    "columns: both columns start at the top of the text area");
	check(t, l1 != NULL && r1 != NULL &&
	    near(l1->x + op_w(l1) / 2, x0 + 0.2 * W) &&
	    near(r1->x + op_w(r1) / 2, x0 + 0.7 * W),
	    "columns: each column's text is centred in its own width");
	/*
	 * The right column is the taller: 12 + 13 pt of lines, its rule
	 * 3 pt under the second baseline pushing the flow 0.65 pt below
	 * that line's bottom (3 + 0.25 - 2.6), 6 + 13, 10 of space.
	 */
	check(t, title != NULL && l3 != NULL &&
	    near(title->y, d->page.height - d->page.top - 54.65 - 18 -
	    0.8 * 14),
	    "columns: the flow goes on under the taller column");
	lo_result_free(&res);
	blk_doc_free(d);
}

static struct blk_doc *
table_doc(size_t nrows)
{
	static const double	 widths[] = { 0.1, 0.35, 0.55 };
	struct blk_doc		*d = doc_new();
	struct blk_table	*t;
	struct blk_row		*r;
	struct blk		*b;
	char			*s;
	size_t			 i;

	para(&d->body, ALIGN_CENTER, F_BOLD, 14,
	    "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN")->after = 12;
	t = table_new(&d->body, 3, widths);
	t->border = 0.5;
	t->pad = 4;
	r = row_new(t, 1);
	para(&r->cells[0].child, ALIGN_CENTER, F_BOLD, 12, "STT");
	para(&r->cells[1].child, ALIGN_CENTER, F_BOLD, 12, "Họ và tên");
	para(&r->cells[2].child, ALIGN_CENTER, F_BOLD, 12,
	    "Chức vụ, đơn vị công tác");
	for (i = 0; i < 3; i++)
		r->cells[i].valign = VALIGN_MIDDLE;
	for (i = 1; i <= nrows; i++) {
		r = row_new(t, 0);
		s = xasprintf("%zu", i);
		para(&r->cells[0].child, ALIGN_CENTER, F_REG, 12, s);
		free(s);
		r->cells[0].valign = VALIGN_MIDDLE;
		b = para(&r->cells[1].child, ALIGN_LEFT, F_REG, 12, NULL);
		blk_add_run(b, "Nguyễn Thị Ánh Tuyết", F_REG, 12, BLACK,
		    "nominee.name", (int)(10 + i));
		para(&r->cells[2].child, ALIGN_JUSTIFY, F_REG, 12,
		    i % 3 == 0 ? "Chuyên viên Phòng Tổ chức - Hành chính, "
		    "Sở Nội vụ tỉnh Lào Cai" : "Trưởng phòng Tổ chức - "
		    "Hành chính, Sở Nội vụ tỉnh Lào Cai, đồng thời Ủy viên "
		    "Hội đồng Thi đua - Khen thưởng tỉnh");
	}
	return d;
}

static void
test_table(struct t *t)
{
	struct blk_doc		*d = table_doc(34);
	struct lo_result	 res;
	struct lo_error		 err;
	struct tline		*v;
	const struct lo_op	*o;
	char			 why[512] = "", num[16];
	double			 top, hmax, hmin, vtop, vbot;
	size_t			 n, i, p, nv, k, hdrs = 0, page, nnum, nname;

	check(t, run(t, d, &res, &err) == 0, "table: lays out");
	golden(t, "table", &res);
	check(t, res.npages == 3, "table: spans 3 pages (%zu)", res.npages);

	/* The header row opens pages 2 and 3. */
	v = tlines(&res, &n);
	top = d->page.height - d->page.top - 4 - 0.8 * 12;
	for (i = 0; i < n; i++)
		if (v[i].op[0]->x < d->page.left + 47 &&
		    strcmp(v[i].op[0]->text, "STT") == 0) {
			hdrs++;
			if (v[i].page > 0 && !near(v[i].y, top))
				whyf(why, sizeof(why), "header on page %zu "
				    "at %.2f, not %.2f", v[i].page + 1,
				    v[i].y, top);
			if (v[i].page > 0 && v[i - 1].page == v[i].page)
				whyf(why, sizeof(why), "header not first "
				    "on page %zu", v[i].page + 1);
		}
	if (hdrs != res.npages)
		whyf(why, sizeof(why), "%zu headers on %zu pages", hdrs,
		    res.npages);
	free(v);
	prop(t, why, "table: the header row is repeated at the top of "
	    "every page");

	/* Each page's part is closed: verticals span the outer rules. */
	why[0] = '\0';
	for (p = 0; p < res.npages; p++) {
		hmax = -1;
		hmin = 1e9;
		vtop = vbot = 0;
		nv = 0;
		for (k = 0; k < res.pages[p].nops; k++) {
			o = &res.pages[p].ops[k];
			if (o->kind != LO_LINE)
				continue;
			if (near(o->h, 0)) {
				hmax = o->y > hmax ? o->y : hmax;
				hmin = o->y < hmin ? o->y : hmin;
			} else {
				nv++;
				vtop = o->y;
				vbot = o->y + o->h;
			}
		}
		if (nv != 4 || !near(vtop, hmax) || !near(vbot, hmin) ||
		    hmin < d->page.bottom - TOL)
			whyf(why, sizeof(why), "page %zu: %zu verticals "
			    "%.2f..%.2f, rules %.2f..%.2f", p + 1, nv, vtop,
			    vbot, hmax, hmin);
	}
	prop(t, why, "table: each page's part is closed at its top and "
	    "bottom");

	/*
	 * Every row once, and whole on one page: on each page as many
	 * numbers (the first cell) as names (the second).
	 */
	why[0] = '\0';
	for (i = 1; i <= 34; i++) {
		snprintf(num, sizeof(num), "%zu", i);
		if (find_text(&res, num, &page) == NULL)
			whyf(why, sizeof(why), "row %zu missing", i);
	}
	for (p = 0; p < res.npages; p++) {
		nnum = nname = 0;
		for (k = 0; k < res.pages[p].nops; k++) {
			o = &res.pages[p].ops[k];
			if (o->kind != LO_TEXT)
				continue;
			if (o->text[0] >= '0' && o->text[0] <= '9')
				nnum++;
			if (strcmp(o->text, "Nguyễn Thị Ánh Tuyết") == 0)
				nname++;
		}
		if (nnum != nname || nnum == 0)
			whyf(why, sizeof(why), "page %zu: %zu numbers, %zu "
			    "names", p + 1, nnum, nname);
	}
	in_area(&res, &d->page, why, sizeof(why));
	prop(t, why, "table: every row is there, inside the text area");
	lo_result_free(&res);
	blk_doc_free(d);
}

/*
 * A table starting where its header row (20 pt) would fit but not with
 * its first row (44 pt): both go to the next page.
 */
static void
test_table_lead(struct t *t)
{
	struct blk_doc		*d = table_doc(2);
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*sp;
	size_t			 ph = 9, pr = 8;

	/* 728.51 pt of text area: the title takes 26, leave 50 more. */
	sp = blk_new(BLK_SPACE);
	sp->height = 728.51 - 26 - 50;
	sp->next = d->body->next;
	d->body->next = sp;
	check(t, run(t, d, &res, &err) == 0 &&
	    find_text(&res, "STT", &ph) != NULL &&
	    find_text(&res, "1", &pr) != NULL && ph == 1 && pr == 1 &&
	    res.npages == 2,
	    "table: a header row is not left alone at the foot of a page");
	lo_result_free(&res);
	blk_doc_free(d);
}

/* Filler paragraphs taking 20 pt each: 14 pt lines and 6 pt after. */
static void
filler(struct blk **head, int n)
{
	char	*s;
	int	 i;

	for (i = 1; i <= n; i++) {
		s = xasprintf("Đoạn %d.", i);
		para(head, ALIGN_LEFT, F_REG, 14, s)->after = 6;
		free(s);
	}
}

static struct blk_doc *
keep_doc(int keep)
{
	struct blk_doc	*d = doc_new();
	struct blk	*k, **in;

	filler(&d->body, 33);
	if (keep) {
		k = add(&d->body, blk_new(BLK_KEEP));
		in = &k->child;
	} else
		in = &d->body;
	para(in, ALIGN_CENTER, F_BOLD, 14, "KT. CHỦ TỊCH")->after = 6;
	para(in, ALIGN_CENTER, F_BOLD, 14, "PHÓ CHỦ TỊCH")->after = 6;
	space(in, 40);
	para(in, ALIGN_CENTER, F_BOLD, 14, "Nguyễn Văn An");
	return d;
}

static void
test_keep(struct t *t)
{
	struct blk_doc		*d;
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*o;
	size_t			 page = 9;

	d = keep_doc(0);
	run(t, d, &res, &err);
	o = find_text(&res, "KT. CHỦ TỊCH", &page);
	check(t, o != NULL && page == 0,
	    "keep: without KEEP the signature block starts on page 1");
	lo_result_free(&res);
	blk_doc_free(d);

	d = keep_doc(1);
	check(t, run(t, d, &res, &err) == 0, "keep: lays out");
	golden(t, "keep", &res);
	o = find_text(&res, "KT. CHỦ TỊCH", &page);
	check(t, o != NULL && page == 1 && near(o->y, d->page.height -
	    d->page.top - 0.8 * 14) && find_text(&res, "Đoạn 33.", &page)
	    != NULL && page == 0,
	    "keep: with KEEP it moves whole to the top of page 2");
	lo_result_free(&res);
	blk_doc_free(d);
}


/* --- line breaking of centred blocks, widows, orphans, headings ---- */

/* The lines of a one-paragraph result, "a / b / c". */
static char *
lines_of(const struct lo_result *res)
{
	struct tline	*v;
	struct buf	 b = BUF_INIT;
	size_t		 n, i, k;

	v = tlines(res, &n);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, " / ");
		for (k = 0; k < v[i].n; k++) {
			if (k > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, v[i].op[k]->text);
		}
	}
	free(v);
	if (b.s == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

/*
 * A centred bold 13 pt paragraph of text in a column w points wide, laid
 * out with the test phrases; its lines are compared with want.
 */
static void
centred(struct t *t, const char *text, double w, const char *want,
    const char *why)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	char			*got;

	d->phrases = t->phrases;
	d->page.right = d->page.width - d->page.left - w;
	para(&d->body, ALIGN_CENTER, F_BOLD, 13, text);
	if (run(t, d, &res, &err) == -1) {
		check(t, 0, "centred: %s: lays out", why);
		blk_doc_free(d);
		return;
	}
	got = lines_of(&res);
	check(t, strcmp(got, want) == 0, "centred: %s", why);
	if (strcmp(got, want) != 0)
		printf("# got  \"%s\"\n# want \"%s\"\n", got, want);
	free(got);
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_centred(struct t *t)
{
	struct blk_doc		*d;
	struct lo_result	 res;
	struct lo_error		 err;

	/* 7.8 pt a character: 200 pt hold 25 of them. */
	centred(t, "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI", 200,
	    "BỘ CHỈ HUY BỘ ĐỘI / BIÊN PHÒNG TỈNH LÀO CAI",
	    "a phrase (BIÊN PHÒNG) is not split, the lines are balanced");
	centred(t, "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI", 230,
	    "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG / TỈNH LÀO CAI",
	    "the line breaks at the joint before TỈNH");
	centred(t, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH LÀO CAI", 210,
	    "HỘI ĐỒNG THI ĐUA - / KHEN THƯỞNG TỈNH LÀO CAI",
	    "after a dash, never inside KHEN THƯỞNG");
	centred(t, "Kế hoạch số 217/KH-UBND-VX", 160,
	    "Kế hoạch / số 217/KH-UBND-VX",
	    "a number never leaves its \"số\"");
	centred(t, "CHỦ NHIỆM HẬU CẦN KỸ THUẬT", 160,
	    "CHỦ NHIỆM HẬU / CẦN KỸ THUẬT",
	    "no lone last word: the lines are balanced");
	centred(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 200,
	    "CỘNG HÒA XÃ HỘI / CHỦ NGHĨA VIỆT NAM",
	    "XÃ in XÃ HỘI is no joint of a name");
	centred(t, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", 400,
	    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "one line when it fits");
	/* A phrase wider than the line is still set, broken inside. */
	centred(t, "KHEN THƯỞNG", 60, "KHEN / THƯỞNG",
	    "a phrase wider than the line breaks rather than fail");

	/* The same breaks without phrases: only the joints of punctuation. */
	d = doc_new();
	d->page.right = d->page.width - d->page.left - 200;
	para(&d->body, ALIGN_CENTER, F_BOLD, 13,
	    "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI");
	check(t, run(t, d, &res, &err) == 0, "centred: lays out without "
	    "phrases");
	golden(t, "centred", &res);
	lo_result_free(&res);
	blk_doc_free(d);
}

/*
 * A body of n fillers (20 pt each), `extra' points of space, then a
 * justified 14 pt paragraph of CANCU (with a heading before it when
 * heading is set).
 */
static struct blk_doc *
foot_doc(struct t *t, int n, double extra, int heading)
{
	struct blk_doc	*d = doc_new();
	struct blk	*b;

	d->phrases = t->phrases;
	filler(&d->body, n);
	if (extra > 0)
		space(&d->body, extra);
	if (heading) {
		b = para(&d->body, ALIGN_LEFT, F_BOLD, 14, "II. THÀNH TÍCH");
		b->keep_next = 1;
		b->after = 6;
	}
	b = para(&d->body, ALIGN_JUSTIFY, F_REG, 14, CANCU);
	b->indent = 28;
	b->after = 6;
	return d;
}

/* How many lines of CANCU's paragraph each page holds (at most 4 pages). */
static void
para_lines(const struct lo_result *res, size_t per[4], size_t *heading)
{
	struct tline	*v;
	size_t		 n, i;

	memset(per, 0, 4 * sizeof(*per));
	*heading = 9;
	v = tlines(res, &n);
	for (i = 0; i < n; i++) {
		if (strncmp(v[i].op[0]->text, "Đoạn", 6) == 0)
			continue;
		if (strcmp(v[i].op[0]->text, "II. THÀNH TÍCH") == 0) {
			*heading = v[i].page;
			continue;
		}
		if (v[i].page < 4)
			per[v[i].page]++;
	}
	free(v);
}

static void
test_widows(struct t *t)
{
	struct blk_doc		*d;
	struct lo_result	 res;
	struct lo_error		 err;
	size_t			 per[4], hp, total = 0, split = 0, bad = 0;
	size_t			 badh = 0;
	int			 n, h;
	double			 extra;

	/* Every position of the paragraph near the page's foot. */
	for (h = 0; h <= 1; h++)
		for (n = 26; n <= 36; n++)
			for (extra = 0; extra < 20; extra += 2.5) {
				d = foot_doc(t, n, extra, h);
				if (run(t, d, &res, &err) == -1) {
					bad++;
					blk_doc_free(d);
					continue;
				}
				para_lines(&res, per, &hp);
				if (total == 0)
					total = per[0] + per[1];
				if (per[0] > 0 && per[1] > 0)
					split++;
				if ((per[0] == 1 && per[1] > 0) ||
				    (per[1] == 1 && per[0] > 0) ||
				    per[0] + per[1] != total)
					bad++;
				if (h && (hp > 1 || (per[hp] < 2 &&
				    per[hp] < total)))
					badh++;
				lo_result_free(&res);
				blk_doc_free(d);
			}
	check(t, total >= 5, "widows: the paragraph has %zu lines", total);
	check(t, split > 0, "widows: some positions split it (%zu)", split);
	check(t, bad == 0, "widows: never a lone first line at the foot nor "
	    "a lone last line at the head (%zu positions wrong)", bad);
	check(t, badh == 0, "headings: a heading stays with two lines of "
	    "what follows (%zu positions wrong)", badh);

	d = foot_doc(t, 33, 0, 0);
	check(t, run(t, d, &res, &err) == 0, "widows: lays out");
	golden(t, "widow", &res);
	lo_result_free(&res);
	blk_doc_free(d);
}

/*
 * A table whose last row goes on with the kept signature after it, rather
 * than the signature standing alone.
 */
static void
test_table_keep(struct t *t)
{
	struct blk_doc		*d;
	struct blk		*k;
	struct blk_table	*tb;
	struct blk_row		*r;
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*o;
	static const double	 w[2] = { 0.3, 0.7 };
	size_t			 i, page = 9, rowpage = 9;
	char			*s;

	d = doc_new();
	filler(&d->body, 32);
	tb = table_new(&d->body, 2, w);
	for (i = 0; i < 3; i++) {
		r = row_new(tb, i == 0);
		s = xasprintf("Hàng %zu", i);
		para(&r->cells[0].child, ALIGN_LEFT, F_REG, 12, s);
		para(&r->cells[1].child, ALIGN_LEFT, F_REG, 12, "Nội dung");
		free(s);
	}
	k = add(&d->body, blk_new(BLK_KEEP));
	k->keep_lines = 2;
	para(&k->child, ALIGN_CENTER, F_BOLD, 14, "NGƯỜI BÁO CÁO");
	space(&k->child, 60);
	para(&k->child, ALIGN_CENTER, F_BOLD, 14, "Nguyễn Văn An");
	check(t, run(t, d, &res, &err) == 0, "table keep: lays out");
	o = find_text(&res, "NGƯỜI BÁO CÁO", &page);
	(void)find_text(&res, "Hàng 2", &rowpage);
	check(t, o != NULL && page == 1 && rowpage == 1,
	    "table keep: the last row goes on with the signature (pages "
	    "%zu, %zu)", rowpage + 1, page + 1);
	lo_result_free(&res);
	blk_doc_free(d);
}

/*
 * The rule under the organ spans a fraction of the line directly above
 * it (Nghị định 30: 1/3 to 1/2 of it), not of the paragraph's widest.
 */
static void
test_rule_last_line(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*o, *last = NULL, *ln = NULL;
	size_t			 i;

	d->page.right = d->page.width - d->page.left - 200;
	para(&d->body, ALIGN_CENTER, F_BOLD, 13,
	    "BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH LÀO CAI");
	rule(&d->body, RULE_TEXT, 0.4, 0.6, 4);
	check(t, run(t, d, &res, &err) == 0, "rule: lays out");
	for (i = 0; i < res.pages[0].nops; i++) {
		o = &res.pages[0].ops[i];
		if (o->kind == LO_TEXT)
			last = o;
		else if (o->kind == LO_LINE)
			ln = o;
	}
	check(t, last != NULL && ln != NULL && near(ln->w, 0.4 * op_w(last)) &&
	    near(ln->x + ln->w / 2, last->x + op_w(last) / 2),
	    "rule: 2/5 of the last line of a two-line organ, centred on it");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_pagenum(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*o;
	size_t			 p, page = 0;
	char			 why[256] = "";

	d->page.number_from = 2;
	d->page.number_font = F_REG;
	d->page.number_size = 13;
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Trang một.");
	add(&d->body, blk_new(BLK_PAGEBREAK));
	add(&d->body, blk_new(BLK_PAGEBREAK));
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Trang hai.");
	add(&d->body, blk_new(BLK_PAGEBREAK));
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Trang ba.");
	check(t, run(t, d, &res, &err) == 0, "pagenum: lays out");
	golden(t, "pagenum", &res);
	check(t, res.npages == 3, "pagenum: a page break at the top of a "
	    "page adds no empty page (%zu pages)", res.npages);
	for (p = 0; p < res.npages; p++) {
		o = &res.pages[p].ops[0];
		if (p == 0) {
			if (o->y > d->page.height - d->page.top)
				whyf(why, sizeof(why), "page 1 numbered");
			continue;
		}
		if (o->kind != LO_TEXT || (size_t)atoi(o->text) != p + 1 ||
		    o->font != F_REG || o->size != 13 ||
		    !near(o->x + op_w(o) / 2, d->page.width / 2) ||
		    !near(o->y + (0.8 - 0.2) * 13 / 2, d->page.height -
		    d->page.top / 2))
			whyf(why, sizeof(why), "page %zu: first op \"%s\" "
			    "at %.2f %.2f", p + 1, o->text, o->x, o->y);
	}
	prop(t, why, "pagenum: pages 2 and 3 are numbered, centred in the "
	    "top margin; page 1 is not");
	o = find_text(&res, "Trang hai.", &page);
	check(t, o != NULL && page == 1, "pagenum: BLK_PAGEBREAK starts a "
	    "new page");
	lo_result_free(&res);
	blk_doc_free(d);
}

static struct blk *
box_add(struct blk **head, double x, double y, double w, double h)
{
	struct blk	*b;

	b = blk_new(BLK_BOX);
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->valign = VALIGN_MIDDLE;
	return add(head, b);
}

static void
test_box(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*bx, *b, *s;
	const struct lo_op	*ba, *nm;
	double			 w;

	bx = box_add(&d->body, 100, 300, 200, 40);
	b = para(&bx->child, ALIGN_CENTER, F_REG, 14, "Bà ");
	blk_add_run(b, "Nguyễn Thị Ánh Tuyết", F_BOLD, 28, BLACK,
	    "nominee.name", 7);
	b->min_size = 14;
	b->max_lines = 1;
	s = blk_new(BLK_SHAPE);
	s->rect = 1;
	s->x = 100;
	s->y = 300;
	s->w = 200;
	s->h = 40;
	s->stroke = 0.5;
	add(&d->body, s);
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Nội dung trong dòng chảy.");
	check(t, run(t, d, &res, &err) == 0, "box: lays out");
	golden(t, "box", &res);

	/* 12.75 x size must fit 200 pt: 15.5 is the largest step. */
	ba = find_text(&res, "Bà ", NULL);
	nm = find_text(&res, "Nguyễn Thị Ánh Tuyết", NULL);
	w = ba != NULL && nm != NULL ? op_w(ba) + op_w(nm) : 0;
	check(t, ba != NULL && nm != NULL && nm->size == 15.5 &&
	    ba->size == 7.75 && near(ba->y, nm->y) &&
	    near(nm->x, ba->x + op_w(ba)) && w <= 200 + TOL &&
	    near(ba->x + w / 2, 200),
	    "box: the name shrinks to 15.5 pt in 0.5 pt steps, keeping the "
	    "runs' proportions, on one centred line");
	check(t, nm != NULL && near(nm->y, d->page.height - 300 - 20 -
	    0.8 * 15.5 + 15.5 / 2),
	    "box: the line is centred vertically in the box");
	nm = find_text(&res, "Nội dung trong dòng chảy.", NULL);
	check(t, nm != NULL && near(nm->y, d->page.height - d->page.top -
	    0.8 * 14), "box: the flow does not move for a box");
	lo_result_free(&res);
	blk_doc_free(d);
}

/* --- properties ------------------------------------------------------ */

static void
test_justify_widths(struct t *t)
{
	struct blk_doc		*d;
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*b;
	char			 why[512] = "", *want, *got;
	double			 right;
	int			 i;

	for (i = 0; i < 12 && why[0] == '\0'; i++) {
		d = doc_new();
		d->page.right = 42.52 + 17 * i;
		right = d->page.width - d->page.right;
		b = para(&d->body, ALIGN_JUSTIFY, F_REG, 12 + i % 3, CANCU);
		b->indent = i % 2 ? 28.35 : 0;
		if (run(t, d, &res, &err) == -1)
			whyf(why, sizeof(why), "layout failed");
		justified_ok(&res, d->page.left, right, b->indent,
		    0.5 * (12 + i % 3), why, sizeof(why));
		want = words_of(CANCU);
		got = words_laid(&res);
		if (strcmp(want, got) != 0)
			whyf(why, sizeof(why), "words differ: %s", got);
		free(want);
		free(got);
		lo_result_free(&res);
		blk_doc_free(d);
	}
	prop(t, why, "justify: at 12 widths, every non-last line ends at "
	    "the right edge (±0.01 pt) with equal gaps");
}

static void
test_align(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*r, *c, *l;
	struct blk		*b;
	double			 right = d->page.width - d->page.right;

	para(&d->body, ALIGN_RIGHT, F_ITAL, 13, "Lào Cai, ngày 05 tháng 02");
	para(&d->body, ALIGN_CENTER, F_BOLD, 13, "CHỦ TỊCH");
	para(&d->body, ALIGN_LEFT, F_REG, 13, "Nơi nhận:");
	b = para(&d->body, ALIGN_RIGHT, F_REG, 13, "Số: ");
	blk_add_run(b, "    /TTr-UBND  ", F_REG, 13, BLACK, NULL, 0);
	run(t, d, &res, &err);
	r = find_text(&res, "Lào Cai, ngày 05 tháng 02", NULL);
	c = find_text(&res, "CHỦ TỊCH", NULL);
	l = find_text(&res, "Nơi nhận:", NULL);
	check(t, r != NULL && c != NULL && l != NULL &&
	    near(r->x + op_w(r), right) &&
	    near(c->x + op_w(c) / 2, (d->page.left + right) / 2) &&
	    near(l->x, d->page.left) && near(c->y, r->y - 13) &&
	    near(l->y, c->y - 13),
	    "align: right, centre and left; lines 13 pt apart at leading 1");
	r = find_text(&res, "Số:     /TTr-UBND", NULL);
	check(t, r != NULL && near(r->x + op_w(r), right),
	    "align: spaces inside a line are kept (across runs), trailing "
	    "ones dropped");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_area(struct t *t)
{
	struct blk_doc		*d = table_doc(12);
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*b, *cols, *c;
	char			 why[512] = "";
	int			 i, rc;

	for (i = 0; i < 6; i++) {
		/* Each about 500 pt tall: some must cross a page break. */
		b = para(&d->body, (enum blk_align)(i % 4), F_REG, 14, CANCU);
		blk_add_run(b, CANCU, F_REG, 14, BLACK, NULL, 0);
		b->indent = 28.35;
		b->leading = 1.5;
		b->after = 6;
		cols = add(&d->body, blk_new(BLK_COLUMNS));
		c = column(cols, 0.5);
		para(&c->child, ALIGN_JUSTIFY, F_BOLD, 13, TUYET);
		c = column(cols, 0.5);
		para(&c->child, ALIGN_RIGHT, F_ITAL, 13, CANCU);
	}
	rc = run(t, d, &res, &err);
	check(t, rc == 0 && res.npages >= 4,
	    "area: a long mixed document lays out (%zu pages)", res.npages);
	in_area(&res, &d->page, why, sizeof(why));
	prop(t, why, "area: no text op extends beyond the text area");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_utf8(struct t *t)
{
	struct blk_doc		*d;
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*b;
	char			 why[512] = "", *want, *got;
	size_t			 p, i;
	int			 w;

	want = words_of("Nguyễn Thị Ánh Tuyết đã hoàn thành  xuất sắc "
	    "nhiệm vụ Nguyễn Thị Ánh Tuyết đã hoàn thành xuất sắc nhiệm vụ");
	for (w = 40; w <= 200 && why[0] == '\0'; w += 3) {
		d = doc_new();
		d->page.right = d->page.width - d->page.left - w;
		b = para(&d->body, (enum blk_align)(w % 4), F_REG, 12,
		    "  Nguyễn Thị Ánh Tuyết đã hoàn thành  xuất sắc ");
		blk_add_run(b, " nhiệm vụ ", F_REG, 12, BLACK, NULL, 0);
		blk_add_run(b, TUYET, F_REG, 12, BLACK, NULL, 0);
		if (run(t, d, &res, &err) == -1)
			whyf(why, sizeof(why), "width %d: error %d", w,
			    err.code);
		for (p = 0; p < res.npages; p++)
			for (i = 0; i < res.pages[p].nops; i++)
				if (!utf8_valid(res.pages[p].ops[i].text))
					whyf(why, sizeof(why), "width %d: "
					    "bad UTF-8 in \"%s\"", w,
					    res.pages[p].ops[i].text);
		got = words_laid(&res);
		if (strcmp(got, want) != 0)
			whyf(why, sizeof(why), "width %d: words \"%s\"", w,
			    got);
		free(got);
		lo_result_free(&res);
		blk_doc_free(d);
	}
	free(want);
	prop(t, why, "utf8: at widths 40..200 pt every text op is valid "
	    "UTF-8 and the words come back whole, spaces collapsed");
}

static void
test_runs(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*b;
	const struct lo_op	*a, *z;
	size_t			 pa = 9, pz = 8;

	d->page.right = d->page.width - d->page.left - 100;
	b = para(&d->body, ALIGN_JUSTIFY, F_REG, 12, "Ông Trần Văn ");
	blk_add_run(b, "Nguy", F_REG, 12, BLACK, NULL, 0);
	blk_add_run(b, "ễn", F_BOLD, 12, BLACK, NULL, 0);
	blk_add_run(b, " Văn An, Chủ tịch", F_REG, 12, BLACK, NULL, 0);
	check(t, run(t, d, &res, &err) == 0, "runs: lays out");
	a = find_text(&res, "Nguy", &pa);
	z = find_text(&res, "ễn", &pz);
	check(t, a != NULL && z != NULL && pa == pz && near(a->y, z->y) &&
	    near(z->x, a->x + op_w(a)) && a->font == F_REG &&
	    z->font == F_BOLD,
	    "runs: a word across two fonts stays on one line, its parts "
	    "side by side in two ops");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_every_page(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*s;
	const struct lo_op	*o;
	char			 why[256] = "";
	size_t			 p;
	int			 rc;

	s = add(&d->every_page, blk_new(BLK_SHAPE));
	s->rect = 1;
	s->filled = 1;
	s->x = 20;
	s->y = 30;
	s->w = 100;
	s->h = 50;
	s->color.r = 1;
	s = add(&d->every_page, blk_new(BLK_SHAPE));
	s->x = 20;
	s->y = 800;
	s->w = 500;
	s->h = 0;
	s->stroke = 1;
	filler(&d->body, 80);
	rc = run(t, d, &res, &err);
	check(t, rc == 0 && res.npages == 3,
	    "every_page: lays out (%zu pages)", res.npages);
	for (p = 0; p < res.npages; p++) {
		o = res.pages[p].ops;
		if (res.pages[p].nops < 3 || o[0].kind != LO_RECT ||
		    !o[0].filled || !near(o[0].y, d->page.height - 80) ||
		    !near(o[0].x, 20) || o[0].color.r != 1 ||
		    o[1].kind != LO_LINE || !near(o[1].y, d->page.height -
		    800) || !near(o[1].w, 500) || o[2].kind != LO_TEXT)
			whyf(why, sizeof(why), "page %zu", p + 1);
	}
	prop(t, why, "every_page: shapes are drawn first on every page, "
	    "turned into PDF coordinates");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_space_rule(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	const struct lo_op	*a, *b, *ln = NULL;
	struct blk		*img;
	size_t			 pa = 0, i;
	double			 H = d->page.height, top = d->page.top;

	para(&d->body, ALIGN_LEFT, F_REG, 14, "Trang một.");
	add(&d->body, blk_new(BLK_PAGEBREAK));
	space(&d->body, 100);
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Đầu trang hai.");
	rule(&d->body, RULE_SPAN, 1, 1, 30);
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Sau đường kẻ.");
	img = add(&d->body, blk_new(BLK_IMAGE));
	img->in_flow = 1;
	img->w = 60;
	img->h = 40;
	img->path = xstrdup("dau.png");
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Sau ảnh.");
	check(t, run(t, d, &res, &err) == 0, "space: lays out");
	a = find_text(&res, "Đầu trang hai.", &pa);
	check(t, a != NULL && pa == 1 && near(a->y, H - top - 0.8 * 14),
	    "space: dropped at the top of a page");
	b = find_text(&res, "Sau đường kẻ.", NULL);
	for (i = 0; pa == 1 && i < res.pages[1].nops; i++)
		if (res.pages[1].ops[i].kind == LO_LINE)
			ln = &res.pages[1].ops[i];
	check(t, a != NULL && b != NULL && ln != NULL &&
	    near(ln->y, a->y - 30) && near(ln->w, text_w(d)) &&
	    near(b->y, ln->y - 0.5 - 0.8 * 14),
	    "rule: 30 pt under the baseline, the flow goes on past it");
	a = find_text(&res, "Sau ảnh.", NULL);
	for (i = 0, ln = NULL; pa == 1 && i < res.pages[1].nops; i++)
		if (res.pages[1].ops[i].kind == LO_IMAGE)
			ln = &res.pages[1].ops[i];
	check(t, a != NULL && b != NULL && ln != NULL &&
	    near(ln->x, d->page.left + (text_w(d) - 60) / 2) &&
	    near(ln->y, b->y - 0.2 * 14 - 40) &&
	    near(a->y, ln->y - 0.8 * 14),
	    "image: in the flow, centred, the flow moves past it");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_box_height(struct t *t)
{
	struct blk_doc		*d = doc_new();
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*bx, *b;
	struct tline		*v;
	size_t			 n;
	double			 sz = 0;

	/* CANCU at 14 pt in 300 pt takes 12 lines: 168 pt > 100. */
	bx = box_add(&d->body, 100, 100, 300, 100);
	bx->valign = VALIGN_TOP;
	b = para(&bx->child, ALIGN_JUSTIFY, F_REG, 14, CANCU);
	b->min_size = 8;
	check(t, run(t, d, &res, &err) == 0, "box height: lays out");
	v = tlines(&res, &n);
	if (n > 0)
		sz = v[0].op[0]->size;
	/* At size s a line holds floor(300 / (0.5 s)) characters. */
	check(t, n > 0 && near(v[0].y, d->page.height - 100 - 0.8 * sz) &&
	    (double)n * sz <= 100 + TOL && sz < 14 && sz >= 8,
	    "box height: the paragraph shrinks until the box holds it "
	    "(%zu lines at %.1f pt)", n, sz);
	free(v);
	lo_result_free(&res);

	/* One step larger must not fit: the shrink stops at the first. */
	bx->h = n * sz + 0.5 * n;
	b->min_size = sz + 0.5;
	check(t, run(t, d, &res, &err) == -1 && err.code == LO_ERR_NO_FIT,
	    "box height: %.1f pt does not fit (so %.1f was the largest)",
	    sz + 0.5, sz);
	lo_result_free(&res);
	blk_doc_free(d);
}

/* --- errors ---------------------------------------------------------- */

static void
test_errors(struct t *t)
{
	struct blk_doc		*d;
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*b, *cols, *c, *bx;
	struct blk_table	*tb;
	struct blk_row		*r;
	struct buf		 tall = BUF_INIT;
	static const double	 one[] = { 1.0 };
	static const char	 field[] = "award.amount";
	int			 i, rc, ok;

	d = doc_new();
	b = para(&d->body, ALIGN_LEFT, F_REG, 14, "Tiền thưởng: ");
	blk_add_run(b, "2.000.000 € đồng", F_ITAL, 14, BLACK, field, 42);
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_GLYPH && err.cp == 0x20AC &&
	    err.font == F_ITAL && err.field == field && err.line == 42 &&
	    strcmp(err.text, "€") == 0 && res.npages == 0,
	    "error GLYPH: U+20AC, its font, field and line, before any page");
	lo_result_free(&res);
	blk_doc_free(d);

	d = doc_new();
	para(&d->body, ALIGN_LEFT, F_REG, 14, "Nguy\xE1\xBB\xDD vụ");
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_GLYPH && err.cp == 0xFFFD &&
	    strcmp(err.text, "Nguy") == 0,
	    "error GLYPH: a cut UTF-8 sequence is U+FFFD");
	lo_result_free(&res);
	blk_doc_free(d);

	d = doc_new();
	para(&d->body, ALIGN_LEFT, F_REG, 14, "over\xE0\x80\xAFlong");
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_GLYPH && err.cp == 0xFFFD &&
	    strcmp(err.text, "over") == 0,
	    "error GLYPH: an overlong sequence is U+FFFD");
	lo_result_free(&res);
	blk_doc_free(d);

	d = doc_new();
	cols = add(&d->body, blk_new(BLK_COLUMNS));
	c = column(cols, 0.15);
	b = para(&c->child, ALIGN_LEFT, F_REG, 12, "Đơn vị: ");
	blk_add_run(b, "Phòng ", F_REG, 12, BLACK, "unit.name", 9);
	blk_add_run(b, "Tổ-chức-Hành-chính", F_REG, 12, BLACK, "unit.name",
	    9);
	blk_add_run(b, "-Sở ", F_BOLD, 12, BLACK, "unit.extra", 10);
	rc = run(t, d, &res, &err);
	ok = rc == -1 && err.code == LO_ERR_WORD_WIDE &&
	    strcmp(err.text, "Tổ-chức-Hành-chính-Sở") == 0 &&
	    err.field != NULL && strcmp(err.field, "unit.name") == 0 &&
	    err.line == 9;
	check(t, ok, "error WORD_WIDE: the whole word (across runs), its "
	    "first run's field and line");
	if (!ok)
		printf("# code %d word \"%s\" field %s line %d\n", err.code,
		    err.text, err.field != NULL ? err.field : "-", err.line);
	lo_result_free(&res);
	blk_doc_free(d);

	d = doc_new();
	/* At 14 pt the name takes two lines: 12 + 2 x 14 > 36 pt. */
	bx = box_add(&d->body, 100, 100, 120, 36);
	para(&bx->child, ALIGN_CENTER, F_REG, 12, "Tặng")->min_size = 12;
	b = para(&bx->child, ALIGN_CENTER, F_BOLD, 28, NULL);
	blk_add_run(b, "Bà ", F_BOLD, 28, BLACK, NULL, 0);
	blk_add_run(b, "Nguyễn Thị Ánh Tuyết", F_BOLD, 28, BLACK,
	    "nominee.name", 7);
	b->min_size = 14;
	b->max_lines = 1;
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_NO_FIT && err.field != NULL &&
	    strcmp(err.field, "nominee.name") == 0 && err.line == 7,
	    "error NO_FIT: one line at 14 pt is too wide; the paragraph's "
	    "field and line");
	lo_result_free(&res);
	b->max_lines = 0;
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_NO_FIT && err.field != NULL &&
	    strcmp(err.field, "nominee.name") == 0 && err.line == 7,
	    "error NO_FIT: on any number of lines too tall for the box; the "
	    "first shrinking paragraph with a field is named");
	lo_result_free(&res);
	para(&bx->child, ALIGN_CENTER, F_REG, 12, "   ")->min_size = 6;
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_NO_FIT,
	    "error NO_FIT: a shrinking paragraph without words does not "
	    "keep the box shrinking forever");
	lo_result_free(&res);
	blk_doc_free(d);

	d = doc_new();
	tb = table_new(&d->body, 1, one);
	tb->pad = 2;
	r = row_new(tb, 0);
	para(&r->cells[0].child, ALIGN_LEFT, F_REG, 12, "Thành tích");
	r = row_new(tb, 0);
	for (i = 0; i < 400; i++)
		buf_adds(&tall, "Thành tích xuất sắc trong công tác. ");
	b = para(&r->cells[0].child, ALIGN_JUSTIFY, F_REG, 12, NULL);
	blk_add_run(b, tall.s, F_REG, 12, BLACK, "nominee.achievements", 31);
	buf_free(&tall);
	rc = run(t, d, &res, &err);
	check(t, rc == -1 && err.code == LO_ERR_TOO_TALL && err.field != NULL &&
	    strcmp(err.field, "nominee.achievements") == 0 && err.line == 31,
	    "error TOO_TALL: a row taller than a page, with its field");
	lo_result_free(&res);
	blk_doc_free(d);
}

static void
test_draw(struct t *t)
{
	struct blk_doc		*d = table_doc(34);
	struct lo_result	 res;
	struct lo_error		 err;
	struct blk		*img;
	size_t			 p, i, nt = 0, nl = 0, nr = 0, ni = 0;

	img = add(&d->every_page, blk_new(BLK_IMAGE));
	img->x = img->y = 10;
	img->w = img->h = 20;
	img->path = xstrdup("logo.png");
	img = add(&d->every_page, blk_new(BLK_SHAPE));
	img->rect = 1;
	img->stroke = 1;
	img->w = img->h = 5;
	run(t, d, &res, &err);
	for (p = 0; p < res.npages; p++)
		for (i = 0; i < res.pages[p].nops; i++)
			switch (res.pages[p].ops[i].kind) {
			case LO_TEXT:
				nt++;
				break;
			case LO_LINE:
				nl++;
				break;
			case LO_RECT:
				nr++;
				break;
			case LO_IMAGE:
				ni++;
				break;
			}
	memset(&t->dev, 0, sizeof(t->dev));
	check(t, layout_draw(&res, &fake_ops, &t->dev, &err) == 0 &&
	    t->dev.pages == (int)res.npages && t->dev.text == nt &&
	    t->dev.line == nl && t->dev.rect == nr && t->dev.image == ni &&
	    ni == res.npages,
	    "draw: one page_begin per page and every op drawn");
	lo_result_free(&res);

	free(d->every_page->path);
	d->every_page->path = xstrdup("missing/logo.png");
	run(t, d, &res, &err);
	check(t, layout_draw(&res, &fake_ops, &t->dev, &err) == -1 &&
	    err.code == LO_ERR_BACKEND &&
	    strcmp(err.text, "cannot open missing/logo.png") == 0,
	    "draw: an image the backend cannot place is LO_ERR_BACKEND with "
	    "the backend's message");
	lo_result_free(&res);
	blk_doc_free(d);
}

int
main(int argc, char *argv[])
{
	struct t	 t;
	const char	*u;

	memset(&t, 0, sizeof(t));
	t.dir = argc > 1 ? argv[1] : "tests/layout";
	u = getenv("UPDATE");
	t.update = u != NULL && strcmp(u, "1") == 0;
	{
		struct diag	*dg = diag_new(DIAG_TEXT);
		char		*pp = xasprintf("%s/phrases.txt", t.dir);

		t.phrases = phrases_load(pp, dg);
		if (t.phrases == NULL)
			diag_print(dg);
		check(&t, t.phrases != NULL, "the test phrases load");
		free(pp);
		diag_free(dg);
	}

	test_justify(&t);
	test_title_rule(&t);
	test_columns(&t);
	test_table(&t);
	test_table_lead(&t);
	test_keep(&t);
	test_pagenum(&t);
	test_box(&t);
	test_justify_widths(&t);
	test_align(&t);
	test_area(&t);
	test_utf8(&t);
	test_runs(&t);
	test_every_page(&t);
	test_space_rule(&t);
	test_box_height(&t);
	test_errors(&t);
	test_draw(&t);
	test_centred(&t);
	test_widows(&t);
	test_table_keep(&t);
	test_rule_last_line(&t);
	phrases_free(t.phrases);
	printf("# %d passed, %d failed\n", t.pass, t.fail);
	return t.fail > 0;
}
