/*
 * sbuf.c: growable byte strings that report running out of memory
 * (sbuf.h).
 */

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

void
sbuf_addn(struct sbuf *sb, const void *s, size_t n)
{
	char	*ns;
	size_t	 ncap;

	if (sb->nomem)
		return;
	if (sb->len + n + 1 > sb->cap) {
		ncap = sb->cap ? sb->cap : 2048;
		while (ncap < sb->len + n + 1)
			ncap *= 2;
		if ((ns = realloc(sb->s, ncap)) == NULL) {
			sb->nomem = 1;
			return;
		}
		sb->s = ns;
		sb->cap = ncap;
	}
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
sbuf_add(struct sbuf *sb, const char *s)
{
	sbuf_addn(sb, s, strlen(s));
}
