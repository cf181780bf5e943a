package planimport

import (
	"strings"
	"testing"
)

func TestMetadataFormal(t *testing.T) {
	t.Parallel()
	r := parseText(t, strings.Join([]string{
		"ỦY BAN NHÂN DÂN",
		"TỈNH THANH HÓA",
		"-------",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Số: 187/KH-UBND",
		"Thanh Hóa, ngày 3-6-2020",
		"KẾ HOẠCH",
		"Thực hiện Kết luận số 70-KL/TW",
		"I. MỤC ĐÍCH",
		"Nội dung.",
		"TM. ỦY BAN NHÂN DÂN",
		"CHỦ TỊCH",
		"",
		"NGUYỄN VĂN A",
	}, "\n"))
	d := r.Document
	for field, pair := range map[string][2]*string{
		"number":       {d.Number, strPtr("187/KH-UBND")},
		"type":         {d.Type, strPtr("KH")},
		"issuer":       {d.Issuer, strPtr("Ủy ban nhân dân tỉnh Thanh Hóa")},
		"place":        {d.Place, strPtr("Thanh Hóa")},
		"signer":       {d.Signer, strPtr("Nguyễn Văn A")},
		"signer_title": {d.SignerTitle, strPtr("Chủ tịch")},
		"title":        {d.Title, strPtr("Thực hiện Kết luận số 70-KL/TW")},
	} {
		if deref(pair[0]) != deref(pair[1]) {
			t.Errorf("%s = %q, want %q", field, deref(pair[0]), deref(pair[1]))
		}
	}
	if d.IssuedOn == nil || d.IssuedOn.String() != "2020-06-03" {
		t.Errorf("issued_on = %v", d.IssuedOn)
	}
	if len(r.Implements) != 1 || r.Implements[0].Number != "70-KL/TW" {
		t.Errorf("implements = %+v", r.Implements)
	}
}

func TestMetadataHeaderConflict(t *testing.T) {
	t.Parallel()
	r := parseText(t, "Số hiệu 5/QĐ-UBND\nNgày ban hành 02/01/2024\nLoại văn bản Quyết định\nNgười ký Trần Thị B\n\nHà Nội, ngày 3 tháng 1 năm 2024\n")
	if d := r.Document; deref(d.Number) != "5/QĐ-UBND" || deref(d.Type) != "QĐ" || d.IssuedOn.String() != "2024-01-03" || deref(d.Signer) != "Trần Thị B" {
		t.Errorf("document = %+v", d)
	}
	if !hasKey(r, warnDateConflict) {
		t.Errorf("warnings = %q", r.Warnings)
	}
}

func TestIssuedBy(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"(Baothanhhoa.vn) - UBND tỉnh Thanh Hóa vừa ban hành kế hoạch về việc thực hiện Kế hoạch số 204-KH/TU":           "UBND tỉnh Thanh Hóa",
		"Ngày 03/6/2020, Ban Thường vụ Tỉnh uỷ đã ban hành Kế hoạch số 204-KH/TU; UBND tỉnh ban hành Kế hoạch hành động": "UBND tỉnh",
		"Theo đó, vừa qua, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện Kết luận 70-KL/TW":                          "Ban Thường vụ Tỉnh ủy",
	}
	for in, want := range cases {
		if got := deref(parseText(t, in).Document.Issuer); got != want {
			t.Errorf("%q: issuer %q, want %q", in, got, want)
		}
	}
}

func TestProperCase(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG": "Ủy ban nhân dân thành phố Hải Phòng",
		"BAN THƯỜNG VỤ THÀNH ỦY HẢI PHÒNG":    "Ban Thường vụ Thành ủy Hải Phòng",
		"BỘ CHÍNH TRỊ":                        "Bộ Chính trị",
		"Ban Thường vụ Tỉnh uỷ":               "Ban Thường vụ Tỉnh uỷ",
		"SỞ TÀI CHÍNH TỈNH NGHỆ AN":           "Sở Tài chính tỉnh Nghệ An",
		"VỀ VIỆC THỰC HIỆN":                   "Về việc thực hiện",
	}
	for in, want := range cases {
		if got := properCase(in); got != want {
			t.Errorf("properCase(%q) = %q, want %q", in, got, want)
		}
	}
	if got := sentenceCase("PHÓ CHỦ TỊCH"); got != "Phó Chủ tịch" {
		t.Errorf("sentenceCase = %q", got)
	}
}
