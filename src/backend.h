/*
 * backend.h: the drawing device that the layout engine renders through.
 * Included by the layout engine and by a backend implementation (pdf.c);
 * nothing here names a PDF library, so layout code never sees one.  The
 * device only draws: text is measured with the faces of font.h.
 *
 * Units are PostScript points (1/72 in); the origin is the bottom-left
 * corner of the page, y grows upwards (as in PDF).  Text is UTF-8 in NFC.
 */

#include <stddef.h>
#include <stdint.h>

struct bk_rgb {
	double	 r, g, b;	/* 0.0 .. 1.0 */
};

/* Document information, written into the output's metadata. */
struct bk_docinfo {
	const char	*title;		/* UTF-8 */
	const char	*author;	/* UTF-8: the issuing body */
	const char	*subject;	/* UTF-8 */
	const char	*keywords;	/* UTF-8 */
	const char	*date;		/* "YYYY-MM-DD" from the dossier; never the clock */
	const char	*source_sha256;	/* hex digest of the source dossier, or NULL */
};

struct bk_ops {
	/* Start a new page of w x h points; 0 on success, -1 on failure. */
	int	 (*page_begin)(void *dev, double w, double h);
	/*
	 * Draw text with its baseline starting at (x, y) in face font of
	 * the face set (font.h) the device was made with.
	 */
	void	 (*text)(void *dev, int font, double size, struct bk_rgb color,
		    double x, double y, const char *utf8, size_t len);
	/* A straight line of the given width. */
	void	 (*line)(void *dev, double x1, double y1, double x2, double y2,
		    double width, struct bk_rgb color);
	/* A rectangle outline (width > 0) or a filled one (width == 0). */
	void	 (*rect)(void *dev, double x, double y, double w, double h,
		    double width, struct bk_rgb color);
	/*
	 * Place a PNG image, len bytes at png, scaled into the box (x, y,
	 * w, h); name names it in messages, and the same png pointer is
	 * the same image.  The bytes must have passed png_in_check() (a
	 * PNG libpng decodes whole without a complaint): the backend's
	 * library may not survive one that does not.  Returns 0, or -1
	 * with a message in err on failure.
	 */
	int	 (*image)(void *dev, const char *name, const unsigned char *png,
		    size_t len, double x, double y, double w, double h,
		    char *err, size_t errlen);
};
