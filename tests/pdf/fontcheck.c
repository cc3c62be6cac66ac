/*
 * fontcheck.c: font.c against libharu 2.3.0's own TrueType loader, on
 * every code point of the BMP of each file named: the glyph, the width,
 * and the name, flags, box and metrics the PDF's font dictionaries carry.
 * Prints "ok - ..." or "not ok - ..." per file; exits 1 if any differs.
 *
 * Usage: fontcheck FILE.ttf ...
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_doc.h>

#include "font.h"

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	(void)code;
	(void)detail;
	(void)arg;
}

/* 0 if the face of path agrees with libharu's, else 1 (said why). */
static int
check(HPDF_Doc doc, struct font_set *fs, const char *path)
{
	const struct font_face *f;
	HPDF_FontDef	 def;
	const char	*hname;
	char		 err[512];
	unsigned	 cp, gid, w;
	int		 i;

	hname = HPDF_LoadTTFontFromFile(doc, path, HPDF_FALSE);
	i = font_set_load(fs, path, err, sizeof(err));
	if (hname == NULL || i < 0) {
		HPDF_ResetError(doc);
		printf("%s - %s: libharu %s, font.c %s\n", hname == NULL &&
		    i < 0 ? "ok" : "not ok", path, hname ? "loads" :
		    "refuses", i < 0 ? err : "loads");
		return !(hname == NULL && i < 0);
	}
	def = HPDF_Doc_FindFontDef(doc, hname);
	f = font_set_face(fs, i);
	if (strcmp(hname, f->name) != 0 || strcmp(def->base_font, f->name) ||
	    (int)def->flags != f->flags ||
	    (int)def->font_bbox.left != f->bbox[0] ||
	    (int)def->font_bbox.bottom != f->bbox[1] ||
	    (int)def->font_bbox.right != f->bbox[2] ||
	    (int)def->font_bbox.top != f->bbox[3] ||
	    (int)def->italic_angle != f->italic_angle ||
	    def->ascent != f->ascent || def->descent != f->descent ||
	    def->cap_height != f->cap_height || def->stemv != f->stemv) {
		printf("not ok - %s: name %s/%s flags %d/%d asc %d/%d desc "
		    "%d/%d cap %d/%d\n", path, hname, f->name,
		    (int)def->flags, f->flags, def->ascent, f->ascent,
		    def->descent, f->descent, def->cap_height, f->cap_height);
		return 1;
	}
	for (cp = 0; cp < FONT_NCP; cp++) {
		gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		w = gid != 0 ? (uint16_t)HPDF_TTFontDef_GetCharWidth(def,
		    (HPDF_UINT16)cp) : 0;
		if (gid != f->gid[cp] || w != f->width[cp]) {
			printf("not ok - %s: U+%04X glyph %u/%u width %u/%u\n",
			    path, cp, gid, f->gid[cp], w, f->width[cp]);
			return 1;
		}
	}
	printf("ok - %s: %s, every code point as libharu\n", path, f->name);
	return 0;
}

int
main(int argc, char *argv[])
{
	HPDF_Doc	 doc;
	struct font_set	*fs;
	int		 i, bad = 0;

	if ((doc = HPDF_New(on_error, NULL)) == NULL)
		return 2;
	fs = font_set_new();
	for (i = 1; i < argc; i++)
		bad |= check(doc, fs, argv[i]);
	font_set_free(fs);
	HPDF_Free(doc);
	return bad;
}
