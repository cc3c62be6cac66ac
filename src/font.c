/*
 * font.c: owns the faces of a run — each TrueType file read once per
 * process (ttf.c), its cmap, advance widths and metrics taken from its
 * tables as libharu 2.3.0's loader takes them — and the measuring of
 * text with them, for the layout engine and the PDF backend alike.
 *
 * libharu measured our text until the faces moved here; every number is
 * computed as hpdf_fontdef_tt.c 2.3.0 computes it (integer 1/1000 em,
 * truncated; its cmap choice and lookup, quirks included; its font name
 * with the subfamily appended up to its first blank), so that lines break
 * and glyphs land exactly where they did.  tests/pdf/run.sh compares the
 * two on every code point of every face it can find.
 */

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "encoding.h"
#include "ttf.h"
#include "font.h"

#define FONT_FILE_MAX	(64L << 20)	/* bytes of a font file, as ttf.c */
#define FONT_NAME_MAX	127		/* libharu's HPDF_LIMIT_MAX_NAME_LEN */

/* PDF font flags, as libharu sets them. */
#define FL_SERIF	2
#define FL_SYMBOLIC	4
#define FL_SCRIPT	8
#define FL_STD_CHARSET	32
#define FL_ITALIC	64
#define FL_FORCE_BOLD	262144

struct font_set {
	struct font_face *faces;
	size_t		  nfaces, cap;
};

/* The tables a face is measured from, with what libharu reads of them. */
struct tt {
	const struct ttf *ttf;
	unsigned	 upem;		/* head.unitsPerEm, never 0 */
	int		 longloca;	/* head.indexToLocFormat */
	unsigned	 nglyphs;	/* maxp.numGlyphs */
	unsigned	 nhmetrics;	/* hhea.numberOfHMetrics */
	const unsigned char *hmtx;
	size_t		 hmtxlen;
	const unsigned char *cmap;	/* the subtable chosen */
	size_t		 cmaplen;	/* bytes of the cmap table from it */
	int		 cmap0;		/* format 0, else 4 */
};

static unsigned
rd16(const unsigned char *b)
{
	return (unsigned)b[0] << 8 | b[1];
}

static int
rds16(const unsigned char *b)
{
	return (int16_t)(uint16_t)rd16(b);
}

static uint32_t
rd32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/* v font units in 1/1000 em, truncated toward zero as libharu does. */
static int
em(const struct tt *t, int v)
{
	return (int)((int32_t)v * 1000 / (int32_t)t->upem);
}

/*
 * Chooses the cmap subtable libharu chooses: the first (3, 1) of format 4;
 * else the last (1, 0) of format 0; else the last (0, 3) of format 4.
 * Returns 0, or -1 if there is none or it is cut short.
 */
static int
cmap_pick(struct tt *t)
{
	const unsigned char	*c, *sub;
	size_t			 len;
	uint32_t		 off, ms = 0, byte = 0, up = 0, pick;
	unsigned		 i, n, pid, eid, fmt;

	if ((c = ttf_table(t->ttf, "cmap", &len)) == NULL || len < 4 ||
	    rd16(c) != 0)
		return -1;
	n = rd16(c + 2);
	if (4 + 8 * (size_t)n > len)
		return -1;
	for (i = 0; i < n; i++) {
		pid = rd16(c + 4 + 8 * i);
		eid = rd16(c + 6 + 8 * i);
		off = rd32(c + 8 + 8 * i);
		if (off > len - 2)
			return -1;
		fmt = rd16(c + off);
		if (pid == 3 && eid == 1 && fmt == 4) {
			ms = off;
			break;
		}
		if (pid == 1 && eid == 0 && fmt == 0)
			byte = off;
		if (pid == 0 && eid == 3 && fmt == 4)
			up = off;
	}
	pick = ms != 0 ? ms : byte != 0 ? byte : up;
	if (pick == 0)
		return -1;
	sub = c + pick;
	t->cmap = sub;
	t->cmaplen = len - pick;
	t->cmap0 = rd16(sub) == 0;
	if (t->cmap0)
		return t->cmaplen >= 6 + 256 ? 0 : -1;
	if (t->cmaplen < 14 || rd16(sub + 6) == 0 ||
	    16 + 8 * (size_t)(rd16(sub + 6) / 2) > t->cmaplen)
		return -1;
	return 0;
}

/* The glyph of code point u, by HPDF_TTFontDef_GetGlyphid()'s rules. */
static unsigned
cmap_gid(const struct tt *t, unsigned u)
{
	const unsigned char	*s = t->cmap;
	unsigned		 seg, i, idx, count, len;
	const unsigned char	*end, *start, *delta, *range, *ids;
	size_t			 read;

	if (t->cmap0)
		return s[6 + (u & 0xFF)];
	seg = rd16(s + 6) / 2;
	end = s + 14;
	start = end + 2 * seg + 2;
	delta = start + 2 * seg;
	range = delta + 2 * seg;
	ids = range + 2 * seg;
	for (i = 0; i < seg; i++)
		if (u <= rd16(end + 2 * i))
			break;
	if (i == seg || rd16(start + 2 * i) > u)
		return 0;
	if (rd16(range + 2 * i) == 0)
		return (uint16_t)(u + (unsigned)rds16(delta + 2 * i));
	/* The glyph id array as long as the subtable's own length says. */
	read = 16 + 8 * (size_t)seg;
	len = rd16(s + 2);
	count = len > read ? (unsigned)((len - read) / 2) : 0;
	if (ids + 2 * (size_t)count > s + t->cmaplen)
		count = (unsigned)((size_t)(s + t->cmaplen - ids) / 2);
	idx = rd16(range + 2 * i) / 2 + (u - rd16(start + 2 * i)) - (seg - i);
	if (idx >= count)
		return 0;
	return (uint16_t)(rd16(ids + 2 * idx) + (unsigned)rds16(delta + 2 * i));
}

/* The advance width of glyph gid in font units, hmtx padded as libharu. */
static unsigned
advance(const struct tt *t, unsigned gid)
{
	if (t->nhmetrics == 0)
		return 0;
	if (gid >= t->nhmetrics)
		gid = t->nhmetrics - 1;
	return rd16(t->hmtx + 4 * (size_t)gid);
}

/*
 * The top of the bounding box of glyph gid in 1/1000 em, 0 if it cannot
 * be read: read where loca says the glyph begins, as libharu reads it,
 * even for an empty glyph.
 */
static int
glyph_top(const struct tt *t, unsigned gid)
{
	const unsigned char	*loca, *glyf;
	size_t			 locl, glyfl, at;

	if (gid == 0 || gid >= t->nglyphs ||
	    (loca = ttf_table(t->ttf, "loca", &locl)) == NULL ||
	    (glyf = ttf_table(t->ttf, "glyf", &glyfl)) == NULL)
		return 0;
	if (t->longloca) {
		if (4 * (size_t)gid + 4 > locl)
			return 0;
		at = rd32(loca + 4 * (size_t)gid);
	} else {
		if (2 * (size_t)gid + 2 > locl)
			return 0;
		at = 2 * (size_t)rd16(loca + 2 * (size_t)gid);
	}
	if (at + 10 > glyfl)
		return 0;
	return em(t, rds16(glyf + at + 8));
}

/* Whether s (n bytes) holds w, as HPDF_StrStr() looks. */
static int
has_word(const char *s, size_t n, const char *w)
{
	size_t	 i, k = strlen(w);

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0)
			return 1;
	return 0;
}

/*
 * Name id want of the name table nm (len bytes) into buf (FONT_NAME_MAX
 * + 1 bytes, zeroed), preferring the last Macintosh Roman record, else the
 * last Windows Unicode one in US English (every second byte).  Returns the
 * length libharu counts, or -1 if there is none.
 */
static long
name_get(const unsigned char *nm, size_t len, unsigned want, char *buf)
{
	size_t		 i, n, strs, mac = 0, win = 0, maclen = 0, winlen = 0;
	const unsigned char *r;
	int		 hasmac = 0, haswin = 0;

	n = rd16(nm + 2);
	strs = rd16(nm + 4);
	if (6 + 12 * n > len)
		return -1;
	for (i = 0; i < n; i++) {
		r = nm + 6 + 12 * i;
		if (rd16(r + 6) != want)
			continue;
		if (rd16(r) == 1 && rd16(r + 2) == 0) {
			hasmac = 1;
			mac = strs + rd16(r + 10);
			maclen = rd16(r + 8);
		}
		if (rd16(r) == 3 && rd16(r + 2) == 1 && rd16(r + 4) == 0x0409) {
			haswin = 1;
			win = strs + rd16(r + 10);
			winlen = rd16(r + 8);
		}
	}
	if (hasmac && maclen > 0) {
		if (mac + maclen > len || maclen > FONT_NAME_MAX)
			return -1;
		memcpy(buf, nm + mac, maclen);
		return (long)maclen;
	}
	if (!haswin || win + winlen > len || winlen / 2 > FONT_NAME_MAX)
		return hasmac ? 0 : -1;
	for (i = 1; i < winlen; i += 2)
		buf[i / 2] = (char)nm[win + i];
	return (long)(winlen / 2 + winlen % 2);
}

/*
 * The face's name as libharu 2.3.0 makes it: the PostScript name, then,
 * unless the subfamily begins "Regular", a comma and the subfamily up to
 * its first blank; Bold and Italic in the subfamily set flags.
 */
static int
face_name(const struct tt *t, struct font_face *f)
{
	const unsigned char	*nm;
	size_t			 len, j;
	long			 l1, l2;
	char			 ps[FONT_NAME_MAX + 1], sub[FONT_NAME_MAX + 1];
	char			*dst, *src;

	memset(ps, 0, sizeof(ps));
	memset(sub, 0, sizeof(sub));
	if ((nm = ttf_table(t->ttf, "name", &len)) == NULL || len < 6 ||
	    (l1 = name_get(nm, len, 6, ps)) < 0 ||
	    (l2 = name_get(nm, len, 2, sub)) < 0 || l1 + l2 + 8 > 127)
		return -1;
	if (memcmp(sub, "Regular", 7) != 0) {
		dst = ps + l1;
		src = sub;
		*dst++ = ',';
		for (j = 0; j < (size_t)l2; j++) {
			if (*src != ' ')
				*dst++ = *src++;
			if (dst >= ps + FONT_NAME_MAX)
				break;
		}
		*dst = '\0';
		if (has_word(sub, (size_t)l2, "Bold"))
			f->flags |= FL_FORCE_BOLD;
		if (has_word(sub, (size_t)l2, "Italic"))
			f->flags |= FL_ITALIC;
	}
	f->name = xstrdup(ps);
	return 0;
}

/*
 * head, maxp, hhea, hmtx and OS/2 into t and f, as libharu's ParseHead,
 * ParseMaxp, ParseHhea, ParseHmtx and ParseOS2 read them.  Returns 0, or
 * -1 with a message in err.
 */
static int
face_tables(struct tt *t, struct font_face *f, char *err, size_t errlen)
{
	const unsigned char	*head, *maxp, *hhea, *os2;
	size_t			 hl, ml, hhl, ol;
	unsigned		 cls;

	if ((head = ttf_table(t->ttf, "head", &hl)) == NULL || hl < 54 ||
	    (maxp = ttf_table(t->ttf, "maxp", &ml)) == NULL || ml < 6 ||
	    (hhea = ttf_table(t->ttf, "hhea", &hhl)) == NULL || hhl < 36 ||
	    (t->hmtx = ttf_table(t->ttf, "hmtx", &t->hmtxlen)) == NULL ||
	    (os2 = ttf_table(t->ttf, "OS/2", &ol)) == NULL || ol < 78 ||
	    ttf_table(t->ttf, "loca", &ml) == NULL ||
	    ttf_table(t->ttf, "glyf", &ml) == NULL) {
		snprintf(err, errlen, "a table it needs (head, maxp, hhea, "
		    "hmtx, OS/2, loca, glyf) is missing or short");
		return -1;
	}
	if ((t->upem = rd16(head + 18)) == 0) {
		snprintf(err, errlen, "head.unitsPerEm is 0");
		return -1;
	}
	t->longloca = rds16(head + 50) != 0;
	t->nglyphs = rd16(maxp + 4);
	t->nhmetrics = rd16(hhea + 34);
	if (4 * (size_t)t->nhmetrics + 2 * (size_t)(t->nglyphs >
	    t->nhmetrics ? t->nglyphs - t->nhmetrics : 0) > t->hmtxlen) {
		snprintf(err, errlen, "its hmtx table is short");
		return -1;
	}
	f->bbox[0] = em(t, rds16(head + 36));
	f->bbox[1] = em(t, rds16(head + 38));
	f->bbox[2] = em(t, rds16(head + 40));
	f->bbox[3] = em(t, rds16(head + 42));
	f->ascent = (int16_t)em(t, rds16(hhea + 4));
	f->descent = (int16_t)em(t, rds16(hhea + 6));
	f->flags = FL_STD_CHARSET;
	cls = os2[30];
	if ((cls > 0 && cls < 6) || cls == 7)
		f->flags |= FL_SERIF;
	if (cls == 10)
		f->flags |= FL_SCRIPT;
	if (cls == 12)
		f->flags |= FL_SYMBOLIC;
	if (f->ascent == 0) {
		f->ascent = (int16_t)em(t, rds16(os2 + 68));
		f->descent = (int16_t)em(t, rds16(os2 + 70));
	}
	if (f->descent >= 0)
		f->descent = -f->descent;
	return 0;
}

/*
 * The glyph and width of every code point of the BMP, and the metrics
 * libharu derives from them.  f->flags is set already.
 */
static void
face_map(const struct tt *t, struct font_face *f)
{
	unsigned	 cp, g, missing;

	f->gid = xcalloc(FONT_NCP, sizeof(*f->gid));
	f->width = xcalloc(FONT_NCP, sizeof(*f->width));
	missing = (uint16_t)(int16_t)(advance(t, 0) * 1000 / t->upem);
	for (cp = 0; cp < FONT_NCP; cp++) {
		f->gid[cp] = (uint16_t)(g = cmap_gid(t, cp));
		if (g == 0)
			continue;
		f->width[cp] = g >= t->nglyphs ? (uint16_t)missing :
		    (uint16_t)(advance(t, g) * 1000 / t->upem);
	}
	f->cap_height = (uint16_t)glyph_top(t, f->gid['H']);
	f->stemv = 0;
	f->italic_angle = 0;
}

/* Reads the face at path into f.  Returns 0, or -1 with err. */
static int
face_read(struct font_face *f, const char *path, char *err, size_t errlen)
{
	struct tt	 t;
	char		 why[256];

	memset(&t, 0, sizeof(t));
	if ((t.ttf = f->ttf = ttf_new(path, why, sizeof(why))) == NULL) {
		snprintf(err, errlen, "font: %s: %s", path, why);
		return -1;
	}
	if (face_tables(&t, f, why, sizeof(why)) == -1) {
		snprintf(err, errlen, "font: %s: %s", path, why);
		return -1;
	}
	if (cmap_pick(&t) == -1) {
		snprintf(err, errlen, "font: %s: no usable Unicode cmap", path);
		return -1;
	}
	if (face_name(&t, f) == -1) {
		snprintf(err, errlen, "font: %s: no usable PostScript name",
		    path);
		return -1;
	}
	face_map(&t, f);
	return 0;
}

static void
face_free(struct font_face *f)
{
	free(f->path);
	free(f->name);
	ttf_free(f->ttf);
	free(f->gid);
	free(f->width);
}

struct font_set *
font_set_new(void)
{
	return xcalloc(1, sizeof(struct font_set));
}

void
font_set_free(struct font_set *fs)
{
	size_t	 i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->nfaces; i++)
		face_free(&fs->faces[i]);
	free(fs->faces);
	free(fs);
}

int
font_set_load(struct font_set *fs, const char *path, char *err,
    size_t errlen)
{
	struct font_face f;
	struct stat	 st;
	size_t		 i;

	for (i = 0; i < fs->nfaces; i++)
		if (strcmp(fs->faces[i].path, path) == 0)
			return (int)i;
	/* Never a FIFO or a device; the size before a byte is read. */
	if (stat(path, &st) == -1) {
		snprintf(err, errlen, "font: cannot open font %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > FONT_FILE_MAX) {
		snprintf(err, errlen, "font: font %s is not a regular file of "
		    "at most 64 MiB", path);
		return -1;
	}
	memset(&f, 0, sizeof(f));
	if (face_read(&f, path, err, errlen) == -1) {
		face_free(&f);
		return -1;
	}
	for (i = 0; i < fs->nfaces; i++)
		if (strcmp(fs->faces[i].name, f.name) == 0) {
			snprintf(err, errlen, "font: fonts %s and %s have the "
			    "same name %s", fs->faces[i].path, path, f.name);
			face_free(&f);
			return -1;
		}
	f.path = xstrdup(path);
	fs->faces = xgrow(fs->faces, &fs->cap, fs->nfaces + 1,
	    sizeof(*fs->faces));
	fs->faces[fs->nfaces] = f;
	return (int)fs->nfaces++;
}

const struct font_face *
font_set_face(const struct font_set *fs, int face)
{
	if (fs == NULL || face < 0 || (size_t)face >= fs->nfaces)
		return NULL;
	return &fs->faces[face];
}

int
font_has_glyph(const struct font_set *fs, int face, uint32_t cp)
{
	const struct font_face *f;

	if ((f = font_set_face(fs, face)) == NULL)
		return 0;
	/* Text is drawn as 2-byte CIDs: no code point above U+FFFF. */
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0xFFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return f->gid[cp] != 0;
}

void
font_get_metrics(const struct font_set *fs, int face, struct font_metrics *m)
{
	const struct font_face *f;

	memset(m, 0, sizeof(*m));
	if ((f = font_set_face(fs, face)) == NULL)
		return;
	m->ascent = f->ascent / 1000.0;
	m->descent = f->descent / 1000.0;
	m->cap_height = (f->cap_height > 0 ? f->cap_height : f->ascent) /
	    1000.0;
}

/*
 * The width of len bytes of UTF-8 at size pt: the sum of the faces'
 * widths in 1/1000 em, scaled once.  0 for an unknown face or bytes that
 * are not UTF-8 (the layout checks every run first).
 */
double
font_text_width(const struct font_set *fs, int face, double size,
    const char *utf8, size_t len)
{
	const struct font_face *f;
	const unsigned char	*u = (const unsigned char *)utf8;
	unsigned long		 sum = 0;
	size_t			 off, k;
	uint32_t		 c;

	if ((f = font_set_face(fs, face)) == NULL)
		return 0.0;
	for (off = 0; off < len; off += k) {
		if (u[off] < 0x80) {
			sum += f->width[u[off]];
			k = 1;
			continue;
		}
		if ((k = enc_next(utf8 + off, len - off, &c)) == 0)
			return 0.0;
		if (c < FONT_NCP)
			sum += f->width[c];
	}
	return (double)sum * size / 1000.0;
}

static int
m_has_glyph(const void *arg, int face, uint32_t cp)
{
	return font_has_glyph(arg, face, cp);
}

static void
m_metrics(const void *arg, int face, struct font_metrics *m)
{
	font_get_metrics(arg, face, m);
}

static double
m_text_width(const void *arg, int face, double size, const char *utf8,
    size_t len)
{
	return font_text_width(arg, face, size, utf8, len);
}

struct font_measure
font_measure_of(const struct font_set *fs)
{
	struct font_measure	 m;

	m.arg = fs;
	m.has_glyph = m_has_glyph;
	m.metrics = m_metrics;
	m.text_width = m_text_width;
	return m;
}
