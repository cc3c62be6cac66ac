/*
 * tpl_int.h: the compiled form of a template, shared by the four files
 * of the template language and by nothing else: template.c (loading, the
 * public API), tpl_compile.c (the body into operations), tpl_expand.c
 * (expansion into blocks) and tpl_field.c (field references and their
 * values).  Included after model.h, backend.h, blocks.h and template.h.
 */

struct xnode;

#define TPL_NS		"urn:khenthuong:template:1"
#define MM		(72.0 / 25.4)
#define MAX_VARS	16
#define MAX_STYLES	64

/*
 * The limits of a template's values, checked when it loads (see
 * templates/README.md), and of what one expansion may make.
 */
#define TPL_SIZE_MIN	4.0		/* a font size, pt */
#define TPL_SIZE_MAX	144.0
#define TPL_INDENT_MAX	(100 * MM)	/* a style's first-line indent */
#define TPL_SPACE_MAX	(200 * MM)	/* before, after, gap */
#define TPL_STROKE_MAX	20.0		/* a line's width, pt */
#define TPL_PAD_MAX	(20 * MM)	/* a table cell's padding */
#define TPL_AREA_MIN	(50 * MM)	/* the text area, each way */
#define TPL_MAX_COLUMNS	50		/* of a table or <columns> */
#define TPL_MAX_LINES	100		/* max-lines */
#define TPL_MAX_KEEP	20		/* with-previous */
#define TPL_MAX_NUMBER	1000		/* number-from */
#define TPL_MAX_IMAGES	8		/* distinct images of a template */
#define TPL_MAX_NODES	200000		/* blocks, runs and cells a document */

struct style {
	char		*name;
	char		*paths[4];	/* enum font_style: the face files */
	double		 size;
	struct bk_rgb	 color;
	enum blk_align	 align;
	double		 indent, before, after, leading;
	double		 min_size;
	int		 max_lines;
	int		 upper;
	int		 bold, italic;
	int		 keep_next;	/* a heading: on the page of what follows */
};

/* An image of the template: its bytes as read and checked at load. */
struct tpl_image {
	char		*src;		/* as the template writes it */
	char		*path;		/* beside the template, or absolute */
	unsigned char	*bytes;
	size_t		 len;
};

/* The kinds of object a field path walks through. */
enum otype {
	O_ROOT,
	O_NOMINEE,
	O_MEMBER,
	O_SECTION,
	O_AWARD,
	O_TEXT,
	O_MEETING,
	O_DECISION
};

/* What a loop variable offers of its own. */
enum tpl_vfield {
	TV_NONE,		/* a field of its item */
	TV_SEQ,
	TV_PUNCT,
	TV_LAST,
	TV_FIRST
};

/* The steps from an object to one inside it (tpl_field.c). */
enum tpl_sub {
	TS_MEETING,
	TS_DECISION,
	TS_CHAIR,
	TS_SECRETARY
};

#define TPL_MAX_SUBS	2

/* A field path resolved at load: where it starts and what it reads. */
struct tpl_ref {
	int		 var;		/* loop variable's index, -1: dossier */
	enum tpl_vfield	 vf;
	enum tpl_sub	 subs[TPL_MAX_SUBS];
	size_t		 nsubs;
	enum otype	 type;		/* of the object the leaf is in */
	int		 field;		/* enum field (fields.in), or -1: ... */
	int		 leaf;		/* a value of tpl_field.c's of type */
	int		 list;		/* the value is a list ... */
	enum otype	 itype;		/* ... of these */
};

enum tpl_filter {
	TF_UPPER,
	TF_LONG_DATE,
	TF_DATE,
	TF_DAY,
	TF_MONTH,
	TF_YEAR,
	TF_TIME,
	TF_PAD2,
	TF_ROMAN
};

/* A {path|filter|…} of the template. */
struct tpl_expr {
	struct tpl_ref	 ref;
	enum tpl_filter	*filters;
	size_t		 nfilters;
	const char	*name;		/* the element read, for messages */
};

/* A piece of text: literal, or a field. */
struct tpl_piece {
	char		*lit;		/* NULL: ex */
	struct tpl_expr	 ex;
};

struct tpl_text {
	struct tpl_piece *p;
	size_t		 n;
};

/* A test of <if>: "path", "!path", "path=value", "path!=value". */
struct tpl_test {
	struct tpl_ref	 ref;
	int		 neg, ne;
	char		*value;		/* NULL: is it there */
};

/* The elements of the language, and text. */
enum tpl_kind {
	TK_TEXT,		/* text of a paragraph */
	TK_BLANK,		/* white space between blocks: counted only */
	TK_FOR,
	TK_IF,
	TK_B,
	TK_I,
	TK_SPAN,
	TK_CALVAL,		/* <calibration of="…"/>: a value of the sheet */
	TK_ROW,
	TK_CELL,
	TK_COLUMN,
	TK_P,
	TK_RULE,
	TK_SPACE,
	TK_PAGEBREAK,
	TK_KEEP,
	TK_COLUMNS,
	TK_TABLE,
	TK_BOX,
	TK_RECT,
	TK_LINE,
	TK_IMAGE,
	TK_GRID,		/* lines across the page, numbered */
	TK_MARKS		/* the certificate's boxes, moved by the printer */
};

/* What <calibration of="…"/> writes (struct tpl_calib, template.h). */
enum tpl_calval {
	TC_TITLE,		/* the certificate's calibration-title */
	TC_PRINTER,		/* the profile's name */
	TC_X,			/* its offsets in mm, one decimal */
	TC_Y
};

#define TPL_GRID_MIN	(1 * MM)	/* a grid's step */
#define TPL_GRID_MAJOR	100		/* every n-th line of a grid */

/* A compiled element; the fields each kind uses are said beside them. */
struct tpl_op {
	enum tpl_kind	 kind;
	int		 line;
	int		 preprinted;	/* not drawn on blank stock */
	struct tpl_op	*child;		/* first child */
	struct tpl_op	*next;
	struct tpl_text	 text;		/* TEXT */
	struct tpl_test	 test;		/* IF */
	/* FOR: the list, its variable, a kind of nominee (-1: any). */
	struct tpl_ref	 each;
	int		 collective;
	int		 indep;		/* a list of the dossier's */
	char		*punct, *punct_last;
	int		 style;		/* P, SPAN, CELL, GRID: -1 the enclosing */
	int		 align;		/* P, CELL: -1 the style's */
	int		 blocks;	/* CELL: holds blocks, not text */
	enum blk_valign	 valign;	/* BOX, CELL */
	double		 x, y, w, h;	/* BOX, RECT, LINE, IMAGE */
	double		 fx, fy, fw, fh; /* BOX: shares of the page's width
					   or height added to x, y, w, h */
	double		 stroke;	/* RECT, LINE, GRID, MARKS; RULE: width */
	struct bk_rgb	 color;		/* RECT, LINE, MARKS */
	int		 fill;		/* RECT */
	int		 header;	/* ROW */
	enum blk_rulelen rule_kind;	/* RULE */
	double		 rule_len, gap;
	double		 height;	/* SPACE */
	double		 frac;		/* COLUMN */
	int		 keep;		/* KEEP: with-previous */
	double		*widths;	/* TABLE: fractions, TPL_MAX_COLUMNS */
	size_t		 ncols;
	double		 border, pad;
	int		 image;		/* IMAGE: index; in flow without x */
	int		 in_flow;
	/* GRID: a line every step from the top-left corner, every major-th
	   one stroke2 wide and numbered (its distance in mm, in style, in a
	   box label_w wide at label_off from the line and the edge); gray
	   and gray2 the lines' grey (0 black, 1 white).  MARKS: an outline
	   stroke wide, a cross of arms arm long and stroke2 wide. */
	double		 step, stroke2, gray, gray2, label_off, label_w, arm;
	int		 major;
	enum tpl_calval	 calval;	/* CALVAL */
};

/* A root attribute: as written, and compiled for template_meta. */
struct tpl_attr {
	char		*name;
	char		*value;
	struct tpl_text	 text;
};

struct template {
	char		*path;
	size_t		 file;		/* its diag file */
	char		*dir;		/* for images */
	struct tpl_image images[TPL_MAX_IMAGES];
	size_t		 nimages;
	char		*name;
	enum tpl_per	 per;
	struct blk_page	 page;
	int		 number_style;	/* style index */
	struct style	 styles[MAX_STYLES];
	size_t		 nstyles;
	struct tpl_attr	*attrs;		/* of the root */
	size_t		 nattrs;
	struct tpl_op	*body;
	struct tpl_op	*every_page;
	char		**fields;	/* expression, element: for messages */
	size_t		 nfields;
};

/* A value of a field. */
struct val {
	int		 list;
	char		*s;		/* scalar, NULL when empty */
	int		 line;
	enum otype	 itype;		/* list */
	const void	*items;
	size_t		 n;
	size_t		 stride;
};

struct var {
	const char	*name;		/* while compiling */
	const char	*each;		/* the list it runs over (compiling) */
	enum otype	 type;
	const void	*obj;
	size_t		 index, count;
	const char	*punct, *punct_last;
};

/* The loop variables in scope; c is NULL while compiling. */
struct env {
	const struct tpl_ctx	*c;
	const struct template	*t;
	struct var		 vars[MAX_VARS];
	size_t			 nvars;
};

/* What compiling a template carries: where errors go, what is made. */
struct chk {
	struct diag	*d;
	size_t		 f;
	struct template	*t;
	const struct fonts *fonts;
	size_t		 ncols;		/* of the table being checked */
};

/* Where an element stands, which says what may be inside it. */
enum ctxkind {
	CX_BLOCK,	/* body, column, keep, box, cell with blocks */
	CX_INLINE,	/* inside p */
	CX_TABLE,	/* inside table: rows */
	CX_ROW,		/* inside row: cells */
	CX_COLUMNS	/* inside columns: column */
};

/* Flags of tpl_range_length: more than 0; said in pt (else mm). */
#define R_POSITIVE	1
#define R_PT		2

/* template.c: reading attributes while compiling. */
void	 tpl_attrs_ok(struct chk *, const struct xnode *, const char *);
double	 tpl_length(const char *);
double	 tpl_attr_len(const struct xnode *, const char *, double);
double	 tpl_range_length(struct chk *, const struct xnode *, const char *,
	    double, double, double, int);
int	 tpl_range_int(struct chk *, const struct xnode *, const char *, int,
	    int, int);
void	 tpl_check_yesno(struct chk *, const struct xnode *, const char *);
int	 tpl_number(const char *, double *);
int	 tpl_color(const char *, struct bk_rgb *);
int	 tpl_yes(const char *);
int	 tpl_style_find(const struct template *, const char *);
int	 tpl_word(const char *, const char *const *, size_t);
int	 tpl_align(const char *, enum blk_align *);

/* tpl_compile.c */
struct tpl_op *tpl_compile_children(struct chk *, struct env *,
	    const struct xnode *, enum ctxkind);
void	 tpl_check_text(struct chk *, struct env *, const char *, int);
void	 tpl_meta_split(struct tpl_text *, const struct env *, const char *);
void	 tpl_ops_free(struct tpl_op *);
void	 tpl_text_free(struct tpl_text *);

/* tpl_field.c */
int	 tf_path(const struct env *, const char *, size_t, struct tpl_ref *);
int	 tf_get(const struct env *, const struct tpl_ref *, struct val *);
int	 tf_expr(const struct env *, const char *, size_t, struct tpl_expr *,
	    char *, size_t);
void	 tf_expr_free(struct tpl_expr *);
int	 tf_eval(const struct env *, const struct tpl_expr *, char **,
	    int *);
int	 tf_test(const struct env *, const char *, struct tpl_test *);
int	 tf_test_eval(const struct env *, const struct tpl_test *);
int	 tf_test_draft(const struct tpl_test *);
char	*tf_canonical(const struct env *, const char *, size_t);
void	 tf_text(const struct env *, const struct tpl_text *, struct buf *);
