/*
 * probe.c: the test driver of the PDF backend; draws known Vietnamese text
 * through pdf.c, writes what it drew beside each PDF, exercises the
 * backend's failure paths, measures ink in rendered glyphs, and times it.
 *
 *	probe docs DIR		alphabet.pdf/.txt, sample.pdf/.txt, rgb.png
 *	probe glyphs FONT OUT	pages with ê ệ ă ặ ư ự Ô Ộ, one glyph each
 *	probe glyphs-plain FONT OUT  the same with ê ê ă ă ư ư Ô Ô (no dots)
 *	probe ink PNG		dark pixels below the baseline of a glyph page
 *	probe api DIR		the backend's contract, as ok / not ok lines
 *	probe bench N DIR	N one-page PDFs with two faces, timed
 *
 * Fonts come from $KT_FONTDIR (default: Debian's fonts-liberation2), the
 * ICC profile from $KT_ICC (default: ghostscript's sRGB).
 */

#define _POSIX_C_SOURCE 200809L	/* stat(), access() */

#include <sys/stat.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <png.h>

#include "backend.h"
#include "font.h"
#include "pdf.h"

#define A4_W		595.276
#define A4_H		841.890
#define GLYPH_PAGE	120.0	/* glyph pages are square */
#define GLYPH_SIZE	72.0
#define GLYPH_BASE	40.0	/* baseline, from the bottom */

struct dev {
	struct pdf		*p;
	const struct bk_ops	*op;
	FILE			*txt;	/* the text drawn, line by line */
	int			 pages;
	int			 serif[4];
	char			 err[512];
};

struct run {
	int	 ok, fail;
};

static const char *const faces[4] = {
	"LiberationSerif-Regular.ttf",
	"LiberationSerif-Bold.ttf",
	"LiberationSerif-Italic.ttf",
	"LiberationSerif-BoldItalic.ttf",
};

static const char *const face_names[4] = {
	"Liberation Serif Regular",
	"Liberation Serif Bold",
	"Liberation Serif Italic",
	"Liberation Serif Bold Italic",
};

/*
 * Every Vietnamese vowel letter: 12 vowels, each bare and with the five
 * tone marks (huyền, sắc, hỏi, ngã, nặng), in both cases.  All 144 exist
 * precomposed in Unicode; 12 of them are ASCII (a e i o u y, A E I O U Y),
 * so with Đ and đ the alphabet has 134 letters outside ASCII.  The six
 * forms of a vowel are drawn as one word: poppler takes evenly spaced
 * single letters for letter-spaced text and drops the spaces.
 */
static const char *const vowels_lower[12] = {
	"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ",
	"eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
	"oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ",
	"uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
};

static const char *const vowels_upper[12] = {
	"AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ",
	"EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
	"OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ",
	"UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
};

static const char *const base_alphabet =
    "aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY";

/* Pairs of glyph pages: without and with the dot below. */
static const char *const glyph_pairs[8] = {
	"ê", "ệ", "ă", "ặ", "ư", "ự", "Ô", "Ộ",
};

static const struct bk_rgb black = { 0.0, 0.0, 0.0 };
static const struct bk_rgb red = { 0.8, 0.0, 0.0 };
static const struct bk_rgb dark = { 0.45, 0.05, 0.05 };

static void	 usage(void);
static const char *fontdir(void);
static const char *icc(void);
static void	 font_path(char *, size_t, const char *, const char *);
static int	 dev_open(struct dev *, const struct bk_docinfo *,
		    const char *);
static int	 dev_close(struct dev *, const char *);
static int	 face_load(struct pdf *, const char *, char *, size_t);
static int	 load_faces(struct dev *, int);
static void	 draw(struct dev *, int, double, struct bk_rgb, double,
		    double, const char *);
static void	 centre(struct dev *, int, double, struct bk_rgb, double,
		    const char *);
static int	 page(struct dev *, double, double);
static int	 write_png(const char *, int);
static size_t	 utf8_count_nonascii(const char *, unsigned char *);
static int	 do_alphabet(const char *);
static int	 do_sample(const char *, const char *);
static int	 do_docs(const char *);
static int	 do_glyphs(const char *, const char *, int);
static int	 do_ink(const char *);
static int	 same_file(const char *, const char *);
static void	 check(struct run *, int, const char *, ...);
static int	 do_api(const char *);
static int	 do_bench(const char *, const char *);

static const struct bk_docinfo sample_info = {
	"Bằng khen: Nguyễn Thị Ánh Tuyết & tập thể <Đội 3> \"xuất sắc\"",
	"Ủy ban nhân dân tỉnh Lào Cai",
	"Khen thưởng thành tích năm 2024",
	"khen thưởng; bằng khen; Lào Cai",
	"2024-07-15",
	"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
};

static void
usage(void)
{
	fputs("usage: probe docs DIR | glyphs[-plain] FONT OUT | ink PNG | "
	    "api DIR | bench N DIR\n", stderr);
	exit(2);
}

static const char *
fontdir(void)
{
	const char	*d = getenv("KT_FONTDIR");

	return d != NULL && *d != '\0' ? d :
	    "/usr/share/fonts/truetype/liberation2";
}

static const char *
icc(void)
{
	const char	*d = getenv("KT_ICC");

	return d != NULL && *d != '\0' ? d :
	    "color/srgb.icc";
}

static void
font_path(char *buf, size_t sz, const char *dir, const char *file)
{
	snprintf(buf, sz, "%s/%s", dir, file);
}

/*
 * A new document; txt, if not NULL, receives the lines drawn.  On failure
 * too, dev_close(d, NULL) may be called.
 */
static int
dev_open(struct dev *d, const struct bk_docinfo *info, const char *txt)
{
	memset(d, 0, sizeof(*d));
	d->op = pdf_ops();
	if ((d->p = pdf_new(info, NULL, icc(), d->err, sizeof(d->err))) == NULL) {
		fprintf(stderr, "probe: %s\n", d->err);
		return -1;
	}
	if (txt != NULL && (d->txt = fopen(txt, "w")) == NULL) {
		perror(txt);
		pdf_free(d->p);
		d->p = NULL;
		return -1;
	}
	return 0;
}

static int
dev_close(struct dev *d, const char *out)
{
	int	 rc = 0;

	if (out != NULL && pdf_save(d->p, out, d->err, sizeof(d->err)) == -1) {
		fprintf(stderr, "probe: %s: %s\n", out, d->err);
		rc = -1;
	}
	if (d->txt != NULL && (fputs("\f\n", d->txt) == EOF ||
	    fclose(d->txt) == EOF))
		rc = -1;
	pdf_free(d->p);
	return rc;
}

/*
 * The face of the font file at path, loaded into the face set of p and
 * told to p; -1 with a message in err.
 */
static int
face_load(struct pdf *p, const char *path, char *err, size_t errlen)
{
	int	 f;

	if ((f = font_set_load(pdf_fonts(p), path, err, errlen)) == -1 ||
	    pdf_face_use(p, f, err, errlen) == -1)
		return -1;
	return f;
}

static int
load_faces(struct dev *d, int n)
{
	char	 path[1024];
	int	 i;

	for (i = 0; i < n; i++) {
		font_path(path, sizeof(path), fontdir(), faces[i]);
		d->serif[i] = face_load(d->p, path, d->err, sizeof(d->err));
		if (d->serif[i] == -1) {
			fprintf(stderr, "probe: %s\n", d->err);
			return -1;
		}
	}
	return 0;
}

static void
draw(struct dev *d, int font, double size, struct bk_rgb c, double x,
    double y, const char *s)
{
	d->op->text(d->p, font, size, c, x, y, s, strlen(s));
	if (d->txt != NULL)
		fprintf(d->txt, "%s\n", s);
}

static void
centre(struct dev *d, int font, double size, struct bk_rgb c, double y,
    const char *s)
{
	double	 w = font_text_width(pdf_fonts(d->p), font, size, s, strlen(s));

	draw(d, font, size, c, (A4_W - w) / 2.0, y, s);
}

static int
page(struct dev *d, double w, double h)
{
	if (d->op->page_begin(d->p, w, h) == -1) {
		fprintf(stderr, "probe: page_begin: %s\n", pdf_error(d->p));
		return -1;
	}
	if (d->txt != NULL && d->pages++ > 0)
		fputs("\f\n", d->txt);
	return 0;
}

/* A 48 x 32 test picture: RGB, or RGBA with a transparent half. */
/* The bytes of a file, or NULL; *len set.  The caller frees them. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*fp;
	unsigned char	*b;
	long		 n;

	*len = 0;
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 ||
	    (b = malloc((size_t)n + 1)) == NULL) {
		fclose(fp);
		return NULL;
	}
	*len = fread(b, 1, (size_t)n, fp);
	fclose(fp);
	return b;
}

static int
write_png(const char *path, int alpha)
{
	png_image	 img;
	unsigned char	 px[48 * 32 * 4];
	int		 x, y, ch = alpha ? 4 : 3;

	for (y = 0; y < 32; y++)
		for (x = 0; x < 48; x++) {
			unsigned char *q = px + (y * 48 + x) * ch;

			q[0] = (unsigned char)(x < 24 ? 200 : 20);
			q[1] = (unsigned char)(y < 16 ? 30 : 160);
			q[2] = (unsigned char)(40 + x * 4);
			if (alpha)
				q[3] = (unsigned char)(x < 24 ? 255 : 0);
		}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = 48;
	img.height = 32;
	img.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	if (!png_image_write_to_file(&img, path, 0, px, 0, NULL)) {
		fprintf(stderr, "probe: %s: %s\n", path, img.message);
		return -1;
	}
	return 0;
}

/*
 * Counts the characters of s outside ASCII other than spaces, marking each
 * distinct code point in seen (0x10000 bits).
 */
static size_t
utf8_count_nonascii(const char *s, unsigned char *seen)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n = 0;

	while (*u != '\0') {
		if (*u < 0x80) {
			u++;
			continue;
		}
		if ((*u & 0xE0) == 0xC0) {
			c = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
			u += 2;
		} else {
			c = (uint32_t)(u[0] & 0x0F) << 12 |
			    (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
			u += 3;
		}
		if (!(seen[c >> 3] & (1 << (c & 7)))) {
			seen[c >> 3] |= (unsigned char)(1 << (c & 7));
			n++;
		}
	}
	return n;
}

/* The alphabet in the four faces of Liberation Serif, on one A4 page. */
static int
do_alphabet(const char *dir)
{
	static const struct bk_docinfo info = {
		"Bảng chữ cái tiếng Việt", "khenthuong",
		"Kiểm tra phông chữ", NULL, "2024-07-15", NULL,
	};
	struct dev	 d;
	char		 pdf[1024], txt[1024], row[512];
	unsigned char	*seen;
	size_t		 nonascii = 0, letters = 0;
	double		 y = A4_H - 60.0;
	int		 f, half, i;

	snprintf(pdf, sizeof(pdf), "%s/alphabet.pdf", dir);
	snprintf(txt, sizeof(txt), "%s/alphabet.txt", dir);
	if ((seen = calloc(0x10000 / 8, 1)) == NULL)
		return -1;
	if (dev_open(&d, &info, txt) == -1 || load_faces(&d, 4) == -1 ||
	    page(&d, A4_W, A4_H) == -1) {
		free(seen);
		dev_close(&d, NULL);
		return -1;
	}
	for (f = 0; f < 4; f++) {
		draw(&d, d.serif[f], 12, dark, 56, y, face_names[f]);
		y -= 19;
		for (half = 0; half < 4; half++) {
			const char *const *v = half < 2 ? vowels_lower :
			    vowels_upper;

			row[0] = '\0';
			for (i = (half % 2) * 6; i < (half % 2) * 6 + 6; i++) {
				if (row[0] != '\0')
					strcat(row, " ");
				strcat(row, v[i]);
			}
			if (f == 0)
				nonascii += utf8_count_nonascii(row, seen);
			letters += f == 0 ? 36 : 0;
			draw(&d, d.serif[f], 14, black, 56, y, row);
			y -= 21;
		}
		draw(&d, d.serif[f], 14, black, 56, y, "Đđ");
		if (f == 0) {
			nonascii += utf8_count_nonascii("Đđ", seen);
			letters += 2;
		}
		y -= 21;
		draw(&d, d.serif[f], 14, black, 56, y, base_alphabet);
		y -= 33;
	}
	free(seen);
	printf("alphabet: %zu letters, %zu of them outside ASCII\n", letters,
	    nonascii);
	if (letters != 146 || nonascii != 134) {
		fprintf(stderr, "probe: the alphabet should have 146 letters, "
		    "134 outside ASCII\n");
		dev_close(&d, NULL);
		return -1;
	}
	return dev_close(&d, pdf);
}

/* Two pages in the manner of a certificate, with a line, colour, image. */
static int
do_sample(const char *dir, const char *png)
{
	struct dev	 d;
	char		 pdf[1024], txt[1024];
	double		 w;
	unsigned char	*pb;
	size_t		 plen;

	snprintf(pdf, sizeof(pdf), "%s/sample.pdf", dir);
	snprintf(txt, sizeof(txt), "%s/sample.txt", dir);
	if (dev_open(&d, &sample_info, txt) == -1 || load_faces(&d, 4) == -1 ||
	    page(&d, A4_W, A4_H) == -1) {
		dev_close(&d, NULL);
		return -1;
	}
	d.op->rect(d.p, 28, 28, A4_W - 56, A4_H - 56, 2.0, dark);
	centre(&d, d.serif[1], 13, black, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
	    "VIỆT NAM");
	centre(&d, d.serif[1], 13, black, 760, "Độc lập - Tự do - Hạnh phúc");
	w = font_text_width(pdf_fonts(d.p), d.serif[1], 13, "Độc lập - Tự do - Hạnh "
	    "phúc", strlen("Độc lập - Tự do - Hạnh phúc"));
	d.op->line(d.p, (A4_W - w) / 2, 755, (A4_W + w) / 2, 755, 0.8, black);
	centre(&d, d.serif[1], 30, red, 680, "BẰNG KHEN");
	centre(&d, d.serif[0], 16, black, 630, "Tặng bà Nguyễn Thị Ánh Tuyết");
	centre(&d, d.serif[0], 16, black, 600, "ông Giàng Seo Phử");
	centre(&d, d.serif[0], 16, black, 570, "ông Tẩn Láo Lở");
	centre(&d, d.serif[2], 14, black, 530, "Đã có thành tích xuất sắc "
	    "trong phong trào thi đua năm 2024.");
	d.op->rect(d.p, 100, 470, A4_W - 200, 4, 0, red);
	pb = slurp(png, &plen);
	if (d.op->image(d.p, png, pb, plen, 440, 120, 96, 64, d.err,
	    sizeof(d.err)) == -1) {
		fprintf(stderr, "probe: %s\n", d.err);
		dev_close(&d, NULL);
		free(pb);
		return -1;
	}
	free(pb);
	draw(&d, d.serif[3], 14, black, 80, 200, "Lào Cai, ngày 15 tháng 7 "
	    "năm 2024");
	if (page(&d, A4_W, A4_H) == -1) {
		dev_close(&d, NULL);
		return -1;
	}
	draw(&d, d.serif[1], 14, black, 72, 760, "Danh sách kèm theo");
	draw(&d, d.serif[0], 13, black, 72, 730, "1. Nguyễn Thị Ánh Tuyết, "
	    "giáo viên Trường Tiểu học Sa Pa");
	draw(&d, d.serif[0], 13, black, 72, 710, "2. Giàng Seo Phử, "
	    "trưởng thôn Lao Chải");
	draw(&d, d.serif[0], 13, red, 72, 690, "3. Tẩn Láo Lở, "
	    "y sĩ Trạm Y tế xã Tả Van");
	d.op->line(d.p, 72, 680, 520, 680, 0.5, dark);
	if (pdf_error(d.p) != NULL) {
		fprintf(stderr, "probe: %s\n", pdf_error(d.p));
		dev_close(&d, NULL);
		return -1;
	}
	return dev_close(&d, pdf);
}

static int
do_docs(const char *dir)
{
	char	 png[1024];

	snprintf(png, sizeof(png), "%s/rgb.png", dir);
	if (write_png(png, 0) == -1 || do_alphabet(dir) == -1 ||
	    do_sample(dir, png) == -1)
		return -1;
	return 0;
}

/*
 * One page for each glyph of glyph_pairs, at a size the ink test knows;
 * with plain set, each letter with a dot below is drawn without it, so
 * that the ink test can be shown to notice a missing dot.
 */
static int
do_glyphs(const char *font, const char *out, int plain)
{
	static const struct bk_docinfo info = {
		"Dấu nặng", NULL, NULL, NULL, "2024-07-15", NULL,
	};
	struct dev	 d;
	const char	*g;
	int		 f, i;
	double		 w;

	if (dev_open(&d, &info, NULL) == -1)
		return -1;
	if ((f = face_load(d.p, font, d.err,
	    sizeof(d.err))) == -1) {
		fprintf(stderr, "probe: %s\n", d.err);
		dev_close(&d, NULL);
		return -1;
	}
	for (i = 0; i < 8; i++) {
		if (page(&d, GLYPH_PAGE, GLYPH_PAGE) == -1) {
			dev_close(&d, NULL);
			return -1;
		}
		g = glyph_pairs[plain ? i & ~1 : i];
		w = font_text_width(pdf_fonts(d.p), f, GLYPH_SIZE, g, strlen(g));
		draw(&d, f, GLYPH_SIZE, black, (GLYPH_PAGE - w) / 2,
		    GLYPH_BASE, g);
	}
	return dev_close(&d, out);
}

/*
 * Prints the number of dark pixels in the band from 0.06 to 0.40 em below
 * the baseline of a rendered glyph page, where a dot below sits and where
 * a letter without one has no ink.
 */
static int
do_ink(const char *path)
{
	png_image	 img;
	unsigned char	*px;
	double		 scale, base;
	long		 top, bot, x, y, n = 0;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path)) {
		fprintf(stderr, "probe: %s: %s\n", path, img.message);
		return -1;
	}
	img.format = PNG_FORMAT_GRAY;
	if ((px = malloc(PNG_IMAGE_SIZE(img))) == NULL ||
	    !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		fprintf(stderr, "probe: %s: %s\n", path, img.message);
		free(px);
		return -1;
	}
	scale = img.height / GLYPH_PAGE;
	base = (GLYPH_PAGE - GLYPH_BASE) * scale;
	top = lround(base + 0.06 * GLYPH_SIZE * scale);
	bot = lround(base + 0.40 * GLYPH_SIZE * scale);
	for (y = top; y <= bot && y < (long)img.height; y++)
		for (x = 0; x < (long)img.width; x++)
			if (px[y * img.width + x] < 128)
				n++;
	free(px);
	printf("%ld\n", n);
	return 0;
}

/* 1 if both files can be read and hold the same bytes. */
static int
same_file(const char *a, const char *b)
{
	FILE	*fa, *fb;
	int	 ca, cb, same = 0;

	fa = fopen(a, "rb");
	fb = fopen(b, "rb");
	if (fa != NULL && fb != NULL) {
		do {
			ca = getc(fa);
			cb = getc(fb);
		} while (ca == cb && ca != EOF);
		same = ca == cb;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

static void
check(struct run *r, int cond, const char *fmt, ...)
{
	va_list	 ap;

	fputs(cond ? "ok - " : "not ok - ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (cond)
		r->ok++;
	else
		r->fail++;
}

/* The contract of the backend, failure paths included. */
static int
do_api(const char *dir)
{
	struct run		 r = { 0, 0 };
	struct dev		 d;
	struct bk_docinfo	 bad;
	struct font_metrics	 m;
	struct pdf		*p;
	char			 path[1024], out1[1024], out2[1024], err[512];
	const char		*name = "Nguyễn Thị Ánh Tuyết";
	double			 w, sum;
	int			 f, g, rc;
	FILE			*fp;
	unsigned char		*img = NULL, *img2 = NULL;
	size_t			 ilen = 0, ilen2 = 0;

	/* pdf_new refuses bad docinfo and profiles. */
	bad = sample_info;
	bad.date = "2024-02-30";
	p = pdf_new(&bad, NULL, icc(), err, sizeof(err));
	check(&r, p == NULL && strstr(err, "does not exist") != NULL,
	    "pdf_new refuses the date 2024-02-30: %s", p ? "" : err);
	pdf_free(p);
	bad = sample_info;
	bad.title = "Vi\xE1\xBB\x87t \xC3";
	p = pdf_new(&bad, NULL, icc(), err, sizeof(err));
	check(&r, p == NULL && strstr(err, "UTF-8") != NULL,
	    "pdf_new refuses a title that is not UTF-8: %s", p ? "" : err);
	pdf_free(p);
	bad = sample_info;
	bad.source_sha256 = "abc";
	p = pdf_new(&bad, NULL, icc(), err, sizeof(err));
	check(&r, p == NULL, "pdf_new refuses a digest of 3 digits: %s",
	    p ? "" : err);
	pdf_free(p);
	p = pdf_new(&sample_info, NULL, "/nonexistent/srgb.icc", err, sizeof(err));
	check(&r, p == NULL && strstr(err, "srgb.icc") != NULL,
	    "pdf_new refuses a missing ICC profile: %s", p ? "" : err);
	pdf_free(p);

	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	f = face_load(d.p, "/nonexistent/x.ttf", err, sizeof(err));
	check(&r, f == -1 && strstr(err, "x.ttf") != NULL,
	    "font_set_load reports a missing file: %s", err);
	font_path(path, sizeof(path), fontdir(), faces[0]);
	f = face_load(d.p, path, err, sizeof(err));
	g = face_load(d.p, path, err, sizeof(err));
	check(&r, f >= 0 && f == g, "font_set_load of the same file twice "
	    "gives the same face (%d, %d)", f, g);
	g = face_load(d.p, "/etc/passwd", err, sizeof(err));
	check(&r, g == -1, "font_set_load of a file that is no font fails: "
	    "%s", err);
	g = face_load(d.p, "/etc/hostname", err, sizeof(err));
	check(&r, g == -1, "font_set_load of a short file fails: %s",
	    g == -1 ? err : "");

	check(&r, font_has_glyph(pdf_fonts(d.p), f, 0x1EC7) == 1 &&
	    font_has_glyph(pdf_fonts(d.p), f, 0x0110) == 1 &&
	    font_has_glyph(pdf_fonts(d.p), f, 0x20) == 1,
	    "has_glyph: U+1EC7 ệ, U+0110 Đ and space are there");
	check(&r, font_has_glyph(pdf_fonts(d.p), f, 0x4E2D) == 0 &&
	    font_has_glyph(pdf_fonts(d.p), f, 0x1F600) == 0 &&
	    font_has_glyph(pdf_fonts(d.p), f, 0x0A) == 0 &&
	    font_has_glyph(pdf_fonts(d.p), 99, 0x41) == 0,
	    "has_glyph: U+4E2D, U+1F600, a newline and a bad handle are not");

	font_get_metrics(pdf_fonts(d.p), f, &m);
	check(&r, fabs(m.ascent - 0.891) < 1e-9 &&
	    fabs(m.descent + 0.216) < 1e-9 &&
	    fabs(m.cap_height - 0.654) < 1e-9,
	    "font_metrics: ascent %.3f descent %.3f cap height %.3f",
	    m.ascent, m.descent, m.cap_height);

	w = font_text_width(pdf_fonts(d.p), f, 10, name, strlen(name));
	check(&r, fabs(w - 93.54) < 1e-9, "text_width(\"%s\", 10 pt) = %.4f "
	    "(hmtx sum 9354/1000 em)", name, w);
	sum = font_text_width(pdf_fonts(d.p), f, 10, "Nguyễn", strlen("Nguyễn")) +
	    font_text_width(pdf_fonts(d.p), f, 10, " Thị Ánh Tuyết",
	    strlen(" Thị Ánh Tuyết"));
	check(&r, fabs(w - sum) < 1e-9, "text_width adds up over a split "
	    "between characters (%.4f)", sum);
	w = font_text_width(pdf_fonts(d.p), f, 10, name, 7);
	check(&r, fabs(w - font_text_width(pdf_fonts(d.p), f, 10, "Nguy", 4) -
	    font_text_width(pdf_fonts(d.p), f, 10, "ễ", strlen("ễ"))) < 1e-9,
	    "text_width reads len bytes and counts characters (7 bytes = "
	    "\"Nguyễ\")");

	if (page(&d, A4_W, A4_H) == -1) {
		dev_close(&d, NULL);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/api-rgb.png", dir);
	rc = write_png(path, 0);
	img = rc == 0 ? slurp(path, &ilen) : NULL;
	rc = img != NULL ? d.op->image(d.p, path, img, ilen, 50, 50, 48, 32,
	    err, sizeof(err)) : -1;
	check(&r, rc == 0, "image places an RGB PNG");
	rc = d.op->image(d.p, path, img, ilen, 150, 50, 48, 32, err,
	    sizeof(err));
	check(&r, rc == 0, "image places the same PNG again (one XObject)");
	snprintf(path, sizeof(path), "%s/api-rgba.png", dir);
	img2 = write_png(path, 1) == 0 ? slurp(path, &ilen2) : NULL;
	rc = img2 != NULL ? d.op->image(d.p, path, img2, ilen2, 50, 150, 48,
	    32, err, sizeof(err)) : 0;
	check(&r, rc == -1 && strstr(err, "alpha") != NULL,
	    "image refuses a PNG with alpha: %s", err);
	rc = d.op->image(d.p, "/etc/hostname", (const unsigned char *)
	    "localhost\n", 10, 50, 250, 48, 32, err, sizeof(err));
	check(&r, rc == -1 && strstr(err, "not a PNG") != NULL,
	    "image refuses a file that is no PNG: %s", err);
	check(&r, pdf_error(d.p) == NULL, "refused images leave the document "
	    "usable");
	draw(&d, f, 12, black, 72, 700, name);
	snprintf(out1, sizeof(out1), "%s/api-1.pdf", dir);
	snprintf(out2, sizeof(out2), "%s/api-2.pdf", dir);
	rc = pdf_save(d.p, out1, err, sizeof(err));
	check(&r, rc == 0, "pdf_save writes %s", out1);
	rc = pdf_save(d.p, out2, err, sizeof(err));
	check(&r, rc == 0 && same_file(out1, out2), "a second pdf_save "
	    "writes the same bytes");
	d.op->text(d.p, f, 12, black, 72, 600, "x", 1);
	check(&r, pdf_error(d.p) != NULL &&
	    pdf_save(d.p, out2, err, sizeof(err)) == -1,
	    "drawing after pdf_save fails: %s",
	    pdf_error(d.p) ? pdf_error(d.p) : "");
	dev_close(&d, NULL);

	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	font_path(path, sizeof(path), fontdir(), faces[0]);
	f = face_load(d.p, path, err, sizeof(err));
	d.op->text(d.p, f, 12, black, 72, 700, "x", 1);
	check(&r, pdf_error(d.p) != NULL && strstr(pdf_error(d.p),
	    "before any page") != NULL, "text before any page fails: %s",
	    pdf_error(d.p) ? pdf_error(d.p) : "");
	dev_close(&d, NULL);

	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	f = face_load(d.p, path, err, sizeof(err));
	if (page(&d, A4_W, A4_H) == -1) {
		dev_close(&d, NULL);
		return -1;
	}
	d.op->text(d.p, f, 12, black, 72, 700, "Hà Nội 中", strlen("Hà Nội 中"));
	d.op->text(d.p, f, 12, black, 72, 680, "later", 5);
	snprintf(out1, sizeof(out1), "%s/api-3.pdf", dir);
	rc = pdf_save(d.p, out1, err, sizeof(err));
	check(&r, rc == -1 && strstr(err, "U+4E2D") != NULL,
	    "a character the font lacks fails the document: %s", err);
	fp = fopen(out1, "rb");
	check(&r, fp == NULL, "and no file is written");
	if (fp != NULL)
		fclose(fp);
	dev_close(&d, NULL);

	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	f = face_load(d.p, path, err, sizeof(err));
	d.op->page_begin(d.p, A4_W, A4_H);
	d.op->text(d.p, f, 12, black, 72, 700, "a\xE1\xBB", 3);
	check(&r, pdf_error(d.p) != NULL && strstr(pdf_error(d.p), "UTF-8"),
	    "text refuses invalid UTF-8: %s",
	    pdf_error(d.p) ? pdf_error(d.p) : "");
	dev_close(&d, NULL);

	/*
	 * pdf_stream_to(): a finished page is in the file before the
	 * document is saved (a print file of thousands of pages is never
	 * held whole); the file is whole and readable after pdf_save(), and
	 * a document never saved leaves no file.
	 */
	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	font_path(path, sizeof(path), fontdir(), faces[0]);
	f = face_load(d.p, path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/stream.pdf", dir);
	rc = pdf_stream_to(d.p, path, err, sizeof(err));
	{
		struct stat	 st;
		long long	 s1 = -1, s2 = -1;
		int		 pg;

		/* Sizes once pages 2 and 3 begin: pages 1 and 2 are out. */
		for (pg = 0; pg < 3 && rc == 0 && f >= 0; pg++) {
			rc = d.op->page_begin(d.p, 595.276, 841.89);
			d.op->text(d.p, f, 12, black, 72, 700, name,
			    strlen(name));
			if (pg > 0 && stat(path, &st) == 0)
				s1 = s2, s2 = (long long)st.st_size;
		}
		check(&r, rc == 0 && s1 > 0 && s2 > s1,
		    "pdf_stream_to writes each page as the next begins "
		    "(%lld then %lld bytes)", s1, s2);
	}
	check(&r, dev_close(&d, path) == 0 && access(path, R_OK) == 0,
	    "a streamed document is saved");
	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/unsaved.pdf", dir);
	(void)pdf_stream_to(d.p, path, err, sizeof(err));
	(void)d.op->page_begin(d.p, 595.276, 841.89);
	dev_close(&d, NULL);
	check(&r, access(path, F_OK) == -1,
	    "a streamed document never saved leaves no file");

	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	rc = pdf_save(d.p, out1, err, sizeof(err));
	check(&r, rc == -1 && strstr(err, "no page") != NULL,
	    "pdf_save refuses a document without pages: %s", err);
	d.op->page_begin(d.p, 1.0, 1.0);
	check(&r, pdf_error(d.p) != NULL, "page_begin refuses 1 x 1 pt: %s",
	    pdf_error(d.p) ? pdf_error(d.p) : "");
	dev_close(&d, NULL);

	if (dev_open(&d, &sample_info, NULL) == -1)
		return -1;
	rc = d.op->page_begin(d.p, A4_W, A4_H);
	snprintf(out1, sizeof(out1), "%s/no-such-dir/x.pdf", dir);
	rc = rc == 0 ? pdf_save(d.p, out1, err, sizeof(err)) : 0;
	check(&r, rc == -1 && strstr(err, "cannot create") != NULL,
	    "pdf_save reports an unwritable path: %s", err);
	dev_close(&d, NULL);
	free(img);
	free(img2);

	printf("api: %d passed, %d failed\n", r.ok, r.fail);
	return r.fail == 0 ? 0 : -1;
}

/* N one-page PDFs with two faces, as a batch makes one per person. */
static int
do_bench(const char *count, const char *dir)
{
	struct timespec	 t0, t1;
	struct dev	 d;
	char		 out[1024];
	double		 ms;
	long		 n, i, size;
	FILE		*fp;

	if ((n = strtol(count, NULL, 10)) <= 0)
		usage();
	snprintf(out, sizeof(out), "%s/bench.pdf", dir);
	timespec_get(&t0, TIME_UTC);
	for (i = 0; i < n; i++) {
		if (dev_open(&d, &sample_info, NULL) == -1 ||
		    load_faces(&d, 2) == -1 || page(&d, A4_W, A4_H) == -1) {
			dev_close(&d, NULL);
			return -1;
		}
		centre(&d, d.serif[1], 13, black, 780, "CỘNG HÒA XÃ HỘI CHỦ "
		    "NGHĨA VIỆT NAM");
		centre(&d, d.serif[1], 13, black, 760, "Độc lập - Tự do - "
		    "Hạnh phúc");
		d.op->line(d.p, 200, 755, 395, 755, 0.8, black);
		centre(&d, d.serif[1], 30, red, 680, "BẰNG KHEN");
		centre(&d, d.serif[0], 16, black, 630, "Tặng bà Nguyễn Thị "
		    "Ánh Tuyết");
		centre(&d, d.serif[0], 16, black, 600, "ông Giàng Seo Phử");
		centre(&d, d.serif[0], 16, black, 570, "ông Tẩn Láo Lở");
		centre(&d, d.serif[0], 14, black, 530, "Đã có thành tích xuất "
		    "sắc trong phong trào thi đua năm 2024.");
		if (dev_close(&d, out) == -1)
			return -1;
	}
	timespec_get(&t1, TIME_UTC);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	size = -1;
	if ((fp = fopen(out, "rb")) != NULL) {
		fseek(fp, 0, SEEK_END);
		size = ftell(fp);
		fclose(fp);
	}
	printf("bench: %ld one-page PDFs (2 faces) in %.0f ms: %.2f ms each, "
	    "%ld bytes each\n", n, ms, ms / n, size);
	return 0;
}

int
main(int argc, char *argv[])
{
	int	 rc;

	if (argc < 3)
		usage();
	if (strcmp(argv[1], "docs") == 0 && argc == 3)
		rc = do_docs(argv[2]);
	else if (strcmp(argv[1], "glyphs") == 0 && argc == 4)
		rc = do_glyphs(argv[2], argv[3], 0);
	else if (strcmp(argv[1], "glyphs-plain") == 0 && argc == 4)
		rc = do_glyphs(argv[2], argv[3], 1);
	else if (strcmp(argv[1], "ink") == 0 && argc == 3)
		rc = do_ink(argv[2]);
	else if (strcmp(argv[1], "api") == 0 && argc == 3)
		rc = do_api(argv[2]);
	else if (strcmp(argv[1], "bench") == 0 && argc == 4)
		rc = do_bench(argv[2], argv[3]);
	else
		usage();
	return rc == 0 ? 0 : 1;
}
