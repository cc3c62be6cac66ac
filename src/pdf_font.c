/*
 * pdf_font.c: owns the fonts of a document — the faces of the face set
 * (font.h) in the order the document uses them, their CIDs numbered as
 * code points are first drawn, and each written at the end as a
 * CIDFontType2 with a real subset (ttf.c), /W, CIDSet and a ToUnicode
 * CMap.
 */

#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "backend.h"
#include "font.h"
#include "input.h"
#include "mem.h"
#include "pdf.h"
#include "pdf_hpdf.h"
#include "pdf_int.h"
#include "ttf.h"

static HPDF_STATUS stream_put(struct pdf *, HPDF_Dict, const void *, size_t,
		    int);
static void	 subset_tag(const char *, const struct pdf_cids *, char[7]);
static HPDF_Dict new_dict(struct pdf *);
static size_t	 cid_run(const struct pdf_cids *, size_t);
static HPDF_STATUS tounicode_write(struct pdf *, HPDF_Dict,
		    const struct pdf_cids *);

/* ------------------------------------------------------------------ fonts */

/*
 * The CID of code point c in cids, given the next number on first use.
 * Returns 0 if out of memory or of CIDs.
 */
uint16_t
pdf_cid_of(struct pdf_cids *ci, uint32_t c)
{
	uint16_t	**pg = &ci->page[(c >> 8) & 0xFF], *ncp;

	if (*pg == NULL && (*pg = calloc(256, sizeof(**pg))) == NULL)
		return 0;
	if ((*pg)[c & 0xFF] != 0)
		return (*pg)[c & 0xFF];
	if (ci->n >= PDF_MAX_CIDS)
		return 0;
	if ((ncp = pdf_grow(ci->cp, &ci->cap, ci->n + 1, sizeof(*ncp))) == NULL)
		return 0;
	ci->cp = ncp;
	ci->cp[ci->n++] = (uint16_t)c;
	return (*pg)[c & 0xFF] = (uint16_t)ci->n;
}

void
pdf_cids_free(struct pdf_cids *ci)
{
	size_t	 i;

	for (i = 0; i < 256; i++)
		free(ci->page[i]);
	free(ci->cp);
}

/*
 * The length of the run of CIDs from i (1-based) whose code points step by
 * one with them, within one block of 256 on both sides (a bfrange may
 * change only the last byte of its codes).
 */
static size_t
cid_run(const struct pdf_cids *ci, size_t i)
{
	size_t	 e = i;

	while (e < ci->n && ci->cp[e] == ci->cp[e - 1] + 1 &&
	    (e + 1) % 256 != 0 && (ci->cp[e] & 0xFF) != 0)
		e++;
	return e - i + 1;
}

/*
 * Writes the text of a ToUnicode CMap into the stream of cm: each CID of
 * ci, a 2-byte code, maps to its code point in UTF-16; single codes as
 * bfchar, runs as bfrange, in blocks of at most 100 as the CMap format
 * wants.  Returns a libharu status.
 */
static HPDF_STATUS
tounicode_write(struct pdf *p, HPDF_Dict cm, const struct pdf_cids *ci)
{
	struct buf	 sb;
	char		 line[64];
	size_t		 i, len, nchar, nrange, left, inblock;
	int		 pass;
	HPDF_STATUS	 rc;

	sb = (struct buf)BUF_SOFT;
	buf_adds(&sb, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	nchar = nrange = 0;
	for (i = 1; i <= ci->n; i += len)
		if ((len = cid_run(ci, i)) == 1)
			nchar++;
		else
			nrange++;
	for (pass = 0; pass < 2; pass++) {
		left = pass == 0 ? nchar : nrange;
		inblock = 0;
		for (i = 1; left > 0 && i <= ci->n; i += len) {
			len = cid_run(ci, i);
			if ((len == 1) != (pass == 0))
				continue;
			if (inblock == 0) {
				snprintf(line, sizeof(line), "%zu %s\n",
				    left < 100 ? left : 100, pass == 0 ?
				    "beginbfchar" : "beginbfrange");
				buf_adds(&sb, line);
			}
			if (pass == 0)
				snprintf(line, sizeof(line), "<%04X> <%04X>\n",
				    (unsigned)i, (unsigned)ci->cp[i - 1]);
			else
				snprintf(line, sizeof(line),
				    "<%04X> <%04X> <%04X>\n", (unsigned)i,
				    (unsigned)(i + len - 1),
				    (unsigned)ci->cp[i - 1]);
			buf_adds(&sb, line);
			left--;
			if (++inblock == 100 || left == 0) {
				buf_adds(&sb, pass == 0 ? "endbfchar\n" :
				    "endbfrange\n");
				inblock = 0;
			}
		}
	}
	buf_adds(&sb, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	if (sb.nomem) {
		free(sb.s);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	rc = stream_put(p, cm, sb.s, sb.len, 1);
	free(sb.s);
	return rc;
}

/*
 * The six capital letters that name a subset (ISO 32000 9.6.4): a digest
 * of the face's name and of its CIDs' code points, so that the same
 * drawing gives the same name and different subsets of one face are told
 * apart.
 */
static void
subset_tag(const char *hname, const struct pdf_cids *ci, char tag[7])
{
	uint64_t	 h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	size_t		 i;
	int		 k;

	for (i = 0; hname[i] != '\0'; i++)
		h = (h ^ (unsigned char)hname[i]) * 0x100000001b3ULL;
	for (i = 0; i < ci->n; i++) {
		h = (h ^ (ci->cp[i] >> 8)) * 0x100000001b3ULL;
		h = (h ^ (ci->cp[i] & 0xFF)) * 0x100000001b3ULL;
	}
	for (k = 0; k < 6; k++) {
		tag[k] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* pdfh_stream_put() into the document of p. */
static HPDF_STATUS
stream_put(struct pdf *p, HPDF_Dict d, const void *data, size_t len,
    int compress)
{
	return pdfh_stream_put(p->doc, d, data, len, compress);
}

/* A new stream object of the document, compressed.  NULL on failure. */
HPDF_Dict
pdf_new_stream(struct pdf *p, const void *data, size_t len)
{
	HPDF_Dict	 d;

	if ((d = pdfh_stream_new(p->doc)) == NULL)
		return NULL;
	if (data != NULL && stream_put(p, d, data, len, 1) != HPDF_OK)
		return NULL;
	return d;
}

/* A new indirect dictionary of the document.  NULL on failure. */
static HPDF_Dict
new_dict(struct pdf *p)
{
	return pdfh_dict_indirect(p->doc);
}

/*
 * Completes the Type0 font of f before the document is written, for the
 * code points drawn with its face under any of our names: a CIDFontType2
 * whose FontFile2 is a real subset of the face (ttf_subset_new()) with
 * glyph i for CID i, so that its CIDToGIDMap is the identity and /W one
 * run; a descriptor with the CapHeight and CIDSet PDF/A-1 wants; and a
 * ToUnicode CMap back to the code points.
 * Returns 0, or -1 with the document failed.
 */
int
pdf_font_finish(struct pdf *p, struct pdf_font *f)
{
	const struct font_face *face = font_set_face(p->cache->fs, f->face);
	const struct pdf_cids *ci = &f->cids;

	HPDF_Dict	 cid, desc, csi, set, ff, cm;
	HPDF_Array	 w, run, kids;
	unsigned char	*bits = NULL;
	uint16_t	*glyphs = NULL;
	struct ttf_subset *sub = NULL;
	char		 why[256], tag[7], base[HPDF_LIMIT_MAX_NAME_LEN + 8];
	size_t		 i, nbits;
	HPDF_STATUS	 st = HPDF_OK;
	int		 rc = -1;

	nbits = (ci->n + 1 + 7) / 8;
	if ((glyphs = calloc(ci->n + 1, sizeof(*glyphs))) == NULL ||
	    (bits = calloc(nbits, 1)) == NULL) {
		pdf_sticky(p, "pdf: out of memory");
		goto out;
	}
	for (i = 0; i < ci->n; i++)
		glyphs[i] = face->gid[ci->cp[i]];
	if ((sub = ttf_subset_new(face->ttf, glyphs, ci->n, why,
	    sizeof(why))) == NULL) {
		pdf_sticky(p, "pdf: font %s (%s): cannot subset it: %s", face->name,
		    face->path, why);
		goto out;
	}
	subset_tag(face->name, ci, tag);
	snprintf(base, sizeof(base), "%s+%s", tag, face->name);


	/* CIDSet: CID 0 (.notdef) and the CIDs drawn, 1 to n. */
	for (i = 0; i <= ci->n; i++)
		bits[i >> 3] |= (unsigned char)(0x80 >> (i & 7));

	if ((w = pdfh_array_new(p->doc)) == NULL ||
	    (run = pdfh_array_new(p->doc)) == NULL ||
	    (desc = new_dict(p)) == NULL ||
	    (ff = pdf_new_stream(p, sub->data, sub->len)) == NULL ||
	    (set = pdf_new_stream(p, NULL, 0)) == NULL ||
	    stream_put(p, set, bits, nbits, 0) != HPDF_OK ||
	    (cm = pdf_new_stream(p, NULL, 0)) == NULL ||
	    (cid = new_dict(p)) == NULL ||
	    (csi = pdfh_dict_new(p->doc)) == NULL ||
	    (kids = pdfh_array_new(p->doc)) == NULL) {
		st = HPDF_FAILD_TO_ALLOC_MEM;
		goto fail;
	}
	/* W: the widths the text was measured with. */
	if ((st = pdfh_array_add_number(w, 1)) != HPDF_OK ||
	    (st = pdfh_array_add(w, run)) != HPDF_OK)
		goto fail;
	for (i = 0; st == HPDF_OK && i < ci->n; i++)
		st = pdfh_array_add_number(run, face->width[ci->cp[i]]);
	if (st != HPDF_OK ||
	    (st = pdfh_dict_add_number(ff, "Length1", (HPDF_INT32)sub->len)) ||
	    (st = pdfh_dict_add_name(desc, "Type", "FontDescriptor")) ||
	    (st = pdfh_dict_add_name(desc, "FontName", base)) ||
	    (st = pdfh_dict_add_number(desc, "Flags", face->flags)) ||
	    (st = pdfh_dict_add(desc, "FontBBox",
	    pdfh_box_new(p->doc, face->bbox))) ||
	    (st = pdfh_dict_add_number(desc, "ItalicAngle",
	    face->italic_angle)) ||
	    (st = pdfh_dict_add_number(desc, "Ascent", face->ascent)) ||
	    (st = pdfh_dict_add_number(desc, "Descent", face->descent)) ||
	    (st = pdfh_dict_add_number(desc, "CapHeight",
	    face->cap_height > 0 ? face->cap_height : face->ascent)) ||
	    (st = pdfh_dict_add_number(desc, "StemV", face->stemv)) ||
	    (st = pdfh_dict_add(desc, "FontFile2", ff)) ||
	    (st = pdfh_dict_add(desc, "CIDSet", set)) ||
	    (st = pdfh_dict_add_name(cid, "Type", "Font")) ||
	    (st = pdfh_dict_add_name(cid, "Subtype", "CIDFontType2")) ||
	    (st = pdfh_dict_add_name(cid, "BaseFont", base)) ||
	    (st = pdfh_dict_add(cid, "CIDSystemInfo", csi)) ||
	    (st = pdfh_dict_add(csi, "Registry",
	    pdfh_string_new(p->doc, "Adobe"))) ||
	    (st = pdfh_dict_add(csi, "Ordering",
	    pdfh_string_new(p->doc, "Identity"))) ||
	    (st = pdfh_dict_add_number(csi, "Supplement", 0)) ||
	    (st = pdfh_dict_add(cid, "FontDescriptor", desc)) ||
	    (st = pdfh_dict_add(cid, "W", w)) ||
	    (st = pdfh_dict_add_name(cid, "CIDToGIDMap", "Identity")) ||
	    (st = tounicode_write(p, cm, ci)) ||
	    (st = pdfh_array_add(kids, cid)) ||
	    (st = pdfh_dict_add_name(f->font, "BaseFont", base)) ||
	    (st = pdfh_dict_add(f->font, "DescendantFonts", kids)) ||
	    (st = pdfh_dict_add(f->font, "ToUnicode", cm)))
		goto fail;
	rc = 0;
	goto out;
fail:
	if (p->hcode == HPDF_OK)
		p->hcode = st;
	pdf_hpdf_sticky(p, "pdf: writing a font");
out:
	free(glyphs);
	free(bits);
	ttf_subset_free(sub);
	return rc;
}

/*
 * The font of the document for face of the cache's set, added after the
 * others on its first use.  NULL, with the document failed, if the set
 * has no such face or memory runs out.
 */
struct pdf_font *
pdf_font_get(struct pdf *p, int face)
{
	struct pdf_font	*nf;
	size_t		 i;

	for (i = 0; i < p->nfonts; i++)
		if (p->fonts[i].face == face)
			return &p->fonts[i];
	if (font_set_face(p->cache->fs, face) == NULL) {
		pdf_sticky(p, "pdf: no face %d in the face set", face);
		return NULL;
	}
	if ((nf = pdf_grow(p->fonts, &p->fontsz, p->nfonts + 1,
	    sizeof(*nf))) == NULL) {
		pdf_sticky(p, "pdf: out of memory");
		return NULL;
	}
	p->fonts = nf;
	memset(&p->fonts[p->nfonts], 0, sizeof(*nf));
	p->fonts[p->nfonts].face = face;
	return &p->fonts[p->nfonts++];
}

/*
 * Makes the Type0 font object of f once it is drawn, so that a face that
 * is only loaded or measured costs nothing in the file; pdf_font_finish()
 * completes it.  Returns 0, or -1 with the document failed.
 */
int
pdf_font_ready(struct pdf *p, struct pdf_font *f)
{
	if (f->font != NULL)
		return 0;
	if (p->finished) {
		pdf_sticky(p, "pdf: font %s used after the document was saved",
		    font_set_face(p->cache->fs, f->face)->name);
		return -1;
	}
	if ((f->font = new_dict(p)) == NULL ||
	    pdfh_dict_add_name(f->font, "Type", "Font") != HPDF_OK ||
	    pdfh_dict_add_name(f->font, "Subtype", "Type0") != HPDF_OK ||
	    pdfh_dict_add_name(f->font, "Encoding", "Identity-H") != HPDF_OK) {
		f->font = NULL;
		pdf_hpdf_sticky(p, "pdf: making the PDF font");
		return -1;
	}
	return 0;
}

struct font_set *
pdf_fonts(struct pdf *p)
{
	return p->cache->fs;
}

int
pdf_face_use(struct pdf *p, int face, char *err, size_t errlen)
{
	if (p->finished) {
		pdf_seterr(err, errlen, "pdf: a face used after the document was "
		    "saved");
		return -1;
	}
	if (pdf_font_get(p, face) == NULL) {
		pdf_seterr(err, errlen, "%s", p->err);
		return -1;
	}
	return 0;
}
