/*
 * dossier_out.h: writing a dossier draft as XML in the contract of
 * shared/spec/dossier-xml.md, with a marked place "[CẦN ĐIỀN: …]" for
 * each thing still to fill and Vietnamese comments that explain the
 * elements.  Included by import.c.
 */

#include <stddef.h>

struct diag;
struct plan;

/* Needs model.h (DOSSIER_MARK opens every marked place) and fields.h. */

/*
 * One nominee: the value of each field that has a draft in fields.in,
 * by field id (paragraphs one a line).  A field left NULL is written as
 * a marked place that says what to put when fields.in says FD_ALWAYS or
 * the caller sets its mark; else it is left out.
 */
struct draft_nominee {
	char		*v[F__MAX];	/* a field's value, or NULL */
	unsigned char	 mark[F__MAX];	/* NULL written as a marked place */
	int		 collective;	/* else an individual */
	char		*source;	/* a comment above it, or NULL */
};

struct draft {
	char			*id;	/* dossier id, or NULL: marked */
	const struct plan	*plan;	/* or NULL: the number is marked */
	int			 phase;	/* 0: marked */
	char			*origin;	/* "lập từ …" in the heading */
	int			 verbose;	/* explain every element */
	int			 military;	/* ranks asked for, military
					   examples; else civil ones */
	struct draft_nominee	*nominees;
	size_t			 n;
};

/* Free the strings of a nominee (not the struct itself). */
void	 draft_nominee_free(struct draft_nominee *);
/* The draft as an XML document (new string). */
char	*draft_xml(const struct draft *);
/*
 * Write text to path whole or not at all (a temporary file beside it,
 * fsync, then into place), or to standard output when path is NULL.  An
 * existing path is left alone unless force.  Returns 0, or -1 after
 * reporting a system error (exit status 2).
 */
int	 draft_write(const char *path, const char *text, int force,
	    struct diag *);
