/*
 * render_int.h: the renderer's state and one document's making, shared
 * by the files of render.h's interface: render.c (documents), batch.c
 * (a batch's jobs and their folders), pool.c (the worker processes) and
 * calibrate.c (the calibration sheet).  Included by those, after
 * render.h.
 */

struct diag;
struct dossier;
struct nominee;
struct plan;

struct render {
	char		*datadir;	/* templates/calibration.xml in it */
	struct fonts	*fonts;
	struct phrases	*phrases;	/* words a centred line keeps */
	struct template	*tpl[DOC__MAX];
	struct font_set	*faces;		/* each font file read once a run */
	struct pdf_cache *pdfc;		/* the ICC profile, the faces */
	const char	*dump;		/* folder for layout dumps, or NULL */
	int		 blank;		/* certificates on pre-printed blanks */
	int		 draft;		/* render --draft */
	double		 dx, dy;	/* the printer's offsets, pt (y down) */
	char		*printer;	/* the profile's name */
	unsigned	 shard_k, shard_n;	/* n == 0: the whole batch */
	int		 progress;	/* a progress line on a terminal */
	FILE		*dry;		/* --dry-run: list the files here */
	size_t		 ndossiers;	/* written by the last batch */
	size_t		 nfiles;
};

/* The name of kind k, as --only and the output files spell it. */
/*
 * One PDF of kind k: its template expanded for each of the n nominees of
 * noms into one document (or once, for the dossier, when n is 0), laid
 * out and drawn into fd, closed here; path names it in messages and the
 * layout dump.  Returns 0, -1 (the dossier's error, reported against it)
 * or -2 (a system error, reported).
 */
int		 render_doc(struct render *, enum doc_kind,
		    const struct dossier *, const struct plan *,
		    const struct nominee *const *noms, size_t n, int fd,
		    const char *path, struct diag *);
