/*
 * progress.c: the progress line.  Owns its drawing on the terminal (in
 * place with \r, at most a few times a second, cleared at the end) and
 * the estimate of the time left.  Files and findings never depend on it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "progress.h"

#define PROGRESS_DELAY		0.3	/* s before the first drawing */
#define PROGRESS_INTERVAL	0.2	/* s between two drawings */
#define CLEAR_LINE		"\r\033[K"

struct progress {
	struct diag	*d;
	size_t		 total;
	double		 start;
	double		 last;		/* when drawn last, or 0 */
	int		 shown;
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Before a system error: clear the line.  In a worker process this copy
 * does not know whether the parent drew it, so it clears anyway (the
 * terminal is the same).
 */
static void
clear_cb(void *arg)
{
	struct progress	*p = arg;

	fputs(CLEAR_LINE, stderr);
	p->shown = 0;
}

struct progress *
progress_new(size_t total, struct diag *d)
{
	struct progress	*p;

	if (total == 0 || !isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->d = d;
	p->total = total;
	p->start = now();
	diag_before_sys(d, clear_cb, p);
	return p;
}

/* "4 seconds", "3 minutes": the time left, rounded. New string. */
static char *
time_left(double s)
{
	unsigned long	 n;

	if (s < 59.5) {
		n = s < 1 ? 1 : (unsigned long)(s + 0.5);
		return xasprintf(ngettext("%lu second", "%lu seconds", n), n);
	}
	n = (unsigned long)(s / 60 + 0.5);
	return xasprintf(ngettext("%lu minute", "%lu minutes", n), n);
}

void
progress_step(struct progress *p, size_t done)
{
	char	 a[32], b[32], *left, *line;
	double	 t;

	if (p == NULL || done == 0 || done >= p->total)
		return;
	t = now();
	if (t - p->start < PROGRESS_DELAY || t - p->last < PROGRESS_INTERVAL)
		return;
	p->last = t;
	p->shown = 1;
	left = time_left((t - p->start) / (double)done *
	    (double)(p->total - done));
	line = xasprintf(_("Writing files %s/%s, about %s left"),
	    i18n_count(a, sizeof(a), done), i18n_count(b, sizeof(b), p->total),
	    left);
	fprintf(stderr, CLEAR_LINE "%s", line);	/* one write */
	free(line);
	free(left);
}

void
progress_end(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->shown)
		fputs(CLEAR_LINE, stderr);
	diag_before_sys(p->d, NULL, NULL);
	free(p);
}
