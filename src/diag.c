/*
 * diag.c: diagnostics.  Owns the message table of built-in findings, the
 * list of findings per file, their printing (compiler style or JSON) and
 * the exit status, which is the worst thing seen.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "diag.h"
#include "i18n.h"

static const struct {
	const char	*rule;
	enum diag_sev	 sev;
	const char	*fmt;
} codes[DC__MAX] = {
	[DC_FILE_EMPTY] = { "empty-file", DIAG_ERROR,
	    "tệp rỗng, không có nội dung hồ sơ; hãy mở lại tệp gốc và "
	    "lưu lại đầy đủ" },
	[DC_FILE_SIZE] = { "limit-size", DIAG_ERROR,
	    "tệp lớn %.1f MB, vượt giới hạn %d MB của một hồ sơ; hãy kiểm "
	    "tra đây có đúng là tệp hồ sơ đề nghị khen thưởng không" },
	[DC_CONFIG_SIZE] = { "limit-size", DIAG_ERROR,
	    "tệp lớn hơn %.1f MB, vượt giới hạn %d MB của một tệp cấu hình "
	    "(kế hoạch, mẫu văn bản, hồ sơ máy in, phông chữ); hãy kiểm tra "
	    "đây có đúng là tệp cấu hình không" },
	[DC_ENCODING] = { "encoding", DIAG_ERROR, "%s" },
	[DC_XML_SYNTAX] = { "xml-syntax", DIAG_ERROR,
	    "tệp không phải XML hợp lệ: %s" },
	[DC_DTD] = { "dtd", DIAG_ERROR,
	    "tệp có khai báo <!DOCTYPE>; hồ sơ không được dùng DTD hay "
	    "thực thể (entity) và chương trình không đọc chúng: hãy xóa "
	    "khai báo <!DOCTYPE …> và viết thẳng nội dung vào tệp" },
	[DC_NAMESPACE] = { "namespace", DIAG_ERROR,
	    "phần tử gốc <%s> thuộc không gian tên \"%s\"; hồ sơ phải là "
	    "<dossier xmlns=\"%s\">" },
	[DC_SCHEMA] = { "schema", DIAG_ERROR, "%s" },
	[DC_DATE_FORMAT] = { "date-format", DIAG_ERROR, "%s" },
	[DC_ID_FORMAT] = { "id-format", DIAG_ERROR, "%s" },
	[DC_LIMIT_DEPTH] = { "limit-depth", DIAG_ERROR,
	    "các phần tử lồng nhau quá %d tầng; hồ sơ đúng mẫu không lồng "
	    "sâu như vậy: hãy kiểm tra các thẻ đóng mở" },
	[DC_LIMIT_LENGTH] = { "limit-length", DIAG_ERROR,
	    "nội dung <%s> dài %zu ký tự, vượt giới hạn %zu ký tự; hãy rút "
	    "gọn hoặc chia thành nhiều đoạn <p>" },
	[DC_EMPTY_FIELD] = { "empty-field", DIAG_ERROR,
	    "<%s> để trống; hãy điền nội dung" },
	[DC_PLAN_UNKNOWN] = { "plan", DIAG_ERROR,
	    "không có kế hoạch \"%s\" trong chương trình (có: %s); hãy sửa "
	    "thuộc tính plan hoặc chỉ định tệp kế hoạch bằng --plan" },
	[DC_PLAN_MISMATCH] = { "plan", DIAG_ERROR,
	    "hồ sơ trả lời kế hoạch \"%s\" nhưng tệp kế hoạch %s là "
	    "kế hoạch \"%s\"" },
	[DC_PLAN_BROKEN] = { "plan", DIAG_ERROR,
	    "không kiểm tra được theo kế hoạch \"%s\" vì tệp kế hoạch có "
	    "lỗi (xem thông báo về tệp đó)" },
	[DC_PLAN_ERROR] = { "plan", DIAG_ERROR, "%s" },
	[DC_RULE_LIMIT] = { "rule-limit", DIAG_ERROR,
	    "quy tắc [%s] không kiểm tra được %s: biểu thức chính quy của "
	    "kế hoạch vượt giới hạn so khớp; hãy báo người soạn tệp kế "
	    "hoạch sửa mẫu của quy tắc này" },
	[DC_TEMPLATE_ERROR] = { "template", DIAG_ERROR, "%s" },
	[DC_FONT_ERROR] = { "font", DIAG_ERROR, "%s" },
	[DC_PRINTER_ERROR] = { "printer", DIAG_ERROR, "%s" },
	[DC_GLYPH] = { "glyph", DIAG_ERROR,
	    "ký tự U+%04X “%s” không có trong phông chữ %s (%s); hãy sửa chữ "
	    "đó hoặc dùng phông chữ có đủ ký tự" },
	[DC_WORD_WIDE] = { "word-too-wide", DIAG_ERROR,
	    "từ “%s” (%s) dài hơn cả dòng in; hãy kiểm tra có thiếu dấu "
	    "cách không" },
	[DC_NO_FIT] = { "does-not-fit", DIAG_ERROR,
	    "%s không vừa ô in của mẫu kể cả khi đã thu nhỏ chữ đến cỡ nhỏ "
	    "nhất mẫu cho phép; hãy rút gọn nội dung" },
	[DC_TOO_TALL] = { "too-tall", DIAG_ERROR,
	    "một hàng của bảng cao hơn cả trang giấy; hãy rút gọn nội dung "
	    "của hàng đó" },
	[DC_IMAGE] = { "image", DIAG_ERROR,
	    "không dùng được hình %s của mẫu" },
	[DC_PLACEHOLDER] = { "placeholder", DIAG_ERROR,
	    "%s chưa điền: %s; hãy thay cả cụm “[CẦN ĐIỀN: …]” bằng nội "
	    "dung thật" },
	[DC_CSV_EMPTY] = { "empty-file", DIAG_ERROR,
	    "tệp rỗng, không có dòng tiêu đề hay tập thể, cá nhân nào; hãy "
	    "mở lại bảng tính gốc và lưu lại dưới dạng CSV" },
	[DC_CSV_NO_ROWS] = { "csv-row", DIAG_ERROR,
	    "danh sách chỉ có dòng tiêu đề, chưa có tập thể, cá nhân nào; "
	    "hãy thêm mỗi tập thể, cá nhân một dòng dưới dòng tiêu đề" },
	[DC_CSV_QUOTE] = { "csv-syntax", DIAG_ERROR,
	    "dấu ngoặc kép mở ô ở dòng này không được đóng đến hết tệp; hãy "
	    "thêm dấu \" đóng ô, còn dấu ngoặc kép nằm trong ô thì viết "
	    "thành \"\"" },
	[DC_CSV_AFTER_QUOTE] = { "csv-syntax", DIAG_ERROR,
	    "ô thứ %zu: sau dấu ngoặc kép đóng ô còn có “%s”; dấu ngoặc kép "
	    "nằm trong ô phải viết thành \"\"" },
	[DC_CSV_COLUMN] = { "csv-column", DIAG_ERROR,
	    "cột “%s” không có trong mẫu danh sách (các cột dùng được: %s); "
	    "hãy sửa tên cột hoặc xóa cột đó" },
	[DC_CSV_DUP_COLUMN] = { "csv-column", DIAG_ERROR,
	    "cột “%s” trùng nội dung với cột “%s” (cột thứ %d); mỗi thông "
	    "tin chỉ ghi ở một cột" },
	[DC_CSV_NO_NAME] = { "csv-column", DIAG_ERROR,
	    "danh sách không có cột tên: cần cột “Họ và tên” (cá nhân), "
	    "“Tên tập thể” (tập thể) hoặc “Họ và tên / Tên tập thể”" },
	[DC_CSV_UNNAMED] = { "csv-column", DIAG_ERROR,
	    "cột thứ %d không có tên ở dòng tiêu đề nhưng có nội dung “%s”; "
	    "hãy đặt tên cho cột hoặc xóa nội dung đó" },
	[DC_CSV_SHORT] = { "csv-row", DIAG_ERROR,
	    "dòng có %zu ô, ít hơn %zu cột của dòng tiêu đề: thiếu từ cột "
	    "“%s”; hãy kiểm tra các dấu phân cách trong dòng" },
	[DC_CSV_LONG] = { "csv-row", DIAG_ERROR,
	    "dòng có %zu ô, nhiều hơn %zu cột của dòng tiêu đề: ô thứ %zu "
	    "“%s” không thuộc cột nào; ô có dấu phẩy phải đặt trong ngoặc "
	    "kép" },
	[DC_CSV_VALUE] = { "csv-value", DIAG_ERROR, "%s" },
	[DC_LIMIT_DOC] = { "limit-document", DIAG_ERROR,
	    "văn bản %s của hồ sơ này vượt giới hạn %s của một văn bản; "
	    "hãy chia hồ sơ thành nhiều hồ sơ nhỏ hơn" },
	[DC_RULE_BUDGET] = { "rule-limit", DIAG_ERROR,
	    "%d lần so khớp đã vượt giới hạn nên các quy tắc dùng mẫu "
	    "(pattern) còn lại của kế hoạch %s, từ quy tắc [%s], không được "
	    "kiểm tra cho hồ sơ này; hãy báo người soạn tệp kế hoạch sửa "
	    "mẫu của các quy tắc đó" },
	[DC_ID_RESERVED] = { "id-format", DIAG_ERROR,
	    "mã \"%s\" của tập thể, cá nhân trùng với tên tệp dành riêng %s "
	    "(tệp in tất cả Bằng khen); hãy chọn mã khác" },
};

struct item {
	int		 line;
	enum diag_sev	 sev;
	char		*rule;
	char		*msg;
	size_t		 seq;
};

struct file {
	char		*path;
	char		*dossier;
	enum diag_role	 role;
	struct item	*items;
	size_t		 nitems;
	size_t		*slots;		/* hash of items: index + 1 */
	size_t		 nslots;	/* a power of two, or 0 */
	size_t		 nhashed;	/* items in it (else rebuilt) */
	size_t		 cap;
	size_t		 errors;
	size_t		 warnings;
};

struct diag {
	enum diag_format fmt;
	struct file	*files;
	size_t		 nfiles;
	size_t		 cap;
	size_t		 seq;
	int		 syserr;
	size_t		 syserr_seq;	/* seq when the last one was seen */
	void		(*before_sys)(void *);
	void		*before_sys_arg;
};

struct diag *
diag_new(enum diag_format fmt)
{
	struct diag	*d;

	d = xcalloc(1, sizeof(*d));
	d->fmt = fmt;
	return d;
}

void
diag_free(struct diag *d)
{
	size_t	 i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nfiles; i++) {
		for (j = 0; j < d->files[i].nitems; j++) {
			free(d->files[i].items[j].rule);
			free(d->files[i].items[j].msg);
		}
		free(d->files[i].items);
		free(d->files[i].slots);
		free(d->files[i].path);
		free(d->files[i].dossier);
	}
	free(d->files);
	free(d);
}

size_t
diag_file(struct diag *d, const char *path, enum diag_role role)
{
	struct file	*f;

	d->files = xgrow(d->files, &d->cap, d->nfiles + 1, sizeof(*f));
	f = &d->files[d->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->role = role;
	return d->nfiles++;
}

void
diag_set_dossier(struct diag *d, size_t file, const char *id)
{
	free(d->files[file].dossier);
	d->files[file].dossier = id != NULL ? xstrdup(id) : NULL;
}

/* A hash of what makes a finding the same one (FNV-1a). */
static size_t
item_hash(int line, enum diag_sev sev, const char *rule, const char *msg)
{
	size_t		 h = 2166136261u;
	const char	*p;

	h = (h ^ (size_t)(unsigned)line) * 16777619u;
	h = (h ^ (size_t)sev) * 16777619u;
	for (p = rule; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (p = msg; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static void
slot_put(struct file *f, size_t i)
{
	const struct item	*it = &f->items[i];
	size_t			 h;

	for (h = item_hash(it->line, it->sev, it->rule, it->msg) &
	    (f->nslots - 1); f->slots[h] != 0; h = (h + 1) & (f->nslots - 1))
		continue;
	f->slots[h] = i + 1;
}

/* Index the items again: after a rollback or a sort, or to grow. */
static void
slots_rebuild(struct file *f, size_t want)
{
	size_t	 i;

	free(f->slots);
	for (f->nslots = 64; f->nslots < want * 2; f->nslots *= 2)
		continue;
	f->slots = xcalloc(f->nslots, sizeof(*f->slots));
	for (i = 0; i < f->nitems; i++)
		slot_put(f, i);
	f->nhashed = f->nitems;
}

static void
add(struct diag *d, size_t file, int line, enum diag_sev sev,
    const char *rule, char *msg)
{
	struct file	*f = &d->files[file];
	struct item	*it;
	size_t		 h, k;

	/*
	 * One finding once: libxml2 and the rules may say a thing twice.
	 * Found through a hash of the file's items, not by reading them
	 * all: a file with many findings stays linear.
	 */
	if (f->nhashed != f->nitems || (f->nitems + 1) * 2 > f->nslots)
		slots_rebuild(f, f->nitems + 1);
	for (h = item_hash(line, sev, rule, msg) & (f->nslots - 1);
	    (k = f->slots[h]) != 0; h = (h + 1) & (f->nslots - 1))
		if (f->items[k - 1].line == line &&
		    f->items[k - 1].sev == sev &&
		    strcmp(f->items[k - 1].rule, rule) == 0 &&
		    strcmp(f->items[k - 1].msg, msg) == 0) {
			free(msg);
			return;
		}
	f->items = xgrow(f->items, &f->cap, f->nitems + 1, sizeof(*it));
	it = &f->items[f->nitems++];
	it->line = line;
	it->sev = sev;
	it->rule = xstrdup(rule);
	it->msg = msg;
	it->seq = d->seq++;
	if (sev == DIAG_ERROR)
		f->errors++;
	else
		f->warnings++;
	f->slots[h] = f->nitems;
	f->nhashed = f->nitems;
}

void
diag_code(struct diag *d, size_t file, int line, enum diag_code code, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	int		 n;

	va_start(ap, code);
	n = vsnprintf(NULL, 0, codes[code].fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	b.s = xgrow(b.s, &b.cap, (size_t)n + 1, 1);
	va_start(ap, code);
	vsnprintf(b.s, (size_t)n + 1, codes[code].fmt, ap);
	va_end(ap);
	add(d, file, line, codes[code].sev, codes[code].rule, b.s);
}

void
diag_rule(struct diag *d, size_t file, int line, enum diag_sev sev,
    const char *rule, const char *msg)
{
	add(d, file, line, sev, rule, xstrdup(msg));
}

void
diag_before_sys(struct diag *d, void (*fn)(void *), void *arg)
{
	d->before_sys = fn;
	d->before_sys_arg = arg;
}

/* One line "khenthuong: MESSAGE" on stderr, after the before_sys hook. */
static void
sys_line(struct diag *d, const char *fmt, va_list ap)
{
	char	*s;

	s = xvasprintf(fmt, ap);
	if (d->before_sys != NULL)
		d->before_sys(d->before_sys_arg);
	/* One write, so that another process's line cannot cut it. */
	fprintf(stderr, "khenthuong: %s\n", s);
	free(s);
}

void
diag_sys(struct diag *d, const char *fmt, ...)
{
	va_list		 ap;

	va_start(ap, fmt);
	sys_line(d, fmt, ap);
	va_end(ap);
	d->syserr = 1;
	d->syserr_seq = ++d->seq;
}

void
diag_warn_sys(struct diag *d, const char *fmt, ...)
{
	va_list		 ap;

	va_start(ap, fmt);
	sys_line(d, fmt, ap);
	va_end(ap);
}

const char *
diag_errno(int e)
{
	switch (e) {
	case ENOENT:
		return _("no such file or directory");
	case EACCES:
	case EPERM:
		return _("permission denied");
	case ENOSPC:
		return _("no space left on the device");
	case EROFS:
		return _("the file system is read-only");
	case EISDIR:
		return _("it is a directory");
	case ENOTDIR:
		return _("a part of the path is not a directory");
	case EIO:
		return _("input/output error of the device");
	case EFBIG:
		return _("the file is too large");
	case EMFILE:
	case ENFILE:
		return _("too many open files");
	case ENAMETOOLONG:
		return _("the file name is too long");
	default:
		return strerror(e);
	}
}

size_t
diag_mark(const struct diag *d)
{
	return d->seq;
}

void
diag_rollback(struct diag *d, size_t mark)
{
	struct file	*f;
	size_t		 i;

	for (i = 0; i < d->nfiles; i++) {
		f = &d->files[i];
		while (f->nitems > 0 && f->items[f->nitems - 1].seq >= mark) {
			struct item *it = &f->items[--f->nitems];

			if (it->sev == DIAG_ERROR)
				f->errors--;
			else
				f->warnings--;
			free(it->rule);
			free(it->msg);
		}
	}
	if (mark < d->seq)
		d->seq = mark;
}

/* A message on one line: backslash, tab and newline escaped. */
static void
put_escaped(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\')
			fputs("\\\\", fp);
		else if (*s == '\t')
			fputs("\\t", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else
			fputc(*s, fp);
}

int
diag_export(const struct diag *d, size_t mark, long tag, FILE *fp)
{
	size_t	 i, j;

	for (i = 0; i < d->nfiles; i++)
		for (j = 0; j < d->files[i].nitems; j++) {
			const struct item *it = &d->files[i].items[j];

			if (it->seq < mark)
				continue;
			fprintf(fp, "F\t%ld\t%zu\t%d\t%d\t", tag, i, it->line,
			    (int)it->sev);
			put_escaped(fp, it->rule);
			fputc('\t', fp);
			put_escaped(fp, it->msg);
			fputc('\n', fp);
		}
	if (d->syserr && d->syserr_seq > mark)
		fprintf(fp, "S\t%ld\n", tag);
	return ferror(fp) ? -1 : 0;
}

long
diag_line_tag(const char *line)
{
	if ((line[0] != 'F' && line[0] != 'S') || line[1] != '\t')
		return -1;
	return strtol(line + 2, NULL, 10);
}

/* Split off the next tab-separated field, unescaping it in place. */
static char *
field(char **p)
{
	char	*s = *p, *o, *r;

	if (s == NULL)
		return NULL;
	for (r = o = s; *s != '\0' && *s != '\t' && *s != '\n'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else
			*o++ = *s;
	}
	*p = *s == '\t' ? s + 1 : NULL;
	*o = '\0';
	return r;
}

int
diag_import_line(struct diag *d, const char *line)
{
	char		*copy, *p, *rule, *msg, *sf, *sl, *ss;
	unsigned long	 f;
	long		 ln;
	int		 sev;

	if (line[0] == 'S' && line[1] == '\t') {
		d->syserr = 1;
		return 0;
	}
	if (line[0] != 'F' || line[1] != '\t')
		return -1;
	p = copy = xstrdup(line + 2);
	(void)field(&p);			/* the tag */
	sf = field(&p);
	sl = field(&p);
	ss = field(&p);
	if (sf == NULL || sl == NULL || ss == NULL) {
		free(copy);
		return -1;
	}
	f = strtoul(sf, NULL, 10);
	ln = strtol(sl, NULL, 10);
	sev = atoi(ss);
	rule = field(&p);
	msg = field(&p);
	if (rule == NULL || msg == NULL || f >= d->nfiles) {
		free(copy);
		return -1;
	}
	add(d, f, (int)ln, sev == DIAG_WARNING ? DIAG_WARNING : DIAG_ERROR,
	    rule, xstrdup(msg));
	free(copy);
	return 0;
}

size_t
diag_errors(const struct diag *d, size_t file)
{
	return d->files[file].errors;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *
sevname(enum diag_sev sev)
{
	switch (sev) {
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	}
	return "error";
}

static void
print_text(FILE *fp, const struct file *f)
{
	size_t	 i;

	for (i = 0; i < f->nitems; i++)
		fprintf(fp, "%s:%d: %s: [%s] %s\n", f->path, f->items[i].line,
		    sevname(f->items[i].sev), f->items[i].rule,
		    f->items[i].msg);
}

static void
json_str(FILE *fp, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
			break;
		}
	}
	fputc('"', fp);
}

static void
print_json(struct diag *d)
{
	size_t	 i, j, errors = 0, warnings = 0;
	int	 first = 1;

	fputs("{\"files\": [", stdout);
	for (i = 0; i < d->nfiles; i++) {
		const struct file *f = &d->files[i];

		if (f->role != DIAG_DOSSIER)
			continue;
		errors += f->errors;
		warnings += f->warnings;
		fputs(first ? "\n  " : ",\n  ", stdout);
		first = 0;
		fputs("{\"file\": ", stdout);
		json_str(stdout, f->path);
		fputs(", \"dossier\": ", stdout);
		json_str(stdout, f->dossier);
		printf(", \"valid\": %s, \"diagnostics\": [",
		    f->errors == 0 ? "true" : "false");
		for (j = 0; j < f->nitems; j++) {
			const struct item *it = &f->items[j];

			printf("%s{\"line\": %d, \"severity\": \"%s\", "
			    "\"rule\": ", j ? ", " : "", it->line,
			    sevname(it->sev));
			json_str(stdout, it->rule);
			fputs(", \"message\": ", stdout);
			json_str(stdout, it->msg);
			fputc('}', stdout);
		}
		fputs("]}", stdout);
	}
	printf("%s],\n \"errors\": %zu, \"warnings\": %zu}\n",
	    first ? "" : "\n", errors, warnings);
}

void
diag_print(struct diag *d)
{
	size_t	 i;

	for (i = 0; i < d->nfiles; i++)
		if (d->files[i].nitems > 1) {
			qsort(d->files[i].items, d->files[i].nitems,
			    sizeof(struct item), item_cmp);
			d->files[i].nhashed = 0;	/* indexes moved */
		}
	/* The program's own files are reported on stderr in every format. */
	for (i = 0; i < d->nfiles; i++)
		if (d->files[i].role == DIAG_CONFIG)
			print_text(stderr, &d->files[i]);
	if (d->fmt == DIAG_JSON) {
		print_json(d);
		fflush(stdout);
		return;
	}
	for (i = 0; i < d->nfiles; i++)
		if (d->files[i].role == DIAG_DOSSIER)
			print_text(stderr, &d->files[i]);
}

int
diag_exit_status(const struct diag *d)
{
	size_t	 i;
	int	 st = 0;

	if (d->syserr)
		return 2;
	for (i = 0; i < d->nfiles; i++) {
		if (d->files[i].errors == 0)
			continue;
		if (d->files[i].role == DIAG_CONFIG)
			return 2;
		st = 1;
	}
	return st;
}
