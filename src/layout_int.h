/*
 * layout_int.h: what the files of the layout engine (layout.c,
 * layout_para.c, layout_table.c, layout_out.c) share and no one else
 * sees: the run's context, the flow blocks are placed in, and the
 * functions one file gives the others.  Included by those files only,
 * after layout.h.
 */

#define EPS		1e-6	/* tolerance of a fit, pt */
#define SHRINK_STEP	0.5	/* auto-shrink step, pt */

/* One layout run: the document, the measure, the page being built. */
struct ctx {
	const struct blk_doc	*doc;
	const struct font_measure *fm;	/* how text is measured */
	struct lo_error		*err;
	struct lo_result	*out;
	/* Streaming: each finished page goes to ship(), then is freed. */
	int			(*ship)(struct lo_page *, int, void *);
	void			*ship_arg;
	struct lo_page		 cur;		/* the page being built */
	int			 pageno;	/* of cur, from 1 */
	double			 pw, ph;	/* page size */
	double			 sx, sy;	/* the page's shift (blocks.h) */
	double			 top, bot;	/* text area, y from the top */
	double			 left, width;	/* text area, x and width */
};

/* An auto-shrinking paragraph of a box and the sizes tried for it. */
struct fit {
	const struct blk	*b;
	double			 cap;	/* largest reference size to try */
	double			 used;	/* reference size of the last layout */
};

struct fits {
	struct fit	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Where blocks are being placed: the page flow (paged, breaking to a new
 * page when full) or a frame (a column, a table cell, a box, a dry run),
 * which grows downwards from y = 0 without limit and is moved into place
 * by its owner once its height is known.
 */
struct flow {
	struct ctx	*ctx;
	struct lo_page	*ops;		/* the flow's content */
	struct lo_page	*fixed;		/* absolute things; NULL: dropped */
	struct fits	*fits;		/* box auto-shrink sizes, or NULL */
	double		 x, w;		/* left edge and width */
	double		 y;		/* next free y */
	double		 ybot;		/* paged: the bottom of the text area */
	int		 paged;
	int		 at_top;	/* nothing placed on this page yet */
	int		 have_line;	/* a text line above, for a rule */
	double		 base;		/* that line's baseline */
	double		 lx0, lx1;	/* that line's extent */
};

/* layout.c: errors, walks, operation lists, pages, frames. */
const char	*lo_run_text(const struct blk_run *r);
void	lo_err_reset(struct lo_error *e);
void	lo_err_text(struct lo_error *e, const char *s, size_t len);
void	lo_err_run(struct lo_error *e, enum lo_errcode code,
	    const struct blk_run *r);
int	lo_walk(const struct blk *b, int chain,
	    int (*fn)(const struct blk *, void *), void *arg);
const struct blk_run	*lo_para_field_run(const struct blk *b);
int	lo_walk_field(const struct blk *b, void *arg);
int	lo_walk_excerpt(const struct blk *b, void *arg);
struct lo_op	*lo_op_add(struct lo_page *p, enum lo_kind kind);
void	lo_oplist_free(struct lo_page *p);
void	lo_oplist_move(struct lo_page *dst, struct lo_page *src, double dy);
void	lo_op_line(struct lo_page *p, double x, double y, double w, double h,
	    double stroke);
int	lo_flow_newpage(struct flow *f);
int	lo_frame_run(struct flow *parent, const struct blk *b, double x,
	    double w, struct lo_page *ops, struct lo_page *fixed, double *h);

/* layout_para.c: paragraphs, rules and spaces in a flow. */
double	lo_para_ref(const struct blk *b);
void	lo_err_nofit(struct ctx *c, const struct blk *b);
/*
 * A box's content over its height by over (pt) of height in all, blamed
 * on paragraph b: the lines and (about) the characters too many.
 */
void	lo_para_over_box(struct lo_error *e, const struct blk *b, double over,
	    double height);
int	lo_keep_after(struct flow *f, const struct blk *b, double *h,
	    size_t *lines);
int	lo_para_flow(struct flow *f, const struct blk *b);
void	lo_rule_flow(struct flow *f, const struct blk *b);
void	lo_space_flow(struct flow *f, const struct blk *b);

/* layout_table.c: tables in a flow. */
int	lo_table_flow(struct flow *f, const struct blk *b);
