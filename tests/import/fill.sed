# Fills every marked place "[CẦN ĐIỀN: …]" that import and init leave, as
# a secretary would, so that the dossier must then pass check quietly.
# The two dates are the examples the marks give, inside the phase.
s/\[CẦN ĐIỀN: cơ quan chủ quản[^]]*\]/QUÂN KHU 2/g
s/\[CẦN ĐIỀN: tên cơ quan trình[^]]*\]/BỘ CHỈ HUY QUÂN SỰ TỈNH LÀO CAI/g
s/\[CẦN ĐIỀN: tên viết tắt[^]]*\]/BCH/g
s/\[CẦN ĐIỀN: địa danh[^]]*\]/Lào Cai/g
s/\[CẦN ĐIỀN: số tờ trình[^]]*\]/125\/TTr-BCH/g
s/\[CẦN ĐIỀN: ngày tờ trình[^]]*ví dụ \([0-9-]*\)\]/\1/g
s/\[CẦN ĐIỀN: nơi kính gửi[^]]*\]/Chủ tịch Ủy ban nhân dân tỉnh Lào Cai/g
s/\[CẦN ĐIỀN: quyền hạn ký[^]]*\]/KT. CHỈ HUY TRƯỞNG/g
s/\[CẦN ĐIỀN: chức vụ người ký[^]]*\]/PHÓ CHỈ HUY TRƯỞNG/g
s/\[CẦN ĐIỀN: cấp bậc người ký[^]]*\]/Đại tá/g
s/\[CẦN ĐIỀN: họ tên người ký[^]]*\]/Lê Văn Hùng/g
s/\[CẦN ĐIỀN: nơi nhận khác[^]]*\]/Sở Nội vụ (Ban TĐKT)/g
s/\[CẦN ĐIỀN: số biên bản[^]]*\]/15\/BB-HĐTĐKT/g
s/\[CẦN ĐIỀN: ngày họp Hội đồng[^]]*ví dụ \([0-9-]*\)\]/\1/g
s/\[CẦN ĐIỀN: giờ bắt đầu[^]]*\]/08:00/g
s/\[CẦN ĐIỀN: giờ kết thúc[^]]*\]/10:30/g
s/\[CẦN ĐIỀN: tên Hội đồng[^]]*\]/Hội đồng Thi đua - Khen thưởng Bộ Chỉ huy Quân sự tỉnh Lào Cai/g
s/\[CẦN ĐIỀN: nơi họp[^]]*\]/Hội trường Bộ Chỉ huy Quân sự tỉnh Lào Cai/g
s/\[CẦN ĐIỀN: họ tên chủ tọa[^]]*\]/Lê Văn Hùng/g
s/\[CẦN ĐIỀN: họ tên ủy viên[^]]*\]/Giàng Seo Phử/g
s/\[CẦN ĐIỀN: họ tên thư ký[^]]*\]/Nguyễn Thị Ánh Tuyết/g
s/\[CẦN ĐIỀN: chức vụ chủ tọa[^]]*\]/Phó Chỉ huy trưởng, Chủ tịch Hội đồng/g
s/\[CẦN ĐIỀN: chức vụ ủy viên[^]]*\]/Chủ nhiệm Chính trị, Ủy viên/g
s/\[CẦN ĐIỀN: chức vụ thư ký[^]]*\]/Trợ lý Tuyên huấn, Thư ký Hội đồng/g
s/\[CẦN ĐIỀN: cấp bậc, ví dụ[^]]*\]/Thượng tá/g
s/\[CẦN ĐIỀN: tên tập thể[^]]*\]/Ban Chỉ huy Quân sự huyện Bát Xát/g
s/\[CẦN ĐIỀN: họ và tên[^]]*\]/Nguyễn Thị Hoa/g
s/\[CẦN ĐIỀN: giới tính[^]]*\]/female/g
s/\[CẦN ĐIỀN: ngày sinh[^]]*\]/1986-02-05/g
s/\[CẦN ĐIỀN: dân tộc[^]]*\]/Kinh/g
s/\[CẦN ĐIỀN: cấp bậc quân hàm[^]]*\]/Thiếu tá/g
s/\[CẦN ĐIỀN: chức vụ, ví dụ[^]]*\]/Trợ lý Tuyên huấn/g
s/\[CẦN ĐIỀN: đơn vị công tác[^]]*\]/Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh Lào Cai/g
s/\[CẦN ĐIỀN: cơ quan, đơn vị cấp trên[^]]*\]/Bộ Chỉ huy Quân sự tỉnh Lào Cai/g
s/\[CẦN ĐIỀN: tóm tắt thành tích[^]]*\]/Đã hoàn thành xuất sắc nhiệm vụ, tích cực tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ./g
s/\[CẦN ĐIỀN: nội dung báo cáo thành tích[^]]*\]/Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tuyên truyền, kỷ niệm các ngày lễ lớn của đợt thi đua./g
s/\[CẦN ĐIỀN: chức vụ thủ trưởng[^]]*\]/CHỈ HUY TRƯỞNG/g
s/\[CẦN ĐIỀN: cấp bậc thủ trưởng[^]]*\]/Đại tá/g
s/\[CẦN ĐIỀN: họ tên thủ trưởng[^]]*\]/Phạm Văn Kiên/g
s/\[CẦN ĐIỀN: số phiếu đồng ý[^]]*\]/3/g
s/\[CẦN ĐIỀN: số phiếu không đồng ý[^]]*\]/0/g
s/\[CẦN ĐIỀN: mã hồ sơ[^]]*\]/ho-so-mau/g
s/\[CẦN ĐIỀN: số kế hoạch[^]]*\]/217\/KH-UBND/g
s/\[CẦN ĐIỀN: số đợt thi đua[^]]*\]/1/g
s/\[CẦN ĐIỀN: căn cứ, ví dụ \([^]]*\)\]/\1/g
