/*
 * import.c: what the columns of a nominee list mean.  Owns the matching
 * of column headings (without regard to case or diacritics: the headings
 * of a row's number, kind, name and note here, a field's in fields.in),
 * the reading of each row into a nominee of the draft by field id
 * (dates, gender, kind, numbers), the rows that are not nominees (titles
 * above the heading row, column numbers, "A. TẬP THỂ" section rows), the
 * default output name and dossier id, and the example nominees of init.
 *
 * A row is a collective or an individual by, in this order: its "Loại"
 * cell ("Tập thể" / "Cá nhân"); which of the columns "Họ và tên" and
 * "Tên tập thể" is filled; the section row above it ("A. TẬP THỂ",
 * "B. CÁ NHÂN"); and, with one column "Họ và tên / Tên tập thể", whether
 * any particular of a person (birth date, gender, ethnicity, rank,
 * position) is filled.
 *
 * A draft is a military unit's, with ranks asked for, when --military
 * says so or, without --military or --civil, when the list's rank
 * columns ("Cấp bậc", "Quân hàm", "Cấp bậc người xác nhận") hold a
 * value; else a civil unit's, with no rank and civil examples.  init
 * is civil unless --military.
 */

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "model.h"
#include "fields.h"
#include "plan.h"
#include "csv_in.h"
#include "dossier_out.h"
#include "import.h"
#include "i18n.h"

/*
 * The columns: those of this file, which are no field of their own (a
 * row's number and kind, its name by kind, a note), then one for each
 * field with a heading in fields.in (fcol()).
 */
enum col {
	C_STT, C_KIND, C_PERSON, C_COLLECTIVE, C_EITHER, C_NOTE,
	C__OWN,
	C__MAX = C__OWN + F__MAX
};

#define fcol(f)	((int)C__OWN + (int)(f))

/*
 * The columns of this file: the heading as the sample list writes it,
 * the plain keys (enc_plain_key) of the headings it is known by, and its
 * place among the headings (fields.in gives the others theirs).
 */
static const struct {
	const char	*name;
	const char	*keys;
	int		 place;
} columns[C__OWN] = {
	[C_STT] = { "STT", "stt|so tt|so thu tu|tt", 10 },
	[C_KIND] = { "Loại", "loai|doi tuong|loai doi tuong", 30 },
	[C_PERSON] = { "Họ và tên", "ho va ten|ho ten|ho va ten ca nhan", 40 },
	[C_COLLECTIVE] = { "Tên tập thể", "ten tap the", 50 },
	[C_EITHER] = { "Họ và tên / Tên tập thể",
	    "ho va ten ten tap the|ho ten ten tap the|ten tap the ca nhan|"
	    "ten tap the ho va ten|ten tap the ho ten|tap the ca nhan", 60 },
	[C_NOTE] = { "Ghi chú", "ghi chu", 900 },
};

/* The heading of column i as the sample list writes it, or NULL. */
static const char *
col_name(int i)
{
	const struct field_draft	*fd;

	if (i < C__OWN)
		return columns[i].name;
	fd = field_defs[i - C__OWN].draft;
	return fd != NULL ? fd->heading : NULL;
}

/* The keys of column i, or NULL when it has none. */
static const char *
col_keys(int i)
{
	const struct field_draft	*fd;

	if (i < C__OWN)
		return columns[i].keys;
	fd = field_defs[i - C__OWN].draft;
	return fd != NULL && fd->heading != NULL ? fd->keys : NULL;
}

static int
col_place(int i)
{
	return i < C__OWN ? columns[i].place :
	    field_defs[i - C__OWN].draft->column;
}

struct ctx {
	struct diag		*d;
	size_t			 f;
	const struct csv	*csv;
	int			 at[C__MAX];	/* cell index, or -1 */
	const char		*heading[C__MAX]; /* as written */
	char			**head;		/* each cell's heading */
	size_t			 ncols;		/* up to the last heading */
	int			 section;	/* 1 collective, 2 person */
	char			**ids;		/* ids given or made, so far */
	size_t			 nids, capids;
	size_t			*slots;		/* hash of ids: index + 1 */
	size_t			 nslots;	/* a power of two, or 0 */
	int			 next[2];	/* next made number: CN, TT */
};

/* The column a plain heading key names, or -1. */
static int
column_of(const char *key)
{
	const char	*p, *bar;
	size_t		 i, len = strlen(key);

	for (i = 0; i < C__MAX; i++)
		for (p = col_keys((int)i); p != NULL; p = bar != NULL ?
		    bar + 1 : NULL) {
			bar = strchr(p, '|');
			if ((bar != NULL ? (size_t)(bar - p) : strlen(p)) ==
			    len && strncmp(p, key, len) == 0)
				return (int)i;
		}
	return -1;
}

static int
is_empty(const char *s)
{
	return strspn(s, " \t\n") == strlen(s);
}

/* Folded text of a cell (new string; "" when the row has no such cell). */
static char *
cell_text(const struct csv_row *r, int i)
{
	char	*t;

	if (i < 0 || (size_t)i >= r->n)
		return xstrdup("");
	t = enc_text(r->cells[i].s, strlen(r->cells[i].s));
	return t != NULL ? t : xstrdup("");
}

/* The folded text of column c in row r, or NULL when absent or empty. */
static char *
get(const struct ctx *c, const struct csv_row *r, int col)
{
	char	*t = cell_text(r, c->at[col]);

	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

static int
line_of(const struct ctx *c, const struct csv_row *r, int col)
{
	int	 i = c->at[col];

	return i >= 0 && (size_t)i < r->n ? r->cells[i].line : r->line;
}

/* A finding about the cell of column col in row r (a printf format). */
static void
bad(const struct ctx *c, const struct csv_row *r, int col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
bad(const struct ctx *c, const struct csv_row *r, int col,
    const char *fmt, ...)
{
	char	 msg[2048], *all;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	all = xasprintf("cột “%s”: %s", c->heading[col] != NULL ?
	    c->heading[col] : col_name(col), msg);
	diag_code(c->d, c->f, line_of(c, r, col), DC_CSV_VALUE, all);
	free(all);
}

/* Up to three numbers separated by one of / - . (the same each time). */
static int
split_date(const char *s, long v[3], int len[3], int *n)
{
	char	 sep = 0;

	*n = 0;
	for (;;) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v[*n] = 0;
		len[*n] = 0;
		while (isdigit((unsigned char)*s)) {
			if (++len[*n] > 4)
				return -1;
			v[*n] = v[*n] * 10 + (*s++ - '0');
		}
		(*n)++;
		if (*s == '\0')
			return 0;
		if (*n == 3 || (*s != '/' && *s != '-' && *s != '.') ||
		    (sep != 0 && *s != sep))
			return -1;
		sep = *s++;
	}
}

/*
 * A date as offices write it (15/7/2024, 15/07/2024, 15-7-2024,
 * 15.7.2024; 2024-07-15; a year alone) into ISO form (new string), or
 * NULL after reporting.  Day first: 5/7/2024 is the 5th of July.
 */
static char *
date_cell(const struct ctx *c, const struct csv_row *r, int col,
    const char *s)
{
	struct date	 dt, end;
	long		 v[3];
	int		 len[3], n;
	char		 iso[16], *q;

	if (split_date(s, v, len, &n) == -1 || n == 2) {
		bad(c, r, col, "“%s” không phải ngày tháng; hãy viết "
		    "ngày/tháng/năm, ví dụ 15/7/1986, hoặc chỉ năm, ví dụ 1986",
		    (q = enc_shorten(s, 40)));
		free(q);
		return NULL;
	}
	if (n == 1) {
		if (len[0] != 4) {
			bad(c, r, col, "năm “%s” phải viết đủ bốn chữ số, ví "
			    "dụ 1986", s);
			return NULL;
		}
		return xstrdup(s);
	}
	if (len[0] == 4) {
		dt.y = (int)v[0];
		dt.m = (int)v[1];
		dt.d = (int)v[2];
	} else {
		dt.d = (int)v[0];
		dt.m = (int)v[1];
		dt.y = (int)v[2];
	}
	if (len[0] != 4 && len[2] != 4) {
		bad(c, r, col, "ngày “%s”: năm phải viết đủ bốn chữ số, ví dụ "
		    "15/7/1986", s);
		return NULL;
	}
	if (dt.m < 1 || dt.m > 12 || dt.y < 1) {
		bad(c, r, col, "ngày “%s” không có trong lịch: không có tháng "
		    "%d; hãy viết ngày trước, tháng sau, ví dụ 15/7/1986", s,
		    dt.m);
		return NULL;
	}
	end = date_month_end(dt.y, dt.m);
	if (dt.d < 1 || dt.d > end.d) {
		bad(c, r, col, "ngày “%s” không có trong lịch: tháng %d năm %d "
		    "có %d ngày; hãy kiểm tra ngày và tháng", s, dt.m, dt.y,
		    end.d);
		return NULL;
	}
	date_iso(&dt, iso, sizeof(iso));
	return xstrdup(iso);
}

/* A whole number (non-negative, or positive when positive) or NULL. */
static char *
number_cell(const struct ctx *c, const struct csv_row *r, int col,
    const char *s, int positive)
{
	char	*q;

	if (*s == '\0' || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 9 || (positive && strtol(s, NULL, 10) == 0)) {
		bad(c, r, col, "“%s” không phải số nguyên %s",
		    (q = enc_shorten(s, 40)), positive ? "dương" : "không âm");
		free(q);
		return NULL;
	}
	return xasprintf("%ld", strtol(s, NULL, 10));
}

static char *
gender_cell(const struct ctx *c, const struct csv_row *r, int col,
    const char *s)
{
	char	*k = enc_plain_key(s), *g = NULL, *q;

	if (strcmp(k, "nam") == 0 || strcmp(k, "male") == 0)
		g = xstrdup("male");
	else if (strcmp(k, "nu") == 0 || strcmp(k, "female") == 0)
		g = xstrdup("female");
	else {
		bad(c, r, col, "“%s” không phải giới tính; hãy viết Nam "
		    "hoặc Nữ", (q = enc_shorten(s, 40)));
		free(q);
	}
	free(k);
	return g;
}

/* 1 collective, 2 individual, from a "Loại" cell (TT, CN too); else 0. */
static int
kind_of(const char *s)
{
	char	*k = enc_plain_key(s);
	int	 coll, ind;

	coll = strstr(k, "tap the") != NULL || strcmp(k, "tt") == 0;
	ind = strstr(k, "ca nhan") != NULL || strcmp(k, "cn") == 0;
	free(k);
	return coll && !ind ? 1 : ind && !coll ? 2 : 0;
}

/* A hash of an id that ignores ASCII case (FNV-1a). */
static size_t
id_hash(const char *id)
{
	size_t	 h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)tolower((unsigned char)*id)) *
		    16777619u;
	return h;
}

/* Is id (ignoring case) given or made already?  Expected O(1). */
static int
id_taken(const struct ctx *c, const char *id)
{
	size_t	 h, k;

	if (c->nslots == 0)
		return 0;
	for (h = id_hash(id) & (c->nslots - 1); (k = c->slots[h]) != 0;
	    h = (h + 1) & (c->nslots - 1))
		if (strcasecmp(c->ids[k - 1], id) == 0)
			return 1;
	return 0;
}

static void
id_slot(struct ctx *c, size_t i)
{
	size_t	 h;

	for (h = id_hash(c->ids[i]) & (c->nslots - 1); c->slots[h] != 0;
	    h = (h + 1) & (c->nslots - 1))
		continue;
	c->slots[h] = i + 1;
}

static void
id_add(struct ctx *c, const char *id)
{
	size_t	 i;

	c->ids = xgrow(c->ids, &c->capids, c->nids + 1, sizeof(*c->ids));
	c->ids[c->nids++] = xstrdup(id);
	/* At most half full: grown and filled again when it would be. */
	if (c->nids * 2 > c->nslots) {
		free(c->slots);
		c->nslots = c->nslots == 0 ? 64 : c->nslots * 2;
		c->slots = xcalloc(c->nslots, sizeof(*c->slots));
		for (i = 0; i < c->nids; i++)
			id_slot(c, i);
	} else
		id_slot(c, c->nids - 1);
}

/* A given id, checked; NULL after reporting. */
static char *
id_cell(struct ctx *c, const struct csv_row *r, int col, const char *s)
{
	char	*q;

	if (strlen(s) > 32 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(s)) {
		bad(c, r, col, "mã “%s” không hợp lệ: chỉ dùng chữ cái không "
		    "dấu, chữ số, '_' và '-', tối đa 32 ký tự (mã là tên tệp "
		    "kết quả)", (q = enc_shorten(s, 40)));
		free(q);
		return NULL;
	}
	if (strcasecmp(s, "in") == 0) {
		/* validate.c: the print file is bang-khen-in.pdf. */
		bad(c, r, col, "mã “%s” trùng với tên tệp dành riêng "
		    "bang-khen-in.pdf (tệp in tất cả Bằng khen); hãy chọn mã "
		    "khác", (q = enc_shorten(s, 40)));
		free(q);
		return NULL;
	}
	if (id_taken(c, s)) {
		bad(c, r, col, "mã “%s” đã dùng cho một dòng trên (không phân "
		    "biệt hoa thường); mỗi tập thể, cá nhân cần một mã riêng",
		    s);
		return NULL;
	}
	id_add(c, s);
	return xstrdup(s);
}

/* TT01, TT02... for collectives, CN01... for individuals. */
static char *
id_make(struct ctx *c, int collective)
{
	char	 id[24];
	int	*i = &c->next[collective != 0];

	/* The numbers below next are all taken: made, or given before. */
	if (*i < 1)
		*i = 1;
	for (; ; (*i)++) {
		snprintf(id, sizeof(id), "%s%02d", collective ? "TT" : "CN",
		    *i);
		if (!id_taken(c, id))
			break;
	}
	(*i)++;
	id_add(c, id);
	return xstrdup(id);
}

/*
 * The paragraphs of cell i, one per line written in it, as lines of one
 * new string, or NULL when there is none.
 */
static char *
paras_cell(const struct csv_row *r, int i)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *nl;
	char		*t;

	if (i < 0 || (size_t)i >= r->n)
		return NULL;
	for (p = r->cells[i].s; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		t = enc_text(p, (size_t)(nl - p));
		if (t != NULL && *t != '\0')
			buf_printf(&b, "%s%s", b.len > 0 ? "\n" : "", t);
		free(t);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* A control character (other than tab and line end) in a cell, or 0. */
static int
control_in(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
			return (unsigned char)*s;
	return 0;
}

/*
 * The kind a section row names: "A. TẬP THỂ", "II. Cá nhân", "Các tập
 * thể (03)" (1 collective, 2 individual), else 0.
 */
static int
section_of(const char *s)
{
	static const char *const words[] = { "tap the", "cac tap the",
	    "ca nhan", "cac ca nhan" };
	char	*k = enc_plain_key(s), *p = k, *end;
	size_t	 i, n;
	int	 kind = 0;

	/* A leading list mark: a letter, a number or a roman numeral. */
	n = strcspn(p, " ");
	if (p[n] == ' ' && (n == 1 || strspn(p, "0123456789") == n ||
	    strspn(p, "ivx") == n))
		p += n + 1;
	/* A count at the end. */
	if ((end = strrchr(p, ' ')) != NULL &&
	    strspn(end + 1, "0123456789") == strlen(end + 1))
		*end = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(p, words[i]) == 0)
			kind = i < 2 ? 1 : 2;
	free(k);
	return kind;
}

/*
 * Is the row a nominee?  Rows with nothing but numbers ("(1)", "(2)"...
 * under the headings, or a numbered empty line) are not; nor is a row
 * with one cell naming a section ("A. TẬP THỂ"), which sets c->section.
 */
static int
is_nominee(struct ctx *c, const struct csv_row *r)
{
	const char	*s;
	size_t		 i, filled = 0, numbers = 0;
	int		 k = 0;

	for (i = 0; i < r->n; i++) {
		s = r->cells[i].s + strspn(r->cells[i].s, " \t\n");
		if (*s == '\0')
			continue;
		filled++;
		if (*s == '(')
			s++;
		if (isdigit((unsigned char)*s)) {
			s += strspn(s, "0123456789");
			if (*s == ')')
				s++;
			if (is_empty(s))
				numbers++;
		}
		k = section_of(r->cells[i].s);
	}
	if (numbers == filled)
		return 0;
	if (filled == 1 && k != 0) {
		c->section = k;
		return 0;
	}
	return 1;
}

/*
 * The row's shape: as many cells as the heading row, none beyond it or
 * under a column without a heading filled, no control character.
 * Returns 1, or 0 after reporting.
 */
static int
shape_ok(const struct ctx *c, const struct csv_row *r)
{
	const char	*s;
	size_t		 i;
	char		*q, *t;
	int		 ok = 1, ctl;

	if (r->n < c->ncols) {
		diag_code(c->d, c->f, r->line, DC_CSV_SHORT, r->n, c->ncols,
		    c->head[r->n]);
		ok = 0;
	}
	for (i = 0; i < r->n; i++) {
		s = r->cells[i].s;
		if ((ctl = control_in(s)) != 0) {
			diag_code(c->d, c->f, r->cells[i].line, DC_CSV_VALUE,
			    (q = xasprintf("ô thứ %zu có ký tự điều khiển mã "
			    "0x%02X, không in được; hãy xóa ký tự đó", i + 1,
			    ctl)));
			free(q);
			ok = 0;
		}
		if (is_empty(s))
			continue;
		q = enc_shorten((t = cell_text(r, (int)i)), 40);
		free(t);
		if (i >= c->ncols) {
			diag_code(c->d, c->f, r->cells[i].line, DC_CSV_LONG,
			    r->n, c->ncols, i + 1, q);
			free(q);
			return 0;
		}
		if (*c->head[i] == '\0') {
			diag_code(c->d, c->f, r->cells[i].line, DC_CSV_UNNAMED,
			    (int)i + 1, q);
			ok = 0;
		}
		free(q);
	}
	return ok;
}

/*
 * The heading row: the first row with more than one cell filled, or one
 * that names a column (rows above it are the list's title).
 */
static size_t
heading_row(const struct csv *csv)
{
	const struct csv_row	*r;
	size_t			 i, j, filled, known;
	char			*k;

	for (i = 0; i < csv->nrows; i++) {
		r = &csv->rows[i];
		filled = known = 0;
		for (j = 0; j < r->n; j++) {
			if (is_empty(r->cells[j].s))
				continue;
			filled++;
			k = enc_plain_key(r->cells[j].s);
			if (column_of(k) >= 0)
				known++;
			free(k);
		}
		if (filled > 1 || known > 0)
			return i;
	}
	return 0;
}

/* The headings known, in their places, as a list "STT, Mã, …". */
static void
known_list(struct buf *b)
{
	int	 i, best, last = -1;

	for (;;) {
		best = -1;
		for (i = 0; i < C__MAX; i++)
			if (col_keys(i) != NULL && col_place(i) > last &&
			    (best < 0 || col_place(i) < col_place(best)))
				best = i;
		if (best < 0)
			return;
		buf_printf(b, "%s%s", last >= 0 ? ", " : "", col_name(best));
		last = col_place(best);
	}
}

/*
 * Match the headings of row hr to columns.  Returns 0, or -1 after
 * reporting.
 */
static int
headings(struct ctx *c, size_t hr)
{
	const struct csv_row	*h = &c->csv->rows[hr];
	struct buf		 known = BUF_INIT;
	size_t			 i;
	char			*k, *q;
	int			 col, err = 0;

	c->head = xcalloc(h->n + 1, sizeof(*c->head));
	for (i = 0; i < h->n; i++) {
		c->head[i] = cell_text(h, (int)i);
		if (*c->head[i] != '\0')
			c->ncols = i + 1;
	}
	known_list(&known);
	for (i = 0; i < c->ncols; i++) {
		if (*c->head[i] == '\0')
			continue;
		k = enc_plain_key(c->head[i]);
		col = column_of(k);
		free(k);
		q = enc_shorten(c->head[i], 40);
		if (col < 0) {
			diag_code(c->d, c->f, h->cells[i].line, DC_CSV_COLUMN,
			    q, known.s);
			err = 1;
		} else if (c->at[col] >= 0) {
			diag_code(c->d, c->f, h->cells[i].line,
			    DC_CSV_DUP_COLUMN, q, c->head[c->at[col]],
			    c->at[col] + 1);
			err = 1;
		} else {
			c->at[col] = (int)i;
			c->heading[col] = c->head[i];
		}
		free(q);
	}
	buf_free(&known);
	if (!err && c->at[C_PERSON] < 0 && c->at[C_COLLECTIVE] < 0 &&
	    c->at[C_EITHER] < 0) {
		diag_code(c->d, c->f, h->line, DC_CSV_NO_NAME);
		err = 1;
	}
	return err ? -1 : 0;
}

/*
 * The kind of the row (1 collective, 2 individual) and its name, or 0
 * after reporting.
 */
static int
kind_and_name(struct ctx *c, const struct csv_row *r, char **name)
{
	char	*person = get(c, r, C_PERSON), *coll = get(c, r, C_COLLECTIVE);
	char	*either = get(c, r, C_EITHER), *kind = get(c, r, C_KIND);
	char	*q;
	int	 k = 0, col;
	size_t	 f;

	*name = NULL;
	if (kind != NULL) {
		if ((k = kind_of(kind)) == 0) {
			bad(c, r, C_KIND, "“%s” không rõ là tập thể hay cá "
			    "nhân; hãy viết Tập thể hoặc Cá nhân",
			    (q = enc_shorten(kind, 40)));
			free(q);
		}
	} else if (person != NULL && coll != NULL) {
		bad(c, r, C_COLLECTIVE, "dòng đã có tên cá nhân “%s” ở cột "
		    "“%s”; mỗi dòng là một cá nhân hoặc một tập thể: hãy xóa "
		    "một trong hai tên", (q = enc_shorten(person, 40)),
		    c->heading[C_PERSON]);
		free(q);
	} else if (person != NULL)
		k = 2;
	else if (coll != NULL)
		k = 1;
	else if (c->section != 0)
		k = c->section;
	else {
		k = 1;
		for (f = 0; f < F__MAX; f++)
			if (field_defs[f].draft != NULL &&
			    (field_defs[f].draft->mark & FD_PERSON) &&
			    c->at[fcol(f)] >= 0 &&
			    (q = get(c, r, fcol(f))) != NULL) {
				free(q);
				k = 2;
			}
	}
	if (k != 0) {
		char **own = k == 2 ? &person : &coll;

		*name = *own != NULL ? *own : either;
		if (*name == *own)
			*own = NULL;
		else
			either = NULL;
	}
	if (k != 0 && *name == NULL) {
		col = c->at[C_EITHER] >= 0 ? C_EITHER : k == 2 ?
		    C_PERSON : C_COLLECTIVE;
		if (c->at[col] < 0)
			col = k == 2 ? C_COLLECTIVE : C_PERSON;
		bad(c, r, col, "để trống; dòng của %s cần có %s", k == 2 ?
		    "cá nhân" : "tập thể", k == 2 ? "họ và tên" :
		    "tên tập thể");
		k = 0;
	}
	free(person);
	free(coll);
	free(either);
	free(kind);
	return k;
}

static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/*
 * The value of the cell v of column col in row r as field f reads it
 * (new string), or NULL after reporting.
 */
static char *
read_cell(struct ctx *c, const struct csv_row *r, enum field f, char *v)
{
	int	 col = fcol(f);

	switch (field_defs[f].draft->read) {
	case FR_NONE:
	case FR_TEXT:
	case FR_PARAS:
		return xstrdup(v);
	case FR_ID:
		return id_cell(c, r, col, v);
	case FR_GENDER:
		return gender_cell(c, r, col, v);
	case FR_DATE:
		return date_cell(c, r, col, v);
	case FR_COUNT:
		return number_cell(c, r, col, v, 0);
	case FR_POSITIVE:
		return number_cell(c, r, col, v, 1);
	}
	return NULL;
}

/*
 * Row r as a nominee into n: its kind and name, then each field with a
 * column (fields.in), in the table's order.  Returns 0, or -1 after
 * reporting.
 */
static int
nominee_of(struct ctx *c, const struct csv_row *r, const char *list,
    struct draft_nominee *n)
{
	const struct field_draft	*fd;
	size_t				 errs = diag_errors(c->d, c->f), f;
	char				*v, *stt;
	int				 k;

	memset(n, 0, sizeof(*n));
	k = kind_and_name(c, r, &n->v[F_NOM_NAME]);
	n->collective = k == 1;
	for (f = 0; f < F__MAX; f++) {
		if ((fd = field_defs[f].draft) == NULL || fd->heading == NULL)
			continue;
		if (fd->read == FR_PARAS)
			n->v[f] = paras_cell(r, c->at[fcol(f)]);
		else if ((v = get(c, r, fcol(f))) != NULL) {
			n->v[f] = read_cell(c, r, (enum field)f, v);
			free(v);
		}
	}
	if (k == 0 || diag_errors(c->d, c->f) > errs) {
		draft_nominee_free(n);
		return -1;
	}
	if (n->v[F_NOM_ID] == NULL)
		n->v[F_NOM_ID] = id_make(c, n->collective);
	stt = get(c, r, C_STT);
	n->source = xasprintf("Dòng %d của %s%s%s.", r->line, list,
	    stt != NULL ? ", STT " : "", stt != NULL ? stt : "");
	free(stt);
	return 0;
}

/* Does a nominee of the list have a rank (FD_RANK), its own or another? */
static int
ranked(const struct draft *dr)
{
	size_t	 i, f;

	for (i = 0; i < dr->n; i++)
		for (f = 0; f < F__MAX; f++)
			if (field_defs[f].draft != NULL &&
			    (field_defs[f].draft->mark & FD_RANK) &&
			    dr->nominees[i].v[f] != NULL)
				return 1;
	return 0;
}

/*
 * What the sheet lacks (c NULL: init, with no sheet): a person's
 * particulars (FD_PERSON), which the plan expects, are marked even when
 * the cell is empty; for a military unit, the ranks (FD_RANK) too, but
 * only when the sheet has no such column (an empty cell: no rank, as
 * for a defence worker).
 */
static void
expect_lacking(const struct ctx *c, struct draft_nominee *n, int military)
{
	unsigned int	 m;
	size_t		 f;

	for (f = 0; f < F__MAX; f++) {
		if (field_defs[f].draft == NULL || n->v[f] != NULL)
			continue;
		m = field_defs[f].draft->mark;
		if (!(m & (FD_PERSON | FD_RANK)) ||
		    ((m & FD_PERSON) && n->collective) ||
		    ((m & FD_RANK) && (!military ||
		    (c != NULL && c->at[fcol(f)] >= 0))))
			continue;
		n->mark[f] = 1;
	}
}

/* The default output: the list's name with .xml for .csv (new string). */
static char *
default_out(const char *path)
{
	size_t	 len = strlen(path);

	if (len > 4 && strcasecmp(path + len - 4, ".csv") == 0)
		return xasprintf("%.*s.xml", (int)(len - 4), path);
	return xasprintf("%s.xml", path);
}

/*
 * A dossier id from the output's file name: plain lower-case letters,
 * digits and '-' (new string), or NULL when nothing is left of it.
 */
static char *
dossier_id(const char *out)
{
	const char	*b = base_name(out);
	struct buf	 id = BUF_INIT;
	char		*name, *k, *p;
	size_t		 len = strlen(b);

	if (len > 4 && strcasecmp(b + len - 4, ".xml") == 0)
		len -= 4;
	name = xstrndup(b, len);
	k = enc_plain_key(name);
	free(name);
	for (p = k; *p != '\0' && id.len < 64; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			buf_addc(&id, *p);
		else if (id.len > 0 && id.s[id.len - 1] != '-')
			buf_addc(&id, '-');
	free(k);
	while (id.len > 0 && id.s[id.len - 1] == '-')
		id.s[--id.len] = '\0';
	if (id.len == 0) {
		buf_free(&id);
		return NULL;
	}
	return buf_detach(&id);
}

static void
ctx_free(struct ctx *c)
{
	size_t	 i;

	for (i = 0; c->head != NULL && c->head[i] != NULL; i++)
		free(c->head[i]);
	free(c->head);
	for (i = 0; i < c->nids; i++)
		free(c->ids[i]);
	free(c->ids);
	free(c->slots);
}

static void
draft_free(struct draft *dr)
{
	size_t	 i;

	for (i = 0; i < dr->n; i++)
		draft_nominee_free(&dr->nominees[i]);
	free(dr->nominees);
	free(dr->id);
	free(dr->origin);
}

/*
 * The count of marked places in text.  By the mark's first byte, not
 * strstr(): a checker's strstr reads the rest of the text at each call,
 * which made a long list's draft quadratic under the sanitizers.
 */
static size_t
marks(const char *text)
{
	size_t		 n = 0, len = strlen(DOSSIER_MARK);
	const char	*p;

	for (p = text; (p = strchr(p, DOSSIER_MARK[0])) != NULL; p++)
		if (strncmp(p, DOSSIER_MARK, len) == 0)
			n++;
	return n;
}

/*
 * Write the draft; on success, unless quiet, say on standard error
 * where, with how many nominees and places left to fill.
 */
static void
finish(struct draft *dr, const struct import_opts *o, struct diag *d)
{
	char	*xml = draft_xml(dr), a[32], b[32];
	size_t	 n = marks(xml);

	if (draft_write(o->out, xml, o->force, d) == 0 && o->out != NULL &&
	    !o->quiet) {
		(void)i18n_count(a, sizeof(a), dr->n);
		(void)i18n_count(b, sizeof(b), n);
		fprintf(stderr, ngettext("Wrote %s with %s nominee.",
		    "Wrote %s with %s nominees.", dr->n), o->out, a);
		fputc('\n', stderr);
		fprintf(stderr, ngettext("%s place is left to fill: khenthuong "
		    "check %s lists it.", "%s places are left to fill: "
		    "khenthuong check %s lists them.", n), b, o->out);
		fputc('\n', stderr);
	}
	free(xml);
}

void
import_list(const char *path, const struct import_opts *o, struct diag *d)
{
	struct ctx		 c;
	struct csv		*csv;
	struct draft		 dr;
	struct draft_nominee	 n;
	struct import_opts	 oo;
	char			*out;
	size_t			 i, hr, cap = 0;

	memset(&c, 0, sizeof(c));
	memset(&dr, 0, sizeof(dr));
	for (i = 0; i < C__MAX; i++)
		c.at[i] = -1;
	c.d = d;
	c.f = diag_file(d, path, DIAG_DOSSIER);
	if ((c.csv = csv = csv_read(path, d, c.f)) == NULL)
		return;
	hr = heading_row(csv);
	if (diag_errors(d, c.f) > 0 || headings(&c, hr) == -1)
		goto done;
	for (i = hr + 1; i < csv->nrows; i++) {
		if (!is_nominee(&c, &csv->rows[i]) ||
		    !shape_ok(&c, &csv->rows[i]) ||
		    nominee_of(&c, &csv->rows[i], base_name(path), &n) == -1)
			continue;
		dr.nominees = xgrow(dr.nominees, &cap, dr.n + 1, sizeof(n));
		dr.nominees[dr.n++] = n;
	}
	if (dr.n == 0 && diag_errors(d, c.f) == 0)
		diag_code(d, c.f, csv->rows[hr].line, DC_CSV_NO_ROWS);
	if (diag_errors(d, c.f) > 0)
		goto done;
	dr.military = o->unit == IMPORT_UNIT_MILITARY ||
	    (o->unit == IMPORT_UNIT_LIST && ranked(&dr));
	for (i = 0; i < dr.n; i++)
		expect_lacking(&c, &dr.nominees[i], dr.military);
	oo = *o;
	oo.out = out = o->out != NULL ? xstrdup(o->out) : default_out(path);
	dr.id = dossier_id(out);
	dr.plan = o->plan;
	dr.phase = o->phase;
	dr.origin = xasprintf("lập từ danh sách %s", base_name(path));
	finish(&dr, &oo, d);
	free(out);
done:
	draft_free(&dr);
	ctx_free(&c);
	csv_free(csv);
}

void
import_init(const struct import_opts *o, struct diag *d)
{
	struct draft		 dr;
	struct draft_nominee	 nm[2];
	int			 i;

	memset(&dr, 0, sizeof(dr));
	memset(nm, 0, sizeof(nm));
	dr.id = o->out != NULL ? dossier_id(o->out) : NULL;
	dr.plan = o->plan;
	dr.phase = o->phase;
	dr.origin = xstrdup("khung do lệnh khenthuong init lập");
	dr.verbose = 1;
	dr.military = o->unit == IMPORT_UNIT_MILITARY;
	for (i = 0; i < 2; i++) {
		nm[i].collective = i == 0;
		nm[i].v[F_NOM_ID] = xstrdup(i == 0 ? "TT01" : "CN01");
		expect_lacking(NULL, &nm[i], dr.military);
		nm[i].source = xstrdup(i == 0 ? "Một tập thể (xóa nếu không "
		    "có; thêm tập thể khác theo mẫu này)." : "Một cá nhân (xóa "
		    "nếu không có; thêm cá nhân khác theo mẫu này).");
	}
	dr.nominees = nm;
	dr.n = 2;
	finish(&dr, o, d);
	dr.nominees = NULL;
	dr.n = 0;
	draft_free(&dr);
	draft_nominee_free(&nm[0]);
	draft_nominee_free(&nm[1]);
}
