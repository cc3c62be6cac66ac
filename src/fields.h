/*
 * fields.h: the fields of the model, one table made from fields.in: each
 * field's id, the paths plans and templates name it by, the object it is
 * in and how to reach it, and how a nominee's draft carries it.  Included
 * after model.h by the validator's files (before ruleset.h), the template
 * files (tpl_field.c), import.c and dossier_out.c.
 */

#define FIELD(id, rule, tpl, obj, type, mem, aux, draft)	id,
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
	FT_LONG,		/* a long, aux: its line (int) */
	FT_GENDER,		/* an enum gender, aux: its line (int) */
	FT_REPORT,		/* every paragraph of a nominee's report */
	FT_ACHIEVEMENTS		/* the summary and the report as one text */
};

/* Which nominees a plan's field spec applies to: "nominee.name[individual]". */
enum field_filter {
	FILTER_ALL,
	FILTER_COLLECTIVE,
	FILTER_INDIVIDUAL
};

/* Marks of a field in a draft (fields.in says what each means). */
#define FD_ALWAYS	0x01	/* empty: a marked place */
#define FD_PERSON	0x02	/* import marks it for an individual */
#define FD_RANK		0x04	/* a rank: military, marked when no column */
#define FD_COLLECTIVE	0x08	/* written for a collective only */
#define FD_PARAS	0x10	/* paragraphs, one a line */

/* The example after a marked place's text (dossier_out.c has them). */
enum field_eg {
	EG_NONE,
	EG_COLLECTIVE,		/* a collective's name */
	EG_UNIT,		/* a person's unit */
	EG_ABOVE,		/* a collective's parent unit */
	EG_POSITION,		/* a person's position */
	EG_HEAD,		/* a collective's head, who signs its report */
	EG_CONFIRMS		/* who confirms a report */
};

/* How import reads a field's cell. */
enum field_read {
	FR_NONE,		/* not from a column of its own */
	FR_TEXT,
	FR_ID,			/* a nominee's id, checked and unique */
	FR_GENDER,		/* Nam / Nữ: male / female */
	FR_DATE,		/* a date as offices write it: ISO */
	FR_COUNT,		/* a whole number */
	FR_POSITIVE,		/* a positive whole number */
	FR_PARAS		/* a paragraph a line */
};

/* A nominee field of a draft: what import reads, where the writer puts it. */
struct field_draft {
	const char	*elem;		/* "name", "report/signer/title",
					   "@id", "vote@yes" */
	unsigned int	 mark;		/* FD_* */
	const char	*what;		/* the marked place's text */
	enum field_eg	 eg;
	const char	*help;		/* or NULL */
	const char	*cwhat;		/* a collective's, or NULL: the same */
	enum field_eg	 ceg;
	const char	*chelp;		/* a collective's, or NULL: the same */
	enum field_read	 read;
	int		 column;	/* place among the headings, in messages */
	const char	*heading;	/* or NULL: no column of its own */
	const char	*keys;		/* plain keys of headings, '|' apart */
};

struct field_def {
	const char	*rule;		/* the path in plans, or NULL */
	const char	*tpl;		/* the path in templates, or NULL */
	enum field_obj	 obj;
	enum field_type	 type;
	size_t		 off;		/* in the object */
	size_t		 aux;
	const struct field_draft *draft; /* or NULL: not in a draft */
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
