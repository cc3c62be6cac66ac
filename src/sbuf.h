/*
 * sbuf.h: a growable NUL-terminated byte string for code that must fail
 * one document, not the program, when memory runs out (the PDF backend
 * and the font subsetter): nomem is set once an allocation fails, and
 * what is added after is dropped.  Start from all zeros; free(s) at the
 * end.  No dependency, so the PDF probe builds with it alone.
 */

#ifndef SBUF_H
#define SBUF_H

#include <stddef.h>

struct sbuf {
	char	*s;
	size_t	 len, cap;
	int	 nomem;
};

void	 sbuf_addn(struct sbuf *, const void *, size_t);
void	 sbuf_add(struct sbuf *, const char *);

#endif /* !SBUF_H */
