/*
 * i18n.c: the interface language.  Owns the choice between Vietnamese
 * and English, the setlocale calls and the lookup of the message
 * catalogue beside the program, and the way counts are written.
 */

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN	"khenthuong"

/* The first of the variables that is set and not empty, or NULL. */
static const char *
env_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return v;
	return NULL;
}

/*
 * Vietnamese when the locale (or, as gettext reads it, LANGUAGE's first
 * language) is Vietnamese, and when nothing is set at all; English when
 * the user chose another locale.  Like gettext, LANGUAGE does not
 * override a locale of exactly C or POSIX.
 */
static int
want_vietnamese(void)
{
	const char	*loc = env_locale(), *lang = getenv("LANGUAGE");

	if (loc != NULL && (strcmp(loc, "C") == 0 ||
	    strcmp(loc, "POSIX") == 0))
		return 0;
	if (lang != NULL && *lang != '\0')
		return strncmp(lang, "vi", 2) == 0;
	if (loc != NULL)
		return strncmp(loc, "vi", 2) == 0;
	return 1;
}

/*
 * Where the catalogues are: build/locale beside the program in a build
 * tree, ../share/locale from an installed bin/, else LOCALEDIR.  New
 * string.
 */
static char *
localedir(void)
{
	static const char *const rel[] = { "build/locale", "../share/locale" };
	char		 exe[PATH_MAX], *slash, *mo;
	ssize_t		 n;
	size_t		 i;
	int		 found;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return xstrdup(LOCALEDIR);
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return xstrdup(LOCALEDIR);
	*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		mo = xasprintf("%s/%s/vi/LC_MESSAGES/" DOMAIN ".mo", exe,
		    rel[i]);
		found = access(mo, R_OK) == 0;
		free(mo);
		if (found)
			return xasprintf("%s/%s", exe, rel[i]);
	}
	return xstrdup(LOCALEDIR);
}

void
i18n_init(void)
{
	const char	*r;
	char		*dir;

	/*
	 * Text is UTF-8 whatever the locale.  Only the character type and
	 * the messages follow the environment: numbers in the PDFs and
	 * the order of things never do.
	 */
	(void)setlocale(LC_CTYPE, "C.UTF-8");
	if (!want_vietnamese())
		return;
	/*
	 * vi_VN is often not generated; glibc ignores LANGUAGE under the
	 * C locale but honours it under C.UTF-8.
	 */
	r = setlocale(LC_MESSAGES, "");
	if (r == NULL || strcmp(r, "C") == 0 || strcmp(r, "POSIX") == 0)
		(void)setlocale(LC_MESSAGES, "C.UTF-8");
	(void)setenv("LANGUAGE", "vi", 1);
	dir = localedir();
	(void)bindtextdomain(DOMAIN, dir);
	free(dir);
	(void)bind_textdomain_codeset(DOMAIN, "UTF-8");
	(void)textdomain(DOMAIN);
}

const char *
i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char	*t = gettext(ctx_msgid);

	return t == ctx_msgid ? msgid : t;
}

const char *
i18n_count(char *buf, size_t len, size_t n)
{
	/* TRANSLATORS: the separator of thousands, as in 1,000. */
	const char	*sep = C_("thousands separator", ",");
	char		 digits[32];
	size_t		 nd, i, o = 0, sl = strlen(sep);

	nd = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0 && o + sl < len) {
			memcpy(buf + o, sep, sl);
			o += sl;
		}
		if (o + 1 < len)
			buf[o++] = digits[i];
	}
	if (len > 0)
		buf[o < len ? o : len - 1] = '\0';
	return buf;
}
