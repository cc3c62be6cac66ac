/*
 * pool.c: the worker processes of a batch and their pipe protocol: each
 * worker makes every n-th item and writes, per item, its findings
 * (diag_export) and a result line "R <item> <rc> <size> <inode>"; the
 * parent reads the pipes as the lines come (for the progress line), then
 * takes them in item order, so that the findings and the files are the
 * same whatever the number of workers.
 */

#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "progress.h"
#include "outdir.h"
#include "render.h"
#include "render_int.h"
#include "batch.h"

/*
 * The descriptors one file being made holds at most: its folder, the PDF
 * (and a second descriptor of it), the layout dump and its folder; a
 * font or an image read meanwhile.
 */
#define ITEM_FDS	5

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
		rc = batch_run_item(r, od, &jobs[items[i].job], &items[i], &m,
		    d);
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
void
pool_run(struct render *r, struct outdir *od, struct job *jobs,
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

/*
 * How many worker processes the descriptors left allow (getrlimit
 * RLIMIT_NOFILE less those open), at most want: each needs its pipe's
 * end here and, there, its end and ITEM_FDS.  Fewer than asked is said
 * on standard error; 0 after reporting when not even this process has
 * ITEM_FDS to spare.
 */
size_t
pool_workers(size_t want, int dump, struct diag *d)
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
