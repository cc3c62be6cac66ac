/*
 * validate.h: checking dossiers against their plan's rules.  Included by
 * main.c and the fuzz target.
 */

#include <stddef.h>

struct diag;
struct plan;
struct dossier;

/*
 * Bind a plan's rules once, as it loads: check that every rule names a
 * known check or field, with valid parameters and known placeholders,
 * and compile them into the plan's ruleset (freed by plan_free()).
 * Errors are reported against the plan file.  Returns 0, or -1 when the
 * plan cannot be used (its ruleset then unchanged).
 */
int	 validate_bind(struct plan *, struct diag *);
/*
 * Apply a plan's bound rules to one dossier (none when it is not bound),
 * and number its certificates in the decision's book (book_final).
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
