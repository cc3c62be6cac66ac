/*
 * printer.h: a printer profile (a file of printers/) for certificates on
 * pre-printed blanks, loaded and checked into the offsets it gives.
 * Included by render.c and the fuzz target.
 */

#ifndef PRINTER_H
#define PRINTER_H

#include <stddef.h>

struct diag;
struct xml;

#define PRINTER_MAX_OFFSET_MM	50	/* |x|, |y|: a printer's misalignment */
#define PRINTER_MAX_NAME	200	/* bytes of its name */

struct printer {
	double	 dx, dy;	/* pt: x to the right, y down */
	char	*name;		/* the profile's name, or NULL */
};

/*
 * Load and check the profile at path (read as a configuration file):
 * one <offset x y/> of signed lengths within PRINTER_MAX_OFFSET_MM, a
 * name of at most PRINTER_MAX_NAME bytes, nothing else.  Errors are
 * reported at their lines of the profile (exit status 2).  Returns 0
 * with *p filled (the caller frees it with printer_clear), or -1.
 */
int	 printer_load(struct xml *, const char *path, struct diag *,
	    struct printer *);
/* The same from bytes in memory, reported on diag file f. */
int	 printer_load_bytes(struct xml *, const char *path, const char *bytes,
	    size_t len, struct diag *, size_t f, struct printer *);
void	 printer_clear(struct printer *);

#endif /* !PRINTER_H */
