/*
 * pdf.h: the PDF backend, a drawing device of backend.h that writes
 * PDF/A-1b files.  Included by the program's driver and by tests; only
 * the pdf*.c files include libharu headers, and only pdf_hpdf.c its
 * internal ones.  Include backend.h before this file
 * when the structures themselves are needed, and font.h to use the
 * faces.
 */

#ifndef PDF_H
#define PDF_H

#include <stddef.h>

struct bk_docinfo;
struct bk_ops;
struct font_set;
struct pdf;
struct pdf_cache;

/*
 * What documents made one after another share: the face set fs (font.h),
 * whose faces they draw with and embed, not owned and outliving the
 * cache (NULL: a set of the cache's own), and the ICC profile at
 * icc_path (version 2, RGB) for their output intents.  Returns NULL with
 * a message in err (errlen bytes) if the profile cannot be read or is
 * not a v2 RGB profile, or memory runs out.  A cache is not shared
 * between threads; after fork() each process uses its own copy.  Free it
 * with pdf_cache_free() after the documents made with it.
 */
struct pdf_cache	*pdf_cache_new(const char *icc_path,
			    struct font_set *fs, char *err, size_t errlen);

/* Frees c; c may be NULL. */
void			 pdf_cache_free(struct pdf_cache *c);

/*
 * A new document without pages, with the metadata of info written into its
 * Info dictionary and XMP packet, and an sRGB output intent from the ICC
 * profile of cache; its fonts are read through cache, which must outlive
 * it.  With cache NULL, the document has a cache of its own made from
 * icc_path (ignored otherwise).  The strings of info are used during the
 * call only.  Returns NULL with a message in err (errlen bytes) on
 * failure: a field of info that is not valid UTF-8 or too long, a date
 * that is not YYYY-MM-DD, a digest that is not 64 hex digits, a profile
 * pdf_cache_new() refuses, no memory.  The caller frees the result with
 * pdf_free().
 */
struct pdf		*pdf_new(const struct bk_docinfo *info,
			    struct pdf_cache *cache, const char *icc_path,
			    char *err, size_t errlen);

/* The face set of p's cache (font.h), to load faces into. */
struct font_set		*pdf_fonts(struct pdf *p);

/*
 * Tells p that face of its face set is one of its fonts.  The fonts are
 * written into the file in the order they are first told or drawn, so a
 * caller tells them in the order a template names them.  Returns 0, or
 * -1 with a message in err (no such face, the document saved already,
 * no memory).
 */
int			 pdf_face_use(struct pdf *p, int face, char *err,
			    size_t errlen);

/*
 * The function table of backend.h; its dev argument is a struct pdf *,
 * and its font arguments are faces of the cache's set.
 * Never NULL; the table is static and must not be freed.  The void
 * functions of the table record their first failure in the document
 * (see pdf_error()) and then do nothing more; pdf_save() refuses such a
 * document.
 */
const struct bk_ops	*pdf_ops(void);

/*
 * Writes the document to exactly path, created or truncated; nothing else
 * is created.  The file identifier (/ID) is a digest of the file's own
 * bytes, so the same drawing calls give the same bytes.  Returns 0, or -1
 * with a message in err: an earlier drawing call failed, the document has
 * no page, libharu could not serialise it, or path could not be written
 * (a partly written path is removed).  The file is not fsync'ed.  After
 * the first call the document takes no more drawing; saving it again
 * writes the same bytes.
 */
int			 pdf_save(struct pdf *p, const char *path,
			    char *err, size_t errlen);

/*
 * Begins writing the document to path before its first page: from then
 * on each page goes to the file as soon as the next one begins, and only
 * a few hundred bytes of it stay in memory, so that a document of any
 * number of pages takes the memory of one (the fonts are written at the
 * end).  pdf_save() must then be given the same path.  A document never
 * saved removes its file when freed.  Returns 0, or -1 with a message in
 * err (a page drawn already, the file cannot be created).
 */
int			 pdf_stream_to(struct pdf *p, const char *path,
			    char *err, size_t errlen);

/*
 * pdf_stream_to() into fd, a file the caller created (for one whose name
 * must not be followed or replaced: created O_EXCL|O_NOFOLLOW under a
 * folder's descriptor).  name is for messages and for pdf_save(), which
 * must then be given it.  p owns fd from the call on, even on failure;
 * the file is never removed by p (a half file is the caller's to
 * remove).  Returns 0, or -1 with a message in err.
 */
int			 pdf_stream_fd(struct pdf *p, int fd,
			    const char *name, char *err, size_t errlen);
/*
 * pdf_save() into fd, a file the caller created as for pdf_stream_fd(),
 * for a document not streamed (the same bytes as pdf_save()).  p owns fd
 * from the call on.  Returns 0, or -1 with a message in err.
 */
int			 pdf_save_fd(struct pdf *p, int fd, const char *name,
			    char *err, size_t errlen);

/*
 * The message of the first failed call of the function table (a libharu
 * error as text, a bad font handle, a character the font lacks, drawing
 * outside a page), or NULL if none failed.  The string belongs to p and
 * lives until pdf_free().
 */
const char		*pdf_error(const struct pdf *p);

/* Frees p and everything it holds; p may be NULL. */
void			 pdf_free(struct pdf *p);

#endif /* !PDF_H */
