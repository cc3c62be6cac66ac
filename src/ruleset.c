/*
 * ruleset.c: binding a plan's rules for the validator, once, when the
 * plan loads: the table of built-in checks (their names, parameters and
 * placeholders), the check of each rule against it, reported at the
 * plan file's line, and the ruleset of typed rules it compiles into;
 * and the messages of the rules' findings.
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

/*
 * The checks a rule may name, by kind.  params: the parameters it takes
 * (all required); vars: the placeholders its message may use, in the
 * order its findings give their values.
 */
static const struct checkdef {
	const char	*name;		/* NULL: a pattern rule */
	const char	*params;
	const char	*vars;
} checks[] = {
	[RK_PATTERN] = { NULL, "", "value name" },
	[RK_PHASE] = { "phase", "", "phase phases plan" },
	[RK_DATE_NOT_BEFORE] = { "date-not-before", "of not-before",
	    "date limit" },
	[RK_DATE_NOT_AFTER] = { "date-not-after", "of not-after",
	    "date limit" },
	[RK_DOC_ORGAN] = { "doc-organ", "of", "number organ expected" },
	[RK_NOMINEE_ID] = { "nominee-id", "", "id other-id other-line" },
	[RK_DUP_NOMINEE] = { "duplicate-nominee", "", "name other" },
	[RK_DUP_DOSSIER] = { "duplicate-dossier", "", "id other" },
	[RK_QUOTA] = { "quota", "", "phase count max plan files" },
	[RK_VOTE_COUNT] = { "vote-count", "", "yes no present name" },
	[RK_VOTE_ABSTAIN] = { "vote-abstain", "",
	    "yes no present abstain name" },
	[RK_VOTE_THRESHOLD] = { "vote-threshold", "",
	    "yes present needed name fraction" },
	[RK_BOOK_NUMBER] = { "book-number", "",
	    "number name other-name other-line" },
	[RK_BOOK_MISSING] = { "book-missing", "", "count ids" },
	[RK_COUNCIL_ROLE] = { "council-role", "role", "count present role" },
	[RK_AGE] = { "age", "at min max", "age min max birth name" },
	[RK_KIND_FIELDS] = { "kind-fields", "", "name field" },
	[RK_INDIVIDUAL_FIELDS] = { "individual-fields", "fields",
	    "name field" },
	[RK_REPORT_DATE] = { "report-date", "not-after", "name date limit" },
	[RK_REPORT_SIGNER] = { "report-signer", "", "name" },
};
#define NCHECKS (sizeof(checks) / sizeof(checks[0]))

/* The names of the values of the enums a rule's parameters take. */
static const char *const date_names[] = {
	[RD_MEETING] = "meeting",
	[RD_SUBMISSION] = "submission",
	[RD_DECISION] = "decision",
	[RD_PHASE_START] = "phase-start",
	[RD_PHASE_END] = "phase-end",
	[RD_SUMMARY_END] = "summary-end",
	[RD_REPORT_DEADLINE] = "report-deadline",
};
static const char *const doc_names[] = {
	[RDOC_SUBMISSION] = "submission",
	[RDOC_MEETING] = "meeting",
	[RDOC_DECISION] = "decision",
};
static const char *const role_names[] = {
	[ROLE_CHAIR] = "chair",
	[ROLE_VICE_CHAIR] = "vice-chair",
	[ROLE_MEMBER] = "member",
	[ROLE_SECRETARY] = "secretary",
};
const char *const rule_elem_names[RE_COUNT] = {
	[RE_GENDER] = "gender",
	[RE_BIRTH_DATE] = "birth-date",
	[RE_ETHNICITY] = "ethnicity",
	[RE_RANK] = "rank",
	[RE_POSITION] = "position",
};
#define NAMES(a)	(a), (sizeof(a) / sizeof((a)[0]))

/* Ages a plan's age check may bound (years, min and max). */
#define AGE_MIN		0
#define AGE_MAX		150

/* The index of the len bytes at word in names[n], or -1. */
static int
name_index(const char *const *names, size_t n, const char *word,
    size_t len)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], word, len) == 0)
			return (int)i;
	return -1;
}

/*
 * The place of the len bytes at word in the space-separated list, or -1
 * (also for an empty word).
 */
static int
list_index(const char *list, const char *word, size_t len)
{
	const char	*p, *e;
	int		 k;

	for (p = list, k = 0; *p != '\0'; p = e, k++) {
		while (*p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ' '; e++)
			continue;
		if ((size_t)(e - p) == len && len > 0 &&
		    memcmp(p, word, len) == 0)
			return k;
	}
	return -1;
}

/* The next word of a space-separated list at *p: its length (0: none). */
static size_t
next_word(const char **p)
{
	size_t	 len;

	while (**p == ' ')
		(*p)++;
	for (len = 0; (*p)[len] != '\0' && (*p)[len] != ' '; len++)
		continue;
	return len;
}

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

/* Is value a valid argument for parameter name of check kind k? */
static int
param_ok(enum rule_kind k, const char *name, const char *value)
{
	const char	*p;
	size_t		 len;
	int		 n;

	if (k == RK_DOC_ORGAN)
		return name_index(NAMES(doc_names), value, strlen(value)) >= 0;
	if (list_index("of not-before not-after at", name, strlen(name)) >= 0)
		return name_index(NAMES(date_names), value,
		    strlen(value)) >= 0;
	if (list_index("role", name, strlen(name)) >= 0)
		return name_index(NAMES(role_names), value,
		    strlen(value)) >= 0;
	if (list_index("min max", name, strlen(name)) >= 0)
		return small_int(value, AGE_MIN, AGE_MAX, &n) == 0;
	if (list_index("fields", name, strlen(name)) >= 0) {
		/* Each word one of the individual's elements. */
		for (p = value, n = 0; (len = next_word(&p)) > 0; p += len) {
			if (name_index(NAMES(rule_elem_names), p, len) < 0)
				return 0;
			n++;
		}
		return n > 0;
	}
	return 1;
}

/*
 * The parameters of rule r that names check kind k: each one it takes,
 * valid, and none other, each error reported at the rule's line.
 */
static void
check_params(const struct plan *p, const struct plan_rule *r,
    enum rule_kind k, struct diag *d)
{
	const struct checkdef	*c = &checks[k];
	const char		*q, *e;
	size_t			 j, len;
	int			 lo, hi;

	for (j = 0; j < r->nparams; j++) {
		len = strlen(r->params[j].name);
		if (list_index(c->params, r->params[j].name, len) < 0)
			diag_code(d, p->file, r->line, DC_PLAN_PARAM_UNKNOWN,
			    r->id, c->name, r->params[j].name,
			    *c->params ? c->params : "không có");
		else if (!param_ok(k, r->params[j].name, r->params[j].value))
			diag_code(d, p->file, r->line, DC_PLAN_PARAM_VALUE,
			    r->id, r->params[j].name, r->params[j].value);
	}
	for (q = c->params; (len = next_word(&q)) > 0; q += len) {
		char *m = xstrndup(q, len);

		if (plan_param(r, m) == NULL)
			diag_code(d, p->file, r->line, DC_PLAN_PARAM_MISSING,
			    r->id, c->name, m);
		free(m);
	}
	/* The bounds of an age: min no more than max. */
	if ((q = plan_param(r, "min")) != NULL &&
	    (e = plan_param(r, "max")) != NULL &&
	    small_int(q, AGE_MIN, AGE_MAX, &lo) == 0 &&
	    small_int(e, AGE_MIN, AGE_MAX, &hi) == 0 && lo > hi)
		diag_code(d, p->file, r->line, DC_PLAN_MIN_MAX, r->id, q, e);
}

/*
 * Check rule r of plan p: its check, parameters, fields and message's
 * placeholders, each error reported at its line; *k its kind.
 */
static void
check_rule(const struct plan *p, const struct plan_rule *r,
    enum rule_kind *k, struct diag *d)
{
	const char	*vars, *q, *e;
	char		*m;
	size_t		 j, i;
	enum field	 field;
	enum field_filter filter;

	*k = RK_PATTERN;
	if (r->check != NULL) {
		for (i = 0; i < NCHECKS; i++)
			if (checks[i].name != NULL &&
			    strcmp(checks[i].name, r->check) == 0)
				break;
		if (i == NCHECKS) {
			diag_code(d, p->file, r->line, DC_PLAN_CHECK_UNKNOWN,
			    r->id, r->check);
			return;
		}
		*k = (enum rule_kind)i;
		check_params(p, r, *k, d);
	} else if (r->nparams > 0)
		diag_code(d, p->file, r->line, DC_PLAN_PATTERN_PARAM, r->id,
		    r->params[0].name);
	vars = checks[*k].vars;
	for (j = 0; j < r->nfields; j++)
		if (field_parse(r->fields[j], &field, &filter) == -1)
			diag_code(d, p->file, r->line, DC_PLAN_FIELD_UNKNOWN,
			    r->id, r->fields[j]);
	/* Every {placeholder} must be one the rule fills. */
	for (q = r->message; (q = strchr(q, '{')) != NULL; q = e) {
		if ((e = strchr(q, '}')) == NULL)
			break;
		if (list_index(vars, q + 1, (size_t)(e - q - 1)) < 0) {
			m = xstrndup(q + 1, (size_t)(e - q - 1));
			diag_code(d, p->file, r->line, DC_PLAN_PLACEHOLDER,
			    r->id, m, vars);
			free(m);
		}
	}
}


/*
 * Cut a message at its placeholders as rule_report() fills them: at a
 * "{", up to the next "}", a name of vars, else the "{" as text.
 */
static void
bind_message(struct rule *b, const char *msg, const char *vars)
{
	const char	*p, *q, *t;
	size_t		 cap = 0;
	int		 k;

	for (p = t = msg; *p != '\0'; p++) {
		if (*p != '{' || (q = strchr(p, '}')) == NULL ||
		    (k = list_index(vars, p + 1, (size_t)(q - p - 1))) < 0)
			continue;
		b->msg = xgrow(b->msg, &cap, b->nmsg + 2, sizeof(*b->msg));
		if (p > t)
			b->msg[b->nmsg++] = (struct rule_seg){ t,
			    (size_t)(p - t), -1 };
		b->msg[b->nmsg++] = (struct rule_seg){ NULL, 0, k };
		p = q;
		t = q + 1;
	}
	if (p > t) {
		b->msg = xgrow(b->msg, &cap, b->nmsg + 1, sizeof(*b->msg));
		b->msg[b->nmsg++] = (struct rule_seg){ t, (size_t)(p - t),
		    -1 };
	}
}

/* The value of a parameter checked by check_params() in names[n]. */
static int
param_index(const struct plan_rule *r, const char *name,
    const char *const *names, size_t n)
{
	const char	*v = plan_param(r, name);

	return name_index(names, n, v, strlen(v));
}

/* Rule r of kind k, checked by check_rule(), into b. */
static void
bind_rule(const struct plan_rule *r, enum rule_kind k, struct rule *b)
{
	const char	*p;
	size_t		 j, len, cap = 0;

	memset(b, 0, sizeof(*b));
	b->kind = k;
	b->id = r->id;
	b->sev = r->sev;
	b->rx = r->rx;
	b->require = r->require;
	bind_message(b, r->message, checks[k].vars);
	if (r->nfields > 0)
		b->fields = xcalloc(r->nfields, sizeof(*b->fields));
	for (j = 0; j < r->nfields; j++) {
		(void)field_parse(r->fields[j], &b->fields[j].field,
		    &b->fields[j].filter);
		b->fields[j].spec = r->fields[j];
	}
	b->nfields = r->nfields;
	switch (k) {
	case RK_DATE_NOT_BEFORE:
		b->date = param_index(r, "of", NAMES(date_names));
		b->limit = param_index(r, "not-before", NAMES(date_names));
		break;
	case RK_DATE_NOT_AFTER:
		b->date = param_index(r, "of", NAMES(date_names));
		b->limit = param_index(r, "not-after", NAMES(date_names));
		break;
	case RK_REPORT_DATE:
		b->limit = param_index(r, "not-after", NAMES(date_names));
		break;
	case RK_DOC_ORGAN:
		b->doc = param_index(r, "of", NAMES(doc_names));
		break;
	case RK_COUNCIL_ROLE:
		b->role = param_index(r, "role", NAMES(role_names));
		b->role_name = role_names[b->role];
		break;
	case RK_AGE:
		b->date = param_index(r, "at", NAMES(date_names));
		(void)small_int(plan_param(r, "min"), AGE_MIN, AGE_MAX,
		    &b->min);
		(void)small_int(plan_param(r, "max"), AGE_MIN, AGE_MAX,
		    &b->max);
		break;
	case RK_INDIVIDUAL_FIELDS:
		for (p = plan_param(r, "fields"); (len = next_word(&p)) > 0;
		    p += len) {
			b->elems = xgrow(b->elems, &cap, b->nelems + 1,
			    sizeof(*b->elems));
			b->elems[b->nelems++] = name_index(NAMES(
			    rule_elem_names), p, len);
		}
		break;
	case RK_PATTERN:
	case RK_PHASE:
	case RK_NOMINEE_ID:
	case RK_DUP_NOMINEE:
	case RK_DUP_DOSSIER:
	case RK_QUOTA:
	case RK_VOTE_COUNT:
	case RK_VOTE_ABSTAIN:
	case RK_VOTE_THRESHOLD:
	case RK_BOOK_NUMBER:
	case RK_BOOK_MISSING:
	case RK_KIND_FIELDS:
	case RK_REPORT_SIGNER:
		break;
	}
}

int
validate_bind(struct plan *p, struct diag *d)
{
	struct ruleset	*rs;
	enum rule_kind	*kinds;
	size_t		 i;
	size_t		 before = diag_errors(d, p->file);

	kinds = xcalloc(p->nrules + 1, sizeof(*kinds));
	for (i = 0; i < p->nrules; i++)
		check_rule(p, &p->rules[i], &kinds[i], d);
	if (diag_errors(d, p->file) > before) {
		free(kinds);
		return -1;
	}
	rs = xcalloc(1, sizeof(*rs));
	rs->v = xcalloc(p->nrules + 1, sizeof(*rs->v));
	for (i = 0; i < p->nrules; i++)
		bind_rule(&p->rules[i], kinds[i], &rs->v[i]);
	rs->n = p->nrules;
	free(kinds);
	ruleset_free(p->ruleset);
	p->ruleset = rs;
	return 0;
}

void
ruleset_free(struct ruleset *rs)
{
	size_t	 i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].msg);
		free(rs->v[i].fields);
		free(rs->v[i].elems);
	}
	free(rs->v);
	free(rs);
}

void
rule_report(struct diag *d, size_t file, int line, const struct rule *r,
    const char *const *val)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	char		*m;

	for (i = 0; i < r->nmsg; i++)
		if (r->msg[i].var < 0)
			buf_add(&b, r->msg[i].s, r->msg[i].len);
		else if (val[r->msg[i].var] != NULL)
			buf_adds(&b, val[r->msg[i].var]);
	m = buf_detach(&b);
	diag_rule(d, file, line, r->sev, r->id, m);
	free(m);
}

void
rule_vdate(const struct date *d, char *buf, size_t sz)
{
	if (d->m == 0)
		snprintf(buf, sz, "%d", d->y);
	else
		snprintf(buf, sz, "%02d/%d/%d", d->d, d->m, d->y);
}
