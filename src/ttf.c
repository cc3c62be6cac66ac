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
#include "sbuf.h"
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
static void	 buf_16(struct sbuf *, unsigned);
static void	 buf_32(struct sbuf *, uint32_t);
static int	 glyf_component(const unsigned char *, size_t, size_t *,
		    size_t *, size_t *);
#if !PDF_SUBSET_HINTS
static size_t	 glyf_unhint(unsigned char *, size_t);
#endif
static int	 tab_cmp(const void *, const void *);
static uint32_t	 checksum(const unsigned char *, size_t);

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
buf_16(struct sbuf *b, unsigned v)
{
	unsigned char	 d[2];

	wr16(d, v);
	sbuf_addn(b, (const char *)d, 2);
}

static void
buf_32(struct sbuf *b, uint32_t v)
{
	unsigned char	 d[4];

	wr32(d, v);
	sbuf_addn(b, (const char *)d, 4);
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

struct ttf_subset *
ttf_subset_new(const struct ttf *t, const uint16_t *glyphs, size_t nglyphs,
    char *err, size_t errlen)
{
#if PDF_SUBSET_HINTS
	static const char *const copied[] =
	    { "OS/2", "cvt ", "fpgm", "gasp", "prep" };
#else
	static const char *const copied[] = { "OS/2" };
#endif
	struct ttf_subset *sub;
	struct tab	 tab[16];
	struct sbuf	 glyf, loca, hmtx, out;
	const unsigned char *head, *hhea, *maxp, *oloca, *oglyf, *ohmtx, *post;
	unsigned char	 nhead[54], nhhea[36], nmaxp[32], npost[32];
	unsigned char	*seen = NULL, *g;
	uint16_t	*o2n = NULL, *n2o = NULL;
	uint32_t	*off = NULL, *noff = NULL, sum, pos;
	size_t		 headl, hheal, maxpl, local, glyfl, hmtxl, postl, len;
	size_t		 at, gp, end, n, i, k, ntab, headat, maxplen;
	unsigned	 ng, nhm, og, cg, adv, lsb, shortloc;
	int		 r, rc = -1;

	memset(&glyf, 0, sizeof(glyf));
	memset(&loca, 0, sizeof(loca));
	memset(&hmtx, 0, sizeof(hmtx));
	memset(&out, 0, sizeof(out));
	if ((sub = calloc(1, sizeof(*sub))) == NULL) {
		seterr(err, errlen, "out of memory");
		return NULL;
	}
	if ((head = ttf_table(t, "head", &headl)) == NULL || headl < 54 ||
	    (hhea = ttf_table(t, "hhea", &hheal)) == NULL || hheal < 36 ||
	    (maxp = ttf_table(t, "maxp", &maxpl)) == NULL || maxpl < 6 ||
	    (oloca = ttf_table(t, "loca", &local)) == NULL ||
	    (oglyf = ttf_table(t, "glyf", &glyfl)) == NULL ||
	    (ohmtx = ttf_table(t, "hmtx", &hmtxl)) == NULL) {
		seterr(err, errlen, "a table of head, hhea, maxp, loca, glyf "
		    "and hmtx is missing or outside the file");
		goto out;
	}
	ng = rd16(maxp + 4);
	nhm = rd16(hhea + 34);
	if (ng == 0 || nhm == 0 || nhm > ng || hmtxl < 4 * (size_t)nhm +
	    2 * (size_t)(ng - nhm) || local < (rd16(head + 50) ? 4 : 2) *
	    ((size_t)ng + 1)) {
		seterr(err, errlen, "glyph counts disagree with the hmtx or "
		    "loca table");
		goto out;
	}
	/* .notdef, the glyphs asked for, then the components they lack. */
	if (nglyphs + 1 + ng > 0xFFFF) {
		seterr(err, errlen, "too many glyphs for one font");
		goto out;
	}
	if ((seen = calloc(ng, 1)) == NULL ||
	    (o2n = calloc(ng, sizeof(*o2n))) == NULL ||
	    (n2o = calloc(nglyphs + 1 + ng, sizeof(*n2o))) == NULL ||
	    (off = calloc((size_t)ng + 1, sizeof(*off))) == NULL ||
	    (noff = calloc(nglyphs + 2 + ng, sizeof(*noff))) == NULL) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	for (i = 0; i <= ng; i++)
		off[i] = rd16(head + 50) ? rd32(oloca + 4 * i) :
		    2 * (uint32_t)rd16(oloca + 2 * i);

	k = 0;
	seen[0] = 1;
	n2o[k++] = 0;
	for (i = 0; i < nglyphs; i++) {
		og = glyphs[i];
		if (og == 0 || og >= ng) {
			seterr(err, errlen, "no glyph %u in the font", og);
			goto out;
		}
		if (!seen[og]) {
			seen[og] = 1;
			o2n[og] = (uint16_t)k;
		}
		n2o[k++] = (uint16_t)og;
	}
	for (i = 0; i < k; i++) {	/* k grows with the components */
		og = n2o[i];
		if (off[og] > off[og + 1] || off[og + 1] > glyfl) {
			seterr(err, errlen, "glyph %u lies outside glyf", og);
			goto out;
		}
		g = (unsigned char *)oglyf + off[og];
		n = off[og + 1] - off[og];
		if (n == 0)
			continue;
		if (n < 10) {
			seterr(err, errlen, "glyph %u is truncated", og);
			goto out;
		}
		if ((rd16(g) & 0x8000) == 0)	/* numberOfContours >= 0 */
			continue;
		for (at = 10; (r = glyf_component(g, n, &at, &gp,
		    &end)) == 1; ) {
			cg = rd16(g + gp);
			if (cg >= ng) {
				r = -1;
				break;
			}
			if (!seen[cg]) {
				seen[cg] = 1;
				o2n[cg] = (uint16_t)k;
				n2o[k++] = (uint16_t)cg;
			}
		}
		if (r == -1) {
			seterr(err, errlen, "composite glyph %u is corrupt",
			    og);
			goto out;
		}
	}
	sub->nglyphs = (unsigned)k;

	/* glyf with the components renumbered, each glyph 4-byte aligned. */
	for (i = 0; i < k; i++) {
		og = n2o[i];
		n = off[og + 1] - off[og];	/* checked above */
		pos = (uint32_t)glyf.len;
		sbuf_addn(&glyf, (const char *)oglyf + off[og], n);
		if (glyf.nomem)
			break;
		g = (unsigned char *)glyf.s + pos;
		if (n >= 10 && (rd16(g) & 0x8000) != 0)
			for (at = 10; glyf_component(g, n, &at, &gp,
			    &end) == 1; )
				wr16(g + gp, o2n[rd16(g + gp)]);
#if !PDF_SUBSET_HINTS
		if (n >= 10)
			glyf.len = pos + glyf_unhint(g, n);
#endif
		while (glyf.len % 4 != 0)
			sbuf_addn(&glyf, "", 1);
		noff[i] = pos;
	}
	shortloc = glyf.len < 0x20000;
	for (i = 0; i < k; i++) {
		pos = noff[i];
		if (shortloc)
			buf_16(&loca, pos / 2);
		else
			buf_32(&loca, pos);
	}
	if (shortloc)
		buf_16(&loca, (unsigned)(glyf.len / 2));
	else
		buf_32(&loca, (uint32_t)glyf.len);

	for (i = 0; i < k; i++) {
		og = n2o[i];
		if (og < nhm) {
			adv = rd16(ohmtx + 4 * (size_t)og);
			lsb = rd16(ohmtx + 4 * (size_t)og + 2);
		} else {
			adv = rd16(ohmtx + 4 * (size_t)(nhm - 1));
			lsb = rd16(ohmtx + 4 * (size_t)nhm +
			    2 * (size_t)(og - nhm));
		}
		buf_16(&hmtx, adv);
		buf_16(&hmtx, lsb);
	}

	memcpy(nhead, head, sizeof(nhead));
	wr32(nhead + 8, 0);			/* checkSumAdjustment */
	wr16(nhead + 50, shortloc ? 0 : 1);	/* indexToLocFormat */
	memcpy(nhhea, hhea, sizeof(nhhea));
	wr16(nhhea + 34, (unsigned)k);		/* numberOfHMetrics */
	maxplen = maxpl < sizeof(nmaxp) ? maxpl : sizeof(nmaxp);
	memcpy(nmaxp, maxp, maxplen);
	wr16(nmaxp + 4, (unsigned)k);		/* numGlyphs */
	memset(npost, 0, sizeof(npost));
	if ((post = ttf_table(t, "post", &postl)) != NULL && postl >= 32)
		memcpy(npost, post, sizeof(npost));
	wr32(npost, 0x00030000);		/* no glyph names */

	ntab = 0;
#define TAB(name, d, l) do {						\
		memcpy(tab[ntab].tag, name, 5);				\
		tab[ntab].data = (const unsigned char *)(d);		\
		tab[ntab].len = (l);					\
		ntab++;							\
	} while (0)
	for (i = 0; i < sizeof(copied) / sizeof(copied[0]); i++)
		if ((g = (unsigned char *)ttf_table(t, copied[i],
		    &len)) != NULL)
			TAB(copied[i], g, len);
	/*
	 * No cmap: a CIDFontType2 reaches its glyphs through the CIDToGIDMap
	 * (ISO 32000-1 9.9), and a cmap of the subset would cost each face
	 * some 200 bytes of every file.
	 */
	TAB("glyf", glyf.s, glyf.len);
	TAB("head", nhead, sizeof(nhead));
	TAB("hhea", nhhea, sizeof(nhhea));
	TAB("hmtx", hmtx.s, hmtx.len);
	TAB("loca", loca.s, loca.len);
	TAB("maxp", nmaxp, maxplen);
	TAB("post", npost, sizeof(npost));
#undef TAB
	/* The directory is in the order of the tags (upper case first). */
	qsort(tab, ntab, sizeof(tab[0]), tab_cmp);
	if (glyf.nomem || loca.nomem || hmtx.nomem) {
		seterr(err, errlen, "out of memory");
		goto out;
	}

	/* Directory, then the tables, each 4-byte aligned. */
	buf_32(&out, 0x00010000);
	buf_16(&out, (unsigned)ntab);
	for (k = 1, r = 0; k * 2 <= ntab; k *= 2, r++)
		continue;
	buf_16(&out, (unsigned)(k * 16));
	buf_16(&out, (unsigned)r);
	buf_16(&out, (unsigned)(ntab * 16 - k * 16));
	pos = (uint32_t)(12 + 16 * ntab);
	for (i = 0; i < ntab; i++) {
		sbuf_addn(&out, tab[i].tag, 4);
		buf_32(&out, checksum(tab[i].data, tab[i].len));
		buf_32(&out, pos);
		buf_32(&out, (uint32_t)tab[i].len);
		pos += (uint32_t)((tab[i].len + 3) & ~(size_t)3);
	}
	headat = 0;
	for (i = 0; i < ntab; i++) {
		if (strcmp(tab[i].tag, "head") == 0)
			headat = out.len;
		sbuf_addn(&out, (const char *)tab[i].data, tab[i].len);
		while (out.len % 4 != 0)
			sbuf_addn(&out, "", 1);
	}
	if (out.nomem) {
		seterr(err, errlen, "out of memory");
		goto out;
	}
	sum = checksum((const unsigned char *)out.s, out.len);
	wr32((unsigned char *)out.s + headat + 8, 0xB1B0AFBAU - sum);
	sub->data = (unsigned char *)out.s;
	sub->len = out.len;
	out.s = NULL;
	rc = 0;
out:
	free(seen);
	free(o2n);
	free(n2o);
	free(off);
	free(noff);
	free(glyf.s);
	free(loca.s);
	free(hmtx.s);
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
