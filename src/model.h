/*
 * model.h: the typed model of a nomination dossier, the one thing the
 * stages after loading see.  Every piece of text is UTF-8 NFC with its
 * white space folded, and carries the line of the element it came from.
 * Included by every stage after the loader.
 */

#include <stddef.h>

/* A calendar date; m and d are 0 when only the year is known. */
struct date {
	int	 y, m, d;
};

/* A piece of text and where it was written (s is NULL when absent). */
struct text {
	char	*s;
	int	 line;
};

/*
 * A document number N/TYPE-ORGAN[-UNIT...], parsed once.  "12/TTr", with
 * no organ part, is not ok: it has n and type, and no_organ set.
 */
struct docnum {
	struct text	 raw;
	int		 ok;		/* parsed */
	int		 no_organ;	/* "N/TYPE": the organ part missing */
	long		 n;
	char		*type;		/* e.g. "TTr" */
	char		*organ;		/* e.g. "BCH" */
	char		*units;		/* what follows the organ, or NULL */
};

struct paras {
	struct text	*p;
	size_t		 np;
};

struct signer {
	struct text	 authority;
	struct text	 title;
	struct text	 rank;
	struct text	 name;
	int		 line;
};

struct issuer {
	struct text	 parent;
	struct text	 name;
	struct text	 name_text;	/* the name as running text writes it */
	struct text	 abbr;
	struct text	 place;
	int		 line;
};

struct submission {
	struct docnum	 number;
	struct date	 date;
	struct text	 to;
	struct text	*basis;		/* without final punctuation */
	size_t		 nbasis;
	struct paras	 body;		/* np == 0: the template's text */
	struct signer	 signer;
	struct text	*recipients;	/* without final punctuation */
	size_t		 nrecipients;
	int		 line;
};

enum member_role {
	ROLE_CHAIR,
	ROLE_VICE_CHAIR,
	ROLE_MEMBER,
	ROLE_SECRETARY
};

struct member {
	enum member_role role;
	int		 present;
	struct text	 name;
	struct text	 rank;
	struct text	 title;
	int		 line;
};

enum vote_method {
	METHOD_SHOW_OF_HANDS,
	METHOD_SECRET_BALLOT
};

struct meeting {
	struct docnum	 number;
	struct date	 date;
	int		 start;		/* minutes after midnight, -1: none */
	int		 end;
	struct text	 council;
	struct text	 place;
	enum vote_method method;
	struct member	*members;
	size_t		 nmembers;
	struct paras	 notes;
	int		 line;
};

enum nominee_kind {
	KIND_UNKNOWN,		/* the file's kind was not valid */
	KIND_COLLECTIVE,
	KIND_INDIVIDUAL
};

enum gender {
	GENDER_NONE,
	GENDER_MALE,
	GENDER_FEMALE
};

struct section {
	struct text	 title;
	struct paras	 paras;
	int		 line;
};

struct award {
	int		 year;
	struct text	 form;
	struct docnum	 decision;	/* raw.s NULL when not given */
	int		 line;
};

struct nominee {
	struct text	 id;
	enum nominee_kind kind;
	struct text	 name;
	enum gender	 gender;
	int		 gender_line;
	struct date	 birth;
	int		 birth_line;
	struct text	 ethnicity;
	struct text	 rank;
	struct text	 position;
	struct text	 unit;
	struct text	 summary;
	struct section	*sections;
	size_t		 nsections;
	struct date	 report_date;	/* y == 0: not given */
	struct signer	 report_signer;	/* collective: its head; line 0: none */
	struct signer	 confirmed_by;
	int		 report_line;
	struct award	*awards;
	size_t		 nawards;
	int		 vote_yes, vote_no;
	int		 vote_line;
	long		 book;		/* given number, 0: none */
	int		 book_line;
	long		 book_final;	/* after numbering, 0: none */
	char		*key;		/* name folded for comparison, or NULL */
	int		 line;
};

struct decision {
	struct docnum	 number;
	struct date	 date;
	long		 first_book;	/* 0: not given */
	struct text	 place;		/* địa danh; s NULL: the plan's */
	struct signer	 signer;
	int		 line;
};

/*
 * What opens a marked place that import and init leave for the secretary
 * to fill ("[CẦN ĐIỀN: what to put, with an example]").
 */
#define DOSSIER_MARK	"[CẦN ĐIỀN:"

struct dossier {
	char		*path;		/* as given on the command line */
	char		 sha256[65];	/* of the bytes read and validated */
	size_t		 file;		/* its index in the diagnostics */
	struct text	 id;
	struct text	 plan;
	int		 phase;
	int		 line;
	struct issuer	 issuer;
	struct submission submission;
	struct meeting	 meeting;
	struct nominee	*nominees;
	size_t		 nnominees;
	struct decision	*decision;	/* NULL: not yet issued */
	size_t		 placeholders;	/* marked places still to fill */
};

void	 dossier_free(struct dossier *);

/* Dates. */
/* Parse YYYY-MM-DD (or YYYY when year_ok); 0 on success, -1 if not. */
int	 date_parse(const char *, struct date *, int year_ok);
/* -1, 0, 1; a year-only date compares by year. */
int	 date_cmp(const struct date *, const struct date *);
int	 date_valid(const struct date *);
/* The last day of the month of d. */
struct date date_month_end(int y, int m);
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void	 date_iso(const struct date *, char *buf, size_t);
/*
 * A date written another way ("15/7/2024", "15.07.2024", "2024/7/15"),
 * read as the user probably meant it: 0 and *out, or -1.
 */
int	 date_guess(const char *, struct date *out);
/* Parse a document number into dn (raw already set). */
void	 docnum_parse(struct docnum *);
void	 docnum_free(struct docnum *);

/* Members present (present == yes), the secretary included. */
size_t	 meeting_present(const struct meeting *);
