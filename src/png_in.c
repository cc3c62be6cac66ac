/*
 * png_in.c: owns every use of libpng in the program; checks a PNG image
 * whole (png_in.h) so that libharu, which cannot survive libpng's error
 * path, is only ever given bytes that decode cleanly.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "png_in.h"

#define PNG_IN_CHUNK_MAX	(1024 * 1024)	/* bytes of one ancillary
						   chunk, decompressed */
#define PNG_IN_CHUNK_CACHE	128		/* ancillary chunks kept */

/* What libpng reads from and says, for one check. */
struct rd {
	const unsigned char	*p;
	size_t			 len, off;
	char			 msg[160];	/* libpng's first complaint */
	int			 warned;
};

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

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

static void
rd_error(png_structp png, png_const_charp msg)
{
	struct rd	*r = png_get_error_ptr(png);

	if (r->msg[0] == '\0')
		snprintf(r->msg, sizeof(r->msg), "%s", msg);
	png_longjmp(png, 1);
}

/* A warning is kept and refused after the decoding: libharu may not. */
static void
rd_warning(png_structp png, png_const_charp msg)
{
	struct rd	*r = png_get_error_ptr(png);

	if (!r->warned && r->msg[0] == '\0')
		snprintf(r->msg, sizeof(r->msg), "%s", msg);
	r->warned = 1;
}

static void
rd_read(png_structp png, png_bytep out, size_t n)
{
	struct rd	*r = png_get_io_ptr(png);

	if (n > r->len - r->off)
		png_error(png, "the file ends inside the image");
	memcpy(out, r->p + r->off, n);
	r->off += n;
}

static unsigned long
be32(const unsigned char *b)
{
	return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
	    (unsigned long)b[2] << 8 | b[3];
}

/*
 * The header, read by hand so that the limits hold before libpng
 * allocates anything for the image.  Returns 0, or -1 with err set.
 */
static int
header_ok(const unsigned char *b, size_t len, unsigned long *w,
    unsigned long *h, char *err, size_t errlen)
{
	static const unsigned char sig[8] =
	    { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	if (len < 8 || memcmp(b, sig, 8) != 0) {
		seterr(err, errlen, "không phải tệp PNG");
		return -1;
	}
	if (len < 8 + 8 + 13 + 4 || be32(b + 8) != 13 ||
	    memcmp(b + 12, "IHDR", 4) != 0) {
		seterr(err, errlen, "tệp PNG hỏng: thiếu phần đầu (IHDR); "
		    "hãy xuất lại hình từ tệp gốc");
		return -1;
	}
	*w = be32(b + 16);
	*h = be32(b + 20);
	if (*w == 0 || *h == 0 || *w > PNG_IN_MAX_SIDE ||
	    *h > PNG_IN_MAX_SIDE) {
		seterr(err, errlen, "hình %lu × %lu điểm ảnh; mỗi cạnh phải "
		    "từ 1 đến %lu điểm ảnh: hãy thu nhỏ hình", *w, *h,
		    PNG_IN_MAX_SIDE);
		return -1;
	}
	if (*w * *h > PNG_IN_MAX_PIXELS) {
		seterr(err, errlen, "hình %lu × %lu điểm ảnh, vượt giới hạn "
		    "%lu triệu điểm ảnh; hãy thu nhỏ hình", *w, *h,
		    PNG_IN_MAX_PIXELS / 1000000);
		return -1;
	}
	switch (b[25]) {	/* colour type */
	case PNG_COLOR_TYPE_GRAY_ALPHA:
	case PNG_COLOR_TYPE_RGB_ALPHA:
		seterr(err, errlen, "hình có kênh trong suốt (alpha), mà "
		    "PDF/A-1 không cho phép; hãy làm phẳng hình lên nền "
		    "(ví dụ nền trắng) rồi lưu lại");
		return -1;
	default:
		break;
	}
	if (b[28] != 0) {	/* libharu 2.3.0 reads no Adam7 image */
		seterr(err, errlen, "hình lưu kiểu xen kẽ dòng (interlaced, "
		    "Adam7), mà thư viện PDF không đọc được; hãy lưu lại hình "
		    "không xen kẽ");
		return -1;
	}
	if (b[24] == 16) {
		seterr(err, errlen, "hình có 16 bit mỗi kênh màu, mà PDF/A-1 "
		    "chỉ nhận 8 bit; hãy lưu lại hình với 8 bit");
		return -1;
	}
	return 0;
}

/*
 * Decode every row of the image into one row buffer (the pixels are not
 * kept) and read on to IEND.  Returns 0, or -1 with r->msg set.
 */
static int
decode(struct rd *r, int *trns)
{
	png_structp	 png;
	png_infop	 info = NULL;
	png_bytep	 volatile row = NULL;
	png_uint_32	 y, hgt;
	int		 pass, npass;
	volatile int	 rc = -1;

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, r, rd_error,
	    rd_warning);
	if (png == NULL) {
		snprintf(r->msg, sizeof(r->msg), "out of memory");
		return -1;
	}
	if ((info = png_create_info_struct(png)) == NULL) {
		snprintf(r->msg, sizeof(r->msg), "out of memory");
		png_destroy_read_struct(&png, NULL, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(png)) != 0)
		goto out;
	png_set_user_limits(png, PNG_IN_MAX_SIDE, PNG_IN_MAX_SIDE);
	png_set_chunk_cache_max(png, PNG_IN_CHUNK_CACHE);
	png_set_chunk_malloc_max(png, PNG_IN_CHUNK_MAX);
	png_set_read_fn(png, r, rd_read);
	png_read_info(png, info);
	*trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
	if (*trns) {
		rc = 0;		/* refused by the caller */
		goto out;
	}
	npass = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	hgt = png_get_image_height(png, info);
	row = malloc(png_get_rowbytes(png, info) + 1);
	if (row == NULL)
		png_error(png, "out of memory");
	for (pass = 0; pass < npass; pass++)
		for (y = 0; y < hgt; y++)
			png_read_row(png, row, NULL);
	png_read_end(png, NULL);
	rc = r->warned ? -1 : 0;
out:
	free(row);
	png_destroy_read_struct(&png, &info, NULL);
	return rc;
}

int
png_in_check(const unsigned char *bytes, size_t len, unsigned long *w,
    unsigned long *h, char *err, size_t errlen)
{
	struct rd	 r;
	int		 trns = 0;

	if (header_ok(bytes, len, w, h, err, errlen) == -1)
		return -1;
	memset(&r, 0, sizeof(r));
	r.p = bytes;
	r.len = len;
	if (decode(&r, &trns) == -1) {
		seterr(err, errlen, "tệp PNG hỏng (libpng: %s); hãy xuất lại "
		    "hình từ tệp gốc", r.msg);
		return -1;
	}
	if (trns) {
		seterr(err, errlen, "hình có màu trong suốt (tRNS), mà PDF/A-1 "
		    "không cho phép; hãy làm phẳng hình rồi lưu lại");
		return -1;
	}
	return 0;
}
