/*
 * render.h: turning valid dossiers into their folder of PDFs, written
 * whole or not at all.  Included by main.c.
 */

#include <stdio.h>

struct diag;
struct xml;
struct render;
struct dossier;
struct plan;

/* The document kinds, as --only names them. */
enum doc_kind {
	DOC_TO_TRINH,
	DOC_DANH_SACH,
	DOC_BIEN_BAN,
	DOC_BAO_CAO,
	DOC_BANG_KHEN,
	DOC__MAX
};

#define DOC_ALL	((1u << DOC__MAX) - 1)

/*
 * "to-trinh, bang-khen" into a mask, spaces around a name ignored; 0 if
 * a name is unknown or empty, with *bad (when bad is not NULL) that name
 * as a new string.
 */
unsigned	 render_kinds(const char *, char **bad);
/* The kinds, as render_kinds() knows them: "to-trinh, …" (new string). */
char		*render_kind_list(void);
/* The name of a kind ("bang-khen"). */
const char	*render_kind_name(enum doc_kind);

/*
 * Load the fonts configuration and the templates of datadir (or the
 * files given in overrides[kind], when not NULL).  Errors are reported;
 * returns NULL when any.
 */
struct render	*render_new(struct xml *, const char *datadir,
		    const char *const overrides[DOC__MAX], struct diag *);
void		 render_free(struct render *);
/*
 * Certificates on pre-printed blanks: leave out what the template marks
 * preprinted="yes" and move the rest by the offsets of the printer
 * profile at path.  Returns 0, or -1 after reporting the profile's error.
 */
int		 render_blank_stock(struct render *, struct xml *,
		    const char *path, struct diag *);
/*
 * Write the one-page calibration sheet of the printer profile at
 * profile_path to out: a millimetre grid and, moved by the profile's
 * offsets, crosshairs and outlines at the certificate's fields.
 * Returns 0, or -1 after reporting.
 */
int		 render_calibrate(struct render *, struct xml *,
		    const char *profile_path, const char *out, struct diag *);
/*
 * Also write the laid-out pages of each PDF as text (layout_dump) into
 * dir/<file>.layout, for golden tests.
 */
void		 render_dump_to(struct render *, const char *dir);
/*
 * check: lay out, without drawing, every document render would make of
 * the dossier with plan; a text that does not fit or a character no font
 * has is reported as render reports it.  Returns 0, -1 (a finding) or -2
 * (a system error, reported).
 */
int		 render_check(struct render *, const struct dossier *,
		    const struct plan *, struct diag *);

/*
 * Make only shard k (0 <= k < n) of each batch: a nominee's files belong
 * to shard (its place in its dossier) mod n, a dossier's own documents
 * and print file to (the dossier's place in the batch) mod n.  Files are
 * put into outdir/<id>/ one by one (each whole or absent) instead of by
 * swapping the folder, so that shards running at the same time on a
 * shared output directory add to one folder; each shard then removes the
 * files of its kinds that no nominee has any more and writes the manifest
 * of everything in the folder, again until it lists every file there.
 * After all n shards, the folders are those one run writes.
 */
void		 render_shard(struct render *, unsigned k, unsigned n);

/*
 * Render the kinds asked for of valid dossiers into outdir/<id>/, in up
 * to jobs processes (the files and findings are the same whatever jobs).
 * A dossier whose rendering fails (reported against it: a glyph missing,
 * a word too wide...) keeps its old folder; system errors are reported.
 * Returns 0 when every dossier was written, else -1.
 */
int		 render_batch(struct render *, struct dossier *const *,
		    const struct plan *const *, size_t n, const char *outdir,
		    unsigned kinds, int jobs, struct diag *);

/*
 * --draft: render_batch marks each page DỰ THẢO (the templates' <if
 * test="render.draft">), writes no print file, puts the marker file
 * DU-THAO.txt into each folder, and refuses, before writing anything,
 * a batch where a dossier's folder holds a final render (one with a
 * manifest and no marker).  Returns 0, or -1 after reporting each
 * template of kinds that marks no draft.
 */
int		 render_draft(struct render *, unsigned kinds, struct diag *);

/* A progress line on standard error (when it is a terminal) or none. */
void		 render_progress(struct render *, int on);
/*
 * --dry-run: render_batch writes nothing and makes no folder; it lists
 * on fp, one path a line, the files a real run would write, in its order.
 */
void		 render_dry_run(struct render *, FILE *);
/* What the last render_batch wrote (or, dry, would write). */
void		 render_counts(const struct render *, size_t *dossiers,
		    size_t *files);
