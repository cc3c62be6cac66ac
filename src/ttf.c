/*
 * ttf.c: owns the reading of TrueType font files and the building of the
 * subsets embedded in our PDFs: the glyphs drawn and their components,
 * renumbered, in a new font file.
 *
 * The subset has no TrueType hinting unless PDF_SUBSET_HINTS is 1: viewers
 * render embedded fonts unhinted, and the hinting is half of a subset's
 * size.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "mem.h"
#include "ttf.h"

#if defined(__GNUC__)
#define PRINTFLIKE(f, a)	__attribute__((format(printf, f, a)))
#else
#define PRINTFLIKE(f, a)
#endif

#define TTF_FILE_MAX	(64L << 20)	/* bytes of a font file to subset */
#ifndef PDF_SUBSET_HINTS
#define PDF_SUBSET_HINTS 0		/* 1: keep the TrueType hinting */
#endif

/* A TrueType font file, read whole. */
struct ttf {
	unsigned char	*buf;
	size_t		 len;
};

/* A table of the subset, in the order of its tag. */
struct tab {
	char		 tag[5];
	const unsigned char *data;
	size_t		 len;
};

static void	 seterr(char *, size_t, const char *, ...) PRINTFLIKE(3, 4);
static unsigned	 rd16(const unsigned char *);
static uint32_t	 rd32(const unsigned char *);
static void	 wr16(unsigned char *, unsigned);
static void	 wr32(unsigned char *, uint32_t);
static void	 buf_16(struct buf *, unsigned);
static void	 buf_32(struct buf *, uint32_t);
static int	 glyf_component(const unsigned char *, size_t, size_t *,
		    size_t *, size_t *);
#if !PDF_SUBSET_HINTS
static size_t	 glyf_unhint(unsigned char *, size_t);
#endif
static int	 tab_cmp(const void *, const void *);
static uint32_t	 checksum(const unsigned char *, size_t);
struct sub;
static int	 sub_tables(const struct ttf *, struct sub *, char *, size_t);
static int	 sub_components(struct sub *, char *, size_t);
static int	 sub_glyphs(struct sub *, const uint16_t *, size_t, char *,
		    size_t);
static void	 sub_build(struct sub *);
static void	 sub_write(struct tab *, size_t, struct buf *);
static void	 tab_add(struct tab *, size_t *, const char *, const void *,
		    size_t);
static void	 sub_file(const struct ttf *, const struct sub *,
		    struct buf *);

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static unsigned
rd16(const unsigned char *b)
{
	return (unsigned)b[0] << 8 | b[1];
}

static uint32_t
rd32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static void
wr16(unsigned char *b, unsigned v)
{
	b[0] = (unsigned char)(v >> 8);
	b[1] = (unsigned char)v;
}

static void
wr32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

static void
buf_16(struct buf *b, unsigned v)
{
	unsigned char	 d[2];

	wr16(d, v);
	buf_add(b, (const char *)d, 2);
}

static void
buf_32(struct buf *b, uint32_t v)
{
	unsigned char	 d[4];

	wr32(d, v);
	buf_add(b, (const char *)d, 4);
}

struct ttf *
ttf_new(const char *path, char *err, size_t errlen)
{
	struct ttf	*t;
	enum input_err	 why;
	size_t		 len;
	long		 n;

	if ((t = calloc(1, sizeof(*t))) == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	if ((t->buf = (unsigned char *)input_slurp(path, TTF_FILE_MAX, &len,
	    &why)) == NULL) {
		seterr(err, errlen, why == INPUT_OPEN ? "cannot open it again: "
		    "%s" : why == INPUT_ERRNO ? "cannot read it again: %s" :
		    why == INPUT_TOO_LARGE ? "over 64 MiB%s" :
		    "not a regular file%s", why == INPUT_OPEN ||
		    why == INPUT_ERRNO ? strerror(errno) : "");
		goto fail;
	}
	if (len < 12) {
		seterr(err, errlen, "not a TrueType file of a usable size");
		goto fail;
	}
	n = (long)len;
	t->len = (size_t)n;
	if (rd32(t->buf) != 0x00010000 && memcmp(t->buf, "true", 4) != 0) {
		seterr(err, errlen, "not a TrueType font file");
		goto fail;
	}
	if (12 + 16 * (size_t)rd16(t->buf + 4) > t->len) {
		seterr(err, errlen, "truncated table directory");
		goto fail;
	}
	return t;
fail:
	ttf_free(t);
	return NULL;
}

void
ttf_free(struct ttf *t)
{
	if (t == NULL)
		return;
	free(t->buf);
	free(t);
}

const unsigned char *
ttf_table(const struct ttf *t, const char *tag, size_t *len)
{
	const unsigned char	*d;
	unsigned		 i, n = rd16(t->buf + 4);
	uint32_t		 off, l;

	for (i = 0; i < n; i++) {
		d = t->buf + 12 + 16 * (size_t)i;
		if (memcmp(d, tag, 4) != 0)
			continue;
		off = rd32(d + 8);
		l = rd32(d + 12);
		if (off > t->len || l > t->len - off)
			return NULL;
		*len = l;
		return t->buf + off;
	}
	return NULL;
}

/*
 * Steps through the components of the composite glyph g (n bytes); *at is
 * 10 at the first call.  Returns 1 with *gidpos the offset of the next
 * component's glyph index and *end that of the end of its record, 0 after
 * the last one (*at is then 0), -1 if the glyph is corrupt.
 */
static int
glyf_component(const unsigned char *g, size_t n, size_t *at, size_t *gidpos,
    size_t *end)
{
	unsigned	 fl;
	size_t		 a = *at, need;

	if (a == 0)
		return 0;
	if (a + 4 > n)
		return -1;
	fl = rd16(g + a);
	need = 4 + ((fl & 0x0001) ? 4 : 2);	/* ARG_1_AND_2_ARE_WORDS */
	if (fl & 0x0008)			/* WE_HAVE_A_SCALE */
		need += 2;
	else if (fl & 0x0040)			/* WE_HAVE_AN_X_AND_Y_SCALE */
		need += 4;
	else if (fl & 0x0080)			/* WE_HAVE_A_TWO_BY_TWO */
		need += 8;
	if (a + need > n)
		return -1;
	*gidpos = a + 2;
	*end = a + need;
	*at = (fl & 0x0020) ? a + need : 0;	/* MORE_COMPONENTS */
	return 1;
}

#if !PDF_SUBSET_HINTS
/*
 * Drops the instructions of the glyph g (n bytes, checked by
 * glyf_component() if composite) in place.  Returns its new length; a
 * simple glyph whose instructions overrun it is left as it is.
 */
static size_t
glyf_unhint(unsigned char *g, size_t n)
{
	size_t	 at, gp, end, fl = 0, h, il, npts, i, xy, rep;

	if ((rd16(g) & 0x8000) != 0) {
		for (at = 10; glyf_component(g, n, &at, &gp, &end) == 1; )
			fl = gp - 2;
		if (fl == 0 || (rd16(g + fl) & 0x0100) == 0)
			return n;
		wr16(g + fl, rd16(g + fl) & ~0x0100U);	/* no instructions */
		return end;
	}
	h = 10 + 2 * (size_t)rd16(g);	/* past endPtsOfContours */
	if (h + 2 > n || h + 2 + (il = rd16(g + h)) > n)
		return n;
	memmove(g + h + 2, g + h + 2 + il, n - (h + 2 + il));
	wr16(g + h, 0);
	n -= il;

	/* The old padding goes too: the end is past the coordinates. */
	npts = rd16(g) == 0 ? 0 : rd16(g + h - 2) + 1;
	for (at = h + 2, i = xy = 0; i < npts; i += rep) {
		if (at >= n)
			return n;
		fl = g[at++];
		rep = 1;
		if (fl & 0x08) {		/* REPEAT_FLAG */
			if (at >= n)
				return n;
			rep += g[at++];
		}
		xy += rep * ((fl & 0x02) ? 1 : (fl & 0x10) ? 0 : 2);
		xy += rep * ((fl & 0x04) ? 1 : (fl & 0x20) ? 0 : 2);
	}
	return at + xy <= n ? at + xy : n;
}
#endif

/* Orders tables by tag, for the directory. */
static int
tab_cmp(const void *a, const void *b)
{
	return memcmp(((const struct tab *)a)->tag,
	    ((const struct tab *)b)->tag, 4);
}

/* The sum of d as big-endian 32-bit words, zero-padded (a table checksum). */
static uint32_t
checksum(const unsigned char *d, size_t n)
{
	uint32_t	 s = 0, w;
	size_t		 i, k;

	for (i = 0; i < n; i += 4) {
		w = 0;
		for (k = 0; k < 4; k++)
			w = w << 8 | (i + k < n ? d[i + k] : 0);
		s += w;
	}
	return s;
}

/* What ttf_subset_new() reads from the font and builds on the way. */
struct sub {
	const unsigned char *head, *hhea, *maxp, *loca, *glyf, *hmtx;
	size_t		 headl, hheal, maxpl, local, glyfl, hmtxl;
	unsigned	 ng, nhm;	/* glyphs and long metrics of the font */
	unsigned char	*seen;		/* ng: glyph taken */
	uint16_t	*o2n;		/* ng: its number in the subset */
	uint16_t	*n2o;		/* k: the font's glyph of each */
	uint32_t	*off;		/* ng + 1: loca of the font */
	uint32_t	*noff;		/* k: offsets in the new glyf */
	size_t		 k;		/* glyphs of the subset */
	int		 shortloc;
	struct buf	 nglyf, nloca, nhmtx;
};

/*
 * The tables the subset is made from, checked to agree on the number of
 * glyphs.  Returns 0, or -1 with a message in err.
 */
static int
sub_tables(const struct ttf *t, struct sub *s, char *err, size_t errlen)
{
	if ((s->head = ttf_table(t, "head", &s->headl)) == NULL ||
	    s->headl < 54 ||
	    (s->hhea = ttf_table(t, "hhea", &s->hheal)) == NULL ||
	    s->hheal < 36 ||
	    (s->maxp = ttf_table(t, "maxp", &s->maxpl)) == NULL ||
	    s->maxpl < 6 ||
	    (s->loca = ttf_table(t, "loca", &s->local)) == NULL ||
	    (s->glyf = ttf_table(t, "glyf", &s->glyfl)) == NULL ||
	    (s->hmtx = ttf_table(t, "hmtx", &s->hmtxl)) == NULL) {
		seterr(err, errlen, "a table of head, hhea, maxp, loca, glyf "
		    "and hmtx is missing or outside the file");
		return -1;
	}
	s->ng = rd16(s->maxp + 4);
	s->nhm = rd16(s->hhea + 34);
	if (s->ng == 0 || s->nhm == 0 || s->nhm > s->ng ||
	    s->hmtxl < 4 * (size_t)s->nhm + 2 * (size_t)(s->ng - s->nhm) ||
	    s->local < (rd16(s->head + 50) ? 4 : 2) * ((size_t)s->ng + 1)) {
		seterr(err, errlen, "glyph counts disagree with the hmtx or "
		    "loca table");
		return -1;
	}
	return 0;
}

/*
 * Adds the components of the composite glyphs of the subset that it
 * lacks, at any depth (s->k grows as they are found).  Returns 0, or -1
 * with a message in err.
 */
static int
sub_components(struct sub *s, char *err, size_t errlen)
{
	unsigned char	*g;
	size_t		 i, n, at, gp, end;
	unsigned	 og, cg;
	int		 r;

	for (i = 0; i < s->k; i++) {
		og = s->n2o[i];
		if (s->off[og] > s->off[og + 1] || s->off[og + 1] > s->glyfl) {
			seterr(err, errlen, "glyph %u lies outside glyf", og);
			return -1;
		}
		g = (unsigned char *)s->glyf + s->off[og];
		n = s->off[og + 1] - s->off[og];
		if (n == 0)
			continue;
		if (n < 10) {
			seterr(err, errlen, "glyph %u is truncated", og);
			return -1;
		}
		if ((rd16(g) & 0x8000) == 0)	/* numberOfContours >= 0 */
			continue;
		for (at = 10; (r = glyf_component(g, n, &at, &gp,
		    &end)) == 1; ) {
			cg = rd16(g + gp);
			if (cg >= s->ng) {
				r = -1;
				break;
			}
			if (!s->seen[cg]) {
				s->seen[cg] = 1;
				s->o2n[cg] = (uint16_t)s->k;
				s->n2o[s->k++] = (uint16_t)cg;
			}
		}
		if (r == -1) {
			seterr(err, errlen, "composite glyph %u is corrupt",
			    og);
			return -1;
		}
	}
	return 0;
}

/*
 * The glyphs of the subset: .notdef, glyphs[0..n), then the components
 * they lack.  Returns 0, or -1 with a message in err.
 */
static int
sub_glyphs(struct sub *s, const uint16_t *glyphs, size_t n, char *err,
    size_t errlen)
{
	size_t		 i;
	unsigned	 og;

	if (n + 1 + s->ng > 0xFFFF) {
		seterr(err, errlen, "too many glyphs for one font");
		return -1;
	}
	if ((s->seen = calloc(s->ng, 1)) == NULL ||
	    (s->o2n = calloc(s->ng, sizeof(*s->o2n))) == NULL ||
	    (s->n2o = calloc(n + 1 + s->ng, sizeof(*s->n2o))) == NULL ||
	    (s->off = calloc((size_t)s->ng + 1, sizeof(*s->off))) == NULL ||
	    (s->noff = calloc(n + 2 + s->ng, sizeof(*s->noff))) == NULL) {
		seterr(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i <= s->ng; i++)
		s->off[i] = rd16(s->head + 50) ? rd32(s->loca + 4 * i) :
		    2 * (uint32_t)rd16(s->loca + 2 * i);
	s->k = 0;
	s->seen[0] = 1;
	s->n2o[s->k++] = 0;
	for (i = 0; i < n; i++) {
		og = glyphs[i];
		if (og == 0 || og >= s->ng) {
			seterr(err, errlen, "no glyph %u in the font", og);
			return -1;
		}
		if (!s->seen[og]) {
			s->seen[og] = 1;
			s->o2n[og] = (uint16_t)s->k;
		}
		s->n2o[s->k++] = (uint16_t)og;
	}
	return sub_components(s, err, errlen);
}

/*
 * The new glyf (components renumbered, each glyph 4-byte aligned), loca
 * and hmtx (one full metric per glyph) of the subset's glyphs.
 */
static void
sub_build(struct sub *s)
{
	unsigned char	*g;
	size_t		 i, n, at, gp, end;
	uint32_t	 pos;
	unsigned	 og, adv, lsb;

	for (i = 0; i < s->k; i++) {
		og = s->n2o[i];
		n = s->off[og + 1] - s->off[og];	/* checked */
		pos = (uint32_t)s->nglyf.len;
		buf_add(&s->nglyf, (const char *)s->glyf + s->off[og], n);
		if (s->nglyf.nomem)
			break;
		g = (unsigned char *)s->nglyf.s + pos;
		if (n >= 10 && (rd16(g) & 0x8000) != 0)
			for (at = 10; glyf_component(g, n, &at, &gp,
			    &end) == 1; )
				wr16(g + gp, s->o2n[rd16(g + gp)]);
#if !PDF_SUBSET_HINTS
		if (n >= 10)
			s->nglyf.len = pos + glyf_unhint(g, n);
#endif
		while (s->nglyf.len % 4 != 0)
			buf_add(&s->nglyf, "", 1);
		s->noff[i] = pos;
	}
	s->shortloc = s->nglyf.len < 0x20000;
	for (i = 0; i < s->k; i++)
		if (s->shortloc)
			buf_16(&s->nloca, s->noff[i] / 2);
		else
			buf_32(&s->nloca, s->noff[i]);
	if (s->shortloc)
		buf_16(&s->nloca, (unsigned)(s->nglyf.len / 2));
	else
		buf_32(&s->nloca, (uint32_t)s->nglyf.len);
	for (i = 0; i < s->k; i++) {
		og = s->n2o[i];
		if (og < s->nhm) {
			adv = rd16(s->hmtx + 4 * (size_t)og);
			lsb = rd16(s->hmtx + 4 * (size_t)og + 2);
		} else {
			adv = rd16(s->hmtx + 4 * (size_t)(s->nhm - 1));
			lsb = rd16(s->hmtx + 4 * (size_t)s->nhm +
			    2 * (size_t)(og - s->nhm));
		}
		buf_16(&s->nhmtx, adv);
		buf_16(&s->nhmtx, lsb);
	}
}

/*
 * The font file of tables tab[0..ntab), sorted, into out: the directory,
 * then the tables each 4-byte aligned, and head's checkSumAdjustment.
 */
static void
sub_write(struct tab *tab, size_t ntab, struct buf *out)
{
	size_t		 i, k, headat = 0;
	uint32_t	 pos, sum;
	int		 r;

	/* The directory is in the order of the tags (upper case first). */
	qsort(tab, ntab, sizeof(tab[0]), tab_cmp);
	buf_32(out, 0x00010000);
	buf_16(out, (unsigned)ntab);
	for (k = 1, r = 0; k * 2 <= ntab; k *= 2, r++)
		continue;
	buf_16(out, (unsigned)(k * 16));
	buf_16(out, (unsigned)r);
	buf_16(out, (unsigned)(ntab * 16 - k * 16));
	pos = (uint32_t)(12 + 16 * ntab);
	for (i = 0; i < ntab; i++) {
		buf_add(out, tab[i].tag, 4);
		buf_32(out, checksum(tab[i].data, tab[i].len));
		buf_32(out, pos);
		buf_32(out, (uint32_t)tab[i].len);
		pos += (uint32_t)((tab[i].len + 3) & ~(size_t)3);
	}
	for (i = 0; i < ntab; i++) {
		if (strcmp(tab[i].tag, "head") == 0)
			headat = out->len;
		buf_add(out, (const char *)tab[i].data, tab[i].len);
		while (out->len % 4 != 0)
			buf_add(out, "", 1);
	}
	if (out->nomem)
		return;
	sum = checksum((const unsigned char *)out->s, out->len);
	wr32((unsigned char *)out->s + headat + 8, 0xB1B0AFBAU - sum);
}

static void
tab_add(struct tab *tab, size_t *ntab, const char *name, const void *d,
    size_t len)
{
	memcpy(tab[*ntab].tag, name, 5);
	tab[*ntab].data = d;
	tab[*ntab].len = len;
	(*ntab)++;
}

/*
 * The subset's file from s into out: its new tables, head, hhea, maxp and
 * post adjusted, and the tables copied whole.
 */
static void
sub_file(const struct ttf *t, const struct sub *s, struct buf *out)
{
#if PDF_SUBSET_HINTS
	static const char *const copied[] =
	    { "OS/2", "cvt ", "fpgm", "gasp", "prep" };
#else
	static const char *const copied[] = { "OS/2" };
#endif
	struct tab	 tab[16];
	unsigned char	 nhead[54], nhhea[36], nmaxp[32], npost[32];
	const unsigned char *post, *g;
	size_t		 postl, len, maxplen, i, ntab = 0;

	memcpy(nhead, s->head, sizeof(nhead));
	wr32(nhead + 8, 0);			/* checkSumAdjustment */
	wr16(nhead + 50, s->shortloc ? 0 : 1);	/* indexToLocFormat */
	memcpy(nhhea, s->hhea, sizeof(nhhea));
	wr16(nhhea + 34, (unsigned)s->k);	/* numberOfHMetrics */
	maxplen = s->maxpl < sizeof(nmaxp) ? s->maxpl : sizeof(nmaxp);
	memcpy(nmaxp, s->maxp, maxplen);
	wr16(nmaxp + 4, (unsigned)s->k);	/* numGlyphs */
	memset(npost, 0, sizeof(npost));
	if ((post = ttf_table(t, "post", &postl)) != NULL && postl >= 32)
		memcpy(npost, post, sizeof(npost));
	wr32(npost, 0x00030000);		/* no glyph names */
	for (i = 0; i < sizeof(copied) / sizeof(copied[0]); i++)
		if ((g = ttf_table(t, copied[i], &len)) != NULL)
			tab_add(tab, &ntab, copied[i], g, len);
	/*
	 * No cmap: a CIDFontType2 reaches its glyphs through the CIDToGIDMap
	 * (ISO 32000-1 9.9), and a cmap of the subset would cost each face
	 * some 200 bytes of every file.
	 */
	tab_add(tab, &ntab, "glyf", s->nglyf.s, s->nglyf.len);
	tab_add(tab, &ntab, "head", nhead, sizeof(nhead));
	tab_add(tab, &ntab, "hhea", nhhea, sizeof(nhhea));
	tab_add(tab, &ntab, "hmtx", s->nhmtx.s, s->nhmtx.len);
	tab_add(tab, &ntab, "loca", s->nloca.s, s->nloca.len);
	tab_add(tab, &ntab, "maxp", nmaxp, maxplen);
	tab_add(tab, &ntab, "post", npost, sizeof(npost));
	sub_write(tab, ntab, out);
}

struct ttf_subset *
ttf_subset_new(const struct ttf *t, const uint16_t *glyphs, size_t nglyphs,
    char *err, size_t errlen)
{
	struct ttf_subset *sub;
	struct sub	 s;
	struct buf	 out;
	int		 rc = -1;

	memset(&s, 0, sizeof(s));
	s.nglyf = s.nloca = s.nhmtx = out = (struct buf)BUF_SOFT;
	if ((sub = calloc(1, sizeof(*sub))) == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	if (sub_tables(t, &s, err, errlen) == -1 ||
	    sub_glyphs(&s, glyphs, nglyphs, err, errlen) == -1)
		goto out;
	sub->nglyphs = (unsigned)s.k;
	sub_build(&s);
	if (s.nglyf.nomem || s.nloca.nomem || s.nhmtx.nomem) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	sub_file(t, &s, &out);
	if (out.nomem) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	sub->data = (unsigned char *)out.s;
	sub->len = out.len;
	out.s = NULL;
	rc = 0;
out:
	free(s.seen);
	free(s.o2n);
	free(s.n2o);
	free(s.off);
	free(s.noff);
	free(s.nglyf.s);
	free(s.nloca.s);
	free(s.nhmtx.s);
	free(out.s);
	if (rc == -1) {
		ttf_subset_free(sub);
		return NULL;
	}
	return sub;
}

void
ttf_subset_free(struct ttf_subset *s)
{
	if (s == NULL)
		return;
	free(s->data);
	free(s);
}
