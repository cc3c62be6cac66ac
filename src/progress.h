/*
 * progress.h: the progress line of a long render on standard error,
 * redrawn in place, only when standard error is a terminal.  Included
 * by batch.c and pool.c.
 */

#include <stddef.h>

struct diag;
struct progress;

/*
 * A progress line for total steps, or NULL (nothing to draw: standard
 * error is not a terminal, or total is 0).  While it lives, a system
 * error reported through d first clears the line.  Every function
 * accepts NULL.
 */
struct progress	*progress_new(size_t total, struct diag *);
/* done steps of total are finished: redraw, a few times a second. */
void		 progress_step(struct progress *, size_t done);
/* Clear the line and free. */
void		 progress_end(struct progress *);
