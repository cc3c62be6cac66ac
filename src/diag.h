/*
 * diag.h: the one place where findings about input are collected and
 * printed.  Included by every stage that reports on a file.
 */

#include <stddef.h>
#include <stdio.h>

enum diag_sev {
	DIAG_WARNING,
	DIAG_ERROR
};

enum diag_format {
	DIAG_TEXT,
	DIAG_JSON
};

/* What a file is: a dossier, or one of the program's own (plan, template). */
enum diag_role {
	DIAG_DOSSIER,
	DIAG_CONFIG
};

/*
 * Built-in findings of the loader, with their rule id, severity and
 * Vietnamese message (a printf format) in the table in diag.c.  Findings
 * of a plan's rules carry their own id, severity and message instead.
 */
enum diag_code {
	DC_FILE_EMPTY,		/* (no args) */
	DC_FILE_SIZE,		/* size MB (double), limit MB (int) */
	DC_CONFIG_SIZE,		/* size MB (double), limit MB (int) */
	DC_ENCODING,		/* detail (string) */
	DC_XML_SYNTAX,		/* detail (string) */
	DC_DTD,			/* (no args) */
	DC_NAMESPACE,		/* element, namespace found, namespace wanted */
	DC_SCHEMA,		/* detail (string) */
	DC_DATE_FORMAT,		/* detail (string) */
	DC_ID_FORMAT,		/* detail (string) */
	DC_LIMIT_DEPTH,		/* limit (int) */
	DC_LIMIT_LENGTH,	/* element, length, limit */
	DC_EMPTY_FIELD,		/* element */
	DC_PLAN_UNKNOWN,	/* plan number, plans known */
	DC_PLAN_MISMATCH,	/* plan number, plan file, its number */
	DC_PLAN_BROKEN,		/* plan number */
	DC_PLAN_ERROR,		/* detail: an error in a plan file */
	DC_RULE_LIMIT,		/* rule id, field */
	DC_TEMPLATE_ERROR,	/* detail: an error in a template file */
	DC_FONT_ERROR,		/* detail: an error in the font configuration */
	DC_PRINTER_ERROR,	/* detail: an error in a printer profile */
	DC_GLYPH,		/* U+code, letter, font, field */
	DC_WORD_WIDE,		/* word, field */
	DC_NO_FIT,		/* field */
	DC_TOO_TALL,		/* (no args) */
	DC_IMAGE,		/* path */
	DC_PLACEHOLDER,		/* where (string), what to fill (string) */
	DC_CSV_EMPTY,		/* (no args) */
	DC_CSV_NO_ROWS,		/* (no args) */
	DC_CSV_QUOTE,		/* (no args) */
	DC_CSV_AFTER_QUOTE,	/* cell number (size_t), text after the quote */
	DC_CSV_COLUMN,		/* column, the columns known */
	DC_CSV_DUP_COLUMN,	/* column, other column, its number (int) */
	DC_CSV_NO_NAME,		/* (no args) */
	DC_CSV_UNNAMED,		/* column number (int), content */
	DC_CSV_SHORT,		/* cells, columns (size_t), first missing */
	DC_CSV_LONG,		/* cells, columns, cell (size_t), content */
	DC_CSV_VALUE,		/* detail (string) */
	DC_LIMIT_DOC,		/* document kind, the limit (strings) */
	DC_RULE_BUDGET,		/* matches (int), plan file, rule id */
	DC_ID_RESERVED,		/* id, the file it would take */
	DC__MAX
};

struct diag;

struct diag	*diag_new(enum diag_format);
void		 diag_free(struct diag *);

/* Register a file by its path as given; returns its index. */
size_t		 diag_file(struct diag *, const char *path, enum diag_role);
/* Record the dossier id of a file once it is known. */
void		 diag_set_dossier(struct diag *, size_t file, const char *id);

/* A built-in finding from the table. */
void		 diag_code(struct diag *, size_t file, int line,
		    enum diag_code, ...);
/* A finding of a plan rule: its id, severity and finished message. */
void		 diag_rule(struct diag *, size_t file, int line,
		    enum diag_sev, const char *rule, const char *msg);
/*
 * A system error (cannot open, cannot write, out of space): printed at
 * once on standard error, in the interface language; sets exit status 2.
 */
void		 diag_sys(struct diag *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * A warning about the system (litter that could not be removed, fewer
 * processes than asked): printed at once like diag_sys(), the exit
 * status unchanged.
 */
void		 diag_warn_sys(struct diag *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Called before a system error is printed (to clear a progress line on
 * the terminal); fn NULL for none.
 */
void		 diag_before_sys(struct diag *, void (*fn)(void *), void *);

/* A system error number in words, in the interface language. */
const char	*diag_errno(int);

/* Number of errors recorded for one file so far. */
size_t		 diag_errors(const struct diag *, size_t file);

/*
 * Passing findings between processes of a parallel run: a mark taken
 * before some work; the findings recorded since, and a system error,
 * written as lines tagged with the work's number (0 or -1 on a write
 * error); one such line recorded again in another process (0, or -1 if
 * the line is not one of ours).
 */
size_t		 diag_mark(const struct diag *);
/*
 * Forget the findings made since mark (not system errors, which are
 * printed at once): for work that is undone and done again.
 */
void		 diag_rollback(struct diag *, size_t mark);
int		 diag_export(const struct diag *, size_t mark, long tag,
		    FILE *);
int		 diag_import_line(struct diag *, const char *line);
/* The tag of an exported line (its second field), or -1. */
long		 diag_line_tag(const char *line);

/* Print every finding (text on stderr, or JSON on stdout). */
void		 diag_print(struct diag *);
/* 0: all valid; 1: some dossier had an error; 2: system or usage error. */
int		 diag_exit_status(const struct diag *);
