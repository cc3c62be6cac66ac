/*
 * fonts.h: the font configuration (fonts/fonts.xml): families, their
 * faces and where their files are.  Included by template.c and render.c.
 */

struct diag;
struct xml;
struct fonts;

enum font_style {
	FS_REGULAR,
	FS_BOLD,
	FS_ITALIC,
	FS_BOLD_ITALIC
};

/*
 * Load the configuration at path; files are looked for in dir (the
 * configuration's own folder) first, then in its <dir> entries.  Errors
 * are reported against the file; returns NULL on any.
 */
struct fonts	*fonts_load(struct xml *, const char *path, const char *dir,
		    struct diag *);
void		 fonts_free(struct fonts *);
/*
 * The file of a face of the first family in the comma-separated list
 * whose file exists, or NULL.  *family is set to that family's name.
 * The strings belong to the configuration.
 */
const char	*fonts_find(const struct fonts *, const char *families,
		    enum font_style, const char **family);
/* The number of faces the configuration lists. */
size_t		 fonts_count(const struct fonts *);
/*
 * The file found for face i (0 <= i < fonts_count()) of the
 * configuration, or NULL if none was found.  The string belongs to the
 * configuration.
 */
const char	*fonts_file(const struct fonts *, size_t i);
