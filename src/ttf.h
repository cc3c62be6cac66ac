/*
 * ttf.h: TrueType font files read whole and cut down to a subset of their
 * glyphs for embedding.  Included by font.c, the PDF backend and tests; plain C types
 * only, no libharu header.
 */

#ifndef TTF_H
#define TTF_H

#include <stddef.h>
#include <stdint.h>

#define TTF_NCP		0x10000		/* code points of the BMP */

struct ttf;

/* A subset made by ttf_subset_new(). */
struct ttf_subset {
	unsigned char	*data;		/* the TrueType font file */
	size_t		 len;		/* bytes of data */
	unsigned	 nglyphs;	/* .notdef (glyph 0) included */
};

/*
 * The TrueType font file at path, read whole (at most 64 MiB) with its
 * table directory checked to lie inside it.  Returns NULL with a message
 * in err (errlen bytes) if the file cannot be opened or read, has no
 * usable size, is not a TrueType file, or memory runs out.  The caller
 * frees the result with ttf_free().
 */
struct ttf		*ttf_new(const char *path, char *err, size_t errlen);

/* Frees t; t may be NULL. */
void			 ttf_free(struct ttf *t);

/*
 * The table tag (4 characters) of t and its length in *len, or NULL if
 * the font lacks it or it lies outside the file.  The bytes belong to t.
 */
const unsigned char	*ttf_table(const struct ttf *t, const char *tag,
			    size_t *len);

/*
 * A TrueType font whose glyph 0 is .notdef and whose glyph i (1 <= i <=
 * n) is glyph glyphs[i - 1] of t (a glyph asked for twice is copied
 * twice), followed by the components of composite glyphs at any depth
 * that are not among them, renumbered in the composites.  Tables kept:
 * head, hhea, maxp, loca, glyf, hmtx (one full metric per glyph), post
 * format 3, and OS/2 as it is, with cvt, fpgm, prep and gasp when built
 * with PDF_SUBSET_HINTS=1; otherwise the glyphs lose their TrueType
 * instructions.  No cmap: a CIDFont reaches its glyphs by number.  Neither
 * t nor glyphs is kept.  Returns NULL with a message in err (errlen bytes)
 * if a table the subset needs is missing or inconsistent, a glyph id is 0
 * or not in t, a glyph is corrupt, or memory runs out.  The caller frees
 * the result with ttf_subset_free().
 */
struct ttf_subset	*ttf_subset_new(const struct ttf *t,
			    const uint16_t *glyphs, size_t n, char *err,
			    size_t errlen);

/* Frees s and its data; s may be NULL. */
void			 ttf_subset_free(struct ttf_subset *s);

#endif /* !TTF_H */
