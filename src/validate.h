/*
 * validate.h: checking dossiers against their plan's rules.  Included by
 * main.c and the fuzz target.
 */

#include <stddef.h>

struct diag;
struct plan;
struct dossier;

/*
 * Check that every rule of a plan names a known check or field, with
 * known parameters and placeholders.  Errors are reported against the
 * plan file.  Returns 0, or -1 when the plan cannot be used.
 */
int	 validate_bind(const struct plan *, struct diag *);
/*
 * Apply a plan's rules to one dossier, and number its certificates in
 * the decision's book (nominee.book_final).
 */
void	 validate_dossier(const struct plan *, struct dossier *,
	    struct diag *);
/*
 * Apply the rules that span a batch (quota, the same nominee or dossier
 * id twice).  plans[i] is the plan of dossiers[i], or NULL when it has
 * none (such dossiers take no part).
 */
void	 validate_batch(struct dossier **, const struct plan **, size_t n,
	    struct diag *);
