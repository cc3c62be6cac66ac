#!/bin/sh
# Writes a civil unit's nominee list of N rows (default 300) to standard
# output: a district's offices, schools and communes and their people,
# with no rank column; every tenth row a collective, every name another.
# Usage: sh tests/import/civil-list.sh [N]
n=${1:-300}
awk -v n="$n" 'BEGIN {
	split("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ", ho, " ")
	split("Văn Thị Đức Minh Quốc Thu Ngọc Hữu Thanh Kim", dem, " ")
	split("An Bình Chi Dũng Giang Hà Khánh Lan Mai Nam", ten, " ")
	split("Phòng Nội vụ;Phòng Giáo dục và Đào tạo;" \
	    "Trường Tiểu học Bản Vược;Ủy ban nhân dân xã Y Tý;" \
	    "Trạm Y tế xã Mường Hum", don, ";")
	split("Trưởng phòng;Chuyên viên;Giáo viên;Chủ tịch;Y sĩ", cv, ";")
	split("Kinh Tày Mông Dao Giáy", dt, " ")
	huyen = "Ủy ban nhân dân huyện Bát Xát"
	print "STT,Họ và tên,Tên tập thể,Ngày sinh,Giới tính,Dân tộc," \
	    "Chức vụ,Đơn vị,Tóm tắt thành tích"
	for (i = 1; i <= n; i++) {
		d = don[i % 5 + 1]
		if (i % 10 == 1) {
			printf "%d,,\"Tổ công tác số %d, %s\",,,,,%s,\n",
			    i, i, d, huyen
			continue
		}
		k = i - 1
		name = ho[k % 10 + 1] " " dem[int(k / 10) % 10 + 1] " " \
		    ten[int(k / 100) % 10 + 1]
		printf "%d,%s,,%d/%d/%d,%s,%s,%s,\"%s, %s\",\n", i, name,
		    k % 28 + 1, k % 12 + 1, 1970 + k % 30,
		    k % 2 ? "Nữ" : "Nam", dt[k % 5 + 1], cv[k % 5 + 1], d, huyen
	}
}'
