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
 * Text of unknown encoding (a CSV file): UTF-8 with or without a byte
 * order mark, or the legacy Vietnamese encoding it decodes best as
 * (windows-1258 first, as Excel writes it on a Vietnamese Windows).
 * Returns 0 with *out a new UTF-8 NFC string (the BOM dropped) and *enc
 * the encoding's name; or -1 with *line the line of the first byte that
 * fits none and *msg a new Vietnamese message (the caller frees it).
 */
int	 enc_decode_text(const char *bytes, size_t len, char **out,
	    const char **enc, int *line, char **msg);
/*
 * A key for matching headings: NFC, lower case, without tone or vowel
 * marks (đ as d), every run of other than letters and digits one space,
 * trimmed: "Họ và tên / Tên tập thể" gives "ho va ten ten tap the".
 */
char	*enc_plain_key(const char *s);

/*
 * Text as the model keeps it: NFC, XML white space runs folded to one
 * space, trimmed.  Returns a new string, or NULL if s is not UTF-8.
 */
char	*enc_text(const char *s, size_t len);
/* NFC only (white space kept).  NULL if s is not UTF-8. */
char	*enc_nfc(const char *s, size_t len);
/* A key for comparing names: NFC, case folded, white space removed. */
char	*enc_fold_key(const char *s);
/*
 * Straight double quotes typed in a spreadsheet or an editor as the
 * typographic quotes Vietnamese text is printed with: "…" as “…” (an
 * opening one at the start or after a space or bracket).  New string.
 */
char	*enc_quotes(const char *s);
/*
 * An organ's name in capitals ("BỘ CHỈ HUY QUÂN SỰ TỈNH LÀO CAI") as
 * running text writes it (Nghị định 30, Phụ lục II): lower case but for
 * its first word, "Chỉ huy" after Bộ or Ban, and the place name after
 * tỉnh, huyện, xã, phường, quận, thị trấn, thị xã or thành phố ("Bộ Chỉ
 * huy quân sự tỉnh Lào Cai").  A name with a lower-case letter is kept as
 * written.  New string.
 */
char	*enc_running_name(const char *s);
/* Vietnamese upper case of UTF-8 text (new string). */
char	*enc_upper(const char *s);
/* Number of characters (code points) in valid UTF-8. */
size_t	 enc_length(const char *s);
/* The same of the first n bytes. */
size_t	 enc_nlength(const char *s, size_t n);
/*
 * At most max characters of s, for quoting in a message: a new string,
 * with "…" after it when s was cut.
 */
char	*enc_shorten(const char *s, size_t max);
/*
 * A code point as UTF-8 in out (NUL-terminated, 5 bytes at most);
 * returns its byte length, 0 for a value that is not a character.
 */
size_t	 enc_put(uint32_t cp, char out[5]);
/*
 * Decode one code point at s (len bytes left); returns its byte length,
 * or 0 at an invalid sequence.
 */
size_t	 enc_next(const char *s, size_t len, uint32_t *cp);
