/*
 * render.c: from a valid dossier to its folder of documents.  For each
 * kind asked for, expands the template, lays it out and draws it through
 * the PDF backend; writes everything into a fresh folder beside the
 * final one, with its manifest, syncs it and swaps it in, so that a
 * dossier's folder is always a complete set from one run.
 */

#define _GNU_SOURCE	/* renameat2 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "xml_in.h"
#include "model.h"
#include "plan.h"
#include "backend.h"
#include "blocks.h"
#include "layout.h"
#include "fonts.h"
#include "template.h"
#include "pdf.h"
#include "sha256.h"
#include "render.h"

static const char *const kind_names[DOC__MAX] = {
	[DOC_TO_TRINH] = "to-trinh",
	[DOC_DANH_SACH] = "danh-sach",
	[DOC_BIEN_BAN] = "bien-ban",
	[DOC_BAO_CAO] = "bao-cao",
	[DOC_BANG_KHEN] = "bang-khen",
};

/* sRGB profiles, for the PDF/A output intent, in order of preference. */
static const char *const icc_paths[] = {
	"/usr/share/color/icc/ghostscript/srgb.icc",
	"/usr/share/color/icc/colord/sRGB.icc",
	NULL
};

struct render {
	struct fonts	*fonts;
	struct template	*tpl[DOC__MAX];
	char		*icc;
	const char	*dump;		/* folder for layout dumps, or NULL */
};

/* The fonts loaded into one PDF, to name them in messages. */
struct fontmap {
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
	char		*path, *dir;
	size_t		 i;
	int		 bad = 0;

	r = xcalloc(1, sizeof(*r));
	for (i = 0; icc_paths[i] != NULL; i++)
		if (access(icc_paths[i], R_OK) == 0) {
			r->icc = xstrdup(icc_paths[i]);
			break;
		}
	if (r->icc == NULL) {
		diag_sys(d, "không tìm thấy hồ sơ màu sRGB cho PDF/A (%s); hãy "
		    "cài gói libgs10-common", icc_paths[0]);
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
	for (i = 0; i < DOC__MAX; i++) {
		path = overrides != NULL && overrides[i] != NULL ?
		    xstrdup(overrides[i]) :
		    xasprintf("%s/templates/%s.xml", datadir, kind_names[i]);
		r->tpl[i] = template_load(x, path, r->fonts, d);
		if (r->tpl[i] == NULL)
			bad = 1;
		else if (strcmp(template_name(r->tpl[i]), kind_names[i]) != 0) {
			diag_sys(d, "%s: mẫu này là \"%s\", không phải \"%s\"",
			    path, template_name(r->tpl[i]), kind_names[i]);
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
	free(r->icc);
	free(r);
}

void
render_dump_to(struct render *r, const char *dir)
{
	r->dump = dir;
}

/* Append the pages of one layout to the dump of the file at path. */
static void
dump_layout(const struct render *r, const char *path,
    const struct lo_result *res, int first)
{
	const char	*base = strrchr(path, '/');
	char		*p;
	FILE		*fp;

	if (r->dump == NULL)
		return;
	(void)mkdir(r->dump, 0777);
	p = xasprintf("%s/%s.layout", r->dump, base ? base + 1 : path);
	if ((fp = fopen(p, first ? "w" : "a")) != NULL) {
		layout_dump(res, fp);
		fclose(fp);
	}
	free(p);
}

static int
font_cb(void *arg, const char *key, const char *path, char *err,
    size_t errlen)
{
	struct fontmap	*fm = arg;
	int		 h;

	h = pdf_ops()->font_load(fm->pdf, key, path, err, errlen);
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
report_layout(struct diag *d, const struct dossier *ds,
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
	case LO_ERR_IMAGE:
		diag_code(d, ds->file, line, DC_IMAGE, e->text);
		break;
	case LO_OK:
		break;
	}
}

static int
sync_path(const char *path, int dir)
{
	int	 fd, rc;

	if ((fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY))) ==
	    -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * One PDF: the template expanded for each nominee of noms (or once,
 * for the dossier, when n is 0), laid out and drawn into one document.
 */
static int
write_pdf(struct render *r, const struct template *t,
    const struct dossier *ds, const struct plan *pl,
    const struct nominee *const *noms, size_t n, const char *src_sha,
    const char *path, struct diag *d)
{
	struct tpl_ctx		 ctx;
	struct bk_docinfo	 info;
	struct fontmap		 fm;
	struct blk_doc		*doc;
	struct lo_result	 res;
	struct lo_error		 lerr;
	char			 err[512];
	char			*title, *subject, *keywords, *date, *author;
	size_t			 i, passes = n > 0 ? n : 1;
	int			 rc = -2;

	memset(&ctx, 0, sizeof(ctx));
	memset(&fm, 0, sizeof(fm));
	ctx.ds = ds;
	ctx.plan = pl;
	ctx.nominee = n > 0 ? noms[0] : NULL;
	ctx.font = font_cb;
	ctx.arg = &fm;
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
	info.source_sha256 = src_sha;
	fm.pdf = pdf_new(&info, r->icc, err, sizeof(err));
	if (fm.pdf == NULL) {
		diag_sys(d, "%s: không tạo được PDF: %s", path, err);
		goto out;
	}
	for (i = 0; i < passes; i++) {
		ctx.nominee = n > 0 ? noms[i] : NULL;
		if ((doc = template_expand(t, &ctx, err, sizeof(err))) ==
		    NULL) {
			diag_sys(d, "%s: %s", path, err);
			goto out;
		}
		memset(&res, 0, sizeof(res));
		if (layout_run(doc, pdf_ops(), fm.pdf, &res, &lerr) == -1 ||
		    layout_draw(&res, pdf_ops(), fm.pdf, &lerr) == -1) {
			report_layout(d, ds, &fm, &lerr);
			lo_result_free(&res);
			blk_doc_free(doc);
			rc = -1;
			goto out;
		}
		dump_layout(r, path, &res, i == 0);
		lo_result_free(&res);
		blk_doc_free(doc);
	}
	if (pdf_save(fm.pdf, path, err, sizeof(err)) == -1) {
		diag_sys(d, "%s: %s", path, err);
		goto out;
	}
	if (sync_path(path, 0) == -1) {
		diag_sys(d, "%s: không ghi được xuống đĩa: %s", path,
		    diag_errno(errno));
		goto out;
	}
	rc = 0;
out:
	pdf_free(fm.pdf);
	free(title);
	free(subject);
	free(keywords);
	free(date);
	free(author);
	return rc;
}

/* Remove a folder of files (no subfolders are made in ours). */
static void
rm_tree(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	char		*p;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files of a folder, sorted; the caller frees them. */
static char **
list_files(const char *dir, size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	char		**v = NULL;
	size_t		 cap = 0;

	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmpstr);
	return v;
}

static void
free_list(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
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

static int
copy_file(const char *from, const char *to)
{
	FILE	*in, *out;
	char	 buf[65536];
	size_t	 n;
	int	 rc = 0;

	if ((in = fopen(from, "rb")) == NULL)
		return -1;
	if ((out = fopen(to, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

/* With --only: the other kinds' files of the last run come along. */
static int
keep_other_kinds(const char *final, const char *tmp, unsigned kinds,
    struct diag *d)
{
	char	**names, *from, *to;
	size_t	 n, i;
	int	 k, rc = 0;

	if ((names = list_files(final, &n)) == NULL)
		return 0;
	for (i = 0; i < n && rc == 0; i++) {
		if ((k = kind_of(names[i])) < 0 || (kinds & (1u << k)))
			continue;
		from = xasprintf("%s/%s", final, names[i]);
		to = xasprintf("%s/%s", tmp, names[i]);
		if (copy_file(from, to) == -1) {
			diag_sys(d, "%s: không chép được: %s", to,
			    diag_errno(errno));
			rc = -1;
		}
		free(from);
		free(to);
	}
	free_list(names, n);
	return rc;
}

static int
write_manifest(const char *tmp, struct diag *d)
{
	char	**names, *path, hex[65];
	size_t	 n, i;
	FILE	*fp;
	int	 rc = 0;

	names = list_files(tmp, &n);
	path = xasprintf("%s/manifest.sha256", tmp);
	if ((fp = fopen(path, "w")) == NULL) {
		diag_sys(d, "%s: %s", path, diag_errno(errno));
		free(path);
		free_list(names, n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char *f = xasprintf("%s/%s", tmp, names[i]);

		if (sha256_file(f, hex) == -1) {
			diag_sys(d, "%s: %s", f, diag_errno(errno));
			rc = -1;
		} else
			fprintf(fp, "%s  %s\n", hex, names[i]);
		free(f);
	}
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		diag_sys(d, "%s: %s", path, diag_errno(errno));
		rc = -1;
	}
	if (fclose(fp) != 0 && rc == 0) {
		diag_sys(d, "%s: %s", path, diag_errno(errno));
		rc = -1;
	}
	free(path);
	free_list(names, n);
	return rc;
}

/* Put the finished folder in place of the old one, atomically. */
static int
swap_in(const char *tmp, const char *final, const char *outdir,
    struct diag *d)
{
	struct stat	 st;

	if (sync_path(tmp, 1) == -1) {
		diag_sys(d, "%s: %s", tmp, diag_errno(errno));
		return -1;
	}
	if (stat(final, &st) == 0) {
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final,
		    RENAME_EXCHANGE) == -1) {
			diag_sys(d, "%s: không thay được thư mục cũ: %s", final,
			    diag_errno(errno));
			return -1;
		}
		rm_tree(tmp);		/* now the old folder */
	} else if (rename(tmp, final) == -1) {
		diag_sys(d, "%s: %s", final, diag_errno(errno));
		return -1;
	}
	(void)sync_path(outdir, 1);
	return 0;
}

/* Is s usable as a file name (ids are validated; this is a last fence)? */
static int
safe_name(const char *s)
{
	return s != NULL && *s != '\0' && *s != '.' &&
	    strchr(s, '/') == NULL && strlen(s) < 100;
}

int
render_dossier(struct render *r, const struct dossier *ds,
    const struct plan *pl, const char *outdir, unsigned kinds,
    struct diag *d)
{
	char			*final = NULL, *tmp = NULL, *path;
	char			 sha[65];
	const struct nominee	**all;
	size_t			 i, k;
	int			 rc = 0;

	if (!safe_name(ds->id.s))
		return -1;
	for (i = 0; i < ds->nnominees; i++)
		if (!safe_name(ds->nominees[i].id.s))
			return -1;
	if (sha256_file(ds->path, sha) == -1) {
		diag_sys(d, "%s: %s", ds->path, diag_errno(errno));
		return -2;
	}
	if (mkdir(outdir, 0777) == -1 && errno != EEXIST) {
		diag_sys(d, "%s: không tạo được thư mục kết quả: %s", outdir,
		    diag_errno(errno));
		return -2;
	}
	final = xasprintf("%s/%s", outdir, ds->id.s);
	tmp = xasprintf("%s/.%s.part-%ld", outdir, ds->id.s, (long)getpid());
	rm_tree(tmp);
	if (mkdir(tmp, 0777) == -1) {
		diag_sys(d, "%s: không ghi được vào thư mục kết quả: %s",
		    outdir, diag_errno(errno));
		free(final);
		free(tmp);
		return -2;
	}
	if (kinds != DOC_ALL && keep_other_kinds(final, tmp, kinds, d) == -1)
		rc = -2;

	all = xcalloc(ds->nnominees, sizeof(*all));
	for (i = 0; i < ds->nnominees; i++)
		all[i] = &ds->nominees[i];
	for (k = 0; k < DOC__MAX && rc == 0; k++) {
		if (!(kinds & (1u << k)))
			continue;
		if (template_per(r->tpl[k]) == TPL_DOSSIER) {
			path = xasprintf("%s/%s.pdf", tmp, kind_names[k]);
			rc = write_pdf(r, r->tpl[k], ds, pl, NULL, 0, sha, path,
			    d);
			free(path);
			continue;
		}
		for (i = 0; i < ds->nnominees && rc == 0; i++) {
			path = xasprintf("%s/%s-%s.pdf", tmp, kind_names[k],
			    ds->nominees[i].id.s);
			rc = write_pdf(r, r->tpl[k], ds, pl, &all[i], 1, sha,
			    path, d);
			free(path);
		}
		/* The print file: every certificate, once there is a decision. */
		if (rc == 0 && k == DOC_BANG_KHEN && ds->decision != NULL &&
		    ds->nnominees > 0) {
			path = xasprintf("%s/bang-khen-in.pdf", tmp);
			rc = write_pdf(r, r->tpl[k], ds, pl, all,
			    ds->nnominees, sha, path, d);
			free(path);
		}
	}
	free(all);
	if (rc == 0 && write_manifest(tmp, d) == -1)
		rc = -2;
	if (rc == 0 && swap_in(tmp, final, outdir, d) == -1)
		rc = -2;
	if (rc != 0)
		rm_tree(tmp);
	free(final);
	free(tmp);
	return rc;
}
