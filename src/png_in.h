/*
 * png_in.h: a template's PNG image checked whole before any other code
 * (libharu) sees its bytes: its header within the limits below, what
 * PDF/A-1 forbids, and every row decoded once.  Included by template.c
 * and the fuzz targets; nothing here names libpng.
 */

#ifndef PNG_IN_H
#define PNG_IN_H

#include <stddef.h>

#define PNG_IN_MAX_MB		32		/* bytes of the file, MiB */
#define PNG_IN_MAX_SIDE		20000UL		/* pixels of a side */
#define PNG_IN_MAX_PIXELS	40000000UL	/* width x height */

/*
 * Check the PNG image in bytes (len of them): the signature, a header
 * whose sides and area are within the limits (checked before a row is
 * decoded), no alpha channel, no transparent colour, 8 bits or fewer a
 * channel, not interlaced (libharu 2.3.0 cannot read it), then every
 * row and chunk up to IEND decoded with libpng, a warning of libpng
 * taken as an error (libharu 2.3.0 fails on one).  Returns 0 with the size in *w
 * and *h, or -1 with a message in Vietnamese for the template's author
 * in err (errlen bytes).  Nothing is kept.
 */
int	 png_in_check(const unsigned char *bytes, size_t len,
	    unsigned long *w, unsigned long *h, char *err, size_t errlen);

#endif /* !PNG_IN_H */
