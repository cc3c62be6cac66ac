/*
 * model.c: the dossier model's lifetime (free), and the value types it is
 * made of: dates and document numbers.
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "model.h"

static void
paras_free(struct paras *p)
{
	size_t	 i;

	for (i = 0; i < p->np; i++)
		free(p->p[i].s);
	free(p->p);
}

static void
signer_free(struct signer *s)
{
	free(s->authority.s);
	free(s->title.s);
	free(s->rank.s);
	free(s->name.s);
}

void
docnum_free(struct docnum *dn)
{
	free(dn->raw.s);
	free(dn->type);
	free(dn->organ);
	free(dn->units);
}

void
dossier_free(struct dossier *d)
{
	size_t	 i, j;

	if (d == NULL)
		return;
	free(d->path);
	free(d->id.s);
	free(d->plan.s);
	free(d->issuer.parent.s);
	free(d->issuer.name.s);
	free(d->issuer.name_text.s);
	free(d->issuer.abbr.s);
	free(d->issuer.place.s);

	docnum_free(&d->submission.number);
	free(d->submission.to.s);
	for (i = 0; i < d->submission.nbasis; i++)
		free(d->submission.basis[i].s);
	free(d->submission.basis);
	paras_free(&d->submission.body);
	signer_free(&d->submission.signer);
	for (i = 0; i < d->submission.nrecipients; i++)
		free(d->submission.recipients[i].s);
	free(d->submission.recipients);

	docnum_free(&d->meeting.number);
	free(d->meeting.council.s);
	free(d->meeting.place.s);
	for (i = 0; i < d->meeting.nmembers; i++) {
		free(d->meeting.members[i].name.s);
		free(d->meeting.members[i].rank.s);
		free(d->meeting.members[i].title.s);
	}
	free(d->meeting.members);
	paras_free(&d->meeting.notes);

	for (i = 0; i < d->nnominees; i++) {
		struct nominee *n = &d->nominees[i];

		free(n->id.s);
		free(n->key);
		free(n->name.s);
		free(n->ethnicity.s);
		free(n->rank.s);
		free(n->position.s);
		free(n->unit.s);
		free(n->summary.s);
		for (j = 0; j < n->nsections; j++) {
			free(n->sections[j].title.s);
			paras_free(&n->sections[j].paras);
		}
		free(n->sections);
		signer_free(&n->report_signer);
		signer_free(&n->confirmed_by);
		for (j = 0; j < n->nawards; j++) {
			free(n->awards[j].form.s);
			docnum_free(&n->awards[j].decision);
		}
		free(n->awards);
	}
	free(d->nominees);
	if (d->decision != NULL) {
		docnum_free(&d->decision->number);
		free(d->decision->place.s);
		signer_free(&d->decision->signer);
		free(d->decision);
	}
	free(d);
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int
date_valid(const struct date *d)
{
	if (d->y < 1 || d->y > 9999)
		return 0;
	if (d->m == 0 && d->d == 0)
		return 1;
	return d->m >= 1 && d->m <= 12 && d->d >= 1 &&
	    d->d <= mdays(d->y, d->m);
}

/* Read exactly n digits. */
static int
digits(const char **s, int n, int *out)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

int
date_parse(const char *s, struct date *d, int year_ok)
{
	memset(d, 0, sizeof(*d));
	if (s == NULL || digits(&s, 4, &d->y) == -1)
		return -1;
	if (*s == '\0' && year_ok)
		return date_valid(d) ? 0 : -1;
	if (*s++ != '-' || digits(&s, 2, &d->m) == -1 || *s++ != '-' ||
	    digits(&s, 2, &d->d) == -1 || *s != '\0')
		return -1;
	if (!date_valid(d) || d->m == 0) {
		memset(d, 0, sizeof(*d));
		return -1;
	}
	return 0;
}

int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m == 0 || b->m == 0)
		return 0;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

struct date
date_month_end(int y, int m)
{
	struct date	 d;

	d.y = y;
	d.m = m;
	d.d = mdays(y, m);
	return d;
}

void
date_iso(const struct date *d, char *buf, size_t sz)
{
	if (d->m == 0)
		snprintf(buf, sz, "%04d", d->y);
	else
		snprintf(buf, sz, "%04d-%02d-%02d", d->y, d->m, d->d);
}

/* Up to three numbers separated by one of / . - or space. */
static int
numbers(const char *s, long v[3], int len[3])
{
	int	 n = 0;
	char	 sep = 0;

	while (*s == ' ')
		s++;
	while (n < 3) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v[n] = 0;
		len[n] = 0;
		while (isdigit((unsigned char)*s) && len[n] < 5) {
			v[n] = v[n] * 10 + (*s++ - '0');
			len[n]++;
		}
		n++;
		if (n == 3)
			break;
		if (*s != '/' && *s != '.' && *s != '-' && *s != ' ')
			return -1;
		if (sep == 0)
			sep = *s;
		else if (*s != sep)
			return -1;
		s++;
	}
	while (*s == ' ')
		s++;
	return *s == '\0' ? 0 : -1;
}

int
date_guess(const char *s, struct date *out)
{
	long	 v[3];
	int	 len[3];

	if (s == NULL || numbers(s, v, len) == -1)
		return -1;
	if (len[0] == 4) {		/* 2024/7/15 */
		out->y = (int)v[0];
		out->m = (int)v[1];
		out->d = (int)v[2];
	} else if (len[2] == 4) {	/* 15/7/2024: day first, as written in Vietnam */
		out->d = (int)v[0];
		out->m = (int)v[1];
		out->y = (int)v[2];
	} else
		return -1;
	return date_valid(out) && out->m != 0 ? 0 : -1;
}

void
docnum_parse(struct docnum *dn)
{
	const char	*s = dn->raw.s, *slash, *dash, *p;
	char		*end;
	long		 n;

	dn->ok = dn->no_organ = 0;
	if (s == NULL || !isdigit((unsigned char)*s))
		return;
	n = strtol(s, &end, 10);
	if (*end != '/' || n < 0)
		return;
	slash = end;
	for (p = slash + 1; *p != '\0'; p++)
		if (*p == ' ' || *p == '/')
			return;
	if (slash[1] != '\0' && strchr(slash + 1, '-') == NULL) {
		dn->n = n;		/* "12/TTr" */
		dn->type = xstrdup(slash + 1);
		dn->no_organ = 1;
		return;
	}
	if ((dash = strchr(slash + 1, '-')) == NULL || dash == slash + 1 ||
	    dash[1] == '\0')
		return;
	dn->n = n;
	dn->type = xstrndup(slash + 1, (size_t)(dash - slash - 1));
	if ((p = strchr(dash + 1, '-')) != NULL) {
		dn->organ = xstrndup(dash + 1, (size_t)(p - dash - 1));
		dn->units = xstrdup(p + 1);
	} else
		dn->organ = xstrdup(dash + 1);
	dn->ok = dn->organ[0] != '\0';
}

size_t
meeting_present(const struct meeting *m)
{
	size_t	 i, n = 0;

	for (i = 0; i < m->nmembers; i++)
		if (m->members[i].present)
			n++;
	return n;
}
