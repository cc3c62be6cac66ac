/*
 * input.h: a user's input file (a dossier, a CSV list) read whole, with
 * what goes wrong reported.  Included by dossier_in.c and csv_in.c.
 */

#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>

struct diag;

/*
 * The file at path, read whole into a new buffer with a NUL after its
 * *len bytes, if it is at most max_mb MiB.  Returns NULL after reporting
 * on diag file f: the file cannot be opened or read, is not a regular
 * file (a system error), or is too large (limit-size).  A directory is
 * the caller's to word: NULL with *isdir set and nothing reported.
 */
char	*input_read(const char *path, int max_mb, struct diag *, size_t f,
	    size_t *len, int *isdir);

#endif /* !INPUT_H */
