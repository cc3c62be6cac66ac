/*
 * blocks.c: the lifetime of blocks, the document form between the
 * template interpreter and the layout engine.
 */

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "backend.h"
#include "blocks.h"

struct blk *
blk_new(enum blk_kind kind)
{
	struct blk	*b;

	b = xcalloc(1, sizeof(*b));
	b->kind = kind;
	b->leading = 1.0;
	return b;
}

static void
table_free(struct blk_table *t)
{
	size_t	 i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			blk_free(t->rows[i].cells[j].child);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->widths);
	free(t);
}

void
blk_free(struct blk *b)
{
	struct blk	*next;
	size_t		 i;

	for (; b != NULL; b = next) {
		next = b->next;
		blk_free(b->child);
		for (i = 0; i < b->nruns; i++)
			free(b->runs[i].text);
		free(b->runs);
		table_free(b->table);
		free(b->path);
		free(b);
	}
}

void
blk_doc_free(struct blk_doc *d)
{
	if (d == NULL)
		return;
	blk_free(d->body);
	blk_free(d->every_page);
	free(d);
}

void
blk_add_run(struct blk *b, const char *text, int font, double size,
    struct bk_rgb color, const char *field, int line)
{
	struct blk_run	*r;

	b->runs = xrealloc(b->runs, (b->nruns + 1) * sizeof(*b->runs));
	r = &b->runs[b->nruns++];
	r->text = xstrdup(text);
	r->font = font;
	r->size = size;
	r->color = color;
	r->field = field;
	r->line = line;
}
