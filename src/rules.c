/*
 * rules.c: compiling and matching the PCRE2 patterns of plan rules, in
 * UTF mode with Unicode properties and with match, depth and heap limits,
 * so that no pattern from a plan file can hang the batch.
 */

#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "mem.h"
#include "rules.h"

/*
 * Generous for a name or a paragraph (the shipped plan's patterns need
 * fewer than 10 on a 400 KB report); fatal for catastrophic patterns.
 * With the caps of plan.c and the budget of validate.c, it bounds the
 * work of a plan's patterns on one dossier.
 */
#define MATCH_LIMIT	20000
#define DEPTH_LIMIT	5000
#define HEAP_LIMIT_KIB	4096

struct rx {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
};

struct rx *
rx_compile(const char *pattern, int caseless, char **err, size_t *off)
{
	struct rx	*r;
	int		 ec;
	PCRE2_SIZE	 eo;
	PCRE2_UCHAR	 msg[256];
	uint32_t	 opts = PCRE2_UTF | PCRE2_UCP;

	*err = NULL;
	*off = 0;
	if (caseless)
		opts |= PCRE2_CASELESS;
	r = xcalloc(1, sizeof(*r));
	r->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &ec, &eo, NULL);
	if (r->code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*err = xstrdup((const char *)msg);
		*off = eo;
		free(r);
		return NULL;
	}
	/*
	 * JIT is an optimisation: without it the interpreter is used.
	 * Memory checkers cannot follow JIT code (valgrind reports its
	 * reads as uninitialised), so KHENTHUONG_NO_JIT turns it off.
	 */
	if (getenv("KHENTHUONG_NO_JIT") == NULL)
		(void)pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE);
	if ((r->md = pcre2_match_data_create_from_pattern(r->code, NULL)) ==
	    NULL || (r->mc = pcre2_match_context_create(NULL)) == NULL) {
		rx_free(r);
		*err = xstrdup("out of memory");
		return NULL;
	}
	pcre2_set_match_limit(r->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(r->mc, DEPTH_LIMIT);
	pcre2_set_heap_limit(r->mc, HEAP_LIMIT_KIB);
	return r;
}

enum rx_result
rx_match(struct rx *r, const char *s, size_t len)
{
	int	 rc;

	rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, 0, 0, r->md, r->mc);
	if (rc >= 0)
		return RX_MATCH;
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
		return RX_NOMATCH;
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return RX_LIMIT;
	default:
		return RX_ERROR;
	}
}

void
rx_free(struct rx *r)
{
	if (r == NULL)
		return;
	pcre2_match_context_free(r->mc);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->code);
	free(r);
}
