/*
 * unit.c: unit tests of the value types and text functions that the
 * golden tests reach only indirectly.  Prints "ok - …" / "not ok - …".
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"
#include "encoding.h"
#include "model.h"
#include "rules.h"
#include "plan.h"
#include "fields.h"
#include "ruleset.h"
#include "validate.h"
#include "csv_in.h"
#include "xml_in.h"
#include "dossier_in.h"
#include "input.h"
#include "sha256.h"

static int	 failed;

static void
check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failed++;
}

static void
str_is(char *got, const char *want, const char *what)
{
	int	 ok = got != NULL && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "  got \"%s\", want \"%s\"\n",
		    got ? got : "(null)", want);
	check(ok, what);
	free(got);
}

static void
test_text(void)
{
	/* "Nguyễn Việt" decomposed: e + circumflex + tilde, e + circumflex + dot below */
	const char *nfd = "Nguye\xcc\x82\xcc\x83n Vie\xcc\x82\xcc\xa3t";

	str_is(enc_nfc(nfd, strlen(nfd)), "Nguyễn Việt", "NFD is composed to NFC");
	const char *ws = "  Bộ  CHQS\n\t tỉnh \r\n Lào Cai  ";

	str_is(enc_text(ws, strlen(ws)),
	    "Bộ CHQS tỉnh Lào Cai", "white space is folded and trimmed");
	check(enc_text("\xc3\x28", 2) == NULL, "invalid UTF-8 is refused");
	str_is(enc_fold_key("Nguyễn Thị  Ánh TUYẾT"), "nguyễnthịánhtuyết",
	    "fold key ignores case and white space");
	str_is(enc_running_name("BỘ CHỈ HUY QUÂN SỰ TỈNH LÀO CAI"),
	    "Bộ Chỉ huy quân sự tỉnh Lào Cai",
	    "running name: Chỉ huy after Bộ, the place after TỈNH");
	str_is(enc_running_name("ỦY BAN NHÂN DÂN THỊ XÃ SA PA, TỈNH LÀO CAI"),
	    "Ủy ban nhân dân thị xã Sa Pa, tỉnh Lào Cai",
	    "running name: a place ends at a comma, THỊ XÃ is one word");
	str_is(enc_running_name("Công an tỉnh Lào Cai"),
	    "Công an tỉnh Lào Cai", "running name: mixed case is kept");
	str_is(enc_quotes("tuyên truyền \"Em yêu chú bộ đội\" tại (\"a\")"),
	    "tuyên truyền “Em yêu chú bộ đội” tại (“a”)",
	    "straight quotes as typographic ones");
	str_is(enc_upper("Ủy ban nhân dân tỉnh Lào Cai"),
	    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Vietnamese upper case");
	check(enc_length("Độc lập") == 7, "length counts characters");
}

static void
test_dates(void)
{
	struct date	 d, e;
	char		 buf[16];

	check(date_parse("2024-02-29", &d, 0) == 0, "2024-02-29 exists");
	check(date_parse("2023-02-29", &d, 0) == -1, "2023-02-29 does not");
	check(date_parse("1986", &d, 1) == 0 && d.y == 1986 && d.m == 0,
	    "a year alone where allowed");
	check(date_parse("1986", &d, 0) == -1, "a year alone where not");
	check(date_guess("15/7/2024", &d) == 0 && d.y == 2024 && d.m == 7 &&
	    d.d == 15, "15/7/2024 is read day first");
	check(date_guess("2024/07/15", &d) == 0 && d.d == 15,
	    "2024/07/15 is read year first");
	check(date_guess("31/02/2024", &d) == -1, "31/02/2024 is no date");
	check(date_guess("15/7-2024", &d) == -1, "mixed separators refused");
	date_parse("2024-07-15", &d, 0);
	date_iso(&d, buf, sizeof(buf));
	check(strcmp(buf, "2024-07-15") == 0, "ISO form");
	e = date_month_end(2024, 2);
	check(e.d == 29, "end of February 2024");
	date_parse("1986", &e, 1);
	date_parse("1986-05-01", &d, 0);
	check(date_cmp(&d, &e) == 0, "a year compares equal to its dates");
}

static void
test_docnum(void)
{
	struct docnum	 dn;

	memset(&dn, 0, sizeof(dn));
	dn.raw.s = xstrdup("15/BB-HĐTĐKT");
	docnum_parse(&dn);
	check(dn.ok && dn.n == 15 && strcmp(dn.type, "BB") == 0 &&
	    strcmp(dn.organ, "HĐTĐKT") == 0 && dn.units == NULL,
	    "15/BB-HĐTĐKT");
	docnum_free(&dn);
	memset(&dn, 0, sizeof(dn));
	dn.raw.s = xstrdup("12/UBND-VX-TH");
	docnum_parse(&dn);
	check(dn.ok && strcmp(dn.type, "UBND") == 0 &&
	    strcmp(dn.organ, "VX") == 0 && strcmp(dn.units, "TH") == 0,
	    "12/UBND-VX-TH keeps its units");
	docnum_free(&dn);
	memset(&dn, 0, sizeof(dn));
	dn.raw.s = xstrdup("125-TTr-BCH");
	docnum_parse(&dn);
	check(!dn.ok, "125-TTr-BCH is not a number");
	docnum_free(&dn);
}

static void
test_rules(void)
{
	struct rx	*r;
	char		*err, long_a[64];
	size_t		 off;

	r = rx_compile("^\\p{Lu}\\p{Ll}*(?: \\p{Lu}\\p{Ll}*)+$", 0, &err, &off);
	check(r != NULL, "name pattern compiles");
	check(rx_match(r, "Giàng Seo Phử", strlen("Giàng Seo Phử")) ==
	    RX_MATCH, "Unicode letters match with UCP");
	check(rx_match(r, "giàng Seo Phử", strlen("giàng Seo Phử")) ==
	    RX_NOMATCH, "lower case first letter does not");
	check(rx_match(r, "Gi\xc3\x28ng A", 8) == RX_ERROR,
	    "invalid UTF-8 subject is an error, not a match");
	rx_free(r);
	r = rx_compile("^(\\p{Lu}", 0, &err, &off);
	check(r == NULL && err != NULL && off == 8, "bad pattern: offset");
	free(err);
	r = rx_compile("đặng văn ễ", 1, &err, &off);
	check(r != NULL && rx_match(r, "ĐẶNG VĂN Ễ", strlen("ĐẶNG VĂN Ễ")) ==
	    RX_MATCH, "caseless Vietnamese");
	rx_free(r);
	r = rx_compile("^(a+)+$", 0, &err, &off);
	memset(long_a, 'a', 50);
	long_a[50] = '!';
	long_a[51] = '\0';
	check(r != NULL && rx_match(r, long_a, 51) == RX_LIMIT,
	    "catastrophic pattern stops at its limit");
	rx_free(r);
}

/* A plan's rules bound once: kinds, typed parameters, cut messages. */
static void
test_ruleset(void)
{
	static const char plan[] =
	    "<plan xmlns=\"urn:khenthuong:plan:1\" number=\"900/KH-TEST\" "
	    "date=\"2024-04-15\"><issuer>A</issuer><title>B</title>"
	    "<award>C</award><approval more-than=\"1/2\"/>"
	    "<phase number=\"1\" start=\"2024-04-10\" end=\"2024-06-20\" "
	    "summary=\"2024-07\" quota=\"10\"/><rules>"
	    "<rule id=\"a\" severity=\"warning\" check=\"age\" "
	    "at=\"phase-end\" min=\"18\" max=\"60\">{name} {age} {</rule>"
	    "<rule id=\"b\" severity=\"error\" check=\"council-role\" "
	    "role=\"secretary\">{role}: {count}</rule>"
	    "<rule id=\"c\" severity=\"error\" check=\"individual-fields\" "
	    "fields=\"rank  gender\">{field}</rule>"
	    "<rule id=\"d\" severity=\"error\" pattern=\"x\" "
	    "field=\"nominee.name[individual] issuer.name\">v={value}"
	    "</rule></rules></plan>";
	static const char bad[] =
	    "<plan xmlns=\"urn:khenthuong:plan:1\" number=\"900/KH-TEST\" "
	    "date=\"2024-04-15\"><issuer>A</issuer><title>B</title>"
	    "<award>C</award><approval more-than=\"1/2\"/>"
	    "<phase number=\"1\" start=\"2024-04-10\" end=\"2024-06-20\" "
	    "summary=\"2024-07\" quota=\"10\"/><rules>"
	    "<rule id=\"a\" severity=\"error\" check=\"age\" at=\"birth\" "
	    "min=\"9\" max=\"1\">{name}</rule></rules></plan>";
	struct xml		*x = xml_new();
	struct diag		*d = diag_new(DIAG_TEXT);
	struct plan		*p;
	const struct rule	*r;

	p = plan_load_bytes(x, "unit.xml", plan, sizeof(plan) - 1, d);
	check(p != NULL && p->ruleset == NULL, "ruleset: none before binding");
	if (p == NULL || validate_bind(p, d) == -1 || p->ruleset->n != 4) {
		check(0, "ruleset: the plan binds");
		plan_free(p);
		xml_free(x);
		diag_free(d);
		return;
	}
	r = p->ruleset->v;
	check(r[0].kind == RK_AGE && r[0].date == RD_PHASE_END &&
	    r[0].min == 18 && r[0].max == 60 && r[0].sev == DIAG_WARNING,
	    "ruleset: age's date and bounds");
	/* "{name} {age} {": a "{" without its "}" stays text. */
	check(r[0].nmsg == 4 && r[0].msg[0].var == 4 && r[0].msg[2].var == 0 &&
	    r[0].msg[3].var == -1 && r[0].msg[3].len == 2,
	    "ruleset: a message cut at its placeholders");
	check(r[1].kind == RK_COUNCIL_ROLE && r[1].role == ROLE_SECRETARY &&
	    strcmp(r[1].role_name, "secretary") == 0,
	    "ruleset: council-role's role");
	check(r[2].kind == RK_INDIVIDUAL_FIELDS && r[2].nelems == 2 &&
	    r[2].elems[0] == RE_RANK && r[2].elems[1] == RE_GENDER,
	    "ruleset: individual-fields' elements in order");
	check(r[3].kind == RK_PATTERN && r[3].rx != NULL &&
	    r[3].nfields == 2 && strcmp(r[3].fields[1].spec,
	    "issuer.name") == 0 && r[3].fields[0].field !=
	    r[3].fields[1].field, "ruleset: a pattern's fields");
	plan_free(p);
	p = plan_load_bytes(x, "bad.xml", bad, sizeof(bad) - 1, d);
	check(p != NULL && validate_bind(p, d) == -1 && p->ruleset == NULL &&
	    diag_errors(d, p->file) == 2, "ruleset: a bad rule does not bind");
	plan_free(p);
	xml_free(x);
	diag_free(d);
}

static void
before_sys(void *arg)
{
	(*(int *)arg)++;
	fputs("[clear]", stderr);
}

/* A system error calls the hook first (a progress line is cleared). */
static void
test_diag_hook(void)
{
	struct diag	*d = diag_new(DIAG_TEXT);
	char		 path[] = "/tmp/khenthuong-unit-XXXXXX", got[128];
	FILE		*fp;
	size_t		 n = 0;
	int		 fd, saved, calls = 0;

	if ((fd = mkstemp(path)) == -1) {
		check(0, "system error: temporary file");
		diag_free(d);
		return;
	}
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	diag_before_sys(d, before_sys, &calls);
	diag_sys(d, "%s: %s", "a.pdf", "full");
	diag_before_sys(d, NULL, NULL);
	diag_sys(d, "%s", "after");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
	if ((fp = fopen(path, "r")) != NULL) {
		n = fread(got, 1, sizeof(got) - 1, fp);
		fclose(fp);
	}
	got[n] = '\0';
	unlink(path);
	check(calls == 1 && strcmp(got, "[clear]khenthuong: a.pdf: full\n"
	    "khenthuong: after\n") == 0,
	    "system error: the hook runs first, once, and can be removed");
	check(diag_exit_status(d) == 2, "system error: exit status 2");
	diag_free(d);
}

/* Counts with the language's thousands separator. */
static void
test_count(void)
{
	char	 b[32];

	check(strcmp(i18n_count(b, sizeof(b), 0), "0") == 0 &&
	    strcmp(i18n_count(b, sizeof(b), 999), "999") == 0 &&
	    strcmp(i18n_count(b, sizeof(b), 1000), "1,000") == 0 &&
	    strcmp(i18n_count(b, sizeof(b), 1234567), "1,234,567") == 0,
	    "counts in English: 1,234,567");
	check(strcmp(i18n_count(b, 6, 1234567), "1,234") == 0,
	    "a count cut to its buffer stays a string");
	/* The Vietnamese catalogue of the build tree. */
	if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL ||
	    access("build/locale/vi/LC_MESSAGES/khenthuong.mo", R_OK) != 0) {
		check(0, "counts in Vietnamese: catalogue and C.UTF-8 found");
		return;
	}
	setenv("LANGUAGE", "vi", 1);
	bindtextdomain("khenthuong", "build/locale");
	bind_textdomain_codeset("khenthuong", "UTF-8");
	textdomain("khenthuong");
	check(strcmp(i18n_count(b, sizeof(b), 1000), "1.000") == 0 &&
	    strcmp(i18n_count(b, sizeof(b), 1234567), "1.234.567") == 0,
	    "counts in Vietnamese: 1.234.567");
	check(strcmp(_("no such file or directory"),
	    "không có tệp hay thư mục này") == 0,
	    "the Vietnamese catalogue is read");
	setlocale(LC_MESSAGES, "C");
	unsetenv("LANGUAGE");
}

static void
test_csv(void)
{
	struct diag	*d = diag_new(DIAG_TEXT);
	struct csv	*c;
	const char	*s;
	char		*out, *msg;
	const char	*enc;
	int		 line;
	size_t		 f = diag_file(d, "t.csv", DIAG_DOSSIER);

	str_is(enc_plain_key("  Họ và tên / Tên TẬP THỂ "),
	    "ho va ten ten tap the", "heading key: no case, marks or slash");
	str_is(enc_plain_key("Đơn vị\ncông tác"), "don vi cong tac",
	    "heading key: đ is d, a line break is a space");

	/* "Việt" in windows-1258: e circumflex, then the dot below. */
	s = "Vi\xea\xf2t";
	check(enc_decode_text(s, strlen(s), &out, &enc, &line, &msg) == 0 &&
	    strcmp(enc, "windows-1258") == 0, "windows-1258 is recognised");
	str_is(out, "Việt", "windows-1258 combining tone composed to NFC");
	s = "\xef\xbb\xbfVi\xe1\xbb\x87t";
	check(enc_decode_text(s, strlen(s), &out, &enc, &line, &msg) == 0 &&
	    strcmp(enc, "UTF-8") == 0, "UTF-8 with BOM is UTF-8");
	str_is(out, "Việt", "the BOM is dropped");

	s = "a;b,c;\"d;\"\"x\"\"\r\ne\"\r\n1;2;3\r4;5;6\n;;\n\n";
	c = csv_parse(s, strlen(s), d, f);
	check(c != NULL && c->sep == ';' && c->nrows == 3,
	    "';' chosen from the first line; empty rows left out");
	if (c != NULL && c->nrows == 3) {
		check(c->rows[0].n == 3 && strcmp(c->rows[0].cells[1].s,
		    "b,c") == 0, "a comma is text under ';'");
		check(strcmp(c->rows[0].cells[2].s, "d;\"x\"\ne") == 0,
		    "quoted: separator, doubled quotes, CRLF inside as LF");
		check(c->rows[1].line == 3 && c->rows[2].line == 4,
		    "lines counted through a quoted line end and a lone CR");
	}
	csv_free(c);
	s = "a,b\n1,\"2\n3,4\n";
	check(csv_parse(s, strlen(s), d, f) == NULL && diag_errors(d, f) == 1,
	    "an unterminated quote is an error");
	s = "a,b\n1, \"x\" y\n";
	c = csv_parse(s, strlen(s), d, f);
	check(c != NULL && diag_errors(d, f) == 2,
	    "text after a closing quote is an error");
	csv_free(c);
	diag_free(d);
}

/*
 * The source digest a render puts in the PDFs is of the bytes that were
 * read and validated: the dossier file changed after loading does not
 * change it.
 */
static void
test_digest(void)
{
	struct diag	*d = diag_new(DIAG_TEXT);
	struct xml	*x = xml_new();
	struct dossier	*ds = NULL;
	struct sha256	 h;
	enum input_err	 why;
	char		 path[64], want[65], now[65], *bytes, *err = NULL;
	const char	*tmpdir = getenv("TMPDIR");
	size_t		 len;
	int		 fd = -1;

	snprintf(path, sizeof(path), "%s/kt-digest-XXXXXX",
	    tmpdir != NULL && strlen(tmpdir) < 40 ? tmpdir : "/tmp");
	bytes = input_slurp("input/bchqs-dot-1.xml", 1 << 24, &len, &why);
	if (bytes == NULL || xml_schema(x, "schema/dossier.xsd", &err) == -1 ||
	    (fd = mkstemp(path)) == -1 ||
	    write(fd, bytes, len) != (ssize_t)len) {
		check(0, "digest: the dossier copied for the test");
		goto out;
	}
	ds = dossier_load(x, path, d, diag_file(d, path, DIAG_DOSSIER));
	/* The file replaced after loading: one byte more at its end. */
	if (write(fd, "\n", 1) != 1 || sha256_file(path, now) == -1) {
		check(0, "digest: the dossier changed for the test");
		goto out;
	}
	sha256_init(&h);
	sha256_update(&h, bytes, len);
	sha256_hex(&h, want);
	check(ds != NULL && strcmp(ds->sha256, want) == 0 &&
	    strcmp(now, want) != 0,
	    "digest: the model's is of the bytes read, not the file now");
out:
	if (fd != -1) {
		close(fd);
		unlink(path);
	}
	dossier_free(ds);
	free(bytes);
	free(err);
	xml_free(x);
	diag_free(d);
}

int
main(void)
{
	test_text();
	test_dates();
	test_docnum();
	test_rules();
	test_ruleset();
	test_diag_hook();
	test_count();
	test_csv();
	test_digest();
	return failed ? 1 : 0;
}
