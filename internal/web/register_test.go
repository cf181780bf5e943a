package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRegisterList(t *testing.T) {
	e := newEnv(t)
	c := e.login(viewerEmail)
	body := e.page(c, "/register")
	for _, want := range []string{"Cơ sở dữ liệu kinh tế tập thể", "Hợp tác xã Nông nghiệp Sen Quê", "Quỹ tín dụng nhân dân Diễn Thịnh",
		"Tổ hợp tác đan lát mây tre Thanh Chương", "Giải thể", "17605 → 17611", "Số tổ chức: 6"} {
		if !strings.Contains(body, want) {
			t.Errorf("the register page lacks %q", want)
		}
	}
	// Vietnamese order: Dịch vụ before Nông nghiệp before Nước sạch.
	if i, j := strings.Index(body, "Dịch vụ vận tải"), strings.Index(body, "Nông nghiệp Sen Quê"); i < 0 || j < 0 || i > j {
		t.Errorf("not in Vietnamese order")
	}
	if strings.Contains(body, `href="/register/new"`) {
		t.Error("a viewer is offered to add an organisation")
	}
	found := e.page(c, "/register?q="+url.QueryEscape("dien thinh"))
	if !strings.Contains(found, "Quỹ tín dụng nhân dân Diễn Thịnh") || strings.Contains(found, "Sen Quê") {
		t.Error("searching without accents does not find Diễn Thịnh alone")
	}
	if b := e.page(c, "/register?form=tht"); !strings.Contains(b, "Thanh Chương") || strings.Contains(b, "Sen Quê") {
		t.Error("the form filter")
	}
	resp, bad := e.get(c, "/register?form=qtdnd")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(bad, "Tham số form") || strings.Contains(bad, "Sen Quê") {
		t.Errorf("an unknown form: %d", resp.StatusCode)
	}
	if b := e.page(e.login(coordinatorEmail), "/register"); !strings.Contains(b, `href="/register/new"`) {
		t.Error("the coordinator is not offered to add an organisation")
	}
}
