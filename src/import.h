/*
 * import.h: a nominee list (CSV) into a dossier draft, and the bare
 * skeleton of init.  Included by main.c.
 */

struct diag;
struct plan;

/* Whose draft: a unit of the army (ranks asked for) or a civil one. */
enum import_unit {
	IMPORT_UNIT_LIST,	/* import: military when the list has ranks;
				   init: civil */
	IMPORT_UNIT_MILITARY,	/* --military */
	IMPORT_UNIT_CIVIL	/* --civil */
};

struct import_opts {
	const struct plan	*plan;	/* or NULL: the number is marked */
	int			 phase;	/* 0: marked */
	const char		*out;	/* -o, or NULL: the default */
	int			 force;	/* overwrite an existing file */
	int			 quiet;	/* no word on success */
	enum import_unit	 unit;
};

/*
 * Read the list at path and write its dossier (to opts->out, default
 * the list's name with .xml).  Problems of the list are reported against
 * it and nothing is written; the exit status is the diagnostics'.
 */
void	 import_list(const char *path, const struct import_opts *,
	    struct diag *);
/* Write the commented skeleton (to opts->out, or standard output). */
void	 import_init(const struct import_opts *, struct diag *);
