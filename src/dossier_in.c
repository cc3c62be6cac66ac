/*
 * dossier_in.c: a dossier file into the typed model.  Reads the file
 * within its limits, checks its bytes against its declared encoding,
 * has it parsed and validated against the contract's XSD, words the
 * schema's findings for a secretary, and builds struct dossier with
 * folded NFC text, parsed dates and numbers and source lines.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "encoding.h"
#include "xml_in.h"
#include "model.h"
#include "dossier_in.h"
#include "input.h"
#include "sha256.h"

#define DOSSIER_NS	"urn:khenthuong:dossier:1"

struct ctx {
	struct diag	*d;
	size_t		 f;
};

/* Longest text of an element, in characters. */
static size_t
limit_of(const char *elem)
{
	static const struct {
		const char	*name;
		size_t		 max;
	} limits[] = {
		{ "p", 20000 }, { "summary", 2000 }, { "basis", 1000 },
		{ "item", 500 }, { "name", 500 }, { "title", 300 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		if (strcmp(limits[i].name, elem) == 0)
			return limits[i].max;
	return 500;
}

static int
has_mark(const char *s)
{
	return s != NULL && strstr(s, DOSSIER_MARK) != NULL;
}

/* One marked place at p, in where, at line; what it asks for is quoted. */
static void
mark_at(struct ctx *c, int line, const char *where, const char *p)
{
	const char	*q = p + strlen(DOSSIER_MARK), *end = strchr(q, ']');
	char		*what;

	what = enc_text(q, end != NULL ? (size_t)(end - q) : strlen(q));
	diag_code(c->d, c->f, line, DC_PLACEHOLDER, where,
	    what != NULL ? what : "");
	free(what);
}

/* The marked places in the attributes of n. */
static void
marks_attrs(struct ctx *c, const struct xnode *n, size_t *count)
{
	const char	*p;
	char		*where;
	size_t		 i;

	for (i = 0; i < n->nattrs; i++) {
		where = xasprintf("thuộc tính %s của <%s>", n->attrs[i].name,
		    n->name);
		for (p = n->attrs[i].value; (p = strstr(p, DOSSIER_MARK)) !=
		    NULL; p++, (*count)++)
			mark_at(c, n->line, where, p);
		free(where);
	}
}

/*
 * Report every marked place "[CẦN ĐIỀN: …]" in n and below it (at the
 * element's own line, plus the lines of its text before the mark) and
 * count them.
 */
static void
marks_of(struct ctx *c, const struct xnode *n, size_t *count)
{
	const struct xnode	*k;
	const char		*p, *q;
	char			*where;
	int			 line;

	marks_attrs(c, n, count);
	where = xasprintf("<%s>", n->name);
	for (k = n->child; k != NULL; k = k->next) {
		if (k->name != NULL) {
			marks_of(c, k, count);
			continue;
		}
		line = n->line;
		for (p = q = k->text; (p = strstr(p, DOSSIER_MARK)) != NULL;
		    p++, (*count)++) {
			for (; q < p; q++)
				line += *q == '\n';
			mark_at(c, line, where, p);
		}
	}
	free(where);
}

/*
 * Folded text of an element, checked for length; NULL if empty or still
 * a marked place (reported by marks_of).
 */
static char *
folded(struct ctx *c, const struct xnode *n, const char *label,
    const char *raw)
{
	char	*all = NULL, *t;
	size_t	 len, max;

	if (raw == NULL)
		raw = all = xnode_text(n);
	if (has_mark(raw)) {
		free(all);
		return NULL;
	}
	t = enc_text(raw, strlen(raw));
	free(all);
	if (t == NULL)
		return NULL;
	if (strchr(t, '"') != NULL) {
		char *q = enc_quotes(t);

		free(t);
		t = q;
	}
	if (*t == '\0') {
		diag_code(c->d, c->f, n->line, DC_EMPTY_FIELD, label);
		free(t);
		return NULL;
	}
	max = limit_of(label);
	if ((len = enc_length(t)) > max) {
		diag_code(c->d, c->f, n->line, DC_LIMIT_LENGTH, label, len,
		    max);
		free(t);
		return NULL;
	}
	return t;
}

/* The text of child name of n into *out. */
static void
text_of(struct ctx *c, const struct xnode *n, const char *name,
    struct text *out)
{
	const struct xnode	*k;

	out->s = NULL;
	out->line = n->line;
	if ((k = xnode_child(n, name)) == NULL)
		return;
	out->line = k->line;
	out->s = folded(c, k, name, NULL);
}

/* An attribute's folded value (NULL if absent) with its element's line. */
static void
attr_of(struct ctx *c, const struct xnode *n, const char *name,
    struct text *out)
{
	const char	*v;

	out->s = NULL;
	out->line = n->line;
	if ((v = xnode_attr(n, name)) != NULL)
		out->s = folded(c, n, name, v);
}

static long
number_of(const char *s)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 1000000000L)
		return -1;
	return v;
}

/* Drop a final ; , or . (the renderer adds what Nghị định 30 asks). */
static void
strip_final(char *s)
{
	size_t	 n;

	if (s == NULL)
		return;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ';' || s[n - 1] == ',' ||
	    s[n - 1] == '.' || s[n - 1] == ' '))
		s[--n] = '\0';
}

static void
paras_of(struct ctx *c, const struct xnode *n, struct paras *out)
{
	const struct xnode	*p;
	size_t			 cap = 0;

	memset(out, 0, sizeof(*out));
	if (n == NULL)
		return;
	for (p = xnode_child(n, "p"); p != NULL; p = xnode_next(p, "p")) {
		out->p = xgrow(out->p, &cap, out->np + 1, sizeof(*out->p));
		out->p[out->np].line = p->line;
		out->p[out->np].s = folded(c, p, "p", NULL);
		out->np++;
	}
}

static void
signer_of(struct ctx *c, const struct xnode *n, struct signer *s)
{
	memset(s, 0, sizeof(*s));
	if (n == NULL)
		return;
	s->line = n->line;
	text_of(c, n, "authority", &s->authority);
	text_of(c, n, "title", &s->title);
	text_of(c, n, "rank", &s->rank);
	text_of(c, n, "name", &s->name);
}

static void
docnum_of(struct ctx *c, const struct xnode *n, const char *attr,
    struct docnum *dn)
{
	memset(dn, 0, sizeof(*dn));
	attr_of(c, n, attr, &dn->raw);
	docnum_parse(dn);
}

static void
date_of(const struct xnode *n, const char *attr, struct date *d)
{
	if (date_parse(xnode_attr(n, attr), d, 0) == -1)
		memset(d, 0, sizeof(*d));
}

/* "HH:MM" into minutes, or -1. */
static int
time_of(const char *s)
{
	if (s == NULL || strlen(s) != 5 || s[2] != ':')
		return -1;
	return ((s[0] - '0') * 10 + (s[1] - '0')) * 60 +
	    (s[3] - '0') * 10 + (s[4] - '0');
}

static void
issuer_of(struct ctx *c, const struct xnode *n, struct issuer *is)
{
	is->line = n->line;
	text_of(c, n, "parent", &is->parent);
	text_of(c, n, "name", &is->name);
	text_of(c, n, "name-in-text", &is->name_text);
	text_of(c, n, "abbr", &is->abbr);
	text_of(c, n, "place", &is->place);
}

static void
list_of(struct ctx *c, const struct xnode *parent, const char *name,
    struct text **out, size_t *nout)
{
	const struct xnode	*k;
	size_t			 cap = 0;

	*out = NULL;
	*nout = 0;
	if (parent == NULL)
		return;
	for (k = xnode_child(parent, name); k != NULL;
	    k = xnode_next(k, name)) {
		*out = xgrow(*out, &cap, *nout + 1, sizeof(**out));
		(*out)[*nout].line = k->line;
		(*out)[*nout].s = folded(c, k, name, NULL);
		strip_final((*out)[*nout].s);
		(*nout)++;
	}
}

static void
submission_of(struct ctx *c, const struct xnode *n, struct submission *s)
{
	s->line = n->line;
	docnum_of(c, n, "number", &s->number);
	date_of(n, "date", &s->date);
	text_of(c, n, "to", &s->to);
	list_of(c, n, "basis", &s->basis, &s->nbasis);
	paras_of(c, xnode_child(n, "body"), &s->body);
	signer_of(c, xnode_child(n, "signer"), &s->signer);
	list_of(c, xnode_child(n, "recipients"), "item", &s->recipients,
	    &s->nrecipients);
}

static void
meeting_of(struct ctx *c, const struct xnode *n, struct meeting *m)
{
	const struct xnode	*k;
	const char		*v;
	size_t			 cap = 0;
	struct member		*mb;

	m->line = n->line;
	docnum_of(c, n, "number", &m->number);
	date_of(n, "date", &m->date);
	m->start = time_of(xnode_attr(n, "start"));
	m->end = time_of(xnode_attr(n, "end"));
	text_of(c, n, "council", &m->council);
	text_of(c, n, "place", &m->place);
	m->method = METHOD_SHOW_OF_HANDS;
	if ((k = xnode_child(n, "method")) != NULL) {
		char *t = xnode_text(k), *f = enc_text(t, strlen(t));

		if (f != NULL && strcmp(f, "secret-ballot") == 0)
			m->method = METHOD_SECRET_BALLOT;
		free(f);
		free(t);
	}
	for (k = xnode_child(n, "member"); k != NULL;
	    k = xnode_next(k, "member")) {
		m->members = xgrow(m->members, &cap, m->nmembers + 1,
		    sizeof(*mb));
		mb = &m->members[m->nmembers++];
		memset(mb, 0, sizeof(*mb));
		mb->line = k->line;
		v = xnode_attr(k, "role");
		mb->role = ROLE_MEMBER;
		if (v != NULL && strcmp(v, "chair") == 0)
			mb->role = ROLE_CHAIR;
		else if (v != NULL && strcmp(v, "vice-chair") == 0)
			mb->role = ROLE_VICE_CHAIR;
		else if (v != NULL && strcmp(v, "secretary") == 0)
			mb->role = ROLE_SECRETARY;
		v = xnode_attr(k, "present");
		mb->present = v == NULL || strcmp(v, "no") != 0;
		text_of(c, k, "name", &mb->name);
		text_of(c, k, "rank", &mb->rank);
		text_of(c, k, "title", &mb->title);
	}
	paras_of(c, xnode_child(n, "notes"), &m->notes);
}

static void
report_of(struct ctx *c, const struct xnode *r, struct nominee *nm)
{
	const struct xnode	*k;
	struct section		*s;
	size_t			 cap = 0;

	nm->report_line = r->line;
	date_of(r, "date", &nm->report_date);
	for (k = xnode_child(r, "section"); k != NULL;
	    k = xnode_next(k, "section")) {
		nm->sections = xgrow(nm->sections, &cap, nm->nsections + 1,
		    sizeof(*s));
		s = &nm->sections[nm->nsections++];
		memset(s, 0, sizeof(*s));
		s->line = k->line;
		attr_of(c, k, "title", &s->title);
		paras_of(c, k, &s->paras);
	}
	signer_of(c, xnode_child(r, "signer"), &nm->report_signer);
	signer_of(c, xnode_child(r, "confirmed-by"), &nm->confirmed_by);
}

static void
awards_of(struct ctx *c, const struct xnode *n, struct nominee *nm)
{
	const struct xnode	*k;
	struct award		*a;
	size_t			 cap = 0;
	long			 y;

	for (k = xnode_child(n, "award"); k != NULL;
	    k = xnode_next(k, "award")) {
		nm->awards = xgrow(nm->awards, &cap, nm->nawards + 1,
		    sizeof(*a));
		a = &nm->awards[nm->nawards++];
		memset(a, 0, sizeof(*a));
		a->line = k->line;
		y = number_of(xnode_attr(k, "year"));
		a->year = y > 0 && y < 10000 ? (int)y : 0;
		attr_of(c, k, "form", &a->form);
		docnum_of(c, k, "decision", &a->decision);
	}
}

static void
nominee_of(struct ctx *c, const struct xnode *n, struct nominee *nm)
{
	const struct xnode	*k;
	const char		*v;
	char			*t;

	memset(nm, 0, sizeof(*nm));
	nm->line = n->line;
	attr_of(c, n, "id", &nm->id);
	v = xnode_attr(n, "kind");
	nm->kind = KIND_UNKNOWN;
	if (v != NULL && strcmp(v, "collective") == 0)
		nm->kind = KIND_COLLECTIVE;
	else if (v != NULL && strcmp(v, "individual") == 0)
		nm->kind = KIND_INDIVIDUAL;
	text_of(c, n, "name", &nm->name);
	if ((k = xnode_child(n, "gender")) != NULL) {
		nm->gender_line = k->line;
		t = xnode_text(k);
		if (has_mark(t))
			;
		else if (strstr(t, "female") != NULL)
			nm->gender = GENDER_FEMALE;
		else if (strstr(t, "male") != NULL)
			nm->gender = GENDER_MALE;
		free(t);
	}
	if ((k = xnode_child(n, "birth-date")) != NULL) {
		nm->birth_line = k->line;
		t = xnode_text(k);
		v = t;
		while (*v == ' ' || *v == '\n' || *v == '\t')
			v++;
		if (date_parse(v, &nm->birth, 1) == -1)
			memset(&nm->birth, 0, sizeof(nm->birth));
		free(t);
	}
	text_of(c, n, "ethnicity", &nm->ethnicity);
	text_of(c, n, "rank", &nm->rank);
	text_of(c, n, "position", &nm->position);
	text_of(c, n, "unit", &nm->unit);
	text_of(c, n, "summary", &nm->summary);
	if ((k = xnode_child(n, "report")) != NULL)
		report_of(c, k, nm);
	if ((k = xnode_child(n, "awards")) != NULL)
		awards_of(c, k, nm);
	nm->vote_yes = nm->vote_no = -1;
	if ((k = xnode_child(n, "vote")) != NULL) {
		nm->vote_line = k->line;
		nm->vote_yes = (int)number_of(xnode_attr(k, "yes"));
		nm->vote_no = (int)number_of(xnode_attr(k, "no"));
	}
	if ((k = xnode_child(n, "book-number")) != NULL) {
		nm->book_line = k->line;
		t = xnode_text(k);
		v = t;
		while (*v == ' ' || *v == '\n' || *v == '\t')
			v++;
		nm->book = number_of(v);
		if (nm->book < 0)
			nm->book = 0;
		free(t);
	}
}

static void
decision_of(struct ctx *c, const struct xnode *n, struct decision *dc)
{
	long	 v;

	dc->line = n->line;
	docnum_of(c, n, "number", &dc->number);
	date_of(n, "date", &dc->date);
	v = number_of(xnode_attr(n, "first-book-number"));
	dc->first_book = v > 0 ? v : 0;
	attr_of(c, n, "place", &dc->place);
	signer_of(c, xnode_child(n, "signer"), &dc->signer);
}

/* "thuộc tính date của <meeting>" or "<birth-date>" */
static char *
what(const struct xerr *e)
{
	if (e->attr != NULL)
		return xasprintf("thuộc tính %s của <%s>", e->attr,
		    e->elem != NULL ? e->elem : "?");
	return xasprintf("<%s>", e->elem != NULL ? e->elem : "?");
}

static int
is(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

/* Word a bad value: dates with the ISO form meant, ids with their rule. */
static void
word_value(struct ctx *c, const struct xerr *e)
{
	const char	*v = e->value != NULL ? e->value : "";
	const char	*name = e->attr != NULL ? e->attr : e->elem;
	struct date	 g, tmp;
	char		 iso[16], *w, *m;

	if (is(name, "date") || is(name, "birth-date")) {
		if (date_guess(v, &g) == 0) {
			date_iso(&g, iso, sizeof(iso));
			diag_code(c->d, c->f, e->line, DC_DATE_FORMAT, (m =
			    xasprintf("ngày \"%s\" phải viết theo dạng "
			    "YYYY-MM-DD: có phải là %s?", v, iso)));
		} else if (strlen(v) == 10 && v[4] == '-' && v[7] == '-' &&
		    date_parse(v, &tmp, 0) == -1 && date_guess(v, &g) == -1)
			diag_code(c->d, c->f, e->line, DC_DATE_FORMAT, (m =
			    xasprintf("ngày \"%s\" không có trong lịch; hãy "
			    "kiểm tra ngày và tháng", v)));
		else
			diag_code(c->d, c->f, e->line, DC_DATE_FORMAT, (m =
			    xasprintf("ngày \"%s\" không hợp lệ: phải viết "
			    "theo dạng YYYY-MM-DD, ví dụ 2024-07-15%s", v,
			    is(name, "birth-date") ? " (hoặc chỉ năm, ví dụ "
			    "1986)" : "")));
	} else if (is(name, "start") || is(name, "end"))
		diag_code(c->d, c->f, e->line, DC_DATE_FORMAT, (m =
		    xasprintf("giờ \"%s\" phải viết theo dạng HH:MM (24 giờ), "
		    "ví dụ 08:00 hoặc 14:30", v)));
	else if (is(name, "id") && is(e->elem, "dossier"))
		diag_code(c->d, c->f, e->line, DC_ID_FORMAT, (m =
		    xasprintf("mã hồ sơ \"%s\" không hợp lệ: chỉ dùng chữ "
		    "thường không dấu a-z, chữ số và dấu gạch ngang, bắt đầu "
		    "bằng chữ hoặc số, tối đa 64 ký tự (mã này là tên thư mục "
		    "kết quả)", v)));
	else if (is(name, "id") && is(e->elem, "nominee"))
		diag_code(c->d, c->f, e->line, DC_ID_FORMAT, (m =
		    xasprintf("mã \"%s\" của tập thể, cá nhân không hợp lệ: "
		    "chỉ dùng chữ cái không dấu, chữ số, '_' và '-', từ 1 đến "
		    "32 ký tự (mã này là tên tệp kết quả)", v)));
	else {
		w = what(e);
		if (e->expected != NULL)
			m = xasprintf("giá trị \"%s\" của %s không hợp lệ; chỉ "
			    "dùng một trong: %s", v, w, e->expected);
		else if (is(name, "yes") || is(name, "no"))
			m = xasprintf("%s phải là số nguyên không âm, không "
			    "phải \"%s\"", w, v);
		else if (is(name, "phase") || is(name, "book-number") ||
		    is(name, "first-book-number"))
			m = xasprintf("%s phải là số nguyên dương, không phải "
			    "\"%s\"", w, v);
		else if (is(name, "year"))
			m = xasprintf("%s phải là năm có bốn chữ số, không "
			    "phải \"%s\"", w, v);
		else
			m = xasprintf("giá trị \"%s\" của %s không hợp lệ (%s)",
			    v, w, e->detail != NULL ? e->detail : "");
		free(w);
		diag_code(c->d, c->f, e->line, DC_SCHEMA, m);
	}
	free(m);
}

/*
 * The children of each element of dossier.xsd, in order: which are
 * required, what a secretary calls them and, for some, how one is
 * written.  "signer" stands for every element of the signer type.
 */
static const struct slot {
	const char	*owner;
	const char	*name;
	int		 required;
	const char	*words;
	const char	*example;	/* NULL: <name>…</name> */
} slots[] = {
	{ "dossier", "issuer", 1, "cơ quan đề nghị", NULL },
	{ "dossier", "submission", 1, "tờ trình", NULL },
	{ "dossier", "meeting", 1, "cuộc họp xét duyệt của hội đồng", NULL },
	{ "dossier", "nominee", 1, "tập thể, cá nhân được đề nghị", NULL },
	{ "dossier", "decision", 0, NULL, NULL },
	{ "issuer", "parent", 0, NULL, NULL },
	{ "issuer", "name", 1, "tên cơ quan", NULL },
	{ "issuer", "name-in-text", 0, NULL, NULL },
	{ "issuer", "abbr", 1, "tên viết tắt của cơ quan", NULL },
	{ "issuer", "place", 1, "địa danh", NULL },
	{ "submission", "to", 1, "nơi nhận tờ trình, Kính gửi", NULL },
	{ "submission", "basis", 0, NULL, NULL },
	{ "submission", "body", 0, NULL, NULL },
	{ "submission", "signer", 1, "người ký tờ trình",
	    "<signer><title>…</title><name>…</name></signer>" },
	{ "submission", "recipients", 1, "nơi nhận",
	    "<recipients><item>…</item></recipients>" },
	{ "recipients", "item", 1, "một nơi nhận", NULL },
	{ "body", "p", 1, "đoạn văn", NULL },
	{ "notes", "p", 1, "đoạn văn", NULL },
	{ "meeting", "council", 1, "tên hội đồng", NULL },
	{ "meeting", "place", 1, "địa điểm họp", NULL },
	{ "meeting", "method", 0, NULL, NULL },
	{ "meeting", "member", 1, "thành viên hội đồng",
	    "<member role=\"…\"><name>…</name><title>…</title></member>" },
	{ "meeting", "notes", 0, NULL, NULL },
	{ "member", "name", 1, "họ và tên", NULL },
	{ "member", "rank", 0, NULL, NULL },
	{ "member", "title", 1, "chức vụ", NULL },
	{ "nominee", "name", 1, "tên", NULL },
	{ "nominee", "gender", 0, NULL, NULL },
	{ "nominee", "birth-date", 0, NULL, NULL },
	{ "nominee", "ethnicity", 0, NULL, NULL },
	{ "nominee", "rank", 0, NULL, NULL },
	{ "nominee", "position", 0, NULL, NULL },
	{ "nominee", "unit", 1, "đơn vị", NULL },
	{ "nominee", "summary", 1, "tóm tắt thành tích", NULL },
	{ "nominee", "report", 1, "báo cáo thành tích",
	    "<report><section title=\"…\"><p>…</p></section>"
	    "<confirmed-by>…</confirmed-by></report>" },
	{ "nominee", "awards", 0, NULL, NULL },
	{ "nominee", "vote", 1, "kết quả biểu quyết của hội đồng",
	    "<vote yes=\"…\" no=\"…\"/>" },
	{ "nominee", "book-number", 0, NULL, NULL },
	{ "report", "section", 1, "mục của báo cáo",
	    "<section title=\"…\"><p>…</p></section>" },
	{ "report", "signer", 0, NULL, NULL },
	{ "report", "confirmed-by", 1, "người xác nhận, thủ trưởng cấp trên",
	    "<confirmed-by><title>…</title><name>…</name></confirmed-by>" },
	{ "section", "p", 1, "đoạn văn", NULL },
	{ "signer", "authority", 0, NULL, NULL },
	{ "signer", "title", 1, "chức vụ", NULL },
	{ "signer", "rank", 0, NULL, NULL },
	{ "signer", "name", 1, "họ và tên", NULL },
	{ "awards", "award", 1, "một hình thức khen thưởng đã nhận",
	    "<award year=\"…\" form=\"…\"/>" },
	{ "decision", "signer", 1, "người ký quyết định",
	    "<signer><title>…</title><name>…</name></signer>" },
};

/* The elements of the tree at n in document order, into *v. */
static void
elements_of(const struct xnode *n, const struct xnode ***v, size_t *nv,
    size_t *cap)
{
	const struct xnode	*k;

	if (n->name == NULL)
		return;
	*v = xgrow(*v, cap, *nv + 1, sizeof(**v));
	(*v)[(*nv)++] = n;
	for (k = n->child; k != NULL; k = k->next)
		elements_of(k, v, nv, cap);
}

/* The element name that starts at line, by bisection of v; or NULL. */
static const struct xnode *
element_at(const struct xnode **v, size_t nv, const char *name, int line)
{
	size_t	 lo = 0, hi = nv, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid]->line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nv && v[lo]->line == line; lo++)
		if (strcmp(v[lo]->name, name) == 0)
			return v[lo];
	return NULL;
}

/* Folded text of child name of n, or NULL (none, empty, to fill). */
static char *
child_text(const struct xnode *n, const char *name)
{
	const struct xnode	*k;
	char			*t, *f;

	if ((k = xnode_child(n, name)) == NULL)
		return NULL;
	t = xnode_text(k);
	f = enc_text(t, strlen(t));
	free(t);
	if (f != NULL && (*f == '\0' || has_mark(f))) {
		free(f);
		f = NULL;
	}
	return f;
}

/*
 * Who an element is, as a secretary knows it: "cá nhân “CN01” (Nguyễn
 * Văn An)", "báo cáo thành tích của tập thể “TT01” (…)".  New string.
 */
static char *
owner_words(const struct xnode *n)
{
	static const struct {
		const char	*name;
		const char	*up;	/* the parent, or NULL for any */
		const char	*words;
		int		 of;	/* followed by "của" and the parent */
	} own[] = {
		{ "issuer", NULL, "phần cơ quan đề nghị <issuer>", 0 },
		{ "submission", NULL, "tờ trình <submission>", 0 },
		{ "meeting", NULL, "phần họp hội đồng <meeting>", 0 },
		{ "decision", NULL, "quyết định khen thưởng <decision>", 0 },
		{ "body", NULL, "nội dung tờ trình <body>", 0 },
		{ "recipients", NULL, "nơi nhận của tờ trình <recipients>", 0 },
		{ "notes", NULL, "ghi chú của biên bản <notes>", 0 },
		{ "signer", "submission", "người ký tờ trình <signer>", 0 },
		{ "signer", "decision", "người ký quyết định <signer>", 0 },
		{ "signer", "report", "người ký <signer>", 1 },
		{ "report", NULL, "báo cáo thành tích", 1 },
		{ "awards", NULL, "các khen thưởng đã nhận <awards>", 1 },
		{ "section", NULL, "mục <section>", 1 },
		{ "confirmed-by", NULL, "người xác nhận <confirmed-by>", 1 },
	};
	const char	*kind, *up, *id;
	char		*name, *of, *r;
	size_t		 i;

	if (n == NULL || n->name == NULL || is(n->name, "dossier"))
		return xstrdup("hồ sơ");
	up = n->parent != NULL ? n->parent->name : NULL;
	if (is(n->name, "nominee") || is(n->name, "member")) {
		id = xnode_attr(n, "id");
		kind = xnode_attr(n, "kind");
		kind = is(n->name, "member") ? "thành viên hội đồng" :
		    is(kind, "collective") ? "tập thể" :
		    is(kind, "individual") ? "cá nhân" : "tập thể, cá nhân";
		name = child_text(n, "name");
		r = xasprintf("%s%s%s%s%s%s%s", kind, id != NULL ? " “" : "",
		    id != NULL ? id : "", id != NULL ? "”" : "",
		    name != NULL ? " (" : "", name != NULL ? name : "",
		    name != NULL ? ")" : "");
		free(name);
		return r;
	}
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		if (!is(n->name, own[i].name) ||
		    (own[i].up != NULL && !is(up, own[i].up)))
			continue;
		if (!own[i].of)
			return xstrdup(own[i].words);
		of = owner_words(n->parent);
		r = xasprintf("%s của %s", own[i].words, of);
		free(of);
		return r;
	}
	return xasprintf("<%s>", n->name);
}

/*
 * The first required child that owner lacks before its child named stop
 * (stop NULL: anywhere); NULL when none is lacking there, or when stop is
 * no child of owner's at all (then it is misplaced or unknown).
 */
static const struct slot *
missing_in(const struct xnode *owner, const char *stop)
{
	const struct slot	*found = NULL;
	const char		*type = owner->name;
	size_t			 i;

	if (is(type, "confirmed-by"))
		type = "signer";
	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		if (strcmp(slots[i].owner, type) != 0)
			continue;
		if (stop != NULL && strcmp(slots[i].name, stop) == 0)
			return found;
		if (found == NULL && slots[i].required &&
		    xnode_child(owner, slots[i].name) == NULL)
			found = &slots[i];
	}
	return stop == NULL ? found : NULL;
}

/*
 * A schema finding that is a required element missing, said as which
 * element its owner lacks and where to add it.  Returns 1 if e was one
 * (reported), 0 to word it otherwise.
 */
static int
word_missing(struct ctx *c, const struct xerr *e, const struct xnode **v,
    size_t nv)
{
	const struct xnode	*n, *owner;
	const struct slot	*sl;
	char			*who, *ex, *m;

	if (e->elem == NULL ||
	    (n = element_at(v, nv, e->elem, e->line)) == NULL)
		return 0;
	owner = e->kind == XE_MISSING ? n : n->parent;
	if (owner == NULL || owner->name == NULL || (sl = missing_in(owner,
	    e->kind == XE_MISSING ? NULL : n->name)) == NULL)
		return 0;
	who = owner_words(owner);
	ex = sl->example != NULL ? xstrdup(sl->example) :
	    xasprintf("<%s>…</%s>", sl->name, sl->name);
	if (e->kind == XE_MISSING)
		m = xasprintf("%s thiếu <%s> (%s); hãy thêm %s vào trước "
		    "</%s>", who, sl->name, sl->words, ex, owner->name);
	else
		m = xasprintf("%s thiếu <%s> (%s) trước <%s>; hãy thêm %s "
		    "vào ngay trước <%s>", who, sl->name, sl->words, n->name,
		    ex, n->name);
	diag_code(c->d, c->f, e->line, DC_SCHEMA, m);
	free(m);
	free(ex);
	free(who);
	return 1;
}

static void
word_schema(struct ctx *c, const struct xerr *e, const struct xnode **v,
    size_t nv)
{
	char	*m = NULL;
	const char *el = e->elem != NULL ? e->elem : "?";

	if ((e->kind == XE_UNEXPECTED || e->kind == XE_MISSING) &&
	    word_missing(c, e, v, nv))
		return;

	switch (e->kind) {
	case XE_UNEXPECTED:
		if (e->expected != NULL)
			m = xasprintf("phần tử <%s> không đúng chỗ: ở vị trí "
			    "này mẫu hồ sơ cần %s (có thể thiếu phần tử đó, "
			    "hoặc <%s> viết sai tên hay không có trong mẫu)",
			    el, e->expected, el);
		else
			m = xasprintf("phần tử <%s> không có trong mẫu hồ sơ "
			    "hoặc đặt sai chỗ; hãy xóa hoặc chuyển về đúng vị "
			    "trí", el);
		break;
	case XE_MISSING:
		m = xasprintf("<%s> thiếu phần tử bắt buộc %s", el,
		    e->expected != NULL ? e->expected : "");
		break;
	case XE_ATTR_UNKNOWN:
		m = xasprintf("<%s> không có thuộc tính \"%s\" trong mẫu hồ "
		    "sơ; hãy xóa hoặc sửa tên thuộc tính", el,
		    e->attr != NULL ? e->attr : "?");
		break;
	case XE_ATTR_MISSING:
		m = xasprintf("<%s> thiếu thuộc tính bắt buộc \"%s\"", el,
		    e->attr != NULL ? e->attr : "?");
		break;
	case XE_TEXT:
		m = xasprintf("<%s> chỉ chứa các phần tử con, không chứa chữ "
		    "trực tiếp; hãy đặt nội dung vào phần tử con đúng mẫu "
		    "(ví dụ <p>)", el);
		break;
	case XE_VALUE:
		word_value(c, e);
		return;
	case XE_OTHER:
		m = xasprintf("hồ sơ không đúng mẫu: %s",
		    e->detail != NULL ? e->detail : "?");
		break;
	}
	diag_code(c->d, c->f, e->line, DC_SCHEMA, m);
	free(m);
}

/* A dossier being built from its tree, one child of the root at a time. */
struct build {
	struct ctx	 c;
	struct dossier	*ds;
	size_t		 cap;		/* of ds->nominees */
	int		 rooted;	/* the root's attributes are read */
};

/* The root's attributes, before its first child (document order). */
static void
build_root(struct build *b, const struct xnode *r)
{
	struct dossier	*ds = b->ds;
	long		 ph;

	if (b->rooted)
		return;
	b->rooted = 1;
	ds->line = r->line;
	attr_of(&b->c, r, "id", &ds->id);
	attr_of(&b->c, r, "plan", &ds->plan);
	ph = number_of(xnode_attr(r, "phase"));
	ds->phase = ph > 0 && ph < 1000 ? (int)ph : 0;
	diag_set_dossier(b->c.d, b->c.f, ds->id.s);
	marks_attrs(&b->c, r, &ds->placeholders);
}

/* One child of the root into the model.  Returns 1 if it is one of ours. */
static int
build_one(struct build *b, const struct xnode *k)
{
	struct dossier	*ds = b->ds;

	marks_of(&b->c, k, &ds->placeholders);
	if (strcmp(k->name, "issuer") == 0)
		issuer_of(&b->c, k, &ds->issuer);
	else if (strcmp(k->name, "submission") == 0)
		submission_of(&b->c, k, &ds->submission);
	else if (strcmp(k->name, "meeting") == 0)
		meeting_of(&b->c, k, &ds->meeting);
	else if (strcmp(k->name, "nominee") == 0) {
		ds->nominees = xgrow(ds->nominees, &b->cap, ds->nnominees + 1,
		    sizeof(*ds->nominees));
		nominee_of(&b->c, k, &ds->nominees[ds->nnominees++]);
	} else if (strcmp(k->name, "decision") == 0 && ds->decision == NULL) {
		ds->decision = xcalloc(1, sizeof(*ds->decision));
		decision_of(&b->c, k, ds->decision);
	} else
		return 0;
	return 1;
}

/*
 * A complete child of the root, from the streaming parse: into the model
 * and freed at once (returns 1), so that a dossier of thousands of
 * nominees is never held whole as a tree.
 */
static int
build_child(void *arg, struct xnode *k)
{
	struct build	*b = arg;

	build_root(b, k->parent);
	if (!build_one(b, k))
		return 0;
	xnode_free(k);
	return 1;
}

/* The model begun, with the digest of the bytes it is made from. */
static struct dossier *
build_new(struct build *b, const char *path, const char *bytes, size_t len,
    struct diag *d, size_t f)
{
	struct sha256	 h;

	memset(b, 0, sizeof(*b));
	b->c.d = d;
	b->c.f = f;
	b->ds = xcalloc(1, sizeof(*b->ds));
	b->ds->path = xstrdup(path);
	b->ds->file = f;
	sha256_init(&h);
	sha256_update(&h, bytes, len);
	sha256_hex(&h, b->ds->sha256);
	return b->ds;
}

/* What a file given as a dossier is when it is not XML. */
enum other {
	OTHER_NONE,		/* XML, or not known: parsed as a dossier */
	OTHER_CSV,
	OTHER_XLSX,
	OTHER_ODS,
	OTHER_DOCX,
	OTHER_ODT,
	OTHER_PDF
};

static unsigned
le16(const char *p)
{
	return (unsigned)(unsigned char)p[0] |
	    (unsigned)(unsigned char)p[1] << 8;
}

static int
has_prefix(const char *p, size_t len, const char *pre)
{
	return len >= strlen(pre) && memcmp(p, pre, strlen(pre)) == 0;
}

/*
 * An OpenDocument file names its kind in its first entry, "mimetype",
 * stored uncompressed; an Office Open XML one keeps its parts under xl/
 * or word/, the names read in the local and central headers of the bytes
 * at hand.  OTHER_NONE for any other zip.
 */
static enum other
zip_kind(const char *b, size_t len)
{
	static const char odf[] = "application/vnd.oasis.opendocument.";
	const char	*name;
	size_t		 i, off, nl;

	if (len >= 38 && le16(b + 26) == 8 && memcmp(b + 30, "mimetype", 8)
	    == 0 && le16(b + 8) == 0 && (off = 38 + le16(b + 28)) < len) {
		if (has_prefix(b + off, len - off, odf)) {
			off += sizeof(odf) - 1;
			if (has_prefix(b + off, len - off, "spreadsheet"))
				return OTHER_ODS;
			if (has_prefix(b + off, len - off, "text"))
				return OTHER_ODT;
		}
		return OTHER_NONE;
	}
	for (i = 0; i + 46 <= len; i++) {
		if (b[i] != 'P' || b[i + 1] != 'K')
			continue;
		if (b[i + 2] == '\3' && b[i + 3] == '\4') {
			nl = le16(b + i + 26);
			name = b + i + 30;
		} else if (b[i + 2] == '\1' && b[i + 3] == '\2') {
			nl = le16(b + i + 28);
			name = b + i + 46;
		} else
			continue;
		if ((size_t)(name - b) + nl > len)
			continue;
		if (has_prefix(name, nl, "xl/"))
			return OTHER_XLSX;
		if (has_prefix(name, nl, "word/"))
			return OTHER_DOCX;
	}
	return OTHER_NONE;
}

/* Commas, semicolons and tabs in the line at b; NULL at a < > = or NUL. */
static const char *
seps_of(const char *b, const char *end, size_t n[3])
{
	n[0] = n[1] = n[2] = 0;
	for (; b < end && *b != '\n'; b++)
		switch (*b) {
		case '<': case '>': case '=': case '\0':
			return NULL;
		case ',':
			n[0]++;
			break;
		case ';':
			n[1]++;
			break;
		case '\t':
			n[2]++;
			break;
		}
	return b < end ? b + 1 : NULL;
}

/*
 * A list saved as CSV: a file named .csv that does not begin with "<", or
 * one whose first two lines are plainly rows of a table, each with two or
 * more commas, semicolons or tabs and nothing of XML (no < > or =).  A
 * broken XML file, or a line of prose, is never taken for one.
 */
static int
is_csv(const char *path, const char *b, size_t len)
{
	const char	*end = b + len, *p;
	size_t		 a[3], n[3], i, plen = strlen(path);

	if (plen > 4 && strcasecmp(path + plen - 4, ".csv") == 0)
		return 1;
	if ((p = seps_of(b, end, a)) == NULL || seps_of(p, end, n) == NULL)
		return 0;
	for (i = 0; i < 3; i++)
		if (a[i] >= 2 && n[i] >= 2)
			return 1;
	return 0;
}

/*
 * Say what a file that is plainly not a dossier is and what to run
 * instead.  Returns 1 if it was one (reported), 0 to read it as XML.
 */
static int
not_dossier(const char *path, const char *bytes, size_t len,
    struct diag *d, size_t f)
{
	enum other	 k = OTHER_NONE;
	size_t		 o, i;

	o = i = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && (bytes[i] == ' ' || bytes[i] == '\n' ||
	    bytes[i] == '\r' || bytes[i] == '\t'))
		i++;
	if (i < len && bytes[i] == '<')
		return 0;
	if (has_prefix(bytes, len, "%PDF-"))
		k = OTHER_PDF;
	else if (has_prefix(bytes, len, "PK\3\4"))
		k = zip_kind(bytes, len);
	else if (is_csv(path, bytes + o, len - o))
		k = OTHER_CSV;
	switch (k) {
	case OTHER_NONE:
		return 0;
	case OTHER_CSV:
		diag_code(d, f, 1, DC_NOT_DOSSIER_CSV, path);
		break;
	case OTHER_XLSX:
		diag_code(d, f, 1, DC_NOT_DOSSIER_SHEET,
		    "bảng tính Excel (.xlsx)");
		break;
	case OTHER_ODS:
		diag_code(d, f, 1, DC_NOT_DOSSIER_SHEET,
		    "bảng tính OpenDocument (.ods)");
		break;
	case OTHER_DOCX:
		diag_code(d, f, 1, DC_NOT_DOSSIER_REPORT,
		    "văn bản Word (.docx)");
		break;
	case OTHER_ODT:
		diag_code(d, f, 1, DC_NOT_DOSSIER_REPORT,
		    "văn bản OpenDocument (.odt)");
		break;
	case OTHER_PDF:
		diag_code(d, f, 1, DC_NOT_DOSSIER_PDF);
		break;
	}
	return 1;
}

struct dossier *
dossier_load_bytes(struct xml *x, const char *path, const char *bytes,
    size_t len, struct diag *d, size_t f)
{
	struct xml_result	 res;
	struct build		 b;
	const struct xnode	*r, *k, **v = NULL;
	size_t			 i, mark, nv = 0, vcap = 0;
	int			 line;
	char			*msg;

	i = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (; i < len; i++)
		if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r' &&
		    bytes[i] != '\t')
			break;
	if (i == len) {
		diag_code(d, f, 1, DC_FILE_EMPTY);
		return NULL;
	}
	if (not_dossier(path, bytes, len, d, f))
		return NULL;
	if (enc_check_xml(bytes, len, &line, &msg) == -1) {
		diag_code(d, f, line, DC_ENCODING, msg);
		free(msg);
		return NULL;
	}

	/*
	 * A dossier that is right is read as a stream, each child of the
	 * root made into the model as soon as it is complete.  Anything
	 * wrong, and all of that is undone: the dossier is read again whole
	 * (a DOM) so that every problem is reported in its words.
	 */
	mark = diag_mark(d);
	build_new(&b, path, bytes, len, d, f);
	/* KHENTHUONG_DOM=1: always the DOM, for tests comparing the two. */
	if (getenv("KHENTHUONG_DOM") == NULL &&
	    xml_parse_valid(x, bytes, len, path, DOSSIER_NS, "dossier",
	    build_child, &b, &res) == 0) {
		build_root(&b, res.root);
		xml_result_free(&res);
		return b.ds;
	}
	diag_rollback(d, mark);
	diag_set_dossier(d, f, NULL);	/* the id too comes again, or not */
	dossier_free(b.ds);

	xml_parse(x, bytes, len, path, DOSSIER_NS, "dossier", 1, d, f, &res);
	build_new(&b, path, bytes, len, d, f);
	/* The elements in document order, to find who lacks an element. */
	if (res.nerrs > 0 && res.root != NULL)
		elements_of(res.root, &v, &nv, &vcap);
	/* A value that is still a marked place is reported as such. */
	for (i = 0; i < res.nerrs; i++)
		if (!has_mark(res.errs[i].value) &&
		    !has_mark(res.errs[i].detail))
			word_schema(&b.c, &res.errs[i], v, nv);
	free(v);
	if ((r = res.root) == NULL) {
		xml_result_free(&res);
		dossier_free(b.ds);
		return NULL;
	}
	build_root(&b, r);
	if ((k = xnode_child(r, "issuer")) != NULL)
		build_one(&b, k);
	if ((k = xnode_child(r, "submission")) != NULL)
		build_one(&b, k);
	if ((k = xnode_child(r, "meeting")) != NULL)
		build_one(&b, k);
	for (k = xnode_child(r, "nominee"); k != NULL;
	    k = xnode_next(k, "nominee"))
		build_one(&b, k);
	if ((k = xnode_child(r, "decision")) != NULL)
		build_one(&b, k);
	xml_result_free(&res);
	return b.ds;
}

struct dossier *
dossier_load(struct xml *x, const char *path, struct diag *d, size_t f)
{
	struct dossier	*ds;
	char		*bytes;
	size_t		 n;
	int		 isdir;

	if ((bytes = input_read(path, DOSSIER_MAX_MB, d, f, &n, &isdir)) ==
	    NULL) {
		if (isdir)
			diag_sys(d, _("%s: this is a directory, not a dossier "
			    "file; name the .xml files in it (for example "
			    "%s/*.xml)"), path, path);
		return NULL;
	}
	ds = dossier_load_bytes(x, path, bytes, n, d, f);
	free(bytes);
	return ds;
}
