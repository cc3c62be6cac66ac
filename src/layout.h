/*
 * layout.h: the layout engine — blocks (blocks.h) into positioned pages,
 * measuring text with the faces of font.h (or a test's fake measure) and
 * drawing through the backend's function table (backend.h), knowing
 * nothing of PDF.  Included by render.c and the tests, after backend.h
 * and font.h.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum lo_kind {
	LO_TEXT,	/* text with its baseline starting at (x, y) */
	LO_LINE,	/* from (x, y) to (x + w, y + h) */
	LO_RECT,	/* x, y bottom-left corner, w x h */
	LO_IMAGE	/* x, y bottom-left corner, w x h */
};

/* One drawing operation, in PDF coordinates (points, origin bottom-left). */
struct lo_op {
	enum lo_kind	 kind;
	double		 x, y, w, h;
	int		 font;		/* TEXT: the face (font.h) */
	double		 size;		/* TEXT */
	struct bk_rgb	 color;
	char		*text;		/* TEXT: UTF-8 */
	double		 stroke;	/* LINE, RECT */
	int		 filled;	/* RECT */
	char		*path;		/* IMAGE */
	const unsigned char *png;	/* IMAGE: its bytes (blocks.h) */
	size_t		 png_len;
};

struct lo_page {
	struct lo_op	*ops;
	size_t		 nops;
	size_t		 cap;
};

struct lo_result {
	double		 width, height;	/* of every page, pt */
	struct lo_page	*pages;
	size_t		 npages;
	size_t		 cap;
};

enum lo_errcode {
	LO_OK,
	LO_ERR_GLYPH,		/* a character the font has no glyph for */
	LO_ERR_WORD_WIDE,	/* a word wider than its line */
	LO_ERR_NO_FIT,		/* a paragraph that does not fit its box
				   even at its min_size */
	LO_ERR_TOO_TALL,	/* a table row or kept block taller than
				   a page */
	LO_ERR_PAGES,		/* more pages than LO_MAX_PAGES */
	LO_ERR_BACKEND		/* the backend failed (out of memory, a
				   write error): its message in text */
};

/* The pages one document (one expansion of a template) may have. */
#define LO_MAX_PAGES	2000

/* Why layout failed, and where the offending text came from. */
struct lo_error {
	enum lo_errcode	 code;
	const char	*field;		/* from the run, may be NULL */
	int		 line;		/* dossier line from the run, 0 if none */
	char		 text[256];	/* the word, the image path, or
					   the backend's message */
	uint32_t	 cp;		/* GLYPH: the code point */
	int		 font;		/* GLYPH: the face (font.h) */
	int		 over_lines;	/* NO_FIT: lines too many, 0 unknown */
	long		 over_chars;	/* NO_FIT: about so many characters
					   to cut, 0 unknown */
};

/*
 * Lay the document out into out (which the caller frees with
 * lo_result_free, also on failure).  Returns 0, or -1 with *err filled.
 */
int	 layout_run(const struct blk_doc *, const struct font_measure *,
	    struct lo_result *out, struct lo_error *err);
/*
 * The same, handing each page to ship(page, pageno, arg) as soon as it
 * is finished and freeing it after, so that memory does not grow with
 * the number of pages.  ship returns 0, or -1 having filled *err.
 */
int	 layout_stream(const struct blk_doc *, const struct font_measure *,
	    int (*ship)(struct lo_page *, int, void *), void *arg,
	    struct lo_error *err);
/* Draw one page (pageno from 1) through the backend. */
int	 layout_draw_page(const struct lo_page *, int pageno, double width,
	    double height, const struct bk_ops *, void *dev,
	    struct lo_error *err);
/*
 * The dump of one page (see layout_dump), naming the face fonts[k] "fk"
 * (the document's fonts, in the order it named them) and any other face
 * by its index.
 */
void	 layout_dump_page(const struct lo_page *, int pageno,
	    const int *fonts, size_t nfonts, FILE *);
/* Draw every page through the backend (page_begin, then the ops). */
int	 layout_draw(const struct lo_result *, const struct bk_ops *,
	    void *dev, struct lo_error *err);
/*
 * A text dump of the pages, one operation a line with coordinates to
 * 0.01 pt, for golden tests: "page 1", "text X Y FONT SIZE \"…\"", …
 */
void	 layout_dump(const struct lo_result *, FILE *);
void	 lo_result_free(struct lo_result *);
