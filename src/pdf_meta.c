/*
 * pdf_meta.c: owns the metadata of our PDFs — the docinfo checked, the
 * Info dictionary (UTF-16BE where needed), the XMP packet written to
 * agree with it, PDF/A-1b conformance, the ICC profile and the sRGB
 * output intent.
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
#include "encoding.h"
#include "font.h"
#include "input.h"
#include "mem.h"
#include "pdf.h"
#include "pdf_hpdf.h"
#include "pdf_int.h"
#include "ttf.h"

static int	 text_ok(const char *, const char *, char *, size_t);
static int	 is_ascii(const char *);
static void	 sb_xml(struct buf *, const char *);
static int	 xmp_build(struct buf *, const struct meta *);
static HPDF_STATUS info_text(struct pdf *, const char *, const char *);
static HPDF_STATUS info_ascii(struct pdf *, const char *, const char *);

/*
 * Checks a docinfo string: valid UTF-8, no more than PDF_FIELD_MAX bytes,
 * only characters that XML 1.0 allows.  Returns 0, or -1 with a message.
 */
static int
text_ok(const char *field, const char *s, char *err, size_t errlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, off, k;
	uint32_t		 c;

	if ((n = strlen(s)) > PDF_FIELD_MAX) {
		pdf_seterr(err, errlen, "pdf: docinfo %s is longer than %d bytes",
		    field, PDF_FIELD_MAX);
		return -1;
	}
	for (off = 0; off < n; off += k) {
		if ((k = enc_next((const char *)u + off, n - off, &c)) == 0) {
			pdf_seterr(err, errlen, "pdf: docinfo %s is not valid "
			    "UTF-8 (byte %zu)", field, off);
			return -1;
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0xFFFE || c == 0xFFFF) {
			pdf_seterr(err, errlen, "pdf: docinfo %s contains the "
			    "control character U+%04X", field, (unsigned)c);
			return -1;
		}
	}
	return 0;
}

/* 1 if s is printable ASCII only, and so a PDFDocEncoding string. */
static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return 0;
	return 1;
}

/* ----------------------------------------------------------- string buf */

static void
sb_xml(struct buf *sb, const char *s)
{
	const char	*start;

	for (start = s; *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&apos;";
			break;
		default:
			continue;
		}
		buf_add(sb, start, (size_t)(s - start));
		buf_adds(sb, rep);
		start = s + 1;
	}
	buf_add(sb, start, (size_t)(s - start));
}

/* --------------------------------------------------------------- metadata */

/*
 * Checks the docinfo and turns its date and digest into the forms the
 * file needs.  Empty strings count as absent.  Returns 0, or -1 with a
 * message in err.
 */
int
pdf_meta_check(const struct bk_docinfo *info, struct meta *m, char *err,
    size_t errlen)
{
	static const int mdays[12] =
	    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char	*d;
	int		 y, mo, da, i;

	memset(m, 0, sizeof(*m));
	if (info == NULL) {
		pdf_seterr(err, errlen, "pdf: no docinfo");
		return -1;
	}
#define FIELD(f) do {							\
		if (info->f != NULL && info->f[0] != '\0') {		\
			if (text_ok(#f, info->f, err, errlen) == -1)	\
				return -1;				\
			m->f = info->f;					\
		}							\
	} while (0)
	FIELD(title);
	FIELD(author);
	FIELD(subject);
	FIELD(keywords);
#undef FIELD

	if ((d = info->date) != NULL && d[0] != '\0') {
		for (i = 0; i < 10; i++)
			if ((i == 4 || i == 7) ? d[i] != '-' :
			    (d[i] < '0' || d[i] > '9'))
				break;
		if (i < 10 || d[10] != '\0') {
			pdf_seterr(err, errlen, "pdf: docinfo date \"%s\" is not "
			    "YYYY-MM-DD", d);
			return -1;
		}
		y = atoi(d);
		mo = atoi(d + 5);
		da = atoi(d + 8);
		if (y < 1 || mo < 1 || mo > 12 || da < 1 ||
		    da > mdays[mo - 1] || (mo == 2 && da == 29 &&
		    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))) {
			pdf_seterr(err, errlen, "pdf: docinfo date \"%s\" does "
			    "not exist", d);
			return -1;
		}
		/* The digits are checked: copy them. */
		snprintf(m->pdfdate, sizeof(m->pdfdate), "D:%.4s%.2s%.2s"
		    "000000" PDF_TZ_PDF, d, d + 5, d + 8);
		snprintf(m->xmpdate, sizeof(m->xmpdate), "%.10s"
		    "T00:00:00" PDF_TZ_XMP, d);
	}

	if ((d = info->source_sha256) != NULL && d[0] != '\0') {
		for (i = 0; i < 64; i++) {
			if (d[i] >= '0' && d[i] <= '9')
				m->sha[i] = d[i];
			else if (d[i] >= 'a' && d[i] <= 'f')
				m->sha[i] = d[i];
			else if (d[i] >= 'A' && d[i] <= 'F')
				m->sha[i] = (char)(d[i] - 'A' + 'a');
			else
				break;
		}
		if (i < 64 || d[64] != '\0') {
			pdf_seterr(err, errlen, "pdf: docinfo source_sha256 is not "
			    "64 hex digits");
			return -1;
		}
		m->sha[64] = '\0';
	}
	return 0;
}

/*
 * Reads the ICC profile at path whole (at most 1 MiB) into c, for every
 * output intent, once it is one PDF/A-1 can use: version 2, RGB data
 * colour space.  Returns 0, or -1 with a message in err.
 */
int
pdf_icc_load(struct pdf_cache *c, const char *path, char *err, size_t errlen)
{
	unsigned char	*h;
	size_t		 n;
	enum input_err	 why;

	if (path == NULL) {
		pdf_seterr(err, errlen, "pdf: no ICC profile for the PDF/A "
		    "output intent");
		return -1;
	}
	if ((h = (unsigned char *)input_slurp(path, 1 << 20, &n, &why)) ==
	    NULL) {
		pdf_seterr(err, errlen, "pdf: cannot read ICC profile %s: %s", path,
		    why == INPUT_OPEN || why == INPUT_ERRNO ? strerror(errno) :
		    why == INPUT_TOO_LARGE ? "over 1 MiB" :
		    "not a regular file");
		return -1;
	}
	if (n < 40 || memcmp(h + 36, "acsp", 4) != 0)
		pdf_seterr(err, errlen, "pdf: %s is not an ICC profile", path);
	else if (memcmp(h + 16, "RGB ", 4) != 0)
		pdf_seterr(err, errlen, "pdf: ICC profile %s is not an RGB "
		    "profile", path);
	else if (h[8] != 2)
		pdf_seterr(err, errlen, "pdf: ICC profile %s is version %u; "
		    "PDF/A-1 needs version 2", path, (unsigned)h[8]);
	else {
		c->iccdata = h;
		c->icclen = n;
		return 0;
	}
	free(h);
	return -1;
}

/*
 * The XMP packet: the same values as the Info dictionary, the PDF/A
 * identification, and the dossier's digest as dc:source (a Dublin Core
 * property PDF/A-1 knows, so no extension schema is needed), all in one
 * description.  Returns 0, or -1 if out of memory.
 */
static int
xmp_build(struct buf *sb, const struct meta *m)
{
	buf_adds(sb, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf="
	    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");

	buf_adds(sb, "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	    "<dc:format>application/pdf</dc:format>\n");
	if (m->title != NULL) {
		buf_adds(sb, "<dc:title><rdf:Alt>"
		    "<rdf:li xml:lang=\"x-default\">");
		sb_xml(sb, m->title);
		buf_adds(sb, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (m->author != NULL) {
		buf_adds(sb, "<dc:creator><rdf:Seq><rdf:li>");
		sb_xml(sb, m->author);
		buf_adds(sb, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (m->subject != NULL) {
		buf_adds(sb, "<dc:description><rdf:Alt>"
		    "<rdf:li xml:lang=\"x-default\">");
		sb_xml(sb, m->subject);
		buf_adds(sb, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	/* The dossier the file was made from, by its digest. */
	if (m->sha[0] != '\0') {
		buf_adds(sb, "<dc:source>" PDF_SOURCE_PREFIX);
		buf_adds(sb, m->sha);
		buf_adds(sb, "</dc:source>\n");
	}
	buf_adds(sb, "<xmp:CreatorTool>" PDF_CREATOR "</xmp:CreatorTool>\n");
	if (m->xmpdate[0] != '\0') {
		buf_adds(sb, "<xmp:CreateDate>");
		buf_adds(sb, m->xmpdate);
		buf_adds(sb, "</xmp:CreateDate>\n<xmp:ModifyDate>");
		buf_adds(sb, m->xmpdate);
		buf_adds(sb, "</xmp:ModifyDate>\n");
	}
	buf_adds(sb, "<pdf:Producer>");
	sb_xml(sb, PDF_PRODUCER);
	buf_adds(sb, "</pdf:Producer>\n");
	if (m->keywords != NULL) {
		buf_adds(sb, "<pdf:Keywords>");
		sb_xml(sb, m->keywords);
		buf_adds(sb, "</pdf:Keywords>\n");
	}
	buf_adds(sb, "<pdfaid:part>1</pdfaid:part>\n"
	    "<pdfaid:conformance>B</pdfaid:conformance>\n"
	    "</rdf:Description>\n");
	buf_adds(sb, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	return sb->nomem ? -1 : 0;
}

/*
 * Sets key of the Info dictionary to a text string: PDFDocEncoding when
 * printable ASCII, else UTF-16BE with a byte order mark.  Returns a
 * libharu status.
 */
static HPDF_STATUS
info_text(struct pdf *p, const char *key, const char *utf8)
{
	const unsigned char	*u = (const unsigned char *)utf8;
	unsigned char		*b;
	size_t			 n, off, k, len;
	uint32_t		 c;
	HPDF_Binary		 bin;

	if (is_ascii(utf8))
		return info_ascii(p, key, utf8);
	n = strlen(utf8);
	/* At most 2 bytes of UTF-16 for each byte of UTF-8, plus the BOM. */
	if ((b = malloc(2 * n + 2)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	len = 0;
	b[len++] = 0xFE;
	b[len++] = 0xFF;
	for (off = 0; off < n; off += k) {
		k = enc_next((const char *)u + off, n - off, &c);	/* checked before */
		if (c >= 0x10000) {
			c -= 0x10000;
			b[len++] = (unsigned char)(0xD8 | (c >> 18));
			b[len++] = (unsigned char)(c >> 10);
			c = 0xDC00 | (c & 0x3FF);
		}
		b[len++] = (unsigned char)(c >> 8);
		b[len++] = (unsigned char)c;
	}
	bin = pdfh_binary_new(p->doc, b, (HPDF_UINT)len);
	free(b);
	if (bin == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return pdfh_dict_add(pdfh_info(p->doc), key, bin);
}

static HPDF_STATUS
info_ascii(struct pdf *p, const char *key, const char *s)
{
	HPDF_String	 str;

	if ((str = pdfh_string_new(p->doc, s)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return pdfh_dict_add(pdfh_info(p->doc), key, str);
}

/*
 * PDF/A-1b conformance with the document's own Info and XMP, and a zero
 * /ID that pdf_save() replaces.  Returns 0, or -1 with a message.
 */
int
pdf_doc_meta(struct pdf *p, const struct meta *m, char *err, size_t errlen)
{
	HPDF_BYTE	 zero[PDF_ID_LEN] = { 0 };
	HPDF_Array	 id;
	HPDF_Dict	 md;
	struct buf	 sb;
	HPDF_STATUS	 rc;

	/*
	 * HPDF_PDFA_SetPDFAConformance() would put a clock-derived /ID in
	 * the trailer unless one is there, so the placeholder comes first.
	 */
	if ((id = pdfh_array_new(p->doc)) == NULL ||
	    pdfh_dict_add(pdfh_trailer(p->doc), "ID", id) != HPDF_OK ||
	    pdfh_array_add(id, pdfh_binary_new(p->doc, zero,
	    PDF_ID_LEN)) != HPDF_OK ||
	    pdfh_array_add(id, pdfh_binary_new(p->doc, zero,
	    PDF_ID_LEN)) != HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: trailer /ID");
		return -1;
	}

	/*
	 * libharu builds its XMP from the Info values set so far; only
	 * Creator and Producer are set now, as its XMP is replaced below.
	 */
	if (HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, PDF_CREATOR) !=
	    HPDF_OK || HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER,
	    PDF_PRODUCER) != HPDF_OK ||
	    HPDF_PDFA_SetPDFAConformance(p->doc, HPDF_PDFA_1B) != HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: PDF/A-1b conformance");
		return -1;
	}

	sb = (struct buf)BUF_SOFT;
	if (xmp_build(&sb, m) == -1) {
		free(sb.s);
		pdf_seterr(err, errlen, "pdf: out of memory");
		return -1;
	}
	md = pdfh_dict_get(pdfh_catalog(p->doc), "Metadata", HPDF_OCLASS_DICT);
	if (md == NULL) {
		free(sb.s);
		pdf_hpdf_fail(p, err, errlen, "pdf: no XMP stream from libharu");
		return -1;
	}
	rc = pdfh_stream_replace(md, sb.s, sb.len);
	free(sb.s);
	/* libharu writes "SubType"; the key is "Subtype".  No filter. */
	if (rc == HPDF_OK &&
	    pdfh_dict_get(md, "SubType", HPDF_OCLASS_NAME) != NULL)
		rc = pdfh_dict_remove(md, "SubType");
	if (rc == HPDF_OK)
		rc = pdfh_dict_add_name(md, "Subtype", "XML");
	if (rc != HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: XMP stream");
		return -1;
	}

	if (m->title != NULL)
		rc = info_text(p, "Title", m->title);
	if (rc == HPDF_OK && m->author != NULL)
		rc = info_text(p, "Author", m->author);
	/*
	 * Subject and Keywords are in the XMP only: PDF/A-1 wants each Info
	 * entry in the XMP, not the reverse, and in UTF-16 hex they would
	 * cost a certificate some 600 bytes more.
	 */
	if (rc == HPDF_OK && m->pdfdate[0] != '\0')
		rc = info_ascii(p, "CreationDate", m->pdfdate);
	if (rc == HPDF_OK && m->pdfdate[0] != '\0')
		rc = info_ascii(p, "ModDate", m->pdfdate);
	if (rc != HPDF_OK) {
		if (p->hcode == HPDF_OK)
			p->hcode = rc;
		pdf_hpdf_fail(p, err, errlen, "pdf: Info dictionary");
		return -1;
	}
	return 0;
}

/* The sRGB output intent.  Returns 0, or -1 with a message. */
int
pdf_doc_intent(struct pdf *p, char *err, size_t errlen)
{
	const struct pdf_cache	*c = p->cache;
	HPDF_Dict		 icc;
	HPDF_Array		 intents;
	HPDF_Dict		 intent;

	if ((icc = pdf_new_stream(p, c->iccdata, c->icclen)) == NULL ||
	    pdfh_dict_add_number(icc, "N", 3) != HPDF_OK ||
	    pdfh_dict_add_name(icc, "Alternate", "DeviceRGB") != HPDF_OK ||
	    HPDF_PDFA_AppendOutputIntents(p->doc, PDF_ICC_NAME, icc) !=
	    HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: ICC output intent");
		return -1;
	}
	intents = pdfh_dict_get(pdfh_catalog(p->doc), "OutputIntents",
	    HPDF_OCLASS_ARRAY);
	intent = intents == NULL ? NULL :
	    pdfh_array_get(intents, 0, HPDF_OCLASS_DICT);
	if (intent == NULL) {
		pdf_hpdf_fail(p, err, errlen, "pdf: no output intent from libharu");
		return -1;
	}
	/* libharu 2.3.0 spells the key with a trailing space. */
	if (pdfh_dict_get(intent, "DestOutputProfile ",
	    HPDF_OCLASS_DICT) != NULL &&
	    pdfh_dict_remove(intent, "DestOutputProfile ") != HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: output intent");
		return -1;
	}
	if (pdfh_dict_add(intent, "DestOutputProfile", icc) != HPDF_OK) {
		pdf_hpdf_fail(p, err, errlen, "pdf: output intent");
		return -1;
	}
	return 0;
}
