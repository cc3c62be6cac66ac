/*
 * blocks.h: a document as the template interpreter produces it and the
 * layout engine consumes it — paragraphs of styled runs, rules, tables,
 * columns, keep-together groups and absolutely placed boxes, with every
 * length in points and every text final (fields filled in, upper-cased,
 * dates written out).  Nothing here knows the model, a template file or
 * a PDF.  Included by template.c, layout.c and render.c.
 *
 * Coordinates of absolute things (boxes, shapes, images) are measured in
 * points from the TOP-LEFT corner of the page, y growing downwards, as a
 * designer measures a sheet; the layout engine converts.
 */

#include <stddef.h>

enum blk_align {
	ALIGN_LEFT,
	ALIGN_CENTER,
	ALIGN_RIGHT,
	ALIGN_JUSTIFY		/* last line of a paragraph: left */
};

enum blk_valign {
	VALIGN_TOP,
	VALIGN_MIDDLE,
	VALIGN_BOTTOM
};

/*
 * A run of text in one font.  field and line say where the text came
 * from (the template field and the dossier line), so that a word too wide
 * for its line or a field that does not fit its box can be reported;
 * field is NULL for the template's own words.
 */
struct blk_run {
	char		*text;		/* UTF-8 NFC; may hold spaces */
	int		 font;		/* face index in the face set (font.h) */
	double		 size;		/* pt */
	struct bk_rgb	 color;
	const char	*field;		/* e.g. "nominee.name" or NULL */
	int		 line;		/* dossier line, 0 if none */
};

enum blk_kind {
	BLK_PARA,	/* a paragraph of runs */
	BLK_RULE,	/* a drawn horizontal line */
	BLK_SPACE,	/* vertical space */
	BLK_KEEP,	/* children kept on one page if at all possible */
	BLK_COLUMNS,	/* children are BLK_COLUMN, side by side */
	BLK_COLUMN,	/* a column of blocks, width a fraction of the row */
	BLK_TABLE,	/* rows of cells */
	BLK_PAGEBREAK,
	BLK_BOX,	/* absolutely placed frame of blocks */
	BLK_SHAPE,	/* absolutely placed line or rectangle */
	BLK_IMAGE	/* a PNG, absolutely placed or in the flow */
};

enum blk_rulelen {
	RULE_TEXT,	/* len * width of the previous paragraph's text
			   (its last line), centred on it */
	RULE_SPAN,	/* len * width available (column or text area) */
	RULE_ABS	/* len points */
};

struct blk_table;

struct blk {
	enum blk_kind	 kind;
	struct blk	*next;		/* next sibling */
	struct blk	*child;		/* KEEP, COLUMNS, COLUMN, BOX */

	/* BLK_PARA */
	struct blk_run	*runs;
	size_t		 nruns;
	enum blk_align	 align;
	double		 indent;	/* first line, pt */
	double		 before;	/* space above, pt */
	double		 after;		/* space below, pt */
	double		 leading;	/* line height / font size, 1.0 .. 1.5 */
	double		 min_size;	/* auto-shrink floor (pt), 0: never */
	int		 max_lines;	/* with min_size: lines allowed, 0: any */
	int		 keep_next;	/* on one page with the first two lines
					   of the paragraph after it */

	/* BLK_RULE */
	enum blk_rulelen rule_len_kind;
	double		 rule_len;	/* fraction or points, see above */
	double		 rule_width;	/* stroke, pt */
	double		 rule_gap;	/* below the previous baseline, pt */

	/* BLK_SPACE */
	double		 height;

	/* BLK_KEEP: the last keep_lines lines of the paragraph just before
	   go to the next page with the group (a signature block never
	   stands alone) */
	int		 keep_lines;

	/* BLK_COLUMN: fraction of the row's width (0..1) */
	double		 width_frac;

	/* BLK_TABLE */
	struct blk_table *table;

	/* BLK_BOX, BLK_SHAPE, BLK_IMAGE: from the page's top-left corner */
	double		 x, y, w, h;
	enum blk_valign	 valign;	/* BOX */
	int		 rect;		/* SHAPE: 1 rectangle, 0 line x,y-x+w,y+h */
	int		 filled;	/* SHAPE rect: filled, else stroked */
	double		 stroke;	/* SHAPE: line width */
	struct bk_rgb	 color;		/* SHAPE */
	char		*path;		/* IMAGE: PNG file, for messages */
	const unsigned char *png;	/* IMAGE: its bytes, checked (png_in.h),
					   the template's */
	size_t		 png_len;
	int		 in_flow;	/* IMAGE: in the flow, centred, w x h */
};

/* A cell: a chain of blocks in its column. */
struct blk_cell {
	struct blk	*child;
	enum blk_valign	 valign;
};

struct blk_row {
	struct blk_cell	*cells;		/* ncols of them */
	int		 header;	/* repeated at the top of each page */
};

struct blk_table {
	size_t		 ncols;
	double		*widths;	/* fractions of the text width, sum 1 */
	struct blk_row	*rows;
	size_t		 nrows;
	double		 border;	/* grid line width, pt; 0: none */
	double		 pad;		/* cell padding, pt */
};

/* The page and what repeats on it. */
struct blk_page {
	double		 width, height;			/* pt */
	double		 top, bottom, left, right;	/* margins, pt */
	/* Page numbers centred in the top margin, from page `from' on. */
	int		 number_from;			/* 0: none */
	int		 number_font;			/* a face (font.h) */
	double		 number_size;
	/* Everything drawn moved by (shift_x, shift_y), pt, y down: a
	   printer's offsets on pre-printed blanks.  0, 0: none. */
	double		 shift_x, shift_y;
};

struct phrases;

struct blk_doc {
	struct blk_page	 page;
	/* Phrases a centred line never breaks inside (phrases.h), not
	   owned; NULL: none. */
	const struct phrases *phrases;
	struct blk	*body;		/* the flow, page after page */
	struct blk	*every_page;	/* BOX/SHAPE/IMAGE drawn on each page */
};

struct blk	*blk_new(enum blk_kind);
/* Free a chain of blocks (siblings and children). */
void		 blk_free(struct blk *);
void		 blk_doc_free(struct blk_doc *);
/* Append a run to a paragraph (text is copied). */
void		 blk_add_run(struct blk *, const char *text, int font,
		    double size, struct bk_rgb color, const char *field,
		    int line);
