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
 * Built-in findings of the loaders, with their rule id, severity and
 * Vietnamese message (a printf format) in the table in diag.c; the
 * comment says the arguments diag_code() takes.  Findings of a plan's
 * rules carry their own id, severity and message instead.
 */
enum diag_code {
	/* A dossier or a list of nominees, or any XML file as XML. */
	DC_FILE_EMPTY,		/* (no args) */
	DC_FILE_SIZE,		/* size MB (double), limit MB (int) */
	DC_ENCODING,		/* detail (string) */
	DC_XML_SYNTAX,		/* detail (string) */
	DC_XML_AMP,		/* (no args) */
	DC_XML_LT,		/* (no args) */
	DC_XML_ATTR_LT,		/* (no args) */
	DC_XML_ENTITY,		/* entity name (string) */
	DC_XML_TAG_MISMATCH,	/* open element, its line (int), closing one */
	DC_XML_TAG_UNCLOSED,	/* element, its line (int), element */
	DC_XML_ATTR_QUOTE,	/* (no args) */
	DC_XML_AFTER_ROOT,	/* (no args) */
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
	DC_RULE_LIMIT,		/* rule id, field */
	DC_GLYPH,		/* U+code, letter, font, field */
	DC_WORD_WIDE,		/* word, field */
	DC_NO_FIT,		/* field, document, what is over */
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
	DC_DOCNUM_NO_ORGAN,	/* number, the form expected */
	DC_QUOTA_NOMINEE,	/* name, count, phase (int), max (int), line */
	DC_NOT_DOSSIER_CSV,	/* the file as given */
	DC_NOT_DOSSIER_SHEET,	/* what the workbook is */
	DC_NOT_DOSSIER_REPORT,	/* what the document is */
	DC_NOT_DOSSIER_PDF,	/* (no args) */
	/*
	 * Configuration files (plan, template, phrases, printer profile,
	 * fonts), from DC_CONFIG_SIZE to the end: each message is printed
	 * on one line, a value quoted from the file with its control
	 * characters as spaces (diag_code).  By file kind, its rule id in
	 * the comment.
	 */
	DC_CONFIG_SIZE,		/* size MB (double), limit MB (int) */
	/* A template ("template"): template.c, tpl_compile.c, tpl_expand.c. */
	DC_TPL_ATTR,		/* element, attribute, attributes taken */
	DC_TPL_LENGTH,		/* attribute, value */
	DC_TPL_LENGTH_MAX,	/* attribute, value, most (double), unit */
	DC_TPL_LENGTH_RANGE,	/* attr, value, least, unit, most, unit */
	DC_TPL_INT_RANGE,	/* attribute, value, least, most (int) */
	DC_TPL_YES_NO,		/* attribute, value */
	DC_TPL_FONT_MISSING,	/* font families */
	DC_TPL_STYLE_NAME,	/* (no args) */
	DC_TPL_STYLE_DUP,	/* style */
	DC_TPL_STYLE_MAX,	/* limit (int) */
	DC_TPL_STYLE_BASE,	/* style */
	DC_TPL_COLOR,		/* value */
	DC_TPL_ALIGN,		/* value */
	DC_TPL_LEADING,		/* value */
	DC_TPL_PAGE_SIZE,	/* value */
	DC_TPL_ORIENTATION,	/* value */
	DC_TPL_MARGINS,		/* width, height left; least (double, mm) */
	DC_TPL_PAGE_STYLE,	/* style */
	DC_TPL_DUP_PAGE,	/* line of the first (int) */
	DC_TPL_DUP_BODY,	/* line of the first (int) */
	DC_TPL_DUP_EVERY,	/* line of the first (int) */
	DC_TPL_TOP_ELEMENT,	/* element */
	DC_TPL_PER,		/* value */
	DC_TPL_NO_BODY,		/* (no args) */
	DC_TPL_IMAGE_MAX,	/* limit (int) */
	DC_TPL_IMAGE_READ,	/* path, reason */
	DC_TPL_IMAGE_NOT_FILE,	/* path */
	DC_TPL_IMAGE_SIZE,	/* path, limit MB (int) */
	DC_TPL_IMAGE_BAD,	/* path, detail */
	DC_TPL_PLACE_SIZE,	/* element */
	DC_TPL_OFF_PAGE,	/* element, page w, h, x+w, y+h (double) */
	DC_TPL_VALIGN,		/* value */
	DC_TPL_STYLE_UNKNOWN,	/* style */
	DC_TPL_BRACE,		/* (no args) */
	DC_TPL_FIELD,		/* name, length (int) and text of the {…} */
	DC_TPL_TEXT_PLACE,	/* (no args) */
	DC_TPL_FOR_ATTRS,	/* (no args) */
	DC_TPL_NOT_LIST,	/* path */
	DC_TPL_FOR_KIND,	/* value */
	DC_TPL_FOR_DEPTH,	/* limit (int) */
	DC_TPL_IF_FIELD,	/* field */
	DC_TPL_IN_PARA,		/* element */
	DC_TPL_IN_TABLE,	/* element */
	DC_TPL_ROW_CELLS,	/* cells, columns (size_t) */
	DC_TPL_IN_ROW,		/* element */
	DC_TPL_IN_COLUMNS,	/* element */
	DC_TPL_COLUMN_WIDTH,	/* value */
	DC_TPL_RULE_OF,		/* value */
	DC_TPL_RULE_LENGTH,	/* value */
	DC_TPL_RULE_LONG,	/* value */
	DC_TPL_TABLE_WIDTHS,	/* (no args) */
	DC_TPL_TABLE_MAX,	/* limit (int) */
	DC_TPL_WIDTHS,		/* value (its first 60 bytes), limit (int) */
	DC_TPL_IMAGE_XY,	/* (no args) */
	DC_TPL_IMAGE_WH,	/* (no args) */
	DC_TPL_IMAGE_SRC,	/* (no args) */
	DC_TPL_ELEMENT,		/* element */
	DC_TPL_COLUMNS_MAX,	/* columns (size_t), limit (int) */
	DC_TPL_ALIGN_BAD,	/* value */
	DC_TPL_CALIBRATION,	/* (no args) */
	DC_TPL_SHARE,		/* attribute, value */
	DC_TPL_GRAY,		/* attribute, value */
	DC_TPL_FOR_NODES,	/* how many elements, dossier id */
	/* The phrases of line breaking ("template"): phrases.c. */
	DC_PHRASES_WORDS,	/* (no args) */
	DC_PHRASES_LONG,	/* (no args) */
	DC_PHRASES_ONE_WORD,	/* (no args) */
	DC_PHRASES_LINES,	/* (no args) */
	DC_PHRASES_DIR,		/* (no args) */
	DC_PHRASES_UTF8,	/* (no args) */
	DC_PHRASES_SECTION,	/* (no args) */
	/* A plan ("plan"): plan.c, then its rules' checks in ruleset.c. */
	DC_PLAN_ATTR,		/* element, attribute, attributes taken */
	DC_PLAN_ATTR_MISSING,	/* element, attribute */
	DC_PLAN_DATE,		/* attribute, value, element */
	DC_PLAN_INT,		/* attribute, value, element, least, most */
	DC_PLAN_SUMMARY,	/* value */
	DC_PLAN_PHASE_ORDER,	/* phase (int) */
	DC_PLAN_SUMMARY_EARLY,	/* value, phase, year, month of its end (int) */
	DC_PLAN_DEADLINE_EARLY,	/* deadline, phase (int), start */
	DC_PLAN_YES_NO,		/* attribute, value, rule id */
	DC_PLAN_RULE_ID,	/* value, limit (int) */
	DC_PLAN_SEVERITY,	/* value, rule id */
	DC_PLAN_NO_MESSAGE,	/* rule id */
	DC_PLAN_CHECK_AND_PATTERN,	/* rule id */
	DC_PLAN_NO_CHECK,	/* rule id */
	DC_PLAN_PATTERN,	/* rule id, offset (size_t), detail */
	DC_PLAN_PATTERN_FIELD,	/* rule id */
	DC_PLAN_RULE_FIELDS,	/* rule id, limit (int) */
	DC_PLAN_MORE_THAN,	/* value, limit (int) */
	DC_PLAN_APPROVAL_OF,	/* value */
	DC_PLAN_IN_RULES,	/* element */
	DC_PLAN_RULES_MAX,	/* limit (int) */
	DC_PLAN_RULE_DUP,	/* rule id, line of the first (int) */
	DC_PLAN_DUP,		/* element, line of the first (int), element */
	DC_PLAN_EMPTY,		/* element */
	DC_PLAN_PLACE,		/* (no args) */
	DC_PLAN_PLACE_LONG,	/* limit (int) */
	DC_PLAN_NUMBER,		/* value, limit (int) */
	DC_PLAN_APPROVAL_DUP,	/* line of the first (int) */
	DC_PLAN_PHASES_MAX,	/* limit (int) */
	DC_PLAN_PHASE_DUP,	/* phase, line of the first (int) */
	DC_PLAN_CRITERIA_KIND,	/* (no args) */
	DC_PLAN_ELEMENT,	/* element */
	DC_PLAN_NEEDS,		/* (no args) */
	DC_PLAN_NO_PHASE,	/* (no args) */
	DC_PLAN_NO_APPROVAL,	/* (no args) */
	DC_PLAN_PARAM_UNKNOWN,	/* rule id, check, parameter, those taken */
	DC_PLAN_PARAM_VALUE,	/* rule id, parameter, value */
	DC_PLAN_PARAM_MISSING,	/* rule id, check, parameter */
	DC_PLAN_MIN_MAX,	/* rule id, min, max */
	DC_PLAN_CHECK_UNKNOWN,	/* rule id, check */
	DC_PLAN_PATTERN_PARAM,	/* rule id, attribute */
	DC_PLAN_FIELD_UNKNOWN,	/* rule id, field */
	DC_PLAN_PLACEHOLDER,	/* rule id, placeholder, the ones it fills */
	/* A printer profile ("printer"): printer.c. */
	DC_PRINTER_ATTR,	/* element, attribute, attributes taken */
	DC_PRINTER_NAME,	/* length (size_t), limit (int) */
	DC_PRINTER_TEXT,	/* (no args) */
	DC_PRINTER_ELEMENT,	/* element */
	DC_PRINTER_OFFSET_DUP,	/* (no args) */
	DC_PRINTER_NO_OFFSET,	/* (no args) */
	DC_PRINTER_OFFSET,	/* x, y (strings) */
	DC_PRINTER_OFFSET_RANGE,	/* x, y (strings), limit, limit (int) */
	/* The font configuration ("font"): fonts.c. */
	DC_FONT_ELEMENT,	/* element */
	DC_FONT_FACE,		/* (no args) */
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
