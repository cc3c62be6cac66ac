/*
 * pdf_hpdf.h: the internals of libharu 2.3.0 the PDF backend uses, each
 * behind a function of pdf_hpdf.c (which says what it relies on).
 * Included by the pdf*.c files only, after hpdf.h.
 */

struct pdfh_md5;

HPDF_Dict	 pdfh_catalog(HPDF_Doc doc);
HPDF_Dict	 pdfh_trailer(HPDF_Doc doc);
HPDF_Dict	 pdfh_info(HPDF_Doc doc);
HPDF_Dict	 pdfh_dict_new(HPDF_Doc doc);
HPDF_Dict	 pdfh_dict_indirect(HPDF_Doc doc);
HPDF_Dict	 pdfh_stream_new(HPDF_Doc doc);
HPDF_STATUS	 pdfh_dict_add(HPDF_Dict d, const char *key, void *obj);
HPDF_STATUS	 pdfh_dict_add_name(HPDF_Dict d, const char *key,
	    const char *name);
HPDF_STATUS	 pdfh_dict_add_number(HPDF_Dict d, const char *key,
	    HPDF_INT32 v);
void	*pdfh_dict_get(HPDF_Dict d, const char *key, HPDF_UINT16 cls);
HPDF_STATUS	 pdfh_dict_remove(HPDF_Dict d, const char *key);
HPDF_Array	 pdfh_array_new(HPDF_Doc doc);
HPDF_STATUS	 pdfh_array_add(HPDF_Array a, void *obj);
HPDF_STATUS	 pdfh_array_add_number(HPDF_Array a, HPDF_INT32 v);
void	*pdfh_array_get(HPDF_Array a, HPDF_UINT i, HPDF_UINT16 cls);
HPDF_String	 pdfh_string_new(HPDF_Doc doc, const char *s);
HPDF_Binary	 pdfh_binary_new(HPDF_Doc doc, const void *b, size_t len);
HPDF_Array	 pdfh_box_new(HPDF_Doc doc, const int box[4]);
HPDF_STATUS	 pdfh_stream_put(HPDF_Doc doc, HPDF_Dict d, const void *data,
	    size_t len, int compress);
HPDF_STATUS	 pdfh_stream_replace(HPDF_Dict d, const void *data,
	    size_t len);
HPDF_Stream	 pdfh_scratch_new(HPDF_Doc doc, size_t size);
void	 pdfh_scratch_free(HPDF_Stream st);
HPDF_STATUS	 pdfh_scratch_puts(HPDF_Stream st, const char *s);
int	 pdfh_scratch_drain(HPDF_Stream st, int (*fn)(void *, const void *,
	    size_t), void *arg);
const char	*pdfh_page_font_name(HPDF_Page page, HPDF_Dict font);
HPDF_STATUS	 pdfh_page_write(HPDF_Page page, const void *b, size_t len);
HPDF_STATUS	 pdfh_page_pack(HPDF_Doc doc, HPDF_Page page);
HPDF_Dict	 pdfh_page_last(HPDF_Doc doc, HPDF_Page page);
int	 pdfh_page_drop(HPDF_Doc doc, HPDF_Page page);
HPDF_UINT	 pdfh_xref_count(HPDF_Doc doc);
void	*pdfh_xref_obj(HPDF_Doc doc, HPDF_UINT id, unsigned *gen);
HPDF_UINT	 pdfh_obj_id(const void *obj);
HPDF_STATUS	 pdfh_obj_write(void *obj, HPDF_Stream st);
HPDF_STATUS	 pdfh_trailer_ready(HPDF_Doc doc, int npages);
struct pdfh_md5	*pdfh_md5_new(void);
void	 pdfh_md5_add(struct pdfh_md5 *m, const void *b, size_t n);
void	 pdfh_md5_end(struct pdfh_md5 *m, unsigned char dig[16]);
