/*
 * sha256.h: SHA-256 (FIPS 180-4) for the manifest and the source
 * digests in the PDFs' metadata.  Included by outdir.c (the manifest),
 * dossier_in.c (the source's digest) and tests.
 */

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	 h[8];
	uint64_t	 len;		/* bytes hashed */
	unsigned char	 buf[64];
	size_t		 nbuf;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
/* The digest as 64 lower-case hex digits and a NUL in hex[65]. */
void	 sha256_hex(struct sha256 *, char hex[65]);
/* The digest of a file into hex; 0, or -1 (errno set) if unreadable. */
int	 sha256_file(const char *path, char hex[65]);
/* The digest of what is left to read of fd; 0, or -1 (errno set). */
int	 sha256_fd(int fd, char hex[65]);
