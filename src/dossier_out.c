/*
 * dossier_out.c: a dossier draft (what import read from a list, or the
 * bare skeleton of init) written as XML in the dossier contract: the
 * elements in the contract's order, text escaped, a marked place
 * "[CẦN ĐIỀN: what to put, with an example]" wherever the draft has
 * nothing, a Vietnamese comment above each marked place (above every
 * element when verbose), and the file written whole or not at all.  A
 * nominee is written from the table of fields (fields.in): each field's
 * element, marked place and help.
 */

#define _GNU_SOURCE	/* mkostemp */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "diag.h"
#include "encoding.h"
#include "model.h"
#include "fields.h"
#include "plan.h"
#include "dossier_out.h"
#include "outdir.h"
#include "i18n.h"

/*
 * The examples a draft gives in its marked places and comments: a
 * military unit's (a provincial military command), or a civil one's (a
 * district People's Committee), which has no ranks.
 */
struct examples {
	const char	*id;		/* dossier */
	const char	*parent;	/* issuer */
	const char	*name;
	const char	*abbr;
	const char	*authority;	/* signer of the submission */
	const char	*title;
	const char	*council;	/* meeting */
	const char	*place;
	const char	*chair;		/* titles of the members */
	const char	*member;
	const char	*secretary;
	const char	*collective;	/* nominees */
	const char	*unit;
	const char	*above;		/* a collective's parent unit */
	const char	*confirms;	/* who confirms a report */
	const char	*kinds;		/* the particulars of a person */
	const char	*head;		/* a collective's head, who signs */
	const char	*position;	/* a person's */
};

static const struct examples military = {
	"bchqs-dot-1", "QUÂN KHU 2", "BỘ CHỈ HUY QUÂN SỰ TỈNH LÀO CAI", "BCH",
	"KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG",
	"Hội đồng Thi đua - Khen thưởng Bộ CHQS tỉnh Lào Cai",
	"Hội trường Bộ CHQS tỉnh Lào Cai",
	"Phó Chỉ huy trưởng, Chủ tịch Hội đồng", "Chủ nhiệm Chính trị, Ủy viên",
	"Trợ lý Tuyên huấn, Thư ký Hội đồng",
	"Ban Chỉ huy Quân sự huyện Bát Xát",
	"Phòng Chính trị, Bộ CHQS tỉnh Lào Cai", "Bộ CHQS tỉnh Lào Cai",
	"CHỈ HUY TRƯỞNG", "dân tộc, cấp bậc, chức vụ", "CHỈ HUY TRƯỞNG",
	"Trợ lý Tuyên huấn",
};

static const struct examples civil = {
	"ubnd-dot-1", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
	"ỦY BAN NHÂN DÂN HUYỆN BÁT XÁT", "UBND",
	"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
	"Hội đồng Thi đua - Khen thưởng huyện Bát Xát",
	"Hội trường Ủy ban nhân dân huyện Bát Xát",
	"Chủ tịch Ủy ban nhân dân huyện, Chủ tịch Hội đồng",
	"Trưởng phòng Nội vụ, Ủy viên", "Chuyên viên Phòng Nội vụ, Thư ký "
	"Hội đồng",
	"Phòng Giáo dục và Đào tạo huyện Bát Xát",
	"Phòng Nội vụ, Ủy ban nhân dân huyện Bát Xát",
	"Ủy ban nhân dân huyện Bát Xát", "CHỦ TỊCH", "dân tộc, chức vụ",
	"TRƯỞNG PHÒNG", "Trưởng phòng",
};

struct w {
	struct buf		 b;
	int			 verbose;
	int			 military;	/* ranks asked for */
	const struct examples	*ex;
};

/* "[CẦN ĐIỀN: what]" (new string). */
static char *
draft_mark(const char *what)
{
	return xasprintf("%s %s]", DOSSIER_MARK, what);
}

void
draft_nominee_free(struct draft_nominee *n)
{
	size_t	 i;

	for (i = 0; i < F__MAX; i++)
		free(n->v[i]);
	free(n->source);
	memset(n, 0, sizeof(*n));
}

static int
marked(const char *s)
{
	return s != NULL && strstr(s, DOSSIER_MARK) != NULL;
}

static void
indent(struct w *w, int level)
{
	int	 i;

	for (i = 0; i < level; i++)
		buf_adds(&w->b, "  ");
}

/*
 * Text or an attribute value, escaped; characters XML 1.0 cannot carry
 * (controls other than tab and line ends) are left out.
 */
static void
esc(struct w *w, const char *s, int attr)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&')
			buf_adds(&w->b, "&amp;");
		else if (c == '<')
			buf_adds(&w->b, "&lt;");
		else if (c == '>')
			buf_adds(&w->b, "&gt;");
		else if (attr && c == '"')
			buf_adds(&w->b, "&quot;");
		else if (attr && (c == '\n' || c == '\t'))
			buf_adds(&w->b, c == '\n' ? "&#10;" : "&#9;");
		else if (c == '\r' || (c < 0x20 && c != '\n' && c != '\t'))
			continue;
		else
			buf_addc(&w->b, *s);
	}
}

/*
 * Text as lines of at most 76 columns, indented one level deeper than
 * level, escaped for a comment (a comment may not hold "--": such a
 * pair is written "- -").
 */
static void
wrap(struct w *w, int level, const char *text)
{
	struct buf	 t = BUF_INIT;
	const char	*p, *word;
	size_t		 col = 0, n;

	for (p = text; *p != '\0'; p++) {
		buf_addc(&t, *p);
		if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
			buf_addc(&t, ' ');
	}
	for (p = t.s; *p != '\0'; p += n) {
		while (*p == ' ')
			p++;
		word = p;
		if ((n = strcspn(word, " ")) == 0)
			break;
		if (col > 0 && col + 1 + enc_nlength(word, n) > 76) {
			buf_addc(&w->b, '\n');
			col = 0;
		}
		if (col == 0) {
			indent(w, level + 1);
			col = (size_t)level * 2 + 2;
		} else {
			buf_addc(&w->b, ' ');
			col++;
		}
		buf_add(&w->b, word, n);
		col += enc_nlength(word, n);
	}
	if (col > 0)
		buf_addc(&w->b, '\n');
	buf_free(&t);
}

/* A comment, on one line when it fits in 80 columns, else wrapped. */
static void
comment(struct w *w, int level, const char *text)
{
	indent(w, level);
	if (enc_nlength(text, strlen(text)) + (size_t)level * 2 + 9 <= 80 &&
	    strstr(text, "--") == NULL && text[strlen(text) - 1] != '-') {
		buf_printf(&w->b, "<!-- %s -->\n", text);
		return;
	}
	buf_adds(&w->b, "<!--\n");
	wrap(w, level, text);
	indent(w, level);
	buf_adds(&w->b, "-->\n");
}

/* The help above an element: always when verbose, else at a marker. */
static void
help(struct w *w, int level, const char *value, const char *text)
{
	if (text != NULL && (w->verbose || marked(value)))
		comment(w, level, text);
}

/*
 * <name>value</name>; a NULL value is written as the marker what when
 * given, else the element is left out.
 */
static void
leaf(struct w *w, int level, const char *name, const char *value,
    const char *what, const char *h)
{
	char	*m = NULL;

	if (value == NULL) {
		if (what == NULL)
			return;
		value = m = draft_mark(what);
	}
	help(w, level, value, h);
	indent(w, level);
	buf_printf(&w->b, "<%s>", name);
	esc(w, value, 0);
	buf_printf(&w->b, "</%s>\n", name);
	free(m);
}

/* A leaf marked "what, ví dụ example". */
static void
leaf_eg(struct w *w, int level, const char *name, const char *what,
    const char *example, const char *h)
{
	char	*m = xasprintf("%s, ví dụ %s", what, example);

	leaf(w, level, name, NULL, m, h);
	free(m);
}

/* name="value" (a marker when value is NULL). */
static void
attr(struct w *w, const char *name, const char *value, const char *what)
{
	char	*m = NULL;

	if (value == NULL)
		value = m = draft_mark(what);
	buf_printf(&w->b, " %s=\"", name);
	esc(w, value, 1);
	buf_addc(&w->b, '"');
	free(m);
}

static void
open_tag(struct w *w, int level, const char *name)
{
	indent(w, level);
	buf_printf(&w->b, "<%s>\n", name);
}

static void
close_tag(struct w *w, int level, const char *name)
{
	indent(w, level);
	buf_printf(&w->b, "</%s>\n", name);
}

/* The plan's phase, or NULL. */
static const struct plan_phase *
phase_of(const struct draft *dr)
{
	return dr->plan != NULL && dr->phase > 0 ?
	    plan_phase(dr->plan, dr->phase) : NULL;
}

/*
 * An example date for the meeting and the submission: the phase's last
 * day, or its report deadline when that comes first.
 */
static void
example_date(const struct plan_phase *ph, char *buf, size_t sz)
{
	struct date	 d = ph->end;

	if (ph->report_deadline.y != 0 && date_cmp(&ph->report_deadline,
	    &d) < 0)
		d = ph->report_deadline;
	date_iso(&d, buf, sz);
}

static void
heading(struct w *w, const struct draft *dr)
{
	const struct plan_phase	*ph = phase_of(dr);
	char			 a[16], b[16];
	char			*t;

	buf_adds(&w->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n");
	if (dr->plan != NULL && ph != NULL) {
		date_iso(&ph->start, a, sizeof(a));
		date_iso(&ph->end, b, sizeof(b));
		t = xasprintf("Hồ sơ đề nghị khen thưởng theo Kế hoạch số %s, "
		    "đợt %d (từ %s đến %s), %s.", dr->plan->number, dr->phase,
		    a, b, dr->origin);
	} else if (dr->plan != NULL)
		t = xasprintf("Hồ sơ đề nghị khen thưởng theo Kế hoạch số %s, "
		    "%s.", dr->plan->number, dr->origin);
	else
		t = xasprintf("Hồ sơ đề nghị khen thưởng, %s.", dr->origin);
	wrap(w, 0, t);
	free(t);
	buf_addc(&w->b, '\n');
	wrap(w, 0, "Cách điền: mỗi cụm trong ngoặc vuông bắt đầu bằng CẦN ĐIỀN "
	    "là thông tin còn thiếu; thay cả cụm đó (cả dấu ngoặc vuông) bằng "
	    "nội dung thật. Lệnh khenthuong check TỆP.xml báo từng chỗ còn "
	    "thiếu kèm số dòng. Ngày viết YYYY-MM-DD (ví dụ 2024-06-18), giờ "
	    "viết HH:MM (ví dụ 08:00). Phần tử ghi “có thể bỏ” thì xóa cả dòng "
	    "khi không dùng.");
	if (!dr->military) {
		buf_addc(&w->b, '\n');
		wrap(w, 0, "Hồ sơ của đơn vị không thuộc quân đội: chương "
		    "trình không hỏi cấp bậc quân hàm (cấp bậc có sẵn trong "
		    "bảng tính vẫn được giữ). Đơn vị quân đội thì lập lại với "
		    "tùy chọn military (xem man khenthuong), hoặc từ một bảng "
		    "tính có cột Cấp bậc.");
	}
	buf_adds(&w->b, "-->\n");
}

static void
issuer(struct w *w)
{
	char	*h;

	comment(w, 1, "Cơ quan trình (in ở góc trên bên trái các văn bản).");
	open_tag(w, 1, "issuer");
	leaf_eg(w, 2, "parent", "cơ quan chủ quản viết hoa", w->ex->parent,
	    "Cơ quan chủ quản, in phía trên tên cơ quan; có thể bỏ.");
	leaf_eg(w, 2, "name", "tên cơ quan trình viết hoa như khi in",
	    w->ex->name, "Tên cơ quan trình, giữ nguyên chữ hoa, chữ thường "
	    "như khi in.");
	h = xasprintf("Tên viết tắt dùng trong số, ký hiệu văn bản (số "
	    "125/TTr-%s thì viết %s).", w->ex->abbr, w->ex->abbr);
	leaf_eg(w, 2, "abbr", "tên viết tắt trong số văn bản", w->ex->abbr, h);
	free(h);
	leaf(w, 2, "place", NULL, "địa danh, ví dụ Lào Cai", "Địa danh ghi "
	    "trước ngày tháng của văn bản.");
	close_tag(w, 1, "issuer");
}

static void
submission(struct w *w, const struct draft *dr, const char *ex)
{
	char	*what, *basis = NULL;

	buf_addc(&w->b, '\n');
	comment(w, 1, "Tờ trình đề nghị khen thưởng: số, ký hiệu dạng "
	    "Số/TTr-VIẾT TẮT CƠ QUAN; ngày tờ trình không trước ngày Hội đồng "
	    "họp xét.");
	indent(w, 1);
	buf_adds(&w->b, "<submission");
	what = xasprintf("số tờ trình, ví dụ 125/TTr-%s", w->ex->abbr);
	attr(w, "number", NULL, what);
	free(what);
	what = ex != NULL ? xasprintf("ngày tờ trình YYYY-MM-DD, không trước "
	    "ngày họp Hội đồng, ví dụ %s", ex) : xstrdup("ngày tờ trình "
	    "YYYY-MM-DD, không trước ngày họp Hội đồng, ví dụ 2024-06-20");
	attr(w, "date", NULL, what);
	free(what);
	buf_adds(&w->b, ">\n");
	leaf(w, 2, "to", NULL, "nơi kính gửi, ví dụ Chủ tịch Ủy ban nhân dân "
	    "tỉnh Lào Cai", "Kính gửi.");
	if (dr->plan != NULL && dr->plan->issuer != NULL &&
	    dr->plan->date.y != 0)
		basis = xasprintf("Căn cứ Kế hoạch số %s ngày %d/%d/%d của %s",
		    dr->plan->number, dr->plan->date.d, dr->plan->date.m,
		    dr->plan->date.y, dr->plan->issuer);
	leaf(w, 2, "basis", basis, "căn cứ, ví dụ Căn cứ Kế hoạch số "
	    "217/KH-UBND ngày 15/4/2024 của Ủy ban nhân dân tỉnh Lào Cai",
	    "Các căn cứ, mỗi căn cứ một phần tử basis, không có dấu câu ở "
	    "cuối; thêm Luật Thi đua, khen thưởng, Nghị định hướng dẫn nếu "
	    "cần.");
	free(basis);
	if (w->verbose)
		comment(w, 2, "Nội dung tờ trình: không có phần tử body thì "
		    "chương trình dùng lời văn chuẩn; muốn tự viết thì thêm "
		    "body, mỗi đoạn một phần tử p.");
	help(w, 2, DOSSIER_MARK, "Người ký tờ trình.");
	open_tag(w, 2, "signer");
	leaf_eg(w, 3, "authority", "quyền hạn ký", w->ex->authority, "Quyền "
	    "hạn ký (KT., TM., TL. ...); có thể bỏ khi thủ trưởng ký trực "
	    "tiếp.");
	leaf_eg(w, 3, "title", "chức vụ người ký viết hoa", w->ex->title,
	    "Chức vụ người ký, viết hoa.");
	if (w->military)
		leaf(w, 3, "rank", NULL, "cấp bậc người ký, ví dụ Đại tá",
		    "Cấp bậc quân hàm người ký; có thể bỏ.");
	leaf(w, 3, "name", NULL, "họ tên người ký, ví dụ Lê Văn Hùng",
	    "Họ tên người ký.");
	close_tag(w, 2, "signer");
	help(w, 2, DOSSIER_MARK, "Nơi nhận, mỗi nơi một phần tử item, không có "
	    "dấu câu ở cuối.");
	open_tag(w, 2, "recipients");
	leaf(w, 3, "item", "Như trên", NULL, NULL);
	leaf(w, 3, "item", NULL, "nơi nhận khác, ví dụ Sở Nội vụ (Ban TĐKT)",
	    NULL);
	leaf(w, 3, "item", "Lưu: VT", NULL, NULL);
	close_tag(w, 2, "recipients");
	close_tag(w, 1, "submission");
}

static void
member(struct w *w, const char *role, const char *who, const char *ex_name,
    const char *ex_title)
{
	char	*what;

	indent(w, 2);
	buf_printf(&w->b, "<member role=\"%s\">\n", role);
	what = xasprintf("họ tên %s, ví dụ %s", who, ex_name);
	leaf(w, 3, "name", NULL, what, NULL);
	free(what);
	if (w->military)
		leaf(w, 3, "rank", NULL, "cấp bậc, ví dụ Thượng tá", "Cấp bậc; "
		    "có thể bỏ.");
	what = xasprintf("chức vụ %s, ví dụ %s", who, ex_title);
	leaf(w, 3, "title", NULL, what, NULL);
	free(what);
	close_tag(w, 2, "member");
}

static void
meeting(struct w *w, const struct draft *dr, const char *ex)
{
	const struct plan_phase	*ph = phase_of(dr);
	char			 start[16], *what;

	buf_addc(&w->b, '\n');
	comment(w, 1, "Biên bản xét duyệt của Hội đồng Thi đua - Khen thưởng: "
	    "số, ký hiệu dạng Số/BB-..., ngày họp, giờ bắt đầu và giờ kết "
	    "thúc (end, có thể bỏ) dạng HH:MM.");
	indent(w, 1);
	buf_adds(&w->b, "<meeting");
	attr(w, "number", NULL, "số biên bản, ví dụ 15/BB-HĐTĐKT");
	if (ph != NULL) {
		date_iso(&ph->start, start, sizeof(start));
		what = xasprintf("ngày họp Hội đồng YYYY-MM-DD, từ ngày bắt "
		    "đầu đợt %d (%s), ví dụ %s", dr->phase, start, ex);
	} else
		what = xstrdup("ngày họp Hội đồng YYYY-MM-DD, trong đợt thi "
		    "đua, ví dụ 2024-06-18");
	attr(w, "date", NULL, what);
	free(what);
	attr(w, "start", NULL, "giờ bắt đầu, ví dụ 08:00");
	attr(w, "end", NULL, "giờ kết thúc, ví dụ 10:30");
	buf_adds(&w->b, ">\n");
	leaf_eg(w, 2, "council", "tên Hội đồng", w->ex->council, "Tên Hội đồng "
	    "xét duyệt.");
	leaf_eg(w, 2, "place", "nơi họp", w->ex->place, "Nơi họp.");
	help(w, 2, NULL, "Hình thức biểu quyết: show-of-hands (giơ tay) hoặc "
	    "secret-ballot (bỏ phiếu kín).");
	leaf(w, 2, "method", "show-of-hands", NULL, NULL);
	help(w, 2, DOSSIER_MARK, "Thành viên Hội đồng, mỗi người một phần tử "
	    "member; role: chair (chủ tọa), vice-chair (phó chủ tịch), member "
	    "(ủy viên), secretary (thư ký); thêm present=\"no\" cho người "
	    "vắng. Số phiếu đồng ý phải trên một nửa số thành viên có mặt.");
	member(w, "chair", "chủ tọa", "Lê Văn Hùng", w->ex->chair);
	member(w, "member", "ủy viên", "Giàng Seo Phử", w->ex->member);
	member(w, "secretary", "thư ký", "Nguyễn Thị Ánh Tuyết",
	    w->ex->secretary);
	close_tag(w, 1, "meeting");
}

/*
 * The elements of a nominee that hold fields (fields.in names where each
 * field goes): their fixed attributes, and the help above them, written
 * when verbose or when the first value inside (for an element of
 * attributes, any of them) is a marked place; then a note, when verbose.
 */
static const struct elem {
	const char	*path;		/* under <nominee> */
	const char	*attrs;		/* written as they are, or NULL */
	const char	*help;		/* or NULL */
	const char	*chelp;		/* a collective's, or NULL: the same */
	const char	*note;		/* or NULL */
} elems[] = {
	{ "report", NULL, "Báo cáo thành tích: một hay nhiều phần section "
	    "(title là tên phần), mỗi đoạn một phần tử p; cá nhân tự ký báo "
	    "cáo, thủ trưởng cơ quan, đơn vị của cá nhân xác nhận. Có thể "
	    "thêm date=\"YYYY-MM-DD\" (ngày ký, không sau ngày họp Hội "
	    "đồng); không có date thì ngày để trống để ghi tay.",
	    "Báo cáo thành tích: một hay nhiều phần section (title là tên "
	    "phần), mỗi đoạn một phần tử p; thủ trưởng của tập thể ký báo "
	    "cáo (signer), cấp trên quản lý tập thể xác nhận. Có thể thêm "
	    "date=\"YYYY-MM-DD\" (ngày ký, không sau ngày họp Hội đồng); "
	    "không có date thì ngày để trống để ghi tay.", NULL },
	{ "report/section", " title=\"Thành tích đạt được\"", NULL, NULL,
	    NULL },
	{ "vote", NULL, "Kết quả biểu quyết của Hội đồng cho tập thể, cá nhân "
	    "này: yes đồng ý, no không đồng ý.", NULL, "Khen thưởng đã nhận "
	    "(có thể thêm trước vote): awards, mỗi lần một award year=\"2023\" "
	    "form=\"Bằng khen của ...\" decision=\"số quyết định\"." },
};

/* The entry of elems for path (len bytes) under <nominee>, or NULL. */
static const struct elem *
elem_of(const char *path, size_t len)
{
	size_t	 i;

	for (i = 0; i < sizeof(elems) / sizeof(elems[0]); i++)
		if (strlen(elems[i].path) == len &&
		    strncmp(elems[i].path, path, len) == 0)
			return &elems[i];
	return NULL;
}

/* The example of the unit's kind, or NULL. */
static const char *
example(const struct w *w, enum field_eg eg)
{
	switch (eg) {
	case EG_NONE:
		return NULL;
	case EG_COLLECTIVE:
		return w->ex->collective;
	case EG_UNIT:
		return w->ex->unit;
	case EG_ABOVE:
		return w->ex->above;
	case EG_POSITION:
		return w->ex->position;
	case EG_HEAD:
		return w->ex->head;
	case EG_CONFIRMS:
		return w->ex->confirms;
	}
	return NULL;
}

/*
 * What to write for field f of n (new string): its value; when it has
 * none, a marked place if fields.in says always or n marks it, else NULL.
 */
static char *
value_of(const struct w *w, const struct draft_nominee *n, enum field f)
{
	const struct field_draft	*fd = field_defs[f].draft;
	const char			*what = fd->what, *ex;
	enum field_eg			 eg = fd->eg;
	char				*m, *t;

	if (n->v[f] != NULL)
		return xstrdup(n->v[f]);
	if (!(fd->mark & FD_ALWAYS) && !n->mark[f])
		return NULL;
	if (n->collective && fd->cwhat != NULL) {
		what = fd->cwhat;
		eg = fd->ceg;
	}
	if ((ex = example(w, eg)) == NULL)
		return draft_mark(what);
	t = xasprintf("%s, ví dụ %s", what, ex);
	m = draft_mark(t);
	free(t);
	return m;
}

static const char *
help_of(const struct field_draft *fd, int collective)
{
	return collective && fd->chelp != NULL ? fd->chelp : fd->help;
}

/* Is the first line of s a marked place? */
static int
first_marked(const char *s)
{
	char	*t = xstrndup(s, strcspn(s, "\n"));
	int	 m = marked(t);

	free(t);
	return m;
}

/* The level of a nominee's element of path (len bytes): <nominee> is 1. */
static int
level_of(const char *path, size_t len)
{
	int	 l = 2;
	size_t	 i;

	for (i = 0; i < len; i++)
		if (path[i] == '/')
			l++;
	return l;
}

/* The help and note above the element of path (len bytes), if any. */
static void
elem_help(struct w *w, const char *path, size_t len, int collective,
    int mark)
{
	const struct elem	*e = elem_of(path, len);
	int			 lv = level_of(path, len);

	if (e == NULL)
		return;
	help(w, lv, mark ? DOSSIER_MARK : NULL, collective && e->chelp !=
	    NULL ? e->chelp : e->help);
	if (e->note != NULL && w->verbose)
		comment(w, lv, e->note);
}

/*
 * The length of the longest common start of paths a and b (alen and blen
 * bytes) made of whole element names.
 */
static size_t
common(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	 i, k = 0;

	for (i = 0; i < alen && i < blen && a[i] == b[i]; i++)
		if (a[i] == '/')
			k = i;
	if ((i == alen || a[i] == '/') && (i == blen || b[i] == '/'))
		k = i;
	return k;
}

/*
 * The open elements under <nominee> are *cur (*len bytes, the start of a
 * field's element path): close those not in dir (dlen bytes), open the
 * rest of dir.  mark: the first value to go inside is a marked place.
 */
static void
elem_move(struct w *w, const char **cur, size_t *len, const char *dir,
    size_t dlen, int collective, int mark)
{
	const struct elem	*e;
	const char		*s;
	size_t			 k = common(*cur, *len, dir, dlen), i, end;

	while (*len > k) {
		s = memrchr(*cur, '/', *len);
		i = s != NULL ? (size_t)(s - *cur) + 1 : 0;
		indent(w, level_of(*cur, *len));
		buf_printf(&w->b, "</%.*s>\n", (int)(*len - i), *cur + i);
		*len = i > 0 ? i - 1 : 0;
	}
	for (i = k; i < dlen; i = end) {
		if (dir[i] == '/')
			i++;
		end = i + strcspn(dir + i, "/");
		if (end > dlen)
			end = dlen;
		elem_help(w, dir, end, collective, mark);
		e = elem_of(dir, end);
		indent(w, level_of(dir, end));
		buf_printf(&w->b, "<%.*s%s>\n", (int)(end - i), dir + i,
		    e != NULL && e->attrs != NULL ? e->attrs : "");
	}
	*cur = dir;
	*len = dlen;
}

/* Does field g go in the element el (elen bytes) as an attribute? */
static int
attr_of(enum field g, const char *el, size_t elen)
{
	const struct field_draft	*fd = field_defs[g].draft;

	return fd != NULL && strncmp(fd->elem, el, elen) == 0 &&
	    fd->elem[elen] == '@';
}

/*
 * The element of attributes that field f starts ("vote@yes"), with the
 * attributes of the fields after it in that element.  Returns the last
 * of those fields.
 */
static int
attr_elem(struct w *w, const struct draft_nominee *n, int f,
    const char **cur, size_t *len)
{
	const char	*el = field_defs[f].draft->elem, *s;
	size_t		 elen = strcspn(el, "@");
	char		*v[F__MAX];
	int		 g, last = f, mark = 0, any = 0;

	for (g = f; g < F__MAX && attr_of(g, el, elen); g++) {
		v[g] = (field_defs[g].draft->mark & FD_COLLECTIVE) &&
		    !n->collective ? NULL : value_of(w, n, g);
		mark |= v[g] != NULL && marked(v[g]);
		any |= v[g] != NULL;
		last = g;
	}
	if (!any)
		return last;
	s = memrchr(el, '/', elen);
	elem_move(w, cur, len, el, s != NULL ? (size_t)(s - el) : 0,
	    n->collective, mark);
	elem_help(w, el, elen, n->collective, mark);
	indent(w, level_of(el, elen));
	s = s != NULL ? s + 1 : el;
	buf_printf(&w->b, "<%.*s", (int)(el + elen - s), s);
	for (g = f; g <= last; g++)
		if (v[g] != NULL) {
			attr(w, field_defs[g].draft->elem + elen + 1, v[g],
			    NULL);
			free(v[g]);
		}
	buf_adds(&w->b, "/>\n");
	return last;
}

/* Paragraphs, one a line of v, as elements name at level. */
static void
paras(struct w *w, int level, const char *name, const char *v,
    const char *h)
{
	char	*t;
	size_t	 n;

	for (; *v != '\0'; v += n + (v[n] != '\0')) {
		n = strcspn(v, "\n");
		t = xstrndup(v, n);
		leaf(w, level, name, t, NULL, h);
		free(t);
	}
}

/*
 * The fields of n that are not attributes of <nominee>, in the order of
 * fields.in, each inside the elements its path names.
 */
static void
nominee_fields(struct w *w, const struct draft_nominee *n)
{
	const struct field_draft	*fd;
	const char			*cur = "", *el, *s;
	size_t				 len = 0;
	char				*v;
	int				 f, lv;

	for (f = 0; f < F__MAX; f++) {
		if ((fd = field_defs[f].draft) == NULL || fd->elem[0] == '@' ||
		    ((fd->mark & FD_COLLECTIVE) && !n->collective))
			continue;
		el = fd->elem;
		if (strchr(el, '@') != NULL) {
			f = attr_elem(w, n, f, &cur, &len);
			continue;
		}
		if ((v = value_of(w, n, f)) == NULL)
			continue;
		s = strrchr(el, '/');
		elem_move(w, &cur, &len, el, s != NULL ? (size_t)(s - el) : 0,
		    n->collective, first_marked(v));
		lv = level_of(el, strlen(el));
		s = s != NULL ? s + 1 : el;
		if (fd->mark & FD_PARAS)
			paras(w, lv, s, v, help_of(fd, n->collective));
		else
			leaf(w, lv, s, v, NULL, help_of(fd, n->collective));
		free(v);
	}
	elem_move(w, &cur, &len, "", 0, n->collective, 0);
}

static void
nominee(struct w *w, const struct draft_nominee *n)
{
	const struct field_draft	*fd;
	char				*v;
	int				 f;

	buf_addc(&w->b, '\n');
	if (n->source != NULL)
		comment(w, 1, n->source);
	indent(w, 1);
	buf_adds(&w->b, "<nominee");
	for (f = 0; f < F__MAX; f++)
		if ((fd = field_defs[f].draft) != NULL && fd->elem[0] == '@' &&
		    (v = value_of(w, n, f)) != NULL) {
			attr(w, fd->elem + 1, v, NULL);
			free(v);
		}
	buf_printf(&w->b, " kind=\"%s\">\n", n->collective ? "collective" :
	    "individual");
	nominee_fields(w, n);
	close_tag(w, 1, "nominee");
}
char *
draft_xml(const struct draft *dr)
{
	struct w		 w;
	const struct plan_phase	*ph = phase_of(dr);
	char			 ex[16], num[16], *t;
	size_t			 i;

	memset(&w, 0, sizeof(w));
	w.verbose = dr->verbose;
	w.military = dr->military;
	w.ex = dr->military ? &military : &civil;
	heading(&w, dr);
	if (ph != NULL)
		example_date(ph, ex, sizeof(ex));
	if (dr->verbose || dr->id == NULL || dr->plan == NULL ||
	    dr->phase == 0)
		comment(&w, 0, "id: mã hồ sơ, chữ thường không dấu, số và dấu "
		    "gạch ngang, là tên thư mục kết quả; plan: số kế hoạch; "
		    "phase: số đợt thi đua.");
	buf_adds(&w.b, "<dossier xmlns=\"urn:khenthuong:dossier:1\"");
	t = xasprintf("mã hồ sơ, chữ thường không dấu và dấu gạch ngang, ví "
	    "dụ %s", w.ex->id);
	attr(&w, "id", dr->id, t);
	free(t);
	attr(&w, "plan", dr->plan != NULL ? dr->plan->number : NULL,
	    "số kế hoạch, ví dụ 217/KH-UBND");
	snprintf(num, sizeof(num), "%d", dr->phase);
	attr(&w, "phase", dr->phase > 0 ? num : NULL, "số đợt thi đua, ví dụ "
	    "1");
	buf_adds(&w.b, ">\n");
	issuer(&w);
	submission(&w, dr, ph != NULL ? ex : NULL);
	meeting(&w, dr, ph != NULL ? ex : NULL);
	if (dr->verbose) {
		t = xasprintf("Tập thể, cá nhân được đề nghị, mỗi người một "
		    "phần tử nominee: id là mã (chữ không dấu, số, - và _), "
		    "dùng đặt tên tệp kết quả; kind: collective (tập thể) hoặc "
		    "individual (cá nhân; chỉ cá nhân có giới tính, ngày sinh, "
		    "%s).", w.ex->kinds);
		comment(&w, 1, t);
		free(t);
	}
	for (i = 0; i < dr->n; i++)
		nominee(&w, &dr->nominees[i]);
	buf_addc(&w.b, '\n');
	comment(&w, 1, "Khi có Quyết định khen thưởng, thêm ở đây: decision "
	    "number=\"1234/QĐ-UBND\" date=\"YYYY-MM-DD\" first-book-number="
	    "\"số sổ vàng đầu tiên\", trong đó signer (title, name) của người "
	    "ký quyết định. Chưa có quyết định thì Bằng khen in bản dự thảo.");
	buf_adds(&w.b, "</dossier>\n");
	return buf_detach(&w.b);
}

static void
refuse(struct diag *d, const char *path)
{
	diag_sys(d, _("%s: the file exists and is not overwritten; choose "
	    "another name with -o FILE.xml, or add --force to overwrite it"),
	    path);
}

int
draft_write(const char *path, const char *text, int force, struct diag *d)
{
	struct stat	 st;
	char		*dir, *tmp;
	mode_t		 mask;
	int		 fd, e;

	if (path == NULL) {
		if (fputs(text, stdout) == EOF || fflush(stdout) == EOF) {
			diag_sys(d, _("cannot write to standard output: %s"),
			    diag_errno(errno));
			return -1;
		}
		return 0;
	}
	if (!force && lstat(path, &st) == 0) {
		refuse(d, path);
		return -1;
	}
	dir = outdir_dir_of(path);
	tmp = xasprintf("%s/.khenthuong-XXXXXX", dir);
	/* A new file (O_EXCL), never a link followed, checked to be one. */
	if ((fd = mkostemp(tmp, O_NOFOLLOW | O_CLOEXEC)) != -1 &&
	    (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_nlink != 1)) {
		close(fd);
		fd = -1;
		errno = EEXIST;		/* not ours: leave it */
	}
	if (fd == -1) {
		diag_sys(d, _("%s: cannot create a file in the directory %s: "
		    "%s"), path, dir, diag_errno(errno));
		free(tmp);
		free(dir);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) == -1 ||
	    outdir_write_all(fd, text, strlen(text)) == -1 ||
	    fsync(fd) == -1) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1) {
		e = errno;
		goto fail;
	}
	/*
	 * Without force, link(2) puts the file in place only if no file of
	 * that name appeared meanwhile; where the file system has no hard
	 * links, rename after the check above.
	 */
	if (!force && link(tmp, path) == 0)
		unlink(tmp);
	else if (!force && errno == EEXIST) {
		unlink(tmp);
		refuse(d, path);
		free(tmp);
		free(dir);
		return -1;
	} else if (!force && errno != EPERM && errno != EOPNOTSUPP &&
	    errno != ENOSYS && errno != EMLINK) {
		e = errno;
		goto fail;
	} else if (rename(tmp, path) == -1) {
		e = errno;
		goto fail;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	unlink(tmp);
	diag_sys(d, _("%s: cannot write the file: %s"), path, diag_errno(e));
	free(tmp);
	free(dir);
	return -1;
}
