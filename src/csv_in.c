/*
 * csv_in.c: reading a spreadsheet saved as CSV.  Owns the file's limits,
 * the choice of separator, RFC 4180 quoting and line ends; the encoding
 * is found by encoding.c.  Knows nothing of what the columns mean.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "csv_in.h"
#include "input.h"
#include "i18n.h"

struct parser {
	const char	*p;		/* next character */
	int		 line;
	struct diag	*d;
	size_t		 f;
};

/* Is p at a line end (LF, CRLF or a lone CR)?  Its length, or 0. */
static size_t
eol(const char *p)
{
	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return p[1] == '\n' ? 2 : 1;
	return 0;
}

/* ';' when the first line (outside quotes) has more of them than ','. */
static char
separator(const char *s)
{
	size_t	 commas = 0, semis = 0;
	int	 quoted = 0;

	for (; *s != '\0'; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && eol(s))
			break;
		else if (!quoted && *s == ',')
			commas++;
		else if (!quoted && *s == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return 0;
	return 1;
}

static void
row_add(struct csv_row *r, size_t *cap, char *s, int line)
{
	r->cells = xgrow(r->cells, cap, r->n + 1, sizeof(*r->cells));
	r->cells[r->n].s = s;
	r->cells[r->n].line = line;
	r->n++;
}

/*
 * One quoted cell, the opening quote already passed, into b.  Returns 0,
 * or -1 at the end of the text (an unterminated quote, reported).
 */
static int
quoted_cell(struct parser *ps, struct buf *b, int open_line)
{
	size_t	 n;

	for (;;) {
		if (*ps->p == '\0') {
			diag_code(ps->d, ps->f, open_line, DC_CSV_QUOTE);
			return -1;
		}
		if (*ps->p == '"') {
			if (ps->p[1] != '"') {
				ps->p++;
				return 0;
			}
			buf_addc(b, '"');
			ps->p += 2;
		} else if ((n = eol(ps->p)) > 0) {
			buf_addc(b, '\n');
			ps->p += n;
			ps->line++;
		} else
			buf_addc(b, *ps->p++);
	}
}

/*
 * One row into r.  Returns 1 at the end of a row, 0 at the end of the
 * text, -1 after an unterminated quote.
 */
static int
row(struct parser *ps, char sep, struct csv_row *r)
{
	struct buf	 b = BUF_INIT;
	const char	*q;
	char		*junk;
	size_t		 cap = 0, n;
	int		 start;

	r->line = ps->line;
	for (;;) {
		start = ps->line;
		/* A quote after nothing but spaces opens a quoted cell. */
		for (q = ps->p; *q == ' ' || *q == '\t'; q++)
			continue;
		if (*q == '"') {
			ps->p = q + 1;
			if (quoted_cell(ps, &b, start) == -1) {
				buf_free(&b);
				return -1;
			}
			for (q = ps->p; *q == ' ' || *q == '\t'; q++)
				continue;
			ps->p = q;
			if (*q != sep && *q != '\0' && !eol(q)) {
				for (n = 0; q[n] != sep && q[n] != '\0' &&
				    !eol(q + n); n++)
					continue;
				junk = xstrndup(q, n);
				diag_code(ps->d, ps->f, ps->line,
				    DC_CSV_AFTER_QUOTE, r->n + 1, junk);
				free(junk);
				ps->p = q + n;
			}
		} else
			while (*ps->p != sep && *ps->p != '\0' && !eol(ps->p))
				buf_addc(&b, *ps->p++);
		row_add(r, &cap, buf_detach(&b), start);
		if (*ps->p == sep) {
			ps->p++;
			continue;
		}
		if ((n = eol(ps->p)) > 0) {
			ps->p += n;
			ps->line++;
			return 1;
		}
		return 0;
	}
}

static void
row_free(struct csv_row *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		free(r->cells[i].s);
	free(r->cells);
	memset(r, 0, sizeof(*r));
}

static int
row_blank(const struct csv_row *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		if (!blank(r->cells[i].s))
			return 0;
	return 1;
}

struct csv *
csv_parse(const char *bytes, size_t len, struct diag *d, size_t f)
{
	struct parser	 ps;
	struct csv	*c;
	struct csv_row	 r;
	char		*text, *msg;
	const char	*enc;
	size_t		 cap = 0;
	int		 line, more;

	if (enc_decode_text(bytes, len, &text, &enc, &line, &msg) == -1) {
		diag_code(d, f, line, DC_ENCODING, msg);
		free(msg);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->encoding = enc;
	c->sep = separator(text);
	ps.p = text;
	ps.line = 1;
	ps.d = d;
	ps.f = f;
	do {
		memset(&r, 0, sizeof(r));
		if ((more = row(&ps, c->sep, &r)) == -1) {
			row_free(&r);
			free(text);
			csv_free(c);
			return NULL;
		}
		if (row_blank(&r)) {
			row_free(&r);
			continue;
		}
		c->rows = xgrow(c->rows, &cap, c->nrows + 1, sizeof(r));
		c->rows[c->nrows++] = r;
	} while (more);
	free(text);
	if (c->nrows == 0) {		/* nothing but empty cells */
		diag_code(d, f, 1, DC_CSV_EMPTY);
		csv_free(c);
		return NULL;
	}
	return c;
}

struct csv *
csv_read(const char *path, struct diag *d, size_t f)
{
	struct csv	*c;
	char		*bytes;
	size_t		 n;
	int		 isdir;

	if ((bytes = input_read(path, CSV_MAX_MB, d, f, &n, &isdir)) ==
	    NULL) {
		if (isdir)
			diag_sys(d, "%s: %s", path, diag_errno(EISDIR));
		return NULL;
	}
	c = csv_parse(bytes, n, d, f);
	free(bytes);
	return c;
}

void
csv_free(struct csv *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nrows; i++)
		row_free(&c->rows[i]);
	free(c->rows);
	free(c);
}
