#!/usr/bin/env python3
"""Write a deterministic dossier of N nominees (half collectives) for
benchmarks, and a plan like 217/KH-UBND whose quota allows them.

usage: gen-dossier.py N DOSSIER.xml PLAN.xml
"""
import sys

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ",
          "Giàng", "Sùng", "Thào", "Vàng", "Lý", "Tẩn", "Chảo", "Lù", "Nông"]
MIDDLE = ["Văn", "Thị", "Seo", "A", "Láo", "Minh", "Đức", "Thu", "Ánh"]
GIVEN = ["Hùng", "Tuyết", "Phử", "Lở", "Dình", "Hằng", "Sử", "Tiến", "Mẩy",
         "Lử", "Cường", "Bằng", "Sình", "Páo", "Chứ", "Quân", "Lan", "Mai"]
UNITS = ["Bát Xát", "Mường Khương", "Si Ma Cai", "Bắc Hà", "Bảo Thắng",
         "Bảo Yên", "Văn Bàn", "Sa Pa"]
RANKS = ["Thiếu úy", "Trung úy", "Thượng úy", "Đại úy", "Thiếu tá",
         "Trung tá", "Thượng tá QNCN"]


def name(i):
    return "%s %s %s" % (FAMILY[i % len(FAMILY)],
                         MIDDLE[(i // len(FAMILY)) % len(MIDDLE)],
                         GIVEN[(i // (len(FAMILY) * len(MIDDLE))) % len(GIVEN)])


def main():
    n = int(sys.argv[1])
    out, plan = sys.argv[2], sys.argv[3]
    present = 7
    nominees = []
    for i in range(n):
        unit = UNITS[i % len(UNITS)]
        if i % 2 == 0:
            nominees.append('''  <nominee id="TT%05d" kind="collective">
    <name>Ban Chỉ huy quân sự xã số %d huyện %s</name>
    <unit>Ban Chỉ huy quân sự huyện %s</unit>
    <summary>Đã có thành tích xuất sắc trong tổ chức các hoạt động tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ.</summary>
    <report>
      <section title="Thành tích đạt được"><p>Tổ chức %d buổi tuyên truyền cho hơn %d lượt người; xây dựng lực lượng dân quân vững mạnh, rộng khắp.</p></section>
      <signer><title>CHỈ HUY TRƯỞNG</title><rank>Thiếu tá</rank><name>Lò Văn Sáng</name></signer>
      <confirmed-by><title>CHỈ HUY TRƯỞNG</title><rank>Thượng tá</rank><name>Sùng A Páo</name></confirmed-by>
    </report>
    <vote yes="7" no="0"/>
  </nominee>
''' % (i + 1, i + 1, unit, unit, 10 + i % 40, 1000 + i))
        else:
            nominees.append('''  <nominee id="CN%05d" kind="individual">
    <name>%s</name>
    <gender>%s</gender><birth-date>%d-%02d-%02d</birth-date><ethnicity>Kinh</ethnicity>
    <rank>%s</rank><position>Trợ lý Tác huấn</position>
    <unit>Ban Chỉ huy quân sự huyện %s</unit>
    <summary>Đã có thành tích xuất sắc, hoàn thành xuất sắc nhiệm vụ huấn luyện dân quân tự vệ trong đợt thi đua.</summary>
    <report>
      <section title="Thành tích đạt được"><p>Có sáng kiến cải tiến giáo cụ huấn luyện, được áp dụng tại %d đơn vị.</p></section>
      <confirmed-by><title>CHỈ HUY TRƯỞNG</title><rank>Thượng tá</rank><name>Sùng A Páo</name></confirmed-by>
    </report>
    <vote yes="6" no="1"/>
  </nominee>
''' % (i + 1, name(i), "male" if i % 3 else "female", 1970 + i % 30,
       1 + i % 12, 1 + i % 28, RANKS[i % len(RANKS)], unit, 1 + i % 9))
    with open(out, "w", encoding="utf-8") as f:
        f.write('''<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="urn:khenthuong:dossier:1" id="bench-%d" plan="900/KH-BENCH" phase="1">
  <issuer><parent>QUÂN KHU 2</parent><name>BỘ CHỈ HUY QUÂN SỰ TỈNH LÀO CAI</name><abbr>BCH</abbr><place>Lào Cai</place></issuer>
  <submission number="125/TTr-BCH" date="2024-06-27">
    <to>Chủ tịch Ủy ban nhân dân tỉnh Lào Cai</to>
    <basis>Căn cứ Kế hoạch số 900/KH-BENCH ngày 15/4/2024</basis>
    <signer><title>CHỈ HUY TRƯỞNG</title><rank>Đại tá</rank><name>Lê Văn Hùng</name></signer>
    <recipients><item>Như trên</item><item>Lưu: VT, CT</item></recipients>
  </submission>
  <meeting number="15/BB-HĐTĐKT" date="2024-06-24" start="08:00" end="10:30">
    <council>Hội đồng Thi đua - Khen thưởng Bộ CHQS tỉnh Lào Cai</council>
    <place>Hội trường Bộ CHQS tỉnh Lào Cai</place>
    <member role="chair"><name>Lê Văn Hùng</name><rank>Đại tá</rank><title>Phó Chỉ huy trưởng</title></member>
%s    <member role="secretary"><name>Nguyễn Thị Ánh Tuyết</name><rank>Thiếu tá</rank><title>Trợ lý Tuyên huấn</title></member>
  </meeting>
%s  <decision number="1234/QĐ-UBND" date="2024-07-15" first-book-number="1">
    <signer><title>CHỦ TỊCH</title><name>Trịnh Xuân Trường</name></signer>
  </decision>
</dossier>
''' % (n, "".join('    <member role="member"><name>%s</name><rank>Trung tá</rank><title>Ủy viên</title></member>\n' % name(10000 + k) for k in range(present - 2)),
       "".join(nominees)))
    src = open(sys.argv[4] if len(sys.argv) > 4 else "plans/217-KH-UBND.xml",
               encoding="utf-8").read()
    src = src.replace('number="217/KH-UBND"', 'number="900/KH-BENCH"')
    src = src.replace('quota="10"', 'quota="%d"' % max(n, 10))
    with open(plan, "w", encoding="utf-8") as f:
        f.write(src)


if __name__ == "__main__":
    main()
