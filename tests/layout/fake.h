/*
 * fake.h: the counting drawing device of the layout tests (fake.c).
 * Included by tests/layout/test.c and expand.c, after backend.h.
 */

/* What the fake device was asked to draw. */
struct fake {
	int	 pages;
	size_t	 text, line, rect, image;
};

extern const struct bk_ops fake_ops;
