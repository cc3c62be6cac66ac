/*
 * plan.h: a campaign plan (kế hoạch thi đua) as loaded from its data
 * file: phases, quota, approval threshold, criteria, dossier composition
 * and the rules that validation applies.  Included by main.c, the
 * validator's files and the renderers.
 */

#include <stddef.h>

struct diag;
struct xml;
struct rx;
struct ruleset;

struct plan_phase {
	int		 number;
	struct date	 start, end;
	struct date	 summary_end;		/* end of the summary month */
	struct date	 report_deadline;	/* y == 0: none */
	int		 quota;			/* collectives and individuals */
	char		*theme;
	int		 line;
};

struct plan_param {
	char		*name;
	char		*value;
};

struct plan_rule {
	char		*id;
	enum diag_sev	 sev;
	char		*check;		/* built-in check, or NULL */
	char		*pattern;	/* or a pattern on fields */
	struct rx	*rx;
	int		 require;	/* 1: must match; 0: must not */
	char		**fields;	/* "nominee.name[individual]" */
	size_t		 nfields;
	struct plan_param *params;	/* the check's other attributes */
	size_t		 nparams;
	char		*message;	/* with {placeholders} */
	int		 line;
};

struct plan {
	char		*path;
	size_t		 file;		/* index in the diagnostics */
	char		*number;	/* "217/KH-UBND" */
	struct date	 date;
	char		*issuer;
	char		*place;		/* the issuer's địa danh, or NULL */
	char		*title;
	char		*award;
	int		 approve_num;	/* yes must exceed num/den of */
	int		 approve_den;	/* the members present */
	struct plan_phase *phases;
	size_t		 nphases;
	char		**criteria_collective;
	size_t		 ncriteria_collective;
	char		**criteria_individual;
	size_t		 ncriteria_individual;
	char		**composition;
	size_t		 ncomposition;
	struct plan_rule *rules;		/* as the file writes them */
	size_t		 nrules;
	struct ruleset	*ruleset;	/* bound: validate_bind(), or NULL */
};

/*
 * Load a plan file.  Its errors are reported against the file itself (a
 * program file: exit status 2).  Returns NULL when it has any.
 */
struct plan	*plan_load(struct xml *, const char *path, struct diag *);
/* The same from len bytes in memory, named path in the diagnostics. */
struct plan	*plan_load_bytes(struct xml *, const char *path,
		    const char *bytes, size_t len, struct diag *);
/* Free a plan, with its ruleset (NULL: nothing). */
void		 plan_free(struct plan *);
const struct plan_phase *plan_phase(const struct plan *, int number);
/* A rule's parameter, or NULL. */
const char	*plan_param(const struct plan_rule *, const char *name);
