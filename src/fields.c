/*
 * fields.c: the table of the model's fields (fields.in) and the look-up
 * of a field by the path a plan or a template names it by, done once
 * when the plan or template loads, or by a heading of a nominee list.
 */

#include <stddef.h>
#include <string.h>

#include "model.h"
#include "fields.h"

#define ST_DOSSIER	struct dossier
#define ST_MEMBER	struct member
#define ST_NOMINEE	struct nominee
#define ST_SECTION	struct section
#define ST_AWARD	struct award
#define ST_DECISION	struct decision

#define NODRAFT		NULL
#define DRAFT(...)	&(const struct field_draft){ __VA_ARGS__ }
#define SAME		NULL, EG_NONE, NULL
#define COLL(what, eg, help)	what, eg, help

#define FIELD(id, rule, tpl, obj, type, mem, aux, draft) \
	[id] = { rule, tpl, FO_##obj, FT_##type, offsetof(ST_##obj, mem), \
	    offsetof(ST_##obj, aux), draft },
const struct field_def field_defs[F__MAX] = {
#include "fields.in"
};
#undef FIELD
#undef NODRAFT
#undef DRAFT
#undef SAME
#undef COLL

static int
is(const char *name, const char *s, size_t len)
{
	return name != NULL && strlen(name) == len &&
	    memcmp(name, s, len) == 0;
}

int
field_by_rule(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < F__MAX; i++)
		if (is(field_defs[i].rule, s, len))
			return (int)i;
	return -1;
}

int
field_by_tpl(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < F__MAX; i++)
		if (is(field_defs[i].tpl, s, len))
			return (int)i;
	return -1;
}

const struct text *
field_text(enum field f, const void *obj)
{
	return (const struct text *)((const char *)obj + field_defs[f].off);
}

int
field_parse(const char *spec, enum field *f, enum field_filter *filt)
{
	const char	*br;
	size_t		 len;
	int		 i;

	*filt = FILTER_ALL;
	len = strlen(spec);
	if ((br = strchr(spec, '[')) != NULL) {
		if (strcmp(br, "[individual]") == 0)
			*filt = FILTER_INDIVIDUAL;
		else if (strcmp(br, "[collective]") == 0)
			*filt = FILTER_COLLECTIVE;
		else
			return -1;
		len = (size_t)(br - spec);
	}
	if ((i = field_by_rule(spec, len)) < 0)
		return -1;
	*f = (enum field)i;
	if (*filt != FILTER_ALL && strncmp(spec, "nominee.", 8) != 0)
		return -1;
	return 0;
}
