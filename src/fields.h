/*
 * fields.h: the fields of the model, one table made from fields.in: each
 * field's id, the paths plans and templates name it by, the object it is
 * in and how to reach it.  Included after model.h by the validator's files
 * (before ruleset.h) and the template files (tpl_field.c).
 */

#define FIELD(id, rule, tpl, obj, type, mem, aux)	id,
enum field {
#include "fields.in"
	F__MAX
};
#undef FIELD

/* The objects of model.h a field is in. */
enum field_obj {
	FO_DOSSIER,		/* issuer, submission, meeting are in it */
	FO_MEMBER,
	FO_NOMINEE,
	FO_SECTION,
	FO_AWARD,
	FO_DECISION
};

enum field_type {
	FT_TEXT,		/* a struct text */
	FT_TEXTS,		/* struct text *, aux: its count (size_t) */
	FT_DATE,		/* a struct date, aux: its line (int) */
	FT_INT,			/* an int, aux: its line (int) */
	FT_REPORT,		/* every paragraph of a nominee's report */
	FT_ACHIEVEMENTS		/* the summary and the report as one text */
};

/* Which nominees a plan's field spec applies to: "nominee.name[individual]". */
enum field_filter {
	FILTER_ALL,
	FILTER_COLLECTIVE,
	FILTER_INDIVIDUAL
};

struct field_def {
	const char	*rule;		/* the path in plans, or NULL */
	const char	*tpl;		/* the path in templates, or NULL */
	enum field_obj	 obj;
	enum field_type	 type;
	size_t		 off;		/* in the object */
	size_t		 aux;
};

extern const struct field_def field_defs[F__MAX];

/* The field plans name by path (len bytes), or -1. */
int			 field_by_rule(const char *, size_t);
/*
 * A field as a plan's rule names it, "nominee.name" or
 * "nominee.name[individual]": 0 with *f and *filt, or -1 when there is no
 * such field (a filter applies only to a nominee's fields).
 */
int			 field_parse(const char *spec, enum field *f,
			    enum field_filter *filt);
/* The field templates name by path (len bytes), or -1. */
int			 field_by_tpl(const char *, size_t);
/* The text of a FT_TEXT field of obj (of the field's object). */
const struct text	*field_text(enum field, const void *obj);
