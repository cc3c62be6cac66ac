/*
 * pdf.c: the PDF backend, which turns the drawing calls of backend.h into
 * a deterministic PDF/A-1b file; this file holds its documents, caches,
 * errors and saving, pdf_meta.c the metadata, pdf_font.c the fonts,
 * pdf_draw.c the drawing, pdf_write.c the file writer, and pdf_hpdf.c
 * every use of libharu's internals.  Only the pdf*.c files include
 * libharu's headers.
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

#include "backend.h"
#include "font.h"
#include "input.h"
#include "mem.h"
#include "pdf.h"
#include "pdf_hpdf.h"
#include "pdf_int.h"
#include "ttf.h"

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

static void	 on_hpdf_error(HPDF_STATUS, HPDF_STATUS, void *);
static const char *hpdf_text(HPDF_STATUS);

/* ---------------------------------------------------------------- errors */

void
pdf_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Records the first failure of a table call; later ones are dropped. */
void
pdf_sticky(struct pdf *p, const char *fmt, ...)
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
void
pdf_hpdf_fail(struct pdf *p, char *err, size_t errlen, const char *what)
{
	HPDF_STATUS	 code = p->hcode;

	if (code == HPDF_OK)
		code = HPDF_GetError(p->doc);
	if (code == HPDF_OK)
		pdf_seterr(err, errlen, "%s: libharu failed without an error code",
		    what);
	else
		pdf_seterr(err, errlen, "%s: %s (libharu 0x%04X, detail %u)", what,
		    hpdf_text(code), (unsigned)code, (unsigned)p->hdetail);
	HPDF_ResetError(p->doc);
	p->hcode = p->hdetail = HPDF_OK;
}

void
pdf_hpdf_sticky(struct pdf *p, const char *what)
{
	char	 buf[sizeof(p->err)];

	pdf_hpdf_fail(p, buf, sizeof(buf), what);
	pdf_sticky(p, "%s", buf);
}

/*
 * v (*cap elements of size bytes) with room for need, doubled as it
 * grows: the array to use from now on, or NULL if out of memory (v is
 * then unchanged and still the caller's).
 */
void *
pdf_grow(void *v, size_t *cap, size_t need, size_t size)
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
char *
pdf_dupstr(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*d;

	if ((d = malloc(n)) != NULL)
		memcpy(d, s, n);
	return d;
}

/* ------------------------------------------------------------------ public */

struct pdf_cache *
pdf_cache_new(const char *icc_path, struct font_set *fs, char *err,
    size_t errlen)
{
	struct pdf_cache	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		pdf_seterr(err, errlen, "pdf: out of memory");
		return NULL;
	}
	if (pdf_icc_load(c, icc_path, err, errlen) == -1) {
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

	if (pdf_meta_check(info, &m, err, errlen) == -1)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		pdf_seterr(err, errlen, "pdf: out of memory");
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
		pdf_seterr(err, errlen, "pdf: libharu cannot make a document "
		    "(out of memory)");
		return NULL;
	}
	if ((p->scratch = pdfh_scratch_new(p->doc, 65536)) == NULL ||
	    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL) != HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: new document");
		pdf_free(p);
		return NULL;
	}
	if (pdf_doc_meta(p, &m, err, errlen) == -1 ||
	    pdf_doc_intent(p, err, errlen) == -1) {
		pdf_free(p);
		return NULL;
	}
	return p;
}

int
pdf_save(struct pdf *p, const char *path, char *err, size_t errlen)
{
	size_t		 i;

	if (p->failed) {
		pdf_seterr(err, errlen, "%s", p->err);
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
		pdf_seterr(err, errlen, "pdf: the document has no page");
		return -1;
	}
	if (!p->finished) {
		if (pdf_page_pack(p) == -1) {
			pdf_seterr(err, errlen, "%s", p->err);
			return -1;
		}
		p->finished = 1;
		for (i = 0; i < p->nfonts; i++) {
			if (p->fonts[i].font == NULL)
				continue;
			if (pdf_font_finish(p, &p->fonts[i]) == -1) {
				pdf_seterr(err, errlen, "%s", p->err);
				return -1;
			}
		}
	}

	if (p->saved)		/* again: the same bytes */
		return strcmp(path, p->outpath) == 0 ? 0 :
		    pdf_file_copy(p->outpath, path, err, errlen);
	if (p->out == NULL && p->pending) {
		p->pending = 0;		/* pdf_save_fd() */
		if (pdf_fd_begin(p, p->pendfd, path, err, errlen) == -1)
			return -1;
	} else if (p->out == NULL && pdf_file_begin(p, path, err, errlen) == -1)
		return -1;
	if (strcmp(path, p->outpath) != 0) {
		pdf_seterr(err, errlen, "pdf: %s is written as %s", path,
		    p->outpath);
		return -1;
	}
	if (pdf_file_end(p) == -1) {
		if (p->out != NULL)
			fclose(p->out);
		p->out = NULL;
		if (!p->given)
			remove(p->outpath);
		pdf_seterr(err, errlen, "%s", p->err);
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
		pdfh_scratch_free(p->scratch);
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	for (i = 0; i < p->nfonts; i++)
		pdf_cids_free(&p->fonts[i].cids);
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
