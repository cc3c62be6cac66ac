/*
 * validate_doc.c: the built-in checks of a dossier's documents: its
 * phase, the order of its dates, the organ in its documents' numbers,
 * its council's chair and secretary, and the votes of its meeting.
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

/* A phase the plan does not have. */
void
vdoc_phase(struct vctx *v, const struct rule *r)
{
	struct buf	 b = BUF_INIT;
	char		 ph[16], *list;
	size_t		 i;
	const char	*val[3];

	if (v->phase != NULL)
		return;
	for (i = 0; i < v->plan->nphases; i++)
		buf_printf(&b, "%s%d", i ? ", " : "",
		    v->plan->phases[i].number);
	list = buf_detach(&b);
	snprintf(ph, sizeof(ph), "%d", v->ds->phase);
	val[0] = ph;				/* phase */
	val[1] = list;				/* phases */
	val[2] = v->plan->number;		/* plan */
	rule_report(v->d, v->ds->file, v->ds->line, r, val);
	free(list);
}

/* A date before (RK_DATE_NOT_BEFORE) or after another. */
void
vdoc_date_bound(struct vctx *v, const struct rule *r)
{
	struct date	 a, lim;
	int		 la, ll, c, before = r->kind == RK_DATE_NOT_BEFORE;
	char		 sa[16], sl[16];
	const char	*val[2];

	if (validate_date(v, r->date, &a, &la) == -1 ||
	    validate_date(v, r->limit, &lim, &ll) == -1)
		return;
	c = date_cmp(&a, &lim);
	if ((before && c >= 0) || (!before && c <= 0))
		return;
	rule_vdate(&a, sa, sizeof(sa));
	rule_vdate(&lim, sl, sizeof(sl));
	val[0] = sa;				/* date */
	val[1] = sl;				/* limit */
	rule_report(v->d, v->ds->file, la, r, val);
}

/*
 * A document's number without its organ part ("12/TTr"): one finding
 * with the form to write, the issuer's abbreviation after the number
 * of its own documents ("12/TTr-BCH"), the issuing organ's for another
 * organ's decision.  The plan's patterns skip such a number (validate.c)
 * and doc-organ has no organ to compare.
 */
static void
docnum_no_organ(struct vctx *v, const struct docnum *dn, int own)
{
	const char	*abbr = v->ds->issuer.abbr.s;
	char		*want;

	if (dn->raw.s == NULL || !dn->no_organ)
		return;
	if (own && abbr != NULL)
		want = xasprintf("%s-%s", dn->raw.s, abbr);
	else
		want = xasprintf("%s-… với … là ký hiệu cơ quan ban hành, "
		    "ví dụ %s-UBND", dn->raw.s, dn->raw.s);
	diag_code(v->d, v->ds->file, dn->raw.line, DC_DOCNUM_NO_ORGAN,
	    dn->raw.s, want);
	free(want);
}

void
vdoc_numbers(struct vctx *v)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, j;

	docnum_no_organ(v, &ds->submission.number, 1);
	docnum_no_organ(v, &ds->meeting.number, 1);
	for (i = 0; i < ds->nnominees; i++)
		for (j = 0; j < ds->nominees[i].nawards; j++)
			docnum_no_organ(v, &ds->nominees[i].awards[j].decision,
			    0);
	if (ds->decision != NULL)
		docnum_no_organ(v, &ds->decision->number, 0);
}

/* A document's number whose organ is not the issuer's abbreviation. */
void
vdoc_organ(struct vctx *v, const struct rule *r)
{
	const struct docnum *dn = NULL;
	int		 line = v->ds->line;
	const char	*val[3];

	switch (r->doc) {
	case RDOC_SUBMISSION:
		dn = &v->ds->submission.number;
		line = v->ds->submission.line;
		break;
	case RDOC_MEETING:
		dn = &v->ds->meeting.number;
		line = v->ds->meeting.line;
		break;
	case RDOC_DECISION:
		if (v->ds->decision != NULL) {
			dn = &v->ds->decision->number;
			line = v->ds->decision->line;
		}
		break;
	}
	if (dn == NULL || !dn->ok || v->ds->issuer.abbr.s == NULL ||
	    strcmp(dn->organ, v->ds->issuer.abbr.s) == 0)
		return;
	val[0] = dn->raw.s;			/* number */
	val[1] = dn->organ;			/* organ */
	val[2] = v->ds->issuer.abbr.s;		/* expected */
	rule_report(v->d, v->ds->file, line, r, val);
}

/* A council without exactly one member of a role, present. */
void
vdoc_council_role(struct vctx *v, const struct rule *r)
{
	const struct meeting	*m = &v->ds->meeting;
	size_t			 i, n = 0, present = 0;
	char			 cnt[24], pr[24];
	const char		*val[3];

	if (m->line == 0)
		return;
	for (i = 0; i < m->nmembers; i++)
		if (m->members[i].role == r->role) {
			n++;
			if (m->members[i].present)
				present++;
		}
	if (n == 1 && present == 1)
		return;
	snprintf(cnt, sizeof(cnt), "%zu", n);
	snprintf(pr, sizeof(pr), "%zu", present);
	val[0] = cnt;				/* count */
	val[1] = pr;				/* present */
	val[2] = r->role_name;			/* role */
	rule_report(v->d, v->ds->file, m->line, r, val);
}

/* More votes than members present: at the vote. */
void
vdoc_vote_count(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, present = meeting_present(&ds->meeting);
	char			 y[24], n[24], p[24];
	const char		*val[4];

	for (i = 0; i < ds->nnominees; i++) {
		const struct nominee *nm = &ds->nominees[i];

		if (nm->vote_yes < 0 || nm->vote_no < 0 ||
		    (size_t)nm->vote_yes + (size_t)nm->vote_no <= present)
			continue;
		snprintf(y, sizeof(y), "%d", nm->vote_yes);
		snprintf(n, sizeof(n), "%d", nm->vote_no);
		snprintf(p, sizeof(p), "%zu", present);
		val[0] = y;			/* yes */
		val[1] = n;			/* no */
		val[2] = p;			/* present */
		val[3] = nm->name.s;		/* name */
		rule_report(v->d, ds->file, nm->vote_line, r, val);
	}
}

/*
 * Fewer votes than members present: a warning at the vote, saying how
 * many did not vote (blank or invalid ballots in a secret ballot).
 */
void
vdoc_vote_abstain(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, present = meeting_present(&ds->meeting);
	char			 y[24], n[24], p[24], a[24];
	const char		*val[5];

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
		val[0] = y;			/* yes */
		val[1] = n;			/* no */
		val[2] = p;			/* present */
		val[3] = a;			/* abstain */
		val[4] = nm->name.s;		/* name */
		rule_report(v->d, ds->file, nm->vote_line, r, val);
	}
}

/* Too few votes for the plan's approval: at the vote. */
void
vdoc_vote_threshold(struct vctx *v, const struct rule *r)
{
	const struct dossier	*ds = v->ds;
	size_t			 i, present = meeting_present(&ds->meeting);
	long			 need;
	char			 y[24], p[24], nd[24], fr[32];
	const char		*val[5];

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
		val[0] = y;			/* yes */
		val[1] = p;			/* present */
		val[2] = nd;			/* needed */
		val[3] = nm->name.s;		/* name */
		val[4] = fr;			/* fraction */
		rule_report(v->d, ds->file, nm->vote_line, r, val);
	}
}
