/*
 * validate_nominee.c: the built-in checks of the nominees of a dossier:
 * their ids, the same one twice, the numbers of their certificates in
 * the decision's book (and the numbering itself), their ages, the
 * elements of collectives and individuals, and their reports.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "model.h"
#include "plan.h"
#include "fields.h"
#include "ruleset.h"

/* Sorting nominees' indexes by a key, the index breaking ties. */
struct sortctx {
	const struct nominee	*n;
	size_t			 i;
};

static int
cmp_id(const void *a, const void *b)
{
	const struct sortctx *x = a, *y = b;
	int c = strcasecmp(x->n->id.s, y->n->id.s);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* The same nominee id twice (whatever its case): at each repeat. */
void
vnom_id(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	struct sortctx		*s;
	size_t			 i, k, n = 0;
	char			 other[24];
	const char		*val[3];

	s = xcalloc(ds->nnominees, sizeof(*s));
	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].id.s != NULL) {
			s[n].n = &ds->nominees[i];
			s[n++].i = i;
		}
	if (n > 1)
		qsort(s, n, sizeof(*s), cmp_id);
	/* After sorting, an id equal to the one before it is a repeat of the
	   first of its run (the earliest in the file). */
	for (i = 1, k = 0; i < n; i++) {
		if (strcasecmp(s[i].n->id.s, s[k].n->id.s) != 0) {
			k = i;
			continue;
		}
		snprintf(other, sizeof(other), "%d", s[k].n->line);
		val[0] = s[i].n->id.s;		/* id */
		val[1] = s[k].n->id.s;		/* other-id */
		val[2] = other;			/* other-line */
		rule_report(v->d, ds->file, s[i].n->line, r, val);
	}
	free(s);
}

/* The folded name of every nominee, computed once (model.h: key). */
void
vnom_fold_keys(struct dossier *ds)
{
	size_t	 i;

	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].key == NULL && ds->nominees[i].name.s != NULL)
			ds->nominees[i].key = enc_fold_key(ds->nominees[i].name.s);
}

/*
 * Two nominees are the same collective or person when they have the same
 * kind and folded name and, for individuals, births that agree: unknown
 * (y 0) agrees with any, a year alone (m 0) with any date of that year,
 * a date with the same date.  A nominee's birth for this (collectives:
 * none).
 */
struct date
vnom_birth(const struct nominee *n)
{
	struct date	 b;

	memset(&b, 0, sizeof(b));
	if (n->kind != KIND_COLLECTIVE) {
		b = n->birth;
		if (b.m == 0)
			b.d = 0;
	}
	return b;
}

/*
 * Order: kind, folded name, birth (unknown first, then each year: the
 * year alone, then its dates), then the order given.
 */
static int
cmp_key(const void *a, const void *b)
{
	const struct sortctx *x = a, *y = b;
	struct date bx, by;
	int c;

	if (x->n->kind != y->n->kind)
		return x->n->kind < y->n->kind ? -1 : 1;
	if ((c = strcmp(x->n->key, y->n->key)) != 0)
		return c;
	bx = vnom_birth(x->n);
	by = vnom_birth(y->n);
	if (bx.y != by.y)
		return bx.y < by.y ? -1 : 1;
	if (bx.m != by.m)
		return bx.m < by.m ? -1 : 1;
	if (bx.d != by.d)
		return bx.d < by.d ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Of two entries of s (or (size_t)-1), the one given first. */
static size_t
earlier(const struct sortctx *s, size_t a, size_t b)
{
	if (a == (size_t)-1)
		return b;
	if (b == (size_t)-1)
		return a;
	return s[a].i < s[b].i ? a : b;
}

/*
 * The same collective or person twice in a dossier: reported at each
 * but the first, with the line of the first given before it that it
 * agrees with (vnom_birth()).  Sorted by name and birth, the ones a
 * nominee agrees with are runs (births unknown, its year alone, its
 * date; or all, or the year) whose first given is kept: O(n log n).
 */
void
vnom_dup(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	struct sortctx		*s;
	struct date		 bk, bq;
	size_t			 i, j, k, q, m, n = 0, all, unk, yo, yr, cl;
	size_t			*cmin, *yomin, *yrmin;
	char			 other[32];
	const char		*val[2];

	s = xcalloc(ds->nnominees + 1, sizeof(*s));
	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].key != NULL) {
			s[n].n = &ds->nominees[i];
			s[n++].i = i;
		}
	if (n > 1)
		qsort(s, n, sizeof(*s), cmp_key);
	cmin = xcalloc(n + 1, sizeof(*cmin));
	yomin = xcalloc(n + 1, sizeof(*yomin));
	yrmin = xcalloc(n + 1, sizeof(*yrmin));
	for (k = 0; k < n; k = j) {
		/* A run of one kind and name. */
		for (j = k + 1; j < n && s[j].n->kind == s[k].n->kind &&
		    strcmp(s[j].n->key, s[k].n->key) == 0; j++)
			continue;
		all = unk = (size_t)-1;
		for (q = k; q < j; q = m) {
			/* A run of one birth, and of one year. */
			bq = vnom_birth(s[q].n);
			for (m = q; m < j; m++) {
				bk = vnom_birth(s[m].n);
				if (bk.y != bq.y || bk.m != bq.m || bk.d != bq.d)
					break;
			}
			cl = q;		/* the first given of its birth */
			for (i = q; i < m; i++)
				cmin[i] = cl;
			all = earlier(s, all, cl);
			if (bq.y == 0)
				unk = cl;
		}
		for (q = k; q < j; q = m) {
			bq = vnom_birth(s[q].n);
			if (bq.y == 0) {
				m = q + 1;
				continue;
			}
			for (m = q; m < j && vnom_birth(s[m].n).y == bq.y; m++)
				continue;
			yo = bq.m == 0 ? cmin[q] : (size_t)-1;
			for (yr = (size_t)-1, i = q; i < m; i++)
				yr = earlier(s, yr, cmin[i]);
			for (i = q; i < m; i++) {
				yomin[i] = yo;
				yrmin[i] = yr;
			}
		}
		for (i = k; i < j; i++) {
			bq = vnom_birth(s[i].n);
			if (bq.y == 0)
				q = all;
			else if (bq.m == 0)
				q = earlier(s, unk, yrmin[i]);
			else
				q = earlier(s, earlier(s, unk, yomin[i]),
				    cmin[i]);
			if (s[q].i >= s[i].i)
				continue;	/* the first given */
			snprintf(other, sizeof(other), "dòng %d", s[q].n->line);
			val[0] = s[i].n->name.s;	/* name */
			val[1] = other;		/* other */
			rule_report(v->d, ds->file, s[i].n->line, r, val);
		}
	}
	free(cmin);
	free(yomin);
	free(yrmin);
	free(s);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Number the certificates: given numbers stand, the rest count up. */
void
vnom_number_books(struct dossier *ds)
{
	long	*given;
	size_t	 i, n = 0, g = 0;
	long	 next;

	for (i = 0; i < ds->nnominees; i++)
		ds->nominees[i].book_final = ds->nominees[i].book;
	if (ds->decision == NULL || ds->decision->first_book == 0)
		return;
	given = xcalloc(ds->nnominees, sizeof(*given));
	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].book != 0)
			given[n++] = ds->nominees[i].book;
	if (n > 1)
		qsort(given, n, sizeof(*given), cmp_long);
	next = ds->decision->first_book;
	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].book != 0)
			continue;
		/* Skip the numbers given explicitly (sorted: walk along). */
		while (g < n && given[g] < next)
			g++;
		while (g < n && given[g] == next) {
			next++;
			while (g < n && given[g] < next)
				g++;
		}
		ds->nominees[i].book_final = next++;
	}
	free(given);
}

static int
cmp_book(const void *a, const void *b)
{
	const struct sortctx *x = a, *y = b;

	if (x->n->book != y->n->book)
		return x->n->book < y->n->book ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* The same number in the book twice: at each repeat. */
void
vnom_book_number(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	struct sortctx		*s;
	size_t			 i, k, n = 0;
	char			 num[24], other[24];
	const char		*val[4];

	s = xcalloc(ds->nnominees, sizeof(*s));
	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].book != 0) {
			s[n].n = &ds->nominees[i];
			s[n++].i = i;
		}
	if (n > 1)
		qsort(s, n, sizeof(*s), cmp_book);
	for (i = 1, k = 0; i < n; i++) {
		if (s[i].n->book != s[k].n->book) {
			k = i;
			continue;
		}
		snprintf(num, sizeof(num), "%ld", s[i].n->book);
		snprintf(other, sizeof(other), "%d", s[k].n->book_line);
		val[0] = num;			/* number */
		val[1] = s[i].n->name.s;	/* name */
		val[2] = s[k].n->name.s;	/* other-name */
		val[3] = other;			/* other-line */
		rule_report(v->d, ds->file, s[i].n->book_line, r, val);
	}
	free(s);
}

/* The ids of the nominees listed by book-missing before "…". */
#define BOOK_MISSING_IDS	5

/*
 * The nominees of a decision left without a number in its book: once,
 * at <decision>, with their count and their ids (the first few).
 */
void
vnom_book_missing(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	struct buf		 b = BUF_INIT;
	size_t			 i, n = 0;
	char			 count[24], *ids;
	const char		*val[2];

	if (ds->decision == NULL)
		return;
	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].book_final != 0)
			continue;
		if (n < BOOK_MISSING_IDS) {
			if (n > 0)
				buf_adds(&b, ", ");
			buf_adds(&b, ds->nominees[i].id.s != NULL ?
			    ds->nominees[i].id.s : "?");
		} else if (n == BOOK_MISSING_IDS)
			buf_adds(&b, ", …");
		n++;
	}
	ids = buf_detach(&b);
	if (n > 0) {
		snprintf(count, sizeof(count), "%zu", n);
		val[0] = count;		/* count */
		val[1] = ids;		/* ids */
		rule_report(v->d, ds->file, ds->decision->line, r, val);
	}
	free(ids);
}

/* An individual younger than min or older than max at a date. */
void
vnom_age(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	struct date		 at;
	int			 line, age;
	size_t			 i;
	char			 sa[16], smin[16], smax[16], sb[16];
	const char		*val[5];

	if (validate_date(v, r->date, &at, &line) == -1)
		return;
	for (i = 0; i < ds->nnominees; i++) {
		const struct nominee *nm = &ds->nominees[i];

		if (nm->kind != KIND_INDIVIDUAL || nm->birth.y == 0)
			continue;
		age = at.y - nm->birth.y;
		if (nm->birth.m != 0 && (at.m < nm->birth.m ||
		    (at.m == nm->birth.m && at.d < nm->birth.d)))
			age--;
		if (age >= r->min && age <= r->max)
			continue;
		snprintf(sa, sizeof(sa), "%d", age);
		snprintf(smin, sizeof(smin), "%d", r->min);
		snprintf(smax, sizeof(smax), "%d", r->max);
		rule_vdate(&nm->birth, sb, sizeof(sb));
		val[0] = sa;			/* age */
		val[1] = smin;			/* min */
		val[2] = smax;			/* max */
		val[3] = sb;			/* birth */
		val[4] = nm->name.s;		/* name */
		rule_report(v->d, ds->file, nm->birth_line, r, val);
	}
}

/* Does a nominee have an element that only an individual has, and where? */
static int
has_elem(const struct nominee *nm, enum rule_elem e, int *line)
{
	switch (e) {
	case RE_GENDER:
		*line = nm->gender_line ? nm->gender_line : nm->line;
		return nm->gender != GENDER_NONE;
	case RE_BIRTH_DATE:
		*line = nm->birth_line ? nm->birth_line : nm->line;
		return nm->birth_line != 0;
	case RE_ETHNICITY:
		*line = nm->ethnicity.line;
		return nm->ethnicity.s != NULL;
	case RE_RANK:
		*line = nm->rank.line;
		return nm->rank.s != NULL;
	case RE_POSITION:
		*line = nm->position.line;
		return nm->position.s != NULL;
	}
	*line = nm->line;
	return 1;
}

/* A collective with an element only an individual has: at the element. */
void
vnom_kind_fields(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i;
	int			 line, e;
	char			 el[32];
	const char		*val[2];

	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].kind != KIND_COLLECTIVE)
			continue;
		for (e = 0; e < RE_COUNT; e++) {
			if (!has_elem(&ds->nominees[i], (enum rule_elem)e,
			    &line))
				continue;
			snprintf(el, sizeof(el), "<%s>", rule_elem_names[e]);
			val[0] = ds->nominees[i].name.s;	/* name */
			val[1] = el;		/* field */
			rule_report(v->d, ds->file, line, r, val);
		}
	}
}

/* An individual without an element the rule requires: at the nominee. */
void
vnom_individual_fields(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, j;
	int			 line;
	char			 el[40];
	const char		*val[2];

	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].kind != KIND_INDIVIDUAL)
			continue;
		for (j = 0; j < r->nelems; j++) {
			if (has_elem(&ds->nominees[i], r->elems[j], &line))
				continue;
			snprintf(el, sizeof(el), "<%s>",
			    rule_elem_names[r->elems[j]]);
			val[0] = ds->nominees[i].name.s;	/* name */
			val[1] = el;		/* field */
			rule_report(v->d, ds->file, ds->nominees[i].line, r,
			    val);
		}
	}
}

/*
 * A report signed after the date not-after (the meeting that reviewed
 * it): reported at the report of each such nominee.  A report without a
 * date is left for a date written by hand, never checked.
 */
void
vnom_report_date(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	const struct nominee	*nm;
	struct date		 lim;
	size_t			 i;
	int			 ll;
	char			 sa[16], sl[16];
	const char		*val[3];

	if (validate_date(v, r->limit, &lim, &ll) == -1)
		return;
	rule_vdate(&lim, sl, sizeof(sl));
	for (i = 0; i < ds->nnominees; i++) {
		nm = &ds->nominees[i];
		if (nm->report_date.y == 0 ||
		    date_cmp(&nm->report_date, &lim) <= 0)
			continue;
		rule_vdate(&nm->report_date, sa, sizeof(sa));
		val[0] = nm->name.s;		/* name */
		val[1] = sa;			/* date */
		val[2] = sl;			/* limit */
		rule_report(v->d, ds->file, nm->report_line, r, val);
	}
}

/*
 * A collective's report without its own head to sign it (report/signer),
 * reported at the report.
 */
void
vnom_report_signer(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	const struct nominee	*nm;
	size_t			 i;
	const char		*val[1];

	for (i = 0; i < ds->nnominees; i++) {
		nm = &ds->nominees[i];
		if (nm->kind != KIND_COLLECTIVE || nm->report_line == 0 ||
		    nm->report_signer.line != 0)
			continue;
		val[0] = nm->name.s;		/* name */
		rule_report(v->d, ds->file, nm->report_line, r, val);
	}
}

