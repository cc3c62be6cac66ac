/*
 * fake.c: a drawing device for the layout tests (test.c, expand.c) that
 * counts what it is asked to draw and draws nothing; an image whose path
 * holds "missing" fails, as a file that cannot be read would.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "fake.h"

static int
fk_page_begin(void *dev, double w, double h)
{
	(void)w;
	(void)h;
	((struct fake *)dev)->pages++;
	return 0;
}

static void
fk_text(void *dev, int font, double size, struct bk_rgb color, double x,
    double y, const char *s, size_t len)
{
	(void)font;
	(void)size;
	(void)color;
	(void)x;
	(void)y;
	(void)s;
	(void)len;
	((struct fake *)dev)->text++;
}

static void
fk_line(void *dev, double x1, double y1, double x2, double y2,
    double width, struct bk_rgb color)
{
	(void)x1;
	(void)y1;
	(void)x2;
	(void)y2;
	(void)width;
	(void)color;
	((struct fake *)dev)->line++;
}

static void
fk_rect(void *dev, double x, double y, double w, double h, double width,
    struct bk_rgb color)
{
	(void)x;
	(void)y;
	(void)w;
	(void)h;
	(void)width;
	(void)color;
	((struct fake *)dev)->rect++;
}

static int
fk_image(void *dev, const char *path, const unsigned char *png, size_t len,
    double x, double y, double w, double h, char *err, size_t errlen)
{
	(void)png;
	(void)len;
	(void)x;
	(void)y;
	(void)w;
	(void)h;
	if (strstr(path, "missing") != NULL) {
		snprintf(err, errlen, "cannot open %s", path);
		return -1;
	}
	((struct fake *)dev)->image++;
	return 0;
}

const struct bk_ops fake_ops = {
	fk_page_begin, fk_text, fk_line, fk_rect, fk_image
};
