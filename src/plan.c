/*
 * plan.c: reading a plan file (urn:khenthuong:plan:1) into struct plan
 * and compiling its rules' patterns; every error is reported at its line
 * in the plan file.
 */

#include <stdarg.h>
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
	int		 errors;
};

static void
perr(struct pctx *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
perr(struct pctx *c, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024], *p;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* A value quoted from the file (&#10; in an attribute) would
	   split the diagnostic's line. */
	for (p = buf; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	diag_code(c->d, c->f, line, DC_PLAN_ERROR, buf);
	c->errors++;
}

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
			perr(c, n->line, "<%s> không có thuộc tính \"%s\" "
			    "(có: %s)", n->name, n->attrs[i].name, allowed);
	}
}

static const char *
need_attr(struct pctx *c, const struct xnode *n, const char *name)
{
	const char	*v;

	if ((v = xnode_attr(n, name)) == NULL || *v == '\0')
		perr(c, n->line, "<%s> thiếu thuộc tính \"%s\"", n->name,
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
			perr(c, n->line, "<%s> thiếu thuộc tính \"%s\"",
			    n->name, name);
		return;
	}
	if (date_parse(v, d, 0) == -1)
		perr(c, n->line, "thuộc tính %s=\"%s\" của <%s> phải là ngày "
		    "YYYY-MM-DD", name, v, n->name);
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
		perr(c, n->line, "thuộc tính %s=\"%s\" của <%s> phải là số "
		    "nguyên từ %d đến %d", name, v, n->name, min, max);
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
			perr(c, n->line, "summary=\"%s\" phải là tháng tổng kết "
			    "YYYY-MM", v);
		else
			ph->summary_end = date_month_end(y, m);
	}
	if (ph->start.y == 0 || ph->end.y == 0)
		return;		/* reported */
	if (date_cmp(&ph->start, &ph->end) > 0)
		perr(c, n->line, "đợt %d bắt đầu sau khi kết thúc", ph->number);
	else {
		/* The summary is of the phase: not before the month it
		   ends in; a report is due after the phase starts. */
		first = ph->end;
		first.d = 1;
		if (ph->summary_end.y != 0 &&
		    date_cmp(&ph->summary_end, &first) < 0)
			perr(c, n->line, "summary=\"%s\": tháng tổng kết của đợt "
			    "%d phải từ tháng kết thúc đợt (%04d-%02d) trở đi",
			    v, ph->number, ph->end.y, ph->end.m);
		if (ph->report_deadline.y != 0 &&
		    date_cmp(&ph->report_deadline, &ph->start) < 0)
			perr(c, n->line, "report-deadline=\"%s\" của đợt %d "
			    "trước ngày bắt đầu đợt (%s)",
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
	perr(c, n->line, "%s=\"%s\" của quy tắc [%s] phải là yes hoặc no",
	    name, v, id);
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
		perr(c, n->line, "id=\"%s\" của quy tắc phải gồm chữ thường "
		    "không dấu a-z, chữ số và dấu gạch ngang, bắt đầu bằng "
		    "chữ hoặc số, tối đa %d ký tự (mã này được in trong "
		    "ngoặc vuông ở mỗi thông báo)", v, PLAN_MAX_ID);
		v = NULL;
	}
	r->id = xstrdup(v != NULL ? v : "?");
	v = need_attr(c, n, "severity");
	r->sev = DIAG_ERROR;
	if (v != NULL && strcmp(v, "warning") == 0)
		r->sev = DIAG_WARNING;
	else if (v != NULL && strcmp(v, "error") != 0)
		perr(c, n->line, "severity=\"%s\" của quy tắc [%s] phải là "
		    "error hoặc warning", v, r->id);
	r->message = text(n);
	if (*r->message == '\0')
		perr(c, n->line, "quy tắc [%s] không có lời thông báo", r->id);

	v = xnode_attr(n, "check");
	r->check = v != NULL ? xstrdup(v) : NULL;
	v = xnode_attr(n, "pattern");
	if (v != NULL && r->check != NULL)
		perr(c, n->line, "quy tắc [%s] có cả check và pattern; chỉ "
		    "dùng một", r->id);
	if (v == NULL && r->check == NULL)
		perr(c, n->line, "quy tắc [%s] cần check=\"…\" hoặc "
		    "pattern=\"…\"", r->id);
	if (v != NULL) {
		r->pattern = xstrdup(v);
		r->rx = rx_compile(v, yes_no(c, n, "caseless", r->id, 0),
		    &err, &off);
		if (r->rx == NULL) {
			perr(c, n->line, "mẫu (pattern) của quy tắc [%s] sai ở "
			    "vị trí %zu: %s", r->id, off, err);
			free(err);
		}
		r->require = yes_no(c, n, "require", r->id, 1);
		if ((q = xnode_attr(n, "field")) == NULL)
			perr(c, n->line, "quy tắc [%s] có pattern nhưng thiếu "
			    "field=\"…\"", r->id);
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
				perr(c, n->line, "quy tắc [%s] có hơn %d trường "
				    "(field)", r->id, PLAN_MAX_RULE_FIELDS);
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
		perr(c, n->line, "more-than=\"%s\" phải là một phân số như "
		    "1/2 hoặc 2/3 (tử số nhỏ hơn mẫu số, mẫu số từ 1 đến %d)",
		    v, PLAN_MAX_DENOMINATOR);
		p->approve_den = 1;	/* reported: not "missing" as well */
		return;
	}
	p->approve_num = (int)num;
	p->approve_den = (int)den;
	if ((v = xnode_attr(n, "of")) != NULL && strcmp(v, "present") != 0)
		perr(c, n->line, "of=\"%s\": chỉ hỗ trợ \"present\" (số thành "
		    "viên có mặt)", v);
}

static void
rules_of(struct pctx *c, const struct xnode *n, struct plan *p)
{
	const struct xnode	*k;
	size_t			 cap = 0, i;

	for (k = xnode_child(n, NULL); k != NULL; k = xnode_next(k, NULL)) {
		if (strcmp(k->name, "rule") != 0) {
			perr(c, k->line, "<%s> không dùng được trong <rules>; "
			    "chỉ có <rule>", k->name);
			continue;
		}
		if (p->nrules == PLAN_MAX_RULES) {
			perr(c, k->line, "kế hoạch có hơn %d quy tắc; hãy gộp "
			    "hoặc bỏ bớt quy tắc", PLAN_MAX_RULES);
			break;
		}
		p->rules = xgrow(p->rules, &cap, p->nrules + 1,
		    sizeof(*p->rules));
		memset(&p->rules[p->nrules], 0, sizeof(*p->rules));
		rule_of(c, k, &p->rules[p->nrules]);
		for (i = 0; i < p->nrules; i++)
			if (strcmp(p->rules[p->nrules].id, "?") != 0 &&
			    strcmp(p->rules[i].id, p->rules[p->nrules].id) == 0)
				perr(c, k->line, "quy tắc [%s] đã có ở dòng %d",
				    p->rules[i].id, p->rules[i].line);
		p->nrules++;
	}
}

/* The text of a child that may appear once (*out NULL before). */
static void
once(struct pctx *c, const struct xnode *k, char **out, int *line)
{
	if (*out != NULL) {
		perr(c, k->line, "<%s> đã có ở dòng %d; kế hoạch chỉ có một "
		    "<%s>", k->name, *line, k->name);
		return;
	}
	*out = text(k);
	*line = k->line;
	if (**out == '\0')
		perr(c, k->line, "<%s> để trống; hãy điền nội dung", k->name);
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
		perr(c, k->line, "place của <issuer> để trống hoặc không đọc "
		    "được; hãy ghi địa danh của cơ quan khen thưởng, ví dụ "
		    "Lào Cai");
	else if (strlen(p->place) > PLAN_MAX_ID) {
		perr(c, k->line, "place của <issuer> dài hơn %d byte",
		    PLAN_MAX_ID);
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
		perr(c, r->line, "number=\"%s\" phải là số, ký hiệu của kế "
		    "hoạch như 217/KH-UBND: không có dấu cách, tối đa %d ký "
		    "tự", v, PLAN_MAX_ID);
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
				perr(c, k->line, "<approval> đã có ở dòng %d; "
				    "kế hoạch chỉ có một <approval>",
				    lapproval);
			else {
				lapproval = k->line;
				approval_of(c, k, p);
			}
		} else if (strcmp(k->name, "phase") == 0) {
			if (p->nphases == PLAN_MAX_PHASES) {
				perr(c, k->line, "kế hoạch có hơn %d đợt thi "
				    "đua", PLAN_MAX_PHASES);
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
					perr(c, k->line, "đợt %d đã có ở dòng "
					    "%d", p->phases[i].number,
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
				perr(c, k->line, "<criteria> cần kind="
				    "\"collective\" hoặc \"individual\"");
		} else if (strcmp(k->name, "composition") == 0)
			items(k, &p->composition, &p->ncomposition);
		else if (strcmp(k->name, "rules") == 0)
			rules_of(c, k, p);
		else
			perr(c, k->line, "<%s> không có trong mẫu tệp kế hoạch",
			    k->name);
	}
	if (p->issuer == NULL || p->title == NULL || p->award == NULL)
		perr(c, r->line, "kế hoạch cần <issuer>, <title> và <award>");
	if (p->nphases == 0)
		perr(c, r->line, "kế hoạch chưa có đợt thi đua nào (<phase>)");
	if (p->approve_den == 0)
		perr(c, r->line, "kế hoạch thiếu <approval more-than=\"…\"/> "
		    "(tỉ lệ phiếu đồng ý cần vượt)");
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
	if (c->errors > 0 || diag_errors(c->d, c->f) > 0) {
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
	c.errors = 0;
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
	c.errors = 0;
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
