/*
 * input.h: a file the program reads (a dossier, a CSV list, a plan, a
 * template, a printer profile, an image) read whole and bounded, with
 * what goes wrong reported.  Any module that reads a user's or a
 * configuration file includes it.
 */

#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>

struct diag;

/* Why input_slurp() returned NULL. */
enum input_err {
	INPUT_OPEN,		/* cannot open: errno */
	INPUT_ERRNO,		/* cannot read: errno */
	INPUT_DIR,		/* a directory */
	INPUT_NOT_REGULAR,	/* a FIFO, a device, a socket: never read */
	INPUT_TOO_LARGE		/* over the limit (*len: at least its size) */
};

/*
 * The regular file at path, read whole into a new buffer with a NUL
 * after its *len bytes, if it holds at most max bytes.  Anything that is
 * not a regular file is refused before a byte is read (opening never
 * blocks), and the limit holds while reading, so a file that grows or
 * lies about its size stops at max + 1 bytes.  Returns NULL with *why.
 */
char	*input_slurp(const char *path, size_t max, size_t *len,
	    enum input_err *why);

/*
 * input_slurp() with at most max_mb MiB, what goes wrong reported on
 * diag file f: the file cannot be opened or read, is not a regular file
 * (a system error), or is too large (limit-size).  A directory is the
 * caller's to word: NULL with *isdir set and nothing reported.
 */
char	*input_read(const char *path, int max_mb, struct diag *, size_t f,
	    size_t *len, int *isdir);

/* The most a configuration file (plan, template, printer profile, font
   list) may hold, in MiB. */
#define INPUT_CONFIG_MAX_MB	4

/*
 * A configuration file read whole (at most INPUT_CONFIG_MAX_MB), with a
 * NUL after its *len bytes.  NULL after reporting on diag: a file that
 * cannot be opened or read, or that is not a regular file, is a system
 * error; one too large is [limit-size] at line 1 of diag file f.
 */
char	*input_config(const char *path, struct diag *, size_t f,
	    size_t *len);

#endif /* !INPUT_H */
