/*
 * dossier_out.h: writing a dossier draft as XML in the contract of
 * shared/spec/dossier-xml.md, with a marked place "[CẦN ĐIỀN: …]" for
 * each thing still to fill and Vietnamese comments that explain the
 * elements.  Included by import.c.
 */

#include <stddef.h>

struct diag;
struct plan;

/* Needs model.h: DOSSIER_MARK opens every marked place. */


/*
 * One nominee.  A required field left NULL is written as a marked place
 * that says what to put; an optional one left NULL is left out (a caller
 * that wants a marked place there passes draft_mark's string).
 */
struct draft_nominee {
	char		*id;
	int		 collective;	/* else an individual */
	char		*name;
	char		*gender;	/* "male" or "female" (optional) */
	char		*birth;		/* YYYY-MM-DD or YYYY (optional) */
	char		*ethnicity;	/* optional */
	char		*rank;		/* optional */
	char		*position;	/* optional */
	char		*unit;
	char		*summary;
	char		**report;	/* paragraphs of the report */
	size_t		 nreport;
	char		*conf_title;	/* who confirms the report */
	char		*conf_rank;	/* optional */
	char		*conf_name;
	char		*vote_yes;
	char		*vote_no;
	char		*book;		/* book number (optional) */
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

/* "[CẦN ĐIỀN: what]" (new string). */
char	*draft_mark(const char *what);
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
