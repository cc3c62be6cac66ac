/*
 * encoding.h: character encodings and Unicode text.  The only module that
 * uses iconv and libunistring.  Included by the loaders and validators.
 */

#include <stddef.h>
#include <stdint.h>

/*
 * Check that the bytes of an XML file fit the encoding its declaration
 * names (UTF-8 when none).  Returns 0 when they do; otherwise -1, with
 * *line the line of the first offending byte and *msg a new Vietnamese
 * message naming the probable encoding (the caller frees it).
 */
int	 enc_check_xml(const char *bytes, size_t len, int *line, char **msg);

/*
 * Text as the model keeps it: NFC, XML white space runs folded to one
 * space, trimmed.  Returns a new string, or NULL if s is not UTF-8.
 */
char	*enc_text(const char *s, size_t len);
/* NFC only (white space kept).  NULL if s is not UTF-8. */
char	*enc_nfc(const char *s, size_t len);
/* A key for comparing names: NFC, case folded, white space removed. */
char	*enc_fold_key(const char *s);
/* Vietnamese upper case of UTF-8 text (new string). */
char	*enc_upper(const char *s);
/* Number of characters (code points) in valid UTF-8. */
size_t	 enc_length(const char *s);
/*
 * Decode one code point at s (len bytes left); returns its byte length,
 * or 0 at an invalid sequence.
 */
size_t	 enc_next(const char *s, size_t len, uint32_t *cp);
