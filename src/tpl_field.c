/*
 * tpl_field.c: the fields a template reads — the model's (fields.in) and
 * the values computed from them — their paths resolved once into
 * references when the template loads, their values against a dossier at
 * expansion, and the filters and tests written on them.
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "model.h"
#include "fields.h"
#include "plan.h"
#include "backend.h"
#include "blocks.h"
#include "template.h"
#include "tpl_int.h"

/*
 * The values a template reads beyond the model's fields (fields.in):
 * what is computed from them, the lists of objects, and the steps into
 * an object that a path names by role.
 */
enum froot { FR_PLAN_NUMBER, FR_PLAN_TITLE, FR_PLAN_AWARD, FR_PLAN_ISSUER,
	FR_PLAN_DATE, FR_PLAN_APPROVAL, FR_PHASE_NUMBER, FR_PHASE_THEME,
	FR_PHASE_START, FR_PHASE_END, FR_ISSUER_NAME_TEXT, FR_NOMINEES,
	FR_COUNT_COLLECTIVE, FR_COUNT_INDIVIDUAL, FR_COUNT_TOTAL,
	FR_COUNT_ABSTAINING, FR_DECISION, FR_DRAFT };
enum fnom { FN_KIND, FN_GENDER, FN_UNIT_OWN, FN_UNIT_PARENT, FN_SECTIONS,
	FN_AWARDS, FN_VOTE_ABSTAIN, FN_VOTE_PERCENT, FN_APPROVED, FN_BOOK };
enum fmeet { FM_START, FM_END, FM_METHOD, FM_MEMBERS, FM_PRESENT, FM_TOTAL,
	FM_ABSENT };
enum fdec { FD_PLACE };
enum fmem { FE_ROLE, FE_PRESENT };

/*
 * A name of the language: a value of an object (whole rest of the path,
 * or with SEG its first segment alone), or a step into an object inside.
 */
struct fname {
	enum otype	 in;
	const char	*name;
	int		 leaf;		/* -1: a step */
	int		 list;		/* a list of itype */
	enum otype	 itype;		/* or the step's object */
	enum tpl_sub	 sub;
	int		 seg;
};

#define L(o, n, id)		{ o, n, id, 0, O_ROOT, TS_MEETING, 0 }
#define LIST(o, n, id, it)	{ o, n, id, 1, it, TS_MEETING, 0 }
#define STEP(o, n, to, s)	{ o, n, -1, 0, to, s, 0 }

static const struct fname fnames[] = {
	L(O_ROOT, "plan.number", FR_PLAN_NUMBER),
	L(O_ROOT, "plan.title", FR_PLAN_TITLE),
	L(O_ROOT, "plan.award", FR_PLAN_AWARD),
	L(O_ROOT, "plan.issuer", FR_PLAN_ISSUER),
	L(O_ROOT, "plan.date", FR_PLAN_DATE),
	L(O_ROOT, "plan.approval", FR_PLAN_APPROVAL),
	L(O_ROOT, "phase.number", FR_PHASE_NUMBER),
	L(O_ROOT, "phase.theme", FR_PHASE_THEME),
	L(O_ROOT, "phase.start", FR_PHASE_START),
	L(O_ROOT, "phase.end", FR_PHASE_END),
	L(O_ROOT, "issuer.name-in-text", FR_ISSUER_NAME_TEXT),
	{ O_ROOT, "nominees", FR_NOMINEES, 1, O_NOMINEE, TS_MEETING, 1 },
	L(O_ROOT, "count.collective", FR_COUNT_COLLECTIVE),
	L(O_ROOT, "count.individual", FR_COUNT_INDIVIDUAL),
	L(O_ROOT, "count.total", FR_COUNT_TOTAL),
	L(O_ROOT, "count.abstaining", FR_COUNT_ABSTAINING),
	{ O_ROOT, "decision", FR_DECISION, 0, O_ROOT, TS_MEETING, 1 },
	L(O_ROOT, "render.draft", FR_DRAFT),
	STEP(O_ROOT, "meeting", O_MEETING, TS_MEETING),
	STEP(O_ROOT, "decision", O_DECISION, TS_DECISION),

	L(O_MEETING, "start", FM_START),
	L(O_MEETING, "end", FM_END),
	L(O_MEETING, "method", FM_METHOD),
	LIST(O_MEETING, "members", FM_MEMBERS, O_MEMBER),
	L(O_MEETING, "present", FM_PRESENT),
	L(O_MEETING, "total", FM_TOTAL),
	L(O_MEETING, "absent", FM_ABSENT),
	STEP(O_MEETING, "chair", O_MEMBER, TS_CHAIR),
	STEP(O_MEETING, "secretary", O_MEMBER, TS_SECRETARY),

	L(O_DECISION, "place", FD_PLACE),

	L(O_NOMINEE, "kind", FN_KIND),
	L(O_NOMINEE, "gender", FN_GENDER),
	L(O_NOMINEE, "unit.own", FN_UNIT_OWN),
	L(O_NOMINEE, "unit.parent", FN_UNIT_PARENT),
	LIST(O_NOMINEE, "sections", FN_SECTIONS, O_SECTION),
	LIST(O_NOMINEE, "awards", FN_AWARDS, O_AWARD),
	L(O_NOMINEE, "vote.abstain", FN_VOTE_ABSTAIN),
	L(O_NOMINEE, "vote.percent", FN_VOTE_PERCENT),
	L(O_NOMINEE, "approved", FN_APPROVED),
	L(O_NOMINEE, "book", FN_BOOK),

	L(O_MEMBER, "role", FE_ROLE),
	L(O_MEMBER, "present", FE_PRESENT),

	L(O_TEXT, "", 0)
};

/*
 * What the paths of a model field (fields.in) start with when a path
 * reaches them from an object of the template's; NULL: none.
 */
static const struct {
	const char	*prefix;
	enum field_obj	 obj;
} model_in[] = {
	[O_ROOT] = { "", FO_DOSSIER },
	[O_NOMINEE] = { "nominee.", FO_NOMINEE },
	[O_MEMBER] = { "meeting.member.", FO_MEMBER },
	[O_SECTION] = { "nominee.section.", FO_SECTION },
	[O_AWARD] = { "nominee.award.", FO_AWARD },
	[O_TEXT] = { NULL, FO_DOSSIER },
	[O_MEETING] = { NULL, FO_DOSSIER },
	[O_DECISION] = { "decision.", FO_DECISION }
};

static const char *const vfields[] = { NULL, "seq", "punct", "last",
	"first" };

static const char *const filters[] = { "upper", "long-date", "date",
	"day", "month", "year", "time", "pad2", "roman" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
is(const char *s, size_t len, const char *name)
{
	return strlen(name) == len && memcmp(s, name, len) == 0;
}

/*
 * A field of the model (fields.in) that p (len bytes) names from an
 * object of type in: 0 with it in r, or -1.
 */
static int
model_path(enum otype in, const char *p, size_t len, struct tpl_ref *r)
{
	char	 name[160];
	size_t	 n;
	int	 f;

	if (model_in[in].prefix == NULL ||
	    (n = strlen(model_in[in].prefix)) + len >= sizeof(name))
		return -1;
	memcpy(name, model_in[in].prefix, n);
	memcpy(name + n, p, len);
	if ((f = field_by_tpl(name, n + len)) < 0)
		return -1;
	if (field_defs[f].obj == FO_DECISION && in == O_ROOT &&
	    r->nsubs < TPL_MAX_SUBS) {
		r->subs[r->nsubs++] = TS_DECISION;
		in = O_DECISION;
	} else if (field_defs[f].obj != model_in[in].obj)
		return -1;
	r->type = in;
	r->field = f;
	r->list = field_defs[f].type == FT_TEXTS;
	r->itype = O_TEXT;
	return 0;
}

/* Resolve p (len bytes) among the names of object type in into r. */
static int
path_in(enum otype in, const char *p, size_t len, struct tpl_ref *r)
{
	const struct fname	*f;
	size_t			 i, n, seg;

	if (model_path(in, p, len, r) == 0)
		return 0;
	for (seg = 0; seg < len && p[seg] != '.'; seg++)
		continue;
	for (i = 0; i < NELEM(fnames); i++) {
		f = &fnames[i];
		if (f->in != in || f->leaf < 0)
			continue;
		if (is(p, len, f->name) || (f->seg && is(p, seg, f->name) &&
		    len == seg + 1)) {
			r->type = in;
			r->leaf = f->leaf;
			r->list = f->list;
			r->itype = f->itype;
			return 0;
		}
	}
	for (i = 0; i < NELEM(fnames); i++) {
		f = &fnames[i];
		n = strlen(f->name);
		if (f->in != in || f->leaf >= 0 || n >= len || p[n] != '.' ||
		    memcmp(p, f->name, n) != 0 || r->nsubs == TPL_MAX_SUBS)
			continue;
		r->subs[r->nsubs++] = f->sub;
		return path_in(f->itype, p + n + 1, len - n - 1, r);
	}
	return -1;
}

/*
 * Resolve a field path (len bytes): the innermost loop variable named by
 * its first segment, else the dossier.  Returns 0, or -1 if there is no
 * such field.
 */
int
tf_path(const struct env *e, const char *path, size_t len,
    struct tpl_ref *r)
{
	const char	*rest;
	size_t		 i, seg, rlen;

	memset(r, 0, sizeof(*r));
	r->var = -1;
	r->field = -1;
	for (seg = 0; seg < len && path[seg] != '.'; seg++)
		continue;
	rest = path + seg + (seg < len);
	rlen = len - (size_t)(rest - path);
	for (i = e->nvars; seg < 64 && i-- > 0; ) {
		if (!is(path, seg, e->vars[i].name))
			continue;
		r->var = (int)i;
		for (r->vf = TV_SEQ; r->vf <= TV_FIRST; r->vf++)
			if (is(rest, rlen, vfields[r->vf]))
				return 0;
		r->vf = TV_NONE;
		return path_in(e->vars[i].type, rest, rlen, r);
	}
	return path_in(O_ROOT, path, len, r);
}

/* --- Values. ------------------------------------------------------ */

static void
sval(struct val *v, const char *s, int line)
{
	v->list = 0;
	v->line = line;
	v->s = (s != NULL && *s != '\0') ? xstrdup(s) : NULL;
}

static void
tval(struct val *v, const struct text *t)
{
	if (t == NULL)
		sval(v, NULL, 0);
	else
		sval(v, t->s, t->line);
}

static void
ival(struct val *v, long n, int line)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	sval(v, buf, line);
}

static void
dval(struct val *v, const struct date *d, int line)
{
	char	 buf[16];

	if (d == NULL || d->y == 0) {
		sval(v, NULL, line);
		return;
	}
	date_iso(d, buf, sizeof(buf));
	sval(v, buf, line);
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

/* The nominees of ds of a kind (-1 all, -2 abstaining ones). */
static long
count_of(const struct dossier *ds, int kind)
{
	size_t	 i, n = 0;

	for (i = 0; i < ds->nnominees; i++)
		if (kind == -2 ? nominee_abstains(ds, &ds->nominees[i]) :
		    kind == -1 || (int)ds->nominees[i].kind == kind)
			n++;
	return (long)n;
}

static void
v_root(const struct env *e, int leaf, struct val *v)
{
	const struct dossier	*ds = e->c->ds;
	const struct plan	*pl = e->c->plan;
	const struct plan_phase	*ph = NULL;
	char			 buf[32];
	char			*t;

	if (leaf >= FR_PHASE_THEME && leaf <= FR_PHASE_END)
		ph = plan_phase(pl, ds->phase);
	switch ((enum froot)leaf) {
	case FR_PLAN_NUMBER:
		sval(v, pl ? pl->number : NULL, 0);
		break;
	case FR_PLAN_TITLE:
		sval(v, pl ? pl->title : NULL, 0);
		break;
	case FR_PLAN_AWARD:
		sval(v, pl ? pl->award : NULL, 0);
		break;
	case FR_PLAN_ISSUER:
		sval(v, pl ? pl->issuer : NULL, 0);
		break;
	case FR_PLAN_DATE:
		dval(v, pl ? &pl->date : NULL, 0);
		break;
	case FR_PLAN_APPROVAL:
		if (pl != NULL)
			snprintf(buf, sizeof(buf), "%d/%d", pl->approve_num,
			    pl->approve_den);
		sval(v, pl ? buf : NULL, 0);
		break;
	case FR_PHASE_NUMBER:
		ival(v, ds->phase, ds->line);
		break;
	case FR_PHASE_THEME:
		sval(v, ph ? ph->theme : NULL, 0);
		break;
	case FR_PHASE_START:
		dval(v, ph ? &ph->start : NULL, 0);
		break;
	case FR_PHASE_END:
		dval(v, ph ? &ph->end : NULL, 0);
		break;
	case FR_ISSUER_NAME_TEXT:
		if (ds->issuer.name_text.s != NULL ||
		    ds->issuer.name.s == NULL)
			tval(v, &ds->issuer.name_text);
		else {
			t = enc_running_name(ds->issuer.name.s);
			sval(v, t, ds->issuer.name.line);
			free(t);
		}
		break;
	case FR_NOMINEES:
		lval(v, O_NOMINEE, ds->nominees, ds->nnominees,
		    sizeof(struct nominee), ds->line);
		break;
	case FR_COUNT_COLLECTIVE:
		ival(v, count_of(ds, KIND_COLLECTIVE), ds->line);
		break;
	case FR_COUNT_INDIVIDUAL:
		ival(v, count_of(ds, KIND_INDIVIDUAL), ds->line);
		break;
	case FR_COUNT_TOTAL:
		ival(v, count_of(ds, -1), ds->line);
		break;
	case FR_COUNT_ABSTAINING:
		ival(v, count_of(ds, -2), ds->line);
		break;
	case FR_DECISION:
		sval(v, ds->decision ? "yes" : NULL,
		    ds->decision ? ds->decision->line : 0);
		break;
	case FR_DRAFT:
		sval(v, e->c->draft ? "yes" : NULL, 0);
		break;
	}
}

static void
v_meeting(int leaf, const struct meeting *m, struct val *v)
{
	char	 buf[32];
	int	 mins;

	switch ((enum fmeet)leaf) {
	case FM_START:
	case FM_END:
		mins = leaf == FM_START ? m->start : m->end;
		if (mins >= 0)
			snprintf(buf, sizeof(buf), "%02d:%02d", mins / 60,
			    mins % 60);
		sval(v, mins >= 0 ? buf : NULL, m->line);
		break;
	case FM_METHOD:
		sval(v, m->method == METHOD_SECRET_BALLOT ? "secret-ballot" :
		    "show-of-hands", m->line);
		break;
	case FM_MEMBERS:
		lval(v, O_MEMBER, m->members, m->nmembers,
		    sizeof(struct member), m->line);
		break;
	case FM_PRESENT:
		ival(v, (long)meeting_present(m), m->line);
		break;
	case FM_TOTAL:
		ival(v, (long)m->nmembers, m->line);
		break;
	case FM_ABSENT:
		ival(v, (long)(m->nmembers - meeting_present(m)), m->line);
		break;
	}
}

/* A decision's field; dc is NULL when the dossier has none. */
static void
v_decision(const struct env *e, int leaf, const struct decision *dc,
    struct val *v)
{
	const struct plan	*pl = e->c->plan;

	switch ((enum fdec)leaf) {
	case FD_PLACE:
		/* The awarding authority's: the decision's, else the
		   plan's (never the nominating unit's). */
		if (dc != NULL && dc->place.s != NULL)
			tval(v, &dc->place);
		else
			sval(v, pl ? pl->place : NULL, dc ? dc->line : 0);
		break;
	}
}

/* "Phòng Tham mưu, Bộ CHQS tỉnh Lào Cai": its first or second part. */
static void
unit_part(const struct nominee *n, int parent, struct val *v)
{
	const char	*u = n->unit.s != NULL ? n->unit.s : "";
	const char	*c1 = strstr(u, ", "), *c2;
	char		*part;

	if (!parent)
		part = c1 != NULL ? xstrndup(u, (size_t)(c1 - u)) :
		    xstrdup(u);
	else if (c1 == NULL)
		part = xstrdup("");
	else if ((c2 = strstr(c1 + 2, ", ")) != NULL)
		part = xstrndup(c1 + 2, (size_t)(c2 - c1 - 2));
	else
		part = xstrdup(c1 + 2);
	sval(v, part, n->unit.line);
	free(part);
}

/* The votes for n as a percentage of those present ("66,7", "100"). */
static void
vote_percent(const struct env *e, const struct nominee *n, struct val *v)
{
	char	 buf[32];
	size_t	 present = meeting_present(&e->c->ds->meeting);
	double	 pc;

	pc = present ? 100.0 * n->vote_yes / (double)present : 0;
	snprintf(buf, sizeof(buf), "%.1f", pc);
	if (strcmp(buf + strlen(buf) - 2, ".0") == 0)
		buf[strlen(buf) - 2] = '\0';
	else
		*strchr(buf, '.') = ',';	/* 66,7 */
	sval(v, buf, n->vote_line);
}

/* Votes needed: more than the plan's fraction of the members present. */
static long
needed(const struct env *e)
{
	const struct plan	*p = e->c->plan;
	size_t			 present = meeting_present(&e->c->ds->meeting);

	return (long)present * p->approve_num / p->approve_den + 1;
}

static void
v_nominee(const struct env *e, int leaf, const struct nominee *n,
    struct val *v)
{
	long	 ab;

	switch ((enum fnom)leaf) {
	case FN_KIND:
		sval(v, n->kind == KIND_COLLECTIVE ? "collective" :
		    "individual", n->line);
		break;
	case FN_GENDER:
		sval(v, n->gender == GENDER_NONE ? NULL :
		    n->gender == GENDER_MALE ? "male" : "female",
		    n->gender_line);
		break;
	case FN_UNIT_OWN:
	case FN_UNIT_PARENT:
		unit_part(n, leaf == FN_UNIT_PARENT, v);
		break;
	case FN_SECTIONS:
		lval(v, O_SECTION, n->sections, n->nsections,
		    sizeof(struct section), n->report_line);
		break;
	case FN_AWARDS:
		lval(v, O_AWARD, n->awards, n->nawards, sizeof(struct award),
		    n->line);
		break;
	case FN_VOTE_ABSTAIN:
		ab = 0;
		if (n->vote_yes >= 0 && n->vote_no >= 0) {
			ab = (long)meeting_present(&e->c->ds->meeting) -
			    n->vote_yes - n->vote_no;
			if (ab < 0)
				ab = 0;
		}
		ival(v, ab, n->vote_line);
		break;
	case FN_VOTE_PERCENT:
		vote_percent(e, n, v);
		break;
	case FN_APPROVED:
		sval(v, n->vote_yes >= needed(e) ? "yes" : NULL, n->vote_line);
		break;
	case FN_BOOK:
		if (n->book_final > 0)
			ival(v, n->book_final, n->book_line ? n->book_line :
			    n->line);
		else
			sval(v, NULL, 0);
		break;
	}
}

/* A member's field; m is NULL when the meeting has none in that role. */
static void
v_member(int leaf, const struct member *m, struct val *v)
{
	static const char *const roles[] = { "chair", "vice-chair", "member",
	    "secretary" };

	if (m == NULL) {
		sval(v, NULL, 0);
		return;
	}
	switch ((enum fmem)leaf) {
	case FE_ROLE:
		sval(v, roles[m->role], m->line);
		break;
	case FE_PRESENT:
		sval(v, m->present ? "yes" : NULL, m->line);
		break;
	}
}

/* One step from obj into the object inside it; NULL when absent. */
static const void *
step(const struct env *e, enum tpl_sub s, const void *obj)
{
	const struct dossier	*ds = e->c->ds;
	const struct meeting	*m = obj;

	switch (s) {
	case TS_MEETING:
		return &ds->meeting;
	case TS_DECISION:
		return ds->decision;
	case TS_CHAIR:
		return member_with(m, ROLE_CHAIR);
	case TS_SECRETARY:
		return member_with(m, ROLE_SECRETARY);
	}
	return NULL;
}

/* The loop variable's own fields. */
static void
v_var(const struct var *x, enum tpl_vfield vf, struct val *v)
{
	switch (vf) {
	case TV_SEQ:
		ival(v, (long)x->index + 1, 0);
		break;
	case TV_PUNCT:
		sval(v, x->index + 1 < x->count ? x->punct : x->punct_last, 0);
		break;
	case TV_LAST:
		sval(v, x->index + 1 == x->count ? "yes" : NULL, 0);
		break;
	case TV_FIRST:
		sval(v, x->index == 0 ? "yes" : NULL, 0);
		break;
	case TV_NONE:
		break;
	}
}

/* A field of the model (fields.in) of obj; obj NULL: empty. */
static void
v_field(enum field f, const void *obj, struct val *v)
{
	const struct field_def	*fd = &field_defs[f];
	const char		*o = obj;
	const struct text	*t;
	size_t			 n;
	int			 i, line;

	if (obj == NULL) {
		sval(v, NULL, 0);
		return;
	}
	switch (fd->type) {
	case FT_TEXT:
		tval(v, field_text(f, obj));
		break;
	case FT_TEXTS:
		memcpy(&t, o + fd->off, sizeof(t));
		memcpy(&n, o + fd->aux, sizeof(n));
		lval(v, O_TEXT, t, n, sizeof(struct text), 0);
		break;
	case FT_DATE:
		memcpy(&line, o + fd->aux, sizeof(line));
		dval(v, (const struct date *)(o + fd->off), line);
		break;
	case FT_INT:
		memcpy(&i, o + fd->off, sizeof(i));
		memcpy(&line, o + fd->aux, sizeof(line));
		ival(v, i, line);
		break;
	case FT_LONG:
	case FT_GENDER:
	case FT_REPORT:
	case FT_ACHIEVEMENTS:
		sval(v, NULL, 0);
		break;
	}
}

/*
 * The value of a field against the dossier of e into v (its string is
 * new, val->s the caller's to free).  Returns -1 only when a nominee
 * document is expanded with no nominee.
 */
int
tf_get(const struct env *e, const struct tpl_ref *r, struct val *v)
{
	const void	*obj = e->c->ds;
	size_t		 i;

	memset(v, 0, sizeof(*v));
	if (r->var >= 0) {
		if (r->vf != TV_NONE) {
			v_var(&e->vars[r->var], r->vf, v);
			return 0;
		}
		obj = e->vars[r->var].obj;
		if (e->vars[r->var].type == O_NOMINEE && obj == NULL)
			return -1;
	}
	for (i = 0; i < r->nsubs; i++)
		obj = step(e, r->subs[i], obj);
	if (r->field >= 0) {
		v_field((enum field)r->field, obj, v);
		return 0;
	}
	switch (r->type) {
	case O_ROOT:
		v_root(e, r->leaf, v);
		break;
	case O_NOMINEE:
		v_nominee(e, r->leaf, obj, v);
		break;
	case O_MEMBER:
		v_member(r->leaf, obj, v);
		break;
	case O_TEXT:
		tval(v, obj);
		break;
	case O_MEETING:
		v_meeting(r->leaf, obj, v);
		break;
	case O_DECISION:
		v_decision(e, r->leaf, obj, v);
		break;
	case O_SECTION:
	case O_AWARD:
		break;		/* the model's fields only */
	}
	return 0;
}

/* --- Filters. ----------------------------------------------------- */

static char *
roman(int n)
{
	static const char *const tens[] = { "", "X", "XX", "XXX" };
	static const char *const ones[] = { "", "I", "II", "III", "IV", "V",
	    "VI", "VII", "VIII", "IX" };

	return xasprintf("%s%s", tens[n / 10], ones[n % 10]);
}

/* A date filter on d. */
static char *
date_filter(enum tpl_filter f, const struct date *d)
{
	/* Nghị định 30: days below 10 and months 1, 2 take a 0. */
	switch (f) {
	case TF_LONG_DATE:
		return xasprintf("ngày %02d tháng %s%d năm %d", d->d,
		    d->m < 3 ? "0" : "", d->m, d->y);
	case TF_DATE:
		return xasprintf("%02d/%s%d/%d", d->d, d->m < 3 ? "0" : "",
		    d->m, d->y);
	case TF_DAY:
		return xasprintf("%02d", d->d);
	case TF_MONTH:
		return xasprintf("%s%d", d->m < 3 ? "0" : "", d->m);
	case TF_YEAR:
		return xasprintf("%d", d->y);
	case TF_UPPER:
	case TF_TIME:
	case TF_PAD2:
	case TF_ROMAN:
		break;
	}
	return NULL;
}

/* Apply one filter to s (consumed); returns a new string. */
static char *
filter_apply(enum tpl_filter f, char *s)
{
	struct date	 d;
	char		*r = NULL;
	int		 h, m;

	if (s == NULL)
		return NULL;
	switch (f) {
	case TF_UPPER:
		r = enc_upper(s);
		break;
	case TF_PAD2:
		if (strlen(s) == 1 && isdigit((unsigned char)s[0]))
			r = xasprintf("0%s", s);
		break;
	case TF_ROMAN:
		if (atoi(s) > 0 && atoi(s) < 40)
			r = roman(atoi(s));
		break;
	case TF_TIME:
		if (sscanf(s, "%d:%d", &h, &m) == 2)
			r = xasprintf("%02d giờ %02d", h, m);
		break;
	case TF_LONG_DATE:
	case TF_DATE:
	case TF_DAY:
	case TF_MONTH:
	case TF_YEAR:
		if (date_parse(s, &d, 1) == 0 && d.m != 0)
			r = date_filter(f, &d);
		break;
	}
	if (r == NULL)
		return s;
	free(s);
	return r;
}

/* --- Expressions and tests. --------------------------------------- */

/*
 * Compile "{path|filter|…}" (its inner text, len bytes) into x.  Returns
 * 0, or -1 when the path or a filter is unknown: *bad names it.
 */
int
tf_expr(const struct env *e, const char *expr, size_t len,
    struct tpl_expr *x, char *bad, size_t badsz)
{
	const char	*bar, *f, *fe, *end = expr + len;
	size_t		 plen, i;

	memset(x, 0, sizeof(*x));
	bar = memchr(expr, '|', len);
	plen = (size_t)((bar ? bar : end) - expr);
	if (plen == 0 || plen >= 128) {
		snprintf(bad, badsz, "{%.*s}", (int)len, expr);
		return -1;
	}
	if (tf_path(e, expr, plen, &x->ref) == -1 || x->ref.list) {
		snprintf(bad, badsz, "%.*s", (int)plen, expr);
		return -1;
	}
	for (f = bar; f != NULL && f < end; f = fe) {
		f++;
		if ((fe = memchr(f, '|', (size_t)(end - f))) == NULL)
			fe = end;
		for (i = 0; i < NELEM(filters); i++)
			if (is(f, (size_t)(fe - f), filters[i]))
				break;
		if (i == NELEM(filters)) {
			snprintf(bad, badsz, "|%.*s", (int)(fe - f), f);
			tf_expr_free(x);
			return -1;
		}
		x->filters = xrealloc(x->filters, (x->nfilters + 1) *
		    sizeof(*x->filters));
		x->filters[x->nfilters++] = (enum tpl_filter)i;
	}
	return 0;
}

void
tf_expr_free(struct tpl_expr *x)
{
	free(x->filters);
	x->filters = NULL;
	x->nfilters = 0;
}

/*
 * Evaluate x: 0 and a new string (NULL when empty) in *out with the
 * field's line; -1 when it cannot be (tf_get).
 */
int
tf_eval(const struct env *e, const struct tpl_expr *x, char **out,
    int *line)
{
	struct val	 v;
	size_t		 i;

	*out = NULL;
	*line = 0;
	if (tf_get(e, &x->ref, &v) == -1)
		return -1;
	*line = v.line;
	*out = v.s;
	for (i = 0; i < x->nfilters; i++)
		*out = filter_apply(x->filters[i], *out);
	return 0;
}

/* Compile a test: "path", "!path", "path=value", "path!=value"; 0 or -1. */
int
tf_test(const struct env *e, const char *test, struct tpl_test *t)
{
	const char	*eq, *p = test;
	size_t		 len;

	memset(t, 0, sizeof(*t));
	if (*p == '!') {
		t->neg = 1;
		p++;
	}
	eq = strchr(p, '=');
	len = eq ? (size_t)(eq - p) : strlen(p);
	if (eq != NULL && eq > p && eq[-1] == '!') {
		t->ne = 1;
		len--;
	}
	if (len == 0 || len >= 128 || tf_path(e, p, len, &t->ref) == -1)
		return -1;
	if (eq != NULL)
		t->value = xstrdup(eq + 1);
	return 0;
}

/* Is the test "render.draft", true in a draft only? */
int
tf_test_draft(const struct tpl_test *t)
{
	return t->ref.var == -1 && t->ref.field == -1 && t->ref.nsubs == 0 &&
	    t->ref.type == O_ROOT && t->ref.leaf == FR_DRAFT && !t->neg &&
	    !t->ne && t->value == NULL;
}

/* Run a test: 1 true, 0 false (or when it cannot be evaluated). */
int
tf_test_eval(const struct env *e, const struct tpl_test *t)
{
	struct val	 v;
	int		 r;

	if (tf_get(e, &t->ref, &v) == -1)
		return 0;
	if (t->value != NULL)
		r = v.s != NULL && strcmp(v.s, t->value) == 0;
	else
		r = v.list ? v.n > 0 : v.s != NULL;
	free(v.s);
	if (t->ne)
		r = !r;
	return t->neg ? !r : r;
}

/*
 * Lists whose items are the <p> of an element: a paragraph is named by
 * the element it is in, as the dossier writes it.
 */
static const struct {
	const char	*list;
	const char	*name;
} para_lists[] = {
	{ "paras", "<p> trong <section>" },
	{ "body", "<p> trong <body>" }
};

/*
 * The dossier element a field expression reads, for messages: the last
 * segment of its path with loop variables replaced by their lists
 * ("b" over submission.basis -> "<basis>"; a paragraph of a report's
 * section -> "<p> trong <section>").  A new string.
 */
char *
tf_canonical(const struct env *e, const char *expr, size_t len)
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
			if (is(expr, slen, e->vars[i].name) &&
			    e->vars[i].each != NULL) {
				seg = strrchr(e->vars[i].each, '.');
				seg = seg != NULL ? seg + 1 : e->vars[i].each;
				slen = strlen(seg);
				break;
			}
	for (i = 0; i < NELEM(para_lists); i++)
		if (is(seg, slen, para_lists[i].list))
			return xstrdup(para_lists[i].name);
	return xasprintf("<%.*s>", (int)slen, seg);
}

/* Append a compiled text with its fields filled in to b. */
void
tf_text(const struct env *e, const struct tpl_text *t, struct buf *b)
{
	size_t	 i;
	char	*val;
	int	 line;

	for (i = 0; i < t->n; i++) {
		if (t->p[i].lit != NULL) {
			buf_adds(b, t->p[i].lit);
			continue;
		}
		if (tf_eval(e, &t->p[i].ex, &val, &line) == 0 && val != NULL)
			buf_adds(b, val);
		free(val);
	}
}
