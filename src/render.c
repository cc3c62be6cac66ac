/*
 * render.c: from a valid dossier to its folder of documents.  For each
 * kind asked for, expands the template, lays it out and draws it through
 * the PDF backend; writes everything into a fresh folder beside the
 * final one (through outdir.c), checks every file is there, writes its
 * manifest, syncs it and swaps it in, so that a dossier's folder is
 * always a complete set from one run.
 */

#define _GNU_SOURCE	/* renameat2 */

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
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
#include "sha256.h"
#include "progress.h"
#include "outdir.h"
#include "render.h"

/*
 * The descriptors one file being made holds at most: its folder, the PDF
 * (and a second descriptor of it), the layout dump and its folder; a
 * font or an image read meanwhile.
 */
#define ITEM_FDS	5

static const char *const kind_names[DOC__MAX] = {
	[DOC_TO_TRINH] = "to-trinh",
	[DOC_DANH_SACH] = "danh-sach",
	[DOC_BIEN_BAN] = "bien-ban",
	[DOC_BAO_CAO] = "bao-cao",
	[DOC_BANG_KHEN] = "bang-khen",
};

struct render {
	struct fonts	*fonts;
	struct phrases	*phrases;	/* words a centred line keeps */
	struct template	*tpl[DOC__MAX];
	struct font_set	*faces;		/* each font file read once a run */
	struct pdf_cache *pdfc;		/* the ICC profile, the faces */
	const char	*dump;		/* folder for layout dumps, or NULL */
	int		 blank;		/* certificates on pre-printed blanks */
	double		 dx, dy;	/* the printer's offsets, pt (y down) */
	char		*printer;	/* the profile's name */
	unsigned	 shard_k, shard_n;	/* n == 0: the whole batch */
	int		 progress;	/* a progress line on a terminal */
	FILE		*dry;		/* --dry-run: list the files here */
	size_t		 ndossiers;	/* written by the last batch */
	size_t		 nfiles;
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
render_kinds(const char *list)
{
	const char	*p, *e;
	unsigned	 mask = 0;
	size_t		 i, len;

	for (p = list; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		len = (size_t)(e - p);
		for (i = 0; i < DOC__MAX; i++)
			if (strlen(kind_names[i]) == len &&
			    strncmp(kind_names[i], p, len) == 0)
				break;
		if (i == DOC__MAX)
			return 0;
		mask |= 1u << i;
	}
	return mask;
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
	free(r);
}

void
render_dump_to(struct render *r, const char *dir)
{
	r->dump = dir;
}

void
render_shard(struct render *r, unsigned k, unsigned n)
{
	r->shard_k = k;
	r->shard_n = n;
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
	if (h >= 0 && pdf_face_use(fm->pdf, h, err, errlen) == -1)
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

/* At most 40 characters of s, whole UTF-8 sequences, with "…" if cut. */
static const char *
shorten(const char *s, char *buf, size_t sz)
{
	size_t	 i = 0, chars = 0;

	while (s[i] != '\0' && chars < 40 && i + 8 < sz) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	snprintf(buf, sz, "%.*s%s", (int)i, s, s[i] != '\0' ? "…" : "");
	return buf;
}

/* A layout failure, said to the secretary at the dossier line. */
static void
report_layout(struct diag *d, const struct dossier *ds, const char *kind,
    const struct fontmap *fm, const struct lo_error *e)
{
	char		 letter[8], word[128];
	const char	*field = e->field != NULL ? e->field :
	    "chữ có sẵn của mẫu";
	int		 line = e->line > 0 ? e->line : ds->line;
	uint32_t	 c = e->cp;

	switch (e->code) {
	case LO_ERR_GLYPH:
		if (c < 0x80)
			snprintf(letter, sizeof(letter), "%c", (char)c);
		else if (c < 0x800)
			snprintf(letter, sizeof(letter), "%c%c",
			    (char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F)));
		else
			snprintf(letter, sizeof(letter), "%c%c%c",
			    (char)(0xE0 | (c >> 12)),
			    (char)(0x80 | ((c >> 6) & 0x3F)),
			    (char)(0x80 | (c & 0x3F)));
		diag_code(d, ds->file, line, DC_GLYPH, (unsigned)c, letter,
		    font_name(fm, e->font), field);
		break;
	case LO_ERR_WORD_WIDE:
		diag_code(d, ds->file, line, DC_WORD_WIDE, shorten(e->text,
		    word, sizeof(word)), field);
		break;
	case LO_ERR_NO_FIT:
		diag_code(d, ds->file, line, DC_NO_FIT, field);
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
	struct pdf		*pdf;
	int			 blank;		/* move by the printer's offsets */
	double			 dx, dy;
	FILE			*dump;		/* layout dump, or NULL */
	const struct fontmap	*fm;		/* its fonts, numbered */
	double			 width, height;
	struct lo_error		*err;
};

/* Each page as it is finished: moved, dumped, drawn, then freed. */
static int
ship_page(struct lo_page *pg, int pageno, void *arg)
{
	struct ship	*s = arg;
	size_t		 i;

	if (s->blank)
		for (i = 0; i < pg->nops; i++) {
			pg->ops[i].x += s->dx;
			pg->ops[i].y -= s->dy;
		}
	if (s->dump != NULL)
		layout_dump_page(pg, pageno, s->fm->handles, s->fm->n,
		    s->dump);
	return layout_draw_page(pg, pageno, s->width, s->height, pdf_ops(),
	    s->pdf, s->err);
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
	struct font_measure	 measure = font_measure_of(r->faces);
	struct blk_doc		*doc;
	struct ship		 sh;
	struct lo_error		 lerr = { LO_OK, NULL, 0, "", 0, 0 };
	char			 err[512];
	char			*title, *subject, *keywords, *date, *author;
	size_t			 i, passes = n > 0 ? n : 1;
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
	sh.blank = ctx.blank_stock;
	sh.dx = r->dx;
	sh.dy = r->dy;
	sh.err = &lerr;
	sh.dump = dump_open(r, path);
	sh.fm = &fm;
	for (i = 0; i < passes; i++) {
		ctx.nominee = n > 0 ? noms[i] : NULL;
		if ((doc = template_expand(t, &ctx, err, sizeof(err))) ==
		    NULL) {
			if (err[0] != '\0')
				diag_sys(d, "%s: %s", path, err);
			goto out;
		}
		doc->phrases = r->phrases;
		sh.width = doc->page.width;
		sh.height = doc->page.height;
		if (layout_stream(doc, &measure, ship_page, &sh, &lerr) ==
		    -1) {
			blk_doc_free(doc);
			if (lerr.code == LO_ERR_BACKEND) {
				diag_sys(d, _("%s: cannot write the PDF file "
				    "(%s)"), path, pdf_error(fm.pdf) != NULL ?
				    pdf_error(fm.pdf) : lerr.text);
				goto out;
			}
			report_layout(d, ds, template_name(t), &fm, &lerr);
			rc = -1;
			goto out;
		}
		blk_doc_free(doc);
	}
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

static struct blk *
shape(struct blk ***tail, double x, double y, double w, double h,
    double stroke, struct bk_rgb c)
{
	struct blk	*b = blk_new(BLK_SHAPE);

	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->stroke = stroke;
	b->color = c;
	**tail = b;
	*tail = &b->next;
	return b;
}

static void
label(struct blk ***tail, double x, double y, double w, const char *text,
    int font, double size, enum blk_align align)
{
	struct blk	*b = blk_new(BLK_BOX), *p = blk_new(BLK_PARA);
	struct bk_rgb	 black = { 0, 0, 0 };

	b->x = x;
	b->y = y;
	b->w = w;
	b->h = size * 3;
	p->align = align;
	blk_add_run(p, text, font, size, black, NULL, 0);
	b->child = p;
	**tail = b;
	*tail = &b->next;
}

struct marks {
	struct blk	***tail;
	double		 dx, dy;
};

/* A field's outline and a crosshair at its top-left corner. */
static void
mark_box(void *arg, double x, double y, double w, double h)
{
	struct marks	*m = arg;
	struct bk_rgb	 red = { 0.8, 0, 0 };
	const double	 arm = 6 * 72 / 25.4;

	x += m->dx;
	y += m->dy;
	shape(m->tail, x, y, w, h, 0.5, red)->rect = 1;
	shape(m->tail, x - arm, y, 2 * arm, 0, 0.8, red);
	shape(m->tail, x, y - arm, 0, 2 * arm, 0.8, red);
}

int
render_calibrate(struct render *r, struct xml *x, const char *profile,
    const char *out, struct diag *d)
{
	const struct template	*t = r->tpl[DOC_BANG_KHEN];
	const struct blk_page	*pg = template_page(t);
	struct blk_doc		*doc;
	struct blk		**tail;
	struct bk_docinfo	 info;
	struct bk_rgb		 light = { 0.75, 0.75, 0.75 };
	struct bk_rgb		 dark = { 0.4, 0.4, 0.4 };
	struct marks		 mk;
	struct lo_result	 res;
	struct lo_error		 lerr;
	struct font_measure	 measure;
	struct pdf		*pdf;
	struct outdir_file	 of;
	const double		 mm = 72 / 25.4;
	const char		*title = template_attr(t, "calibration-title");
	char			 err[512], num[16], *head;
	int			 font, i, fd, rc = -1;

	if (render_blank_stock(r, x, profile, d) == -1)
		return -1;
	memset(&info, 0, sizeof(info));
	info.title = title != NULL ? title : "calibration";
	info.author = r->printer;
	info.date = "2024-01-01";
	if ((pdf = pdf_new(&info, r->pdfc, NULL, err, sizeof(err))) == NULL) {
		diag_sys(d, "%s: %s", out, err);
		return -1;
	}
	measure = font_measure_of(r->faces);
	if ((font = font_set_load(r->faces, template_font(t), err,
	    sizeof(err))) < 0 || pdf_face_use(pdf, font, err,
	    sizeof(err)) == -1) {
		diag_sys(d, "%s: %s", out, err);
		pdf_free(pdf);
		return -1;
	}
	doc = xcalloc(1, sizeof(*doc));
	doc->page = *pg;
	doc->page.number_from = 0;
	tail = &doc->body;
	/* A millimetre grid: every 10 mm, darker and numbered every 50. */
	for (i = 0; i * 10 * mm <= pg->width; i++) {
		shape(&tail, i * 10 * mm, 0, 0, pg->height, i % 5 ? 0.2 : 0.6,
		    i % 5 ? light : dark);
		if (i % 5 == 0 && i > 0) {
			snprintf(num, sizeof(num), "%d", i * 10);
			label(&tail, i * 10 * mm + 2, 2, 40, num, font, 7,
			    ALIGN_LEFT);
		}
	}
	for (i = 0; i * 10 * mm <= pg->height; i++) {
		shape(&tail, 0, i * 10 * mm, pg->width, 0, i % 5 ? 0.2 : 0.6,
		    i % 5 ? light : dark);
		if (i % 5 == 0 && i > 0) {
			snprintf(num, sizeof(num), "%d", i * 10);
			label(&tail, 2, i * 10 * mm + 2, 40, num, font, 7,
			    ALIGN_LEFT);
		}
	}
	mk.tail = &tail;
	mk.dx = r->dx;
	mk.dy = r->dy;
	template_boxes(t, mark_box, &mk);
	head = xasprintf("%s — %s: x = %.1f mm, y = %.1f mm",
	    title != NULL ? title : "", r->printer, r->dx / mm, r->dy / mm);
	label(&tail, pg->width / 4, pg->height / 2 - 10, pg->width / 2, head,
	    font, 12, ALIGN_CENTER);
	free(head);
	memset(&res, 0, sizeof(res));
	if (layout_run(doc, &measure, &res, &lerr) == -1 ||
	    layout_draw(&res, pdf_ops(), pdf, &lerr) == -1)
		diag_sys(d, _("%s: cannot lay out the calibration sheet"), out);
	/* Whole under a new name beside out, then renamed over it. */
	else if ((fd = outdir_file_new(out, &of, d)) != -1) {
		if (pdf_save_fd(pdf, fd, out, err, sizeof(err)) == -1)
			diag_sys(d, "%s: %s", out, err);
		else
			rc = 0;
		pdf_free(pdf);		/* the file closed */
		pdf = NULL;
		if (outdir_file_end(&of, rc == 0, d) == -1)
			rc = -1;
	}
	lo_result_free(&res);
	blk_doc_free(doc);
	pdf_free(pdf);
	return rc;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The kind of an output file by its name, or -1 (the manifest, others). */
static int
kind_of(const char *name)
{
	size_t	 i, len;

	for (i = 0; i < DOC__MAX; i++) {
		len = strlen(kind_names[i]);
		if (strncmp(name, kind_names[i], len) == 0 &&
		    (name[len] == '.' || name[len] == '-'))
			return (int)i;
	}
	return -1;
}

/* Is a file of the last run of a kind not asked for (kept with --only)? */
static int
other_kind(const char *name, unsigned kinds)
{
	int	 k = kind_of(name);

	return k >= 0 && !(kinds & (1u << k));
}

/* Is s usable as a file name (ids are validated; this is a last fence)? */
static int
safe_name(const char *s)
{
	return s != NULL && *s != '\0' && *s != '.' &&
	    strchr(s, '/') == NULL && strlen(s) < 100;
}

/* One dossier of a batch being rendered. */
struct job {
	const struct dossier	*ds;
	const struct plan	*pl;
	struct outdir_dir	 dir;	/* its new folder; with --shard, its own */
	char			**kept;	/* with --only: files copied along */
	struct outdir_made	*keptm;
	size_t			 nkept, capk, capm;
	const struct nominee	**all;
	int			 rc;	/* 0, -1 (its error), -2 (system) */
};

/* One file to make: a kind for the dossier, a nominee, or the print file. */
struct item {
	size_t			 job;
	int			 kind;
	long			 nominee;	/* -1: dossier; -2: print file */
};

/*
 * With --only: the other kinds' files of the last run come along, when
 * that run's folder is a folder (a link there is not read); a link or
 * anything but a regular file in it is not copied.  0, or -1 after
 * reporting.
 */
static int
keep_other_kinds(struct outdir *od, struct job *j, int to, unsigned kinds,
    struct diag *d)
{
	struct outdir_made	 m;
	char			**names, *shown;
	size_t			 n, i;
	int			 old, rc = 0;

	if ((old = outdir_old_fd(od, NULL, j->ds->id.s)) == -1)
		return 0;
	names = outdir_list(old, &n);
	shown = xasprintf("%s/%s", outdir_path(od), j->dir.name);
	for (i = 0; i < n && rc == 0; i++) {
		if (!other_kind(names[i], kinds))
			continue;
		if (outdir_copy(old, to, names[i], &m, shown, d) == -1) {
			rc = -1;
			break;
		}
		j->kept = xgrow(j->kept, &j->capk, j->nkept + 1,
		    sizeof(*j->kept));
		j->keptm = xgrow(j->keptm, &j->capm, j->nkept + 1,
		    sizeof(*j->keptm));
		j->kept[j->nkept] = xstrdup(names[i]);
		j->keptm[j->nkept++] = m;
	}
	free(shown);
	outdir_list_free(names, n);
	close(old);
	return rc;
}

/* Can the dossier's and its nominees' ids name files? */
static int
names_safe(const struct dossier *ds)
{
	size_t	 i;

	if (!safe_name(ds->id.s))
		return 0;
	for (i = 0; i < ds->nnominees; i++)
		if (!safe_name(ds->nominees[i].id.s))
			return 0;
	return 1;
}

/*
 * Create the dossier's fresh folder beside its final one (and copy the
 * kinds not asked for, with --only); with --shard, open its own folder.
 * Returns 0, -1 or -2.
 */
static int
job_prepare(struct job *j, struct outdir *od, unsigned kinds, int shard,
    struct diag *d)
{
	const struct dossier	*ds = j->ds;
	size_t			 i;
	int			 fd, rc;

	if (!names_safe(ds))
		return -1;
	if (shard) {
		/* Into the folder itself, file by file (render_shard()). */
		if (outdir_final(od, ds->id.s, &j->dir, d) == -1)
			return -2;
		goto nominees;
	}
	if (outdir_tmp_new(od, ds->id.s, &j->dir, d) == -1)
		return -2;
	if (kinds != DOC_ALL) {
		if ((fd = outdir_dir_fd(od, &j->dir, d)) == -1)
			return -2;
		rc = keep_other_kinds(od, j, fd, kinds, d);
		close(fd);
		if (rc == -1)
			return -2;
	}
nominees:
	j->all = xcalloc(ds->nnominees, sizeof(*j->all));
	for (i = 0; i < ds->nnominees; i++)
		j->all[i] = &ds->nominees[i];
	return 0;
}

static void
job_free(struct job *j)
{
	size_t	 i;

	for (i = 0; i < j->nkept; i++)
		free(j->kept[i]);
	free(j->kept);
	free(j->keptm);
	outdir_dir_free(&j->dir);
	free(j->all);
}

/* The files a dossier makes, in a fixed order. */
static void
job_items(struct render *r, size_t ji, const struct job *j, unsigned kinds,
    struct item **items, size_t *n, size_t *cap)
{
	int	 k;
	size_t	 i;

	int	 mine = r->shard_n == 0 || ji % r->shard_n == r->shard_k;

	for (k = 0; k < DOC__MAX; k++) {
		if (!(kinds & (1u << k)))
			continue;
		if (template_per(r->tpl[k]) == TPL_DOSSIER) {
			if (!mine)
				continue;
			*items = xgrow(*items, cap, *n + 1, sizeof(**items));
			(*items)[(*n)++] = (struct item){ ji, k, -1 };
			continue;
		}
		for (i = 0; i < j->ds->nnominees; i++) {
			if (r->shard_n > 0 && i % r->shard_n != r->shard_k)
				continue;
			*items = xgrow(*items, cap, *n + 1, sizeof(**items));
			(*items)[(*n)++] = (struct item){ ji, k, (long)i };
		}
		if (k == DOC_BANG_KHEN && j->ds->decision != NULL &&
		    j->ds->nnominees > 0 && mine) {
			*items = xgrow(*items, cap, *n + 1, sizeof(**items));
			(*items)[(*n)++] = (struct item){ ji, k, -2 };
		}
	}
}

/* Is name a file a run of kinds makes for j's dossier now? */
static int
expected(const struct render *r, const struct job *j, unsigned kinds,
    const char *name, int k)
{
	const struct dossier	*ds = j->ds;
	size_t			 i, len = strlen(kind_names[k]);

	if (!(kinds & (1u << k)))
		return 1;		/* not ours to judge: kept */
	if (template_per(r->tpl[k]) == TPL_DOSSIER)
		return strcmp(name + len, ".pdf") == 0;
	if (k == DOC_BANG_KHEN && strcmp(name, "bang-khen-in.pdf") == 0)
		return ds->decision != NULL && ds->nnominees > 0;
	if (name[len] != '-')
		return 0;
	for (i = 0; i < ds->nnominees; i++)
		if (strncmp(name + len + 1, ds->nominees[i].id.s,
		    strlen(ds->nominees[i].id.s)) == 0 &&
		    strcmp(name + len + 1 + strlen(ds->nominees[i].id.s),
		    ".pdf") == 0)
			return 1;
	return 0;
}

/*
 * The names the manifest of the folder at dirfd lists, sorted, or NULL
 * (no manifest, or not a regular file).  *n is set.
 */
static char **
manifest_names(int dirfd, size_t *n)
{
	struct stat	 st;
	FILE		*fp;
	char		*line = NULL, **v = NULL;
	size_t		 sz = 0, cap = 0;
	ssize_t		 len;
	int		 fd;

	*n = 0;
	fd = openat(dirfd, "manifest.sha256", O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return NULL;
	}
	while ((len = getline(&line, &sz, fp)) > 66) {
		line[len - 1] = '\0';
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(line + 66);
	}
	free(line);
	fclose(fp);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmpstr);
	return v;
}

/* names less "manifest.sha256", in place; the new count. */
static size_t
drop_manifest(char **names, size_t n)
{
	size_t	 i, k;

	for (i = k = 0; i < n; i++)
		if (strcmp(names[i], "manifest.sha256") == 0)
			free(names[i]);
		else
			names[k++] = names[i];
	return k;
}

/*
 * A shard's end of a dossier (render_shard()): the files of its kinds no
 * longer wanted go, and the parts of dead runs; the manifest is written
 * again until it lists exactly the files of the folder, whatever other
 * shards add meanwhile: the last shard to finish leaves the manifest of
 * the whole set.
 */
static int
shard_settle(const struct render *r, struct outdir *od, const struct job *j,
    unsigned kinds, struct diag *d)
{
	char	**have, **listed, *shown;
	size_t	 nh, nl, i;
	int	 fd, kind, tries, same, rc = -1;

	if ((fd = outdir_dir_fd(od, &j->dir, d)) == -1)
		return -1;
	shown = xasprintf("%s/%s", outdir_path(od), j->dir.name);
	/* A link of such a name goes too, as a link. */
	have = outdir_list_all(fd, &nh);
	for (i = 0; i < nh; i++)
		if ((kind = kind_of(have[i])) >= 0 &&
		    !expected(r, j, kinds, have[i], kind) &&
		    unlinkat(fd, have[i], 0) == -1 && errno != ENOENT)
			diag_sys(d, "%s/%s: %s", shown, have[i],
			    diag_errno(errno));
	outdir_list_free(have, nh);
	outdir_clean_parts(od, fd, shown, d);

	for (tries = 0; tries < 100; tries++) {
		have = outdir_list(fd, &nh);
		nh = drop_manifest(have, nh);
		i = outdir_manifest(od, fd, have, nh, shown, d) == -1;
		outdir_list_free(have, nh);
		if (i)
			break;
		have = outdir_list(fd, &nh);
		nh = drop_manifest(have, nh);
		listed = manifest_names(fd, &nl);
		same = nh == nl;
		for (i = 0; i < nh && same; i++)
			same = strcmp(have[i], listed[i]) == 0;
		outdir_list_free(have, nh);
		outdir_list_free(listed, nl);
		if (same) {
			rc = syncfs(fd);
			if (rc == -1)
				diag_sys(d, "%s: %s", shown,
				    diag_errno(errno));
			break;
		}
	}
	if (tries == 100)
		diag_sys(d, _("%s: cannot list the files: the folder keeps "
		    "changing"), shown);
	free(shown);
	close(fd);
	return rc;
}

/* The name of an item's file in its dossier's folder.  New string. */
static char *
item_name(const struct dossier *ds, const struct item *it)
{
	if (it->nominee == -1)
		return xasprintf("%s.pdf", kind_names[it->kind]);
	if (it->nominee == -2)
		return xstrdup("bang-khen-in.pdf");
	return xasprintf("%s-%s.pdf", kind_names[it->kind],
	    ds->nominees[it->nominee].id.s);
}

/*
 * Make one file of a job into its folder, created there new (never
 * through a link); *m says what was made.  Returns 0, -1 or -2.
 */
static int
run_item(struct render *r, struct outdir *od, const struct job *j,
    const struct item *it, struct outdir_made *m, struct diag *d)
{
	struct stat	 st;
	char		*name, *file, *path;
	int		 dfd, fd, rc;

	m->size = -1;
	m->ino = 0;
	if ((dfd = outdir_dir_fd(od, &j->dir, d)) == -1)
		return -2;
	name = item_name(j->ds, it);
	/* In a folder in use: whole under a hidden name, then named. */
	file = r->shard_n > 0 ? outdir_part(od, name) : xstrdup(name);
	path = xasprintf("%s/%s/%s", outdir_path(od), j->dir.name, name);
	if ((fd = outdir_create(dfd, file)) == -1) {
		diag_sys(d, _("%s: cannot write the PDF file (%s)"), path,
		    diag_errno(errno));
		rc = -2;
		goto out;
	}
	rc = write_pdf(r, r->tpl[it->kind], j->ds, j->pl,
	    it->nominee == -1 ? NULL : it->nominee == -2 ? j->all :
	    &j->all[it->nominee], it->nominee == -1 ? 0 : it->nominee == -2 ?
	    j->ds->nnominees : 1, fd, path, d);
	/* Closed: what is there now is what the writer wrote. */
	if (rc == 0 && fstatat(dfd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode)) {
		m->size = (long long)st.st_size;
		m->ino = (unsigned long long)st.st_ino;
	}
	if (rc == 0 && r->shard_n > 0) {
		/* Synced, then named (a link of that name replaced). */
		if ((fd = openat(dfd, file, O_RDONLY | O_NOFOLLOW |
		    O_CLOEXEC)) == -1 || fsync(fd) == -1 ||
		    renameat(dfd, file, dfd, name) == -1) {
			diag_sys(d, "%s: %s", path, diag_errno(errno));
			rc = -2;
		}
		if (fd != -1)
			close(fd);
	}
	if (rc != 0)
		(void)unlinkat(dfd, file, 0);
out:
	close(dfd);
	free(name);
	free(file);
	free(path);
	return rc;
}

/*
 * A worker process: makes the items w, w + n, w + 2n, ... and reports
 * each one's result, what it made and its findings as lines on fp.
 */
static void
worker(struct render *r, struct outdir *od, struct job *jobs,
    const struct item *items, size_t nitems, size_t w, size_t n,
    struct diag *d, FILE *fp)
{
	struct outdir_made	 m;
	size_t			 i, mark;
	int			 rc;

	for (i = w; i < nitems; i += n) {
		if (jobs[items[i].job].rc != 0)	/* not prepared */
			continue;
		mark = diag_mark(d);
		rc = run_item(r, od, &jobs[items[i].job], &items[i], &m, d);
		(void)diag_export(d, mark, (long)i, fp);
		fprintf(fp, "R\t%zu\t%d\t%lld\t%llu\n", i, rc, m.size, m.ino);
		fflush(fp);		/* the parent counts progress */
	}
}

struct line {
	long	 tag;
	size_t	 seq;
	char	*s;
};

struct lines {
	struct line	*v;
	size_t		 n, cap;
	size_t		 done;		/* results seen, for the progress */
};

static int
line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	if (x->tag != y->tag)
		return x->tag < y->tag ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Keep one line of a worker: a result (R), a finding or a system error. */
static void
take_line(struct lines *ls, const char *s, struct progress *pg)
{
	long	 tag;

	if (s[0] == 'R' && s[1] == '\t') {
		tag = strtol(s + 2, NULL, 10);
		progress_step(pg, ++ls->done);
	} else if ((tag = diag_line_tag(s)) < 0)
		return;
	ls->v = xgrow(ls->v, &ls->cap, ls->n + 1, sizeof(*ls->v));
	ls->v[ls->n].tag = tag;
	ls->v[ls->n].seq = ls->n;
	ls->v[ls->n++].s = xstrdup(s);
}

/*
 * Read what is there on a worker's pipe; take its whole lines.  Returns
 * 0 while the pipe is open, -1 at its end (the last piece taken too).
 */
static int
read_worker(int fd, struct buf *b, struct lines *ls, struct progress *pg)
{
	char	 chunk[8192], *nl;
	size_t	 off = 0;
	ssize_t	 got;

	if ((got = read(fd, chunk, sizeof(chunk))) == -1 && errno == EINTR)
		return 0;
	if (got > 0)
		buf_add(b, chunk, (size_t)got);
	while (b->s != NULL && (nl = memchr(b->s + off, '\n', b->len - off))
	    != NULL) {
		*nl = '\0';
		take_line(ls, b->s + off, pg);
		off = (size_t)(nl - b->s) + 1;
	}
	if (off > 0) {
		memmove(b->s, b->s + off, b->len - off + 1);
		b->len -= off;
	}
	if (got > 0)
		return 0;
	if (b->len > 0)
		take_line(ls, b->s, pg);
	return -1;
}

/*
 * Run the items in n worker processes and gather their results in item
 * order, so that the findings and the files are the same whatever n.
 * The pipes are read as the lines come, to count the progress.
 */
static void
run_parallel(struct render *r, struct outdir *od, struct job *jobs,
    const struct item *items, size_t nitems, size_t n,
    struct outdir_made *made, struct diag *d, struct progress *pg)
{
	pid_t		*pids = xcalloc(n, sizeof(*pids));
	struct pollfd	*pfd = xcalloc(n, sizeof(*pfd));
	struct buf	*bufs = xcalloc(n, sizeof(*bufs));
	struct lines	 ls;
	size_t		 w, i, open;
	int		 fds[2], status, rc;

	memset(&ls, 0, sizeof(ls));
	fflush(stdout);
	fflush(stderr);
	for (w = 0; w < n; w++) {
		if (pipe(fds) == -1 || (pids[w] = fork()) == -1) {
			diag_sys(d, _("cannot start a parallel process: %s"),
			    diag_errno(errno));
			n = w;
			break;
		}
		if (pids[w] == 0) {
			FILE *out;

			close(fds[0]);
			for (i = 0; i < w; i++)
				close(pfd[i].fd);
			out = fdopen(fds[1], "w");
			if (out == NULL)
				_exit(2);
			worker(r, od, jobs, items, nitems, w, n, d, out);
			fclose(out);
			_exit(0);
		}
		close(fds[1]);
		pfd[w].fd = fds[0];
		pfd[w].events = POLLIN;
	}
	for (open = n; open > 0; ) {
		if (poll(pfd, n, -1) == -1) {
			if (errno == EINTR)
				continue;
			diag_sys(d, _("cannot read from a parallel process: %s"),
			    diag_errno(errno));
			break;
		}
		for (w = 0; w < n; w++) {
			if (pfd[w].fd < 0 || pfd[w].revents == 0)
				continue;
			if (read_worker(pfd[w].fd, &bufs[w], &ls, pg) == -1) {
				close(pfd[w].fd);
				pfd[w].fd = -1;	/* poll skips it */
				open--;
			}
		}
	}
	for (w = 0; w < n; w++) {
		if (pfd[w].fd >= 0)
			close(pfd[w].fd);
		buf_free(&bufs[w]);
		if (waitpid(pids[w], &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			diag_sys(d, _("a parallel process stopped abnormally"));
	}
	if (ls.n > 1)
		qsort(ls.v, ls.n, sizeof(*ls.v), line_cmp);
	for (i = 0; i < ls.n; i++) {
		const char *tab;

		if (ls.v[i].s[0] == 'R') {
			long long	 size = -1;
			unsigned long long ino = 0;

			tab = strchr(ls.v[i].s + 2, '\t');
			rc = tab != NULL ? atoi(tab + 1) : -2;
			if (tab != NULL && sscanf(tab + 1, "%*d\t%lld\t%llu",
			    &size, &ino) != 2)
				size = -1;
			if (ls.v[i].tag >= 0 && (size_t)ls.v[i].tag < nitems) {
				made[ls.v[i].tag].size = size;
				made[ls.v[i].tag].ino = ino;
				if (rc < jobs[items[ls.v[i].tag].job].rc)
					jobs[items[ls.v[i].tag].job].rc = rc;
			}
		} else
			(void)diag_import_line(d, ls.v[i].s);
	}
	/* An item that reported nothing (its worker died) failed. */
	for (i = 0; i < nitems; i++) {
		size_t k;
		int seen = 0;

		for (k = 0; k < ls.n && !seen; k++)
			seen = ls.v[k].tag == (long)i;
		if (!seen && jobs[items[i].job].rc == 0)
			jobs[items[i].job].rc = -2;
	}
	for (i = 0; i < ls.n; i++)
		free(ls.v[i].s);
	free(ls.v);
	free(bufs);
	free(pfd);
	free(pids);
}

/* One line of --dry-run: a file that would be written. */
static void
list_file(struct render *r, const char *outdir, const struct dossier *ds,
    const char *name)
{
	fprintf(r->dry, "%s/%s/%s\n", outdir, ds->id.s, name);
	r->nfiles++;
}

/*
 * --dry-run: the files render_batch would write, in the order it writes
 * them: with --only the kept files of the other kinds (copied into the
 * new folder; a shard writes into the folder itself and copies none),
 * then every file made, then the manifests.  Nothing is written, no
 * folder is made.
 */
static void
list_batch(struct render *r, struct dossier *const *ds, size_t n,
    const char *outdir, unsigned kinds)
{
	struct job	*jobs = xcalloc(n, sizeof(*jobs));
	struct item	*items = NULL;
	char		**names, *name;
	size_t		 nitems = 0, cap = 0, i, k, nn;
	int		 old;

	for (i = 0; i < n; i++) {
		jobs[i].ds = ds[i];
		if (!names_safe(ds[i])) {
			jobs[i].rc = -1;
			continue;
		}
		if (kinds == DOC_ALL || r->shard_n > 0)
			continue;
		if ((old = outdir_old_fd(NULL, outdir, ds[i]->id.s)) == -1)
			continue;
		names = outdir_list(old, &nn);
		close(old);
		for (k = 0; k < nn; k++)
			if (other_kind(names[k], kinds))
				list_file(r, outdir, ds[i], names[k]);
		outdir_list_free(names, nn);
	}
	for (i = 0; i < n; i++)
		if (jobs[i].rc == 0)
			job_items(r, i, &jobs[i], kinds, &items, &nitems, &cap);
	for (k = 0; k < nitems; k++) {
		name = item_name(ds[items[k].job], &items[k]);
		list_file(r, outdir, ds[items[k].job], name);
		free(name);
	}
	for (i = 0; i < n; i++)
		if (jobs[i].rc == 0) {
			list_file(r, outdir, ds[i], "manifest.sha256");
			r->ndossiers++;
		}
	fflush(r->dry);
	free(items);
	free(jobs);
}

void
render_progress(struct render *r, int on)
{
	r->progress = on;
}

void
render_dry_run(struct render *r, FILE *fp)
{
	r->dry = fp;
}

void
render_counts(const struct render *r, size_t *dossiers, size_t *files)
{
	*dossiers = r->ndossiers;
	*files = r->nfiles;
}

/*
 * How many worker processes the descriptors left allow (getrlimit
 * RLIMIT_NOFILE less those open), at most want: each needs its pipe's
 * end here and, there, its end and ITEM_FDS.  Fewer than asked is said
 * on standard error; 0 after reporting when not even this process has
 * ITEM_FDS to spare.
 */
static size_t
fd_workers(size_t want, int dump, struct diag *d)
{
	struct rlimit	 rl;
	long		 lim, fd, used = 0, room, need;
	size_t		 n = want;

	need = ITEM_FDS + (dump ? 0 : -2);
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 ||
	    rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 65536)
		return want;
	lim = (long)rl.rlim_cur;
	for (fd = 0; fd < lim; fd++)
		if (fcntl((int)fd, F_GETFD) != -1)
			used++;
	room = lim - used;
	if (room < need) {
		diag_sys(d, _("too few file descriptors to write the files "
		    "(ulimit -n %ld, %ld open): %ld more are needed"), lim, used,
		    need - room);
		return 0;
	}
	if (n > 1 && room < 1 + need)
		n = 1;
	else if (n > 1 && (long)n > room - 1)
		n = (size_t)(room - 1);
	if (n < want)
		diag_warn_sys(d, _("%zu parallel processes instead of %zu: "
		    "too few file descriptors (ulimit -n %ld)"), n, want, lim);
	return n;
}

/*
 * The end of a dossier's job once its files are made: every file it was
 * meant to have checked there, whole; then its manifest and, but with
 * --shard, the swap.  Returns the job's rc; *nfiles is set to the files
 * written.
 */
static int
job_finish(struct render *r, struct outdir *od, struct job *j, size_t ji,
    const struct item *items, const struct outdir_made *made, size_t nitems,
    unsigned kinds, size_t *nfiles, struct diag *d)
{
	struct outdir_made	*m;
	char			**names, *shown;
	size_t			 n = 0, k;
	int			 fd, rc = j->rc;

	*nfiles = 0;
	names = xcalloc(j->nkept + nitems + 1, sizeof(*names));
	m = xcalloc(j->nkept + nitems + 1, sizeof(*m));
	for (k = 0; k < j->nkept; k++) {
		names[n] = xstrdup(j->kept[k]);
		m[n++] = j->keptm[k];
	}
	for (k = 0; k < nitems; k++)
		if (items[k].job == ji) {
			names[n] = item_name(j->ds, &items[k]);
			m[n++] = made[k];
		}
	shown = xasprintf("%s/%s", outdir_path(od), j->ds->id.s);
	fd = rc == 0 ? outdir_dir_fd(od, &j->dir, d) : -1;
	if (rc == 0 && fd == -1)
		rc = -2;
	if (rc == 0 && outdir_check(fd, names, m, n, shown, r->shard_n == 0,
	    d) == -1)
		rc = -2;
	if (r->shard_n > 0) {
		if (rc == 0 && shard_settle(r, od, j, kinds, d) == -1)
			rc = -2;
	} else {
		if (n > 1)
			qsort(names, n, sizeof(*names), cmpstr);
		if (rc == 0 && outdir_manifest(od, fd, names, n, shown, d) ==
		    -1)
			rc = -2;
	}
	if (fd != -1)
		close(fd);
	if (rc == 0 && r->shard_n == 0 && outdir_swap(od, &j->dir,
	    j->ds->id.s, d) == -1)
		rc = -2;
	if (rc == 0)
		*nfiles = n + 1;	/* and the manifest */
	else if (r->shard_n == 0 && j->dir.name != NULL)
		outdir_discard(od, j->dir.name, d);
	for (k = 0; k < n; k++)
		free(names[k]);
	free(names);
	free(m);
	free(shown);
	return rc;
}

int
render_batch(struct render *r, struct dossier *const *ds,
    const struct plan *const *pl, size_t n, const char *outdir,
    unsigned kinds, int njobs, struct diag *d)
{
	struct job		*jobs;
	struct item		*items = NULL;
	struct progress		*pg;
	struct outdir		*od;
	struct outdir_made	*made;
	size_t			 nitems = 0, cap = 0, i, workers, nf;
	int			 rc = 0;

	r->ndossiers = r->nfiles = 0;
	if (n == 0)
		return 0;
	if (r->dry != NULL) {
		list_batch(r, ds, n, outdir, kinds);
		return 0;
	}
	if ((od = outdir_open(outdir, d)) == NULL)
		return -1;
	outdir_clean_stale(od, d);
	jobs = xcalloc(n, sizeof(*jobs));
	for (i = 0; i < n; i++) {
		jobs[i].ds = ds[i];
		jobs[i].pl = pl[i];
		jobs[i].rc = job_prepare(&jobs[i], od, kinds,
		    r->shard_n > 0, d);
		if (jobs[i].rc == 0)
			job_items(r, i, &jobs[i], kinds, &items, &nitems, &cap);
	}
	made = xcalloc(nitems + 1, sizeof(*made));
	for (i = 0; i < nitems; i++)
		made[i].size = -1;
	workers = njobs > 1 ? (size_t)njobs : 1;
	if (workers > nitems)
		workers = nitems;
	if (nitems > 0 && (workers = fd_workers(workers, r->dump != NULL,
	    d)) == 0)
		for (i = 0; i < n; i++)
			if (jobs[i].rc == 0)
				jobs[i].rc = -2;
	pg = r->progress && workers > 0 ? progress_new(nitems, d) : NULL;
	/*
	 * Every file of a dossier is attempted even after one fails, so
	 * that all its problems are reported, the same whatever jobs is.
	 */
	if (workers == 1) {
		int *prepared = xcalloc(n, sizeof(*prepared));

		for (i = 0; i < n; i++)
			prepared[i] = jobs[i].rc == 0;
		for (i = 0; i < nitems; i++) {
			int irc;

			if (!prepared[items[i].job])
				continue;
			irc = run_item(r, od, &jobs[items[i].job], &items[i],
			    &made[i], d);
			if (irc < jobs[items[i].job].rc)
				jobs[items[i].job].rc = irc;
			progress_step(pg, i + 1);
		}
		free(prepared);
	} else if (workers > 1)
		run_parallel(r, od, jobs, items, nitems, workers, made, d, pg);
	progress_end(pg);
	for (i = 0; i < n; i++) {
		if (jobs[i].rc != -1 || r->shard_n == 0)
			jobs[i].rc = job_finish(r, od, &jobs[i], i, items, made,
			    nitems, kinds, &nf, d);
		if (jobs[i].rc == 0) {
			r->ndossiers++;
			r->nfiles += nf;
		} else
			rc = -1;
		job_free(&jobs[i]);
	}
	outdir_close(od);
	free(made);
	free(items);
	free(jobs);
	return rc;
}
