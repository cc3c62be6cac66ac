/*
 * pdf_draw.c: owns drawing — the function table of backend.h: pages,
 * text (our own text operators, CIDs in hex), lines, rectangles and
 * PNG images, with the graphics state kept to write no operator twice.
 */

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
#include "encoding.h"
#include "font.h"
#include "input.h"
#include "mem.h"
#include "pdf.h"
#include "pdf_hpdf.h"
#include "pdf_int.h"
#include "ttf.h"

static int	 drawable(struct pdf *, const char *);
static int	 color_ok(struct pdf *, const char *, struct bk_rgb);
static int	 coord_ok(struct pdf *, const char *, double, double);
static int	 set_fill(struct pdf *, struct bk_rgb);
static int	 set_stroke(struct pdf *, struct bk_rgb, double);
static int	 png_check(const char *, const unsigned char *, size_t,
		    char *, size_t);
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

/* ---------------------------------------------------------------- drawing */

static int
drawable(struct pdf *p, const char *op)
{
	if (p->failed)
		return 0;
	if (p->finished) {
		pdf_sticky(p, "pdf: %s after the document was saved", op);
		return 0;
	}
	if (p->page == NULL) {
		pdf_sticky(p, "pdf: %s before any page", op);
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
	pdf_sticky(p, "pdf: %s: colour (%g, %g, %g) out of 0..1", op,
	    c.r, c.g, c.b);
	return 0;
}

static int
coord_ok(struct pdf *p, const char *op, double a, double b)
{
	if (isfinite(a) && isfinite(b) && fabs(a) < 1e5 && fabs(b) < 1e5)
		return 1;
	pdf_sticky(p, "pdf: %s: coordinate (%g, %g) out of range", op, a, b);
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
		pdf_hpdf_sticky(p, "pdf: fill colour");
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
			pdf_hpdf_sticky(p, "pdf: line width");
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
		pdf_hpdf_sticky(p, "pdf: stroke colour");
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
int
pdf_page_pack(struct pdf *p)
{
	HPDF_Page	 page;
	HPDF_STATUS	 rc;

	if (p->page == NULL || p->failed)
		return p->failed ? -1 : 0;
	if ((rc = pdfh_page_pack(p->doc, p->page)) != HPDF_OK) {
		if (p->hcode == HPDF_OK)
			p->hcode = rc;
		pdf_hpdf_sticky(p, "pdf: page content");
		return -1;
	}
	page = p->page;
	p->page = NULL;
	return p->out != NULL ? pdf_page_out(p, page) : 0;
}

static int
op_page_begin(void *dev, double w, double h)
{
	struct pdf	*p = dev;

	if (p->failed)
		return -1;
	if (p->finished) {
		pdf_sticky(p, "pdf: page_begin after the document was saved");
		return -1;
	}
	if (!(w >= HPDF_MIN_PAGE_SIZE && w <= HPDF_MAX_PAGE_SIZE &&
	    h >= HPDF_MIN_PAGE_SIZE && h <= HPDF_MAX_PAGE_SIZE)) {
		pdf_sticky(p, "pdf: page size %g x %g pt out of %d..%d", w, h,
		    HPDF_MIN_PAGE_SIZE, HPDF_MAX_PAGE_SIZE);
		return -1;
	}
	if (pdf_page_pack(p) == -1)
		return -1;
	if ((p->page = HPDF_AddPage(p->doc)) == NULL ||
	    HPDF_Page_SetWidth(p->page, (HPDF_REAL)w) != HPDF_OK ||
	    HPDF_Page_SetHeight(p->page, (HPDF_REAL)h) != HPDF_OK) {
		p->page = NULL;
		pdf_hpdf_sticky(p, "pdf: page_begin");
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
num_add(struct buf *sb, double v)
{
	char		 b[40];
	long long	 n = llround(v * 100000.0);
	int		 len, frac;

	if (n < 0) {
		buf_adds(sb, "-");
		n = -n;
	}
	len = snprintf(b, sizeof(b), "%lld", n / 100000);
	buf_add(sb, b, (size_t)len);
	if ((frac = (int)(n % 100000)) != 0) {
		len = snprintf(b, sizeof(b), ".%05d", frac);
		while (b[len - 1] == '0')
			len--;
		buf_add(sb, b, (size_t)len);
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
	struct buf	 sb = { p->text, 0, p->textsz, 1, 0 };
	char		 cid[4];
	size_t		 off, k;
	uint32_t	 c;

	if (p->gs_font != f->font || p->gs_size != size) {
		const char *name = pdfh_page_font_name(p->page,
		    f->font);

		if (name == NULL)
			return -1;
		buf_adds(&sb, "/");
		buf_adds(&sb, name);
		buf_adds(&sb, " ");
		num_add(&sb, size);
		buf_adds(&sb, " Tf\n");
		p->gs_font = f->font;
		p->gs_size = size;
	}
	buf_adds(&sb, "BT\n");
	num_add(&sb, x);
	buf_adds(&sb, " ");
	num_add(&sb, y);
	buf_adds(&sb, " Td\n<");
	for (off = 0; off < len; off += k) {
		k = enc_next((const char *)u + off, len - off, &c);
		if ((c = pdf_cid_of(&f->cids, c)) == 0)
			return -1;
		cid[0] = hex[(c >> 12) & 15];
		cid[1] = hex[(c >> 8) & 15];
		cid[2] = hex[(c >> 4) & 15];
		cid[3] = hex[c & 15];
		buf_add(&sb, cid, 4);
	}
	buf_adds(&sb, "> Tj\nET\n");
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

	if (!drawable(p, "text") || (f = pdf_font_get(p, font)) == NULL ||
	    !color_ok(p, "text", color) || !coord_ok(p, "text", x, y))
		return;
	if (!(size > 0.0 && size <= HPDF_MAX_FONTSIZE)) {
		pdf_sticky(p, "pdf: text: font size %g out of 0..%d", size,
		    HPDF_MAX_FONTSIZE);
		return;
	}
	if (len == 0)
		return;
	if (len > HPDF_LIMIT_MAX_STRING_LEN) {
		pdf_sticky(p, "pdf: text: run of %zu bytes is too long", len);
		return;
	}
	for (off = 0; off < len; off += k) {
		if ((k = enc_next((const char *)u + off, len - off, &c)) == 0) {
			pdf_sticky(p, "pdf: text: invalid UTF-8 at byte %zu of "
			    "a run of %zu bytes", off, len);
			return;
		}
		if (!font_has_glyph(p->cache->fs, font, c)) {
			pdf_sticky(p, "pdf: text: font %s has no glyph for "
			    "U+%04X in \"%.*s\"",
			    font_set_face(p->cache->fs, font)->name,
			    (unsigned)c, (int)len, utf8);
			return;
		}
	}
	if (pdf_font_ready(p, f) == -1 || set_fill(p, color) == -1)
		return;
	if (text_ops(p, f, size, x, y, u, len) == -1)
		pdf_sticky(p, "pdf: out of memory");
	else if (pdfh_page_write(p->page, p->text, p->textlen) != HPDF_OK)
		pdf_hpdf_sticky(p, "pdf: text");
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
		pdf_sticky(p, "pdf: line: width %g out of range", width);
		return;
	}
	if (set_stroke(p, color, width) == -1)
		return;
	if (HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y1) !=
	    HPDF_OK ||
	    HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, (HPDF_REAL)y2) !=
	    HPDF_OK ||
	    HPDF_Page_Stroke(p->page) != HPDF_OK)
		pdf_hpdf_sticky(p, "pdf: line");
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
		pdf_sticky(p, "pdf: rect: width %g out of range", width);
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
		pdf_hpdf_sticky(p, "pdf: rect");
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
		pdf_seterr(err, errlen, "pdf: image %s is not a PNG file", name);
		return -1;
	}
	for (;;) {
		if (len - off < 8) {
			pdf_seterr(err, errlen, "pdf: image %s: PNG ends before "
			    "its image data", name);
			return -1;
		}
		clen = (unsigned long)b[off] << 24 |
		    (unsigned long)b[off + 1] << 16 |
		    (unsigned long)b[off + 2] << 8 | b[off + 3];
		if (clen > len - off - 8 || len - off - 8 - clen < 4) {
			pdf_seterr(err, errlen, "pdf: image %s: corrupt PNG chunk",
			    name);
			return -1;
		}
		if (memcmp(b + off + 4, "IHDR", 4) == 0) {
			if (clen != 13) {
				pdf_seterr(err, errlen, "pdf: image %s: corrupt "
				    "PNG header", name);
				return -1;
			}
			if (b[off + 17] == 4 || b[off + 17] == 6) {
				pdf_seterr(err, errlen, "pdf: image %s has an "
				    "alpha channel; PDF/A-1 forbids "
				    "transparency, so flatten it onto its "
				    "background (e.g. white) first", name);
				return -1;
			}
			if (b[off + 16] == 16) {
				pdf_seterr(err, errlen, "pdf: image %s has 16 "
				    "bits per channel; PDF/A-1 (PDF 1.4) "
				    "allows 8, so save it with 8", name);
				return -1;
			}
			seen = 1;
		} else if (memcmp(b + off + 4, "tRNS", 4) == 0) {
			pdf_seterr(err, errlen, "pdf: image %s has a transparent "
			    "colour (tRNS); PDF/A-1 forbids transparency, so "
			    "flatten it first", name);
			return -1;
		} else if (memcmp(b + off + 4, "IDAT", 4) == 0) {
			if (!seen) {
				pdf_seterr(err, errlen, "pdf: image %s: PNG has "
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
		pdf_seterr(err, errlen, "%s", p->err);
		return -1;
	}
	if (!(w > 0.0 && h > 0.0)) {
		pdf_seterr(err, errlen, "pdf: image %s: empty box %g x %g",
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
			pdf_seterr(err, errlen, "pdf: image %s is too large", name);
			return -1;
		}
		if ((ni = pdf_grow(p->imgs, &p->imgsz, p->nimgs + 1,
		    sizeof(*ni))) == NULL) {
			pdf_seterr(err, errlen, "pdf: out of memory");
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
			pdf_hpdf_fail(p, err, errlen, what);
			return -1;
		}
		p->nimgs++;
	}
	if (HPDF_Page_DrawImage(p->page, im->img, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h) != HPDF_OK) {
		pdf_hpdf_sticky(p, "pdf: image");
		pdf_seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

const struct bk_ops *
pdf_ops(void)
{
	return &pdf_table;
}
