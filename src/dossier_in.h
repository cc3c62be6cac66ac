/*
 * dossier_in.h: loading one dossier file into the model.  Included by
 * main.c and the fuzz target.
 */

struct diag;
struct xml;
struct dossier;

/* Largest dossier file accepted, in MiB. */
#define DOSSIER_MAX_MB	16

/*
 * Read, check and load the dossier at path (registered as file f in the
 * diagnostics).  Every problem is reported; returns the model (possibly
 * with holes where the file had errors), or NULL when the file could not
 * be read or parsed at all.  The caller frees it with dossier_free.
 */
struct dossier	*dossier_load(struct xml *, const char *path,
		    struct diag *, size_t f);
/* The same from bytes already in memory (for tests and fuzzing). */
struct dossier	*dossier_load_bytes(struct xml *, const char *path,
		    const char *bytes, size_t len, struct diag *, size_t f);
