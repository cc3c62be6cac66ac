/*
 * font.h: the faces of a run — TrueType files read and measured once per
 * process, by index — and how text is measured with them, with no PDF.
 * Included by layout.c, render.c, the PDF backend (pdf*.c) and tests;
 * include stdint.h before it.
 */

struct ttf;
struct font_set;

/* Font metrics for a size of 1 pt (multiply by the size). */
struct font_metrics {
	double	 ascent;	/* above the baseline, positive */
	double	 descent;	/* below the baseline, negative */
	double	 cap_height;
};

/*
 * A face of the set.  Its numbers are those libharu 2.3.0's TrueType
 * loader gives for the file (in 1/1000 em, truncated as it truncates),
 * so that text is measured, and the PDF's font dictionaries are written,
 * byte for byte as they were when libharu read the fonts.
 */
struct font_face {
	char		*path;
	char		*name;		/* PostScript name, with ",Bold" etc. */
	struct ttf	*ttf;		/* the file, for subsets (ttf.h) */
	uint16_t	*gid;		/* FONT_NCP entries; 0: no glyph */
	uint16_t	*width;		/* FONT_NCP entries, 1/1000 em */
	int		 flags;		/* PDF FontDescriptor /Flags */
	int		 bbox[4];	/* /FontBBox: left bottom right top */
	int		 italic_angle;
	int		 ascent, descent, cap_height, stemv;
};

#define FONT_NCP	0x10000		/* code points of the BMP */

/*
 * How the layout engine measures text: font_measure_of() over a set, or a
 * test's fake.  arg is given back to each function.
 */
struct font_measure {
	const void	*arg;
	/* 1 if the face has a glyph for the code point, else 0. */
	int	 (*has_glyph)(const void *arg, int face, uint32_t cp);
	void	 (*metrics)(const void *arg, int face, struct font_metrics *);
	/* Advance width of len bytes of UTF-8 text at size pt, in points. */
	double	 (*text_width)(const void *arg, int face, double size,
		    const char *utf8, size_t len);
};

/* A new empty set; never NULL.  Free it with font_set_free(). */
struct font_set	*font_set_new(void);
/* Frees fs and its faces; fs may be NULL. */
void		 font_set_free(struct font_set *fs);

/*
 * The index (>= 0) of the face of the TrueType file at path, read and
 * measured on its first load; the same path gives the same index.
 * Returns -1 with a message in err (errlen bytes) if the file is not a
 * regular file of at most 64 MiB, cannot be read, is not a TrueType font
 * with the tables measuring needs, or has the name of another face.
 */
int		 font_set_load(struct font_set *fs, const char *path,
		    char *err, size_t errlen);
/* The face of index face, or NULL if there is none. */
const struct font_face *font_set_face(const struct font_set *fs, int face);

/* The functions of struct font_measure for the faces of fs. */
int		 font_has_glyph(const struct font_set *fs, int face,
		    uint32_t cp);
void		 font_get_metrics(const struct font_set *fs, int face,
		    struct font_metrics *m);
double		 font_text_width(const struct font_set *fs, int face,
		    double size, const char *utf8, size_t len);
/* A measure of fs, which must outlive its use. */
struct font_measure font_measure_of(const struct font_set *fs);
