package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func orgValues(code string) url.Values {
	return url.Values{"code": {code}, "name": {"Hợp tác xã Cam Xã Đoài"}, "form": {"htx"}, "sector": {"agriculture"},
		"law": {"2023"}, "commune_code": {"17605"}, "commune_valid_from": {"01/01/2008"}, "address": {"Xóm 1"},
		"founded_on": {"2019-05-20"}}
}

func TestCreateOrganisationForm(t *testing.T) {
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	body := e.page(c, "/register/new")
	if !strings.Contains(body, `name="commune_valid_from"`) || !strings.Contains(body, "Liên hiệp hợp tác xã") {
		t.Fatal("the form lacks its fields")
	}
	before := e.count(`SELECT COUNT(*) FROM organisations`)
	resp, page := e.postForm(c, "/register", orgValues("29001234"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(page, "code"), "10 chữ số") {
		t.Fatalf("an 8-digit code: %d, %q", resp.StatusCode, fieldError(page, "code"))
	}
	if !strings.Contains(page, `value="Hợp tác xã Cam Xã Đoài"`) {
		t.Error("the form does not keep what was typed")
	}
	bad := orgValues("2900123456")
	bad.Set("founded_on", "30/02/2020")
	if resp, page := e.postForm(c, "/register", bad); resp.StatusCode != http.StatusUnprocessableEntity || fieldError(page, "founded_on") == "" {
		t.Errorf("a day that does not exist: %d", resp.StatusCode)
	}
	if n := e.count(`SELECT COUNT(*) FROM organisations`); n != before {
		t.Fatalf("refused forms stored %d organisations", n-before)
	}
	resp, _ = e.postForm(c, "/register", orgValues("2900123456001"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a valid form: %d", resp.StatusCode)
	}
	o, err := e.db.OrganisationByCode(context.Background(), "2900123456-001")
	if err != nil || o.FoundedOn == nil || o.FoundedOn.Format("2006-01-02") != "2019-05-20" || o.CommuneValidFrom == nil {
		t.Fatalf("stored %+v, %v", o, err)
	}
	if loc := resp.Header.Get("Location"); loc != fmt.Sprintf("/register/%d", o.ID) {
		t.Errorf("Location %q", loc)
	}
	edit := e.page(c, fmt.Sprintf("/register/%d/edit", o.ID))
	if !strings.Contains(edit, `value="2900123456-001"`) || !strings.Contains(edit, `value="2019-05-20"`) {
		t.Error("the edit form is not filled in")
	}
	// A viewer neither sees the form nor stores one.
	v := e.login(viewerEmail)
	if resp, _ := e.get(v, "/register/new"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer form: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(v, "/register", orgValues("2900123457")); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer save: %d", resp.StatusCode)
	}
}
