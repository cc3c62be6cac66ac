/*
 * mem.c: allocation wrappers that exit on exhaustion, and the growable
 * string buffer every stage builds text with.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "i18n.h"

static void
oom(void)
{
	/* No diagnostics context reaches here: memory is gone. */
	fprintf(stderr, "khenthuong: %s\n", _("out of memory"));
	exit(2);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t n, size_t sz)
{
	size_t	 c;

	if (n <= *cap)
		return p;
	c = *cap ? *cap : 8;
	while (c < n) {
		if (c > ((size_t)-1) / 2 / sz)
			oom();
		c *= 2;
	}
	p = xrealloc(p, c * sz);
	*cap = c;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/*
 * Room for n more bytes and a NUL: 0; or, in a soft buffer whose memory
 * ran out (now or before), -1 with nomem set.
 */
static int
buf_room(struct buf *b, size_t n)
{
	char	*ns;
	size_t	 c;

	if (!b->soft) {
		b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
		return 0;
	}
	if (b->nomem)
		return -1;
	if (b->len + n + 1 <= b->cap)
		return 0;
	if (n > ((size_t)-1) / 4 - b->len) {
		b->nomem = 1;
		return -1;
	}
	for (c = b->cap ? b->cap : 2048; c < b->len + n + 1; c *= 2)
		continue;
	if ((ns = realloc(b->s, c)) == NULL) {
		b->nomem = 1;
		return -1;
	}
	b->s = ns;
	b->cap = c;
	return 0;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (buf_room(b, n) == -1)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		if (!b->soft)
			oom();
		b->nomem = 1;
		return;
	}
	if (buf_room(b, (size_t)n) == -1)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_detach(struct buf *b)
{
	char	*s;

	s = b->s != NULL ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

