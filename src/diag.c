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
	[DC_ENCODING] = { "encoding", DIAG_ERROR, "%s" },
	[DC_XML_SYNTAX] = { "xml-syntax", DIAG_ERROR,
	    "tệp không phải XML hợp lệ: %s" },
	[DC_XML_AMP] = { "xml-amp", DIAG_ERROR,
	    "dấu & đứng một mình trong nội dung; trong tệp hồ sơ dấu & phải "
	    "viết là &amp; (ví dụ: Phòng Văn hóa &amp; Thông tin)" },
	[DC_XML_LT] = { "xml-lt", DIAG_ERROR,
	    "dấu < đứng một mình trong nội dung (không mở một thẻ); trong "
	    "tệp hồ sơ dấu < phải viết là &lt; (ví dụ: &lt; 5 năm)" },
	[DC_XML_ATTR_LT] = { "xml-attr-lt", DIAG_ERROR,
	    "giá trị thuộc tính có dấu <; hãy viết nó là &lt; hoặc kiểm tra "
	    "dấu ngoặc kép đóng của thuộc tính" },
	[DC_XML_ENTITY] = { "xml-entity", DIAG_ERROR,
	    "&%s; không dùng được trong hồ sơ (chỉ có &amp; &lt; &gt; "
	    "&quot; &apos;); hãy viết thẳng ký tự đó (với &nbsp; là một "
	    "dấu cách), còn dấu & viết là &amp;" },
	[DC_XML_TAG_MISMATCH] = { "xml-tag-mismatch", DIAG_ERROR,
	    "thẻ <%s> mở ở dòng %d lại được đóng bằng </%s>; hãy sửa cho "
	    "thẻ đóng khớp với thẻ mở (hoặc thêm thẻ đóng còn thiếu)" },
	[DC_XML_TAG_UNCLOSED] = { "xml-tag-unclosed", DIAG_ERROR,
	    "thẻ <%s> mở ở dòng %d chưa được đóng; hãy thêm </%s> đúng chỗ" },
	[DC_XML_ATTR_QUOTE] = { "xml-attr-quote", DIAG_ERROR,
	    "giá trị thuộc tính chưa đặt trong dấu ngoặc kép; hãy viết như "
	    "date=\"2024-06-27\"" },
	[DC_XML_AFTER_ROOT] = { "xml-after-root", DIAG_ERROR,
	    "còn nội dung sau thẻ đóng của phần tử gốc; hãy xóa phần thừa "
	    "hoặc đưa nó vào trong phần tử gốc" },
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
	[DC_RULE_LIMIT] = { "rule-limit", DIAG_ERROR,
	    "quy tắc [%s] không kiểm tra được %s: biểu thức chính quy của "
	    "kế hoạch vượt giới hạn so khớp; hãy báo người soạn tệp kế "
	    "hoạch sửa mẫu của quy tắc này" },
	[DC_GLYPH] = { "glyph", DIAG_ERROR,
	    "ký tự U+%04X “%s” không có trong phông chữ %s (%s); hãy sửa chữ "
	    "đó hoặc dùng phông chữ có đủ ký tự" },
	[DC_WORD_WIDE] = { "word-too-wide", DIAG_ERROR,
	    "từ “%s” (%s) dài hơn cả dòng in; hãy kiểm tra có thiếu dấu "
	    "cách không" },
	[DC_NO_FIT] = { "does-not-fit", DIAG_ERROR,
	    "%s không vừa ô in của mẫu %s kể cả khi đã thu nhỏ chữ đến cỡ "
	    "nhỏ nhất mẫu cho phép%s; hãy rút gọn nội dung" },
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
	[DC_DOCNUM_NO_ORGAN] = { "doc-number-organ-missing", DIAG_ERROR,
	    "số, ký hiệu “%s” thiếu ký hiệu cơ quan sau dấu “-”; hãy viết "
	    "%s (dạng Số/LOẠI-CƠ QUAN, Nghị định 30/2020)" },
	[DC_QUOTA_NOMINEE] = { "quota", DIAG_WARNING,
	    "“%s” được tính vào %s tập thể, cá nhân đề nghị của đợt %d, "
	    "quá số tối đa %d (lỗi [quota] ở dòng %d); nếu Hội đồng rút "
	    "tập thể, cá nhân này, hãy xóa cả phần tử <nominee> của họ" },
	[DC_NOT_DOSSIER_CSV] = { "not-a-dossier", DIAG_ERROR,
	    "tệp này là danh sách dạng CSV, không phải hồ sơ XML; hãy tạo "
	    "hồ sơ từ danh sách bằng lệnh khenthuong import %s -o "
	    "HO-SO.xml, điền các chỗ “[CẦN ĐIỀN: …]” rồi kiểm tra tệp "
	    "HO-SO.xml" },
	[DC_NOT_DOSSIER_SHEET] = { "not-a-dossier", DIAG_ERROR,
	    "tệp này là %s, không phải hồ sơ XML; danh sách trong bảng tính "
	    "được chuyển thành hồ sơ bằng lệnh import: lưu trang danh sách "
	    "dưới dạng CSV UTF-8 (ví dụ danh-sach.csv) rồi chạy khenthuong "
	    "import danh-sach.csv -o HO-SO.xml" },
	[DC_NOT_DOSSIER_REPORT] = { "not-a-dossier", DIAG_ERROR,
	    "tệp này là %s, không phải hồ sơ XML; báo cáo thành tích của "
	    "một tập thể, cá nhân nằm trong tệp hồ sơ, ở phần tử <report> "
	    "của <nominee> đó (mỗi mục một <section>, mỗi đoạn một <p>): "
	    "hãy đưa nội dung báo cáo vào đó rồi kiểm tra tệp hồ sơ .xml "
	    "(hồ sơ được tạo từ danh sách bằng khenthuong import, hoặc từ "
	    "bản mẫu bằng khenthuong init)" },
	[DC_NOT_DOSSIER_PDF] = { "not-a-dossier", DIAG_ERROR,
	    "tệp này là PDF, không phải hồ sơ: PDF là văn bản đầu ra mà "
	    "khenthuong render tạo từ hồ sơ; hãy chỉ định tệp hồ sơ .xml "
	    "mà văn bản này được tạo ra từ đó" },
	[DC_CONFIG_SIZE] = { "limit-size", DIAG_ERROR,
	    "tệp lớn hơn %.1f MB, vượt giới hạn %d MB của một tệp cấu hình "
	    "(kế hoạch, mẫu văn bản, hồ sơ máy in, phông chữ); hãy kiểm tra "
	    "đây có đúng là tệp cấu hình không" },
	[DC_TPL_ATTR] = { "template", DIAG_ERROR,
	    "<%s> không có thuộc tính \"%s\" (có: %s)" },
	[DC_TPL_LENGTH] = { "template", DIAG_ERROR,
	    "%s=\"%s\" không phải độ dài (ví dụ 20mm, 1.5cm, 14pt)" },
	[DC_TPL_LENGTH_MAX] = { "template", DIAG_ERROR,
	    "%s=\"%s\": cần lớn hơn 0 và không quá %.1f %s" },
	[DC_TPL_LENGTH_RANGE] = { "template", DIAG_ERROR,
	    "%s=\"%s\": cần từ %.1f %s đến %.1f %s" },
	[DC_TPL_INT_RANGE] = { "template", DIAG_ERROR,
	    "%s=\"%s\": cần một số nguyên từ %d đến %d" },
	[DC_TPL_YES_NO] = { "template", DIAG_ERROR,
	    "%s=\"%s\": dùng yes hoặc no" },
	[DC_TPL_FONT_MISSING] = { "template", DIAG_ERROR,
	    "không tìm thấy tệp phông chữ nào cho \"%s\" (xem "
	    "fonts/fonts.xml)" },
	[DC_TPL_STYLE_NAME] = { "template", DIAG_ERROR,
	    "<style> cần name=\"…\"" },
	[DC_TPL_STYLE_DUP] = { "template", DIAG_ERROR, "kiểu \"%s\" đã có" },
	[DC_TPL_STYLE_MAX] = { "template", DIAG_ERROR, "quá %d kiểu chữ" },
	[DC_TPL_STYLE_BASE] = { "template", DIAG_ERROR,
	    "kiểu gốc \"%s\" chưa được định nghĩa" },
	[DC_TPL_COLOR] = { "template", DIAG_ERROR,
	    "color=\"%s\": dùng #RRGGBB" },
	[DC_TPL_ALIGN] = { "template", DIAG_ERROR,
	    "align=\"%s\": dùng left, center, right hoặc justify" },
	[DC_TPL_LEADING] = { "template", DIAG_ERROR,
	    "leading=\"%s\": giãn dòng từ 1.0 đến 1.5 (Nghị định 30/2020)" },
	[DC_TPL_PAGE_SIZE] = { "template", DIAG_ERROR,
	    "size=\"%s\": dùng A3, A4 hoặc A5" },
	[DC_TPL_ORIENTATION] = { "template", DIAG_ERROR,
	    "orientation=\"%s\": dùng portrait hoặc landscape" },
	[DC_TPL_MARGINS] = { "template", DIAG_ERROR,
	    "lề trang rộng quá: phần in chữ còn %.1f × %.1f mm, cần ít "
	    "nhất %.0f × %.0f mm" },
	[DC_TPL_PAGE_STYLE] = { "template", DIAG_ERROR,
	    "kiểu \"%s\" chưa được định nghĩa (các <style> đặt trước "
	    "<page>)" },
	[DC_TPL_DUP_PAGE] = { "template", DIAG_ERROR,
	    "mẫu đã có <page> ở dòng %d" },
	[DC_TPL_DUP_BODY] = { "template", DIAG_ERROR,
	    "mẫu đã có <body> ở dòng %d" },
	[DC_TPL_DUP_EVERY] = { "template", DIAG_ERROR,
	    "mẫu đã có <every-page> ở dòng %d" },
	[DC_TPL_TOP_ELEMENT] = { "template", DIAG_ERROR,
	    "<%s> không dùng được ở đây (có: style, page, every-page, body)" },
	[DC_TPL_PER] = { "template", DIAG_ERROR,
	    "per=\"%s\": dùng dossier hoặc nominee" },
	[DC_TPL_NO_BODY] = { "template", DIAG_ERROR, "mẫu chưa có <body>" },
	[DC_TPL_IMAGE_MAX] = { "template", DIAG_ERROR,
	    "mẫu dùng quá %d hình khác nhau" },
	[DC_TPL_IMAGE_READ] = { "template", DIAG_ERROR,
	    "không đọc được hình %s: %s" },
	[DC_TPL_IMAGE_NOT_FILE] = { "template", DIAG_ERROR,
	    "hình %s không phải một tệp thường" },
	[DC_TPL_IMAGE_SIZE] = { "template", DIAG_ERROR,
	    "hình %s lớn hơn %d MB; hãy thu nhỏ hình" },
	[DC_TPL_IMAGE_BAD] = { "template", DIAG_ERROR, "hình %s: %s" },
	[DC_TPL_PLACE_SIZE] = { "template", DIAG_ERROR,
	    "<%s> cần w=\"…\" và h=\"…\"" },
	[DC_TPL_OFF_PAGE] = { "template", DIAG_ERROR,
	    "<%s> ra ngoài trang (%.1f × %.1f mm): x + w = %.1f mm, y + h "
	    "= %.1f mm" },
	[DC_TPL_VALIGN] = { "template", DIAG_ERROR,
	    "valign=\"%s\": dùng top, middle hoặc bottom" },
	[DC_TPL_STYLE_UNKNOWN] = { "template", DIAG_ERROR,
	    "kiểu \"%s\" chưa được định nghĩa" },
	[DC_TPL_BRACE] = { "template", DIAG_ERROR,
	    "dấu { không có dấu } đóng" },
	[DC_TPL_FIELD] = { "template", DIAG_ERROR,
	    "không có trường hay bộ lọc \"%s\" trong %.*s" },
	[DC_TPL_TEXT_PLACE] = { "template", DIAG_ERROR,
	    "chữ chỉ viết được trong <p> hay <cell>" },
	[DC_TPL_FOR_ATTRS] = { "template", DIAG_ERROR,
	    "<for> cần each=\"…\" và as=\"…\"" },
	[DC_TPL_NOT_LIST] = { "template", DIAG_ERROR,
	    "\"%s\" không phải một danh sách" },
	[DC_TPL_FOR_KIND] = { "template", DIAG_ERROR,
	    "kind=\"%s\": chỉ dùng với danh sách nominees, collective hoặc "
	    "individual" },
	[DC_TPL_FOR_DEPTH] = { "template", DIAG_ERROR,
	    "lồng quá %d vòng <for>" },
	[DC_TPL_IF_FIELD] = { "template", DIAG_ERROR,
	    "<if test=\"%s\">: không có trường này" },
	[DC_TPL_IN_PARA] = { "template", DIAG_ERROR,
	    "<%s> không dùng được trong đoạn văn (có: b, i, span, for, if, "
	    "calibration)" },
	[DC_TPL_IN_TABLE] = { "template", DIAG_ERROR,
	    "<%s> không dùng được trong <table> (có: row, for, if)" },
	[DC_TPL_ROW_CELLS] = { "template", DIAG_ERROR,
	    "<row> có %zu ô mà bảng chỉ có %zu cột (widths)" },
	[DC_TPL_IN_ROW] = { "template", DIAG_ERROR,
	    "<%s> không dùng được trong <row> (có: cell, for, if)" },
	[DC_TPL_IN_COLUMNS] = { "template", DIAG_ERROR,
	    "<%s> không dùng được trong <columns> (có: column)" },
	[DC_TPL_COLUMN_WIDTH] = { "template", DIAG_ERROR,
	    "width=\"%s\": cần một phần trăm lớn hơn 0 và không quá 100%%" },
	[DC_TPL_RULE_OF] = { "template", DIAG_ERROR,
	    "of=\"%s\": dùng text hoặc span" },
	[DC_TPL_RULE_LENGTH] = { "template", DIAG_ERROR,
	    "length=\"%s\": dùng một phần (1/3, 0.4, 40%%) lớn hơn 0 và "
	    "không quá 1, hoặc một độ dài (40mm)" },
	[DC_TPL_RULE_LONG] = { "template", DIAG_ERROR,
	    "length=\"%s\": dài hơn khổ giấy" },
	[DC_TPL_TABLE_WIDTHS] = { "template", DIAG_ERROR,
	    "<table> cần widths=\"…\"" },
	[DC_TPL_TABLE_MAX] = { "template", DIAG_ERROR,
	    "widths: bảng có quá %d cột" },
	[DC_TPL_WIDTHS] = { "template", DIAG_ERROR,
	    "widths=\"%.60s\": cần từ 1 đến %d độ rộng cột lớn hơn 0, cách "
	    "nhau bằng dấu cách (ví dụ \"10%% 30%% 60%%\")" },
	[DC_TPL_IMAGE_XY] = { "template", DIAG_ERROR,
	    "<image> cần cả x và y (đặt ở chỗ cố định) hoặc không có cả "
	    "hai (trong dòng chữ)" },
	[DC_TPL_IMAGE_WH] = { "template", DIAG_ERROR,
	    "<image> cần w=\"…\" và h=\"…\"" },
	[DC_TPL_IMAGE_SRC] = { "template", DIAG_ERROR,
	    "<image> cần src=\"…\"" },
	[DC_TPL_ELEMENT] = { "template", DIAG_ERROR,
	    "<%s> không có trong ngôn ngữ mẫu" },
	[DC_TPL_COLUMNS_MAX] = { "template", DIAG_ERROR,
	    "<columns> có %zu cột, nhiều nhất %d" },
	[DC_TPL_ALIGN_BAD] = { "template", DIAG_ERROR,
	    "align=\"%s\" không hợp lệ" },
	[DC_TPL_CALIBRATION] = { "template", DIAG_ERROR,
	    "<calibration> cần of=\"title\", \"printer\", \"x\" hoặc \"y\"" },
	[DC_TPL_SHARE] = { "template", DIAG_ERROR,
	    "%s=\"%s\": cần một độ dài hay một phần của trang (25%%, "
	    "50%%-10pt)" },
	[DC_TPL_GRAY] = { "template", DIAG_ERROR,
	    "%s=\"%s\": cần một số từ 0 (đen) đến 1 (trắng)" },
	[DC_TPL_FOR_NODES] = { "template", DIAG_ERROR,
	    "các vòng <for> lồng nhau từ dòng này tạo quá %s cho một văn "
	    "bản (khi điền hồ sơ “%s”); hãy bớt các vòng <for> lồng nhau "
	    "trong mẫu" },
	[DC_PHRASES_WORDS] = { "template", DIAG_ERROR,
	    "mỗi dòng là các tiếng cách nhau bằng dấu cách, không có dấu "
	    "câu" },
	[DC_PHRASES_LONG] = { "template", DIAG_ERROR,
	    "một cụm dài quá 8 tiếng" },
	[DC_PHRASES_ONE_WORD] = { "template", DIAG_ERROR,
	    "một cụm không tách cần ít nhất hai tiếng (một tiếng không bao "
	    "giờ bị tách)" },
	[DC_PHRASES_LINES] = { "template", DIAG_ERROR,
	    "tệp có quá 10.000 dòng" },
	[DC_PHRASES_DIR] = { "template", DIAG_ERROR,
	    "đây là một thư mục, không phải tệp các cụm từ" },
	[DC_PHRASES_UTF8] = { "template", DIAG_ERROR,
	    "tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8" },
	[DC_PHRASES_SECTION] = { "template", DIAG_ERROR,
	    "mục không rõ; dùng [không tách] hoặc [ngắt trước]" },
	[DC_PLAN_ATTR] = { "plan", DIAG_ERROR,
	    "<%s> không có thuộc tính \"%s\" (có: %s)" },
	[DC_PLAN_ATTR_MISSING] = { "plan", DIAG_ERROR,
	    "<%s> thiếu thuộc tính \"%s\"" },
	[DC_PLAN_DATE] = { "plan", DIAG_ERROR,
	    "thuộc tính %s=\"%s\" của <%s> phải là ngày YYYY-MM-DD" },
	[DC_PLAN_INT] = { "plan", DIAG_ERROR,
	    "thuộc tính %s=\"%s\" của <%s> phải là số nguyên từ %d đến %d" },
	[DC_PLAN_SUMMARY] = { "plan", DIAG_ERROR,
	    "summary=\"%s\" phải là tháng tổng kết YYYY-MM" },
	[DC_PLAN_PHASE_ORDER] = { "plan", DIAG_ERROR,
	    "đợt %d bắt đầu sau khi kết thúc" },
	[DC_PLAN_SUMMARY_EARLY] = { "plan", DIAG_ERROR,
	    "summary=\"%s\": tháng tổng kết của đợt %d phải từ tháng kết "
	    "thúc đợt (%04d-%02d) trở đi" },
	[DC_PLAN_DEADLINE_EARLY] = { "plan", DIAG_ERROR,
	    "report-deadline=\"%s\" của đợt %d trước ngày bắt đầu đợt (%s)" },
	[DC_PLAN_YES_NO] = { "plan", DIAG_ERROR,
	    "%s=\"%s\" của quy tắc [%s] phải là yes hoặc no" },
	[DC_PLAN_RULE_ID] = { "plan", DIAG_ERROR,
	    "id=\"%s\" của quy tắc phải gồm chữ thường không dấu a-z, chữ "
	    "số và dấu gạch ngang, bắt đầu bằng chữ hoặc số, tối đa %d ký "
	    "tự (mã này được in trong ngoặc vuông ở mỗi thông báo)" },
	[DC_PLAN_SEVERITY] = { "plan", DIAG_ERROR,
	    "severity=\"%s\" của quy tắc [%s] phải là error hoặc warning" },
	[DC_PLAN_NO_MESSAGE] = { "plan", DIAG_ERROR,
	    "quy tắc [%s] không có lời thông báo" },
	[DC_PLAN_CHECK_AND_PATTERN] = { "plan", DIAG_ERROR,
	    "quy tắc [%s] có cả check và pattern; chỉ dùng một" },
	[DC_PLAN_NO_CHECK] = { "plan", DIAG_ERROR,
	    "quy tắc [%s] cần check=\"…\" hoặc pattern=\"…\"" },
	[DC_PLAN_PATTERN] = { "plan", DIAG_ERROR,
	    "mẫu (pattern) của quy tắc [%s] sai ở vị trí %zu: %s" },
	[DC_PLAN_PATTERN_FIELD] = { "plan", DIAG_ERROR,
	    "quy tắc [%s] có pattern nhưng thiếu field=\"…\"" },
	[DC_PLAN_RULE_FIELDS] = { "plan", DIAG_ERROR,
	    "quy tắc [%s] có hơn %d trường (field)" },
	[DC_PLAN_MORE_THAN] = { "plan", DIAG_ERROR,
	    "more-than=\"%s\" phải là một phân số như 1/2 hoặc 2/3 (tử số "
	    "nhỏ hơn mẫu số, mẫu số từ 1 đến %d)" },
	[DC_PLAN_APPROVAL_OF] = { "plan", DIAG_ERROR,
	    "of=\"%s\": chỉ hỗ trợ \"present\" (số thành viên có mặt)" },
	[DC_PLAN_IN_RULES] = { "plan", DIAG_ERROR,
	    "<%s> không dùng được trong <rules>; chỉ có <rule>" },
	[DC_PLAN_RULES_MAX] = { "plan", DIAG_ERROR,
	    "kế hoạch có hơn %d quy tắc; hãy gộp hoặc bỏ bớt quy tắc" },
	[DC_PLAN_RULE_DUP] = { "plan", DIAG_ERROR,
	    "quy tắc [%s] đã có ở dòng %d" },
	[DC_PLAN_DUP] = { "plan", DIAG_ERROR,
	    "<%s> đã có ở dòng %d; kế hoạch chỉ có một <%s>" },
	[DC_PLAN_EMPTY] = { "plan", DIAG_ERROR,
	    "<%s> để trống; hãy điền nội dung" },
	[DC_PLAN_PLACE] = { "plan", DIAG_ERROR,
	    "place của <issuer> để trống hoặc không đọc được; hãy ghi địa "
	    "danh của cơ quan khen thưởng, ví dụ Lào Cai" },
	[DC_PLAN_PLACE_LONG] = { "plan", DIAG_ERROR,
	    "place của <issuer> dài hơn %d byte" },
	[DC_PLAN_NUMBER] = { "plan", DIAG_ERROR,
	    "number=\"%s\" phải là số, ký hiệu của kế hoạch như "
	    "217/KH-UBND: không có dấu cách, tối đa %d ký tự" },
	[DC_PLAN_APPROVAL_DUP] = { "plan", DIAG_ERROR,
	    "<approval> đã có ở dòng %d; kế hoạch chỉ có một <approval>" },
	[DC_PLAN_PHASES_MAX] = { "plan", DIAG_ERROR,
	    "kế hoạch có hơn %d đợt thi đua" },
	[DC_PLAN_PHASE_DUP] = { "plan", DIAG_ERROR, "đợt %d đã có ở dòng %d" },
	[DC_PLAN_CRITERIA_KIND] = { "plan", DIAG_ERROR,
	    "<criteria> cần kind=\"collective\" hoặc \"individual\"" },
	[DC_PLAN_ELEMENT] = { "plan", DIAG_ERROR,
	    "<%s> không có trong mẫu tệp kế hoạch" },
	[DC_PLAN_NEEDS] = { "plan", DIAG_ERROR,
	    "kế hoạch cần <issuer>, <title> và <award>" },
	[DC_PLAN_NO_PHASE] = { "plan", DIAG_ERROR,
	    "kế hoạch chưa có đợt thi đua nào (<phase>)" },
	[DC_PLAN_NO_APPROVAL] = { "plan", DIAG_ERROR,
	    "kế hoạch thiếu <approval more-than=\"…\"/> (tỉ lệ phiếu đồng "
	    "ý cần vượt)" },
	[DC_PLAN_PARAM_UNKNOWN] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: phép kiểm tra %s không có tham số \"%s\" (có: "
	    "%s)" },
	[DC_PLAN_PARAM_VALUE] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: giá trị %s=\"%s\" không hợp lệ" },
	[DC_PLAN_PARAM_MISSING] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: phép kiểm tra %s cần tham số \"%s\"" },
	[DC_PLAN_MIN_MAX] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: min=\"%s\" lớn hơn max=\"%s\"" },
	[DC_PLAN_CHECK_UNKNOWN] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: không có phép kiểm tra \"%s\"" },
	[DC_PLAN_PATTERN_PARAM] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: thuộc tính \"%s\" không dùng được với pattern" },
	[DC_PLAN_FIELD_UNKNOWN] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: không có trường \"%s\"" },
	[DC_PLAN_PLACEHOLDER] = { "plan", DIAG_ERROR,
	    "quy tắc [%s]: thông báo dùng {%s} nhưng quy tắc chỉ có: %s" },
	[DC_PRINTER_ATTR] = { "printer", DIAG_ERROR,
	    "<%s> không có thuộc tính \"%s\" (có: %s)" },
	[DC_PRINTER_NAME] = { "printer", DIAG_ERROR,
	    "tên máy in dài %zu byte, nhiều nhất %d" },
	[DC_PRINTER_TEXT] = { "printer", DIAG_ERROR,
	    "hồ sơ máy in chỉ có <offset …/>, không có chữ" },
	[DC_PRINTER_ELEMENT] = { "printer", DIAG_ERROR,
	    "<%s> không có trong hồ sơ máy in (có: offset)" },
	[DC_PRINTER_OFFSET_DUP] = { "printer", DIAG_ERROR,
	    "hồ sơ máy in chỉ có một <offset>" },
	[DC_PRINTER_NO_OFFSET] = { "printer", DIAG_ERROR,
	    "hồ sơ máy in cần <offset x=\"…mm\" y=\"…mm\"/>" },
	[DC_PRINTER_OFFSET] = { "printer", DIAG_ERROR,
	    "offset x=\"%s\" y=\"%s\": dùng độ dài như 1.5mm hoặc -2mm" },
	[DC_PRINTER_OFFSET_RANGE] = { "printer", DIAG_ERROR,
	    "offset x=\"%s\" y=\"%s\": độ lệch của máy in phải trong "
	    "khoảng -%d mm đến %d mm; hãy đo lại trên trang hiệu chỉnh" },
	[DC_FONT_ELEMENT] = { "font", DIAG_ERROR,
	    "<%s> không dùng được ở đây; tệp cấu hình gồm <dir> và <family "
	    "name=\"…\">" },
	[DC_FONT_FACE] = { "font", DIAG_ERROR,
	    "<face> cần style=\"regular|bold|italic|bold-italic\" và "
	    "file=\"…\"" },
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

/*
 * A value quoted from a configuration file (&#10; in an attribute) would
 * split the finding's line: its control characters become spaces.
 */
static void
one_line(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			*s = ' ';
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
	if (code >= DC_CONFIG_SIZE)
		one_line(b.s);
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
