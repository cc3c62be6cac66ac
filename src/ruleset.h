/*
 * ruleset.h: a plan's rules as the validator runs them, bound once when
 * the plan loads (validate_bind()): each rule's check an enum, its
 * fields ids, its parameters dates, documents, roles and numbers, its
 * message cut at its placeholders.  Included, after diag.h, model.h and
 * plan.h, by plan.c (which frees a plan's ruleset with it) and by the
 * validator's files: ruleset.c, validate.c, validate_doc.c,
 * validate_nominee.c and validate_batch.c; and by tests/unit.c.
 */

struct rx;

/* What a rule checks: a pattern on fields, or one built-in check. */
enum rule_kind {
	RK_PATTERN,
	RK_PHASE,
	RK_DATE_NOT_BEFORE,
	RK_DATE_NOT_AFTER,
	RK_DOC_ORGAN,
	RK_NOMINEE_ID,
	RK_DUP_NOMINEE,
	RK_DUP_DOSSIER,
	RK_QUOTA,
	RK_VOTE_COUNT,
	RK_VOTE_ABSTAIN,
	RK_VOTE_THRESHOLD,
	RK_BOOK_NUMBER,
	RK_BOOK_MISSING,
	RK_COUNCIL_ROLE,
	RK_AGE,
	RK_KIND_FIELDS,
	RK_INDIVIDUAL_FIELDS,
	RK_REPORT_DATE,
	RK_REPORT_SIGNER
};

/* A date a rule names: of the dossier's documents, or of its phase. */
enum rule_date {
	RD_MEETING,
	RD_SUBMISSION,
	RD_DECISION,
	RD_PHASE_START,
	RD_PHASE_END,
	RD_SUMMARY_END,
	RD_REPORT_DEADLINE
};

/* A document whose number a rule reads. */
enum rule_doc {
	RDOC_SUBMISSION,
	RDOC_MEETING,
	RDOC_DECISION
};

/* An element that only an individual has. */
enum rule_elem {
	RE_GENDER,
	RE_BIRTH_DATE,
	RE_ETHNICITY,
	RE_RANK,
	RE_POSITION
};
#define RE_COUNT	(RE_POSITION + 1)

/* Their names, as plans and messages write them ("birth-date"). */
extern const char *const rule_elem_names[RE_COUNT];

/*
 * A piece of a rule's message: len bytes of its text at s, or (var >= 0)
 * the value of a placeholder, by its place in the check's list of them.
 */
struct rule_seg {
	const char	*s;
	size_t		 len;
	int		 var;
};

/* A field a pattern rule reads (fields.h). */
struct rule_field {
	enum field	 field;
	enum field_filter filter;
	const char	*spec;		/* as the plan writes it */
};

/*
 * One bound rule.  id, the text of msg and rx belong to the plan's rule;
 * msg, fields and elems to the ruleset.  Which of the rest a rule uses
 * depends on its kind.
 */
struct rule {
	enum rule_kind	 kind;
	const char	*id;
	enum diag_sev	 sev;
	struct rule_seg	*msg;
	size_t		 nmsg;
	struct rx	*rx;		/* RK_PATTERN */
	int		 require;
	struct rule_field *fields;
	size_t		 nfields;
	enum rule_date	 date;		/* of="…", at="…" */
	enum rule_date	 limit;		/* not-before="…", not-after="…" */
	enum rule_doc	 doc;		/* RK_DOC_ORGAN */
	enum member_role role;		/* RK_COUNCIL_ROLE */
	const char	*role_name;
	int		 min, max;	/* RK_AGE */
	enum rule_elem	*elems;		/* RK_INDIVIDUAL_FIELDS */
	size_t		 nelems;
};

/* The rules of a plan, in its order. */
struct ruleset {
	struct rule	*v;
	size_t		 n;
};

/* Free a ruleset and what it owns (NULL: nothing). */
void	 ruleset_free(struct ruleset *);
/*
 * Report a finding of rule r at line of file, its message's placeholders
 * filled from val (in the order of the check's placeholders; NULL: "").
 */
void	 rule_report(struct diag *, size_t file, int line,
	    const struct rule *r, const char *const *val);
/* "05/7/2024", as Vietnamese documents write a date in running text. */
void	 rule_vdate(const struct date *, char *, size_t);

/*
 * Matches of a dossier that may reach the match limit of rules.c before
 * the remaining pattern rules of that dossier are skipped: with the
 * limit, a bound on the work a plan's patterns can do on one dossier
 * however many rules reach it.
 */
#define RULE_LIMIT_BUDGET	10

/* A dossier being validated against its plan. */
struct vctx {
	const struct plan	*plan;
	struct dossier		*ds;
	const struct plan_phase	*phase;
	struct diag		*d;
	int			 limit_hits;	/* matches that hit the limit */
};

/* validate.c: a date a rule names: 0 and *out, *line; or -1 (none). */
int	 validate_date(const struct vctx *, enum rule_date, struct date *out,
	    int *line);

/* validate_doc.c: checks of the dossier's documents and its meeting. */
void	 vdoc_numbers(struct vctx *);
void	 vdoc_phase(struct vctx *, const struct rule *);
void	 vdoc_date_bound(struct vctx *, const struct rule *);
void	 vdoc_organ(struct vctx *, const struct rule *);
void	 vdoc_council_role(struct vctx *, const struct rule *);
void	 vdoc_vote_count(struct vctx *, const struct rule *);
void	 vdoc_vote_abstain(struct vctx *, const struct rule *);
void	 vdoc_vote_threshold(struct vctx *, const struct rule *);

/* validate_nominee.c: checks of the nominees of one dossier. */
void	 vnom_fold_keys(struct dossier *);
struct date vnom_birth(const struct nominee *);
void	 vnom_number_books(struct dossier *);
void	 vnom_id(struct vctx *, const struct rule *);
void	 vnom_dup(struct vctx *, const struct rule *);
void	 vnom_book_number(struct vctx *, const struct rule *);
void	 vnom_book_missing(struct vctx *, const struct rule *);
void	 vnom_age(struct vctx *, const struct rule *);
void	 vnom_kind_fields(struct vctx *, const struct rule *);
void	 vnom_individual_fields(struct vctx *, const struct rule *);
void	 vnom_report_date(struct vctx *, const struct rule *);
void	 vnom_report_signer(struct vctx *, const struct rule *);
