/*
 * pdf_int.h: what the files of the PDF backend (pdf.c, pdf_meta.c,
 * pdf_font.c, pdf_draw.c, pdf_write.c) share and no one else sees: the
 * document, its fonts and cache, and the functions one file gives the
 * others.  Included by those files only, after hpdf.h, font.h, mem.h
 * and pdf.h.
 */

#if defined(__GNUC__)
#define PRINTFLIKE(f, a)	__attribute__((format(printf, f, a)))
#else
#define PRINTFLIKE(f, a)
#endif

#define PDF_CREATOR	"khenthuong"
#define PDF_PRODUCER	"Haru Free PDF Library " HPDF_VERSION_TEXT
#define PDF_ICC_NAME	"sRGB IEC61966-2.1"
#define PDF_TZ_PDF	"+07'00'"	/* the dossier's dates are Vietnamese */
#define PDF_TZ_XMP	"+07:00"
#define PDF_SOURCE_PREFIX "urn:sha256:"	/* dc:source of the dossier */
#define PDF_FIELD_MAX	4096		/* bytes of one docinfo string */
#define PDF_ID_LEN	16
#define PDF_MAX_CIDS	0xFFF0		/* distinct code points of a face */

struct pdf_cache {
	struct font_set	*fs;		/* the faces, not owned */
	struct font_set	*ownfs;		/* a set of the cache's own, or NULL */
	unsigned char	*iccdata;	/* the ICC profile, read once */
	size_t		 icclen;
};

/*
 * The CIDs of a face in one document, numbered 1, 2, ... in the order the
 * code points are first drawn; CID i is glyph i of the embedded subset, so
 * the CIDToGIDMap is the identity and /W is a single run.
 */
struct pdf_cids {
	uint16_t	*page[256];	/* code point to CID, by high byte */
	uint16_t	*cp;		/* cp[i - 1]: the code point of CID i */
	size_t		 n, cap;
};

/* A font of a document: a face of the cache's set, in the order used. */
struct pdf_font {
	int		 face;		/* index in the face set */
	HPDF_Dict	 font;		/* the Type0 font, NULL until drawn */
	struct pdf_cids	 cids;
};

struct pdf_image {
	const unsigned char *png;	/* the caller's bytes: the key */
	HPDF_Image	 img;
};

struct pdf {
	HPDF_Doc	  doc;
	struct pdf_cache *cache;
	struct pdf_cache *own;		/* a cache of this document's alone */
	HPDF_Page	  page;		/* the current page, or NULL */
	int		  npages;
	struct pdf_font	 *fonts;
	size_t		  nfonts, fontsz;
	struct pdf_image *imgs;
	size_t		  nimgs, imgsz;
	char		 *text;		/* the operators of a text run */
	size_t		  textsz, textlen;

	/* What the current page's graphics state holds already. */
	HPDF_Dict	  gs_font;
	double		  gs_size;
	struct bk_rgb	  gs_fill, gs_stroke;
	double		  gs_lw;
	int		  gs_hasfill, gs_hasstroke, gs_haslw;

	/* The file, written as it goes (pdf_stream_to()) or at the end. */
	FILE		 *out;
	char		 *outpath;	/* NULL until the file is begun */
	int		  given;	/* pdf_stream_fd(): never removed here */
	int		  pending;	/* pdf_save_fd(): pendfd is the file */
	int		  pendfd;
	unsigned long	  off;		/* bytes written to it */
	unsigned long	 *offs;		/* offset of each object written */
	size_t		  noffs, offsz;
	HPDF_Stream	  scratch;	/* one object at a time */
	int		  saved;	/* outpath is complete */

	HPDF_STATUS	  hcode;	/* last error libharu reported */
	HPDF_STATUS	  hdetail;
	int		  finished;	/* fonts finalised by pdf_save() */
	int		  failed;
	char		  err[512];	/* first failure of a table call */
};

/* Checked copies of the docinfo strings, ready to write. */
struct meta {
	const char	*title, *author, *subject, *keywords;
	char		 pdfdate[32];	/* D:YYYYMMDD000000+07'00', or "" */
	char		 xmpdate[32];	/* YYYY-MM-DDT00:00:00+07:00, or "" */
	char		 sha[65];	/* lower-case hex, or "" */
};

/* pdf.c: errors and helpers. */
void	 pdf_seterr(char *, size_t, const char *, ...) PRINTFLIKE(3, 4);
void	 pdf_sticky(struct pdf *, const char *, ...) PRINTFLIKE(2, 3);
void	 pdf_hpdf_fail(struct pdf *, char *, size_t, const char *);
void	 pdf_hpdf_sticky(struct pdf *, const char *);
void	*pdf_grow(void *, size_t *, size_t, size_t);
char	*pdf_dupstr(const char *);

/* pdf_meta.c: Info, XMP, the ICC profile and the output intent. */
int	 pdf_meta_check(const struct bk_docinfo *, struct meta *,
		    char *, size_t);
int	 pdf_icc_load(struct pdf_cache *, const char *, char *, size_t);
int	 pdf_doc_meta(struct pdf *, const struct meta *, char *, size_t);
int	 pdf_doc_intent(struct pdf *, char *, size_t);

/* pdf_font.c: the faces embedded, subset, with their ToUnicode maps. */
HPDF_Dict pdf_new_stream(struct pdf *, const void *, size_t);
uint16_t	 pdf_cid_of(struct pdf_cids *, uint32_t);
void	 pdf_cids_free(struct pdf_cids *);
int	 pdf_font_finish(struct pdf *, struct pdf_font *);
struct pdf_font *pdf_font_get(struct pdf *, int);
int	 pdf_font_ready(struct pdf *, struct pdf_font *);

/* pdf_draw.c: pages and drawing. */
int	 pdf_page_pack(struct pdf *);

/* pdf_write.c: the file, object by object. */
int	 pdf_fd_begin(struct pdf *, int, const char *, char *, size_t);
int	 pdf_file_begin(struct pdf *, const char *, char *, size_t);
int	 pdf_page_out(struct pdf *, HPDF_Page);
int	 pdf_file_end(struct pdf *);
int	 pdf_file_copy(const char *, const char *, char *, size_t);
