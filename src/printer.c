/*
 * printer.c: printer profiles (printer.h): the XML of one read into the
 * offsets that move what is printed on a pre-printed blank, every value
 * checked at its line.
 */

#include <ctype.h>
#include <errno.h>
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
			diag_code(d, f, n->line, DC_PRINTER_ATTR, n->name,
			    n->attrs[i].name, allowed);
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
		diag_code(d, f, r->line, DC_PRINTER_NAME, strlen(name),
		    PRINTER_MAX_NAME);
		bad = 1;
	}
	for (k = r->child; k != NULL; k = k->next) {
		if (k->name == NULL) {
			for (s = k->text; *s != '\0'; s++)
				if (!isspace((unsigned char)*s))
					break;
			if (*s != '\0') {
				diag_code(d, f, k->line, DC_PRINTER_TEXT);
				bad = 1;
			}
		} else if (strcmp(k->name, "offset") != 0) {
			diag_code(d, f, k->line, DC_PRINTER_ELEMENT, k->name);
			bad = 1;
		} else if (o != NULL) {
			diag_code(d, f, k->line, DC_PRINTER_OFFSET_DUP);
			bad = 1;
		} else
			o = k;
	}
	vx = o != NULL ? xnode_attr(o, "x") : NULL;
	vy = o != NULL ? xnode_attr(o, "y") : NULL;
	if (o == NULL || vx == NULL || vy == NULL) {
		diag_code(d, f, r->line, DC_PRINTER_NO_OFFSET);
		xml_result_free(&res);
		return -1;
	}
	if (attrs_only(d, f, o, "x y") == -1)
		bad = 1;
	if (offset_of(vx, &p->dx) == -1 || offset_of(vy, &p->dy) == -1) {
		diag_code(d, f, o->line, DC_PRINTER_OFFSET, vx, vy);
		bad = 1;
	} else if (p->dx < -PRINTER_MAX_OFFSET_MM * MM ||
	    p->dx > PRINTER_MAX_OFFSET_MM * MM ||
	    p->dy < -PRINTER_MAX_OFFSET_MM * MM ||
	    p->dy > PRINTER_MAX_OFFSET_MM * MM) {
		diag_code(d, f, o->line, DC_PRINTER_OFFSET_RANGE, vx, vy,
		    PRINTER_MAX_OFFSET_MM, PRINTER_MAX_OFFSET_MM);
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
