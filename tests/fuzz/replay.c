/*
 * replay.c: runs a fuzz target over files, for the kept inputs of
 * tests/fuzz/ in `make test` (built with the sanitizers in `make asan`).
 * Prints "ok - FILE" for each.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	FILE		*fp;
	unsigned char	*buf;
	size_t		 n, cap = 1 << 20;
	int		 i;

	buf = malloc(cap);
	for (i = 1; i < argc && buf != NULL; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			printf("not ok - %s: cannot open\n", argv[i]);
			continue;
		}
		n = fread(buf, 1, cap, fp);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n);
		printf("ok - fuzz input %s\n", argv[i]);
	}
	free(buf);
	return 0;
}
