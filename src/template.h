/*
 * template.h: document templates (the XML files in templates/) — their
 * loading and checking, and their expansion against a dossier into blocks.  Included
 * by render.c.
 */

#include <stddef.h>

struct diag;
struct xml;
struct fonts;
struct template;

enum tpl_per {
	TPL_DOSSIER,		/* one document per dossier */
	TPL_NOMINEE		/* one document per nominee */
};

/*
 * What the calibration sheet of a printer profile shows: the boxes of a
 * certificate's template moved by the printer's offsets (<marks>), and
 * the values <calibration of="…"/> writes.
 */
struct tpl_calib {
	const struct template	*of;		/* the certificate's */
	const char		*title;		/* its calibration-title */
	const char		*printer;	/* the profile's name */
	double			 dx, dy;	/* its offsets, pt, y down */
};

/* What a template is expanded against. */
struct tpl_ctx {
	const struct dossier	*ds;
	const struct plan	*plan;
	const struct nominee	*nominee;	/* TPL_NOMINEE templates */
	int			 blank_stock;	/* leave out preprinted="yes" */
	int			 draft;		/* render --draft: the field
						   render.draft is "yes", and
						   draft-title the title */
	/* The calibration sheet's values, or NULL: <marks> and
	   <calibration> make nothing, and the page is the template's; else
	   the page is the certificate's, with no page numbers. */
	const struct tpl_calib	*calib;
	/*
	 * Load a font file into the document being made under a key of the
	 * template's; returns a backend font handle, or -1 with a message
	 * in err.
	 */
	int	(*font)(void *arg, const char *key, const char *path,
		    char *err, size_t errlen);
	void	*arg;
	/*
	 * Where a document over the budget (TPL_MAX_NODES) is reported: at
	 * the template's <for> or at the dossier; NULL: in err.
	 */
	struct diag	*diag;
};

/*
 * Load and check a template: every element, attribute, style, length
 * (each within its range), field and filter, and every image it names
 * (read and decoded whole, png_in.h; its bytes are kept for drawing).
 * The file is read bounded (INPUT_CONFIG_MAX_MB, [limit-size]) and only
 * if it is a regular file.  Errors are reported at their line in the
 * template file (a program file: exit status 2); returns NULL when
 * there is any.
 */
struct template	*template_load(struct xml *, const char *path,
		    const struct fonts *, struct diag *);
/* The same from bytes in memory (path names them in messages). */
struct template	*template_load_bytes(struct xml *, const char *path,
		    const char *bytes, size_t len, const struct fonts *,
		    struct diag *);
void		 template_free(struct template *);
enum tpl_per	 template_per(const struct template *);
/* The file the template was loaded from, as given. */
const char	*template_path(const struct template *);
/* The document name given by the template (e.g. "to-trinh"). */
const char	*template_name(const struct template *);

/*
 * Call cb with the place (x, y from the page's top-left corner, w, h; in
 * points, shares of the page resolved against the template's) of every
 * <box> of the body that is printed on a blank, in the order <marks>
 * draws them on the calibration sheet.
 */
void		 template_boxes(const struct template *,
		    void (*cb)(void *, double, double, double, double), void *);
/* The page the template sets. */
const struct blk_page *template_page(const struct template *);
/* A root attribute as written, or NULL. */
const char	*template_attr(const struct template *, const char *name);
/* A length of the template language ("20mm", "14pt") in points, or -1. */
double		 template_length(const char *);
/*
 * Does the template mark a draft on every page: an <if
 * test="render.draft"> with something inside, in its <every-page>?
 */
int		 template_drafts(const struct template *);
/* The font file of the template's default style. */
const char	*template_font(const struct template *);

/*
 * An attribute of the template's root (title, subject, keywords, date)
 * with its fields filled in: a new string, "" when absent.  In a draft
 * (ctx->draft), the title is draft-title when the template has one.
 */
char		*template_meta(const struct template *,
		    const struct tpl_ctx *, const char *name);
/*
 * Expand the template into a new document of blocks, or NULL with a
 * message in err (a font that cannot be loaded), or NULL with err empty
 * when the document would be too large, reported through ctx->diag.
 * The caller frees the result with blk_doc_free.
 */
struct blk_doc	*template_expand(const struct template *,
		    const struct tpl_ctx *, char *err, size_t errlen);
