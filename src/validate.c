/*
 * validate.c: the meaning of a dossier, checked against its plan.  Owns
 * the table of built-in checks (what each reads, its parameters and the
 * placeholders its message may use), the table of fields that pattern
 * rules read, message formatting, and the numbering of certificates in
 * the decision's book.  Every finding goes to the diagnostics with the
 * rule's own id, severity and message from the plan.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "model.h"
#include "fields.h"
#include "rules.h"
#include "plan.h"
#include "validate.h"

/* --- Fields that pattern rules read (fields.in). ------------------- */

/* Which nominees a field spec applies to: "nominee.name[individual]". */
enum filter {
	FILTER_ALL,
	FILTER_COLLECTIVE,
	FILTER_INDIVIDUAL
};

struct fval {
	const char		*s;
	int			 line;
	const struct nominee	*nm;
	char			*owned;
};

struct fvec {
	struct fval	*v;
	size_t		 n, cap;
};

static void
fadd(struct fvec *fv, const struct text *t, const struct nominee *nm)
{
	if (t->s == NULL)
		return;
	fv->v = xgrow(fv->v, &fv->cap, fv->n + 1, sizeof(*fv->v));
	fv->v[fv->n].s = t->s;
	fv->v[fv->n].line = t->line;
	fv->v[fv->n].nm = nm;
	fv->v[fv->n].owned = NULL;
	fv->n++;
}

static void
fadd_paras(struct fvec *fv, const struct paras *p, const struct nominee *nm)
{
	size_t	 i;

	for (i = 0; i < p->np; i++)
		fadd(fv, &p->p[i], nm);
}

/* Summary and every paragraph of the report, as one text. */
static void
fadd_achievements(struct fvec *fv, const struct nominee *nm)
{
	struct buf	 b = { NULL, 0, 0 };
	struct text	 t;
	size_t		 i, j;

	if (nm->summary.s != NULL)
		buf_adds(&b, nm->summary.s);
	for (i = 0; i < nm->nsections; i++)
		for (j = 0; j < nm->sections[i].paras.np; j++)
			if (nm->sections[i].paras.p[j].s != NULL) {
				buf_addc(&b, '\n');
				buf_adds(&b, nm->sections[i].paras.p[j].s);
			}
	t.s = buf_detach(&b);
	t.line = nm->line;
	fadd(fv, &t, nm);
	fv->v[fv->n - 1].owned = t.s;
}

/* The texts of field f of obj (an object of the field's kind). */
static void
fadd_field(struct fvec *fv, enum field f, const void *obj,
    const struct nominee *nm)
{
	const struct field_def	*fd = &field_defs[f];
	const char		*o = obj;
	const struct text	*t;
	size_t			 i, n;

	switch (fd->type) {
	case FT_TEXT:
		fadd(fv, field_text(f, obj), nm);
		break;
	case FT_TEXTS:
		memcpy(&t, o + fd->off, sizeof(t));
		memcpy(&n, o + fd->aux, sizeof(n));
		for (i = 0; i < n; i++)
			fadd(fv, &t[i], nm);
		break;
	case FT_REPORT:
		for (i = 0; i < nm->nsections; i++)
			fadd_paras(fv, &nm->sections[i].paras, nm);
		break;
	case FT_ACHIEVEMENTS:
		fadd_achievements(fv, nm);
		break;
	case FT_DATE:
	case FT_INT:
	case FT_LONG:
	case FT_GENDER:
		break;
	}
}

static void
collect_nominee(struct fvec *fv, enum field f, const struct nominee *nm)
{
	size_t	 i;

	switch (field_defs[f].obj) {
	case FO_NOMINEE:
		fadd_field(fv, f, nm, nm);
		break;
	case FO_SECTION:
		for (i = 0; i < nm->nsections; i++)
			fadd_field(fv, f, &nm->sections[i], nm);
		break;
	case FO_AWARD:
		for (i = 0; i < nm->nawards; i++)
			fadd_field(fv, f, &nm->awards[i], nm);
		break;
	case FO_DOSSIER:
	case FO_MEMBER:
	case FO_DECISION:
		break;
	}
}

static void
collect(struct fvec *fv, const struct dossier *d, enum field f,
    enum filter filt)
{
	const struct nominee	*nm;
	size_t			 i;

	switch (field_defs[f].obj) {
	case FO_DOSSIER:
		fadd_field(fv, f, d, NULL);
		break;
	case FO_MEMBER:
		for (i = 0; i < d->meeting.nmembers; i++)
			fadd_field(fv, f, &d->meeting.members[i], NULL);
		break;
	case FO_DECISION:
		if (d->decision != NULL)
			fadd_field(fv, f, d->decision, NULL);
		break;
	case FO_NOMINEE:
	case FO_SECTION:
	case FO_AWARD:
		for (i = 0; i < d->nnominees; i++) {
			nm = &d->nominees[i];
			if ((filt == FILTER_COLLECTIVE &&
			    nm->kind != KIND_COLLECTIVE) ||
			    (filt == FILTER_INDIVIDUAL &&
			    nm->kind != KIND_INDIVIDUAL))
				continue;
			collect_nominee(fv, f, nm);
		}
		break;
	}
}

static void
fvec_free(struct fvec *fv)
{
	size_t	 i;

	for (i = 0; i < fv->n; i++)
		free(fv->v[i].owned);
	free(fv->v);
	memset(fv, 0, sizeof(*fv));
}

/* "nominee.name[individual]" -> field and filter; -1 if unknown. */
static int
field_parse(const char *spec, enum field *f, enum filter *filt)
{
	const char	*br;
	size_t		 len;
	int		 i;

	*filt = FILTER_ALL;
	len = strlen(spec);
	if ((br = strchr(spec, '[')) != NULL) {
		if (strcmp(br, "[individual]") == 0)
			*filt = FILTER_INDIVIDUAL;
		else if (strcmp(br, "[collective]") == 0)
			*filt = FILTER_COLLECTIVE;
		else
			return -1;
		len = (size_t)(br - spec);
	}
	if ((i = field_by_rule(spec, len)) < 0)
		return -1;
	*f = (enum field)i;
	if (*filt != FILTER_ALL && strncmp(spec, "nominee.", 8) != 0)
		return -1;
	return 0;
}

/* --- Messages. ---------------------------------------------------- */

struct var {
	const char	*name;
	const char	*value;
};

/* Replace {name} in a rule's message with the values of vars. */
static char *
format(const char *tmpl, const struct var *vars, size_t nvars)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p, *q;
	size_t		 i;

	for (p = tmpl; *p != '\0'; p++) {
		if (*p == '{' && (q = strchr(p, '}')) != NULL) {
			for (i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == (size_t)(q - p - 1)
				    && strncmp(vars[i].name, p + 1,
				    (size_t)(q - p - 1)) == 0)
					break;
			if (i < nvars) {
				buf_adds(&b, vars[i].value != NULL ?
				    vars[i].value : "");
				p = q;
				continue;
			}
		}
		buf_addc(&b, *p);
	}
	return buf_detach(&b);
}

static void
report(struct diag *d, size_t file, int line, const struct plan_rule *r,
    const struct var *vars, size_t nvars)
{
	char	*m;

	m = format(r->message, vars, nvars);
	diag_rule(d, file, line, r->sev, r->id, m);
	free(m);
}

/* "05/7/2024" as Vietnamese documents write dates in running text. */
static void
vdate(const struct date *d, char *buf, size_t sz)
{
	if (d->m == 0)
		snprintf(buf, sz, "%d", d->y);
	else
		snprintf(buf, sz, "%02d/%d/%d", d->d, d->m, d->y);
}

/* --- Built-in checks. --------------------------------------------- */

/*
 * Matches of a dossier that may reach the match limit of rules.c before
 * the remaining pattern rules of that dossier are skipped: with the
 * limit, a bound on the work a plan's patterns can do on one dossier
 * however many rules reach it.
 */
#define RULE_LIMIT_BUDGET	10

struct vctx {
	const struct plan	*plan;
	struct dossier		*ds;
	const struct plan_phase	*phase;
	struct diag		*d;
	int			 limit_hits;	/* matches that hit the limit */
};

/* A named date of the dossier or its phase: 0 and *out, or -1. */
static int
named_date(const struct vctx *v, const char *name, struct date *out,
    int *line)
{
	const struct dossier	*ds = v->ds;

	*line = ds->line;
	if (strcmp(name, "meeting") == 0) {
		*out = ds->meeting.date;
		*line = ds->meeting.line;
	} else if (strcmp(name, "submission") == 0) {
		*out = ds->submission.date;
		*line = ds->submission.line;
	} else if (strcmp(name, "decision") == 0) {
		if (ds->decision == NULL)
			return -1;
		*out = ds->decision->date;
		*line = ds->decision->line;
	} else if (v->phase == NULL)
		return -1;
	else if (strcmp(name, "phase-start") == 0)
		*out = v->phase->start;
	else if (strcmp(name, "phase-end") == 0)
		*out = v->phase->end;
	else if (strcmp(name, "summary-end") == 0)
		*out = v->phase->summary_end;
	else if (strcmp(name, "report-deadline") == 0)
		*out = v->phase->report_deadline;
	else
		return -1;
	return out->y > 0 ? 0 : -1;
}

static void
chk_phase(struct vctx *v, const struct plan_rule *r)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 ph[16], *list;
	size_t		 i;
	struct var	 vars[3];

	if (v->phase != NULL)
		return;
	for (i = 0; i < v->plan->nphases; i++)
		buf_printf(&b, "%s%d", i ? ", " : "",
		    v->plan->phases[i].number);
	list = buf_detach(&b);
	snprintf(ph, sizeof(ph), "%d", v->ds->phase);
	vars[0] = (struct var){ "phase", ph };
	vars[1] = (struct var){ "phases", list };
	vars[2] = (struct var){ "plan", v->plan->number };
	report(v->d, v->ds->file, v->ds->line, r, vars, 3);
	free(list);
}

static void
chk_date_bound(struct vctx *v, const struct plan_rule *r, int before)
{
	struct date	 a, lim;
	int		 la, ll;
	char		 sa[16], sl[16];
	struct var	 vars[2];
	int		 c;

	if (named_date(v, plan_param(r, "of"), &a, &la) == -1 ||
	    named_date(v, plan_param(r, before ? "not-before" : "not-after"),
	    &lim, &ll) == -1)
		return;
	c = date_cmp(&a, &lim);
	if ((before && c >= 0) || (!before && c <= 0))
		return;
	vdate(&a, sa, sizeof(sa));
	vdate(&lim, sl, sizeof(sl));
	vars[0] = (struct var){ "date", sa };
	vars[1] = (struct var){ "limit", sl };
	report(v->d, v->ds->file, la, r, vars, 2);
}

static void
chk_date_not_before(struct vctx *v, const struct plan_rule *r)
{
	chk_date_bound(v, r, 1);
}

static void
chk_date_not_after(struct vctx *v, const struct plan_rule *r)
{
	chk_date_bound(v, r, 0);
}

static void
chk_doc_organ(struct vctx *v, const struct plan_rule *r)
{
	const char	*of = plan_param(r, "of");
	const struct docnum *dn = NULL;
	int		 line = v->ds->line;
	struct var	 vars[3];

	if (strcmp(of, "submission") == 0) {
		dn = &v->ds->submission.number;
		line = v->ds->submission.line;
	} else if (strcmp(of, "meeting") == 0) {
		dn = &v->ds->meeting.number;
		line = v->ds->meeting.line;
	} else if (strcmp(of, "decision") == 0 && v->ds->decision != NULL) {
		dn = &v->ds->decision->number;
		line = v->ds->decision->line;
	}
	if (dn == NULL || !dn->ok || v->ds->issuer.abbr.s == NULL ||
	    strcmp(dn->organ, v->ds->issuer.abbr.s) == 0)
		return;
	vars[0] = (struct var){ "number", dn->raw.s };
	vars[1] = (struct var){ "organ", dn->organ };
	vars[2] = (struct var){ "expected", v->ds->issuer.abbr.s };
	report(v->d, v->ds->file, line, r, vars, 3);
}

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

static void
chk_nominee_id(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	struct sortctx		*s;
	size_t			 i, k, n = 0;
	char			 other[24];
	struct var		 vars[3];

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
		vars[0] = (struct var){ "id", s[i].n->id.s };
		vars[1] = (struct var){ "other-id", s[k].n->id.s };
		vars[2] = (struct var){ "other-line", other };
		report(v->d, ds->file, s[i].n->line, r, vars, 3);
	}
	free(s);
}

/* The folded name of every nominee, computed once (model.h: key). */
static void
fold_keys(struct dossier *ds)
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
static struct date
birth_of(const struct nominee *n)
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
	bx = birth_of(x->n);
	by = birth_of(y->n);
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
 * agrees with (birth_of()).  Sorted by name and birth, the ones a
 * nominee agrees with are runs (births unknown, its year alone, its
 * date; or all, or the year) whose first given is kept: O(n log n).
 */
static void
chk_dup_nominee(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	struct sortctx		*s;
	struct date		 bk, bq;
	size_t			 i, j, k, q, m, n = 0, all, unk, yo, yr, cl;
	size_t			*cmin, *yomin, *yrmin;
	char			 other[32];
	struct var		 vars[2];

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
			bq = birth_of(s[q].n);
			for (m = q; m < j; m++) {
				bk = birth_of(s[m].n);
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
			bq = birth_of(s[q].n);
			if (bq.y == 0) {
				m = q + 1;
				continue;
			}
			for (m = q; m < j && birth_of(s[m].n).y == bq.y; m++)
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
			bq = birth_of(s[i].n);
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
			vars[0] = (struct var){ "name", s[i].n->name.s };
			vars[1] = (struct var){ "other", other };
			report(v->d, ds->file, s[i].n->line, r, vars, 2);
		}
	}
	free(cmin);
	free(yomin);
	free(yrmin);
	free(s);
}

static void
chk_vote_count(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, present = meeting_present(&ds->meeting);
	char			 y[24], n[24], p[24];
	struct var		 vars[4];

	for (i = 0; i < ds->nnominees; i++) {
		const struct nominee *nm = &ds->nominees[i];

		if (nm->vote_yes < 0 || nm->vote_no < 0 ||
		    (size_t)nm->vote_yes + (size_t)nm->vote_no <= present)
			continue;
		snprintf(y, sizeof(y), "%d", nm->vote_yes);
		snprintf(n, sizeof(n), "%d", nm->vote_no);
		snprintf(p, sizeof(p), "%zu", present);
		vars[0] = (struct var){ "yes", y };
		vars[1] = (struct var){ "no", n };
		vars[2] = (struct var){ "present", p };
		vars[3] = (struct var){ "name", nm->name.s };
		report(v->d, ds->file, nm->vote_line, r, vars, 4);
	}
}

/*
 * Fewer votes than members present: a warning at the vote, saying how
 * many did not vote (blank or invalid ballots in a secret ballot).
 */
static void
chk_vote_abstain(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, present = meeting_present(&ds->meeting);
	char			 y[24], n[24], p[24], a[24];
	struct var		 vars[5];

	for (i = 0; i < ds->nnominees; i++) {
		const struct nominee *nm = &ds->nominees[i];

		if (nm->vote_yes < 0 || nm->vote_no < 0 ||
		    (size_t)nm->vote_yes + (size_t)nm->vote_no >= present)
			continue;
		snprintf(y, sizeof(y), "%d", nm->vote_yes);
		snprintf(n, sizeof(n), "%d", nm->vote_no);
		snprintf(p, sizeof(p), "%zu", present);
		snprintf(a, sizeof(a), "%zu", present -
		    (size_t)nm->vote_yes - (size_t)nm->vote_no);
		vars[0] = (struct var){ "yes", y };
		vars[1] = (struct var){ "no", n };
		vars[2] = (struct var){ "present", p };
		vars[3] = (struct var){ "abstain", a };
		vars[4] = (struct var){ "name", nm->name.s };
		report(v->d, ds->file, nm->vote_line, r, vars, 5);
	}
}

static void
chk_vote_threshold(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, present = meeting_present(&ds->meeting);
	long			 need;
	char			 y[24], p[24], nd[24], fr[32];
	struct var		 vars[5];

	/* The least number of votes that is more than num/den of present. */
	need = (long)present * v->plan->approve_num / v->plan->approve_den
	    + 1;
	for (i = 0; i < ds->nnominees; i++) {
		const struct nominee *nm = &ds->nominees[i];

		if (nm->vote_yes < 0 || nm->vote_yes >= need)
			continue;
		snprintf(y, sizeof(y), "%d", nm->vote_yes);
		snprintf(p, sizeof(p), "%zu", present);
		snprintf(nd, sizeof(nd), "%ld", need);
		snprintf(fr, sizeof(fr), "%d/%d", v->plan->approve_num,
		    v->plan->approve_den);
		vars[0] = (struct var){ "yes", y };
		vars[1] = (struct var){ "present", p };
		vars[2] = (struct var){ "needed", nd };
		vars[3] = (struct var){ "name", nm->name.s };
		vars[4] = (struct var){ "fraction", fr };
		report(v->d, ds->file, nm->vote_line, r, vars, 5);
	}
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Number the certificates: given numbers stand, the rest count up. */
static void
number_books(struct dossier *ds)
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

static void
chk_book_number(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	struct sortctx		*s;
	size_t			 i, k, n = 0;
	char			 num[24], other[24];
	struct var		 vars[4];

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
		vars[0] = (struct var){ "number", num };
		vars[1] = (struct var){ "name", s[i].n->name.s };
		vars[2] = (struct var){ "other-name", s[k].n->name.s };
		vars[3] = (struct var){ "other-line", other };
		report(v->d, ds->file, s[i].n->book_line, r, vars, 4);
	}
	free(s);
}

static void
chk_book_missing(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i;
	struct var		 vars[1];

	if (ds->decision == NULL)
		return;
	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].book_final != 0)
			continue;
		vars[0] = (struct var){ "name", ds->nominees[i].name.s };
		report(v->d, ds->file, ds->nominees[i].line, r, vars, 1);
	}
}

static void
chk_council_role(struct vctx *v, const struct plan_rule *r)
{
	const struct meeting	*m = &v->ds->meeting;
	const char		*role = plan_param(r, "role");
	enum member_role	 want;
	size_t			 i, n = 0, present = 0;
	char			 cnt[24], pr[24];
	struct var		 vars[3];

	if (strcmp(role, "chair") == 0)
		want = ROLE_CHAIR;
	else if (strcmp(role, "secretary") == 0)
		want = ROLE_SECRETARY;
	else if (strcmp(role, "vice-chair") == 0)
		want = ROLE_VICE_CHAIR;
	else
		want = ROLE_MEMBER;
	if (m->line == 0)
		return;
	for (i = 0; i < m->nmembers; i++)
		if (m->members[i].role == want) {
			n++;
			if (m->members[i].present)
				present++;
		}
	if (n == 1 && present == 1)
		return;
	snprintf(cnt, sizeof(cnt), "%zu", n);
	snprintf(pr, sizeof(pr), "%zu", present);
	vars[0] = (struct var){ "count", cnt };
	vars[1] = (struct var){ "role", role };
	vars[2] = (struct var){ "present", pr };
	report(v->d, v->ds->file, m->line, r, vars, 3);
}

static void
chk_age(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	struct date		 at;
	int			 line, age, min, max;
	size_t			 i;
	char			 sa[16], smin[16], smax[16], sb[16];
	struct var		 vars[5];

	if (named_date(v, plan_param(r, "at"), &at, &line) == -1)
		return;
	min = atoi(plan_param(r, "min"));
	max = atoi(plan_param(r, "max"));
	for (i = 0; i < ds->nnominees; i++) {
		const struct nominee *nm = &ds->nominees[i];

		if (nm->kind != KIND_INDIVIDUAL || nm->birth.y == 0)
			continue;
		age = at.y - nm->birth.y;
		if (nm->birth.m != 0 && (at.m < nm->birth.m ||
		    (at.m == nm->birth.m && at.d < nm->birth.d)))
			age--;
		if (age >= min && age <= max)
			continue;
		snprintf(sa, sizeof(sa), "%d", age);
		snprintf(smin, sizeof(smin), "%d", min);
		snprintf(smax, sizeof(smax), "%d", max);
		vdate(&nm->birth, sb, sizeof(sb));
		vars[0] = (struct var){ "age", sa };
		vars[1] = (struct var){ "min", smin };
		vars[2] = (struct var){ "max", smax };
		vars[3] = (struct var){ "birth", sb };
		vars[4] = (struct var){ "name", nm->name.s };
		report(v->d, ds->file, nm->birth_line, r, vars, 5);
	}
}

/* Elements that only an individual has, and where a nominee has them. */
static int
has_field(const struct nominee *nm, const char *f, int *line)
{
	*line = nm->line;
	if (strcmp(f, "gender") == 0) {
		*line = nm->gender_line ? nm->gender_line : nm->line;
		return nm->gender != GENDER_NONE;
	}
	if (strcmp(f, "birth-date") == 0) {
		*line = nm->birth_line ? nm->birth_line : nm->line;
		return nm->birth_line != 0;
	}
	if (strcmp(f, "ethnicity") == 0) {
		*line = nm->ethnicity.line;
		return nm->ethnicity.s != NULL;
	}
	if (strcmp(f, "rank") == 0) {
		*line = nm->rank.line;
		return nm->rank.s != NULL;
	}
	if (strcmp(f, "position") == 0) {
		*line = nm->position.line;
		return nm->position.s != NULL;
	}
	return 1;
}

static const char *const individual_fields[] = {
	"gender", "birth-date", "ethnicity", "rank", "position"
};

static void
chk_kind_fields(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, j;
	int			 line;
	char			 el[32];
	struct var		 vars[2];

	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].kind != KIND_COLLECTIVE)
			continue;
		for (j = 0; j < sizeof(individual_fields) /
		    sizeof(individual_fields[0]); j++) {
			if (!has_field(&ds->nominees[i], individual_fields[j],
			    &line))
				continue;
			snprintf(el, sizeof(el), "<%s>", individual_fields[j]);
			vars[0] = (struct var){ "name", ds->nominees[i].name.s };
			vars[1] = (struct var){ "field", el };
			report(v->d, ds->file, line, r, vars, 2);
		}
	}
}

static void
chk_individual_fields(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	const char		*want = plan_param(r, "fields"), *p;
	size_t			 i, len;
	int			 line;
	char			 f[32], el[40];
	struct var		 vars[2];

	for (i = 0; i < ds->nnominees; i++) {
		if (ds->nominees[i].kind != KIND_INDIVIDUAL)
			continue;
		for (p = want; *p != '\0'; p += len) {
			while (*p == ' ')
				p++;
			for (len = 0; p[len] != '\0' && p[len] != ' '; len++)
				continue;
			if (len == 0 || len >= sizeof(f))
				continue;
			memcpy(f, p, len);
			f[len] = '\0';
			if (has_field(&ds->nominees[i], f, &line))
				continue;
			snprintf(el, sizeof(el), "<%s>", f);
			vars[0] = (struct var){ "name", ds->nominees[i].name.s };
			vars[1] = (struct var){ "field", el };
			report(v->d, ds->file, ds->nominees[i].line, r, vars,
			    2);
		}
	}
}

/*
 * A report signed after the date not-after (the meeting that reviewed
 * it): reported at the report of each such nominee.  A report without a
 * date is left for a date written by hand, never checked.
 */
static void
chk_report_date(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	const struct nominee	*nm;
	struct date		 lim;
	size_t			 i;
	int			 ll;
	char			 sa[16], sl[16];
	struct var		 vars[3];

	if (named_date(v, plan_param(r, "not-after"), &lim, &ll) == -1)
		return;
	vdate(&lim, sl, sizeof(sl));
	for (i = 0; i < ds->nnominees; i++) {
		nm = &ds->nominees[i];
		if (nm->report_date.y == 0 ||
		    date_cmp(&nm->report_date, &lim) <= 0)
			continue;
		vdate(&nm->report_date, sa, sizeof(sa));
		vars[0] = (struct var){ "name", nm->name.s };
		vars[1] = (struct var){ "date", sa };
		vars[2] = (struct var){ "limit", sl };
		report(v->d, ds->file, nm->report_line, r, vars, 3);
	}
}

/*
 * A collective's report without its own head to sign it (report/signer),
 * reported at the report.
 */
static void
chk_report_signer(struct vctx *v, const struct plan_rule *r)
{
	const struct dossier	*ds = v->ds;
	const struct nominee	*nm;
	size_t			 i;
	struct var		 vars[1];

	for (i = 0; i < ds->nnominees; i++) {
		nm = &ds->nominees[i];
		if (nm->kind != KIND_COLLECTIVE || nm->report_line == 0 ||
		    nm->report_signer.line != 0)
			continue;
		vars[0] = (struct var){ "name", nm->name.s };
		report(v->d, ds->file, nm->report_line, r, vars, 1);
	}
}

/*
 * The checks a rule may name.  params: the parameters it takes (all
 * required); vars: the placeholders its message may use.  A check whose
 * batch function is set also runs across the files of a batch.
 */
struct batchctx;
static void	 bchk_quota(struct batchctx *, const struct plan_rule *);
static void	 bchk_dup_nominee(struct batchctx *, const struct plan_rule *);
static void	 bchk_dup_dossier(struct batchctx *, const struct plan_rule *);

static const struct check {
	const char	*name;
	const char	*params;
	const char	*vars;
	void		(*fn)(struct vctx *, const struct plan_rule *);
	void		(*batch)(struct batchctx *, const struct plan_rule *);
} checks[] = {
	{ "phase", "", "phase phases plan", chk_phase, NULL },
	{ "date-not-before", "of not-before", "date limit",
	    chk_date_not_before, NULL },
	{ "date-not-after", "of not-after", "date limit",
	    chk_date_not_after, NULL },
	{ "doc-organ", "of", "number organ expected", chk_doc_organ, NULL },
	{ "nominee-id", "", "id other-id other-line", chk_nominee_id, NULL },
	{ "duplicate-nominee", "", "name other", chk_dup_nominee,
	    bchk_dup_nominee },
	{ "duplicate-dossier", "", "id other", NULL, bchk_dup_dossier },
	{ "quota", "", "phase count max plan files", NULL, bchk_quota },
	{ "vote-count", "", "yes no present name", chk_vote_count, NULL },
	{ "vote-abstain", "", "yes no present abstain name", chk_vote_abstain,
	    NULL },
	{ "vote-threshold", "", "yes present needed name fraction",
	    chk_vote_threshold, NULL },
	{ "book-number", "", "number name other-name other-line",
	    chk_book_number, NULL },
	{ "book-missing", "", "name", chk_book_missing, NULL },
	{ "council-role", "role", "count present role", chk_council_role,
	    NULL },
	{ "age", "at min max", "age min max birth name", chk_age, NULL },
	{ "kind-fields", "", "name field", chk_kind_fields, NULL },
	{ "individual-fields", "fields", "name field", chk_individual_fields,
	    NULL },
	{ "report-date", "not-after", "name date limit", chk_report_date,
	    NULL },
	{ "report-signer", "", "name", chk_report_signer, NULL },
};
#define NCHECKS (sizeof(checks) / sizeof(checks[0]))

static const struct check *
check_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < NCHECKS; i++)
		if (strcmp(checks[i].name, name) == 0)
			return &checks[i];
	return NULL;
}

/* Are the len bytes at word a member of the space-separated list? */
static int
in_list(const char *list, const char *word, size_t len)
{
	const char	*p, *e;

	for (p = list; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ' '; e++)
			continue;
		if ((size_t)(e - p) == len && len > 0 &&
		    strncmp(p, word, len) == 0)
			return 1;
	}
	return 0;
}

static const char *const date_names =
    "meeting submission decision phase-start phase-end summary-end "
    "report-deadline";

/* Ages a plan's age check may bound (years, min and max). */
#define AGE_MIN		0
#define AGE_MAX		150

/* A whole number in digits only, within lo..hi: 0 and *out, or -1. */
static int
small_int(const char *v, int lo, int hi, int *out)
{
	const char	*p;
	long		 l = 0;

	for (p = v; *p >= '0' && *p <= '9' && l <= hi; p++)
		l = l * 10 + (*p - '0');
	if (p == v || *p != '\0' || l < lo || l > hi)
		return -1;
	*out = (int)l;
	return 0;
}

/* Is value a valid argument for parameter name of check c? */
static int
param_ok(const struct check *c, const char *name, const char *value)
{
	const char	*p;
	size_t		 len, i;
	int		 n;

	if (strcmp(c->name, "doc-organ") == 0 && strcmp(name, "of") == 0)
		return in_list("submission meeting decision", value,
		    strlen(value));
	if (strcmp(name, "of") == 0 || strcmp(name, "not-before") == 0 ||
	    strcmp(name, "not-after") == 0 || strcmp(name, "at") == 0)
		return in_list(date_names, value, strlen(value));
	if (strcmp(name, "role") == 0)
		return in_list("chair vice-chair member secretary", value,
		    strlen(value));
	if (strcmp(name, "min") == 0 || strcmp(name, "max") == 0)
		return small_int(value, AGE_MIN, AGE_MAX, &n) == 0;
	if (strcmp(name, "fields") == 0) {
		/* Each word one of the individual's elements. */
		for (p = value, n = 0; *p != '\0'; p += len) {
			while (*p == ' ')
				p++;
			for (len = 0; p[len] != '\0' && p[len] != ' '; len++)
				continue;
			if (len == 0)
				break;
			for (i = 0; i < sizeof(individual_fields) /
			    sizeof(individual_fields[0]); i++)
				if (strlen(individual_fields[i]) == len &&
				    strncmp(individual_fields[i], p, len) == 0)
					break;
			if (i == sizeof(individual_fields) /
			    sizeof(individual_fields[0]))
				return 0;
			n++;
		}
		return n > 0;
	}
	return 1;
}

/* Control characters (from &#10; in a plan's attribute) to spaces. */
static void
one_line(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			*s = ' ';
}

int
validate_bind(const struct plan *p, struct diag *d)
{
	const struct check	*c;
	const struct plan_rule	*r;
	const char		*vars, *q, *e;
	size_t			 i, j, len;
	enum field		 f;
	enum filter		 filt;
	char			*m;
	int			 bad = 0, lo, hi;

#define BAD(line, ...) do {						\
	char *msg_ = xasprintf(__VA_ARGS__);				\
	one_line(msg_);							\
	diag_code(d, p->file, (line), DC_PLAN_ERROR, msg_);		\
	free(msg_);							\
	bad = 1;							\
} while (0)

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		vars = "value name";
		if (r->check != NULL) {
			if ((c = check_find(r->check)) == NULL) {
				BAD(r->line, "quy tắc [%s]: không có phép kiểm "
				    "tra \"%s\"", r->id, r->check);
				continue;
			}
			vars = c->vars;
			for (j = 0; j < r->nparams; j++) {
				len = strlen(r->params[j].name);
				if (!in_list(c->params, r->params[j].name, len))
					BAD(r->line, "quy tắc [%s]: phép kiểm "
					    "tra %s không có tham số \"%s\" "
					    "(có: %s)", r->id, c->name,
					    r->params[j].name, *c->params ?
					    c->params : "không có");
				else if (!param_ok(c, r->params[j].name,
				    r->params[j].value))
					BAD(r->line, "quy tắc [%s]: giá trị "
					    "%s=\"%s\" không hợp lệ", r->id,
					    r->params[j].name,
					    r->params[j].value);
			}
			for (q = c->params; *q != '\0'; q = e) {
				while (*q == ' ')
					q++;
				for (e = q; *e != '\0' && *e != ' '; e++)
					continue;
				if (e == q)
					break;
				m = xstrndup(q, (size_t)(e - q));
				if (plan_param(r, m) == NULL)
					BAD(r->line, "quy tắc [%s]: phép kiểm "
					    "tra %s cần tham số \"%s\"", r->id,
					    c->name, m);
				free(m);
			}
			/* The bounds of an age: min no more than max. */
			if ((q = plan_param(r, "min")) != NULL &&
			    (e = plan_param(r, "max")) != NULL &&
			    small_int(q, AGE_MIN, AGE_MAX, &lo) == 0 &&
			    small_int(e, AGE_MIN, AGE_MAX, &hi) == 0 && lo > hi)
				BAD(r->line, "quy tắc [%s]: min=\"%s\" lớn hơn "
				    "max=\"%s\"", r->id, q, e);
		} else if (r->nparams > 0)
			BAD(r->line, "quy tắc [%s]: thuộc tính \"%s\" không "
			    "dùng được với pattern", r->id, r->params[0].name);
		for (j = 0; j < r->nfields; j++)
			if (field_parse(r->fields[j], &f, &filt) == -1)
				BAD(r->line, "quy tắc [%s]: không có trường "
				    "\"%s\"", r->id, r->fields[j]);
		/* Every {placeholder} must be one the rule fills. */
		for (q = r->message; (q = strchr(q, '{')) != NULL; q = e) {
			if ((e = strchr(q, '}')) == NULL)
				break;
			if (!in_list(vars, q + 1, (size_t)(e - q - 1))) {
				m = xstrndup(q + 1, (size_t)(e - q - 1));
				BAD(r->line, "quy tắc [%s]: thông báo dùng "
				    "{%s} nhưng quy tắc chỉ có: %s", r->id, m,
				    vars);
				free(m);
			}
		}
	}
#undef BAD
	return bad ? -1 : 0;
}

static void
run_pattern(struct vctx *v, const struct plan_rule *r)
{
	struct fvec	 fv = { NULL, 0, 0 };
	enum field	 f;
	enum filter	 filt;
	enum rx_result	 res;
	size_t		 i, j;
	struct var	 vars[2];

	for (j = 0; j < r->nfields; j++) {
		if (field_parse(r->fields[j], &f, &filt) == -1)
			continue;
		collect(&fv, v->ds, f, filt);
		for (i = 0; i < fv.n; i++) {
			if (v->limit_hits >= RULE_LIMIT_BUDGET)
				break;
			res = rx_match(r->rx, fv.v[i].s, strlen(fv.v[i].s));
			if (res == RX_LIMIT || res == RX_ERROR) {
				diag_code(v->d, v->ds->file, fv.v[i].line,
				    DC_RULE_LIMIT, r->id, r->fields[j]);
				if (++v->limit_hits == RULE_LIMIT_BUDGET)
					diag_code(v->d, v->ds->file,
					    v->ds->line, DC_RULE_BUDGET,
					    RULE_LIMIT_BUDGET, v->plan->path,
					    r->id);
				continue;
			}
			if ((res == RX_MATCH) == (r->require != 0))
				continue;
			vars[0] = (struct var){ "value", fv.v[i].s };
			vars[1] = (struct var){ "name", fv.v[i].nm != NULL ?
			    fv.v[i].nm->name.s : "" };
			report(v->d, v->ds->file, fv.v[i].line, r, vars, 2);
		}
		fvec_free(&fv);
	}
}

/*
 * A nominee's id names its files, "bang-khen-<id>.pdf"; the file that
 * prints every certificate of a dossier is "bang-khen-in.pdf" (render.c,
 * item_name()), so the id "in" would lose its certificate to it, and so
 * would "IN" or "In" on a case-insensitive file system (a USB stick, a
 * Windows share): the id is reserved whatever its case.
 */
#define RESERVED_ID	"in"
#define RESERVED_FILE	"bang-khen-in.pdf"

static void
reserved_ids(const struct dossier *ds, struct diag *d)
{
	size_t	 i;

	for (i = 0; i < ds->nnominees; i++)
		if (ds->nominees[i].id.s != NULL &&
		    strcasecmp(ds->nominees[i].id.s, RESERVED_ID) == 0)
			diag_code(d, ds->file, ds->nominees[i].line,
			    DC_ID_RESERVED, ds->nominees[i].id.s,
			    RESERVED_FILE);
}

void
validate_dossier(const struct plan *p, struct dossier *ds, struct diag *d)
{
	struct vctx		 v;
	const struct check	*c;
	size_t			 i;
	const struct plan_rule	*r;

	v.plan = p;
	v.ds = ds;
	v.d = d;
	v.phase = plan_phase(p, ds->phase);
	v.limit_hits = 0;
	reserved_ids(ds, d);
	fold_keys(ds);
	number_books(ds);
	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (r->check == NULL) {
			if (r->rx != NULL && v.limit_hits < RULE_LIMIT_BUDGET)
				run_pattern(&v, r);
			continue;
		}
		if ((c = check_find(r->check)) != NULL && c->fn != NULL)
			c->fn(&v, r);
	}
}

/* --- Rules across a batch. ---------------------------------------- */

struct batchctx {
	struct dossier		**ds;
	const struct plan	**plans;
	size_t			 n;
	const struct plan	*plan;	/* the plan being checked */
	struct diag		*d;
};

/*
 * Places a batch finding names in full before it says "và N … khác", so
 * that the length of its line does not grow with the batch.
 */
#define BATCH_SHOW	3

/* A dossier of the plan being checked, for sorting by phase. */
struct dref {
	size_t	 i;
	int	 phase;
};

static int
cmp_dref(const void *a, const void *b)
{
	const struct dref *x = a, *y = b;

	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Sorted by phase, each phase counted once: O(n log n). */
static void
bchk_quota(struct batchctx *b, const struct plan_rule *r)
{
	size_t			 i, j, k, n = 0, count;
	const struct plan_phase	*ph;
	char			 sph[24], scount[24], smax[24];
	struct buf		 files;
	struct dref		*s;
	char			*fl;
	struct var		 vars[5];

	s = xcalloc(b->n + 1, sizeof(*s));
	for (i = 0; i < b->n; i++)
		if (b->plans[i] == b->plan &&
		    plan_phase(b->plan, b->ds[i]->phase) != NULL) {
			s[n].i = i;
			s[n++].phase = b->ds[i]->phase;
		}
	if (n > 1)
		qsort(s, n, sizeof(*s), cmp_dref);
	for (k = 0; k < n; k = j) {
		count = 0;
		for (j = k; j < n && s[j].phase == s[k].phase; j++)
			count += b->ds[s[j].i]->nnominees;
		ph = plan_phase(b->plan, s[k].phase);
		if (count <= (size_t)ph->quota)
			continue;
		memset(&files, 0, sizeof(files));
		for (i = k; i < j && i < k + BATCH_SHOW; i++)
			buf_printf(&files, "%s%s", i > k ? ", " : "",
			    b->ds[s[i].i]->path);
		if (j - k > BATCH_SHOW)
			buf_printf(&files, " và %zu hồ sơ khác",
			    j - k - BATCH_SHOW);
		fl = buf_detach(&files);
		snprintf(sph, sizeof(sph), "%d", ph->number);
		snprintf(scount, sizeof(scount), "%zu", count);
		snprintf(smax, sizeof(smax), "%d", ph->quota);
		vars[0] = (struct var){ "phase", sph };
		vars[1] = (struct var){ "count", scount };
		vars[2] = (struct var){ "max", smax };
		vars[3] = (struct var){ "plan", b->plan->number };
		vars[4] = (struct var){ "files", fl };
		for (i = k; i < j; i++)
			report(b->d, b->ds[s[i].i]->file, b->ds[s[i].i]->line,
			    r, vars, 5);
		free(fl);
	}
	free(s);
}

/*
 * A nominee of a batch, for finding the same one in two dossiers of a
 * phase (birth_of()).
 */
struct bentry {
	size_t			 d;	/* dossier */
	const struct nominee	*n;
	size_t			 i;	/* nominee within it */
	int			 phase;
	struct date		 birth;	/* birth_of() */
};

static int
cmp_bentry(const void *a, const void *b)
{
	const struct bentry *x = a, *y = b;
	int c;

	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	if (x->n->kind != y->n->kind)
		return x->n->kind < y->n->kind ? -1 : 1;
	if ((c = strcmp(x->n->key, y->n->key)) != 0)
		return c;
	if (x->birth.y != y->birth.y)
		return x->birth.y < y->birth.y ? -1 : 1;
	if (x->birth.m != y->birth.m)
		return x->birth.m < y->birth.m ? -1 : 1;
	if (x->birth.d != y->birth.d)
		return x->birth.d < y->birth.d ? -1 : 1;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* A position of the sorted entries, keyed by its group and dossier. */
struct bsec {
	size_t	 g0;	/* start of its group */
	size_t	 d;
	size_t	 pos;
};

static int
cmp_bsec(const void *a, const void *b)
{
	const struct bsec *x = a, *y = b;

	if (x->g0 != y->g0)
		return x->g0 < y->g0 ? -1 : 1;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * Where each sorted entry stands.  A group is a run of one phase, kind
 * and name; in it, entries whose birth is unknown come first, then each
 * year's: the year alone first, then each date.  For an entry p: g1 the
 * end of its group, u1 the end of the unknown births, y0 y1 its year's
 * run, yo1 the end of its year alone, c0 c1 the run of its own birth;
 * blk0 blk1 the indexes in sec of its group's entries of its dossier,
 * and run[k] the last index of sec from k on whose positions follow one
 * another.
 */
struct bidx {
	struct bentry	*e;
	struct bsec	*sec;
	size_t		*g0, *g1, *u1, *y0, *y1, *yo1, *c0, *c1;
	size_t		*blk0, *blk1, *run;
};

/* The index in sec of the first entry of p's dossier at pos or after. */
static size_t
sec_lower(const struct bidx *x, size_t p, size_t pos)
{
	size_t	 lo = x->blk0[p], hi = x->blk1[p], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->sec[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Fill x for the n sorted entries at x->e; bidx_free() frees it. */
static void
bidx_build(struct bidx *x, size_t n)
{
	struct bentry	*e = x->e;
	size_t		 a, b, c, k, m, q;

	x->g0 = xcalloc(n, sizeof(size_t));
	x->g1 = xcalloc(n, sizeof(size_t));
	x->u1 = xcalloc(n, sizeof(size_t));
	x->y0 = xcalloc(n, sizeof(size_t));
	x->y1 = xcalloc(n, sizeof(size_t));
	x->yo1 = xcalloc(n, sizeof(size_t));
	x->c0 = xcalloc(n, sizeof(size_t));
	x->c1 = xcalloc(n, sizeof(size_t));
	x->blk0 = xcalloc(n, sizeof(size_t));
	x->blk1 = xcalloc(n, sizeof(size_t));
	x->run = xcalloc(n, sizeof(size_t));
	x->sec = xcalloc(n, sizeof(*x->sec));
	for (a = 0; a < n; a = b) {
		for (b = a + 1; b < n && e[b].phase == e[a].phase &&
		    e[b].n->kind == e[a].n->kind &&
		    strcmp(e[b].n->key, e[a].n->key) == 0; b++)
			continue;
		for (c = a; c < b && e[c].birth.y == 0; c++)
			continue;
		for (k = a; k < b; k++) {
			x->g0[k] = a;
			x->g1[k] = b;
			x->u1[k] = c;
		}
		/* Years, each with its year alone and its dates. */
		for (k = c; k < b; k = m) {
			for (m = k; m < b && e[m].birth.y == e[k].birth.y; m++)
				continue;
			for (c = k; c < m && e[c].birth.m == 0; c++)
				continue;
			for (q = k; q < m; q++) {
				x->y0[q] = k;
				x->y1[q] = m;
				x->yo1[q] = c;
			}
		}
		/* Runs of one birth. */
		for (k = a; k < b; k = m) {
			for (m = k; m < b && e[m].birth.y == e[k].birth.y &&
			    e[m].birth.m == e[k].birth.m &&
			    e[m].birth.d == e[k].birth.d; m++)
				continue;
			for (c = k; c < m; c++) {
				x->c0[c] = k;
				x->c1[c] = m;
			}
		}
	}
	for (k = 0; k < n; k++) {
		x->sec[k].g0 = x->g0[k];
		x->sec[k].d = e[k].d;
		x->sec[k].pos = k;
	}
	if (n > 1)
		qsort(x->sec, n, sizeof(*x->sec), cmp_bsec);
	for (a = 0; a < n; a = b) {
		for (b = a + 1; b < n && x->sec[b].g0 == x->sec[a].g0 &&
		    x->sec[b].d == x->sec[a].d; b++)
			continue;
		for (k = a; k < b; k++) {
			x->blk0[x->sec[k].pos] = a;
			x->blk1[x->sec[k].pos] = b;
		}
		for (k = b; k-- > a; )
			x->run[k] = k + 1 < b && x->sec[k + 1].pos ==
			    x->sec[k].pos + 1 ? x->run[k + 1] : k;
	}
}

static void
bidx_free(struct bidx *x)
{
	free(x->g0);
	free(x->g1);
	free(x->u1);
	free(x->y0);
	free(x->y1);
	free(x->yo1);
	free(x->c0);
	free(x->c1);
	free(x->blk0);
	free(x->blk1);
	free(x->run);
	free(x->sec);
}

/*
 * The entries of other dossiers that p agrees with: the count, and the
 * first BATCH_SHOW of them ("a.xml:25, b.xml:25 và 3 nơi khác") in *out
 * (new string, NULL when the count is 0).
 */
static size_t
bidx_others(const struct bidx *x, struct batchctx *b, size_t p, char **out)
{
	const struct bentry	*e = x->e;
	size_t			 ra[3], rb[3], nr = 0, j, k, pos, total = 0;
	size_t			 shown = 0;
	struct buf		 o = { NULL, 0, 0 };

	/* The runs p agrees with, in order and disjoint. */
	if (e[p].birth.y == 0) {
		ra[nr] = x->g0[p];
		rb[nr++] = x->g1[p];
	} else {
		ra[nr] = x->g0[p];
		rb[nr++] = x->u1[p];
		if (e[p].birth.m == 0) {
			ra[nr] = x->y0[p];
			rb[nr++] = x->y1[p];
		} else {
			ra[nr] = x->y0[p];
			rb[nr++] = x->yo1[p];
			ra[nr] = x->c0[p];
			rb[nr++] = x->c1[p];
		}
	}
	for (j = 0; j < nr; j++) {
		if (ra[j] >= rb[j])
			continue;
		total += rb[j] - ra[j] -
		    (sec_lower(x, p, rb[j]) - sec_lower(x, p, ra[j]));
		/* The first few, jumping over p's dossier's runs. */
		pos = ra[j];
		k = sec_lower(x, p, pos);
		while (pos < rb[j] && shown < BATCH_SHOW) {
			if (k < x->blk1[p] && x->sec[k].pos == pos) {
				pos = x->sec[x->run[k]].pos + 1;
				k = x->run[k] + 1;
				continue;
			}
			buf_printf(&o, "%s%s:%d", shown ? ", " : "",
			    b->ds[e[pos].d]->path, e[pos].n->line);
			shown++;
			pos++;
		}
	}
	if (total > shown)
		buf_printf(&o, " và %zu nơi khác", total - shown);
	*out = total > 0 ? buf_detach(&o) : NULL;
	buf_free(&o);
	return total;
}

/*
 * The same nominee in two dossiers of a phase: one finding at each
 * dossier for each of its nominees concerned, naming the other places
 * (a few, and how many more).  O(n log n) in the batch's nominees.
 */
static void
bchk_dup_nominee(struct batchctx *b, const struct plan_rule *r)
{
	struct bentry	*e = NULL;
	struct bidx	 x;
	size_t		 n = 0, cap = 0, i, k;
	char		*other;
	struct var	 vars[2];

	for (i = 0; i < b->n; i++) {
		if (b->plans[i] != b->plan)
			continue;
		fold_keys(b->ds[i]);
		for (k = 0; k < b->ds[i]->nnominees; k++) {
			if (b->ds[i]->nominees[k].key == NULL)
				continue;
			e = xgrow(e, &cap, n + 1, sizeof(*e));
			memset(&e[n], 0, sizeof(*e));
			e[n].d = i;
			e[n].n = &b->ds[i]->nominees[k];
			e[n].i = k;
			e[n].phase = b->ds[i]->phase;
			e[n].birth = birth_of(e[n].n);
			n++;
		}
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), cmp_bentry);
	x.e = e;
	bidx_build(&x, n);
	for (k = 0; k < n; k++) {
		if (bidx_others(&x, b, k, &other) == 0)
			continue;
		vars[0] = (struct var){ "name", e[k].n->name.s };
		vars[1] = (struct var){ "other", other };
		report(b->d, b->ds[e[k].d]->file, b->ds[e[k].d]->line, r,
		    vars, 2);
		free(other);
	}
	bidx_free(&x);
	free(e);
}

/* A dossier of the plan by its id, then as given. */
struct idref {
	size_t		 i;
	const char	*id;
};

static int
cmp_idref(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Each dossier whose id another has: named with the first other one. */
static void
bchk_dup_dossier(struct batchctx *b, const struct plan_rule *r)
{
	struct idref	*s;
	size_t		 i, j, k, n = 0, o;
	struct var	 vars[2];

	s = xcalloc(b->n + 1, sizeof(*s));
	for (i = 0; i < b->n; i++)
		if (b->plans[i] == b->plan && b->ds[i]->id.s != NULL) {
			s[n].i = i;
			s[n++].id = b->ds[i]->id.s;
		}
	if (n > 1)
		qsort(s, n, sizeof(*s), cmp_idref);
	for (k = 0; k < n; k = j) {
		for (j = k + 1; j < n && strcmp(s[j].id, s[k].id) == 0; j++)
			continue;
		if (j - k < 2)
			continue;
		for (i = k; i < j; i++) {
			o = i == k ? k + 1 : k;
			vars[0] = (struct var){ "id", s[i].id };
			vars[1] = (struct var){ "other",
			    b->ds[s[o].i]->path };
			report(b->d, b->ds[s[i].i]->file, b->ds[s[i].i]->line,
			    r, vars, 2);
		}
	}
	free(s);
}

void
validate_batch(struct dossier **ds, const struct plan **plans, size_t n,
    struct diag *d)
{
	struct batchctx		 b;
	const struct check	*c;
	size_t			 i, j, k;

	b.ds = ds;
	b.plans = plans;
	b.n = n;
	b.d = d;
	for (i = 0; i < n; i++) {
		if (plans[i] == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (plans[j] == plans[i])
				break;
		if (j < i)
			continue;	/* this plan's rules already ran */
		b.plan = plans[i];
		for (k = 0; k < b.plan->nrules; k++) {
			if (b.plan->rules[k].check == NULL ||
			    (c = check_find(b.plan->rules[k].check)) == NULL ||
			    c->batch == NULL)
				continue;
			c->batch(&b, &b.plan->rules[k]);
		}
	}
}
