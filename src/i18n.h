/*
 * i18n.h: the program's own interface text (help, usage errors, system
 * errors, progress, summary) through gettext, domain "khenthuong".
 * Included by the files that print such text.  Findings about a dossier
 * are Vietnamese whatever the locale and never pass through here.
 */

#include <libintl.h>
#include <stddef.h>

#define _(s)		gettext(s)
#define N_(s)		(s)
/* A message with a context, for xgettext --keyword=C_:1c,2. */
#define C_(ctx, s)	i18n_pgettext(ctx "\004" s, s)

/*
 * Choose the interface language from the environment (Vietnamese when
 * the locale is Vietnamese or none is set, English otherwise) and find
 * the catalogue.  Called once, first thing in main().
 */
void		 i18n_init(void);
/* gettext of "context\004msgid", or msgid when it is not translated. */
const char	*i18n_pgettext(const char *ctx_msgid, const char *msgid);
/* n with the language's thousands separator ("1.000" in Vietnamese). */
const char	*i18n_count(char *buf, size_t len, size_t n);
