/*
 * mem.h: allocation that never returns NULL (out of memory is a system
 * error: the program reports it and exits 2).  Included by every module.
 */

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grow an array of *cap elements of size sz so it holds at least n. */
void	*xgrow(void *, size_t *cap, size_t n, size_t sz);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a new string; the caller frees it. */
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

/*
 * A growable NUL-terminated byte string, the program's one.  From all
 * zeros (BUF_INIT) it grows through xrealloc and never fails.  Made with
 * BUF_SOFT, for code that must fail one document, not the program, when memory
 * runs out (the PDF backend, the font subsetter): nomem is set once an
 * allocation fails, what is added after is dropped, and the owner checks
 * nomem when it is done.
 */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 soft;		/* an allocation that fails sets nomem */
	int	 nomem;
};

#define BUF_INIT	{ NULL, 0, 0, 0, 0 }
#define BUF_SOFT	{ NULL, 0, 0, 1, 0 }

void	 buf_add(struct buf *, const char *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hand the string over to the caller (never NULL) and empty the buffer. */
char	*buf_detach(struct buf *);
void	 buf_free(struct buf *);

