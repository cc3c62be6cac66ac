/*
 * xml_in.c: the libxml2 boundary.  Parses bytes with safe options only
 * (no network, no entity substitution, no DTD loading, no HUGE limits),
 * refuses DTDs, validates against the project's XSD, and copies the
 * document into our own tree (struct xnode) with NFC text and line
 * numbers, then frees the DOM.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "encoding.h"
#include "input.h"
#include "xml_in.h"

/* Deeper than any of our formats nests; libxml2 itself stops at 256. */
#define MAX_DEPTH	24

struct xml {
	xmlSchemaPtr	 schema;
	char		*schema_buf;
};

/* Per-parse state handed to libxml2's error callbacks. */
struct state {
	int		 have_fatal;
	int		 fatal_line;
	int		 fatal_code;
	int		 fatal_int;
	char		*fatal_msg;
	char		*fatal_str1;
	char		*fatal_str2;
	struct xml_result *res;
};

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Never load an external entity, DTD or schema document. */
static xmlParserInputPtr
refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

struct xml *
xml_new(void)
{
	struct xml	*x;

	LIBXML_TEST_VERSION
	xmlSetGenericErrorFunc(NULL, silent);
	xmlSetExternalEntityLoader(refuse_loader);
	x = xcalloc(1, sizeof(*x));
	return x;
}

void
xml_free(struct xml *x)
{
	if (x == NULL)
		return;
	if (x->schema != NULL)
		xmlSchemaFree(x->schema);
	free(x->schema_buf);
	free(x);
}

int
xml_schema(struct xml *x, const char *xsd_path, char **err)
{
	xmlSchemaParserCtxtPtr	 pc;
	size_t			 len;
	enum input_err		 why;

	*err = NULL;
	if ((x->schema_buf = input_slurp(xsd_path,
	    (size_t)INPUT_CONFIG_MAX_MB * 1024 * 1024, &len, &why)) == NULL) {
		if (why != INPUT_OPEN && why != INPUT_ERRNO)
			errno = EINVAL;
		*err = xasprintf(_("cannot read the schema %s: %s"), xsd_path,
		    diag_errno(errno));
		return -1;
	}
	if ((pc = xmlSchemaNewMemParserCtxt(x->schema_buf, (int)len)) ==
	    NULL) {
		*err = xasprintf(_("cannot parse the schema %s"), xsd_path);
		return -1;
	}
	xmlSchemaSetParserErrors(pc, silent, silent, NULL);
	x->schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (x->schema == NULL) {
		*err = xasprintf(_("the schema %s is not valid"), xsd_path);
		return -1;
	}
	return 0;
}

static char *
dupx(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Keep the first fatal parse error: it is the one the user must fix. */
static void
parse_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct state		*st = ctxt->_private;

	if (e == NULL || e->level < XML_ERR_ERROR || st->have_fatal)
		return;
	st->have_fatal = 1;
	st->fatal_line = e->line;
	st->fatal_code = e->code;
	st->fatal_int = e->int1;
	st->fatal_msg = dupx(e->message);
	st->fatal_str1 = dupx(e->str1);
	st->fatal_str2 = dupx(e->str2);
}

/* Strip libxml2's trailing newline. */
static char *
chomp(char *s)
{
	size_t	 n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

/* A bare '&' or '<' in text: libxml2 says NAME_REQUIRED for both. */
static int
is_entity_msg(const char *msg)
{
	return msg != NULL && strstr(msg, "EntityRef") != NULL;
}

/* The first fatal error, with its own code where we know it. */
static void
report_fatal(struct state *st, struct diag *d, size_t f)
{
	char		*m;
	const char	*s1 = st->fatal_str1 ? st->fatal_str1 : "?";
	const char	*s2 = st->fatal_str2 ? st->fatal_str2 : "?";
	int		 line = st->fatal_line > 0 ? st->fatal_line : 1;
	int		 open = st->fatal_int > 0 ? st->fatal_int : line;

	chomp(st->fatal_msg);
	if (st->fatal_msg != NULL &&
	    strstr(st->fatal_msg, "Excessive depth") != NULL) {
		diag_code(d, f, line, DC_LIMIT_DEPTH, MAX_DEPTH);
		return;
	}
	switch (st->fatal_code) {
	case XML_ERR_TAG_NAME_MISMATCH:
		diag_code(d, f, line, DC_XML_TAG_MISMATCH, s1, open, s2);
		return;
	case XML_ERR_TAG_NOT_FINISHED:
		diag_code(d, f, line, DC_XML_TAG_UNCLOSED, s1, open, s1);
		return;
	case XML_ERR_DOCUMENT_END:
		diag_code(d, f, line, DC_XML_AFTER_ROOT);
		return;
	case XML_ERR_UNDECLARED_ENTITY:
		diag_code(d, f, line, DC_XML_ENTITY, s1);
		return;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		diag_code(d, f, line, DC_XML_AMP);
		return;
	case XML_ERR_NAME_REQUIRED:
		diag_code(d, f, line, is_entity_msg(st->fatal_msg) ?
		    DC_XML_AMP : DC_XML_LT);
		return;
	case XML_ERR_LT_IN_ATTRIBUTE:
		diag_code(d, f, line, DC_XML_ATTR_LT);
		return;
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		diag_code(d, f, line, DC_XML_ATTR_QUOTE);
		return;
	case XML_ERR_DOCUMENT_EMPTY:
		m = xstrdup("không có phần tử nào trong tệp");
		break;
	case XML_ERR_LT_REQUIRED:
	case XML_ERR_GT_REQUIRED:
		m = xasprintf("thẻ viết sai; hãy kiểm tra các dấu < > và tên "
		    "thẻ; dấu < trong nội dung viết là &lt; (libxml2: %s)",
		    st->fatal_msg != NULL ? st->fatal_msg : "?");
		break;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		m = xasprintf("thuộc tính %s được viết hai lần trong một thẻ",
		    s1);
		break;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
		m = xasprintf("có ký tự không hợp lệ; hãy kiểm tra mã hóa của "
		    "tệp (libxml2: %s)",
		    st->fatal_msg != NULL ? st->fatal_msg : "?");
		break;
	default:
		m = xasprintf("lỗi cú pháp; hãy mở tệp bằng trình soạn thảo và "
		    "sửa tại dòng này (libxml2: %s)",
		    st->fatal_msg != NULL ? st->fatal_msg : "?");
		break;
	}
	diag_code(d, f, line, DC_XML_SYNTAX, m);
	free(m);
}

/* "{urn:x}a, {urn:x}b" -> "<a>, <b>" (element names without namespace). */
static char *
expected_list(const char *msg)
{
	const char	*p, *q;
	struct buf	 b = BUF_INIT;

	if (msg == NULL || (p = strstr(msg, "Expected is")) == NULL)
		return NULL;
	if ((p = strchr(p, '(')) == NULL)
		return NULL;
	p++;
	while (*p != '\0' && *p != ')') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '{' && (q = strchr(p, '}')) != NULL)
			p = q + 1;
		q = p;
		while (*q != '\0' && *q != ',' && *q != ' ' && *q != ')')
			q++;
		if (q > p) {
			if (b.len > 0)
				buf_adds(&b, ", ");
			buf_addc(&b, '<');
			buf_add(&b, p, (size_t)(q - p));
			buf_addc(&b, '>');
		}
		p = q;
	}
	return b.len ? buf_detach(&b) : NULL;
}

/* "... the set {'a', 'b'}." -> "a, b" */
static char *
enum_list(const char *msg)
{
	const char	*p, *q;
	struct buf	 b = BUF_INIT;

	if (msg == NULL || (p = strstr(msg, "the set {")) == NULL)
		return NULL;
	p += strlen("the set {");
	while ((p = strchr(p, '\'')) != NULL) {
		if ((q = strchr(p + 1, '\'')) == NULL)
			break;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_add(&b, p + 1, (size_t)(q - p - 1));
		p = q + 1;
		if (*p == '}')
			break;
	}
	return b.len ? buf_detach(&b) : NULL;
}

/* "The attribute 'x' is ..." -> "x" */
static char *
quoted_after(const char *msg, const char *key)
{
	const char	*p, *q;

	if (msg == NULL || (p = strstr(msg, key)) == NULL)
		return NULL;
	p += strlen(key);
	if ((q = strchr(p, '\'')) == NULL)
		return NULL;
	return xstrndup(p, (size_t)(q - p));
}

static char *
node_value(xmlNodePtr n)
{
	xmlChar	*c;
	char	*r;

	if ((c = xmlNodeGetContent(n)) == NULL)
		return NULL;
	r = enc_nfc((const char *)c, strlen((const char *)c));
	xmlFree(c);
	return r;
}

static void
schema_error(void *data, xmlErrorPtr e)
{
	struct state	*st = data;
	struct xml_result *r = st->res;
	struct xerr	*x;
	xmlNodePtr	 n;
	size_t		 cap;

	if (e == NULL)
		return;
	cap = r->nerrs;
	r->errs = xrealloc(r->errs, (cap + 1) * sizeof(*x));
	x = &r->errs[r->nerrs++];
	memset(x, 0, sizeof(*x));
	x->line = e->line;
	x->detail = chomp(dupx(e->message));
	n = e->node;
	if (n != NULL && n->type == XML_ATTRIBUTE_NODE) {
		x->attr = xstrdup((const char *)n->name);
		x->value = node_value(n);
		n = n->parent;
	}
	if (n != NULL && n->type == XML_ELEMENT_NODE) {
		x->elem = xstrdup((const char *)n->name);
		if (x->line <= 0)
			x->line = (int)xmlGetLineNo(n);
		/* Attribute findings name the element and quote the attribute. */
		if (x->attr == NULL && x->detail != NULL &&
		    strncmp(x->detail, "Element '", 9) == 0 &&
		    (x->attr = quoted_after(x->detail, "', attribute '")) !=
		    NULL) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)x->attr);

			if (v != NULL) {
				x->value = enc_nfc((const char *)v,
				    strlen((const char *)v));
				xmlFree(v);
			}
		}
	}
	switch (e->code) {
	case XML_SCHEMAV_ELEMENT_CONTENT:
		x->kind = (x->detail != NULL &&
		    strstr(x->detail, "Missing child") != NULL) ?
		    XE_MISSING : XE_UNEXPECTED;
		x->expected = expected_list(x->detail);
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
		x->kind = XE_ATTR_UNKNOWN;
		if (x->attr == NULL)
			x->attr = quoted_after(x->detail, "attribute '");
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
		x->kind = XE_ATTR_MISSING;
		if (x->attr == NULL)
			x->attr = quoted_after(x->detail, "attribute '");
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
	case XML_SCHEMAV_CVC_TYPE_3_1_2:
		x->kind = XE_TEXT;
		break;
	case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
	case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
	case XML_SCHEMAV_CVC_PATTERN_VALID:
	case XML_SCHEMAV_CVC_ENUMERATION_VALID:
	case XML_SCHEMAV_CVC_MINLENGTH_VALID:
	case XML_SCHEMAV_CVC_ATTRIBUTE_3:
	case XML_SCHEMAV_CVC_ELT_1:
		x->kind = e->code == XML_SCHEMAV_CVC_ELT_1 ? XE_OTHER :
		    XE_VALUE;
		x->expected = enum_list(x->detail);
		if (x->value == NULL && x->attr == NULL && e->node != NULL &&
		    ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
			x->value = node_value(e->node);
		break;
	default:
		x->kind = XE_OTHER;
		break;
	}
}

static struct xnode *
xnode_new(struct xnode *parent, int line)
{
	struct xnode	*n;

	n = xcalloc(1, sizeof(*n));
	n->parent = parent;
	n->line = line;
	if (parent != NULL) {
		if (parent->child == NULL)
			parent->child = n;
		else
			parent->last->next = n;
		parent->last = n;
	}
	return n;
}

/*
 * Copy the DOM below src into dst.  Returns 0, or -1 after reporting a
 * depth or encoding problem.
 */
/* Only white space (or nothing)? */
static int
blank(const xmlChar *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int
copy_tree(xmlNodePtr src, struct xnode *dst, int depth, int skip_blank,
    struct diag *d, size_t f)
{
	xmlNodePtr	 c;
	xmlAttrPtr	 a;
	struct xnode	*n, *last = NULL;
	char		*v;
	size_t		 i;

	if (depth > MAX_DEPTH) {
		diag_code(d, f, (int)xmlGetLineNo(src), DC_LIMIT_DEPTH,
		    MAX_DEPTH);
		return -1;
	}
	for (a = src->properties; a != NULL; a = a->next)
		dst->nattrs++;
	dst->attrs = xcalloc(dst->nattrs, sizeof(struct xattr));
	for (a = src->properties, i = 0; a != NULL; a = a->next, i++) {
		dst->attrs[i].name = xstrdup((const char *)a->name);
		v = node_value((xmlNodePtr)a);
		dst->attrs[i].value = v != NULL ? v : xstrdup("");
	}
	for (c = src->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			n = xnode_new(dst, (int)xmlGetLineNo(c));
			n->name = xstrdup((const char *)c->name);
			n->ns = c->ns != NULL && c->ns->href != NULL ?
			    xstrdup((const char *)c->ns->href) : NULL;
			if (copy_tree(c, n, depth + 1, skip_blank, d, f) == -1)
				return -1;
			last = NULL;
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content == NULL)
				break;
			/*
			 * In a validated document (a dossier: no mixed
			 * content) the indentation between elements says
			 * nothing and would double the tree of a large one.
			 * A template keeps it: "<b>x:</b> <if ...>" has a
			 * space that matters.
			 */
			if (skip_blank && c->type == XML_TEXT_NODE &&
			    blank(c->content) &&
			    ((c->prev != NULL && c->prev->type ==
			    XML_ELEMENT_NODE) || (c->next != NULL &&
			    c->next->type == XML_ELEMENT_NODE)))
				break;
			v = enc_nfc((const char *)c->content,
			    strlen((const char *)c->content));
			if (v == NULL)
				break;
			if (last != NULL) {	/* text, CDATA, text: one run */
				char *j = xasprintf("%s%s", last->text, v);
				free(last->text);
				free(v);
				last->text = j;
				break;
			}
			last = xnode_new(dst, (int)xmlGetLineNo(c));
			last->text = v;
			break;
		default:	/* comments, processing instructions */
			break;
		}
	}
	return 0;
}

/* Line of "<!DOCTYPE" in the raw bytes, or 0. */
static int
doctype_line(const char *bytes, size_t len)
{
	size_t	 i;
	int	 line = 1;

	for (i = 0; i + 9 <= len; i++) {
		if (bytes[i] == '\n')
			line++;
		else if (bytes[i] == '<' && memcmp(bytes + i, "<!DOCTYPE", 9) == 0)
			return line;
	}
	return 0;
}

void
xml_parse(struct xml *x, const char *bytes, size_t len, const char *url,
    const char *ns, const char *root, int validate, struct diag *d,
    size_t f, struct xml_result *res)
{
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc;
	xmlNodePtr		 top;
	xmlSchemaValidCtxtPtr	 vc;
	struct state		 st;
	int			 dl;
	const char		*tns;

	memset(res, 0, sizeof(*res));
	memset(&st, 0, sizeof(st));
	st.res = res;

	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_sys(d, _("%s: libxml2 cannot start"), url);
		return;
	}
	ctxt->_private = &st;
	ctxt->sax->serror = parse_error;
	ctxt->vctxt.error = silent;
	ctxt->vctxt.warning = silent;
	doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, url, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
	dl = doctype_line(bytes, len);
	if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)
	    && dl == 0)
		dl = 1;
	if (dl > 0) {
		/* A DTD is refused whether or not the rest parsed. */
		diag_code(d, f, dl, DC_DTD);
		goto out;
	}
	if (doc == NULL || !ctxt->wellFormed) {
		report_fatal(&st, d, f);
		goto out;
	}
	if ((top = xmlDocGetRootElement(doc)) == NULL) {
		diag_code(d, f, 1, DC_XML_SYNTAX,
		    "không có phần tử nào trong tệp");
		goto out;
	}
	tns = top->ns != NULL ? (const char *)top->ns->href : "";
	if ((root != NULL && strcmp((const char *)top->name, root) != 0) ||
	    (ns != NULL && strcmp(tns, ns) != 0)) {
		diag_code(d, f, (int)xmlGetLineNo(top), DC_NAMESPACE,
		    (const char *)top->name, tns, ns != NULL ? ns : "");
		goto out;
	}
	if (validate && x->schema != NULL) {
		if ((vc = xmlSchemaNewValidCtxt(x->schema)) == NULL) {
			diag_sys(d, _("%s: libxml2 cannot validate"), url);
			goto out;
		}
		xmlSchemaSetValidStructuredErrors(vc, schema_error, &st);
		(void)xmlSchemaValidateDoc(vc, doc);
		xmlSchemaFreeValidCtxt(vc);
	}
	res->root = xnode_new(NULL, (int)xmlGetLineNo(top));
	res->root->name = xstrdup((const char *)top->name);
	res->root->ns = xstrdup(tns);
	if (copy_tree(top, res->root, 1, validate, d, f) == -1) {
		xnode_free(res->root);
		res->root = NULL;
	}
out:
	free(st.fatal_msg);
	free(st.fatal_str1);
	free(st.fatal_str2);
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
}

/* Error handlers of the streaming reader: any message spoils the read. */
static void
stream_error(void *arg, xmlErrorPtr e)
{
	(void)e;
	*(int *)arg = 1;
}

/*
 * The text of the reader's node as an xnode child of parent, joined to a
 * text child just before it (text, CDATA, text: one run, as copy_tree()
 * does).
 */
static void
stream_text(xmlTextReaderPtr rd, struct xnode *parent)
{
	const xmlChar	*c = xmlTextReaderConstValue(rd);
	struct xnode	*t;
	char		*v, *j;

	if (c == NULL ||
	    (v = enc_nfc((const char *)c, strlen((const char *)c))) == NULL)
		return;
	if (parent->last != NULL && parent->last->name == NULL) {
		t = parent->last;
		/*
		 * White space after white space (between the children of
		 * the root, whose elements are freed as they close) adds
		 * nothing that text folding would keep: not grown, so a
		 * dossier of many nominees is read in linear time.
		 */
		if (blank((const xmlChar *)t->text) &&
		    blank((const xmlChar *)v)) {
			free(v);
			return;
		}
		j = xasprintf("%s%s", t->text, v);
		free(t->text);
		free(v);
		t->text = j;
		return;
	}
	t = xnode_new(parent, (int)xmlGetLineNo(xmlTextReaderCurrentNode(rd)));
	t->text = v;
}

/*
 * An element's end: in a dossier (no mixed content) the white space
 * between child elements goes, as copy_tree() leaves it out.
 */
static void
stream_close(struct xnode *n)
{
	struct xnode	*c, *prev = NULL, *next;
	int		 elems = 0;

	for (c = n->child; c != NULL; c = c->next)
		if (c->name != NULL)
			elems = 1;
	if (!elems)
		return;
	n->last = NULL;
	for (c = n->child; c != NULL; c = next) {
		next = c->next;
		if (c->name == NULL && blank((const xmlChar *)c->text)) {
			if (prev == NULL)
				n->child = next;
			else
				prev->next = next;
			c->next = NULL;
			xnode_free(c);
			continue;
		}
		prev = c;
		n->last = c;
	}
}

int
xml_parse_valid(struct xml *x, const char *bytes, size_t len,
    const char *url, const char *ns, const char *root,
    int (*take)(void *, struct xnode *), void *arg, struct xml_result *res)
{
	xmlTextReaderPtr	 rd;
	xmlSchemaValidCtxtPtr	 vc = NULL;
	struct xnode		*cur = NULL, *n, *before = NULL;
	const xmlChar		*name, *uri;
	size_t			 acap;
	int			 bad = 0, type, depth = 0, ret = -1, empty;

	memset(res, 0, sizeof(*res));
	if (x->schema == NULL || len > INT32_MAX ||
	    (rd = xmlReaderForMemory(bytes, (int)len, url, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOWARNING)) == NULL)
		return -1;
	xmlTextReaderSetStructuredErrorHandler(rd, stream_error, &bad);
	if ((vc = xmlSchemaNewValidCtxt(x->schema)) == NULL ||
	    (xmlSchemaSetValidStructuredErrors(vc, stream_error, &bad),
	    xmlTextReaderSchemaValidateCtxt(rd, vc, 0)) != 0)
		bad = 1;
	while (!bad && (ret = xmlTextReaderRead(rd)) == 1) {
		type = xmlTextReaderNodeType(rd);
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			empty = xmlTextReaderIsEmptyElement(rd);
			name = xmlTextReaderConstLocalName(rd);
			uri = xmlTextReaderConstNamespaceUri(rd);
			if (++depth > MAX_DEPTH || name == NULL ||
			    (cur == NULL && ((root != NULL &&
			    strcmp((const char *)name, root) != 0) ||
			    (ns != NULL && (uri == NULL ||
			    strcmp((const char *)uri, ns) != 0))))) {
				bad = 1;
				break;
			}
			if (depth == 2)
				before = cur->last;
			n = xnode_new(cur, (int)xmlGetLineNo(
			    xmlTextReaderCurrentNode(rd)));
			n->name = xstrdup((const char *)name);
			n->ns = uri != NULL ? xstrdup((const char *)uri) :
			    cur == NULL ? xstrdup("") : NULL;
			if (cur == NULL)
				res->root = n;
			acap = 0;
			while (xmlTextReaderMoveToNextAttribute(rd) == 1) {
				const xmlChar *v = xmlTextReaderConstValue(rd);

				if (xmlTextReaderIsNamespaceDecl(rd))
					continue;
				n->attrs = xgrow(n->attrs, &acap,
				    n->nattrs + 1, sizeof(*n->attrs));
				n->attrs[n->nattrs].name = xstrdup((const char *)
				    xmlTextReaderConstLocalName(rd));
				n->attrs[n->nattrs++].value = v == NULL ?
				    xstrdup("") : enc_nfc((const char *)v,
				    strlen((const char *)v));
			}
			cur = n;
			if (!empty)
				break;
			/* FALLTHROUGH */
		case XML_READER_TYPE_END_ELEMENT:
			stream_close(cur);
			n = cur;
			cur = cur->parent;
			if (--depth == 1 && take != NULL && take(arg, n)) {
				/* Taken: off the tree, the caller's now. */
				if (before == NULL)
					cur->child = NULL;
				else
					before->next = NULL;
				cur->last = before;
			}
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			if (cur != NULL)
				stream_text(rd, cur);
			break;
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
			bad = 1;
			break;
		default:	/* comments, processing instructions */
			break;
		}
	}
	if (bad || ret != 0 || res->root == NULL || cur != NULL ||
	    xmlTextReaderIsValid(rd) != 1)
		bad = 1;
	xmlFreeTextReader(rd);
	if (vc != NULL)
		xmlSchemaFreeValidCtxt(vc);
	if (bad) {
		xnode_free(res->root);
		res->root = NULL;
		return -1;
	}
	return 0;
}

int
xml_load_file(struct xml *x, const char *path, const char *ns,
    const char *root, struct diag *d, size_t f, struct xml_result *res)
{
	char		*bytes;
	size_t		 len;

	memset(res, 0, sizeof(*res));
	if ((bytes = input_config(path, d, f, &len)) == NULL)
		return -1;
	xml_parse(x, bytes, len, path, ns, root, 0, d, f, res);
	free(bytes);
	return 0;
}

void
xnode_free(struct xnode *n)
{
	struct xnode	*c, *next;
	size_t		 i;

	while (n != NULL) {
		for (c = n->child; c != NULL; c = next) {
			next = c->next;
			c->next = NULL;
			xnode_free(c);
		}
		for (i = 0; i < n->nattrs; i++) {
			free(n->attrs[i].name);
			free(n->attrs[i].value);
		}
		free(n->attrs);
		free(n->name);
		free(n->ns);
		free(n->text);
		next = n->next;
		free(n);
		n = next;
	}
}

void
xml_result_free(struct xml_result *r)
{
	size_t	 i;

	xnode_free(r->root);
	for (i = 0; i < r->nerrs; i++) {
		free(r->errs[i].elem);
		free(r->errs[i].attr);
		free(r->errs[i].value);
		free(r->errs[i].expected);
		free(r->errs[i].detail);
	}
	free(r->errs);
	memset(r, 0, sizeof(*r));
}

const char *
xnode_attr(const struct xnode *n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n->nattrs; i++)
		if (strcmp(n->attrs[i].name, name) == 0)
			return n->attrs[i].value;
	return NULL;
}

struct xnode *
xnode_next(const struct xnode *n, const char *name)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->name != NULL && (name == NULL ||
		    strcmp(n->name, name) == 0))
			return (struct xnode *)n;
	return NULL;
}

struct xnode *
xnode_child(const struct xnode *n, const char *name)
{
	struct xnode	*c = n->child;

	if (c == NULL)
		return NULL;
	if (c->name != NULL && (name == NULL || strcmp(c->name, name) == 0))
		return c;
	return xnode_next(c, name);
}

static void
text_into(const struct xnode *n, struct buf *b)
{
	const struct xnode	*c;

	for (c = n->child; c != NULL; c = c->next) {
		if (c->name == NULL)
			buf_adds(b, c->text);
		else
			text_into(c, b);
	}
}

char *
xnode_text(const struct xnode *n)
{
	struct buf	 b = BUF_INIT;

	text_into(n, &b);
	return buf_detach(&b);
}
