/*
 * batch.c: a batch's jobs and their output folders: which files each
 * dossier gets (by kind, nominee and shard), its fresh folder beside the
 * final one (through outdir.c) with the kinds not asked for copied along,
 * then every file checked there, its manifest written, synced and the
 * folder swapped in, so that a dossier's folder is always a complete set
 * from one run; with --shard, files put into the folder one by one and
 * the folder settled; --draft's marker and its refusal of final folders;
 * --dry-run's list of the files.
 */

#define _GNU_SOURCE	/* syncfs */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "template.h"
#include "progress.h"
#include "outdir.h"
#include "render.h"
#include "render_int.h"
#include "batch.h"

/*
 * The file that says a folder holds drafts (render --draft), listed in
 * its manifest like every file: a folder with a manifest and without it
 * holds a final render, which a draft never replaces.
 */
#define DRAFT_MARKER	"DU-THAO.txt"

static const char draft_text[] =
    "Các tệp PDF trong thư mục này là bản DỰ THẢO (khenthuong render "
    "--draft), để Hội đồng xem xét trước khi quyết định; chưa phải văn "
    "bản chính thức, không dùng để ký, in hay gửi đi.\n";

/* The kind of an output file by its name, or -1 (the manifest, others). */
static int
kind_of(const char *name)
{
	size_t	 i, len;

	for (i = 0; i < DOC__MAX; i++) {
		len = strlen(render_kind_name(i));
		if (strncmp(name, render_kind_name(i), len) == 0 &&
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

/*
 * Is name a file of the last run that a run of kinds copies along into
 * the new folder: a file of a kind not asked for and, but in a draft
 * (which writes its own), the draft marker, so that a folder of drafts
 * stays one when some of its kinds are rendered final?
 */
static int
kept_along(const char *name, unsigned kinds, int draft)
{
	return other_kind(name, kinds) ||
	    (!draft && strcmp(name, DRAFT_MARKER) == 0);
}

/* Add name, made as m, to the files j's new folder holds beside its own. */
static void
job_keep(struct job *j, const char *name, const struct outdir_made *m)
{
	j->kept = xgrow(j->kept, &j->capk, j->nkept + 1, sizeof(*j->kept));
	j->keptm = xgrow(j->keptm, &j->capm, j->nkept + 1,
	    sizeof(*j->keptm));
	j->kept[j->nkept] = xstrdup(name);
	j->keptm[j->nkept++] = *m;
}

/*
 * With --only: the other kinds' files of the last run come along (and
 * its draft marker, kept_along()), when that run's folder is a folder (a
 * link there is not read); a link or anything but a regular file in it
 * is not copied.  0, or -1 after reporting.
 */
static int
keep_other_kinds(struct outdir *od, struct job *j, int to, unsigned kinds,
    int draft, struct diag *d)
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
		if (!kept_along(names[i], kinds, draft))
			continue;
		if (outdir_copy(old, to, names[i], &m, shown, d) == -1) {
			rc = -1;
			break;
		}
		job_keep(j, names[i], &m);
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
 * The draft marker, written into the new folder at to (synced there).
 * 0, or -1 after reporting.
 */
static int
write_marker(struct outdir *od, struct job *j, int to, struct diag *d)
{
	struct outdir_made	 m;
	int			 fd, e = 0;

	if ((fd = outdir_create(to, DRAFT_MARKER)) == -1 ||
	    outdir_write_all(fd, draft_text, sizeof(draft_text) - 1) == -1 ||
	    fsync(fd) == -1)
		e = errno;
	if (fd != -1) {
		outdir_made(fd, &m);
		close(fd);
	}
	if (e != 0) {
		diag_sys(d, "%s/%s/%s: %s", outdir_path(od), j->dir.name,
		    DRAFT_MARKER, diag_errno(e));
		return -1;
	}
	job_keep(j, DRAFT_MARKER, &m);
	return 0;
}

/*
 * Create the dossier's fresh folder beside its final one (and copy the
 * kinds not asked for, with --only; write the marker of a draft); with
 * --shard, open its own folder.  Returns 0, -1 or -2.
 */
static int
job_prepare(struct job *j, struct outdir *od, unsigned kinds, int shard,
    int draft, struct diag *d)
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
	if (kinds != DOC_ALL || draft) {
		if ((fd = outdir_dir_fd(od, &j->dir, d)) == -1)
			return -2;
		rc = kinds != DOC_ALL ?
		    keep_other_kinds(od, j, fd, kinds, draft, d) : 0;
		if (rc == 0 && draft)
			rc = write_marker(od, j, fd, d);
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
		    j->ds->nnominees > 0 && mine && !r->draft) {
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
	size_t			 i, len = strlen(render_kind_name(k));

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
	outdir_sort(v, *n);
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
		return xasprintf("%s.pdf", render_kind_name(it->kind));
	if (it->nominee == -2)
		return xstrdup("bang-khen-in.pdf");
	return xasprintf("%s-%s.pdf", render_kind_name(it->kind),
	    ds->nominees[it->nominee].id.s);
}

/*
 * Make one file of a job into its folder, created there new (never
 * through a link); *m says what was made.  Returns 0, -1 or -2.
 */
int
batch_run_item(struct render *r, struct outdir *od, const struct job *j,
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
	rc = render_doc(r, it->kind, j->ds, j->pl,
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
		if (kinds != DOC_ALL && r->shard_n == 0 &&
		    (old = outdir_old_fd(NULL, outdir, ds[i]->id.s)) != -1) {
			names = outdir_list(old, &nn);
			close(old);
			for (k = 0; k < nn; k++)
				if (kept_along(names[k], kinds, r->draft))
					list_file(r, outdir, ds[i], names[k]);
			outdir_list_free(names, nn);
		}
		if (r->draft)
			list_file(r, outdir, ds[i], DRAFT_MARKER);
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

/* Does the folder at fd hold a final render: a manifest, no marker? */
static int
holds_final(int fd)
{
	struct stat	 st;

	if (fstatat(fd, "manifest.sha256", &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode))
		return 0;
	return fstatat(fd, DRAFT_MARKER, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode);
}

/*
 * A draft's batch: is a dossier's folder in outdir a final render?  Each
 * one is reported; -1 if any, else 0.
 */
static int
finals_refused(struct dossier *const *ds, size_t n, const char *outdir,
    struct diag *d)
{
	size_t	 i;
	int	 fd, rc = 0;

	for (i = 0; i < n; i++) {
		if (!safe_name(ds[i]->id.s) ||
		    (fd = outdir_old_fd(NULL, outdir, ds[i]->id.s)) == -1)
			continue;
		if (holds_final(fd)) {
			diag_sys(d, _("%s/%s: this folder holds a final render, "
			    "which a draft never replaces: give another folder "
			    "with -o, or move this one away"), outdir,
			    ds[i]->id.s);
			rc = -1;
		}
		close(fd);
	}
	return rc;
}

int
render_draft(struct render *r, unsigned kinds, struct diag *d)
{
	size_t	 k;
	int	 rc = 0;

	r->draft = 1;
	for (k = 0; k < DOC__MAX; k++)
		if ((kinds & (1u << k)) && !template_drafts(r->tpl[k])) {
			diag_sys(d, _("%s: this template cannot mark a draft: "
			    "--draft needs <if test=\"render.draft\"> with the "
			    "mark in its <every-page> (templates/README.md)"),
			    template_path(r->tpl[k]));
			rc = -1;
		}
	return rc;
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

void
render_shard(struct render *r, unsigned k, unsigned n)
{
	r->shard_k = k;
	r->shard_n = n;
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
		outdir_sort(names, n);
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
	if (r->draft && finals_refused(ds, n, outdir, d) == -1)
		return -1;
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
		    r->shard_n > 0, r->draft, d);
		if (jobs[i].rc == 0)
			job_items(r, i, &jobs[i], kinds, &items, &nitems, &cap);
	}
	made = xcalloc(nitems + 1, sizeof(*made));
	for (i = 0; i < nitems; i++)
		made[i].size = -1;
	workers = njobs > 1 ? (size_t)njobs : 1;
	if (workers > nitems)
		workers = nitems;
	if (nitems > 0 && (workers = pool_workers(workers, r->dump != NULL,
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
			irc = batch_run_item(r, od, &jobs[items[i].job],
			    &items[i], &made[i], d);
			if (irc < jobs[items[i].job].rc)
				jobs[items[i].job].rc = irc;
			progress_step(pg, i + 1);
		}
		free(prepared);
	} else if (workers > 1)
		pool_run(r, od, jobs, items, nitems, workers, made, d, pg);
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
