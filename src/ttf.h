/*
 * ttf.h: TrueType font files read whole and cut down to a subset of their
 * glyphs for embedding.  Included by pdf.c and by tests; plain C types
 * only, no libharu header.
 */

#ifndef TTF_H
#define TTF_H

#include <stddef.h>
#include <stdint.h>

#define TTF_NCP		0x10000		/* code points a subset maps: the BMP */
#define TTF_USED_LEN	(TTF_NCP / 8)	/* bytes of a set of code points */

struct ttf;

/*
 * A subset made by ttf_subset_new().  gid has TTF_NCP entries: the new
 * glyph id of each code point of the set it was made from, 0 for the
 * others.
 */
struct ttf_subset {
	unsigned char	*data;		/* the TrueType font file */
	size_t		 len;		/* bytes of data */
	unsigned	 nglyphs;	/* .notdef (glyph 0) included */
	uint16_t	*gid;		/* code point to new glyph id */
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
 * A TrueType font holding .notdef and the glyphs of the code points in
 * used, with the components of composite glyphs at any depth, numbered
 * 0, 1, ... in the order of their glyph ids in t.  used has TTF_USED_LEN
 * bytes, a bit for each code point (U+0000 the high bit of the first
 * byte, which must be clear); glyph[c] is the glyph id in t of each code
 * point c in used (glyph has TTF_NCP entries, read only where used is
 * set).  Tables kept: head, hhea, maxp, loca, glyf, hmtx (one full metric
 * per glyph), a format 4 cmap of the code points in used (left out if it
 * would not fit), post format 3, and OS/2 as it is, with cvt, fpgm, prep
 * and gasp when built with PDF_SUBSET_HINTS=1; otherwise the glyphs lose
 * their TrueType instructions.  Neither t, used nor glyph is kept.
 * Returns NULL with a message in err if a table the subset needs is
 * missing or inconsistent, a code point in used has no glyph, a glyph
 * is corrupt, or memory runs out.  The caller frees the result with
 * ttf_subset_free().
 */
struct ttf_subset	*ttf_subset_new(const struct ttf *t,
			    const unsigned char *used, const uint16_t *glyph,
			    char *err, size_t errlen);

/*
 * Sets of code points (TTF_USED_LEN bytes, U+0000 the high bit of the
 * first byte): the first member from c on, or TTF_NCP if none; and the
 * next run of members from *c on, not crossing a multiple of 256 when
 * split is set, as 1 with the run in [*lo, *hi] and *c past it, or 0 when
 * there is none.  Both skip empty stretches a word at a time.
 */
uint32_t		 ttf_next(const unsigned char *used, uint32_t c);
int			 ttf_run(const unsigned char *used, uint32_t *c,
			    uint32_t *lo, uint32_t *hi, int split);

/* Frees s and its data and gid; s may be NULL. */
void			 ttf_subset_free(struct ttf_subset *s);

#endif /* !TTF_H */
