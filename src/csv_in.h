/*
 * csv_in.h: a spreadsheet saved as CSV, read into rows of cells with the
 * line each starts on.  Included by import.c and the unit tests.
 */

#include <stddef.h>

struct diag;

/* Largest CSV file accepted, in MiB. */
#define CSV_MAX_MB	16

struct csv_cell {
	char		*s;		/* UTF-8 NFC, as written */
	int		 line;		/* where the cell starts */
};

struct csv_row {
	struct csv_cell	*cells;
	size_t		 n;
	int		 line;		/* where the row starts */
};

struct csv {
	struct csv_row	*rows;		/* blank rows left out */
	size_t		 nrows;
	char		 sep;		/* ',' or ';' */
	const char	*encoding;	/* "UTF-8", "windows-1258", ... */
};

/*
 * Parse len bytes of CSV (UTF-8 with or without BOM, or a legacy
 * Vietnamese encoding; the separator is ';' when the first line has more
 * of them than commas; RFC 4180 quotes; CRLF, LF or CR line ends).
 * Problems are reported on file f.  Returns NULL when nothing usable
 * could be read (empty, undecodable, an unterminated quote); otherwise
 * the rows, possibly after reporting a problem in some of them.  The
 * caller frees the result with csv_free.
 */
struct csv	*csv_parse(const char *bytes, size_t len, struct diag *,
		    size_t f);
/*
 * The same for the file at path; a file that cannot be read is a system
 * error (reported).
 */
struct csv	*csv_read(const char *path, struct diag *, size_t f);
void		 csv_free(struct csv *);
