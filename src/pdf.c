/*
 * pdf.c: the PDF backend; owns every use of libharu in the program and
 * turns the drawing calls of backend.h into a deterministic PDF/A-1b file.
 *
 * libharu 2.3.0 (the Debian package) keeps the document's objects, draws
 * the pages' graphics, loads images and serialises each object; its own
 * fonts, Info, XMP and file writing are not fit for PDF/A or for batches,
 * so through its installed internal headers:
 *  - fonts are ours: each font file is read and measured once per process
 *    by the face set of font.c (libharu's numbers, so the file is as
 *    libharu's loader would make it), and each document embeds a real
 *    subset (ttf.c) of the
 *    glyphs it draws as a CIDFontType2 whose CIDs are numbered in the
 *    order code points are first drawn, so CID i is glyph i of the subset
 *    (CIDToGIDMap /Identity, /W one run, a small CIDSet and a bfrange
 *    ToUnicode CMap); the text operators are written here.  libharu's own
 *    path walks the whole BMP and embeds nearly the whole font per
 *    document, and its ToUnicode CMap makes poppler warn;
 *  - its Info strings are raw bytes and its XMP is neither escaped nor in
 *    agreement with Info; both are written here, Info as UTF-16BE;
 *  - its output intent has a key "DestOutputProfile " with a trailing
 *    space, and its /ID comes from the clock; the key is fixed, and the ID
 *    is an MD5 of the file with the ID zeroed;
 *  - HPDF_SaveToStream() holds the whole file until the end; the file is
 *    written here object by object with HPDF_Obj_WriteValue(), and with
 *    pdf_stream_to() each finished page goes out at once, leaving a small
 *    stand-in in the xref (a print file of thousands of pages).
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L	/* fdopen() */
#endif

#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "backend.h"
#include "font.h"
#include "input.h"
#include "sbuf.h"
#include "pdf.h"
#include "ttf.h"

#if defined(__GNUC__)
#define PRINTFLIKE(f, a)	__attribute__((format(printf, f, a)))
#else
#define PRINTFLIKE(f, a)
#endif

#define PDF_CREATOR	"khenthuong"
#define PDF_PRODUCER	"Haru Free PDF Library " HPDF_VERSION_TEXT
#define PDF_ICC_NAME	"sRGB IEC61966-2.1"
#define PDF_TZ_PDF	"+07'00'"	/* the dossier's dates are Vietnamese */
#define PDF_TZ_XMP	"+07:00"
#define PDF_SOURCE_PREFIX "urn:sha256:"	/* dc:source of the dossier */
#define PDF_FIELD_MAX	4096		/* bytes of one docinfo string */
#define PDF_ID_LEN	16
#define PDF_MAX_CIDS	0xFFF0		/* distinct code points of a face */

struct pdf_cache {
	struct font_set	*fs;		/* the faces, not owned */
	struct font_set	*ownfs;		/* a set of the cache's own, or NULL */
	unsigned char	*iccdata;	/* the ICC profile, read once */
	size_t		 icclen;
};

/*
 * The CIDs of a face in one document, numbered 1, 2, ... in the order the
 * code points are first drawn; CID i is glyph i of the embedded subset, so
 * the CIDToGIDMap is the identity and /W is a single run.
 */
struct pdf_cids {
	uint16_t	*page[256];	/* code point to CID, by high byte */
	uint16_t	*cp;		/* cp[i - 1]: the code point of CID i */
	size_t		 n, cap;
};

/* A font of a document: a face of the cache's set, in the order used. */
struct pdf_font {
	int		 face;		/* index in the face set */
	HPDF_Dict	 font;		/* the Type0 font, NULL until drawn */
	struct pdf_cids	 cids;
};

struct pdf_image {
	const unsigned char *png;	/* the caller's bytes: the key */
	HPDF_Image	 img;
};

struct pdf {
	HPDF_Doc	  doc;
	struct pdf_cache *cache;
	struct pdf_cache *own;		/* a cache of this document's alone */
	HPDF_Page	  page;		/* the current page, or NULL */
	int		  npages;
	struct pdf_font	 *fonts;
	size_t		  nfonts, fontsz;
	struct pdf_image *imgs;
	size_t		  nimgs, imgsz;
	char		 *text;		/* the operators of a text run */
	size_t		  textsz, textlen;

	/* What the current page's graphics state holds already. */
	HPDF_Dict	  gs_font;
	double		  gs_size;
	struct bk_rgb	  gs_fill, gs_stroke;
	double		  gs_lw;
	int		  gs_hasfill, gs_hasstroke, gs_haslw;

	/* The file, written as it goes (pdf_stream_to()) or at the end. */
	FILE		 *out;
	char		 *outpath;	/* NULL until the file is begun */
	int		  given;	/* pdf_stream_fd(): never removed here */
	int		  pending;	/* pdf_save_fd(): pendfd is the file */
	int		  pendfd;
	unsigned long	  off;		/* bytes written to it */
	unsigned long	 *offs;		/* offset of each object written */
	size_t		  noffs, offsz;
	HPDF_Stream	  scratch;	/* one object at a time */
	int		  saved;	/* outpath is complete */

	HPDF_STATUS	  hcode;	/* last error libharu reported */
	HPDF_STATUS	  hdetail;
	int		  finished;	/* fonts finalised by pdf_save() */
	int		  failed;
	char		  err[512];	/* first failure of a table call */
};

/* Checked copies of the docinfo strings, ready to write. */
struct meta {
	const char	*title, *author, *subject, *keywords;
	char		 pdfdate[32];	/* D:YYYYMMDD000000+07'00', or "" */
	char		 xmpdate[32];	/* YYYY-MM-DDT00:00:00+07:00, or "" */
	char		 sha[65];	/* lower-case hex, or "" */
};

static const struct {
	HPDF_STATUS	 code;
	const char	*text;
} hpdf_errors[] = {
	{ HPDF_BINARY_LENGTH_ERR, "binary string too long" },
	{ HPDF_DICT_ITEM_UNEXPECTED_TYPE, "dictionary item of a wrong type" },
	{ HPDF_DUPLICATE_REGISTRATION, "font or encoder registered twice" },
	{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory" },
	{ HPDF_FILE_IO_ERROR, "file input/output error" },
	{ HPDF_FILE_OPEN_ERROR, "cannot open file" },
	{ HPDF_FONT_EXISTS, "font already loaded" },
	{ HPDF_INVALID_COLOR_SPACE, "invalid colour space" },
	{ HPDF_INVALID_DOCUMENT, "invalid document (an earlier error)" },
	{ HPDF_INVALID_DOCUMENT_STATE, "operation not allowed in this state" },
	{ HPDF_INVALID_ENCODER, "invalid encoder" },
	{ HPDF_INVALID_ENCODING_NAME, "unknown encoding name" },
	{ HPDF_INVALID_FONTDEF_DATA, "invalid font data" },
	{ HPDF_INVALID_FONTDEF_TYPE, "unsupported font type" },
	{ HPDF_INVALID_FONT_NAME, "unknown font name" },
	{ HPDF_INVALID_ICC_COMPONENT_NUM, "ICC profile: wrong components" },
	{ HPDF_INVALID_IMAGE, "invalid image" },
	{ HPDF_INVALID_OBJECT, "invalid object" },
	{ HPDF_INVALID_OPERATION, "invalid operation" },
	{ HPDF_INVALID_PARAMETER, "invalid parameter" },
	{ HPDF_INVALID_PNG_IMAGE, "not a valid PNG image" },
	{ HPDF_INVALID_STREAM, "invalid stream" },
	{ HPDF_INVALID_TTC_FILE, "invalid TrueType collection" },
	{ HPDF_LIBPNG_ERROR, "libpng could not read the image" },
	{ HPDF_PAGE_FONT_NOT_FOUND, "no font set on the page" },
	{ HPDF_PAGE_INVALID_FONT, "invalid font" },
	{ HPDF_PAGE_INVALID_FONT_SIZE, "font size out of 0..600" },
	{ HPDF_PAGE_INVALID_GMODE, "operator not allowed here" },
	{ HPDF_PAGE_INVALID_SIZE, "page size out of range (3 to 14400 pt)" },
	{ HPDF_PAGE_INVALID_XOBJECT, "invalid image object" },
	{ HPDF_PAGE_OUT_OF_RANGE, "value out of range" },
	{ HPDF_REAL_OUT_OF_RANGE, "number out of range" },
	{ HPDF_STREAM_EOF, "unexpected end of stream" },
	{ HPDF_STRING_OUT_OF_RANGE, "string too long (over 65535 bytes)" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font may not be embedded" },
	{ HPDF_TTF_INVALID_CMAP, "the font has no usable Unicode cmap" },
	{ HPDF_TTF_INVALID_FOMAT, "not a TrueType font" },
	{ HPDF_TTF_MISSING_TABLE, "the font lacks a required table" },
	{ HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font type" },
	{ HPDF_ZLIB_ERROR, "zlib error" },
};

static void	 seterr(char *, size_t, const char *, ...) PRINTFLIKE(3, 4);
static void	 sticky(struct pdf *, const char *, ...) PRINTFLIKE(2, 3);
static void	 on_hpdf_error(HPDF_STATUS, HPDF_STATUS, void *);
static const char *hpdf_text(HPDF_STATUS);
static void	 hpdf_fail(struct pdf *, char *, size_t, const char *);
static void	 hpdf_sticky(struct pdf *, const char *);
static void	*grow(void *, size_t *, size_t, size_t);
static char	*dupstr(const char *);
static size_t	 utf8_next(const unsigned char *, size_t, uint32_t *);
static int	 text_ok(const char *, const char *, char *, size_t);
static int	 is_ascii(const char *);
static void	 sb_xml(struct sbuf *, const char *);
static int	 meta_check(const struct bk_docinfo *, struct meta *,
		    char *, size_t);
static int	 icc_load(struct pdf_cache *, const char *, char *, size_t);
static HPDF_STATUS stream_put(struct pdf *, HPDF_Dict, const void *, size_t,
		    int);
static int	 xmp_build(struct sbuf *, const struct meta *);
static HPDF_STATUS info_text(struct pdf *, const char *, const char *);
static HPDF_STATUS info_ascii(struct pdf *, const char *, const char *);
static int	 doc_meta(struct pdf *, const struct meta *, char *, size_t);
static int	 doc_intent(struct pdf *, char *, size_t);
static void	 subset_tag(const char *, const struct pdf_cids *, char[7]);
static HPDF_Dict new_stream(struct pdf *, const void *, size_t);
static HPDF_Dict new_dict(struct pdf *);
static uint16_t	 cid_of(struct pdf_cids *, uint32_t);
static void	 cids_free(struct pdf_cids *);
static size_t	 cid_run(const struct pdf_cids *, size_t);
static HPDF_STATUS tounicode_write(struct pdf *, HPDF_Dict,
		    const struct pdf_cids *);
static int	 font_finish(struct pdf *, struct pdf_font *);
static struct pdf_font *font_get(struct pdf *, int);
static int	 font_ready(struct pdf *, struct pdf_font *);
static int	 drawable(struct pdf *, const char *);
static int	 color_ok(struct pdf *, const char *, struct bk_rgb);
static int	 coord_ok(struct pdf *, const char *, double, double);
static int	 set_fill(struct pdf *, struct bk_rgb);
static int	 set_stroke(struct pdf *, struct bk_rgb, double);
static int	 png_check(const char *, const unsigned char *, size_t,
		    char *, size_t);
static int	 file_begin(struct pdf *, const char *, char *, size_t);
static int	 out_write(struct pdf *, const void *, size_t);
static int	 scratch_flush(struct pdf *);
static int	 obj_out(struct pdf *, HPDF_UINT);
static HPDF_UINT obj_id(const void *);
static HPDF_Null stand_in(struct pdf *, void *);
static int	 page_out(struct pdf *, HPDF_Page);
static int	 file_end(struct pdf *);
static int	 file_copy(const char *, const char *, char *, size_t);

static int	 page_pack(struct pdf *);
static int	 op_page_begin(void *, double, double);
static void	 op_text(void *, int, double, struct bk_rgb, double, double,
		    const char *, size_t);
static void	 op_line(void *, double, double, double, double, double,
		    struct bk_rgb);
static void	 op_rect(void *, double, double, double, double, double,
		    struct bk_rgb);
static int	 op_image(void *, const char *, const unsigned char *, size_t,
		    double, double, double, double, char *, size_t);

static const struct bk_ops pdf_table = {
	op_page_begin,
	op_text,
	op_line,
	op_rect,
	op_image,
};

/* ---------------------------------------------------------------- errors */

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

/* Records the first failure of a table call; later ones are dropped. */
static void
sticky(struct pdf *p, const char *fmt, ...)
{
	va_list	 ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
}

/* libharu's error handler: remember the codes, the caller reports them. */
static void
on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct pdf	*p = data;

	p->hcode = code;
	p->hdetail = detail;
}

static const char *
hpdf_text(HPDF_STATUS code)
{
	size_t	 i;

	for (i = 0; i < sizeof(hpdf_errors) / sizeof(hpdf_errors[0]); i++)
		if (hpdf_errors[i].code == code)
			return hpdf_errors[i].text;
	return "libharu error";
}

/*
 * Puts "what: <libharu error>" into err and clears libharu's error state,
 * so that the document stays usable after a failure the caller may skip
 * (a font or an image it cannot load).
 */
static void
hpdf_fail(struct pdf *p, char *err, size_t errlen, const char *what)
{
	HPDF_STATUS	 code = p->hcode;

	if (code == HPDF_OK)
		code = HPDF_GetError(p->doc);
	if (code == HPDF_OK)
		seterr(err, errlen, "%s: libharu failed without an error code",
		    what);
	else
		seterr(err, errlen, "%s: %s (libharu 0x%04X, detail %u)", what,
		    hpdf_text(code), (unsigned)code, (unsigned)p->hdetail);
	HPDF_ResetError(p->doc);
	p->hcode = p->hdetail = HPDF_OK;
}

static void
hpdf_sticky(struct pdf *p, const char *what)
{
	char	 buf[sizeof(p->err)];

	hpdf_fail(p, buf, sizeof(buf), what);
	sticky(p, "%s", buf);
}

/*
 * v (*cap elements of size bytes) with room for need, doubled as it
 * grows: the array to use from now on, or NULL if out of memory (v is
 * then unchanged and still the caller's).
 */
static void *
grow(void *v, size_t *cap, size_t need, size_t size)
{
	size_t	 ncap;

	if (need <= *cap)
		return v;
	for (ncap = *cap ? *cap : 4; ncap < need; ncap *= 2)
		continue;
	if ((v = realloc(v, ncap * size)) != NULL)
		*cap = ncap;
	return v;
}

/* A copy of s to free(), or NULL if out of memory. */
static char *
dupstr(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*d;

	if ((d = malloc(n)) != NULL)
		memcpy(d, s, n);
	return d;
}

/* ----------------------------------------------------------------- UTF-8 */

/*
 * Decodes the UTF-8 sequence at s (n > 0 bytes left) into *cp.  Returns
 * its length, or 0 if it is malformed, overlong, a surrogate or above
 * U+10FFFF.
 */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	 c, min;
	size_t		 len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		c = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		c = s[0] & 0x0F;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/*
 * Checks a docinfo string: valid UTF-8, no more than PDF_FIELD_MAX bytes,
 * only characters that XML 1.0 allows.  Returns 0, or -1 with a message.
 */
static int
text_ok(const char *field, const char *s, char *err, size_t errlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, off, k;
	uint32_t		 c;

	if ((n = strlen(s)) > PDF_FIELD_MAX) {
		seterr(err, errlen, "pdf: docinfo %s is longer than %d bytes",
		    field, PDF_FIELD_MAX);
		return -1;
	}
	for (off = 0; off < n; off += k) {
		if ((k = utf8_next(u + off, n - off, &c)) == 0) {
			seterr(err, errlen, "pdf: docinfo %s is not valid "
			    "UTF-8 (byte %zu)", field, off);
			return -1;
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0xFFFE || c == 0xFFFF) {
			seterr(err, errlen, "pdf: docinfo %s contains the "
			    "control character U+%04X", field, (unsigned)c);
			return -1;
		}
	}
	return 0;
}

/* 1 if s is printable ASCII only, and so a PDFDocEncoding string. */
static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return 0;
	return 1;
}

/* ----------------------------------------------------------- string buf */

static void
sb_xml(struct sbuf *sb, const char *s)
{
	const char	*start;

	for (start = s; *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&apos;";
			break;
		default:
			continue;
		}
		sbuf_addn(sb, start, (size_t)(s - start));
		sbuf_add(sb, rep);
		start = s + 1;
	}
	sbuf_addn(sb, start, (size_t)(s - start));
}

/* --------------------------------------------------------------- metadata */

/*
 * Checks the docinfo and turns its date and digest into the forms the
 * file needs.  Empty strings count as absent.  Returns 0, or -1 with a
 * message in err.
 */
static int
meta_check(const struct bk_docinfo *info, struct meta *m, char *err,
    size_t errlen)
{
	static const int mdays[12] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char	*d;
	int		 y, mo, da, i;

	memset(m, 0, sizeof(*m));
	if (info == NULL) {
		seterr(err, errlen, "pdf: no docinfo");
		return -1;
	}
#define FIELD(f) do {							\
		if (info->f != NULL && info->f[0] != '\0') {		\
			if (text_ok(#f, info->f, err, errlen) == -1)	\
				return -1;				\
			m->f = info->f;					\
		}							\
	} while (0)
	FIELD(title);
	FIELD(author);
	FIELD(subject);
	FIELD(keywords);
#undef FIELD

	if ((d = info->date) != NULL && d[0] != '\0') {
		for (i = 0; i < 10; i++)
			if ((i == 4 || i == 7) ? d[i] != '-' :
			    (d[i] < '0' || d[i] > '9'))
				break;
		if (i < 10 || d[10] != '\0') {
			seterr(err, errlen, "pdf: docinfo date \"%s\" is not "
			    "YYYY-MM-DD", d);
			return -1;
		}
		y = atoi(d);
		mo = atoi(d + 5);
		da = atoi(d + 8);
		if (y < 1 || mo < 1 || mo > 12 || da < 1 ||
		    da > mdays[mo - 1] || (mo == 2 && da == 29 &&
		    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))) {
			seterr(err, errlen, "pdf: docinfo date \"%s\" does "
			    "not exist", d);
			return -1;
		}
		/* The digits are checked: copy them. */
		snprintf(m->pdfdate, sizeof(m->pdfdate), "D:%.4s%.2s%.2s"
		    "000000" PDF_TZ_PDF, d, d + 5, d + 8);
		snprintf(m->xmpdate, sizeof(m->xmpdate), "%.10s"
		    "T00:00:00" PDF_TZ_XMP, d);
	}

	if ((d = info->source_sha256) != NULL && d[0] != '\0') {
		for (i = 0; i < 64; i++) {
			if (d[i] >= '0' && d[i] <= '9')
				m->sha[i] = d[i];
			else if (d[i] >= 'a' && d[i] <= 'f')
				m->sha[i] = d[i];
			else if (d[i] >= 'A' && d[i] <= 'F')
				m->sha[i] = (char)(d[i] - 'A' + 'a');
			else
				break;
		}
		if (i < 64 || d[64] != '\0') {
			seterr(err, errlen, "pdf: docinfo source_sha256 is not "
			    "64 hex digits");
			return -1;
		}
		m->sha[64] = '\0';
	}
	return 0;
}

/*
 * Reads the ICC profile at path whole (at most 1 MiB) into c, for every
 * output intent, once it is one PDF/A-1 can use: version 2, RGB data
 * colour space.  Returns 0, or -1 with a message in err.
 */
static int
icc_load(struct pdf_cache *c, const char *path, char *err, size_t errlen)
{
	unsigned char	*h;
	size_t		 n;
	enum input_err	 why;

	if (path == NULL) {
		seterr(err, errlen, "pdf: no ICC profile for the PDF/A "
		    "output intent");
		return -1;
	}
	if ((h = (unsigned char *)input_slurp(path, 1 << 20, &n, &why)) ==
	    NULL) {
		seterr(err, errlen, "pdf: cannot read ICC profile %s: %s", path,
		    why == INPUT_OPEN || why == INPUT_ERRNO ? strerror(errno) :
		    why == INPUT_TOO_LARGE ? "over 1 MiB" :
		    "not a regular file");
		return -1;
	}
	if (n < 40 || memcmp(h + 36, "acsp", 4) != 0)
		seterr(err, errlen, "pdf: %s is not an ICC profile", path);
	else if (memcmp(h + 16, "RGB ", 4) != 0)
		seterr(err, errlen, "pdf: ICC profile %s is not an RGB "
		    "profile", path);
	else if (h[8] != 2)
		seterr(err, errlen, "pdf: ICC profile %s is version %u; "
		    "PDF/A-1 needs version 2", path, (unsigned)h[8]);
	else {
		c->iccdata = h;
		c->icclen = n;
		return 0;
	}
	free(h);
	return -1;
}

/*
 * The XMP packet: the same values as the Info dictionary, the PDF/A
 * identification, and the dossier's digest as dc:source (a Dublin Core
 * property PDF/A-1 knows, so no extension schema is needed), all in one
 * description.  Returns 0, or -1 if out of memory.
 */
static int
xmp_build(struct sbuf *sb, const struct meta *m)
{
	sbuf_add(sb, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf="
	    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");

	sbuf_add(sb, "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	    "<dc:format>application/pdf</dc:format>\n");
	if (m->title != NULL) {
		sbuf_add(sb, "<dc:title><rdf:Alt>"
		    "<rdf:li xml:lang=\"x-default\">");
		sb_xml(sb, m->title);
		sbuf_add(sb, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (m->author != NULL) {
		sbuf_add(sb, "<dc:creator><rdf:Seq><rdf:li>");
		sb_xml(sb, m->author);
		sbuf_add(sb, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (m->subject != NULL) {
		sbuf_add(sb, "<dc:description><rdf:Alt>"
		    "<rdf:li xml:lang=\"x-default\">");
		sb_xml(sb, m->subject);
		sbuf_add(sb, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	/* The dossier the file was made from, by its digest. */
	if (m->sha[0] != '\0') {
		sbuf_add(sb, "<dc:source>" PDF_SOURCE_PREFIX);
		sbuf_add(sb, m->sha);
		sbuf_add(sb, "</dc:source>\n");
	}
	sbuf_add(sb, "<xmp:CreatorTool>" PDF_CREATOR "</xmp:CreatorTool>\n");
	if (m->xmpdate[0] != '\0') {
		sbuf_add(sb, "<xmp:CreateDate>");
		sbuf_add(sb, m->xmpdate);
		sbuf_add(sb, "</xmp:CreateDate>\n<xmp:ModifyDate>");
		sbuf_add(sb, m->xmpdate);
		sbuf_add(sb, "</xmp:ModifyDate>\n");
	}
	sbuf_add(sb, "<pdf:Producer>");
	sb_xml(sb, PDF_PRODUCER);
	sbuf_add(sb, "</pdf:Producer>\n");
	if (m->keywords != NULL) {
		sbuf_add(sb, "<pdf:Keywords>");
		sb_xml(sb, m->keywords);
		sbuf_add(sb, "</pdf:Keywords>\n");
	}
	sbuf_add(sb, "<pdfaid:part>1</pdfaid:part>\n"
	    "<pdfaid:conformance>B</pdfaid:conformance>\n"
	    "</rdf:Description>\n");
	sbuf_add(sb, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	return sb->nomem ? -1 : 0;
}

/*
 * Sets key of the Info dictionary to a text string: PDFDocEncoding when
 * printable ASCII, else UTF-16BE with a byte order mark.  Returns a
 * libharu status.
 */
static HPDF_STATUS
info_text(struct pdf *p, const char *key, const char *utf8)
{
	const unsigned char	*u = (const unsigned char *)utf8;
	unsigned char		*b;
	size_t			 n, off, k, len;
	uint32_t		 c;
	HPDF_Binary		 bin;

	if (is_ascii(utf8))
		return info_ascii(p, key, utf8);
	n = strlen(utf8);
	/* At most 2 bytes of UTF-16 for each byte of UTF-8, plus the BOM. */
	if ((b = malloc(2 * n + 2)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	len = 0;
	b[len++] = 0xFE;
	b[len++] = 0xFF;
	for (off = 0; off < n; off += k) {
		k = utf8_next(u + off, n - off, &c);	/* checked before */
		if (c >= 0x10000) {
			c -= 0x10000;
			b[len++] = (unsigned char)(0xD8 | (c >> 18));
			b[len++] = (unsigned char)(c >> 10);
			c = 0xDC00 | (c & 0x3FF);
		}
		b[len++] = (unsigned char)(c >> 8);
		b[len++] = (unsigned char)c;
	}
	bin = HPDF_Binary_New(p->doc->mmgr, b, (HPDF_UINT)len);
	free(b);
	if (bin == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return HPDF_Dict_Add(p->doc->info, key, bin);
}

static HPDF_STATUS
info_ascii(struct pdf *p, const char *key, const char *s)
{
	HPDF_String	 str;

	if ((str = HPDF_String_New(p->doc->mmgr, s, NULL)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return HPDF_Dict_Add(p->doc->info, key, str);
}

/*
 * PDF/A-1b conformance with the document's own Info and XMP, and a zero
 * /ID that pdf_save() replaces.  Returns 0, or -1 with a message.
 */
static int
doc_meta(struct pdf *p, const struct meta *m, char *err, size_t errlen)
{
	HPDF_BYTE	 zero[PDF_ID_LEN] = { 0 };
	HPDF_Array	 id;
	HPDF_Dict	 md;
	HPDF_Stream	 st;
	struct sbuf	 sb;
	HPDF_STATUS	 rc;

	/*
	 * HPDF_PDFA_SetPDFAConformance() would put a clock-derived /ID in
	 * the trailer unless one is there, so the placeholder comes first.
	 */
	if ((id = HPDF_Array_New(p->doc->mmgr)) == NULL ||
	    HPDF_Dict_Add(p->doc->trailer, "ID", id) != HPDF_OK ||
	    HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, zero,
	    PDF_ID_LEN)) != HPDF_OK ||
	    HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, zero,
	    PDF_ID_LEN)) != HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: trailer /ID");
		return -1;
	}

	/*
	 * libharu builds its XMP from the Info values set so far; only
	 * Creator and Producer are set now, as its XMP is replaced below.
	 */
	if (HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, PDF_CREATOR) !=
	    HPDF_OK || HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER,
	    PDF_PRODUCER) != HPDF_OK ||
	    HPDF_PDFA_SetPDFAConformance(p->doc, HPDF_PDFA_1B) != HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: PDF/A-1b conformance");
		return -1;
	}

	memset(&sb, 0, sizeof(sb));
	if (xmp_build(&sb, m) == -1) {
		free(sb.s);
		seterr(err, errlen, "pdf: out of memory");
		return -1;
	}
	md = HPDF_Dict_GetItem(p->doc->catalog, "Metadata", HPDF_OCLASS_DICT);
	if (md == NULL || (st = md->stream) == NULL) {
		free(sb.s);
		hpdf_fail(p, err, errlen, "pdf: no XMP stream from libharu");
		return -1;
	}
	HPDF_MemStream_FreeData(st);
	rc = HPDF_Stream_Write(st, (const HPDF_BYTE *)sb.s,
	    (HPDF_UINT)sb.len);
	free(sb.s);
	/* libharu writes "SubType"; the key is "Subtype".  No filter. */
	if (rc == HPDF_OK &&
	    HPDF_Dict_GetItem(md, "SubType", HPDF_OCLASS_NAME) != NULL)
		rc = HPDF_Dict_RemoveElement(md, "SubType");
	if (rc == HPDF_OK)
		rc = HPDF_Dict_AddName(md, "Subtype", "XML");
	md->filter = HPDF_STREAM_FILTER_NONE;
	if (rc != HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: XMP stream");
		return -1;
	}

	if (m->title != NULL)
		rc = info_text(p, "Title", m->title);
	if (rc == HPDF_OK && m->author != NULL)
		rc = info_text(p, "Author", m->author);
	/*
	 * Subject and Keywords are in the XMP only: PDF/A-1 wants each Info
	 * entry in the XMP, not the reverse, and in UTF-16 hex they would
	 * cost a certificate some 600 bytes more.
	 */
	if (rc == HPDF_OK && m->pdfdate[0] != '\0')
		rc = info_ascii(p, "CreationDate", m->pdfdate);
	if (rc == HPDF_OK && m->pdfdate[0] != '\0')
		rc = info_ascii(p, "ModDate", m->pdfdate);
	if (rc != HPDF_OK) {
		if (p->hcode == HPDF_OK)
			p->hcode = rc;
		hpdf_fail(p, err, errlen, "pdf: Info dictionary");
		return -1;
	}
	return 0;
}

/* The sRGB output intent.  Returns 0, or -1 with a message. */
static int
doc_intent(struct pdf *p, char *err, size_t errlen)
{
	const struct pdf_cache	*c = p->cache;
	HPDF_Dict		 icc;
	HPDF_Array		 intents;
	HPDF_Dict		 intent;

	if ((icc = new_stream(p, c->iccdata, c->icclen)) == NULL ||
	    HPDF_Dict_AddNumber(icc, "N", 3) != HPDF_OK ||
	    HPDF_Dict_AddName(icc, "Alternate", "DeviceRGB") != HPDF_OK ||
	    HPDF_PDFA_AppendOutputIntents(p->doc, PDF_ICC_NAME, icc) !=
	    HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: ICC output intent");
		return -1;
	}
	intents = HPDF_Dict_GetItem(p->doc->catalog, "OutputIntents",
	    HPDF_OCLASS_ARRAY);
	intent = intents == NULL ? NULL :
	    HPDF_Array_GetItem(intents, 0, HPDF_OCLASS_DICT);
	if (intent == NULL) {
		hpdf_fail(p, err, errlen, "pdf: no output intent from libharu");
		return -1;
	}
	/* libharu 2.3.0 spells the key with a trailing space. */
	if (HPDF_Dict_GetItem(intent, "DestOutputProfile ",
	    HPDF_OCLASS_DICT) != NULL &&
	    HPDF_Dict_RemoveElement(intent, "DestOutputProfile ") != HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: output intent");
		return -1;
	}
	if (HPDF_Dict_Add(intent, "DestOutputProfile", icc) != HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: output intent");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ fonts */

/*
 * The CID of code point c in cids, given the next number on first use.
 * Returns 0 if out of memory or of CIDs.
 */
static uint16_t
cid_of(struct pdf_cids *ci, uint32_t c)
{
	uint16_t	**pg = &ci->page[(c >> 8) & 0xFF], *ncp;

	if (*pg == NULL && (*pg = calloc(256, sizeof(**pg))) == NULL)
		return 0;
	if ((*pg)[c & 0xFF] != 0)
		return (*pg)[c & 0xFF];
	if (ci->n >= PDF_MAX_CIDS)
		return 0;
	if ((ncp = grow(ci->cp, &ci->cap, ci->n + 1, sizeof(*ncp))) == NULL)
		return 0;
	ci->cp = ncp;
	ci->cp[ci->n++] = (uint16_t)c;
	return (*pg)[c & 0xFF] = (uint16_t)ci->n;
}

static void
cids_free(struct pdf_cids *ci)
{
	size_t	 i;

	for (i = 0; i < 256; i++)
		free(ci->page[i]);
	free(ci->cp);
}

/*
 * The length of the run of CIDs from i (1-based) whose code points step by
 * one with them, within one block of 256 on both sides (a bfrange may
 * change only the last byte of its codes).
 */
static size_t
cid_run(const struct pdf_cids *ci, size_t i)
{
	size_t	 e = i;

	while (e < ci->n && ci->cp[e] == ci->cp[e - 1] + 1 &&
	    (e + 1) % 256 != 0 && (ci->cp[e] & 0xFF) != 0)
		e++;
	return e - i + 1;
}

/*
 * Writes the text of a ToUnicode CMap into the stream of cm: each CID of
 * ci, a 2-byte code, maps to its code point in UTF-16; single codes as
 * bfchar, runs as bfrange, in blocks of at most 100 as the CMap format
 * wants.  Returns a libharu status.
 */
static HPDF_STATUS
tounicode_write(struct pdf *p, HPDF_Dict cm, const struct pdf_cids *ci)
{
	struct sbuf	 sb;
	char		 line[64];
	size_t		 i, len, nchar, nrange, left, inblock;
	int		 pass;
	HPDF_STATUS	 rc;

	memset(&sb, 0, sizeof(sb));
	sbuf_add(&sb, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	nchar = nrange = 0;
	for (i = 1; i <= ci->n; i += len)
		if ((len = cid_run(ci, i)) == 1)
			nchar++;
		else
			nrange++;
	for (pass = 0; pass < 2; pass++) {
		left = pass == 0 ? nchar : nrange;
		inblock = 0;
		for (i = 1; left > 0 && i <= ci->n; i += len) {
			len = cid_run(ci, i);
			if ((len == 1) != (pass == 0))
				continue;
			if (inblock == 0) {
				snprintf(line, sizeof(line), "%zu %s\n",
				    left < 100 ? left : 100, pass == 0 ?
				    "beginbfchar" : "beginbfrange");
				sbuf_add(&sb, line);
			}
			if (pass == 0)
				snprintf(line, sizeof(line), "<%04X> <%04X>\n",
				    (unsigned)i, (unsigned)ci->cp[i - 1]);
			else
				snprintf(line, sizeof(line),
				    "<%04X> <%04X> <%04X>\n", (unsigned)i,
				    (unsigned)(i + len - 1),
				    (unsigned)ci->cp[i - 1]);
			sbuf_add(&sb, line);
			left--;
			if (++inblock == 100 || left == 0) {
				sbuf_add(&sb, pass == 0 ? "endbfchar\n" :
				    "endbfrange\n");
				inblock = 0;
			}
		}
	}
	sbuf_add(&sb, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	if (sb.nomem) {
		free(sb.s);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	rc = stream_put(p, cm, sb.s, sb.len, 1);
	free(sb.s);
	return rc;
}

/*
 * The six capital letters that name a subset (ISO 32000 9.6.4): a digest
 * of the face's name and of its CIDs' code points, so that the same
 * drawing gives the same name and different subsets of one face are told
 * apart.
 */
static void
subset_tag(const char *hname, const struct pdf_cids *ci, char tag[7])
{
	uint64_t	 h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	size_t		 i;
	int		 k;

	for (i = 0; hname[i] != '\0'; i++)
		h = (h ^ (unsigned char)hname[i]) * 0x100000001b3ULL;
	for (i = 0; i < ci->n; i++) {
		h = (h ^ (ci->cp[i] >> 8)) * 0x100000001b3ULL;
		h = (h ^ (ci->cp[i] & 0xFF)) * 0x100000001b3ULL;
	}
	for (k = 0; k < 6; k++) {
		tag[k] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/*
 * Puts len bytes of data as the content of the stream object d, in a
 * memory stream of exactly that size (libharu's own grow by 4 KiB), to
 * be deflated when the file is written if compress is set.  Returns a
 * libharu status.
 */
static HPDF_STATUS
stream_put(struct pdf *p, HPDF_Dict d, const void *data, size_t len,
    int compress)
{
	HPDF_Stream	 st;

	if ((st = HPDF_MemStream_New(p->doc->mmgr,
	    (HPDF_UINT)(len > 0 ? len : 1))) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	if (len > 0 && HPDF_Stream_Write(st, data, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(st);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	if (d->stream != NULL)
		HPDF_Stream_Free(d->stream);
	d->stream = st;
	d->filter = compress ? HPDF_STREAM_FILTER_FLATE_DECODE :
	    HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

/* A new stream object of the document, compressed.  NULL on failure. */
static HPDF_Dict
new_stream(struct pdf *p, const void *data, size_t len)
{
	HPDF_Dict	 d;

	if ((d = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref)) == NULL)
		return NULL;
	if (data != NULL && stream_put(p, d, data, len, 1) != HPDF_OK)
		return NULL;
	d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return d;
}

/* A new indirect dictionary of the document.  NULL on failure. */
static HPDF_Dict
new_dict(struct pdf *p)
{
	HPDF_Dict	 d;

	if ((d = HPDF_Dict_New(p->doc->mmgr)) == NULL ||
	    HPDF_Xref_Add(p->doc->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/*
 * Completes the Type0 font of f before the document is written, for the
 * code points drawn with its face under any of our names: a CIDFontType2
 * whose FontFile2 is a real subset of the face (ttf_subset_new()) with
 * glyph i for CID i, so that its CIDToGIDMap is the identity and /W one
 * run; a descriptor with the CapHeight and CIDSet PDF/A-1 wants; and a
 * ToUnicode CMap back to the code points.
 * Returns 0, or -1 with the document failed.
 */
static int
font_finish(struct pdf *p, struct pdf_font *f)
{
	const struct font_face *face = font_set_face(p->cache->fs, f->face);
	const struct pdf_cids *ci = &f->cids;
	HPDF_MMgr	 mm = p->doc->mmgr;
	HPDF_Box	 bbox;
	HPDF_Dict	 cid, desc, csi, set, ff, cm;
	HPDF_Array	 w, run, kids;
	unsigned char	*bits = NULL;
	uint16_t	*glyphs = NULL;
	struct ttf_subset *sub = NULL;
	char		 why[256], tag[7], base[HPDF_LIMIT_MAX_NAME_LEN + 8];
	size_t		 i, nbits;
	HPDF_STATUS	 st = HPDF_OK;
	int		 rc = -1;

	nbits = (ci->n + 1 + 7) / 8;
	if ((glyphs = calloc(ci->n + 1, sizeof(*glyphs))) == NULL ||
	    (bits = calloc(nbits, 1)) == NULL) {
		sticky(p, "pdf: out of memory");
		goto out;
	}
	for (i = 0; i < ci->n; i++)
		glyphs[i] = face->gid[ci->cp[i]];
	if ((sub = ttf_subset_new(face->ttf, glyphs, ci->n, why,
	    sizeof(why))) == NULL) {
		sticky(p, "pdf: font %s (%s): cannot subset it: %s", face->name,
		    face->path, why);
		goto out;
	}
	subset_tag(face->name, ci, tag);
	snprintf(base, sizeof(base), "%s+%s", tag, face->name);
	bbox.left = (HPDF_REAL)face->bbox[0];
	bbox.bottom = (HPDF_REAL)face->bbox[1];
	bbox.right = (HPDF_REAL)face->bbox[2];
	bbox.top = (HPDF_REAL)face->bbox[3];

	/* CIDSet: CID 0 (.notdef) and the CIDs drawn, 1 to n. */
	for (i = 0; i <= ci->n; i++)
		bits[i >> 3] |= (unsigned char)(0x80 >> (i & 7));

	if ((w = HPDF_Array_New(mm)) == NULL ||
	    (run = HPDF_Array_New(mm)) == NULL ||
	    (desc = new_dict(p)) == NULL ||
	    (ff = new_stream(p, sub->data, sub->len)) == NULL ||
	    (set = new_stream(p, NULL, 0)) == NULL ||
	    stream_put(p, set, bits, nbits, 0) != HPDF_OK ||
	    (cm = new_stream(p, NULL, 0)) == NULL ||
	    (cid = new_dict(p)) == NULL ||
	    (csi = HPDF_Dict_New(mm)) == NULL ||
	    (kids = HPDF_Array_New(mm)) == NULL) {
		st = HPDF_FAILD_TO_ALLOC_MEM;
		goto fail;
	}
	/* W: the widths the text was measured with. */
	if ((st = HPDF_Array_AddNumber(w, 1)) != HPDF_OK ||
	    (st = HPDF_Array_Add(w, run)) != HPDF_OK)
		goto fail;
	for (i = 0; st == HPDF_OK && i < ci->n; i++)
		st = HPDF_Array_AddNumber(run, face->width[ci->cp[i]]);
	if (st != HPDF_OK ||
	    (st = HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)sub->len)) ||
	    (st = HPDF_Dict_AddName(desc, "Type", "FontDescriptor")) ||
	    (st = HPDF_Dict_AddName(desc, "FontName", base)) ||
	    (st = HPDF_Dict_AddNumber(desc, "Flags", face->flags)) ||
	    (st = HPDF_Dict_Add(desc, "FontBBox",
	    HPDF_Box_Array_New(mm, bbox))) ||
	    (st = HPDF_Dict_AddNumber(desc, "ItalicAngle",
	    face->italic_angle)) ||
	    (st = HPDF_Dict_AddNumber(desc, "Ascent", face->ascent)) ||
	    (st = HPDF_Dict_AddNumber(desc, "Descent", face->descent)) ||
	    (st = HPDF_Dict_AddNumber(desc, "CapHeight",
	    face->cap_height > 0 ? face->cap_height : face->ascent)) ||
	    (st = HPDF_Dict_AddNumber(desc, "StemV", face->stemv)) ||
	    (st = HPDF_Dict_Add(desc, "FontFile2", ff)) ||
	    (st = HPDF_Dict_Add(desc, "CIDSet", set)) ||
	    (st = HPDF_Dict_AddName(cid, "Type", "Font")) ||
	    (st = HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2")) ||
	    (st = HPDF_Dict_AddName(cid, "BaseFont", base)) ||
	    (st = HPDF_Dict_Add(cid, "CIDSystemInfo", csi)) ||
	    (st = HPDF_Dict_Add(csi, "Registry",
	    HPDF_String_New(mm, "Adobe", NULL))) ||
	    (st = HPDF_Dict_Add(csi, "Ordering",
	    HPDF_String_New(mm, "Identity", NULL))) ||
	    (st = HPDF_Dict_AddNumber(csi, "Supplement", 0)) ||
	    (st = HPDF_Dict_Add(cid, "FontDescriptor", desc)) ||
	    (st = HPDF_Dict_Add(cid, "W", w)) ||
	    (st = HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity")) ||
	    (st = tounicode_write(p, cm, ci)) ||
	    (st = HPDF_Array_Add(kids, cid)) ||
	    (st = HPDF_Dict_AddName(f->font, "BaseFont", base)) ||
	    (st = HPDF_Dict_Add(f->font, "DescendantFonts", kids)) ||
	    (st = HPDF_Dict_Add(f->font, "ToUnicode", cm)))
		goto fail;
	rc = 0;
	goto out;
fail:
	if (p->hcode == HPDF_OK)
		p->hcode = st;
	hpdf_sticky(p, "pdf: writing a font");
out:
	free(glyphs);
	free(bits);
	ttf_subset_free(sub);
	return rc;
}

/*
 * The font of the document for face of the cache's set, added after the
 * others on its first use.  NULL, with the document failed, if the set
 * has no such face or memory runs out.
 */
static struct pdf_font *
font_get(struct pdf *p, int face)
{
	struct pdf_font	*nf;
	size_t		 i;

	for (i = 0; i < p->nfonts; i++)
		if (p->fonts[i].face == face)
			return &p->fonts[i];
	if (font_set_face(p->cache->fs, face) == NULL) {
		sticky(p, "pdf: no face %d in the face set", face);
		return NULL;
	}
	if ((nf = grow(p->fonts, &p->fontsz, p->nfonts + 1,
	    sizeof(*nf))) == NULL) {
		sticky(p, "pdf: out of memory");
		return NULL;
	}
	p->fonts = nf;
	memset(&p->fonts[p->nfonts], 0, sizeof(*nf));
	p->fonts[p->nfonts].face = face;
	return &p->fonts[p->nfonts++];
}

/*
 * Makes the Type0 font object of f once it is drawn, so that a face that
 * is only loaded or measured costs nothing in the file; font_finish()
 * completes it.  Returns 0, or -1 with the document failed.
 */
static int
font_ready(struct pdf *p, struct pdf_font *f)
{
	if (f->font != NULL)
		return 0;
	if (p->finished) {
		sticky(p, "pdf: font %s used after the document was saved",
		    font_set_face(p->cache->fs, f->face)->name);
		return -1;
	}
	if ((f->font = new_dict(p)) == NULL ||
	    HPDF_Dict_AddName(f->font, "Type", "Font") != HPDF_OK ||
	    HPDF_Dict_AddName(f->font, "Subtype", "Type0") != HPDF_OK ||
	    HPDF_Dict_AddName(f->font, "Encoding", "Identity-H") != HPDF_OK) {
		f->font = NULL;
		hpdf_sticky(p, "pdf: making the PDF font");
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- drawing */

static int
drawable(struct pdf *p, const char *op)
{
	if (p->failed)
		return 0;
	if (p->finished) {
		sticky(p, "pdf: %s after the document was saved", op);
		return 0;
	}
	if (p->page == NULL) {
		sticky(p, "pdf: %s before any page", op);
		return 0;
	}
	return 1;
}

static int
color_ok(struct pdf *p, const char *op, struct bk_rgb c)
{
	if (c.r >= 0.0 && c.r <= 1.0 && c.g >= 0.0 && c.g <= 1.0 &&
	    c.b >= 0.0 && c.b <= 1.0)
		return 1;
	sticky(p, "pdf: %s: colour (%g, %g, %g) out of 0..1", op,
	    c.r, c.g, c.b);
	return 0;
}

static int
coord_ok(struct pdf *p, const char *op, double a, double b)
{
	if (isfinite(a) && isfinite(b) && fabs(a) < 1e5 && fabs(b) < 1e5)
		return 1;
	sticky(p, "pdf: %s: coordinate (%g, %g) out of range", op, a, b);
	return 0;
}

static int
set_fill(struct pdf *p, struct bk_rgb c)
{
	if (p->gs_hasfill && p->gs_fill.r == c.r && p->gs_fill.g == c.g &&
	    p->gs_fill.b == c.b)
		return 0;
	if (HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g,
	    (HPDF_REAL)c.b) != HPDF_OK) {
		hpdf_sticky(p, "pdf: fill colour");
		return -1;
	}
	p->gs_fill = c;
	p->gs_hasfill = 1;
	return 0;
}

static int
set_stroke(struct pdf *p, struct bk_rgb c, double width)
{
	if (!p->gs_haslw || p->gs_lw != width) {
		if (HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width) !=
		    HPDF_OK) {
			hpdf_sticky(p, "pdf: line width");
			return -1;
		}
		p->gs_lw = width;
		p->gs_haslw = 1;
	}
	if (p->gs_hasstroke && p->gs_stroke.r == c.r &&
	    p->gs_stroke.g == c.g && p->gs_stroke.b == c.b)
		return 0;
	if (HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g,
	    (HPDF_REAL)c.b) != HPDF_OK) {
		hpdf_sticky(p, "pdf: stroke colour");
		return -1;
	}
	p->gs_stroke = c;
	p->gs_hasstroke = 1;
	return 0;
}

/*
 * The finished page's content stream, moved into a stream of its own
 * size: a page waiting in memory for the file to be written is its
 * content, not libharu's 4 KiB blocks, which matters for a print file of
 * thousands of pages.  Returns 0, or -1 with the document failed.
 */
static int
page_pack(struct pdf *p)
{
	HPDF_PageAttr	 attr;
	HPDF_Page	 page;
	HPDF_Stream	 st;
	unsigned char	*raw;
	HPDF_UINT32	 n;
	HPDF_UINT	 got;
	HPDF_STATUS	 rc;

	if (p->page == NULL || p->failed)
		return p->failed ? -1 : 0;
	attr = (HPDF_PageAttr)p->page->attr;
	st = attr->contents->stream;
	n = HPDF_Stream_Size(st);
	if ((raw = malloc(n > 0 ? n : 1)) == NULL) {
		sticky(p, "pdf: out of memory");
		return -1;
	}
	got = n;
	rc = n == 0 ? HPDF_OK : HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET);
	if (rc == HPDF_OK && n > 0)
		rc = HPDF_Stream_Read(st, raw, &got);
	if (rc == HPDF_OK && got == n)
		rc = stream_put(p, attr->contents, raw, n, 1);
	free(raw);
	if (rc != HPDF_OK || got != n) {
		if (p->hcode == HPDF_OK)
			p->hcode = rc;
		hpdf_sticky(p, "pdf: page content");
		return -1;
	}
	attr->stream = attr->contents->stream;
	page = p->page;
	p->page = NULL;
	return p->out != NULL ? page_out(p, page) : 0;
}

static int
op_page_begin(void *dev, double w, double h)
{
	struct pdf	*p = dev;

	if (p->failed)
		return -1;
	if (p->finished) {
		sticky(p, "pdf: page_begin after the document was saved");
		return -1;
	}
	if (!(w >= HPDF_MIN_PAGE_SIZE && w <= HPDF_MAX_PAGE_SIZE &&
	    h >= HPDF_MIN_PAGE_SIZE && h <= HPDF_MAX_PAGE_SIZE)) {
		sticky(p, "pdf: page size %g x %g pt out of %d..%d", w, h,
		    HPDF_MIN_PAGE_SIZE, HPDF_MAX_PAGE_SIZE);
		return -1;
	}
	if (page_pack(p) == -1)
		return -1;
	if ((p->page = HPDF_AddPage(p->doc)) == NULL ||
	    HPDF_Page_SetWidth(p->page, (HPDF_REAL)w) != HPDF_OK ||
	    HPDF_Page_SetHeight(p->page, (HPDF_REAL)h) != HPDF_OK) {
		p->page = NULL;
		hpdf_sticky(p, "pdf: page_begin");
		return -1;
	}
	p->npages++;
	p->gs_font = NULL;
	p->gs_hasfill = p->gs_hasstroke = p->gs_haslw = 0;
	return 0;
}

/*
 * Appends to buf the decimal form of v with at most five digits after
 * the point and no trailing zero, whatever the locale.
 */
static void
num_add(struct sbuf *sb, double v)
{
	char		 b[40];
	long long	 n = llround(v * 100000.0);
	int		 len, frac;

	if (n < 0) {
		sbuf_add(sb, "-");
		n = -n;
	}
	len = snprintf(b, sizeof(b), "%lld", n / 100000);
	sbuf_addn(sb, b, (size_t)len);
	if ((frac = (int)(n % 100000)) != 0) {
		len = snprintf(b, sizeof(b), ".%05d", frac);
		while (b[len - 1] == '0')
			len--;
		sbuf_addn(sb, b, (size_t)len);
	}
}

/*
 * The operators that draw len bytes of UTF-8 at (x, y) with f at size,
 * into p->text (p->textlen bytes): the font, if it changed, and a text
 * object whose string is the code points as 2-byte CIDs in hex.  The text
 * is valid UTF-8 of the BMP (op_text() checked it).  Returns 0, or -1 if
 * out of memory.
 */
static int
text_ops(struct pdf *p, struct pdf_font *f, double size, double x, double y,
    const unsigned char *u, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sbuf	 sb = { p->text, 0, p->textsz, 0 };
	char		 cid[4];
	size_t		 off, k;
	uint32_t	 c;

	if (p->gs_font != f->font || p->gs_size != size) {
		const char *name = HPDF_Page_GetLocalFontName(p->page,
		    f->font);

		if (name == NULL)
			return -1;
		sbuf_add(&sb, "/");
		sbuf_add(&sb, name);
		sbuf_add(&sb, " ");
		num_add(&sb, size);
		sbuf_add(&sb, " Tf\n");
		p->gs_font = f->font;
		p->gs_size = size;
	}
	sbuf_add(&sb, "BT\n");
	num_add(&sb, x);
	sbuf_add(&sb, " ");
	num_add(&sb, y);
	sbuf_add(&sb, " Td\n<");
	for (off = 0; off < len; off += k) {
		k = utf8_next(u + off, len - off, &c);
		if ((c = cid_of(&f->cids, c)) == 0)
			return -1;
		cid[0] = hex[(c >> 12) & 15];
		cid[1] = hex[(c >> 8) & 15];
		cid[2] = hex[(c >> 4) & 15];
		cid[3] = hex[c & 15];
		sbuf_addn(&sb, cid, 4);
	}
	sbuf_add(&sb, "> Tj\nET\n");
	p->text = sb.s;
	p->textsz = sb.cap;
	p->textlen = sb.len;
	return sb.nomem ? -1 : 0;
}

static void
op_text(void *dev, int font, double size, struct bk_rgb color, double x,
    double y, const char *utf8, size_t len)
{
	struct pdf		*p = dev;
	struct pdf_font		*f;
	const unsigned char	*u = (const unsigned char *)utf8;
	size_t			 off, k;
	uint32_t		 c;

	if (!drawable(p, "text") || (f = font_get(p, font)) == NULL ||
	    !color_ok(p, "text", color) || !coord_ok(p, "text", x, y))
		return;
	if (!(size > 0.0 && size <= HPDF_MAX_FONTSIZE)) {
		sticky(p, "pdf: text: font size %g out of 0..%d", size,
		    HPDF_MAX_FONTSIZE);
		return;
	}
	if (len == 0)
		return;
	if (len > HPDF_LIMIT_MAX_STRING_LEN) {
		sticky(p, "pdf: text: run of %zu bytes is too long", len);
		return;
	}
	for (off = 0; off < len; off += k) {
		if ((k = utf8_next(u + off, len - off, &c)) == 0) {
			sticky(p, "pdf: text: invalid UTF-8 at byte %zu of "
			    "a run of %zu bytes", off, len);
			return;
		}
		if (!font_has_glyph(p->cache->fs, font, c)) {
			sticky(p, "pdf: text: font %s has no glyph for "
			    "U+%04X in \"%.*s\"",
			    font_set_face(p->cache->fs, font)->name,
			    (unsigned)c, (int)len, utf8);
			return;
		}
	}
	if (font_ready(p, f) == -1 || set_fill(p, color) == -1)
		return;
	if (text_ops(p, f, size, x, y, u, len) == -1)
		sticky(p, "pdf: out of memory");
	else if (HPDF_Stream_Write(((HPDF_PageAttr)p->page->attr)->stream,
	    (const HPDF_BYTE *)p->text, (HPDF_UINT)p->textlen) != HPDF_OK)
		hpdf_sticky(p, "pdf: text");
}

static void
op_line(void *dev, double x1, double y1, double x2, double y2, double width,
    struct bk_rgb color)
{
	struct pdf	*p = dev;

	if (!drawable(p, "line") || !color_ok(p, "line", color) ||
	    !coord_ok(p, "line", x1, y1) || !coord_ok(p, "line", x2, y2))
		return;
	if (!(width >= 0.0 && width < 1000.0)) {
		sticky(p, "pdf: line: width %g out of range", width);
		return;
	}
	if (set_stroke(p, color, width) == -1)
		return;
	if (HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y1) !=
	    HPDF_OK ||
	    HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, (HPDF_REAL)y2) !=
	    HPDF_OK ||
	    HPDF_Page_Stroke(p->page) != HPDF_OK)
		hpdf_sticky(p, "pdf: line");
}

static void
op_rect(void *dev, double x, double y, double w, double h, double width,
    struct bk_rgb color)
{
	struct pdf	*p = dev;
	HPDF_STATUS	 st;

	if (!drawable(p, "rect") || !color_ok(p, "rect", color) ||
	    !coord_ok(p, "rect", x, y) || !coord_ok(p, "rect", w, h))
		return;
	if (!(width >= 0.0 && width < 1000.0)) {
		sticky(p, "pdf: rect: width %g out of range", width);
		return;
	}
	if (width > 0.0) {
		if (set_stroke(p, color, width) == -1)
			return;
	} else if (set_fill(p, color) == -1)
		return;
	st = HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h);
	if (st == HPDF_OK)
		st = width > 0.0 ? HPDF_Page_Stroke(p->page) :
		    HPDF_Page_Fill(p->page);
	if (st != HPDF_OK)
		hpdf_sticky(p, "pdf: rect");
}

/*
 * Walks the chunks of a PNG (len bytes at b) up to its image data and
 * refuses what PDF/A-1 cannot hold: an alpha channel or a tRNS chunk
 * would need a soft mask, which is transparency, and libharu would keep
 * 16 bits per channel, which PDF 1.4 lacks.  A guard only: the bytes
 * were decoded whole before (png_in_check(), backend.h).  Returns 0, or
 * -1 with a message in err.
 */
static int
png_check(const char *name, const unsigned char *b, size_t len, char *err,
    size_t errlen)
{
	static const unsigned char sig[8] =
	    { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	unsigned long	 clen;
	size_t		 off = 8;
	int		 seen = 0;

	if (b == NULL || len < 8 || memcmp(b, sig, 8) != 0) {
		seterr(err, errlen, "pdf: image %s is not a PNG file", name);
		return -1;
	}
	for (;;) {
		if (len - off < 8) {
			seterr(err, errlen, "pdf: image %s: PNG ends before "
			    "its image data", name);
			return -1;
		}
		clen = (unsigned long)b[off] << 24 |
		    (unsigned long)b[off + 1] << 16 |
		    (unsigned long)b[off + 2] << 8 | b[off + 3];
		if (clen > len - off - 8 || len - off - 8 - clen < 4) {
			seterr(err, errlen, "pdf: image %s: corrupt PNG chunk",
			    name);
			return -1;
		}
		if (memcmp(b + off + 4, "IHDR", 4) == 0) {
			if (clen != 13) {
				seterr(err, errlen, "pdf: image %s: corrupt "
				    "PNG header", name);
				return -1;
			}
			if (b[off + 17] == 4 || b[off + 17] == 6) {
				seterr(err, errlen, "pdf: image %s has an "
				    "alpha channel; PDF/A-1 forbids "
				    "transparency, so flatten it onto its "
				    "background (e.g. white) first", name);
				return -1;
			}
			if (b[off + 16] == 16) {
				seterr(err, errlen, "pdf: image %s has 16 "
				    "bits per channel; PDF/A-1 (PDF 1.4) "
				    "allows 8, so save it with 8", name);
				return -1;
			}
			seen = 1;
		} else if (memcmp(b + off + 4, "tRNS", 4) == 0) {
			seterr(err, errlen, "pdf: image %s has a transparent "
			    "colour (tRNS); PDF/A-1 forbids transparency, so "
			    "flatten it first", name);
			return -1;
		} else if (memcmp(b + off + 4, "IDAT", 4) == 0) {
			if (!seen) {
				seterr(err, errlen, "pdf: image %s: PNG has "
				    "no header", name);
				return -1;
			}
			return 0;
		}
		off += 8 + clen + 4;
	}
}

static int
op_image(void *dev, const char *name, const unsigned char *png, size_t len,
    double x, double y, double w, double h, char *err, size_t errlen)
{
	struct pdf		*p = dev;
	struct pdf_image	*im, *ni;
	size_t			 i;

	if (!drawable(p, "image") || !coord_ok(p, "image", x, y) ||
	    !coord_ok(p, "image", w, h)) {
		seterr(err, errlen, "%s", p->err);
		return -1;
	}
	if (!(w > 0.0 && h > 0.0)) {
		seterr(err, errlen, "pdf: image %s: empty box %g x %g",
		    name, w, h);
		return -1;
	}
	im = NULL;
	for (i = 0; i < p->nimgs; i++)
		if (p->imgs[i].png == png) {
			im = &p->imgs[i];
			break;
		}
	if (im == NULL) {
		if (png_check(name, png, len, err, errlen) == -1)
			return -1;
		if (len > 0xFFFFFFFFUL) {
			seterr(err, errlen, "pdf: image %s is too large", name);
			return -1;
		}
		if ((ni = grow(p->imgs, &p->imgsz, p->nimgs + 1,
		    sizeof(*ni))) == NULL) {
			seterr(err, errlen, "pdf: out of memory");
			return -1;
		}
		p->imgs = ni;
		im = &p->imgs[p->nimgs];
		im->png = png;
		p->hcode = HPDF_OK;
		/* Exactly the bytes that were checked: never the file. */
		if ((im->img = HPDF_LoadPngImageFromMem(p->doc, png,
		    (HPDF_UINT)len)) == NULL) {
			char	 what[300];

			snprintf(what, sizeof(what), "pdf: image %s", name);
			hpdf_fail(p, err, errlen, what);
			return -1;
		}
		p->nimgs++;
	}
	if (HPDF_Page_DrawImage(p->page, im->img, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h) != HPDF_OK) {
		hpdf_sticky(p, "pdf: image");
		seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ saving */

#define PDF_HEADER	"%PDF-1.4\n%\xB7\xBE\xAD\xAA\n"
#define PDF_ZERO_ID	"<00000000000000000000000000000000>"

/* Bytes to the file; a write error fails the document. */
static int
out_write(struct pdf *p, const void *b, size_t n)
{
	if (n > 0 && fwrite(b, 1, n, p->out) != n) {
		sticky(p, "pdf: cannot write %s: %s", p->outpath,
		    strerror(errno));
		return -1;
	}
	p->off += n;
	return 0;
}

/* What libharu wrote into the scratch stream, to the file. */
static int
scratch_flush(struct pdf *p)
{
	HPDF_UINT	 i, n = HPDF_MemStream_GetBufCount(p->scratch), len;
	HPDF_BYTE	*b;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		b = HPDF_MemStream_GetBufPtr(p->scratch, i, &len);
		if (b == NULL)
			rc = -1;
		else
			rc = out_write(p, b, len);
	}
	HPDF_MemStream_FreeData(p->scratch);
	return rc;
}

int
pdf_stream_to(struct pdf *p, const char *path, char *err, size_t errlen)
{
	if (p->out != NULL || p->finished || p->npages > 0) {
		seterr(err, errlen, "pdf: %s: the file must be begun before "
		    "the first page", path);
		return -1;
	}
	return file_begin(p, path, err, errlen);
}

/*
 * The caller's file fd (owned from now on) as the document's file named
 * name, with its header written.  0, or -1 and err (fd closed).
 */
static int
fd_begin(struct pdf *p, int fd, const char *name, char *err, size_t errlen)
{
	if ((p->outpath = dupstr(name)) == NULL) {
		seterr(err, errlen, "pdf: out of memory");
		close(fd);
		return -1;
	}
	if ((p->out = fdopen(fd, "w+b")) == NULL) {
		seterr(err, errlen, "pdf: cannot write %s: %s", name,
		    strerror(errno));
		close(fd);
		free(p->outpath);
		p->outpath = NULL;
		return -1;
	}
	p->given = 1;
	p->off = 0;
	if (out_write(p, PDF_HEADER, sizeof(PDF_HEADER) - 1) == -1) {
		seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

int
pdf_stream_fd(struct pdf *p, int fd, const char *name, char *err,
    size_t errlen)
{
	if (p->out != NULL || p->finished || p->npages > 0) {
		seterr(err, errlen, "pdf: %s: the file must be begun before "
		    "the first page", name);
		close(fd);
		return -1;
	}
	return fd_begin(p, fd, name, err, errlen);
}

int
pdf_save_fd(struct pdf *p, int fd, const char *name, char *err,
    size_t errlen)
{
	int	 rc;

	if (p->out != NULL || p->saved) {
		seterr(err, errlen, "pdf: %s: the document has its file",
		    name);
		close(fd);
		return -1;
	}
	p->pending = 1;
	p->pendfd = fd;
	rc = pdf_save(p, name, err, errlen);
	if (p->pending)			/* not reached the file */
		close(p->pendfd);
	p->pending = 0;
	return rc;
}

/* Creates the file at path and writes its header.  0, or -1 and err. */
static int
file_begin(struct pdf *p, const char *path, char *err, size_t errlen)
{
	if ((p->outpath = dupstr(path)) == NULL) {
		seterr(err, errlen, "pdf: out of memory");
		return -1;
	}
	if ((p->out = fopen(path, "w+b")) == NULL) {
		seterr(err, errlen, "pdf: cannot create %s: %s", path,
		    strerror(errno));
		free(p->outpath);
		p->outpath = NULL;
		return -1;
	}
	p->off = 0;
	if (out_write(p, PDF_HEADER, sizeof(PDF_HEADER) - 1) == -1) {
		seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

/*
 * Writes object number id (an entry of the xref) to the file now, as
 * libharu would ("N 0 obj ... endobj") and records its offset.  Returns
 * 0, or -1 with the document failed.
 */
static int
obj_out(struct pdf *p, HPDF_UINT id)
{
	HPDF_Xref	 xref = p->doc->xref;
	HPDF_XrefEntry	 e = HPDF_List_ItemAt(xref->entries, id);
	unsigned long	*no;
	char		 head[32];
	size_t		 k;

	if (e == NULL || e->obj == NULL) {
		sticky(p, "pdf: object %u is missing", id);
		return -1;
	}
	if (id >= p->offsz) {
		for (k = p->offsz ? p->offsz : 64; k <= id; k *= 2)
			continue;
		if ((no = realloc(p->offs, k * sizeof(*no))) == NULL) {
			sticky(p, "pdf: out of memory");
			return -1;
		}
		memset(no + p->offsz, 0, (k - p->offsz) * sizeof(*no));
		p->offs = no;
		p->offsz = k;
	}
	p->offs[id] = p->off;
	snprintf(head, sizeof(head), "%u %u obj\n", id, (unsigned)e->gen_no);
	if (HPDF_Stream_WriteStr(p->scratch, head) != HPDF_OK ||
	    HPDF_Obj_WriteValue(e->obj, p->scratch, NULL) != HPDF_OK ||
	    HPDF_Stream_WriteStr(p->scratch, "\nendobj\n") != HPDF_OK) {
		hpdf_sticky(p, "pdf: writing an object");
		return -1;
	}
	return scratch_flush(p);
}

/* The xref entry number of an indirect object. */
static HPDF_UINT
obj_id(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/*
 * Stands a small object in for obj, written already, in the xref, so
 * that references to it still say its number; returns it, or NULL.
 */
static HPDF_Null
stand_in(struct pdf *p, void *obj)
{
	HPDF_Null	 n;
	HPDF_XrefEntry	 e;

	if ((n = HPDF_Null_New(p->doc->mmgr)) == NULL)
		return NULL;
	n->header.obj_id = ((HPDF_Obj_Header *)obj)->obj_id;
	n->header.gen_no = ((HPDF_Obj_Header *)obj)->gen_no;
	e = HPDF_List_ItemAt(p->doc->xref->entries, obj_id(obj));
	e->obj = n;
	return n;
}

/*
 * Writes the finished page and its content to the file and frees them,
 * leaving stand-ins (page_pack() of a streamed document).  Returns 0, or
 * -1 with the document failed.
 */
static int
page_out(struct pdf *p, HPDF_Page page)
{
	HPDF_PageAttr	 attr = (HPDF_PageAttr)page->attr;
	HPDF_Dict	 contents = attr->contents;
	HPDF_Array	 kids;
	HPDF_List	 pl = p->doc->page_list;
	HPDF_Proxy	 px;
	HPDF_Null	 pn;

	kids = HPDF_Dict_GetItem(p->doc->root_pages, "Kids",
	    HPDF_OCLASS_ARRAY);
	if (kids == NULL || kids->list->count == 0 ||
	    (px = HPDF_List_ItemAt(kids->list, kids->list->count - 1)) ==
	    NULL || px->header.obj_class != HPDF_OCLASS_PROXY ||
	    px->obj != page) {
		sticky(p, "pdf: the page is not the last of the page tree");
		return -1;
	}
	if (obj_out(p, obj_id(contents)) == -1 ||
	    obj_out(p, obj_id(page)) == -1)
		return -1;
	if (stand_in(p, contents) == NULL || (pn = stand_in(p, page)) ==
	    NULL) {
		sticky(p, "pdf: out of memory");
		return -1;
	}
	px->obj = pn;
	if (pl->count > 0 && pl->obj[pl->count - 1] == page)
		pl->obj[pl->count - 1] = pn;	/* pages are added at the end */
	if (p->doc->cur_page == page)
		p->doc->cur_page = NULL;
	HPDF_Dict_Free(contents);
	HPDF_Dict_Free(page);
	if (fflush(p->out) != 0) {	/* the page is in the file now */
		sticky(p, "pdf: cannot write %s: %s", p->outpath,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Ends the file: every object not written yet, the cross-reference table
 * and the trailer, whose /ID is then set to the MD5 of the whole file as
 * written with the ID zeroed.  Returns 0, or -1 with the document failed.
 */
static int
file_end(struct pdf *p)
{
	HPDF_Xref	 xref = p->doc->xref;
	HPDF_UINT	 i, n = xref->entries->count;
	HPDF_MD5_CTX	 ctx;
	HPDF_BYTE	 dig[PDF_ID_LEN];
	unsigned char	 buf[65536], *z;
	char		 line[64], hex[2 * PDF_ID_LEN + 1];
	unsigned long	 xref_at, tr_at;
	size_t		 k, got, zlen = sizeof(PDF_ZERO_ID) - 1;
	long		 at[2];
	int		 nat = 0;

	/* The page tree's count: its own count walks pages now gone. */
	p->doc->root_pages->before_write_fn = NULL;
	if (HPDF_Dict_AddNumber(p->doc->root_pages, "Count",
	    (HPDF_INT32)p->npages) != HPDF_OK ||
	    HPDF_Dict_Add(p->doc->trailer, "Root", p->doc->catalog) !=
	    HPDF_OK || (p->doc->info != NULL &&
	    HPDF_Dict_Add(p->doc->trailer, "Info", p->doc->info) != HPDF_OK)
	    || HPDF_Dict_AddNumber(p->doc->trailer, "Size", (HPDF_INT32)n) !=
	    HPDF_OK) {
		hpdf_sticky(p, "pdf: the trailer");
		return -1;
	}
	for (i = 1; i < n; i++)
		if ((i >= p->offsz || p->offs[i] == 0) && obj_out(p, i) == -1)
			return -1;

	xref_at = p->off;
	snprintf(line, sizeof(line), "xref\n0 %u\n0000000000 65535 f\r\n", n);
	if (out_write(p, line, strlen(line)) == -1)
		return -1;
	for (i = 1; i < n; i++) {
		snprintf(line, sizeof(line), "%010lu 00000 n\r\n", p->offs[i]);
		if (out_write(p, line, strlen(line)) == -1)
			return -1;
	}
	tr_at = p->off;
	if (HPDF_Stream_WriteStr(p->scratch, "trailer\n") != HPDF_OK ||
	    HPDF_Obj_WriteValue(p->doc->trailer, p->scratch, NULL) != HPDF_OK) {
		hpdf_sticky(p, "pdf: the trailer");
		return -1;
	}
	if (scratch_flush(p) == -1)
		return -1;
	snprintf(line, sizeof(line), "\nstartxref\n%lu\n%%%%EOF\n", xref_at);
	if (out_write(p, line, strlen(line)) == -1)
		return -1;
	if (fflush(p->out) != 0) {
		sticky(p, "pdf: cannot write %s: %s", p->outpath,
		    strerror(errno));
		return -1;
	}

	/* The digest of the file, and where the trailer's zero IDs are. */
	HPDF_MD5Init(&ctx);
	if (fseek(p->out, 0, SEEK_SET) != 0)
		goto ioerr;
	for (;;) {
		long base = ftell(p->out);

		got = fread(buf, 1, sizeof(buf), p->out);
		if (got == 0)
			break;
		HPDF_MD5Update(&ctx, buf, (HPDF_UINT32)got);
		for (k = 0; k + zlen <= got && nat < 2; k++)
			if ((unsigned long)(base + (long)k) >= tr_at &&
			    memcmp(buf + k, PDF_ZERO_ID, zlen) == 0)
				at[nat++] = base + (long)k;
	}
	if (ferror(p->out))
		goto ioerr;
	if (nat != 2) {
		sticky(p, "pdf: no /ID placeholder in the trailer");
		return -1;
	}
	HPDF_MD5Final(dig, &ctx);
	for (k = 0; k < PDF_ID_LEN; k++)
		snprintf(hex + 2 * k, 3, "%02X", (unsigned)dig[k]);
	for (k = 0; k < 2; k++) {
		z = (unsigned char *)hex;
		if (fseek(p->out, at[k] + 1, SEEK_SET) != 0 ||
		    fwrite(z, 1, 2 * PDF_ID_LEN, p->out) != 2 * PDF_ID_LEN)
			goto ioerr;
	}
	if (fclose(p->out) != 0) {
		p->out = NULL;
		goto ioerr;
	}
	p->out = NULL;
	return 0;
ioerr:
	sticky(p, "pdf: cannot write %s: %s", p->outpath, strerror(errno));
	return -1;
}

/* A copy of the finished file from to the path to. */
static int
file_copy(const char *from, const char *to, char *err, size_t errlen)
{
	FILE	*in, *o;
	char	 b[65536];
	size_t	 n;
	int	 e, rc = 0;

	if ((in = fopen(from, "rb")) == NULL) {
		seterr(err, errlen, "pdf: cannot read %s: %s", from,
		    strerror(errno));
		return -1;
	}
	if ((o = fopen(to, "wb")) == NULL) {
		e = errno;
		fclose(in);
		seterr(err, errlen, "pdf: cannot create %s: %s", to,
		    strerror(e));
		return -1;
	}
	while (rc == 0 && (n = fread(b, 1, sizeof(b), in)) > 0)
		if (fwrite(b, 1, n, o) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	e = errno;
	fclose(in);
	if (fclose(o) != 0)
		rc = -1;
	if (rc == -1) {
		remove(to);
		seterr(err, errlen, "pdf: cannot write %s: %s", to,
		    strerror(e));
	}
	return rc;
}

/* ------------------------------------------------------------------ public */

struct pdf_cache *
pdf_cache_new(const char *icc_path, struct font_set *fs, char *err,
    size_t errlen)
{
	struct pdf_cache	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		seterr(err, errlen, "pdf: out of memory");
		return NULL;
	}
	if (icc_load(c, icc_path, err, errlen) == -1) {
		free(c);
		return NULL;
	}
	if (fs == NULL)
		fs = c->ownfs = font_set_new();
	c->fs = fs;
	return c;
}

void
pdf_cache_free(struct pdf_cache *c)
{
	if (c == NULL)
		return;
	font_set_free(c->ownfs);
	free(c->iccdata);
	free(c);
}

struct pdf *
pdf_new(const struct bk_docinfo *info, struct pdf_cache *cache,
    const char *icc_path, char *err, size_t errlen)
{
	struct pdf	*p;
	struct meta	 m;

	if (meta_check(info, &m, err, errlen) == -1)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		seterr(err, errlen, "pdf: out of memory");
		return NULL;
	}
	if (cache == NULL) {
		if ((p->own = pdf_cache_new(icc_path, NULL, err,
		    errlen)) == NULL) {
			free(p);
			return NULL;
		}
		cache = p->own;
	}
	p->cache = cache;
	if ((p->doc = HPDF_New(on_hpdf_error, p)) == NULL) {
		pdf_free(p);
		seterr(err, errlen, "pdf: libharu cannot make a document "
		    "(out of memory)");
		return NULL;
	}
	if ((p->scratch = HPDF_MemStream_New(p->doc->mmgr, 65536)) == NULL ||
	    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL) != HPDF_OK) {
		hpdf_fail(p, err, errlen, "pdf: new document");
		pdf_free(p);
		return NULL;
	}
	if (doc_meta(p, &m, err, errlen) == -1 ||
	    doc_intent(p, err, errlen) == -1) {
		pdf_free(p);
		return NULL;
	}
	return p;
}

const struct bk_ops *
pdf_ops(void)
{
	return &pdf_table;
}

struct font_set *
pdf_fonts(struct pdf *p)
{
	return p->cache->fs;
}

int
pdf_face_use(struct pdf *p, int face, char *err, size_t errlen)
{
	if (p->finished) {
		seterr(err, errlen, "pdf: a face used after the document was "
		    "saved");
		return -1;
	}
	if (font_get(p, face) == NULL) {
		seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

int
pdf_save(struct pdf *p, const char *path, char *err, size_t errlen)
{
	size_t		 i;

	if (p->failed) {
		seterr(err, errlen, "%s", p->err);
		if (p->out != NULL) {
			fclose(p->out);
			p->out = NULL;
			if (!p->given)
			if (!p->given)
				remove(p->outpath);
		}
		return -1;
	}
	if (p->npages == 0) {
		seterr(err, errlen, "pdf: the document has no page");
		return -1;
	}
	if (!p->finished) {
		if (page_pack(p) == -1) {
			seterr(err, errlen, "%s", p->err);
			return -1;
		}
		p->finished = 1;
		for (i = 0; i < p->nfonts; i++) {
			if (p->fonts[i].font == NULL)
				continue;
			if (font_finish(p, &p->fonts[i]) == -1) {
				seterr(err, errlen, "%s", p->err);
				return -1;
			}
		}
	}

	if (p->saved)		/* again: the same bytes */
		return strcmp(path, p->outpath) == 0 ? 0 :
		    file_copy(p->outpath, path, err, errlen);
	if (p->out == NULL && p->pending) {
		p->pending = 0;		/* pdf_save_fd() */
		if (fd_begin(p, p->pendfd, path, err, errlen) == -1)
			return -1;
	} else if (p->out == NULL && file_begin(p, path, err, errlen) == -1)
		return -1;
	if (strcmp(path, p->outpath) != 0) {
		seterr(err, errlen, "pdf: %s is written as %s", path,
		    p->outpath);
		return -1;
	}
	if (file_end(p) == -1) {
		if (p->out != NULL)
			fclose(p->out);
		p->out = NULL;
		if (!p->given)
			remove(p->outpath);
		seterr(err, errlen, "%s", p->err);
		return -1;
	}
	p->saved = 1;
	return 0;
}

const char *
pdf_error(const struct pdf *p)
{
	return p->failed ? p->err : NULL;
}

void
pdf_free(struct pdf *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	if (p->scratch != NULL)
		HPDF_Stream_Free(p->scratch);
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	for (i = 0; i < p->nfonts; i++)
		cids_free(&p->fonts[i].cids);
	free(p->fonts);
	free(p->imgs);
	free(p->text);
	if (p->out != NULL) {		/* never finished: no half file */
		fclose(p->out);
		if (!p->given)
			remove(p->outpath);
	}
	free(p->outpath);
	free(p->offs);
	pdf_cache_free(p->own);
	free(p);
}
