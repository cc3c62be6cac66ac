/*
 * phrases.c: the phrases a line never breaks inside and the joints a
 * centred line would rather break at (phrases.h), from their data file.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "input.h"
#include "phrases.h"

/* One phrase: its words as keys (upper case, no punctuation). */
struct phrase {
	char		**w;
	size_t		 n;
	int		 joint;		/* [ngắt trước]: a line may start here */
};

struct phrases {
	struct phrase	*v;
	size_t		 n, cap;
	size_t		*slot;		/* hash of the first word: index + 1 */
	size_t		*chain;		/* next phrase with that hash, + 1 */
	size_t		 nslot;
};

static uint32_t
hash(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Is the code point at s punctuation that may stand before a word? */
static size_t
lead_punct(const char *s, size_t len)
{
	static const char *const p[] = { "(", "[", "\"", "'", "\xe2\x80\x9c",
	    "\xe2\x80\x98", "\xc2\xab", NULL };
	size_t	 i, k;

	for (i = 0; p[i] != NULL; i++)
		if ((k = strlen(p[i])) <= len && memcmp(s, p[i], k) == 0)
			return k;
	return 0;
}

/* The byte length of punctuation that ends s (len bytes), or 0. */
static size_t
trail_punct(const char *s, size_t len)
{
	static const char *const p[] = { ",", ".", ";", ":", "!", "?", ")",
	    "]", "\"", "'", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb",
	    "\xe2\x80\xa6", NULL };
	size_t	 i, k;

	for (i = 0; p[i] != NULL; i++)
		if ((k = strlen(p[i])) <= len &&
		    memcmp(s + len - k, p[i], k) == 0)
			return k;
	return 0;
}

/*
 * The key of a word: upper case without the punctuation around it, in
 * buf (sz bytes); *lead and *trail say whether there was some.
 */
static const char *
word_key(const char *s, size_t len, char *buf, size_t sz, int *lead,
    int *trail)
{
	size_t	 k;
	char	*t, *u;

	*lead = *trail = 0;
	while (len > 0 && (k = lead_punct(s, len)) > 0) {
		s += k;
		len -= k;
		*lead = 1;
	}
	while (len > 0 && (k = trail_punct(s, len)) > 0) {
		len -= k;
		*trail = 1;
	}
	if (len == 0 || len >= sz) {
		buf[0] = '\0';
		return buf;
	}
	t = xstrndup(s, len);
	u = enc_upper(t);
	free(t);
	if (u == NULL || strlen(u) >= sz)
		buf[0] = '\0';
	else
		strcpy(buf, u);
	free(u);
	return buf;
}

struct phrases *
phrases_empty(void)
{
	return xcalloc(1, sizeof(struct phrases));
}

void
phrases_free(struct phrases *ps)
{
	size_t	 i, k;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++) {
		for (k = 0; k < ps->v[i].n; k++)
			free(ps->v[i].w[k]);
		free(ps->v[i].w);
	}
	free(ps->v);
	free(ps->slot);
	free(ps->chain);
	free(ps);
}

/* Index the phrases by their first word. */
static void
phrases_index(struct phrases *ps)
{
	size_t	 i, h;

	ps->nslot = 1;
	while (ps->nslot < 2 * ps->n + 1)
		ps->nslot *= 2;
	ps->slot = xcalloc(ps->nslot, sizeof(*ps->slot));
	ps->chain = xcalloc(ps->n + 1, sizeof(*ps->chain));
	for (i = 0; i < ps->n; i++) {
		h = hash(ps->v[i].w[0], strlen(ps->v[i].w[0])) &
		    (ps->nslot - 1);
		ps->chain[i] = ps->slot[h];
		ps->slot[h] = i + 1;
	}
}

/* Take one line of the file (NUL-terminated, trimmed) as a phrase. */
static void
take_line(struct phrases *ps, const char *s, int joint, struct diag *d,
    size_t f, int line)
{
	struct phrase	 ph;
	const char	*e;
	char		 key[256];
	int		 lead, trail;

	memset(&ph, 0, sizeof(ph));
	ph.joint = joint;
	ph.w = xcalloc(PHRASES_MAX_WORDS + 1, sizeof(*ph.w));
	for (; *s != '\0'; s = e) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != ' ' && *e != '\t'; e++)
			continue;
		word_key(s, (size_t)(e - s), key, sizeof(key), &lead, &trail);
		if (key[0] == '\0' || lead || trail) {
			diag_code(d, f, line, DC_PHRASES_WORDS);
			goto bad;
		}
		if (ph.n == PHRASES_MAX_WORDS) {
			diag_code(d, f, line, DC_PHRASES_LONG);
			goto bad;
		}
		ph.w[ph.n++] = xstrdup(key);
	}
	if (ph.n < 2 && !joint) {
		diag_code(d, f, line, DC_PHRASES_ONE_WORD);
		goto bad;
	}
	if (ps->n == PHRASES_MAX) {
		diag_code(d, f, line, DC_PHRASES_LINES);
		goto bad;
	}
	ps->v = xgrow(ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
	ps->v[ps->n++] = ph;
	return;
bad:
	while (ph.n > 0)
		free(ph.w[--ph.n]);
	free(ph.w);
}

struct phrases *
phrases_load(const char *path, struct diag *d)
{
	struct phrases	*ps;
	char		*bytes, *s, *nl, *e, *nfc;
	size_t		 len, f;
	int		 isdir, line = 0, joint = 0;

	f = diag_file(d, path, DIAG_CONFIG);
	if ((bytes = input_read(path, PHRASES_MAX_MB, d, f, &len, &isdir))
	    == NULL) {
		if (isdir)
			diag_code(d, f, 1, DC_PHRASES_DIR);
		return NULL;
	}
	if (strlen(bytes) != len || (nfc = enc_nfc(bytes, len)) == NULL) {
		diag_code(d, f, 1, DC_PHRASES_UTF8);
		free(bytes);
		return NULL;
	}
	free(bytes);
	bytes = nfc;
	ps = phrases_empty();
	for (s = bytes; s != NULL && *s != '\0'; s = nl) {
		line++;
		if ((nl = strchr(s, '\n')) != NULL)
			*nl++ = '\0';
		for (e = s + strlen(s); e > s && (e[-1] == '\r' ||
		    e[-1] == ' ' || e[-1] == '\t'); )
			*--e = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (line == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '[') {
			if (strcmp(s, "[không tách]") == 0)
				joint = 0;
			else if (strcmp(s, "[ngắt trước]") == 0)
				joint = 1;
			else
				diag_code(d, f, line, DC_PHRASES_SECTION);
			continue;
		}
		take_line(ps, s, joint, d, f, line);
	}
	free(bytes);
	if (diag_errors(d, f) > 0) {
		phrases_free(ps);
		return NULL;
	}
	phrases_index(ps);
	return ps;
}

/* Does phrase ph match the words from i on?  Words inside it end in none
   of , . ; : and start with nothing but letters. */
static int
matches(const struct phrase *ph, char (*key)[64], const int *lead,
    const int *trail, size_t i, size_t n)
{
	size_t	 k;

	if (i + ph->n > n)
		return 0;
	for (k = 0; k < ph->n; k++) {
		if (strcmp(key[i + k], ph->w[k]) != 0)
			return 0;
		if (k > 0 && lead[i + k])
			return 0;
		if (k + 1 < ph->n && trail[i + k])
			return 0;
	}
	return 1;
}

static int
is_digit_start(const char *s, size_t len)
{
	return len > 0 && s[0] >= '0' && s[0] <= '9';
}

void
phrases_gaps(const struct phrases *ps, const char *const *words,
    const size_t *lens, size_t n, enum phr_gap *gap)
{
	char		(*key)[64];
	int		*lead, *trail;
	size_t		 i, k, j;
	const char	*w;

	for (i = 0; i < n; i++)
		gap[i] = PHR_FREE;
	if (n < 2)
		return;
	key = xcalloc(n, sizeof(*key));
	lead = xcalloc(n, sizeof(*lead));
	trail = xcalloc(n, sizeof(*trail));
	for (i = 0; i < n; i++)
		word_key(words[i], lens[i], key[i], sizeof(key[i]), &lead[i],
		    &trail[i]);
	for (i = 1; i < n; i++) {
		w = words[i - 1];
		/* After a comma, a semicolon or a lone dash: a joint. */
		if ((lens[i - 1] > 0 && (w[lens[i - 1] - 1] == ',' ||
		    w[lens[i - 1] - 1] == ';')) ||
		    (lens[i - 1] == 1 && w[0] == '-') ||
		    (lens[i - 1] == 3 && memcmp(w, "\xe2\x80\x93", 3) == 0))
			gap[i] = PHR_JOINT;
		/* "số 217/KH-UBND", "Số: 125/TTr-BCH" stay together. */
		if (strcmp(key[i - 1], "SỐ") == 0 && !trail[i - 1] &&
		    is_digit_start(words[i], lens[i]))
			gap[i] = PHR_GLUE;
		if (strcmp(key[i - 1], "SỐ") == 0 && lens[i - 1] > 0 &&
		    w[lens[i - 1] - 1] == ':' &&
		    is_digit_start(words[i], lens[i]))
			gap[i] = PHR_GLUE;
	}
	/*
	 * A phrase glues its words; a joint word marks the gap before it,
	 * unless a phrase starts there too ("XÃ HỘI" is no joint at XÃ).
	 */
	for (i = 0; ps != NULL && ps->nslot > 0 && i < n; i++) {
		int glue_here = 0, joint_here = 0;

		if (key[i][0] == '\0')
			continue;
		j = ps->slot[hash(key[i], strlen(key[i])) & (ps->nslot - 1)];
		for (; j != 0; j = ps->chain[j - 1]) {
			const struct phrase *ph = &ps->v[j - 1];

			if (!matches(ph, key, lead, trail, i, n))
				continue;
			for (k = 1; k < ph->n; k++)
				gap[i + k] = PHR_GLUE;
			if (ph->joint)
				joint_here = 1;
			else
				glue_here = 1;
		}
		if (joint_here && !glue_here && i > 0 && gap[i] == PHR_FREE)
			gap[i] = PHR_JOINT;
	}
	free(key);
	free(lead);
	free(trail);
}
