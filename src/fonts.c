/*
 * fonts.c: the font configuration — which file holds which face of which
 * family — read from fonts/fonts.xml, with the project's fonts/ folder
 * searched before the system's.
 */

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "xml_in.h"
#include "fonts.h"

#define FONTS_NS "urn:khenthuong:fonts:1"

struct face {
	char		*family;
	enum font_style	 style;
	char		*path;		/* found file, or NULL */
};

struct fonts {
	struct face	*faces;
	size_t		 nfaces;
	size_t		 cap;
};

static int
exists(const char *p)
{
	struct stat	 st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *
trimmed(const struct xnode *n)
{
	char	*raw = xnode_text(n), *t;

	t = enc_text(raw, strlen(raw));
	free(raw);
	return t != NULL ? t : xstrdup("");
}

struct fonts *
fonts_load(struct xml *x, const char *path, const char *dir,
    struct diag *d)
{
	struct xml_result	 res;
	struct fonts		*fs;
	const struct xnode	*k, *f;
	char			**dirs = NULL, *p;
	size_t			 ndirs = 0, cap = 0, i;
	const char		*v, *file;
	size_t			 fi;
	enum font_style		 st;
	int			 bad = 0;

	fi = diag_file(d, path, DIAG_CONFIG);
	if (xml_load_file(x, path, FONTS_NS, "fonts", d, fi, &res) == -1)
		return NULL;
	if (res.root == NULL) {
		xml_result_free(&res);
		return NULL;
	}
	dirs = xgrow(dirs, &cap, 1, sizeof(*dirs));
	dirs[ndirs++] = xstrdup(dir);
	fs = xcalloc(1, sizeof(*fs));
	for (k = xnode_child(res.root, NULL); k != NULL;
	    k = xnode_next(k, NULL)) {
		if (strcmp(k->name, "dir") == 0) {
			dirs = xgrow(dirs, &cap, ndirs + 1, sizeof(*dirs));
			dirs[ndirs++] = trimmed(k);
			continue;
		}
		if (strcmp(k->name, "family") != 0 ||
		    (v = xnode_attr(k, "name")) == NULL) {
			diag_code(d, fi, k->line, DC_FONT_ELEMENT, k->name);
			bad = 1;
			continue;
		}
		for (f = xnode_child(k, "face"); f != NULL;
		    f = xnode_next(f, "face")) {
			const char *s = xnode_attr(f, "style");
			int fbad = 0;

			file = xnode_attr(f, "file");
			if (s == NULL || file == NULL)
				st = FS_REGULAR, fbad = 1;
			else if (strcmp(s, "regular") == 0)
				st = FS_REGULAR;
			else if (strcmp(s, "bold") == 0)
				st = FS_BOLD;
			else if (strcmp(s, "italic") == 0)
				st = FS_ITALIC;
			else if (strcmp(s, "bold-italic") == 0)
				st = FS_BOLD_ITALIC;
			else
				st = FS_REGULAR, fbad = 1;
			if (fbad) {
				bad = 1;
				diag_code(d, fi, f->line, DC_FONT_FACE);
				continue;
			}
			fs->faces = xgrow(fs->faces, &fs->cap, fs->nfaces + 1,
			    sizeof(*fs->faces));
			fs->faces[fs->nfaces].family = xstrdup(v);
			fs->faces[fs->nfaces].style = st;
			fs->faces[fs->nfaces].path = NULL;
			for (i = 0; i < ndirs; i++) {
				p = file[0] == '/' ? xstrdup(file) :
				    xasprintf("%s/%s", dirs[i], file);
				if (exists(p)) {
					fs->faces[fs->nfaces].path = p;
					break;
				}
				free(p);
			}
			fs->nfaces++;
		}
	}
	for (i = 0; i < ndirs; i++)
		free(dirs[i]);
	free(dirs);
	xml_result_free(&res);
	if (bad) {
		fonts_free(fs);
		return NULL;
	}
	return fs;
}

void
fonts_free(struct fonts *fs)
{
	size_t	 i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->nfaces; i++) {
		free(fs->faces[i].family);
		free(fs->faces[i].path);
	}
	free(fs->faces);
	free(fs);
}

const char *
fonts_find(const struct fonts *fs, const char *families,
    enum font_style st, const char **family)
{
	const char	*p, *e;
	size_t		 i, len;

	for (p = families; *p != '\0'; p = *e ? e + 1 : e) {
		while (*p == ' ')
			p++;
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		len = (size_t)(e - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		for (i = 0; i < fs->nfaces; i++)
			if (strlen(fs->faces[i].family) == len &&
			    strncmp(fs->faces[i].family, p, len) == 0 &&
			    fs->faces[i].style == st &&
			    fs->faces[i].path != NULL) {
				*family = fs->faces[i].family;
				return fs->faces[i].path;
			}
	}
	return NULL;
}

size_t
fonts_count(const struct fonts *fs)
{
	return fs->nfaces;
}

const char *
fonts_file(const struct fonts *fs, size_t i)
{
	return i < fs->nfaces ? fs->faces[i].path : NULL;
}
