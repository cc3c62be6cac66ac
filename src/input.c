/*
 * input.c: a user's input file read whole (input.h).
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "input.h"

/*
 * Open path for reading without blocking (a FIFO or a device never
 * makes us wait) and say what it is.  Returns the descriptor, or -1
 * with errno set; *st is filled.
 */
static int
open_input(const char *path, struct stat *st)
{
	int	 fd, flags;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY))
	    == -1)
		return -1;
	if (fstat(fd, st) == -1) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/*
 * Read at most max bytes of fd into a new buffer with a NUL after them.
 * Returns it with *len set, NULL with *over set when the file holds more
 * than max bytes (it may have grown since fstat), or NULL with errno set.
 */
static char *
read_bounded(int fd, size_t hint, size_t max, size_t *len, int *over)
{
	char	*b;
	size_t	 cap, n = 0;
	ssize_t	 got;

	*over = 0;
	cap = (hint < max ? hint : max) + 1;
	b = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				*over = 1;
				free(b);
				return NULL;
			}
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			b = xrealloc(b, cap + 1);
		}
		got = read(fd, b + n, cap - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			int e = errno;

			free(b);
			errno = e;
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > max) {
		*over = 1;
		free(b);
		return NULL;
	}
	b[n] = '\0';
	*len = n;
	return b;
}

char *
input_slurp(const char *path, size_t max, size_t *len, enum input_err *why)
{
	struct stat	 st;
	char		*bytes;
	int		 fd, over, e;

	*len = 0;
	if ((fd = open_input(path, &st)) == -1) {
		*why = INPUT_OPEN;
		return NULL;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		close(fd);
		*why = S_ISDIR(st.st_mode) ? INPUT_DIR : INPUT_NOT_REGULAR;
		return NULL;
	}
	if (st.st_size >= 0 && (unsigned long long)st.st_size > max) {
		close(fd);
		*why = INPUT_TOO_LARGE;
		*len = (size_t)st.st_size;
		return NULL;
	}
	bytes = read_bounded(fd, (size_t)st.st_size, max, len, &over);
	e = errno;
	close(fd);
	if (bytes == NULL) {
		*why = over ? INPUT_TOO_LARGE : INPUT_ERRNO;
		if (over)
			*len = max + 1;
		errno = e;
	}
	return bytes;
}

/*
 * Read path with at most max_mb MiB, reporting a failure on d: a system
 * error, or code (the limit) at line 1 of file f.  A directory is
 * reported only when isdir is NULL; else *isdir is set.
 */
static char *
read_reported(const char *path, int max_mb, enum diag_code code,
    struct diag *d, size_t f, size_t *len, int *isdir)
{
	enum input_err	 why;
	char		*bytes;

	if (isdir != NULL)
		*isdir = 0;
	bytes = input_slurp(path, (size_t)max_mb * 1024 * 1024, len, &why);
	if (bytes != NULL)
		return bytes;
	switch (why) {
	case INPUT_OPEN:
		diag_sys(d, _("%s: cannot open the file: %s"), path,
		    diag_errno(errno));
		break;
	case INPUT_ERRNO:
		diag_sys(d, _("%s: cannot read the file: %s"), path,
		    diag_errno(errno));
		break;
	case INPUT_DIR:
		if (isdir != NULL) {
			*isdir = 1;
			break;
		}
		/* FALLTHROUGH */
	case INPUT_NOT_REGULAR:
		diag_sys(d, _("%s: not a regular file"), path);
		break;
	case INPUT_TOO_LARGE:
		diag_code(d, f, 1, code, (double)*len / (1024.0 * 1024.0),
		    max_mb);
		break;
	}
	*len = 0;
	return NULL;
}

char *
input_read(const char *path, int max_mb, struct diag *d, size_t f,
    size_t *len, int *isdir)
{
	return read_reported(path, max_mb, DC_FILE_SIZE, d, f, len, isdir);
}

char *
input_config(const char *path, struct diag *d, size_t f, size_t *len)
{
	return read_reported(path, INPUT_CONFIG_MAX_MB, DC_CONFIG_SIZE, d, f,
	    len, NULL);
}
