# Sourced by tests/run.sh: the places, signatures and dates of the
# documents as the forms give them (issue 11 items 1 to 3), read from the
# PDFs' text layer.  A Bằng khen is dated at the awarding authority's
# place (decision/@place, else the plan's), never at the nominating
# unit's; the other documents at the issuer's.  A Báo cáo thành tích is
# signed by the individual, or by the collective's own head
# (report/signer), and confirmed by confirmed-by, the two titles on one
# line; it is dated report/@date, else left to date by hand.

mdir=$out/model
rm -rf "$mdir"
mkdir -p "$mdir"
mbad=
for f in tests/units/ubnd-bat-xat.xml input/bdbp-dot-2.xml \
    tests/units/model/decision-place.xml; do
	"$prog" render --quiet -o "$mdir" "$f" >"$mdir/render.log" 2>&1 ||
	    mbad="$mbad $(basename "$f")"
done
[ -z "$mbad" ] && ok "model: the dossiers render" ||
    notok "model: the dossiers render (failed:$mbad)"

# mtext FILE: the PDF's text, one line per line of the page.
mtext() { pdftotext -layout "$mdir/$1" - 2>/dev/null; }

# Bát Xát nominates; the province awards: the certificate (and its draft
# place line) says Lào Cai, the Tờ trình still Bát Xát.
if mtext ubnd-bat-xat/bang-khen-TT01.pdf | grep -q 'Lào Cai, ngày' &&
    ! mtext ubnd-bat-xat/bang-khen-TT01.pdf | grep -q 'Bát Xát, ngày' &&
    mtext ubnd-bat-xat/bang-khen-CN01.pdf | grep -q 'Lào Cai, ngày' &&
    mtext ubnd-bat-xat/to-trinh.pdf | grep -q 'Bát Xát, ngày 24 tháng 6'
then
	ok "model: a district's Bằng khen is dated at Lào Cai, its Tờ trình at Bát Xát"
else
	notok "model: a district's Bằng khen is dated at Lào Cai, its Tờ trình at Bát Xát"
fi

# decision/@place overrides the plan's place, on each certificate and in
# the print file.
if mtext decision-place/bang-khen-TT01.pdf |
    grep -q 'Hà Nội, ngày 15 tháng 7 năm 2024' &&
    [ "$(mtext decision-place/bang-khen-in.pdf |
    grep -c 'Hà Nội, ngày 15 tháng 7 năm 2024')" -eq 2 ] &&
    ! mtext decision-place/bang-khen-in.pdf | grep -q 'Lào Cai, ngày'
then
	ok "model: decision/@place dates the Bằng khen and the print file"
else
	notok "model: decision/@place dates the Bằng khen and the print file"
fi

# A collective's report: its own head signs (THỦ TRƯỞNG ĐƠN VỊ and the
# name of report/signer); the Tờ trình's signer is not in it.
if mtext bdbp-dot-2/bao-cao-TT01.pdf | grep -q 'THỦ TRƯỞNG ĐƠN VỊ' &&
    mtext bdbp-dot-2/bao-cao-TT01.pdf | grep -q 'Trung tá Phạm Văn Kiên' &&
    ! mtext bdbp-dot-2/bao-cao-TT01.pdf | grep -q 'Lê Đức Toàn' &&
    mtext ubnd-bat-xat/bao-cao-TT01.pdf | grep -q 'Lù Văn Thắng' &&
    ! mtext ubnd-bat-xat/bao-cao-TT01.pdf | grep -q 'Hoàng Quốc Khánh'
then
	ok "model: a collective's report is signed by its own head, not the Tờ trình's signer"
else
	notok "model: a collective's report is signed by its own head, not the Tờ trình's signer"
fi

# mbase FILE WORD1 WORD2: the two words (first of each) on one baseline,
# and WORD2 right of WORD1, in the PDF's text boxes.
mbase() {
	pdftotext -bbox-layout "$mdir/$1" - 2>/dev/null | awk -v a="$2" -v b="$3" '
	    function attr(s, k,   r) {
		r = s; sub(".*" k "=\"", "", r); sub("\".*", "", r); return r
	    }
	    /<word / {
		w = $0; sub(".*\">", "", w); sub("</word>.*", "", w)
		if (w == a && ya == "") {
			ya = attr($0, "yMax") + 0; xa = attr($0, "xMin") + 0
		}
		if (w == b && yb == "") {
			yb = attr($0, "yMax") + 0; xb = attr($0, "xMin") + 0
		}
	    }
	    END {
		if (ya == "" || yb == "") exit 1
		d = ya - yb; if (d < 0) d = -d
		exit !(d < 0.5 && xb > xa)
	    }'
}

# An individual's report: the individual signs under NGƯỜI BÁO CÁO THÀNH
# TÍCH; the confirming title starts on the same line.
if mtext ubnd-bat-xat/bao-cao-CN01.pdf |
    grep -A 12 'NGƯỜI BÁO CÁO THÀNH TÍCH' | grep -q 'Sần Thị Dung' &&
    mbase ubnd-bat-xat/bao-cao-CN01.pdf XÁC NGƯỜI &&
    mbase ubnd-bat-xat/bao-cao-TT01.pdf XÁC THỦ &&
    mbase bdbp-dot-2/bao-cao-TT01.pdf XÁC THỦ
then
	ok "model: the report's two signature titles share a baseline; the individual signs"
else
	notok "model: the report's two signature titles share a baseline; the individual signs"
fi

# report/@date dates the report; without it the date is left to write.
if mtext ubnd-bat-xat/bao-cao-TT01.pdf |
    grep -q 'Bát Xát, ngày 14 tháng 6 năm 2024' &&
    mtext ubnd-bat-xat/bao-cao-TT02.pdf |
    grep -q 'Bát Xát, ngày \.* tháng \.* năm \.*' &&
    ! mtext ubnd-bat-xat/bao-cao-TT02.pdf | grep -q 'ngày 24 tháng 6' &&
    mtext bdbp-dot-2/bao-cao-CN01.pdf |
    grep -q 'Lào Cai, ngày 28 tháng 11 năm 2024'
then
	ok "model: a report is dated report/@date, else ngày ... tháng ... năm ... to fill"
else
	notok "model: a report is dated report/@date, else ngày ... tháng ... năm ... to fill"
fi

# A collective without report/signer: THỦ TRƯỞNG ĐƠN VỊ and a blank name
# (the warning is in tests/check/report-signer.out).
if mtext ubnd-bat-xat/bao-cao-TT02.pdf | grep -q 'THỦ TRƯỞNG ĐƠN VỊ' &&
    ! mtext ubnd-bat-xat/bao-cao-TT02.pdf | grep -q 'Hoàng Quốc Khánh'
then
	ok "model: a collective's report without a signer leaves the name to write"
else
	notok "model: a collective's report without a signer leaves the name to write"
fi

# The skeleton of init: a collective's report has its own head to fill in
# report/signer, before confirmed-by.
"$prog" init --plan plans/217-KH-UBND.xml --phase 1 -o "$mdir/init.xml" \
    >/dev/null 2>&1
if perl -0777 -ne 's/<!--.*?-->//gs; s/\s+//g;
    exit !m{<signer><title>\[CẦNĐIỀN:chứcvụthủtrưởngcủachínhtậpthể[^<]*</title><name>\[CẦNĐIỀN:họtênthủtrưởngcủachínhtậpthể[^<]*</name></signer><confirmed-by>}' \
    "$mdir/init.xml"
then
	ok "model: init writes a collective's report/signer to fill"
else
	notok "model: init writes a collective's report/signer to fill"
fi
