/*
 * main.c: the command line.  Parses options, finds the program's data
 * (schema, plans), runs the batch through loading and validation, and
 * exits with the worst status seen.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "xml_in.h"
#include "model.h"
#include "plan.h"
#include "dossier_in.h"
#include "validate.h"
#include "render.h"
#include "import.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/khenthuong"
#endif


struct opts {
	const char		*cmd;
	const char		*plan_file;
	const char		*outdir;
	const char		*dump;
	const char		*blank_stock;
	const char		*overrides[DOC__MAX];
	unsigned		 kinds;
	int			 jobs;
	unsigned		 shard_k, shard_n;	/* --shard K/N */
	int			 quiet;		/* no progress, no summary */
	int			 dry_run;
	int			 draft;		/* --draft */
	int			 phase;		/* --phase, 0: none */
	int			 force;		/* --force */
	enum import_unit	 unit;		/* --military, --civil */
	int			 out_set;	/* -o given */
	enum diag_format	 fmt;
	char			**files;
	int			 nfiles;
};

struct plans {
	struct plan	**v;
	size_t		 n, cap;
};

static void
usage(FILE *fp)
{
	/* One line a message, so that a new command adds its own. */
	static const char *const lines[] = {
	    N_("usage:"),
	    N_("  khenthuong check [--plan FILE|NUMBER] [--format text|json] "
	    "[--quiet] DOSSIER.xml..."),
	    N_("  khenthuong render [--plan FILE|NUMBER] [-o DIR] [--jobs N] "
	    "[--only KIND,...]"),
	    N_("                    [--blank-stock PRINTER.xml] "
	    "[--template KIND=FILE]"),
	    N_("                    [--shard K/N] [--dry-run] [--draft] "
	    "[--quiet] DOSSIER.xml..."),
	    N_("  khenthuong calibrate [-o FILE.pdf] "
	    "[--template bang-khen=FILE] PRINTER.xml"),
	    N_("  khenthuong import [--plan NUMBER|FILE] [--phase N] "
	    "[-o OUT.xml] [--force]"),
	    N_("                    [--military | --civil] LIST.csv"),
	    N_("  khenthuong init --plan NUMBER|FILE --phase N [-o OUT.xml] "
	    "[--force]"),
	    N_("                  [--military | --civil]"),
	    N_("  khenthuong --help | --version"),
	    N_("    KIND: to-trinh, danh-sach, bien-ban, bao-cao, bang-khen"),
	    N_("    --dry-run: list the files render would write, "
	    "write nothing"),
	    N_("    --draft: also the dossiers with errors or places left to "
	    "fill, each page"),
	    N_("      marked DỰ THẢO, no print file; never over a folder of a "
	    "final render"),
	    N_("    --quiet: no progress line and no summary, "
	    "only the findings"),
	    N_("    --plan: a plan file, or the number of a plan the program "
	    "has (217/KH-UBND)"),
	    N_("    -j N, --jobs N: up to N dossiers at a time (default: the "
	    "number of CPUs)"),
	    N_("    --military, --civil: a military unit (ranks asked for) or "
	    "a civil one;"),
	    N_("      by default import asks for ranks when the list has "
	    "them, init does not"),
	};
	size_t	 i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		fprintf(fp, "%s\n", _(lines[i]));
}

/* The one usage line of cmd (NULL or unknown: of the program). */
static const char *
usage_line(const char *cmd)
{
	if (cmd == NULL)
		return NULL;
	if (strcmp(cmd, "check") == 0)
		return _("usage: khenthuong check [--plan FILE|NUMBER] "
		    "[--format text|json] [--quiet] DOSSIER.xml...");
	if (strcmp(cmd, "render") == 0)
		return _("usage: khenthuong render [--plan FILE|NUMBER] "
		    "[-o DIR] [-j N] [--only KIND,...] [OPTION]... "
		    "DOSSIER.xml...");
	if (strcmp(cmd, "calibrate") == 0)
		return _("usage: khenthuong calibrate [-o FILE.pdf] "
		    "[--template bang-khen=FILE] PRINTER.xml");
	if (strcmp(cmd, "import") == 0)
		return _("usage: khenthuong import [--plan NUMBER|FILE] "
		    "[--phase N] [-o OUT.xml] [--force] LIST.csv");
	if (strcmp(cmd, "init") == 0)
		return _("usage: khenthuong init --plan NUMBER|FILE --phase N "
		    "[-o OUT.xml] [--force]");
	return NULL;
}

/* The usage line of cmd and where the rest is, on standard error. */
static void
usage_short(const char *cmd)
{
	const char	*l;

	if ((l = usage_line(cmd)) == NULL)
		l = _("usage: khenthuong check|render|calibrate|import|init "
		    "[OPTION]... FILE...");
	fprintf(stderr, "%s\n", l);
	fputs(_("Run \"khenthuong --help\" for every option."), stderr);
	fputc('\n', stderr);
}

/*
 * A usage error of cmd: what is wrong, then the command's usage line.
 * Returns -1.
 */
static int
usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fputs("khenthuong: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage_short(cmd);
	return -1;
}

/*
 * The kinds of a --only list, "bang-khen, bao-cao": each part without
 * the spaces around it.  Returns the mask, or 0 after reporting the
 * part that names no kind.
 */
static unsigned
parse_kinds(const char *cmd, const char *list)
{
	char		*bad = NULL, *kinds;
	unsigned	 mask;

	if ((mask = render_kinds(list, &bad)) != 0)
		return mask;
	kinds = render_kind_list();
	fputs("khenthuong: ", stderr);
	fprintf(stderr, _("--only: \"%s\" is not a kind of document (the "
	    "kinds: %s)"), bad, kinds);
	fputc('\n', stderr);
	usage_short(cmd);
	free(bad);
	free(kinds);
	return 0;
}

static int
isdir(const char *p)
{
	struct stat	 st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Where the schema and plans live: $KHENTHUONG_DATADIR, else beside the
 * executable (a build tree), else <exe dir>/../share/khenthuong (an
 * installed tree, wherever it was moved), else the compiled DATADIR.
 * New string.
 */
static char *
datadir(const char *argv0)
{
	const char	*env;
	char		 exe[PATH_MAX], *slash, *t;
	ssize_t		 n;

	if ((env = getenv("KHENTHUONG_DATADIR")) != NULL && *env != '\0')
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		if (strlen(argv0) >= sizeof(exe))
			return xstrdup(DATADIR);
		strcpy(exe, argv0);
	} else
		exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL) {
		*slash = '\0';
		t = xasprintf("%s/plans", exe);
		if (isdir(t)) {
			free(t);
			return xstrdup(exe);
		}
		free(t);
		t = xasprintf("%s/../share/khenthuong/plans", exe);
		if (isdir(t)) {
			t[strlen(t) - strlen("/plans")] = '\0';
			return t;
		}
		free(t);
	}
	return xstrdup(DATADIR);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
plans_add(struct plans *ps, struct plan *p, struct diag *d)
{
	if (p == NULL)
		return;
	if (validate_bind(p, d) == -1) {
		plan_free(p);
		return;
	}
	ps->v = xgrow(ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
	ps->v[ps->n++] = p;
}

/* Every *.xml of dir, in name order. */
static void
plans_load_dir(struct plans *ps, struct xml *x, const char *dir,
    struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		**names = NULL, *path;
	size_t		 n = 0, cap = 0, i, len;

	if ((dp = opendir(dir)) == NULL) {
		diag_sys(d, _("%s: cannot open the plans directory: %s"), dir,
		    diag_errno(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmpstr);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		plans_add(ps, plan_load(x, path, d), d);
		free(path);
		free(names[i]);
	}
	free(names);
}

static const struct plan *
plans_find(const struct plans *ps, const char *number)
{
	size_t	 i;

	for (i = 0; i < ps->n; i++)
		if (number != NULL && strcmp(ps->v[i]->number, number) == 0)
			return ps->v[i];
	return NULL;
}

/* The numbers of the plans, "217/KH-UBND, ..." ("" if none; new). */
static char *
plans_known(const struct plans *ps)
{
	struct buf	 known = BUF_INIT;
	size_t		 i;

	buf_adds(&known, "");
	for (i = 0; i < ps->n; i++)
		buf_printf(&known, "%s%s", i ? ", " : "", ps->v[i]->number);
	return buf_detach(&known);
}

/*
 * The plan --plan names: a file, or the number of a plan of dir/plans;
 * with phase > 0, one of its phases.  Returns it, the only plan then in
 * ps, or NULL after reporting (exit status 2).
 */
static const struct plan *
plans_select(struct plans *ps, struct xml *x, const char *dir,
    const char *arg, int phase, struct diag *d)
{
	struct stat		 st;
	const struct plan	*p = NULL;
	struct plan		*keep = NULL;
	struct buf		 b = BUF_INIT;
	char			*path;
	size_t			 i, len = strlen(arg);

	path = xasprintf("%s/plans", dir);
	if (stat(arg, &st) != 0 && !(len > 4 && strcmp(arg + len - 4,
	    ".xml") == 0)) {
		plans_load_dir(ps, x, path, d);
		b.s = plans_known(ps);
		for (i = 0; i < ps->n; i++)
			if (keep == NULL && strcmp(ps->v[i]->number, arg) == 0)
				keep = ps->v[i];
			else
				plan_free(ps->v[i]);
		ps->n = 0;
		if ((p = keep) != NULL)
			ps->v[ps->n++] = keep;
		else
			diag_sys(d, _("--plan %s: no such file, and no plan "
			    "of that number (the plans: %s)"), arg,
			    *b.s != '\0' ? b.s : _("none at all"));
	} else {
		plans_add(ps, plan_load(x, arg, d), d);
		p = ps->n > 0 ? ps->v[0] : NULL;
	}
	free(path);
	buf_free(&b);
	if (p != NULL && phase > 0 && plan_phase(p, phase) == NULL) {
		for (i = 0; i < p->nphases; i++)
			buf_printf(&b, "%s%d", i ? ", " : "",
			    p->phases[i].number);
		diag_sys(d, _("--phase %d: plan %s has no such phase (its "
		    "phases: %s)"), phase, p->number, b.s != NULL ? b.s : "");
		buf_free(&b);
		return NULL;
	}
	return p;
}

/* The plan a dossier answers to, or NULL after reporting why not. */
static const struct plan *
plan_for(const struct plans *ps, const struct opts *o,
    const struct dossier *ds, struct diag *d)
{
	const struct plan	*p;
	char			*k;

	if (ds->plan.s == NULL)
		return NULL;
	if (o->plan_file != NULL) {
		if (ps->n == 0) {
			diag_code(d, ds->file, ds->line, DC_PLAN_BROKEN,
			    ds->plan.s);
			return NULL;
		}
		if (strcmp(ps->v[0]->number, ds->plan.s) != 0) {
			diag_code(d, ds->file, ds->line, DC_PLAN_MISMATCH,
			    ds->plan.s, o->plan_file, ps->v[0]->number);
			return NULL;
		}
		return ps->v[0];
	}
	if ((p = plans_find(ps, ds->plan.s)) != NULL)
		return p;
	k = plans_known(ps);
	diag_code(d, ds->file, ds->line, DC_PLAN_UNKNOWN, ds->plan.s,
	    *k ? k : "không có kế hoạch nào");
	free(k);
	return NULL;
}

/* A flag without a value (--force, --quiet, --dry-run, --draft): set, 1. */
static int
parse_flag(const char *a, struct opts *o)
{
	int	*f = strcmp(a, "--force") == 0 ? &o->force :
	    strcmp(a, "--quiet") == 0 ? &o->quiet :
	    strcmp(a, "--dry-run") == 0 ? &o->dry_run :
	    strcmp(a, "--draft") == 0 ? &o->draft : NULL;

	if (f != NULL)
		*f = 1;
	return f != NULL;
}

static int
parse_opts(int argc, char *argv[], struct opts *o)
{
	enum import_unit u;
	int	 i;

	memset(o, 0, sizeof(*o));
	o->fmt = DIAG_TEXT;
	o->outdir = "output";
	o->kinds = DOC_ALL;
	o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (o->jobs < 1)
		o->jobs = 1;
	if (argc < 2) {
		usage_short(NULL);
		return -1;
	}
	o->cmd = argv[1];
	o->files = xcalloc((size_t)argc, sizeof(char *));
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			for (i++; i < argc; i++)
				o->files[o->nfiles++] = argv[i];
			break;
		}
		if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
			o->plan_file = argv[++i];
		else if (strncmp(argv[i], "--plan=", 7) == 0)
			o->plan_file = argv[i] + 7;
		else if (strcmp(argv[i], "--blank-stock") == 0 && i + 1 < argc)
			o->blank_stock = argv[++i];
		else if (strcmp(argv[i], "--dump-layout") == 0 && i + 1 < argc)
			o->dump = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			o->outdir = argv[++i];
			o->out_set = 1;
		} else if (parse_flag(argv[i], o))
			continue;
		else if (strcmp(argv[i], "--military") == 0 ||
		    strcmp(argv[i], "--civil") == 0) {
			u = argv[i][2] == 'm' ? IMPORT_UNIT_MILITARY :
			    IMPORT_UNIT_CIVIL;
			if (o->unit != IMPORT_UNIT_LIST && o->unit != u)
				return usage_error(o->cmd, "%s", _("--military "
				    "and --civil: give one of them"));
			o->unit = u;
		}
		else if (strcmp(argv[i], "--phase") == 0 && i + 1 < argc) {
			if ((o->phase = atoi(argv[++i])) < 1)
				return usage_error(o->cmd,
				    _("--phase: \"%s\" is not a phase number"),
				    argv[i]);
		}
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			if ((o->kinds = parse_kinds(o->cmd, argv[++i])) == 0)
				return -1;
		} else if (strcmp(argv[i], "--shard") == 0 && i + 1 < argc) {
			unsigned k, n;
			char c;

			if (sscanf(argv[++i], "%u/%u%c", &k, &n, &c) != 2 ||
			    n == 0 || k == 0 || k > n || n > 100000)
				return usage_error(o->cmd,
				    _("--shard: \"%s\" is not K/N with 1 <= K "
				    "<= N"), argv[i]);
			o->shard_k = k - 1;
			o->shard_n = n;
		} else if ((strcmp(argv[i], "--jobs") == 0 ||
		    strcmp(argv[i], "-j") == 0) && i + 1 < argc) {
			if ((o->jobs = atoi(argv[++i])) < 1)
				return usage_error(o->cmd,
				    _("--jobs: \"%s\" is not a number of "
				    "processes"), argv[i]);
		} else if (strncmp(argv[i], "-j", 2) == 0 &&
		    argv[i][2] != '\0') {
			if ((o->jobs = atoi(argv[i] + 2)) < 1)
				return usage_error(o->cmd,
				    _("--jobs: \"%s\" is not a number of "
				    "processes"), argv[i] + 2);
		} else if (strcmp(argv[i], "--template") == 0 && i + 1 < argc) {
			char *eq = strchr(argv[++i], '=');
			unsigned k;
			size_t j;

			if (eq == NULL)
				return usage_error(o->cmd,
				    _("--template: \"%s\" is not KIND=FILE"),
				    argv[i]);
			*eq = '\0';
			k = render_kinds(argv[i], NULL);
			*eq = '=';
			if (k == 0 || (k & (k - 1)) != 0)
				return usage_error(o->cmd,
				    _("--template: \"%s\" is not KIND=FILE"),
				    argv[i]);
			for (j = 0; !(k & (1u << j)); j++)
				continue;
			o->overrides[j] = eq + 1;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "json") == 0)
				o->fmt = DIAG_JSON;
			else if (strcmp(argv[i], "text") != 0)
				return usage_error(o->cmd,
				    _("--format: \"%s\" is neither text nor "
				    "json"), argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage_error(o->cmd,
			    _("%s: unknown option, or its value is missing"),
			    argv[i]);
		else
			o->files[o->nfiles++] = argv[i];
	}
	return 0;
}

/*
 * The last lines of check and render on standard error: the dossiers
 * checked, valid or rendered, failed; the files written and where.
 */
static void
summary(const struct opts *o, int render, size_t valid,
    const struct render *rd)
{
	char	 a[32], b[32], c[32];
	size_t	 n = (size_t)o->nfiles, dossiers = 0, files = 0, ok;

	if (rd != NULL)
		render_counts(rd, &dossiers, &files);
	ok = render ? dossiers : valid;
	(void)i18n_count(a, sizeof(a), n);
	(void)i18n_count(b, sizeof(b), ok);
	(void)i18n_count(c, sizeof(c), n - ok);
	fprintf(stderr, !render ? ngettext("Checked %s dossier: %s valid, %s "
	    "with errors.", "Checked %s dossiers: %s valid, %s with errors.",
	    n) :
	    o->dry_run ? ngettext("Checked %s dossier: %s would be rendered, "
	    "%s failed.", "Checked %s dossiers: %s would be rendered, %s "
	    "failed.", n) : ngettext("Checked %s dossier: %s rendered, %s "
	    "failed.", "Checked %s dossiers: %s rendered, %s failed.", n),
	    a, b, c);
	fputc('\n', stderr);
	if (!render)
		return;
	(void)i18n_count(a, sizeof(a), files);
	if (files == 0)
		fputs(o->dry_run ? _("No file would be written.") :
		    _("No file written."), stderr);
	else
		fprintf(stderr, o->dry_run ? ngettext("%s file would be "
		    "written in %s.", "%s files would be written in %s.",
		    files) : ngettext("%s file written in %s.", "%s files "
		    "written in %s.", files), a, o->outdir);
	fputc('\n', stderr);
}

/*
 * Has a dossier of ok[0..m) the id of ds?  A draft renders dossiers with
 * errors, the same id twice among them (reported): the first one given
 * has the folder.
 */
static int
id_taken(struct dossier *const *ok, size_t m, const struct dossier *ds)
{
	size_t	 i;

	for (i = 0; i < m; i++)
		if (ok[i]->id.s != NULL && ds->id.s != NULL &&
		    strcmp(ok[i]->id.s, ds->id.s) == 0)
			return 1;
	return 0;
}

static int
cmd_batch(const struct opts *o, const char *argv0, int render)
{
	struct diag		*d;
	struct xml		*x;
	struct plans		 ps = { NULL, 0, 0 };
	struct dossier		**ds;
	const struct plan	**pl, **dp;
	struct render		*rd = NULL;
	char			*dir, *path, *err;
	size_t			 i, n = 0, f, valid = 0;
	int			 st;

	if (o->nfiles == 0 || (o->draft && o->shard_n > 0)) {
		(void)usage_error(o->cmd, "%s", o->nfiles == 0 ?
		    _("no dossier file given") :
		    _("--draft and --shard: give one of them"));
		return 2;
	}
	d = diag_new(o->fmt);
	x = xml_new();
	dir = datadir(argv0);
	path = xasprintf("%s/schema/dossier.xsd", dir);
	if (xml_schema(x, path, &err) == -1) {
		diag_sys(d, "%s", err);
		free(err);
		free(path);
		free(dir);
		xml_free(x);
		st = diag_exit_status(d);
		diag_free(d);
		return st;
	}
	free(path);
	if (o->plan_file != NULL)
		(void)plans_select(&ps, x, dir, o->plan_file, 0, d);
	else {
		path = xasprintf("%s/plans", dir);
		plans_load_dir(&ps, x, path, d);
		free(path);
	}
	/* check lays the documents out too: it needs what render needs. */
	if ((rd = render_new(x, dir, o->overrides, d)) != NULL) {
		if (render && o->dump != NULL)
			render_dump_to(rd, o->dump);
		if (render && o->shard_n > 0)
			render_shard(rd, o->shard_k, o->shard_n);
		render_progress(rd, render && !o->quiet &&
		    o->fmt == DIAG_TEXT);
		if (render && o->dry_run)
			render_dry_run(rd, stdout);
		if ((o->blank_stock != NULL &&
		    render_blank_stock(rd, x, o->blank_stock, d) == -1) ||
		    (render && o->draft &&
		    render_draft(rd, o->kinds, d) == -1)) {
			render_free(rd);
			rd = NULL;
		}
	}
	free(dir);

	ds = xcalloc((size_t)o->nfiles, sizeof(*ds));
	pl = xcalloc((size_t)o->nfiles, sizeof(*pl));
	dp = xcalloc((size_t)o->nfiles, sizeof(*dp));	/* a draft's plans */
	for (i = 0; i < (size_t)o->nfiles; i++) {
		f = diag_file(d, o->files[i], DIAG_DOSSIER);
		if ((ds[n] = dossier_load(x, o->files[i], d, f)) == NULL)
			continue;
		pl[n] = dp[n] = plan_for(&ps, o, ds[n], d);
		if (ds[n]->placeholders > 0)
			pl[n] = NULL;	/* a draft: its marked places first */
		if (pl[n] != NULL)
			validate_dossier(pl[n], ds[n], d);
		n++;
	}
	validate_batch(ds, pl, n, d);
	/*
	 * check and --dry-run lay out every document of each dossier with
	 * its plan (its other errors or not): what render would refuse, they
	 * refuse, in the same pass.  render lays out as it draws.
	 */
	for (i = 0; rd != NULL && (!render || o->dry_run) && i < n; i++)
		if (pl[i] != NULL && ds[i]->placeholders == 0 &&
		    render_check(rd, ds[i], pl[i], d) == -2)
			break;
	for (i = 0; i < n; i++)
		if (pl[i] != NULL && diag_errors(d, ds[i]->file) == 0)
			valid++;

	/*
	 * Every dossier without an error is rendered, whatever the others;
	 * in a draft, every dossier read whose plan is found.
	 */
	if (render && rd != NULL) {
		struct dossier		**ok = xcalloc(n + 1, sizeof(*ok));
		const struct plan	**okp = xcalloc(n + 1, sizeof(*okp));
		size_t			 m = 0;

		for (i = 0; i < n; i++)
			if (o->draft ? dp[i] != NULL && !id_taken(ok, m, ds[i]) :
			    pl[i] != NULL && diag_errors(d, ds[i]->file) == 0) {
				ok[m] = ds[i];
				okp[m++] = dp[i];
			}
		(void)render_batch(rd, ok, okp, m, o->outdir, o->kinds,
		    o->jobs, d);
		free(ok);
		free(okp);
	}

	diag_print(d);
	if (!o->quiet && o->fmt == DIAG_TEXT)
		summary(o, render, valid, rd);
	render_free(rd);
	st = diag_exit_status(d);
	for (i = 0; i < n; i++)
		dossier_free(ds[i]);
	free(ds);
	free(pl);
	free(dp);
	for (i = 0; i < ps.n; i++)
		plan_free(ps.v[i]);
	free(ps.v);
	xml_free(x);
	diag_free(d);
	return st;
}

/* The calibration sheet of a printer profile (the one file argument). */
static int
cmd_calibrate(const struct opts *o, const char *argv0)
{
	struct diag	*d = diag_new(DIAG_TEXT);
	struct xml	*x = xml_new();
	struct render	*rd;
	char		*dir = datadir(argv0), *path, *err;
	const char	*out = strcmp(o->outdir, "output") == 0 ?
			    "output/calibrate.pdf" : o->outdir;
	int		 st;

	path = xasprintf("%s/schema/dossier.xsd", dir);
	if (o->nfiles != 1) {
		(void)usage_error(o->cmd, "%s", _("calibrate takes one printer "
		    "profile, PRINTER.xml"));
		st = 2;
	} else if (xml_schema(x, path, &err) == -1) {
		diag_sys(d, "%s", err);
		free(err);
	} else if ((rd = render_new(x, dir, o->overrides, d)) != NULL) {
		if (strcmp(out, "output/calibrate.pdf") == 0)
			(void)mkdir("output", 0777);
		if (render_calibrate(rd, x, o->files[0], out, d) == 0 &&
		    !o->quiet) {
			fprintf(stderr, _("Calibration sheet written to %s."),
			    out);
			fputc('\n', stderr);
		}
		render_free(rd);
	}
	free(path);
	free(dir);
	diag_print(d);
	st = o->nfiles != 1 ? 2 : diag_exit_status(d);
	xml_free(x);
	diag_free(d);
	return st;
}

/* import (one list) and init (no file): the plan, then the draft. */
static int
cmd_import(const struct opts *o, const char *argv0, int init)
{
	struct diag		*d;
	struct xml		*x;
	struct plans		 ps = { NULL, 0, 0 };
	struct import_opts	 io;
	char			*dir;
	size_t			 i;
	int			 st;

	if (init && (o->plan_file == NULL || o->phase == 0)) {
		(void)usage_error(o->cmd, "%s",
		    _("init needs --plan and --phase"));
		return 2;
	}
	if (init ? o->nfiles != 0 : o->nfiles != 1) {
		(void)usage_error(o->cmd, "%s", init ? _("init takes no file: "
		    "the skeleton goes to -o FILE or to standard output") :
		    _("import takes one list, LIST.csv"));
		return 2;
	}
	d = diag_new(DIAG_TEXT);
	x = xml_new();
	dir = datadir(argv0);
	memset(&io, 0, sizeof(io));
	io.phase = o->phase;
	io.out = o->out_set ? o->outdir : NULL;
	io.force = o->force;
	io.quiet = o->quiet;
	io.unit = o->unit;
	if (o->plan_file == NULL || (io.plan = plans_select(&ps, x, dir,
	    o->plan_file, o->phase, d)) != NULL) {
		if (init)
			import_init(&io, d);
		else
			import_list(o->files[0], &io, d);
	}
	diag_print(d);
	st = diag_exit_status(d);
	for (i = 0; i < ps.n; i++)
		plan_free(ps.v[i]);
	free(ps.v);
	free(dir);
	xml_free(x);
	diag_free(d);
	return st;
}

int
main(int argc, char *argv[])
{
	struct opts	 o;
	int		 st;

	/*
	 * libharu sets up a zlib state of some 256 KiB for every stream it
	 * compresses and frees it after; with glibc's default threshold the
	 * heap is given back to the kernel and taken again each time, which
	 * made a small batch spend most of its time in page faults.
	 */
	(void)mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	i18n_init();
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		puts("khenthuong " VERSION);
		return 0;
	}
	if (parse_opts(argc, argv, &o) == -1) {
		free(o.files);
		return 2;
	}
	if (strcmp(o.cmd, "check") == 0)
		st = cmd_batch(&o, argv[0], 0);
	else if (strcmp(o.cmd, "calibrate") == 0)
		st = cmd_calibrate(&o, argv[0]);
	else if (strcmp(o.cmd, "render") == 0)
		st = cmd_batch(&o, argv[0], 1);
	else if (strcmp(o.cmd, "import") == 0 || strcmp(o.cmd, "init") == 0)
		st = cmd_import(&o, argv[0], strcmp(o.cmd, "init") == 0);
	else {
		(void)usage_error(NULL, _("unknown command \"%s\""), o.cmd);
		st = 2;
	}
	free(o.files);
	return st;
}
