/*
 * plan.c: reading a plan file (urn:khenthuong:plan:1) into struct plan
 * and compiling its rules' patterns; every error is reported at its line
 * in the plan file.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "xml_in.h"
#include "model.h"
#include "rules.h"
#include "plan.h"
#include "fields.h"
#include "ruleset.h"

#define PLAN_NS		"urn:khenthuong:plan:1"

/*
 * Limits on what a plan may hold (a plan is data a province edits; the
 * manual's SECURITY section quotes them).  The work of pattern rules on
 * one dossier is at most rules x fields x values x the match limit of
 * rules.c, and validate.c stops after a few matches reach that limit.
 */
#define PLAN_MAX_RULES		200	/* <rule> in <rules> */
#define PLAN_MAX_RULE_FIELDS	16	/* names in one rule's field="…" */
#define PLAN_MAX_PHASES		50	/* <phase> */
#define PLAN_MAX_PHASE_NUMBER	99	/* phase number="…" */
#define PLAN_MAX_QUOTA		100000	/* phase quota="…" */
#define PLAN_MAX_DENOMINATOR	100	/* approval more-than="num/den" */
#define PLAN_MAX_ID		64	/* bytes of a rule id, a plan number */

struct pctx {
	struct diag	*d;
	size_t		 f;
};

/* Folded text of an element (new string, never NULL). */
static char *
text(const struct xnode *n)
{
	char	*raw, *t;

	raw = xnode_text(n);
	t = enc_text(raw, strlen(raw));
	free(raw);
	return t != NULL ? t : xstrdup("");
}

/* Reject attributes not in the space-separated list allowed. */
static void
only_attrs(struct pctx *c, const struct xnode *n, const char *allowed)
{
	size_t		 i, len;
	const char	*p;
	int		 ok;

	for (i = 0; i < n->nattrs; i++) {
		len = strlen(n->attrs[i].name);
		ok = 0;
		for (p = allowed; (p = strstr(p, n->attrs[i].name)) != NULL;
		    p += len)
			if ((p == allowed || p[-1] == ' ') &&
			    (p[len] == ' ' || p[len] == '\0')) {
				ok = 1;
				break;
			}
		if (!ok)
			diag_code(c->d, c->f, n->line, DC_PLAN_ATTR, n->name,
			    n->attrs[i].name, allowed);
	}
}

static const char *
need_attr(struct pctx *c, const struct xnode *n, const char *name)
{
	const char	*v;

	if ((v = xnode_attr(n, name)) == NULL || *v == '\0')
		diag_code(c->d, c->f, n->line, DC_PLAN_ATTR_MISSING, n->name,
		    name);
	return v;
}

static void
need_date(struct pctx *c, const struct xnode *n, const char *name,
    struct date *d, int required)
{
	const char	*v = xnode_attr(n, name);

	memset(d, 0, sizeof(*d));
	if (v == NULL) {
		if (required)
			diag_code(c->d, c->f, n->line, DC_PLAN_ATTR_MISSING,
			    n->name, name);
		return;
	}
	if (date_parse(v, d, 0) == -1)
		diag_code(c->d, c->f, n->line, DC_PLAN_DATE, name, v, n->name);
}

/*
 * An attribute that must be a whole number in min..max, written in
 * digits only (no sign, no spaces).  Returns it, or 0 after an error.
 */
static int
need_int(struct pctx *c, const struct xnode *n, const char *name, int min,
    int max)
{
	const char	*v = need_attr(c, n, name), *p;
	long		 l = 0;

	if (v == NULL)
		return 0;
	for (p = v; *p >= '0' && *p <= '9' && l <= max; p++)
		l = l * 10 + (*p - '0');
	if (*p != '\0' || p == v || l < min || l > max) {
		diag_code(c->d, c->f, n->line, DC_PLAN_INT, name, v, n->name,
		    min, max);
		return 0;
	}
	return (int)l;
}

/* Exactly ndig decimal digits at *s (advanced past them): 0, or -1. */
static int
digits_at(const char **s, int ndig, int *out)
{
	int	 i;

	*out = 0;
	for (i = 0; i < ndig; i++, (*s)++) {
		if (**s < '0' || **s > '9')
			return -1;
		*out = *out * 10 + (**s - '0');
	}
	return 0;
}

static void
items(const struct xnode *n, char ***out, size_t *nout)
{
	const struct xnode	*k;
	size_t			 cap = 0;

	for (k = xnode_child(n, "item"); k != NULL; k = xnode_next(k, "item")) {
		*out = xgrow(*out, &cap, *nout + 1, sizeof(char *));
		(*out)[(*nout)++] = text(k);
	}
}

static void
phase_of(struct pctx *c, const struct xnode *n, struct plan_phase *ph)
{
	const struct xnode	*t;
	const char		*v, *q;
	int			 y, m;
	struct date		 first;

	only_attrs(c, n, "number start end summary report-deadline quota");
	ph->line = n->line;
	if ((t = xnode_child(n, "theme")) != NULL)
		ph->theme = text(t);
	ph->number = need_int(c, n, "number", 1, PLAN_MAX_PHASE_NUMBER);
	ph->quota = need_int(c, n, "quota", 1, PLAN_MAX_QUOTA);
	need_date(c, n, "start", &ph->start, 1);
	need_date(c, n, "end", &ph->end, 1);
	need_date(c, n, "report-deadline", &ph->report_deadline, 0);
	if ((v = need_attr(c, n, "summary")) != NULL) {
		q = v;
		if (digits_at(&q, 4, &y) == -1 || *q++ != '-' ||
		    digits_at(&q, 2, &m) == -1 || *q != '\0' || y < 1 ||
		    m < 1 || m > 12)
			diag_code(c->d, c->f, n->line, DC_PLAN_SUMMARY, v);
		else
			ph->summary_end = date_month_end(y, m);
	}
	if (ph->start.y == 0 || ph->end.y == 0)
		return;		/* reported */
	if (date_cmp(&ph->start, &ph->end) > 0)
		diag_code(c->d, c->f, n->line, DC_PLAN_PHASE_ORDER, ph->number);
	else {
		/* The summary is of the phase: not before the month it
		   ends in; a report is due after the phase starts. */
		first = ph->end;
		first.d = 1;
		if (ph->summary_end.y != 0 &&
		    date_cmp(&ph->summary_end, &first) < 0)
			diag_code(c->d, c->f, n->line, DC_PLAN_SUMMARY_EARLY, v,
			    ph->number, ph->end.y, ph->end.m);
		if (ph->report_deadline.y != 0 &&
		    date_cmp(&ph->report_deadline, &ph->start) < 0)
			diag_code(c->d, c->f, n->line, DC_PLAN_DEADLINE_EARLY,
			    xnode_attr(n, "report-deadline"), ph->number,
			    xnode_attr(n, "start"));
	}
}

/*
 * Is id a rule id: [a-z0-9][a-z0-9-]*, at most PLAN_MAX_ID bytes?  It is
 * printed in brackets on every finding of the rule.
 */
static int
id_ok(const char *id)
{
	size_t	 i;

	for (i = 0; id[i] != '\0'; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= '0' && id[i] <= '9') || (id[i] == '-' && i > 0)))
			return 0;
	return i > 0 && i <= PLAN_MAX_ID;
}

/* A yes/no attribute: 1, 0, or dflt when absent (an error if neither). */
static int
yes_no(struct pctx *c, const struct xnode *n, const char *name,
    const char *id, int dflt)
{
	const char	*v = xnode_attr(n, name);

	if (v == NULL)
		return dflt;
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	diag_code(c->d, c->f, n->line, DC_PLAN_YES_NO, name, v, id);
	return dflt;
}

static void
rule_of(struct pctx *c, const struct xnode *n, struct plan_rule *r)
{
	static const char *known = " id severity check pattern require "
	    "caseless field ";
	const char	*v, *p, *q;
	char		*err, key[64];
	size_t		 i, off, cap = 0;

	r->line = n->line;
	v = need_attr(c, n, "id");
	if (v != NULL && !id_ok(v)) {
		diag_code(c->d, c->f, n->line, DC_PLAN_RULE_ID, v, PLAN_MAX_ID);
		v = NULL;
	}
	r->id = xstrdup(v != NULL ? v : "?");
	v = need_attr(c, n, "severity");
	r->sev = DIAG_ERROR;
	if (v != NULL && strcmp(v, "warning") == 0)
		r->sev = DIAG_WARNING;
	else if (v != NULL && strcmp(v, "error") != 0)
		diag_code(c->d, c->f, n->line, DC_PLAN_SEVERITY, v, r->id);
	r->message = text(n);
	if (*r->message == '\0')
		diag_code(c->d, c->f, n->line, DC_PLAN_NO_MESSAGE, r->id);

	v = xnode_attr(n, "check");
	r->check = v != NULL ? xstrdup(v) : NULL;
	v = xnode_attr(n, "pattern");
	if (v != NULL && r->check != NULL)
		diag_code(c->d, c->f, n->line, DC_PLAN_CHECK_AND_PATTERN,
		    r->id);
	if (v == NULL && r->check == NULL)
		diag_code(c->d, c->f, n->line, DC_PLAN_NO_CHECK, r->id);
	if (v != NULL) {
		r->pattern = xstrdup(v);
		r->rx = rx_compile(v, yes_no(c, n, "caseless", r->id, 0),
		    &err, &off);
		if (r->rx == NULL) {
			diag_code(c->d, c->f, n->line, DC_PLAN_PATTERN, r->id,
			    off, err);
			free(err);
		}
		r->require = yes_no(c, n, "require", r->id, 1);
		if ((q = xnode_attr(n, "field")) == NULL)
			diag_code(c->d, c->f, n->line, DC_PLAN_PATTERN_FIELD,
			    r->id);
	}
	/* field: a space-separated list of field paths. */
	if ((q = xnode_attr(n, "field")) != NULL) {
		for (p = q; *p != '\0'; ) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			for (i = 0; p[i] != '\0' && p[i] != ' '; i++)
				continue;
			if (r->nfields == PLAN_MAX_RULE_FIELDS) {
				diag_code(c->d, c->f, n->line,
				    DC_PLAN_RULE_FIELDS, r->id,
				    PLAN_MAX_RULE_FIELDS);
				break;
			}
			r->fields = xgrow(r->fields, &cap, r->nfields + 1,
			    sizeof(char *));
			r->fields[r->nfields++] = xstrndup(p, i);
			p += i;
		}
	}
	/* Every other attribute is a parameter of the check. */
	cap = 0;
	for (i = 0; i < n->nattrs; i++) {
		snprintf(key, sizeof(key), " %s ", n->attrs[i].name);
		if (strstr(known, key) != NULL)
			continue;
		r->params = xgrow(r->params, &cap, r->nparams + 1,
		    sizeof(*r->params));
		r->params[r->nparams].name = xstrdup(n->attrs[i].name);
		r->params[r->nparams].value = xstrdup(n->attrs[i].value);
		r->nparams++;
	}
}

static void
approval_of(struct pctx *c, const struct xnode *n, struct plan *p)
{
	const char	*v, *q;
	long		 num = 0, den = 0;

	only_attrs(c, n, "more-than of");
	if ((v = need_attr(c, n, "more-than")) == NULL)
		return;
	for (q = v; *q >= '0' && *q <= '9' && num <= PLAN_MAX_DENOMINATOR;
	    q++)
		num = num * 10 + (*q - '0');
	if (q != v && *q == '/')
		for (q++; *q >= '0' && *q <= '9' &&
		    den <= PLAN_MAX_DENOMINATOR; q++)
			den = den * 10 + (*q - '0');
	if (*q != '\0' || den < 1 || den > PLAN_MAX_DENOMINATOR ||
	    num >= den) {
		diag_code(c->d, c->f, n->line, DC_PLAN_MORE_THAN, v,
		    PLAN_MAX_DENOMINATOR);
		p->approve_den = 1;	/* reported: not "missing" as well */
		return;
	}
	p->approve_num = (int)num;
	p->approve_den = (int)den;
	if ((v = xnode_attr(n, "of")) != NULL && strcmp(v, "present") != 0)
		diag_code(c->d, c->f, n->line, DC_PLAN_APPROVAL_OF, v);
}

static void
rules_of(struct pctx *c, const struct xnode *n, struct plan *p)
{
	const struct xnode	*k;
	size_t			 cap = 0, i;

	for (k = xnode_child(n, NULL); k != NULL; k = xnode_next(k, NULL)) {
		if (strcmp(k->name, "rule") != 0) {
			diag_code(c->d, c->f, k->line, DC_PLAN_IN_RULES,
			    k->name);
			continue;
		}
		if (p->nrules == PLAN_MAX_RULES) {
			diag_code(c->d, c->f, k->line, DC_PLAN_RULES_MAX,
			    PLAN_MAX_RULES);
			break;
		}
		p->rules = xgrow(p->rules, &cap, p->nrules + 1,
		    sizeof(*p->rules));
		memset(&p->rules[p->nrules], 0, sizeof(*p->rules));
		rule_of(c, k, &p->rules[p->nrules]);
		for (i = 0; i < p->nrules; i++)
			if (strcmp(p->rules[p->nrules].id, "?") != 0 &&
			    strcmp(p->rules[i].id, p->rules[p->nrules].id) == 0)
				diag_code(c->d, c->f, k->line, DC_PLAN_RULE_DUP,
				    p->rules[i].id, p->rules[i].line);
		p->nrules++;
	}
}

/* The text of a child that may appear once (*out NULL before). */
static void
once(struct pctx *c, const struct xnode *k, char **out, int *line)
{
	if (*out != NULL) {
		diag_code(c->d, c->f, k->line, DC_PLAN_DUP, k->name, *line,
		    k->name);
		return;
	}
	*out = text(k);
	*line = k->line;
	if (**out == '\0')
		diag_code(c->d, c->f, k->line, DC_PLAN_EMPTY, k->name);
}

/*
 * The awarding authority's place (địa danh), <issuer place="Lào Cai">:
 * where its Bằng khen and decisions are dated.  Optional; folded, and
 * empty is an error.
 */
static void
place_of(struct pctx *c, const struct xnode *k, struct plan *p)
{
	const char	*v;

	if ((v = xnode_attr(k, "place")) == NULL)
		return;
	p->place = enc_text(v, strlen(v));
	if (p->place != NULL && *p->place == '\0') {
		free(p->place);
		p->place = NULL;
	}
	if (p->place == NULL)
		diag_code(c->d, c->f, k->line, DC_PLAN_PLACE);
	else if (strlen(p->place) > PLAN_MAX_ID) {
		diag_code(c->d, c->f, k->line, DC_PLAN_PLACE_LONG, PLAN_MAX_ID);
		free(p->place);
		p->place = NULL;
	}
}

/*
 * Is number a plan number as documents write it ("217/KH-UBND"): at
 * most PLAN_MAX_ID bytes, no space or control character?
 */
static int
number_ok(const char *v)
{
	size_t	 i;

	for (i = 0; v[i] != '\0'; i++)
		if ((unsigned char)v[i] <= 0x20)
			return 0;
	return i > 0 && i <= PLAN_MAX_ID;
}

static void
plan_of(struct pctx *c, const struct xnode *r, struct plan *p)
{
	const struct xnode	*k;
	const char		*v;
	size_t			 cap = 0, i;
	int			 lissuer = 0, ltitle = 0, laward = 0;
	int			 lapproval = 0;

	only_attrs(c, r, "number date");
	v = need_attr(c, r, "number");
	if (v != NULL && !number_ok(v)) {
		diag_code(c->d, c->f, r->line, DC_PLAN_NUMBER, v, PLAN_MAX_ID);
		v = NULL;
	}
	p->number = xstrdup(v != NULL ? v : "?");
	need_date(c, r, "date", &p->date, 1);
	for (k = xnode_child(r, NULL); k != NULL; k = xnode_next(k, NULL)) {
		if (strcmp(k->name, "issuer") == 0) {
			only_attrs(c, k, "place");
			if (lissuer == 0)
				place_of(c, k, p);
			once(c, k, &p->issuer, &lissuer);
		} else if (strcmp(k->name, "title") == 0)
			once(c, k, &p->title, &ltitle);
		else if (strcmp(k->name, "award") == 0)
			once(c, k, &p->award, &laward);
		else if (strcmp(k->name, "approval") == 0) {
			if (lapproval != 0)
				diag_code(c->d, c->f, k->line,
				    DC_PLAN_APPROVAL_DUP, lapproval);
			else {
				lapproval = k->line;
				approval_of(c, k, p);
			}
		} else if (strcmp(k->name, "phase") == 0) {
			if (p->nphases == PLAN_MAX_PHASES) {
				diag_code(c->d, c->f, k->line,
				    DC_PLAN_PHASES_MAX, PLAN_MAX_PHASES);
				continue;
			}
			p->phases = xgrow(p->phases, &cap, p->nphases + 1,
			    sizeof(*p->phases));
			memset(&p->phases[p->nphases], 0, sizeof(*p->phases));
			phase_of(c, k, &p->phases[p->nphases]);
			for (i = 0; i < p->nphases; i++)
				if (p->phases[p->nphases].number != 0 &&
				    p->phases[i].number ==
				    p->phases[p->nphases].number)
					diag_code(c->d, c->f, k->line,
					    DC_PLAN_PHASE_DUP,
					    p->phases[i].number,
					    p->phases[i].line);
			p->nphases++;
		} else if (strcmp(k->name, "criteria") == 0) {
			v = need_attr(c, k, "kind");
			if (v != NULL && strcmp(v, "collective") == 0)
				items(k, &p->criteria_collective,
				    &p->ncriteria_collective);
			else if (v != NULL && strcmp(v, "individual") == 0)
				items(k, &p->criteria_individual,
				    &p->ncriteria_individual);
			else
				diag_code(c->d, c->f, k->line,
				    DC_PLAN_CRITERIA_KIND);
		} else if (strcmp(k->name, "composition") == 0)
			items(k, &p->composition, &p->ncomposition);
		else if (strcmp(k->name, "rules") == 0)
			rules_of(c, k, p);
		else
			diag_code(c->d, c->f, k->line, DC_PLAN_ELEMENT,
			    k->name);
	}
	if (p->issuer == NULL || p->title == NULL || p->award == NULL)
		diag_code(c->d, c->f, r->line, DC_PLAN_NEEDS);
	if (p->nphases == 0)
		diag_code(c->d, c->f, r->line, DC_PLAN_NO_PHASE);
	if (p->approve_den == 0)
		diag_code(c->d, c->f, r->line, DC_PLAN_NO_APPROVAL);
}

/* The plan in res (its root, or NULL when not well formed). */
static struct plan *
plan_build(struct pctx *c, const char *path, struct xml_result *res)
{
	struct plan	*p;

	if (res->root == NULL) {
		xml_result_free(res);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->file = c->f;
	plan_of(c, res->root, p);
	xml_result_free(res);
	if (diag_errors(c->d, c->f) > 0) {
		plan_free(p);
		return NULL;
	}
	return p;
}

struct plan *
plan_load(struct xml *x, const char *path, struct diag *d)
{
	struct pctx		 c;
	struct xml_result	 res;

	c.d = d;
	c.f = diag_file(d, path, DIAG_CONFIG);
	if (xml_load_file(x, path, PLAN_NS, "plan", d, c.f, &res) == -1)
		return NULL;
	return plan_build(&c, path, &res);
}

struct plan *
plan_load_bytes(struct xml *x, const char *path, const char *bytes,
    size_t len, struct diag *d)
{
	struct pctx		 c;
	struct xml_result	 res;

	c.d = d;
	c.f = diag_file(d, path, DIAG_CONFIG);
	xml_parse(x, bytes, len, path, PLAN_NS, "plan", 0, d, c.f, &res);
	return plan_build(&c, path, &res);
}

static void
strv_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
plan_free(struct plan *p)
{
	size_t	 i, j;

	if (p == NULL)
		return;
	ruleset_free(p->ruleset);
	free(p->path);
	free(p->number);
	free(p->issuer);
	free(p->place);
	free(p->title);
	free(p->award);
	for (i = 0; i < p->nphases; i++)
		free(p->phases[i].theme);
	free(p->phases);
	strv_free(p->criteria_collective, p->ncriteria_collective);
	strv_free(p->criteria_individual, p->ncriteria_individual);
	strv_free(p->composition, p->ncomposition);
	for (i = 0; i < p->nrules; i++) {
		struct plan_rule *r = &p->rules[i];

		free(r->id);
		free(r->check);
		free(r->pattern);
		rx_free(r->rx);
		strv_free(r->fields, r->nfields);
		for (j = 0; j < r->nparams; j++) {
			free(r->params[j].name);
			free(r->params[j].value);
		}
		free(r->params);
		free(r->message);
	}
	free(p->rules);
	free(p);
}

const struct plan_phase *
plan_phase(const struct plan *p, int number)
{
	size_t	 i;

	for (i = 0; i < p->nphases; i++)
		if (p->phases[i].number == number)
			return &p->phases[i];
	return NULL;
}

const char *
plan_param(const struct plan_rule *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}
