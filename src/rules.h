/*
 * rules.h: the regular expressions of a plan's rules.  The only module
 * that uses PCRE2; included by plan.c and validate.c.
 */

#include <stddef.h>

struct rx;

enum rx_result {
	RX_NOMATCH,
	RX_MATCH,
	RX_LIMIT,	/* a match, depth or heap limit was reached */
	RX_ERROR	/* e.g. the subject is not UTF-8 */
};

/*
 * Compile a pattern (UTF-8, Unicode properties, optionally caseless),
 * JIT-compiled where the machine allows.  Returns NULL on a bad pattern,
 * with *err a new English message from PCRE2 and *off the offset (in
 * bytes) where it went wrong; the caller frees *err.
 */
struct rx	*rx_compile(const char *pattern, int caseless, char **err,
		    size_t *off);
/* Match within the limits set at compile time. */
enum rx_result	 rx_match(struct rx *, const char *subject, size_t len);
void		 rx_free(struct rx *);
