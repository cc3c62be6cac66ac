/*
 * input.c: a user's input file read whole (input.h).
 */

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "input.h"

char *
input_read(const char *path, int max_mb, struct diag *d, size_t f,
    size_t *len, int *isdir)
{
	struct stat	 st;
	FILE		*fp;
	char		*bytes;
	size_t		 n;

	*isdir = 0;
	*len = 0;
	if (stat(path, &st) == -1) {
		diag_sys(d, _("%s: cannot open the file: %s"), path,
		    diag_errno(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*isdir = 1;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_sys(d, _("%s: not a regular file"), path);
		return NULL;
	}
	if ((double)st.st_size > (double)max_mb * 1024 * 1024) {
		diag_code(d, f, 1, DC_FILE_SIZE,
		    (double)st.st_size / (1024.0 * 1024.0), max_mb);
		return NULL;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_sys(d, _("%s: cannot open the file: %s"), path,
		    diag_errno(errno));
		return NULL;
	}
	bytes = xmalloc((size_t)st.st_size + 1);
	n = fread(bytes, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		diag_sys(d, _("%s: cannot read the file: %s"), path,
		    diag_errno(errno));
		fclose(fp);
		free(bytes);
		return NULL;
	}
	fclose(fp);
	bytes[n] = '\0';
	*len = n;
	return bytes;
}
