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

#define PLAN_NS		"urn:khenthuong:plan:1"

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
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
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

static int
need_int(struct pctx *c, const struct xnode *n, const char *name, int min)
{
	const char	*v = need_attr(c, n, name);
	char		*end;
	long		 l;

	if (v == NULL)
		return 0;
	l = strtol(v, &end, 10);
	if (*end != '\0' || end == v || l < min || l > 1000000) {
		perr(c, n->line, "thuộc tính %s=\"%s\" của <%s> phải là số "
		    "nguyên từ %d", name, v, n->name, min);
		return 0;
	}
	return (int)l;
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
	const char		*v;
	int			 y, m;

	only_attrs(c, n, "number start end summary report-deadline quota");
	ph->line = n->line;
	ph->number = need_int(c, n, "number", 1);
	ph->quota = need_int(c, n, "quota", 1);
	need_date(c, n, "start", &ph->start, 1);
	need_date(c, n, "end", &ph->end, 1);
	need_date(c, n, "report-deadline", &ph->report_deadline, 0);
	if ((v = need_attr(c, n, "summary")) != NULL) {
		if (sscanf(v, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 ||
		    strlen(v) != 7)
			perr(c, n->line, "summary=\"%s\" phải là tháng tổng kết "
			    "YYYY-MM", v);
		else
			ph->summary_end = date_month_end(y, m);
	}
	if (date_cmp(&ph->start, &ph->end) > 0)
		perr(c, n->line, "đợt %d bắt đầu sau khi kết thúc", ph->number);
	if ((t = xnode_child(n, "theme")) != NULL)
		ph->theme = text(t);
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
	r->id = xstrdup((v = need_attr(c, n, "id")) != NULL ? v : "?");
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
		q = xnode_attr(n, "caseless");
		r->rx = rx_compile(v, q != NULL && strcmp(q, "yes") == 0,
		    &err, &off);
		if (r->rx == NULL) {
			perr(c, n->line, "mẫu (pattern) của quy tắc [%s] sai ở "
			    "vị trí %zu: %s", r->id, off, err);
			free(err);
		}
		q = xnode_attr(n, "require");
		r->require = q == NULL || strcmp(q, "no") != 0;
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
	const char	*v;

	only_attrs(c, n, "more-than of");
	if ((v = need_attr(c, n, "more-than")) == NULL)
		return;
	if (sscanf(v, "%d/%d", &p->approve_num, &p->approve_den) != 2 ||
	    p->approve_num < 0 || p->approve_den <= 0 ||
	    p->approve_num > p->approve_den)
		perr(c, n->line, "more-than=\"%s\" phải là một phân số như "
		    "1/2 hoặc 2/3", v);
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
		p->rules = xgrow(p->rules, &cap, p->nrules + 1,
		    sizeof(*p->rules));
		memset(&p->rules[p->nrules], 0, sizeof(*p->rules));
		rule_of(c, k, &p->rules[p->nrules]);
		for (i = 0; i < p->nrules; i++)
			if (strcmp(p->rules[i].id, p->rules[p->nrules].id) == 0)
				perr(c, k->line, "quy tắc [%s] đã có ở dòng %d",
				    p->rules[i].id, p->rules[i].line);
		p->nrules++;
	}
}

static void
plan_of(struct pctx *c, const struct xnode *r, struct plan *p)
{
	const struct xnode	*k;
	const char		*v;
	size_t			 cap = 0, i;

	only_attrs(c, r, "number date");
	p->number = xstrdup((v = need_attr(c, r, "number")) ? v : "?");
	need_date(c, r, "date", &p->date, 1);
	for (k = xnode_child(r, NULL); k != NULL; k = xnode_next(k, NULL)) {
		if (strcmp(k->name, "issuer") == 0)
			p->issuer = text(k);
		else if (strcmp(k->name, "title") == 0)
			p->title = text(k);
		else if (strcmp(k->name, "award") == 0)
			p->award = text(k);
		else if (strcmp(k->name, "approval") == 0)
			approval_of(c, k, p);
		else if (strcmp(k->name, "phase") == 0) {
			p->phases = xgrow(p->phases, &cap, p->nphases + 1,
			    sizeof(*p->phases));
			memset(&p->phases[p->nphases], 0, sizeof(*p->phases));
			phase_of(c, k, &p->phases[p->nphases]);
			for (i = 0; i < p->nphases; i++)
				if (p->phases[i].number ==
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

struct plan *
plan_load(struct xml *x, const char *path, struct diag *d)
{
	struct pctx		 c;
	struct xml_result	 res;
	struct plan		*p;

	c.d = d;
	c.f = diag_file(d, path, DIAG_CONFIG);
	c.errors = 0;
	if (xml_load_file(x, path, PLAN_NS, "plan", d, c.f, &res) == -1)
		return NULL;
	if (res.root == NULL) {
		xml_result_free(&res);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->file = c.f;
	plan_of(&c, res.root, p);
	xml_result_free(&res);
	if (c.errors > 0 || diag_errors(d, c.f) > 0) {
		plan_free(p);
		return NULL;
	}
	return p;
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
	free(p->path);
	free(p->number);
	free(p->issuer);
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
