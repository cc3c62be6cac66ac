/*
 * pdf_write.c: owns the file — written object by object as libharu
 * serialises each, a page at a time when streamed, then the xref, the
 * trailer and an /ID that is the MD5 of the file itself.
 */

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L	/* fdopen() */
#endif

#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "backend.h"
#include "font.h"
#include "input.h"
#include "mem.h"
#include "pdf.h"
#include "pdf_hpdf.h"
#include "pdf_int.h"
#include "ttf.h"

static int	 out_write(struct pdf *, const void *, size_t);
static int	 scratch_flush(struct pdf *);
static int	 obj_out(struct pdf *, HPDF_UINT);
static int	 scratch_out(void *, const void *, size_t);

/* ------------------------------------------------------------------ saving */

#define PDF_HEADER	"%PDF-1.4\n%\xB7\xBE\xAD\xAA\n"
#define PDF_ZERO_ID	"<00000000000000000000000000000000>"

/* Bytes to the file; a write error fails the document. */
static int
out_write(struct pdf *p, const void *b, size_t n)
{
	if (n > 0 && fwrite(b, 1, n, p->out) != n) {
		pdf_sticky(p, "pdf: cannot write %s: %s", p->outpath,
		    strerror(errno));
		return -1;
	}
	p->off += n;
	return 0;
}

static int
scratch_out(void *arg, const void *b, size_t n)
{
	return out_write(arg, b, n);
}

/* What libharu wrote into the scratch stream, to the file. */
static int
scratch_flush(struct pdf *p)
{
	return pdfh_scratch_drain(p->scratch, scratch_out, p);
}

int
pdf_stream_to(struct pdf *p, const char *path, char *err, size_t errlen)
{
	if (p->out != NULL || p->finished || p->npages > 0) {
		pdf_seterr(err, errlen, "pdf: %s: the file must be begun before "
		    "the first page", path);
		return -1;
	}
	return pdf_file_begin(p, path, err, errlen);
}

/*
 * The caller's file fd (owned from now on) as the document's file named
 * name, with its header written.  0, or -1 and err (fd closed).
 */
int
pdf_fd_begin(struct pdf *p, int fd, const char *name, char *err, size_t errlen)
{
	if ((p->outpath = pdf_dupstr(name)) == NULL) {
		pdf_seterr(err, errlen, "pdf: out of memory");
		close(fd);
		return -1;
	}
	if ((p->out = fdopen(fd, "w+b")) == NULL) {
		pdf_seterr(err, errlen, "pdf: cannot write %s: %s", name,
		    strerror(errno));
		close(fd);
		free(p->outpath);
		p->outpath = NULL;
		return -1;
	}
	p->given = 1;
	p->off = 0;
	if (out_write(p, PDF_HEADER, sizeof(PDF_HEADER) - 1) == -1) {
		pdf_seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

int
pdf_stream_fd(struct pdf *p, int fd, const char *name, char *err,
    size_t errlen)
{
	if (p->out != NULL || p->finished || p->npages > 0) {
		pdf_seterr(err, errlen, "pdf: %s: the file must be begun before "
		    "the first page", name);
		close(fd);
		return -1;
	}
	return pdf_fd_begin(p, fd, name, err, errlen);
}

int
pdf_save_fd(struct pdf *p, int fd, const char *name, char *err,
    size_t errlen)
{
	int	 rc;

	if (p->out != NULL || p->saved) {
		pdf_seterr(err, errlen, "pdf: %s: the document has its file",
		    name);
		close(fd);
		return -1;
	}
	p->pending = 1;
	p->pendfd = fd;
	rc = pdf_save(p, name, err, errlen);
	if (p->pending)			/* not reached the file */
		close(p->pendfd);
	p->pending = 0;
	return rc;
}

/* Creates the file at path and writes its header.  0, or -1 and err. */
int
pdf_file_begin(struct pdf *p, const char *path, char *err, size_t errlen)
{
	if ((p->outpath = pdf_dupstr(path)) == NULL) {
		pdf_seterr(err, errlen, "pdf: out of memory");
		return -1;
	}
	if ((p->out = fopen(path, "w+b")) == NULL) {
		pdf_seterr(err, errlen, "pdf: cannot create %s: %s", path,
		    strerror(errno));
		free(p->outpath);
		p->outpath = NULL;
		return -1;
	}
	p->off = 0;
	if (out_write(p, PDF_HEADER, sizeof(PDF_HEADER) - 1) == -1) {
		pdf_seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}

/*
 * Writes object number id (an entry of the xref) to the file now, as
 * libharu would ("N 0 obj ... endobj") and records its offset.  Returns
 * 0, or -1 with the document failed.
 */
static int
obj_out(struct pdf *p, HPDF_UINT id)
{
	void		*obj;
	unsigned	 gen;
	unsigned long	*no;
	char		 head[32];
	size_t		 k;

	if ((obj = pdfh_xref_obj(p->doc, id, &gen)) == NULL) {
		pdf_sticky(p, "pdf: object %u is missing", id);
		return -1;
	}
	if (id >= p->offsz) {
		for (k = p->offsz ? p->offsz : 64; k <= id; k *= 2)
			continue;
		if ((no = realloc(p->offs, k * sizeof(*no))) == NULL) {
			pdf_sticky(p, "pdf: out of memory");
			return -1;
		}
		memset(no + p->offsz, 0, (k - p->offsz) * sizeof(*no));
		p->offs = no;
		p->offsz = k;
	}
	p->offs[id] = p->off;
	snprintf(head, sizeof(head), "%u %u obj\n", id, gen);
	if (pdfh_scratch_puts(p->scratch, head) != HPDF_OK ||
	    pdfh_obj_write(obj, p->scratch) != HPDF_OK ||
	    pdfh_scratch_puts(p->scratch, "\nendobj\n") != HPDF_OK) {
		pdf_hpdf_sticky(p, "pdf: writing an object");
		return -1;
	}
	return scratch_flush(p);
}

/*
 * Writes the finished page and its content to the file and frees them,
 * leaving stand-ins (pdf_page_pack() of a streamed document).  Returns 0, or
 * -1 with the document failed.
 */
int
pdf_page_out(struct pdf *p, HPDF_Page page)
{
	HPDF_Dict	 contents;

	if ((contents = pdfh_page_last(p->doc, page)) == NULL) {
		pdf_sticky(p, "pdf: the page is not the last of the page tree");
		return -1;
	}
	if (obj_out(p, pdfh_obj_id(contents)) == -1 ||
	    obj_out(p, pdfh_obj_id(page)) == -1)
		return -1;
	if (pdfh_page_drop(p->doc, page) == -1) {
		pdf_sticky(p, "pdf: out of memory");
		return -1;
	}
	if (fflush(p->out) != 0) {	/* the page is in the file now */
		pdf_sticky(p, "pdf: cannot write %s: %s", p->outpath,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Ends the file: every object not written yet, the cross-reference table
 * and the trailer, whose /ID is then set to the MD5 of the whole file as
 * written with the ID zeroed.  Returns 0, or -1 with the document failed.
 */
int
pdf_file_end(struct pdf *p)
{
	HPDF_UINT	 i, n = pdfh_xref_count(p->doc);
	struct pdfh_md5	*ctx;
	unsigned char	 dig[PDF_ID_LEN];
	unsigned char	 buf[65536], *z;
	char		 line[64], hex[2 * PDF_ID_LEN + 1];
	unsigned long	 xref_at, tr_at;
	size_t		 k, got, zlen = sizeof(PDF_ZERO_ID) - 1;
	long		 at[2];
	int		 nat = 0;

	/* The page tree's count: its own count walks pages now gone. */
	if (pdfh_trailer_ready(p->doc, p->npages) != HPDF_OK) {
		pdf_hpdf_sticky(p, "pdf: the trailer");
		return -1;
	}
	for (i = 1; i < n; i++)
		if ((i >= p->offsz || p->offs[i] == 0) && obj_out(p, i) == -1)
			return -1;

	xref_at = p->off;
	snprintf(line, sizeof(line), "xref\n0 %u\n0000000000 65535 f\r\n", n);
	if (out_write(p, line, strlen(line)) == -1)
		return -1;
	for (i = 1; i < n; i++) {
		snprintf(line, sizeof(line), "%010lu 00000 n\r\n", p->offs[i]);
		if (out_write(p, line, strlen(line)) == -1)
			return -1;
	}
	tr_at = p->off;
	if (pdfh_scratch_puts(p->scratch, "trailer\n") != HPDF_OK ||
	    pdfh_obj_write(pdfh_trailer(p->doc), p->scratch) != HPDF_OK) {
		pdf_hpdf_sticky(p, "pdf: the trailer");
		return -1;
	}
	if (scratch_flush(p) == -1)
		return -1;
	snprintf(line, sizeof(line), "\nstartxref\n%lu\n%%%%EOF\n", xref_at);
	if (out_write(p, line, strlen(line)) == -1)
		return -1;
	if (fflush(p->out) != 0) {
		pdf_sticky(p, "pdf: cannot write %s: %s", p->outpath,
		    strerror(errno));
		return -1;
	}

	/* The digest of the file, and where the trailer's zero IDs are. */
	if ((ctx = pdfh_md5_new()) == NULL) {
		pdf_sticky(p, "pdf: out of memory");
		return -1;
	}
	if (fseek(p->out, 0, SEEK_SET) != 0) {
		pdfh_md5_end(ctx, dig);
		goto ioerr;
	}
	for (;;) {
		long base = ftell(p->out);

		got = fread(buf, 1, sizeof(buf), p->out);
		if (got == 0)
			break;
		pdfh_md5_add(ctx, buf, got);
		for (k = 0; k + zlen <= got && nat < 2; k++)
			if ((unsigned long)(base + (long)k) >= tr_at &&
			    memcmp(buf + k, PDF_ZERO_ID, zlen) == 0)
				at[nat++] = base + (long)k;
	}
	pdfh_md5_end(ctx, dig);
	if (ferror(p->out))
		goto ioerr;
	if (nat != 2) {
		pdf_sticky(p, "pdf: no /ID placeholder in the trailer");
		return -1;
	}
	for (k = 0; k < PDF_ID_LEN; k++)
		snprintf(hex + 2 * k, 3, "%02X", (unsigned)dig[k]);
	for (k = 0; k < 2; k++) {
		z = (unsigned char *)hex;
		if (fseek(p->out, at[k] + 1, SEEK_SET) != 0 ||
		    fwrite(z, 1, 2 * PDF_ID_LEN, p->out) != 2 * PDF_ID_LEN)
			goto ioerr;
	}
	if (fclose(p->out) != 0) {
		p->out = NULL;
		goto ioerr;
	}
	p->out = NULL;
	return 0;
ioerr:
	pdf_sticky(p, "pdf: cannot write %s: %s", p->outpath, strerror(errno));
	return -1;
}

/* A copy of the finished file from to the path to. */
int
pdf_file_copy(const char *from, const char *to, char *err, size_t errlen)
{
	FILE	*in, *o;
	char	 b[65536];
	size_t	 n;
	int	 e, rc = 0;

	if ((in = fopen(from, "rb")) == NULL) {
		pdf_seterr(err, errlen, "pdf: cannot read %s: %s", from,
		    strerror(errno));
		return -1;
	}
	if ((o = fopen(to, "wb")) == NULL) {
		e = errno;
		fclose(in);
		pdf_seterr(err, errlen, "pdf: cannot create %s: %s", to,
		    strerror(e));
		return -1;
	}
	while (rc == 0 && (n = fread(b, 1, sizeof(b), in)) > 0)
		if (fwrite(b, 1, n, o) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	e = errno;
	fclose(in);
	if (fclose(o) != 0)
		rc = -1;
	if (rc == -1) {
		remove(to);
		pdf_seterr(err, errlen, "pdf: cannot write %s: %s", to,
		    strerror(e));
	}
	return rc;
}
