/*
 * printer.c: printer profiles (printer.h): the XML of one read into the
 * offsets that move what is printed on a pre-printed blank, every value
 * checked at its line.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "input.h"
#include "xml_in.h"
#include "template.h"
#include "printer.h"

#define PRINTER_NS	"urn:khenthuong:printer:1"
#define MM		(72.0 / 25.4)

static void
perr(struct diag *d, size_t f, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
perr(struct diag *d, size_t f, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	diag_code(d, f, line, DC_PRINTER_ERROR, buf);
}

/* A signed length ("-2.5mm") in points into *out; 0, or -1 if bad. */
static int
offset_of(const char *v, double *out)
{
	double	 l;

	l = template_length(v[0] == '-' ? v + 1 : v);
	if (l < 0)
		return -1;
	*out = v[0] == '-' ? -l : l;
	return 0;
}

/* Only the attributes named in allowed (space-separated) on n. */
static int
attrs_only(struct diag *d, size_t f, const struct xnode *n,
    const char *allowed)
{
	size_t	 i, len;
	const char *p;
	int	 bad = 0;

	for (i = 0; i < n->nattrs; i++) {
		len = strlen(n->attrs[i].name);
		for (p = allowed; (p = strstr(p, n->attrs[i].name)) != NULL;
		    p += len)
			if ((p == allowed || p[-1] == ' ') &&
			    (p[len] == ' ' || p[len] == '\0'))
				break;
		if (p == NULL) {
			perr(d, f, n->line, "<%s> không có thuộc tính \"%s\" "
			    "(có: %s)", n->name, n->attrs[i].name, allowed);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

int
printer_load_bytes(struct xml *x, const char *path, const char *bytes,
    size_t len, struct diag *d, size_t f, struct printer *p)
{
	struct xml_result	 res;
	const struct xnode	*r, *o = NULL, *k;
	const char		*vx, *vy, *name, *s;
	int			 bad = 0;

	memset(p, 0, sizeof(*p));
	xml_parse(x, bytes, len, path, PRINTER_NS, "printer", 0, d, f, &res);
	if ((r = res.root) == NULL) {
		xml_result_free(&res);
		return -1;
	}
	if (attrs_only(d, f, r, "name") == -1)
		bad = 1;
	name = xnode_attr(r, "name");
	if (name != NULL && strlen(name) > PRINTER_MAX_NAME) {
		perr(d, f, r->line, "tên máy in dài %zu byte, nhiều nhất %d",
		    strlen(name), PRINTER_MAX_NAME);
		bad = 1;
	}
	for (k = r->child; k != NULL; k = k->next) {
		if (k->name == NULL) {
			for (s = k->text; *s != '\0'; s++)
				if (!isspace((unsigned char)*s))
					break;
			if (*s != '\0') {
				perr(d, f, k->line, "hồ sơ máy in chỉ có "
				    "<offset …/>, không có chữ");
				bad = 1;
			}
		} else if (strcmp(k->name, "offset") != 0) {
			perr(d, f, k->line, "<%s> không có trong hồ sơ máy in "
			    "(có: offset)", k->name);
			bad = 1;
		} else if (o != NULL) {
			perr(d, f, k->line, "hồ sơ máy in chỉ có một <offset>");
			bad = 1;
		} else
			o = k;
	}
	vx = o != NULL ? xnode_attr(o, "x") : NULL;
	vy = o != NULL ? xnode_attr(o, "y") : NULL;
	if (o == NULL || vx == NULL || vy == NULL) {
		perr(d, f, r->line, "hồ sơ máy in cần <offset x=\"…mm\" "
		    "y=\"…mm\"/>");
		xml_result_free(&res);
		return -1;
	}
	if (attrs_only(d, f, o, "x y") == -1)
		bad = 1;
	if (offset_of(vx, &p->dx) == -1 || offset_of(vy, &p->dy) == -1) {
		perr(d, f, o->line, "offset x=\"%s\" y=\"%s\": dùng độ dài như "
		    "1.5mm hoặc -2mm", vx, vy);
		bad = 1;
	} else if (p->dx < -PRINTER_MAX_OFFSET_MM * MM ||
	    p->dx > PRINTER_MAX_OFFSET_MM * MM ||
	    p->dy < -PRINTER_MAX_OFFSET_MM * MM ||
	    p->dy > PRINTER_MAX_OFFSET_MM * MM) {
		perr(d, f, o->line, "offset x=\"%s\" y=\"%s\": độ lệch của máy "
		    "in phải trong khoảng -%d mm đến %d mm; hãy đo lại trên "
		    "trang hiệu chỉnh", vx, vy, PRINTER_MAX_OFFSET_MM,
		    PRINTER_MAX_OFFSET_MM);
		bad = 1;
	}
	if (!bad && name != NULL)
		p->name = xstrdup(name);
	xml_result_free(&res);
	return bad ? -1 : 0;
}

int
printer_load(struct xml *x, const char *path, struct diag *d,
    struct printer *p)
{
	char		*bytes;
	size_t		 f, len;
	int		 rc;

	memset(p, 0, sizeof(*p));
	f = diag_file(d, path, DIAG_CONFIG);
	if ((bytes = input_config(path, d, f, &len)) == NULL)
		return -1;
	rc = printer_load_bytes(x, path, bytes, len, d, f, p);
	free(bytes);
	return rc;
}

void
printer_clear(struct printer *p)
{
	free(p->name);
	p->name = NULL;
}
