/*
 * render.c: one document of a dossier.  For a kind, expands its template
 * (for the dossier, a nominee, or every nominee into one print file),
 * lays it out and draws it through the PDF backend into a file, page
 * by page; the batch (batch.c) says which files to make and where.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "encoding.h"
#include "xml_in.h"
#include "model.h"
#include "plan.h"
#include "backend.h"
#include "font.h"
#include "blocks.h"
#include "layout.h"
#include "phrases.h"
#include "fonts.h"
#include "template.h"
#include "pdf.h"
#include "printer.h"
#include "outdir.h"
#include "render.h"
#include "render_int.h"

static const char *const kind_names[DOC__MAX] = {
	[DOC_TO_TRINH] = "to-trinh",
	[DOC_DANH_SACH] = "danh-sach",
	[DOC_BIEN_BAN] = "bien-ban",
	[DOC_BAO_CAO] = "bao-cao",
	[DOC_BANG_KHEN] = "bang-khen",
};

/* Each kind as a secretary names the document, in messages. */
static const char *const kind_titles[DOC__MAX] = {
	[DOC_TO_TRINH] = "Tờ trình",
	[DOC_DANH_SACH] = "danh sách trích ngang",
	[DOC_BIEN_BAN] = "Biên bản xét duyệt",
	[DOC_BAO_CAO] = "Báo cáo thành tích",
	[DOC_BANG_KHEN] = "Bằng khen",
};

/* The faces loaded for one PDF, to name them in messages. */
struct fontmap {
	struct font_set	*faces;
	struct pdf	*pdf;
	const char	*paths[32];
	int		 handles[32];
	size_t		 n;
};

unsigned
render_kinds(const char *list, char **bad)
{
	const char	*p, *e, *q;
	unsigned	 mask = 0;
	size_t		 i, len;

	for (p = list; ; p = e + 1) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		for (q = e; q > p && (q[-1] == ' ' || q[-1] == '\t'); q--)
			continue;
		while (p < q && (*p == ' ' || *p == '\t'))
			p++;
		len = (size_t)(q - p);
		for (i = 0; len > 0 && i < DOC__MAX; i++)
			if (strlen(kind_names[i]) == len &&
			    strncmp(kind_names[i], p, len) == 0)
				break;
		if (len == 0 || i == DOC__MAX) {
			if (bad != NULL)
				*bad = xstrndup(p, len);
			return 0;
		}
		mask |= 1u << i;
		if (*e == '\0')
			return mask;
	}
}

char *
render_kind_list(void)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < DOC__MAX; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, kind_names[i]);
	}
	return buf_detach(&b);
}

const char *
render_kind_name(enum doc_kind k)
{
	return kind_names[k];
}

struct render *
render_new(struct xml *x, const char *datadir,
    const char *const overrides[DOC__MAX], struct diag *d)
{
	struct render	*r;
	char		*path, *dir, err[512];
	size_t		 i;
	int		 bad = 0;

	r = xcalloc(1, sizeof(*r));
	r->datadir = xstrdup(datadir);
	/* The sRGB profile of the output intents (tools/make-srgb-icc.py). */
	path = xasprintf("%s/color/srgb.icc", datadir);
	r->faces = font_set_new();
	r->pdfc = pdf_cache_new(path, r->faces, err, sizeof(err));
	free(path);
	if (r->pdfc == NULL) {
		diag_sys(d, "%s", err);
		render_free(r);
		return NULL;
	}
	path = xasprintf("%s/fonts/fonts.xml", datadir);
	dir = xasprintf("%s/fonts", datadir);
	r->fonts = fonts_load(x, path, dir, d);
	free(path);
	free(dir);
	if (r->fonts == NULL) {
		render_free(r);
		return NULL;
	}
	/* Every face read once, before fork(); a bad one said when used. */
	for (i = 0; i < fonts_count(r->fonts); i++)
		if (fonts_file(r->fonts, i) != NULL)
			(void)font_set_load(r->faces, fonts_file(r->fonts, i),
			    err, sizeof(err));
	path = xasprintf("%s/templates/phrases.txt", datadir);
	r->phrases = phrases_load(path, d);
	free(path);
	if (r->phrases == NULL) {
		render_free(r);
		return NULL;
	}
	for (i = 0; i < DOC__MAX; i++) {
		path = overrides != NULL && overrides[i] != NULL ?
		    xstrdup(overrides[i]) :
		    xasprintf("%s/templates/%s.xml", datadir, kind_names[i]);
		r->tpl[i] = template_load(x, path, r->fonts, d);
		if (r->tpl[i] == NULL)
			bad = 1;
		else if (strcmp(template_name(r->tpl[i]), kind_names[i]) != 0) {
			diag_sys(d, _("%s: this template is \"%s\", "
			    "not \"%s\""), path, template_name(r->tpl[i]),
			    kind_names[i]);
			bad = 1;
		}
		free(path);
	}
	if (bad) {
		render_free(r);
		return NULL;
	}
	return r;
}

void
render_free(struct render *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < DOC__MAX; i++)
		template_free(r->tpl[i]);
	fonts_free(r->fonts);
	phrases_free(r->phrases);
	pdf_cache_free(r->pdfc);
	font_set_free(r->faces);
	free(r->printer);
	free(r->datadir);
	free(r);
}

void
render_dump_to(struct render *r, const char *dir)
{
	r->dump = dir;
}

static int
font_cb(void *arg, const char *key, const char *path, char *err,
    size_t errlen)
{
	struct fontmap	*fm = arg;
	size_t		 i;
	int		 h;

	(void)key;
	h = font_set_load(fm->faces, path, err, errlen);
	/* Laid out only (check): no PDF to embed it in. */
	if (h >= 0 && fm->pdf != NULL &&
	    pdf_face_use(fm->pdf, h, err, errlen) == -1)
		return -1;
	for (i = 0; h >= 0 && i < fm->n; i++)
		if (fm->handles[i] == h)
			return h;
	if (h >= 0 && fm->n < 32) {
		fm->paths[fm->n] = path;
		fm->handles[fm->n++] = h;
	}
	return h;
}

static const char *
font_name(const struct fontmap *fm, int h)
{
	const char	*p, *s;
	size_t		 i;

	for (i = 0; i < fm->n; i++)
		if (fm->handles[i] == h) {
			p = fm->paths[i];
			return (s = strrchr(p, '/')) != NULL ? s + 1 : p;
		}
	return "?";
}

/*
 * What a text is over its place by, for the message: "" when the layout
 * could not tell.  New string.
 */
static char *
over_text(const struct lo_error *e)
{
	if (e->over_lines <= 0)
		return xstrdup("");
	if (e->over_chars <= 0)
		return xasprintf(": thừa %d dòng", e->over_lines);
	return xasprintf(": thừa %d dòng, cần bớt khoảng %ld ký tự",
	    e->over_lines, e->over_chars);
}

/*
 * The name of the document of kind (the template t) for nominee nm (NULL:
 * the dossier's) in messages: "Bằng khen (bang-khen-cn-01.pdf)".  The
 * print file's pages are each a nominee's certificate, named as such.
 * New string.
 */
static char *
doc_title(const struct template *t, const struct nominee *nm)
{
	const char	*kind = template_name(t);
	size_t		 k;

	for (k = 0; k < DOC__MAX; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			break;
	if (nm == NULL)
		return xasprintf("%s (%s.pdf)", k < DOC__MAX ?
		    kind_titles[k] : kind, kind);
	return xasprintf("%s (%s-%s.pdf)", k < DOC__MAX ? kind_titles[k] :
	    kind, kind, nm->id.s != NULL ? nm->id.s : "");
}

/*
 * A layout failure of the template t for nominee nm (NULL: the dossier),
 * said to the secretary at the dossier line.
 */
static void
report_layout(struct diag *d, const struct dossier *ds,
    const struct template *t, const struct nominee *nm,
    const struct fontmap *fm, const struct lo_error *e)
{
	const char	*kind = template_name(t);
	char		 letter[8], word[128], *q, *doc;
	const char	*field = e->field != NULL ? e->field :
	    "chữ có sẵn của mẫu";
	int		 line = e->line > 0 ? e->line : ds->line;
	uint32_t	 c = e->cp;

	switch (e->code) {
	case LO_ERR_GLYPH:
		(void)enc_put(c, letter);
		diag_code(d, ds->file, line, DC_GLYPH, (unsigned)c, letter,
		    font_name(fm, e->font), field);
		break;
	case LO_ERR_WORD_WIDE:
		q = enc_shorten(e->text, 40);
		diag_code(d, ds->file, line, DC_WORD_WIDE, q, field);
		free(q);
		break;
	case LO_ERR_NO_FIT:
		doc = doc_title(t, nm);
		q = over_text(e);
		diag_code(d, ds->file, line, DC_NO_FIT, field, doc, q);
		free(doc);
		free(q);
		break;
	case LO_ERR_TOO_TALL:
		diag_code(d, ds->file, line, DC_TOO_TALL);
		break;
	case LO_ERR_PAGES:
		snprintf(word, sizeof(word), "%d.%03d trang", LO_MAX_PAGES /
		    1000, LO_MAX_PAGES % 1000);
		diag_code(d, ds->file, ds->line, DC_LIMIT_DOC, kind, word);
		break;
	case LO_ERR_BACKEND:	/* a system error: the caller says it */
	case LO_OK:
		break;
	}
}

/* What a laid-out page goes through on its way into the PDF. */
struct ship {
	struct pdf		*pdf;		/* NULL: laid out only */
	FILE			*dump;		/* layout dump, or NULL */
	const struct fontmap	*fm;		/* its fonts, numbered */
	double			 width, height;
	struct lo_error		 err;		/* the layout's failure */
};

/* Each page as it is finished: dumped, drawn, then freed. */
static int
ship_page(struct lo_page *pg, int pageno, void *arg)
{
	struct ship	*s = arg;

	if (s->dump != NULL)
		layout_dump_page(pg, pageno, s->fm->handles, s->fm->n,
		    s->dump);
	if (s->pdf == NULL)
		return 0;	/* check: the layout is all it needs */
	return layout_draw_page(pg, pageno, s->width, s->height, pdf_ops(),
	    s->pdf, &s->err);
}

/* The dump file of the PDF at path, or NULL when not dumping. */
static FILE *
dump_open(const struct render *r, const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*p;
	FILE		*fp;

	if (r->dump == NULL)
		return NULL;
	p = xasprintf("%s.layout", base ? base + 1 : path);
	fp = outdir_fopen_in(r->dump, p);
	free(p);
	return fp;
}

/*
 * The template t expanded with ctx for each nominee of noms (or once, for
 * the dossier, when n is 0), each laid out and its pages handed to
 * ship_page with sh (sh->pdf NULL: laid out only).  Returns 0, -1 (a
 * layout failure or a document over a limit, reported at the dossier's
 * line) or -2 (system, said naming path).
 */
static int
lay_out(struct render *r, const struct template *t, struct tpl_ctx *ctx,
    const struct nominee *const *noms, size_t n, struct ship *sh,
    const char *path, struct diag *d)
{
	struct font_measure	 measure = font_measure_of(r->faces);
	struct lo_error		*lerr = &sh->err;
	struct blk_doc		*doc;
	char			 err[512];
	size_t			 i, passes = n > 0 ? n : 1;

	for (i = 0; i < passes; i++) {
		ctx->nominee = n > 0 ? noms[i] : NULL;
		if ((doc = template_expand(t, ctx, err, sizeof(err))) ==
		    NULL) {
			if (err[0] == '\0')
				return -1;	/* over a limit, reported */
			diag_sys(d, "%s: %s", path, err);
			return -2;
		}
		doc->phrases = r->phrases;
		if (ctx->blank_stock) {
			doc->page.shift_x = r->dx;
			doc->page.shift_y = r->dy;
		}
		sh->width = doc->page.width;
		sh->height = doc->page.height;
		if (layout_stream(doc, &measure, ship_page, sh, lerr) == -1) {
			blk_doc_free(doc);
			if (lerr->code == LO_ERR_BACKEND) {
				diag_sys(d, _("%s: cannot write the PDF file "
				    "(%s)"), path, sh->pdf != NULL &&
				    pdf_error(sh->pdf) != NULL ?
				    pdf_error(sh->pdf) : lerr->text);
				return -2;
			}
			report_layout(d, ctx->ds, t, ctx->nominee, sh->fm,
			    lerr);
			return -1;
		}
		blk_doc_free(doc);
	}
	return 0;
}

/*
 * One PDF: the template expanded for each nominee of noms (or once,
 * for the dossier, when n is 0), laid out and drawn into one document
 * written to fd (closed here), named path in messages and the dump.
 * Returns 0, -1 (the dossier's error, reported) or -2 (system).
 */
static int
write_pdf(struct render *r, const struct template *t,
    const struct dossier *ds, const struct plan *pl,
    const struct nominee *const *noms, size_t n, int fd,
    const char *path, struct diag *d)
{
	struct tpl_ctx		 ctx;
	struct bk_docinfo	 info;
	struct fontmap		 fm;
	struct ship		 sh;
	char			 err[512];
	char			*title, *subject, *keywords, *date, *author;
	int			 rc = -2;

	memset(&ctx, 0, sizeof(ctx));
	memset(&fm, 0, sizeof(fm));
	memset(&sh, 0, sizeof(sh));
	ctx.ds = ds;
	ctx.plan = pl;
	ctx.nominee = n > 0 ? noms[0] : NULL;
	ctx.font = font_cb;
	ctx.arg = &fm;
	fm.faces = r->faces;
	ctx.diag = d;
	ctx.draft = r->draft;
	ctx.blank_stock = r->blank && template_per(t) == TPL_NOMINEE &&
	    strcmp(template_name(t), kind_names[DOC_BANG_KHEN]) == 0;
	/* The print file of all certificates has a title of its own. */
	title = template_meta(t, &ctx, n > 1 ? "print-title" : "title");
	subject = template_meta(t, &ctx, "subject");
	keywords = template_meta(t, &ctx, "keywords");
	date = template_meta(t, &ctx, "date");
	author = xstrdup(ds->issuer.name.s != NULL ? ds->issuer.name.s : "");
	info.title = title;
	info.author = author;
	info.subject = subject;
	info.keywords = keywords;
	info.date = date;
	info.source_sha256 = ds->sha256;
	fm.pdf = pdf_new(&info, r->pdfc, NULL, err, sizeof(err));
	if (fm.pdf == NULL) {
		diag_sys(d, _("%s: cannot create the PDF: %s"), path, err);
		close(fd);
		goto out;
	}
	/* Each page to the file as it is done: a print file of any size. */
	if (pdf_stream_fd(fm.pdf, fd, path, err, sizeof(err)) == -1) {
		diag_sys(d, _("%s: cannot write the PDF file (%s)"), path, err);
		goto out;
	}
	sh.pdf = fm.pdf;
	sh.dump = dump_open(r, path);
	sh.fm = &fm;
	if ((rc = lay_out(r, t, &ctx, noms, n, &sh, path, d)) != 0)
		goto out;
	rc = -2;
	if (pdf_save(fm.pdf, path, err, sizeof(err)) == -1) {
		diag_sys(d, _("%s: cannot write the PDF file (%s)"), path, err);
		goto out;
	}
	rc = 0;		/* synced with its folder, before the swap */
out:
	if (sh.dump != NULL)
		fclose(sh.dump);
	pdf_free(fm.pdf);
	free(title);
	free(subject);
	free(keywords);
	free(date);
	free(author);
	return rc;
}

int
render_blank_stock(struct render *r, struct xml *x, const char *path,
    struct diag *d)
{
	struct printer	 p;

	if (printer_load(x, path, d, &p) == -1)
		return -1;
	r->dx = p.dx;
	r->dy = p.dy;
	r->blank = 1;
	free(r->printer);
	r->printer = p.name != NULL ? p.name : xstrdup(path);
	return 0;
}

int
render_doc(struct render *r, enum doc_kind k, const struct dossier *ds,
    const struct plan *pl, const struct nominee *const *noms, size_t n,
    int fd, const char *path, struct diag *d)
{
	return write_pdf(r, r->tpl[k], ds, pl, noms, n, fd, path, d);
}

/*
 * check: every document render would make of the dossier, laid out and
 * not drawn.  Each document that does not lay out is reported as render
 * reports it (the print file's pages are the certificates, laid out
 * once).  Returns 0, -1 (a layout finding, reported) or -2 (system).
 */
int
render_check(struct render *r, const struct dossier *ds,
    const struct plan *pl, struct diag *d)
{
	struct tpl_ctx		 ctx;
	struct fontmap		 fm;
	struct ship		 sh;
	const struct template	*t;
	const struct nominee	*nm;
	size_t			 i;
	int			 k, rc = 0, one;

	for (k = 0; k < DOC__MAX && rc != -2; k++) {
		t = r->tpl[k];
		for (i = 0; i < (template_per(t) == TPL_DOSSIER ? 1 :
		    ds->nnominees); i++) {
			memset(&ctx, 0, sizeof(ctx));
			memset(&fm, 0, sizeof(fm));
			memset(&sh, 0, sizeof(sh));
			ctx.ds = ds;
			ctx.plan = pl;
			ctx.font = font_cb;
			ctx.arg = &fm;
			ctx.diag = d;
			ctx.blank_stock = r->blank &&
			    template_per(t) == TPL_NOMINEE &&
			    k == DOC_BANG_KHEN;
			fm.faces = r->faces;
			sh.fm = &fm;
			nm = template_per(t) == TPL_DOSSIER ? NULL :
			    &ds->nominees[i];
			one = lay_out(r, t, &ctx, nm != NULL ? &nm : NULL,
			    nm != NULL, &sh, ds->path, d);
			if (one == -2 || (one == -1 && rc == 0))
				rc = one;
			if (rc == -2)
				break;
		}
	}
	return rc;
}
