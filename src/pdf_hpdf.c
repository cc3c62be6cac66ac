/*
 * pdf_hpdf.c: owns every use of libharu's internal headers (hpdf_objects.h,
 * hpdf_streams.h, hpdf_pages.h, hpdf_encrypt.h) and of the fields of its
 * structures; the rest of the PDF backend reaches them only through these
 * functions.  Each says what of libharu 2.3.0 it relies on; the build
 * stops on another version (below), and a new one means reading each
 * comment here against its sources.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>

#include "pdf_hpdf.h"

/*
 * The internals below are libharu 2.3.0's (Debian 12's libhpdf-dev
 * 2.3.0+dfsg-1).  Another version may lay out its structures, or write
 * its objects, differently: build against 2.3.0.
 */
#if !defined(HPDF_MAJOR_VERSION) || HPDF_MAJOR_VERSION != 2 || \
    HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "khenthuong's PDF backend is written against libharu 2.3.0 (hpdf_version.h): see src/pdf_hpdf.c"
#endif

/* --- the document's dictionaries (struct _HPDF_Doc_Rec, hpdf_doc.h) --- */

/* The catalog: doc->catalog, made by HPDF_New(). */
HPDF_Dict
pdfh_catalog(HPDF_Doc doc)
{
	return doc->catalog;
}

/* The trailer: doc->trailer, written by HPDF_SaveToStream() or by us. */
HPDF_Dict
pdfh_trailer(HPDF_Doc doc)
{
	return doc->trailer;
}

/* The Info dictionary: doc->info, made by the first HPDF_SetInfoAttr(). */
HPDF_Dict
pdfh_info(HPDF_Doc doc)
{
	return doc->info;
}

/* --- objects (hpdf_objects.h) ---------------------------------------- */

/* A direct dictionary of doc's memory manager (doc->mmgr). */
HPDF_Dict
pdfh_dict_new(HPDF_Doc doc)
{
	return HPDF_Dict_New(doc->mmgr);
}

/*
 * An indirect dictionary: HPDF_Dict_New() then HPDF_Xref_Add(), which
 * numbers it in doc->xref (and frees it on failure).  NULL on failure.
 */
HPDF_Dict
pdfh_dict_indirect(HPDF_Doc doc)
{
	HPDF_Dict	 d;

	if ((d = HPDF_Dict_New(doc->mmgr)) == NULL ||
	    HPDF_Xref_Add(doc->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

/*
 * An indirect stream object (HPDF_DictStream_New(), numbered in
 * doc->xref), to be deflated: d->filter is a field of the object.
 */
HPDF_Dict
pdfh_stream_new(HPDF_Doc doc)
{
	HPDF_Dict	 d;

	if ((d = HPDF_DictStream_New(doc->mmgr, doc->xref)) != NULL)
		d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return d;
}

/* HPDF_Dict_Add(): d takes obj, even on failure (it frees it then). */
HPDF_STATUS
pdfh_dict_add(HPDF_Dict d, const char *key, void *obj)
{
	return HPDF_Dict_Add(d, key, obj);
}

HPDF_STATUS
pdfh_dict_add_name(HPDF_Dict d, const char *key, const char *name)
{
	return HPDF_Dict_AddName(d, key, name);
}

HPDF_STATUS
pdfh_dict_add_number(HPDF_Dict d, const char *key, HPDF_INT32 v)
{
	return HPDF_Dict_AddNumber(d, key, v);
}

/* HPDF_Dict_GetItem(): the item of key if of class cls, else NULL. */
void *
pdfh_dict_get(HPDF_Dict d, const char *key, HPDF_UINT16 cls)
{
	return HPDF_Dict_GetItem(d, key, cls);
}

HPDF_STATUS
pdfh_dict_remove(HPDF_Dict d, const char *key)
{
	return HPDF_Dict_RemoveElement(d, key);
}

HPDF_Array
pdfh_array_new(HPDF_Doc doc)
{
	return HPDF_Array_New(doc->mmgr);
}

/* HPDF_Array_Add(): a takes obj, even on failure; obj NULL fails. */
HPDF_STATUS
pdfh_array_add(HPDF_Array a, void *obj)
{
	return HPDF_Array_Add(a, obj);
}

HPDF_STATUS
pdfh_array_add_number(HPDF_Array a, HPDF_INT32 v)
{
	return HPDF_Array_AddNumber(a, v);
}

void *
pdfh_array_get(HPDF_Array a, HPDF_UINT i, HPDF_UINT16 cls)
{
	return HPDF_Array_GetItem(a, i, cls);
}

/* A literal string, written as libharu escapes it (no encoder). */
HPDF_String
pdfh_string_new(HPDF_Doc doc, const char *s)
{
	return HPDF_String_New(doc->mmgr, s, NULL);
}

/* A hexadecimal string of len bytes (HPDF_Binary_New() copies them). */
HPDF_Binary
pdfh_binary_new(HPDF_Doc doc, const void *b, size_t len)
{
	return HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)(uintptr_t)b,
	    (HPDF_UINT)len);
}

/* [l b r t] of integers, written as libharu writes HPDF_REAL. */
HPDF_Array
pdfh_box_new(HPDF_Doc doc, const int box[4])
{
	HPDF_Box	 b;

	b.left = (HPDF_REAL)box[0];
	b.bottom = (HPDF_REAL)box[1];
	b.right = (HPDF_REAL)box[2];
	b.top = (HPDF_REAL)box[3];
	return HPDF_Box_Array_New(doc->mmgr, b);
}

/* --- streams (hpdf_streams.h) ---------------------------------------- */

/*
 * Puts len bytes of data as the content of the stream object d, in a
 * memory stream of exactly that size (libharu's own grow by 4 KiB), to
 * be deflated when the file is written if compress is set: d->stream and
 * d->filter are fields of the object, and the stream it had is freed.
 * Returns a libharu status.
 */
HPDF_STATUS
pdfh_stream_put(HPDF_Doc doc, HPDF_Dict d, const void *data, size_t len,
    int compress)
{
	HPDF_Stream	 st;

	if ((st = HPDF_MemStream_New(doc->mmgr,
	    (HPDF_UINT)(len > 0 ? len : 1))) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	if (len > 0 && HPDF_Stream_Write(st, data, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(st);
		return HPDF_FAILD_TO_ALLOC_MEM;
	}
	if (d->stream != NULL)
		HPDF_Stream_Free(d->stream);
	d->stream = st;
	d->filter = compress ? HPDF_STREAM_FILTER_FLATE_DECODE :
	    HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

/*
 * Replaces the bytes of the stream object d, which libharu made (its XMP
 * packet), in place, uncompressed: HPDF_MemStream_FreeData() empties its
 * memory stream d->stream, and d->filter is cleared.
 */
HPDF_STATUS
pdfh_stream_replace(HPDF_Dict d, const void *data, size_t len)
{
	HPDF_STATUS	 rc;

	if (d->stream == NULL)
		return HPDF_INVALID_STREAM;
	HPDF_MemStream_FreeData(d->stream);
	rc = HPDF_Stream_Write(d->stream, data, (HPDF_UINT)len);
	d->filter = HPDF_STREAM_FILTER_NONE;
	return rc;
}

/* A memory stream of doc, growing by size bytes: a scratch buffer. */
HPDF_Stream
pdfh_scratch_new(HPDF_Doc doc, size_t size)
{
	return HPDF_MemStream_New(doc->mmgr, (HPDF_UINT)size);
}

void
pdfh_scratch_free(HPDF_Stream st)
{
	HPDF_Stream_Free(st);
}

HPDF_STATUS
pdfh_scratch_puts(HPDF_Stream st, const char *s)
{
	return HPDF_Stream_WriteStr(st, s);
}

/*
 * Calls fn(arg, bytes, n) for each block of the scratch stream in order
 * (HPDF_MemStream_GetBufCount(), HPDF_MemStream_GetBufPtr()) until it
 * returns non-zero, then empties the stream (HPDF_MemStream_FreeData()).
 * Returns what fn last returned, 0 if it was not called, or -1 if a
 * block cannot be had.
 */
int
pdfh_scratch_drain(HPDF_Stream st, int (*fn)(void *, const void *, size_t),
    void *arg)
{
	HPDF_UINT	 i, n = HPDF_MemStream_GetBufCount(st), len;
	HPDF_BYTE	*b;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if ((b = HPDF_MemStream_GetBufPtr(st, i, &len)) == NULL)
			rc = -1;
		else
			rc = fn(arg, b, len);
	}
	HPDF_MemStream_FreeData(st);
	return rc;
}

/* --- pages (hpdf_pages.h) -------------------------------------------- */

/*
 * The page's resource name of font, added to its resources if new
 * (HPDF_Page_GetLocalFontName(), which any dictionary of class font
 * will do).  NULL on failure.
 */
const char *
pdfh_page_font_name(HPDF_Page page, HPDF_Dict font)
{
	return HPDF_Page_GetLocalFontName(page, font);
}

/* Appends len bytes to the page's content stream (attr->stream). */
HPDF_STATUS
pdfh_page_write(HPDF_Page page, const void *b, size_t len)
{
	return HPDF_Stream_Write(((HPDF_PageAttr)page->attr)->stream, b,
	    (HPDF_UINT)len);
}

/*
 * Moves the page's content (attr->contents, the stream object libharu
 * grows by 4 KiB) into a stream of its own size, deflated when written,
 * and points the page's drawing stream (attr->stream) at it.  Returns a
 * libharu status.
 */
HPDF_STATUS
pdfh_page_pack(HPDF_Doc doc, HPDF_Page page)
{
	HPDF_PageAttr	 attr = (HPDF_PageAttr)page->attr;
	HPDF_Stream	 st = attr->contents->stream;
	unsigned char	*raw;
	HPDF_UINT32	 n;
	HPDF_UINT	 got;
	HPDF_STATUS	 rc;

	n = HPDF_Stream_Size(st);
	if ((raw = malloc(n > 0 ? n : 1)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	got = n;
	rc = n == 0 ? HPDF_OK : HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET);
	if (rc == HPDF_OK && n > 0)
		rc = HPDF_Stream_Read(st, raw, &got);
	if (rc == HPDF_OK && got != n)
		rc = HPDF_STREAM_EOF;
	if (rc == HPDF_OK)
		rc = pdfh_stream_put(doc, attr->contents, raw, n, 1);
	free(raw);
	if (rc == HPDF_OK)
		attr->stream = attr->contents->stream;
	return rc;
}

/*
 * The content stream of page (attr->contents) if page is the last kid of
 * the page tree (doc->root_pages /Kids, whose items are proxies,
 * struct _HPDF_Proxy_Rec, of the pages), else NULL.
 */
HPDF_Dict
pdfh_page_last(HPDF_Doc doc, HPDF_Page page)
{
	HPDF_Array	 kids;
	HPDF_Proxy	 px;

	kids = HPDF_Dict_GetItem(doc->root_pages, "Kids", HPDF_OCLASS_ARRAY);
	if (kids == NULL || kids->list->count == 0 ||
	    (px = HPDF_List_ItemAt(kids->list, kids->list->count - 1)) ==
	    NULL || px->header.obj_class != HPDF_OCLASS_PROXY ||
	    px->obj != page)
		return NULL;
	return ((HPDF_PageAttr)page->attr)->contents;
}

/*
 * Stands a small object in for obj, written already, in doc->xref (an
 * HPDF_Null given obj's number and generation in its struct
 * _HPDF_Obj_Header), so that references to it still say its number;
 * returns it, or NULL.
 */
static HPDF_Null
stand_in(HPDF_Doc doc, void *obj)
{
	HPDF_Null	 n;
	HPDF_XrefEntry	 e;

	if ((n = HPDF_Null_New(doc->mmgr)) == NULL)
		return NULL;
	n->header.obj_id = ((HPDF_Obj_Header *)obj)->obj_id;
	n->header.gen_no = ((HPDF_Obj_Header *)obj)->gen_no;
	e = HPDF_List_ItemAt(doc->xref->entries, pdfh_obj_id(obj));
	e->obj = n;
	return n;
}

/*
 * Frees the last page (pdfh_page_last()) and its content, written to the
 * file already, leaving stand-ins: in the page tree's last proxy, in
 * doc->page_list (pages are added at its end) and doc->cur_page.
 * Returns 0, or -1 out of memory.
 */
int
pdfh_page_drop(HPDF_Doc doc, HPDF_Page page)
{
	HPDF_Array	 kids;
	HPDF_Proxy	 px;
	HPDF_List	 pl = doc->page_list;
	HPDF_Dict	 contents = ((HPDF_PageAttr)page->attr)->contents;
	HPDF_Null	 pn;

	kids = HPDF_Dict_GetItem(doc->root_pages, "Kids", HPDF_OCLASS_ARRAY);
	px = HPDF_List_ItemAt(kids->list, kids->list->count - 1);
	if (stand_in(doc, contents) == NULL ||
	    (pn = stand_in(doc, page)) == NULL)
		return -1;
	px->obj = pn;
	if (pl->count > 0 && pl->obj[pl->count - 1] == page)
		pl->obj[pl->count - 1] = pn;
	if (doc->cur_page == page)
		doc->cur_page = NULL;
	HPDF_Dict_Free(contents);
	HPDF_Dict_Free(page);
	return 0;
}

/* --- the file (hpdf_objects.h, hpdf_encrypt.h) ----------------------- */

/* The number of entries of doc->xref (object 0 included). */
HPDF_UINT
pdfh_xref_count(HPDF_Doc doc)
{
	return doc->xref->entries->count;
}

/*
 * The object numbered id in doc->xref (an HPDF_XrefEntry of its entries)
 * and its generation in *gen, or NULL.
 */
void *
pdfh_xref_obj(HPDF_Doc doc, HPDF_UINT id, unsigned *gen)
{
	HPDF_XrefEntry	 e = HPDF_List_ItemAt(doc->xref->entries, id);

	if (e == NULL || e->obj == NULL)
		return NULL;
	*gen = e->gen_no;
	return e->obj;
}

/* The xref number of an indirect object (its struct _HPDF_Obj_Header). */
HPDF_UINT
pdfh_obj_id(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/*
 * Writes obj's value into st as HPDF_SaveToStream() would (no
 * encryption), deflating streams that ask for it.
 */
HPDF_STATUS
pdfh_obj_write(void *obj, HPDF_Stream st)
{
	return HPDF_Obj_WriteValue(obj, st, NULL);
}

/*
 * Readies the trailer to be written by us: the page tree's /Count set to
 * npages (its before_write_fn, which counts doc->root_pages' kids, is
 * dropped: streamed pages are gone), /Root, /Info and /Size as
 * HPDF_SaveToStream() would set them.
 */
HPDF_STATUS
pdfh_trailer_ready(HPDF_Doc doc, int npages)
{
	HPDF_STATUS	 rc;

	doc->root_pages->before_write_fn = NULL;
	if ((rc = HPDF_Dict_AddNumber(doc->root_pages, "Count",
	    (HPDF_INT32)npages)) != HPDF_OK ||
	    (rc = HPDF_Dict_Add(doc->trailer, "Root", doc->catalog)) !=
	    HPDF_OK)
		return rc;
	if (doc->info != NULL && (rc = HPDF_Dict_Add(doc->trailer, "Info",
	    doc->info)) != HPDF_OK)
		return rc;
	return HPDF_Dict_AddNumber(doc->trailer, "Size",
	    (HPDF_INT32)doc->xref->entries->count);
}

/* libharu's MD5 (hpdf_encrypt.h), for the file identifier. */
struct pdfh_md5 {
	HPDF_MD5_CTX	 ctx;
};

/* A new digest; NULL out of memory.  pdfh_md5_end() frees it. */
struct pdfh_md5 *
pdfh_md5_new(void)
{
	struct pdfh_md5	*m;

	if ((m = malloc(sizeof(*m))) != NULL)
		HPDF_MD5Init(&m->ctx);
	return m;
}

void
pdfh_md5_add(struct pdfh_md5 *m, const void *b, size_t n)
{
	HPDF_MD5Update(&m->ctx, b, (HPDF_UINT32)n);
}

/* The 16 bytes of the digest into dig; frees m. */
void
pdfh_md5_end(struct pdfh_md5 *m, unsigned char dig[16])
{
	HPDF_MD5Final(dig, &m->ctx);
	free(m);
}
