/*
 * validate.c: the meaning of a dossier, checked against its plan's bound
 * rules (ruleset.c): owns the table of fields that pattern rules read,
 * the running of each rule on a dossier (the built-in checks live in
 * validate_doc.c and validate_nominee.c, the batch's in
 * validate_batch.c), and the dates rules name.
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
#include "ruleset.h"
#include "validate.h"

/* --- Fields that pattern rules read (fields.in). ------------------- */

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
	struct buf	 b = BUF_INIT;
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

/* The document number that field f of obj is the text of, or NULL. */
static const struct docnum *
field_docnum(enum field f, const void *obj)
{
	if (f == F_SUB_NUMBER)
		return &((const struct dossier *)obj)->submission.number;
	if (f == F_MEET_NUMBER)
		return &((const struct dossier *)obj)->meeting.number;
	if (f == F_NOM_AWARD_DECISION)
		return &((const struct award *)obj)->decision;
	if (f == F_DEC_NUMBER)
		return &((const struct decision *)obj)->number;
	return NULL;
}

/*
 * The texts of field f of obj (an object of the field's kind).  A number
 * without its organ part has its own finding (vdoc_numbers()): the
 * plan's patterns do not read it.
 */
static void
fadd_field(struct fvec *fv, enum field f, const void *obj,
    const struct nominee *nm)
{
	const struct field_def	*fd = &field_defs[f];
	const char		*o = obj;
	const struct text	*t;
	const struct docnum	*dn;
	size_t			 i, n;

	switch (fd->type) {
	case FT_TEXT:
		if ((dn = field_docnum(f, obj)) == NULL || !dn->no_organ)
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
    enum field_filter filt)
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

/* --- Running the rules. ------------------------------------------- */

/*
 * A date a rule names, of the dossier or its phase, and the line it is
 * written at: 0, or -1 when the dossier or the plan has none.
 */
int
validate_date(const struct vctx *v, enum rule_date which, struct date *out,
    int *line)
{
	const struct dossier	*ds = v->ds;

	*line = ds->line;
	switch (which) {
	case RD_MEETING:
		*out = ds->meeting.date;
		*line = ds->meeting.line;
		break;
	case RD_SUBMISSION:
		*out = ds->submission.date;
		*line = ds->submission.line;
		break;
	case RD_DECISION:
		if (ds->decision == NULL)
			return -1;
		*out = ds->decision->date;
		*line = ds->decision->line;
		break;
	case RD_PHASE_START:
		if (v->phase == NULL)
			return -1;
		*out = v->phase->start;
		break;
	case RD_PHASE_END:
		if (v->phase == NULL)
			return -1;
		*out = v->phase->end;
		break;
	case RD_SUMMARY_END:
		if (v->phase == NULL)
			return -1;
		*out = v->phase->summary_end;
		break;
	case RD_REPORT_DEADLINE:
		if (v->phase == NULL)
			return -1;
		*out = v->phase->report_deadline;
		break;
	}
	return out->y > 0 ? 0 : -1;
}

/* A pattern rule on each value of each of its fields. */
static void
run_pattern(struct vctx *v, const struct rule *r)
{
	struct fvec		 fv = { NULL, 0, 0 };
	const struct rule_field	*fl;
	enum rx_result		 res;
	size_t			 i, j;
	const char		*val[2];

	for (j = 0; j < r->nfields; j++) {
		fl = &r->fields[j];
		collect(&fv, v->ds, fl->field, fl->filter);
		for (i = 0; i < fv.n; i++) {
			if (v->limit_hits >= RULE_LIMIT_BUDGET)
				break;
			res = rx_match(r->rx, fv.v[i].s, strlen(fv.v[i].s));
			if (res == RX_LIMIT || res == RX_ERROR) {
				diag_code(v->d, v->ds->file, fv.v[i].line,
				    DC_RULE_LIMIT, r->id, fl->spec);
				if (++v->limit_hits == RULE_LIMIT_BUDGET)
					diag_code(v->d, v->ds->file,
					    v->ds->line, DC_RULE_BUDGET,
					    RULE_LIMIT_BUDGET, v->plan->path,
					    r->id);
				continue;
			}
			if ((res == RX_MATCH) == (r->require != 0))
				continue;
			val[0] = fv.v[i].s;			/* value */
			val[1] = fv.v[i].nm != NULL ?		/* name */
			    fv.v[i].nm->name.s : "";
			rule_report(v->d, v->ds->file, fv.v[i].line, r, val);
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

/* Rule r on the dossier of v, unless it spans a batch. */
static void
run_rule(struct vctx *v, const struct rule *r)
{
	switch (r->kind) {
	case RK_PATTERN:
		if (r->rx != NULL && v->limit_hits < RULE_LIMIT_BUDGET)
			run_pattern(v, r);
		break;
	case RK_PHASE:
		vdoc_phase(v, r);
		break;
	case RK_DATE_NOT_BEFORE:
	case RK_DATE_NOT_AFTER:
		vdoc_date_bound(v, r);
		break;
	case RK_DOC_ORGAN:
		vdoc_organ(v, r);
		break;
	case RK_NOMINEE_ID:
		vnom_id(v, r);
		break;
	case RK_DUP_NOMINEE:
		vnom_dup(v, r);
		break;
	case RK_VOTE_COUNT:
		vdoc_vote_count(v, r);
		break;
	case RK_VOTE_ABSTAIN:
		vdoc_vote_abstain(v, r);
		break;
	case RK_VOTE_THRESHOLD:
		vdoc_vote_threshold(v, r);
		break;
	case RK_BOOK_NUMBER:
		vnom_book_number(v, r);
		break;
	case RK_BOOK_MISSING:
		vnom_book_missing(v, r);
		break;
	case RK_COUNCIL_ROLE:
		vdoc_council_role(v, r);
		break;
	case RK_AGE:
		vnom_age(v, r);
		break;
	case RK_KIND_FIELDS:
		vnom_kind_fields(v, r);
		break;
	case RK_INDIVIDUAL_FIELDS:
		vnom_individual_fields(v, r);
		break;
	case RK_REPORT_DATE:
		vnom_report_date(v, r);
		break;
	case RK_REPORT_SIGNER:
		vnom_report_signer(v, r);
		break;
	case RK_DUP_DOSSIER:
	case RK_QUOTA:
		break;		/* validate_batch() */
	}
}

void
validate_dossier(const struct plan *p, struct dossier *ds, struct diag *d)
{
	struct vctx	 v;
	size_t		 i;

	v.plan = p;
	v.ds = ds;
	v.d = d;
	v.phase = plan_phase(p, ds->phase);
	v.limit_hits = 0;
	reserved_ids(ds, d);
	vnom_fold_keys(ds);
	vnom_number_books(ds);
	vdoc_numbers(&v);
	if (p->ruleset == NULL)
		return;
	for (i = 0; i < p->ruleset->n; i++)
		run_rule(&v, &p->ruleset->v[i]);
}
