/*
 * phrases.h: the words that a line never breaks inside (KHEN THƯỞNG,
 * LÀO CAI, …) and the words a line of a centred block would rather start
 * with (TỈNH, HUYỆN, …), read from a data file a province edits
 * (templates/phrases.txt).  Included by render.c and layout.c.
 */

#ifndef PHRASES_H
#define PHRASES_H

#include <stddef.h>

struct diag;
struct phrases;

/* What the gap before a word of a paragraph is to the line breaker. */
enum phr_gap {
	PHR_FREE,		/* an ordinary break */
	PHR_GLUE,		/* inside a phrase: never, if at all possible */
	PHR_JOINT		/* a joint of a name: the best place */
};

#define PHRASES_MAX_MB		1
#define PHRASES_MAX		10000	/* phrases and joint words of a file */
#define PHRASES_MAX_WORDS	8	/* words of one phrase */

/*
 * Read the file at path.  Returns the set, or NULL after reporting on
 * diag (a system error, or an error at the file's line: exit 2).  The
 * caller frees it with phrases_free().
 */
struct phrases	*phrases_load(const char *path, struct diag *);
/* An empty set (nothing glued, no joint), for tests and tools. */
struct phrases	*phrases_empty(void);
void		 phrases_free(struct phrases *);

/*
 * The gaps of a run of n words (UTF-8, as printed, punctuation included):
 * gap[i] says what the gap before word i is (gap[0] is PHR_FREE).  A
 * phrase matches whatever the case; a comma or a full stop inside it
 * ends it.  After a comma or a dash a gap is a joint; a number never
 * leaves the word "số" before it.
 */
void		 phrases_gaps(const struct phrases *, const char *const *words,
		    const size_t *lens, size_t n, enum phr_gap *gap);

#endif /* !PHRASES_H */
