/*
 * encoding.c: everything about character encodings and Unicode text —
 * checking a file's bytes against its declared encoding and guessing the
 * legacy Vietnamese encoding it really uses (iconv), NFC normalisation,
 * case mapping and white-space folding (libunistring).
 */

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "mem.h"
#include "encoding.h"

/* The legacy encodings offices still use, as iconv and XML name them. */
static const struct legacy {
	const char	*iconv;		/* name for iconv_open */
	const char	*xml;		/* name to declare in the XML */
} legacy[] = {
	{ "WINDOWS-1258", "windows-1258" },
	{ "TCVN5712-1", "TCVN5712-1" },
	{ "VISCII", "VISCII" },
};
#define NLEGACY (sizeof(legacy) / sizeof(legacy[0]))

size_t
enc_next(const char *s, size_t len, uint32_t *cp)
{
	int	 n;
	ucs4_t	 uc;

	if (len == 0)
		return 0;
	n = u8_mbtoucr(&uc, (const uint8_t *)s, len);
	if (n <= 0)
		return 0;
	*cp = uc;
	return (size_t)n;
}

size_t
enc_length(const char *s)
{
	return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

size_t
enc_nlength(const char *s, size_t n)
{
	return u8_mbsnlen((const uint8_t *)s, n);
}

char *
enc_shorten(const char *s, size_t max)
{
	size_t		 i = 0, chars = 0, len = strlen(s);
	int		 k;
	ucs4_t		 uc;

	while (i < len && chars < max) {
		k = u8_mbtouc(&uc, (const uint8_t *)s + i, len - i);
		i += k > 0 ? (size_t)k : 1;
		chars++;
	}
	return i < len ? xasprintf("%.*s…", (int)i, s) : xstrdup(s);
}

size_t
enc_put(uint32_t cp, char out[5])
{
	int	 n;

	n = u8_uctomb((uint8_t *)out, cp, 4);
	if (n <= 0) {
		out[0] = '\0';
		return 0;
	}
	out[n] = '\0';
	return (size_t)n;
}

char *
enc_nfc(const char *s, size_t len)
{
	uint8_t	*out;
	size_t	 outlen;
	char	*r;

	if (u8_check((const uint8_t *)s, len) != NULL)
		return NULL;
	out = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL,
	    &outlen);
	if (out == NULL)
		return NULL;
	r = xstrndup((const char *)out, outlen);
	free(out);
	return r;
}

static int
isxmlspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *
enc_text(const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	char		*n;
	const char	*p;
	int		 space = 0;

	if ((n = enc_nfc(s, len)) == NULL)
		return NULL;
	for (p = n; *p != '\0'; p++) {
		if (isxmlspace(*p)) {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *p);
	}
	free(n);
	return buf_detach(&b);
}

char *
enc_fold_key(const char *s)
{
	uint8_t		*f;
	size_t		 flen, i;
	struct buf	 b = BUF_INIT;

	f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC,
	    NULL, &flen);
	if (f == NULL)
		return xstrdup(s);
	for (i = 0; i < flen; i++)
		if (!isxmlspace((char)f[i]))
			buf_addc(&b, (char)f[i]);
	free(f);
	return buf_detach(&b);
}

/* The case of a word changed: all of it lower, its first letter upper
   when cap is set.  New string. */
static char *
word_case(const char *w, size_t len, int cap)
{
	uint8_t		*l, *u;
	size_t		 llen, ulen, first;
	ucs4_t		 uc;
	struct buf	 b = BUF_INIT;

	l = u8_tolower((const uint8_t *)w, len, "vi", UNINORM_NFC, NULL,
	    &llen);
	if (l == NULL)
		return xstrndup(w, len);
	if (!cap || llen == 0) {
		buf_add(&b, (const char *)l, llen);
		free(l);
		return buf_detach(&b);
	}
	first = (size_t)u8_mbtouc(&uc, l, llen);
	u = u8_toupper(l, first, "vi", UNINORM_NFC, NULL, &ulen);
	if (u != NULL)
		buf_add(&b, (const char *)u, ulen);
	else
		buf_add(&b, (const char *)l, first);
	buf_add(&b, (const char *)l + first, llen - first);
	free(u);
	free(l);
	return buf_detach(&b);
}

char *
enc_running_name(const char *s)
{
	static const char *const admin[] = { "tỉnh", "huyện", "xã", "phường",
	    "quận", "trấn", "thị xã", "phố", NULL };
	struct buf	 b = BUF_INIT;
	const char	*p, *e;
	char		*w, *prev = NULL;
	size_t		 i, n = 0;
	int		 place = 0, cap;
	uint8_t		*low;
	size_t		 lowlen;

	low = u8_tolower((const uint8_t *)s, strlen(s), "vi", UNINORM_NFC,
	    NULL, &lowlen);
	if (low == NULL)
		return xstrdup(s);
	/* A name with lower-case letters is written as it should print. */
	{
		uint8_t *up = u8_toupper((const uint8_t *)s, strlen(s), "vi",
		    UNINORM_NFC, NULL, &lowlen);
		int mixed = up == NULL || strlen(s) != lowlen ||
		    memcmp(up, s, lowlen) != 0;

		free(up);
		if (mixed) {
			free(low);
			return xstrdup(s);
		}
	}
	free(low);
	for (p = s; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			continue;
		cap = n == 0 || place;
		/* "Bộ Chỉ huy", "Ban Chỉ huy". */
		if (prev != NULL && (strcmp(prev, "bộ") == 0 ||
		    strcmp(prev, "ban") == 0) && (size_t)(e - p) ==
		    strlen("CHỈ") && memcmp(p, "CHỈ", strlen("CHỈ")) == 0)
			cap = 1;
		w = word_case(p, (size_t)(e - p), cap);
		if (n > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, w);
		/* After an administrative word comes a place name; a comma
		   ends it. */
		if (w[strlen(w) - 1] == ',')
			place = 0;
		else
			for (i = 0; admin[i] != NULL; i++) {
				const char *a = admin[i], *sp = strchr(a, ' ');

				if (sp == NULL ? strcmp(w, a) == 0 :
				    prev != NULL && strncmp(prev, a,
				    (size_t)(sp - a)) == 0 &&
				    strcmp(w, sp + 1) == 0)
					place = 1;
			}
		free(prev);
		prev = word_case(p, (size_t)(e - p), 0);
		free(w);
		n++;
	}
	free(prev);
	return buf_detach(&b);
}

char *
enc_upper(const char *s)
{
	uint8_t	*u;
	size_t	 ulen;
	char	*r;

	u = u8_toupper((const uint8_t *)s, strlen(s), "vi", UNINORM_NFC,
	    NULL, &ulen);
	if (u == NULL)
		return xstrdup(s);
	r = xstrndup((const char *)u, ulen);
	free(u);
	return r;
}

char *
enc_quotes(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	int		 open;

	if (strchr(s, '"') == NULL)
		return xstrdup(s);
	for (p = s; *p != '\0'; p++) {
		if (*p != '"') {
			buf_addc(&b, *p);
			continue;
		}
		/* Opening at the start, after a space or an opening mark. */
		open = p == s || p[-1] == ' ' || p[-1] == '(' ||
		    p[-1] == '[' || p[-1] == '/' || p[-1] == '-' ||
		    (p - s >= 3 && memcmp(p - 3, "\xe2\x80\x9c", 3) == 0);
		buf_adds(&b, open ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
	}
	return buf_detach(&b);
}

/*
 * Decode bytes from a legacy encoding into a new UTF-8 NFC string.
 * Returns NULL and sets *bad to the offset of the first byte that does
 * not convert.
 */
static char *
decode(const char *from, const char *bytes, size_t len, size_t *bad)
{
	iconv_t		 cd;
	struct buf	 b = BUF_INIT;
	char		 out[4096], *in, *op;
	size_t		 inleft, outleft;
	char		*nfc;

	*bad = 0;
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return NULL;
	in = (char *)bytes;
	inleft = len;
	while (inleft > 0) {
		op = out;
		outleft = sizeof(out);
		if (iconv(cd, &in, &inleft, &op, &outleft) == (size_t)-1 &&
		    errno != E2BIG) {
			*bad = len - inleft;
			iconv_close(cd);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, out, sizeof(out) - outleft);
	}
	/* Flush a pending composition (CP1258 holds back a base letter). */
	op = out;
	outleft = sizeof(out);
	if (iconv(cd, NULL, NULL, &op, &outleft) != (size_t)-1)
		buf_add(&b, out, sizeof(out) - outleft);
	iconv_close(cd);
	nfc = enc_nfc(b.s != NULL ? b.s : "", b.len);
	buf_free(&b);
	return nfc;
}

/* Is cp a letter of the Vietnamese alphabet outside ASCII? */
static int
vietletter(uint32_t cp)
{
	static const char extra[] =
	    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư";
	const char	*p;
	uint32_t	 c;
	size_t		 n;

	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return 1;
	for (p = extra; *p != '\0'; p += n) {
		if ((n = enc_next(p, strlen(p), &c)) == 0)
			break;
		if (c == cp)
			return 1;
	}
	return 0;
}

/* Does the letter carry a tone mark (huyền, sắc, hỏi, ngã, nặng)? */
static int
toned(uint32_t cp)
{
	uint8_t		 in[8], *out;
	size_t		 outlen, i;
	int		 t = 0, inlen;

	if ((inlen = u8_uctomb(in, cp, (int)sizeof(in))) <= 0)
		return 0;
	out = u8_normalize(UNINORM_NFD, in, (size_t)inlen, NULL, &outlen);
	if (out == NULL)
		return 0;
	for (i = 0; i + 1 < outlen; i++)
		if (out[i] == 0xCC && (out[i + 1] == 0x80 || out[i + 1] == 0x81 ||
		    out[i + 1] == 0x83 || out[i + 1] == 0x89 ||
		    out[i + 1] == 0xA3))
			t = 1;
	free(out);
	return t;
}

/*
 * How much a decoded text looks like Vietnamese.  A word whose letters
 * outside ASCII carry at most one tone mark, as every Vietnamese
 * syllable does, counts for it; a word with several tone marks (the mark
 * of a wrong decoding), control characters, stray combining marks and
 * other symbols count against it.  ASCII words are neutral.
 */
static long
score(const char *s)
{
	size_t		 len = strlen(s), n = 0;
	uint32_t	 cp;
	long		 sc = 0;
	int		 inword = 0, tones = 0, high = 0;

	for (;;) {
		if (len == 0)
			cp = ' ';
		else if ((n = enc_next(s, len, &cp)) == 0)
			return -1000000;
		if ((cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) ||
		    vietletter(cp)) {
			inword = 1;
			if (cp >= 0x80) {
				high++;
				tones += toned(cp);
			}
		} else {
			if (inword && high > 0)
				sc += tones <= 1 ? 3 : -3;
			inword = tones = high = 0;
			if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
				sc -= 5;
			else if (cp >= 0x300 && cp <= 0x36F)
				sc -= 3;
			else if (cp >= 0x80 && !(cp >= 0x2010 && cp <= 0x2026) &&
			    cp != 0xA0 && cp != 0xAB && cp != 0xBB)
				sc -= 2;
		}
		if (len == 0)
			break;
		s += n;
		len -= n;
	}
	return sc;
}

/*
 * Is a file that is not valid UTF-8 still mostly UTF-8 (more valid
 * multi-byte sequences than broken bytes)?  Then a few characters were
 * damaged, and no legacy encoding is to blame.
 */
static int
mostly_utf8(const char *bytes, size_t len)
{
	size_t		 i = 0, good = 0, bad = 0;
	ucs4_t		 uc;
	int		 n;

	while (i < len) {
		if ((unsigned char)bytes[i] < 0x80) {
			i++;
			continue;
		}
		n = u8_mbtoucr(&uc, (const uint8_t *)bytes + i, len - i);
		if (n > 1) {
			good++;
			i += (size_t)n;
		} else {
			bad++;
			i++;
		}
	}
	return good > bad;
}

/* Line number (1-based) of byte offset off. */
static int
line_of(const char *bytes, size_t off)
{
	size_t	 i;
	int	 line = 1;

	for (i = 0; i < off; i++)
		if (bytes[i] == '\n')
			line++;
	return line;
}

/*
 * The encoding declared in the XML declaration, upper-cased into out;
 * "UTF-8" when there is none.
 */
static void
declared(const char *bytes, size_t len, char *out, size_t outsz)
{
	const char	*end, *p, *q;
	char		 quote;
	size_t		 i;

	snprintf(out, outsz, "UTF-8");
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		len -= 3;
	}
	if (len < 5 || memcmp(bytes, "<?xml", 5) != 0)
		return;
	if ((end = memchr(bytes, '>', len < 256 ? len : 256)) == NULL)
		return;
	for (p = bytes; p + 8 < end; p++)
		if (memcmp(p, "encoding", 8) == 0)
			break;
	if (p + 8 >= end)
		return;
	p += 8;
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return;
	quote = *p++;
	if ((q = memchr(p, quote, (size_t)(end - p))) == NULL)
		return;
	for (i = 0; p < q && i + 1 < outsz; p++, i++)
		out[i] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
	out[i] = '\0';
}

/* The index in legacy[] that a declared name means, or -1. */
static int
legacy_index(const char *name)
{
	static const struct {
		const char	*alias;
		int		 idx;
	} aliases[] = {
		{ "WINDOWS-1258", 0 }, { "CP1258", 0 },
		{ "TCVN5712-1", 1 }, { "TCVN", 1 }, { "TCVN-5712", 1 },
		{ "TCVN5712-1:1993", 1 }, { "VISCII", 2 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].alias, name) == 0)
			return aliases[i].idx;
	return -1;
}

/*
 * The legacy encoding (index) in which the bytes decode best as
 * Vietnamese, other than skip; -1 when none looks like Vietnamese.
 */
static int
guess_legacy(const char *bytes, size_t len, int skip, long *best_score)
{
	size_t	 i, bad;
	char	*s;
	long	 sc, best = 0;
	int	 bi = -1;

	for (i = 0; i < NLEGACY; i++) {
		if ((int)i == skip)
			continue;
		if ((s = decode(legacy[i].iconv, bytes, len, &bad)) == NULL)
			continue;
		sc = score(s);
		free(s);
		if (sc > best) {
			best = sc;
			bi = (int)i;
		}
	}
	*best_score = best;
	return bi;
}

static int
has_high_bytes(const char *bytes, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)bytes[i] >= 0x80)
			return 1;
	return 0;
}

int
enc_check_xml(const char *bytes, size_t len, int *line, char **msg)
{
	char		 decl[64];
	const uint8_t	*badp;
	size_t		 bad;
	int		 li, gi;
	long		 gs, ds;
	char		*s;

	*line = 1;
	*msg = NULL;
	/* UTF-16 and UTF-32 are detected and checked by the XML parser. */
	if (len >= 2 && (memcmp(bytes, "\xFF\xFE", 2) == 0 ||
	    memcmp(bytes, "\xFE\xFF", 2) == 0 ||
	    (bytes[0] == '\0' || bytes[1] == '\0')))
		return 0;
	if (!has_high_bytes(bytes, len))
		return 0;
	declared(bytes, len, decl, sizeof(decl));

	if (strcmp(decl, "UTF-8") == 0 || strcmp(decl, "UTF8") == 0) {
		badp = u8_check((const uint8_t *)bytes, len);
		if (badp == NULL)
			return 0;
		bad = (size_t)((const char *)badp - bytes);
		*line = line_of(bytes, bad);
		if (mostly_utf8(bytes, len)) {
			*msg = xasprintf("byte 0x%02X không hợp lệ trong UTF-8; "
			    "phần còn lại của tệp là UTF-8 đúng, nên có lẽ chỗ "
			    "này bị sửa bằng một bộ gõ hay bộ mã khác: hãy gõ "
			    "lại các chữ ở dòng %d rồi lưu tệp dưới dạng UTF-8",
			    (unsigned char)bytes[bad], *line);
			return -1;
		}
		gi = guess_legacy(bytes, len, -1, &gs);
		if (gi >= 0)
			*msg = xasprintf("byte 0x%02X không hợp lệ trong "
			    "UTF-8, mã hóa mà tệp khai báo (hoặc mặc định khi "
			    "không khai báo); tệp có vẻ được mã hóa %s: hãy "
			    "khai báo <?xml version=\"1.0\" encoding=\"%s\"?> "
			    "ở dòng đầu tệp", (unsigned char)bytes[bad],
			    legacy[gi].xml, legacy[gi].xml);
		else
			*msg = xasprintf("byte 0x%02X không hợp lệ trong "
			    "UTF-8, mã hóa mà tệp khai báo (hoặc mặc định khi "
			    "không khai báo), và tệp cũng không giống "
			    "windows-1258, TCVN3 hay VISCII; hãy mở tệp bằng "
			    "trình soạn thảo và lưu lại dưới dạng UTF-8",
			    (unsigned char)bytes[bad]);
		return -1;
	}

	if ((li = legacy_index(decl)) < 0)
		return 0;	/* another encoding: the XML parser checks it */
	if ((s = decode(legacy[li].iconv, bytes, len, &bad)) == NULL) {
		*line = line_of(bytes, bad);
		gi = guess_legacy(bytes, len, li, &gs);
		if (u8_check((const uint8_t *)bytes, len) == NULL)
			*msg = xasprintf("byte 0x%02X không có trong mã %s mà "
			    "tệp khai báo; tệp có vẻ được mã hóa UTF-8: hãy "
			    "khai báo encoding=\"UTF-8\"",
			    (unsigned char)bytes[bad], legacy[li].xml);
		else if (gi >= 0)
			*msg = xasprintf("byte 0x%02X không có trong mã %s mà "
			    "tệp khai báo; tệp có vẻ được mã hóa %s: hãy khai "
			    "báo encoding=\"%s\"", (unsigned char)bytes[bad],
			    legacy[li].xml, legacy[gi].xml, legacy[gi].xml);
		else
			*msg = xasprintf("byte 0x%02X không có trong mã %s mà "
			    "tệp khai báo; hãy lưu lại tệp dưới dạng UTF-8",
			    (unsigned char)bytes[bad], legacy[li].xml);
		return -1;
	}
	ds = score(s);
	free(s);
	/* Valid in the declared encoding; but does it read as Vietnamese? */
	if (ds > 0)
		return 0;
	if (u8_check((const uint8_t *)bytes, len) == NULL) {
		*msg = xasprintf("tệp khai báo mã %s nhưng nội dung đọc theo mã "
		    "đó không phải tiếng Việt; tệp có vẻ được mã hóa UTF-8: "
		    "hãy khai báo encoding=\"UTF-8\"", legacy[li].xml);
		return -1;
	}
	gi = guess_legacy(bytes, len, li, &gs);
	if (gi >= 0 && gs > ds) {
		*msg = xasprintf("tệp khai báo mã %s nhưng nội dung đọc theo mã "
		    "đó không phải tiếng Việt; tệp có vẻ được mã hóa %s: hãy "
		    "khai báo encoding=\"%s\"", legacy[li].xml, legacy[gi].xml,
		    legacy[gi].xml);
		return -1;
	}
	return 0;
}

int
enc_decode_text(const char *bytes, size_t len, char **out, const char **enc,
    int *line, char **msg)
{
	const uint8_t	*badp;
	size_t		 bad;
	long		 gs;
	int		 gi;

	*out = *msg = NULL;
	*enc = "UTF-8";
	*line = 1;
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		len -= 3;
	}
	if (len == 0) {
		*out = xstrdup("");
		return 0;
	}
	if ((badp = memchr(bytes, '\0', len)) != NULL) {
		*line = line_of(bytes, (size_t)((const char *)badp - bytes));
		*msg = xstrdup("tệp có byte 0, có lẽ là UTF-16 (kiểu “Unicode "
		    "Text” của Excel) hay không phải tệp chữ; hãy lưu bảng "
		    "tính với kiểu “CSV UTF-8 (Comma delimited)”");
		return -1;
	}
	if ((badp = u8_check((const uint8_t *)bytes, len)) == NULL) {
		if ((*out = enc_nfc(bytes, len)) != NULL)
			return 0;
		badp = (const uint8_t *)bytes;
	}
	bad = (size_t)((const char *)badp - bytes);
	*line = line_of(bytes, bad);
	if (mostly_utf8(bytes, len)) {
		*msg = xasprintf("byte 0x%02X không hợp lệ trong UTF-8; phần "
		    "còn lại của tệp là UTF-8 đúng, nên có lẽ chỗ này bị sửa "
		    "bằng một bộ gõ hay bộ mã khác: hãy gõ lại các chữ ở dòng "
		    "%d rồi lưu lại tệp dưới dạng CSV UTF-8",
		    (unsigned char)bytes[bad], *line);
		return -1;
	}
	gi = guess_legacy(bytes, len, -1, &gs);
	if (gi >= 0 && (*out = decode(legacy[gi].iconv, bytes, len, &bad)) !=
	    NULL) {
		*enc = legacy[gi].xml;
		*line = 1;
		return 0;
	}
	*msg = xasprintf("tệp không phải UTF-8 (byte 0x%02X) và cũng không "
	    "đọc được như windows-1258, TCVN3 hay VISCII; hãy mở tệp bằng "
	    "Excel và lưu lại với kiểu “CSV UTF-8 (Comma delimited)”",
	    (unsigned char)bytes[bad]);
	return -1;
}

char *
enc_plain_key(const char *s)
{
	uint8_t		*nfd, *low;
	size_t		 nlen, llen, i, n;
	struct buf	 b = BUF_INIT;
	ucs4_t		 uc;
	int		 space = 0;

	nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL,
	    &nlen);
	if (nfd == NULL)
		return xstrdup("");
	low = u8_tolower(nfd, nlen, "vi", NULL, NULL, &llen);
	free(nfd);
	if (low == NULL)
		return xstrdup("");
	for (i = 0; i < llen; i += n) {
		int r = u8_mbtoucr(&uc, low + i, llen - i);

		if (r <= 0) {
			n = 1;
			continue;
		}
		n = (size_t)r;
		if (uc >= 0x300 && uc <= 0x36F)
			continue;	/* tone and vowel marks */
		if ((uc >= 'a' && uc <= 'z') || (uc >= '0' && uc <= '9') ||
		    (uc >= 0x80 && uc_is_alnum(uc))) {
			if (space && b.len > 0)
				buf_addc(&b, ' ');
			space = 0;
			if (uc == 0x111)	/* đ */
				buf_addc(&b, 'd');
			else
				buf_add(&b, (const char *)low + i, n);
		} else
			space = 1;
	}
	free(low);
	return buf_detach(&b);
}
