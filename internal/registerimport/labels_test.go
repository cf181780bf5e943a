package registerimport

import "testing"

func TestLabels(t *testing.T) {
	tests := []struct {
		m     map[string]string
		label string
		want  string
	}{
		{forms, "Tổ hợp tác", FormTHT},
		{forms, "HỢP TÁC XÃ", FormHTX},
		{forms, "QTDND", FormHTX},
		{forms, "Liên hiệp hợp tác xã", FormLHHTX},
		{forms, "lhhtx", FormLHHTX},
		{sectors, "Nông, lâm, ngư nghiệp", "agriculture"},
		{sectors, "CN-TTCN", "industry"},
		{sectors, "Thương mại - dịch vụ", "trade"},
		{sectors, "Nước sạch", "water"},
		{sectors, "Quản lý chợ", "market"},
		{sectors, "credit", "credit"},
		{statuses, "Đang hoạt động", "active"},
		{statuses, "Tạm ngừng hoạt động", "suspended"},
		{statuses, "Đã giải thể", "dissolved"},
		{statuses, "Sáp nhập", "merged"},
		{statuses, "Phá sản", "bankrupt"},
		{statuses, "Thu hồi giấy chứng nhận", "revoked"},
		{ratings, "Tốt", "good"},
		{ratings, "khá", "fair"},
		{ratings, "Trung bình", "average"},
		{ratings, "Yếu", "weak"},
	}
	for _, tt := range tests {
		if got, ok := lookup(tt.m, tt.label); !ok || got != tt.want {
			t.Errorf("%q = %q, %v; want %q", tt.label, got, ok, tt.want)
		}
	}
	if _, ok := lookup(forms, "Công ty"); ok {
		t.Error("a company taken for a legal form")
	}
}

func TestFormFromName(t *testing.T) {
	for name, want := range map[string]string{
		"HTX Nông nghiệp Tân Hòa":        FormHTX,
		"Hợp tác xã Thủy sản":            FormHTX,
		"Liên hiệp HTX Nông sản":         FormLHHTX,
		"Tổ hợp tác nuôi ong":            FormTHT,
		"Quỹ tín dụng nhân dân Cao Lãnh": FormHTX,
		"Công ty TNHH An Phát":           "",
		"HTXanh":                         "",
	} {
		if got := formFromName(name); got != want {
			t.Errorf("formFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParseBool(t *testing.T) {
	for s, want := range map[string]bool{"x": true, "X": true, "Có": true, "1": true, "không": false, "0": false} {
		if got, ok := parseBool(s); !ok || got != want {
			t.Errorf("parseBool(%q) = %v, %v", s, got, ok)
		}
	}
	if _, ok := parseBool("có lẽ"); ok {
		t.Error("a doubt read as yes or no")
	}
}
