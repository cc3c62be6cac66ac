/*
 * xml_in.h: reading XML files safely into a small tree of our own.  The
 * only module that uses libxml2; included by the loaders of dossiers,
 * plans and templates, which never see a libxml2 type.
 */

#include <stddef.h>

struct diag;

struct xattr {
	char		*name;		/* local name */
	char		*value;		/* NFC UTF-8, as written */
};

/* An element, or a run of text (name == NULL). */
struct xnode {
	char		*name;		/* local name; NULL for text */
	char		*ns;		/* namespace URI, or NULL */
	char		*text;		/* text: NFC UTF-8, as written */
	struct xattr	*attrs;
	size_t		 nattrs;
	struct xnode	*parent;
	struct xnode	*child;		/* first child */
	struct xnode	*last;		/* last child */
	struct xnode	*next;		/* next sibling */
	int		 line;
};

/* A finding of schema validation, for the caller to put in its words. */
enum xerr_kind {
	XE_UNEXPECTED,		/* element not allowed here */
	XE_MISSING,		/* required child element missing */
	XE_ATTR_UNKNOWN,	/* attribute not allowed */
	XE_ATTR_MISSING,	/* required attribute missing */
	XE_VALUE,		/* value does not fit its type */
	XE_TEXT,		/* text where only elements may stand */
	XE_OTHER
};

struct xerr {
	enum xerr_kind	 kind;
	int		 line;
	char		*elem;		/* element's local name */
	char		*attr;		/* attribute's name, or NULL */
	char		*value;		/* offending value, or NULL */
	char		*expected;	/* "a, b" (names or values), or NULL */
	char		*detail;	/* the parser's own text */
};

struct xml;

/* A parser context; NULL never (memory exhaustion exits). */
struct xml	*xml_new(void);
void		 xml_free(struct xml *);
/*
 * Load the XSD that xml_parse validates against.  Returns 0, or -1 with
 * a new message in *err (the caller frees it).
 */
int		 xml_schema(struct xml *, const char *xsd_path, char **err);

struct xml_result {
	struct xnode	*root;		/* NULL if not well formed */
	struct xerr	*errs;		/* schema findings */
	size_t		 nerrs;
};

/*
 * Parse len bytes of the file url.  Problems of form (not well formed,
 * DTD, depth, wrong root) are reported on diag file f; schema findings
 * (when validate is set and a schema is loaded) are returned in res for
 * the caller to word.  The root must be the element root in namespace ns.
 * The caller frees res with xml_result_free.
 */
void		 xml_parse(struct xml *, const char *bytes, size_t len,
		    const char *url, const char *ns, const char *root,
		    int validate, struct diag *, size_t f,
		    struct xml_result *res);
void		 xml_result_free(struct xml_result *);
/*
 * The fast way for a document that is right: parse len bytes of url as a
 * stream, validating against the schema as it goes, without a DOM.  Each
 * child element of the root, once complete, is offered to take (if not
 * NULL) in document order; take returns 1 to keep it (it is then off the
 * tree and take's to free with xnode_free()), 0 to leave it on the tree.
 * Returns 0 with the tree in res->root if the document is well formed,
 * has no DTD, is valid against the schema, has root in ns and keeps
 * within the limits; else -1 with res empty and nothing reported: the
 * caller then undoes what take did and calls xml_parse(), which reports
 * every problem in its words.
 */
int		 xml_parse_valid(struct xml *, const char *bytes, size_t len,
		    const char *url, const char *ns, const char *root,
		    int (*take)(void *, struct xnode *), void *arg,
		    struct xml_result *res);
/*
 * Read a configuration file at path (a plan, template, font or printer
 * configuration; at most INPUT_CONFIG_MAX_MB MiB, a regular file) and parse
 * it as xml_parse does, without schema.  Returns 0, or -1 when the file
 * cannot be read (a system error) or is too large (limit-size on diag
 * file f), reported.
 */
int		 xml_load_file(struct xml *, const char *path, const char *ns,
		    const char *root, struct diag *, size_t f,
		    struct xml_result *);

/* Free a tree (siblings of the root included). */
void		 xnode_free(struct xnode *);
/* Value of attribute name, or NULL. */
const char	*xnode_attr(const struct xnode *, const char *name);
/* First element child (or next element sibling) named name (any: NULL). */
struct xnode	*xnode_child(const struct xnode *, const char *name);
struct xnode	*xnode_next(const struct xnode *, const char *name);
/* All the text inside the element, joined (new string). */
char		*xnode_text(const struct xnode *);
