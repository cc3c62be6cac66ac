/*
 * validate_batch.c: the rules that span the dossiers of a batch: a
 * phase's quota, the same nominee in two dossiers of a phase, the same
 * dossier id twice.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "model.h"
#include "plan.h"
#include "fields.h"
#include "ruleset.h"
#include "validate.h"

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

/*
 * The count of a phase over its quota, s[k] to s[j - 1] its dossiers:
 * "13", or with several dossiers each one's share in their order, the
 * first BATCH_SHOW of them, "13 (10 + 3)" (new string).
 */
static char *
quota_count(const struct batchctx *b, const struct dref *s, size_t k,
    size_t j, size_t count)
{
	struct buf	 o = BUF_INIT;
	size_t		 i, rest = 0;

	buf_printf(&o, "%zu", count);
	if (j - k < 2)
		return buf_detach(&o);
	for (i = k; i < j && i < k + BATCH_SHOW; i++)
		buf_printf(&o, "%s%zu", i > k ? " + " : " (",
		    b->ds[s[i].i]->nnominees);
	for (; i < j; i++)
		rest += b->ds[s[i].i]->nnominees;
	if (j - k > BATCH_SHOW)
		buf_printf(&o, " + %zu ở %zu hồ sơ khác", rest,
		    j - k - BATCH_SHOW);
	buf_addc(&o, ')');
	return buf_detach(&o);
}

/*
 * A phase over its quota: the rule's error at the root of each of its
 * dossiers (val its message's values), and a warning at each nominee,
 * who is counted: what to delete if the council drops one.
 */
static void
quota_report(struct batchctx *b, const struct rule *r, const struct dref *s,
    size_t k, size_t j, const char *const *val, size_t count)
{
	const struct dossier	*ds;
	const struct nominee	*nm;
	const struct plan_phase	*ph = plan_phase(b->plan, s[k].phase);
	char			 sc[24];
	size_t			 i, m;

	snprintf(sc, sizeof(sc), "%zu", count);
	for (i = k; i < j; i++) {
		ds = b->ds[s[i].i];
		rule_report(b->d, ds->file, ds->line, r, val);
		for (m = 0; m < ds->nnominees; m++) {
			nm = &ds->nominees[m];
			diag_code(b->d, ds->file, nm->line, DC_QUOTA_NOMINEE,
			    nm->name.s != NULL ? nm->name.s : nm->id.s != NULL ?
			    nm->id.s : "", sc, ph->number, ph->quota,
			    ds->line);
		}
	}
}

/* Sorted by phase, each phase counted once: O(n log n). */
static void
bchk_quota(struct batchctx *b, const struct rule *r)
{
	size_t			 i, j, k, n = 0, count;
	const struct plan_phase	*ph;
	char			 sph[24], smax[24];
	struct buf		 files;
	struct dref		*s;
	char			*fl, *scount;
	const char		*val[5];

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
		scount = quota_count(b, s, k, j, count);
		snprintf(smax, sizeof(smax), "%d", ph->quota);
		val[0] = sph;			/* phase */
		val[1] = scount;		/* count */
		val[2] = smax;			/* max */
		val[3] = b->plan->number;	/* plan */
		val[4] = fl;			/* files */
		quota_report(b, r, s, k, j, val, count);
		free(scount);
		free(fl);
	}
	free(s);
}

/*
 * A nominee of a batch, for finding the same one in two dossiers of a
 * phase (vnom_birth()).
 */
struct bentry {
	size_t			 d;	/* dossier */
	const struct nominee	*n;
	size_t			 i;	/* nominee within it */
	int			 phase;
	struct date		 birth;	/* vnom_birth() */
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
	struct buf		 o = BUF_INIT;

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
 * dossier's root for each of its nominees concerned, naming the other
 * places (a few, and how many more), and the same as a warning at the
 * nominee (the root's error is the one counted).  O(n log n) in the
 * batch's nominees.
 */
static void
bchk_dup_nominee(struct batchctx *b, const struct rule *r)
{
	struct bentry	*e = NULL;
	struct bidx	 x;
	struct rule	 w = *r;
	size_t		 n = 0, cap = 0, i, k;
	char		*other;
	const char	*val[2];

	for (i = 0; i < b->n; i++) {
		if (b->plans[i] != b->plan)
			continue;
		vnom_fold_keys(b->ds[i]);
		for (k = 0; k < b->ds[i]->nnominees; k++) {
			if (b->ds[i]->nominees[k].key == NULL)
				continue;
			e = xgrow(e, &cap, n + 1, sizeof(*e));
			memset(&e[n], 0, sizeof(*e));
			e[n].d = i;
			e[n].n = &b->ds[i]->nominees[k];
			e[n].i = k;
			e[n].phase = b->ds[i]->phase;
			e[n].birth = vnom_birth(e[n].n);
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
		val[0] = e[k].n->name.s;	/* name */
		val[1] = other;			/* other */
		rule_report(b->d, b->ds[e[k].d]->file, b->ds[e[k].d]->line, r,
		    val);
		w.sev = DIAG_WARNING;
		rule_report(b->d, b->ds[e[k].d]->file, e[k].n->line, &w, val);
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
bchk_dup_dossier(struct batchctx *b, const struct rule *r)
{
	struct idref	*s;
	size_t		 i, j, k, n = 0, o;
	const char	*val[2];

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
			val[0] = s[i].id;	/* id */
			val[1] = b->ds[s[o].i]->path;	/* other */
			rule_report(b->d, b->ds[s[i].i]->file,
			    b->ds[s[i].i]->line, r, val);
		}
	}
	free(s);
}

void
validate_batch(struct dossier **ds, const struct plan **plans, size_t n,
    struct diag *d)
{
	struct batchctx		 b;
	const struct rule	*r;
	size_t			 i, j, k;

	b.ds = ds;
	b.plans = plans;
	b.n = n;
	b.d = d;
	for (i = 0; i < n; i++) {
		if (plans[i] == NULL || plans[i]->ruleset == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (plans[j] == plans[i])
				break;
		if (j < i)
			continue;	/* this plan's rules already ran */
		b.plan = plans[i];
		for (k = 0; k < b.plan->ruleset->n; k++) {
			r = &b.plan->ruleset->v[k];
			switch (r->kind) {
			case RK_QUOTA:
				bchk_quota(&b, r);
				break;
			case RK_DUP_NOMINEE:
				bchk_dup_nominee(&b, r);
				break;
			case RK_DUP_DOSSIER:
				bchk_dup_dossier(&b, r);
				break;
			case RK_PATTERN:
			case RK_PHASE:
			case RK_DATE_NOT_BEFORE:
			case RK_DATE_NOT_AFTER:
			case RK_DOC_ORGAN:
			case RK_NOMINEE_ID:
			case RK_VOTE_COUNT:
			case RK_VOTE_ABSTAIN:
			case RK_VOTE_THRESHOLD:
			case RK_BOOK_NUMBER:
			case RK_BOOK_MISSING:
			case RK_COUNCIL_ROLE:
			case RK_AGE:
			case RK_KIND_FIELDS:
			case RK_INDIVIDUAL_FIELDS:
			case RK_REPORT_DATE:
			case RK_REPORT_SIGNER:
				break;	/* one dossier at a time */
			}
		}
	}
}
