/*
 * batch.h: a batch's jobs (a dossier each, with its new folder) and
 * items (a file each), as batch.c makes them and the worker pool
 * (pool.c) runs them.  Included by batch.c and pool.c, after outdir.h,
 * render.h and render_int.h.
 */

struct diag;
struct outdir;
struct progress;

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
 * Make one file of a job into its folder, created there new (never
 * through a link); *m says what was made.  Returns 0, -1 (the dossier's
 * error) or -2 (a system error), reported.
 */
int		 batch_run_item(struct render *, struct outdir *,
		    const struct job *, const struct item *,
		    struct outdir_made *m, struct diag *);

/*
 * Run the items in n worker processes and gather their results in item
 * order into made[] and the jobs' rc, and their findings into d, so that
 * the findings and the files are the same whatever n.
 */
void		 pool_run(struct render *, struct outdir *, struct job *,
		    const struct item *, size_t nitems, size_t n,
		    struct outdir_made *made, struct diag *,
		    struct progress *);
/*
 * How many worker processes the descriptors left allow, at most want
 * (dump: the layout dump is written too); 0 after reporting when not
 * even one file can be made.
 */
size_t		 pool_workers(size_t want, int dump, struct diag *);
