package auth_test

import (
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

func TestValidateEmail(t *testing.T) {
	for _, tc := range []struct {
		name, addr string
		want       string // the message key on the email field; "" for valid
	}{
		{"plain", "admin@example.org", ""},
		{"digits and dots", "can.bo.2@stc.hanoi.gov.vn", ""},
		{"plus and hyphen", "so-tai-chinh+hoptac@x-y.vn", ""},
		{"Vietnamese letters are Latin", "nguyễn.văn.đức@sở.vn", ""},
		{"whole Cyrillic address", "почта@пример.рф", ""},
		{"whole Greek address", "δοκιμή@παράδειγμα.δοκιμή", ""},
		{"Japanese mixes Han, kana and Latin", "tanaka@日本語のテスト.jp", ""},
		{"Korean mixes Hangul, Han and Latin", "kim@한국語.kr", ""},

		{"Cyrillic a in the domain", "admin@ex\u0430mple.org", "error.field.email_mixed_script"},
		{"Cyrillic o in the local part", "ad\u043Ein@example.org", "error.field.email_mixed_script"},
		{"Cyrillic domain label, Latin TLD", "admin@\u0435\u0445\u0430\u0440.org", "error.field.email_mixed_script"},
		{"Greek omicron", "admin@g\u03BFogle.com", "error.field.email_mixed_script"},
		{"Cyrillic with Greek", "почта@παράδειγμα.рф", "error.field.email_mixed_script"},
		{"Armenian with Latin", "admin@exa\u0578ple.org", "error.field.email_mixed_script"},
		{"Cyrillic with Han", "\u0430@例子.中国", "error.field.email_mixed_script"},

		{"zero-width space", "admin\u200B@example.org", "error.field.email"},
		{"soft hyphen", "ad\u00ADmin@example.org", "error.field.email"},
		{"right-to-left override", "admin@\u202Eexample.org", "error.field.email"},
		{"no-break space", "admin\u00A0@example.org", "error.field.email"},
		{"display name", "Admin <admin@example.org>", "error.field.email"},
		{"angle brackets", "<admin@example.org>", "error.field.email"},
		{"no at", "khong-phai-email", "error.field.email"},
		{"empty", "", "error.field.email"},
		{"empty domain label", "a@example..org", "error.field.email"},
		{"trailing dot", "a@example.org.", "error.field.email"},
		{"quoted local part", `"a b"@example.org`, "error.field.email"},
		{"unassigned code point", "a\U000E0080@example.org", "error.field.email"},
		{"private use", "a\uE000@example.org", "error.field.email"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := auth.ValidateEmail(tc.addr)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("ValidateEmail(%q) = %v, want valid", tc.addr, err)
				}
				return
			}
			e := apperr.As(err)
			if err == nil || e.Code != apperr.Validation || e.Fields["email"] != tc.want {
				t.Fatalf("ValidateEmail(%q) = %v, want %s on email", tc.addr, err, tc.want)
			}
		})
	}
}

// Every account passes through User.Validate, so the command line and the
// web both refuse a look-alike address.
func TestUserValidateRefusesMixedScript(t *testing.T) {
	u := auth.User{Email: " ADMIN@EX\u0410MPLE.ORG ", Name: "Quản trị", Role: auth.RoleViewer}
	u.Normalize()
	err := u.Validate()
	if got := apperr.As(err).Fields["email"]; got != "error.field.email_mixed_script" {
		t.Fatalf("Validate(%q) = %v, want the mixed-script error on email", u.Email, err)
	}
	u.Email = "admin@example.org"
	if err := u.Validate(); err != nil {
		t.Errorf("Validate(%q) = %v", u.Email, err)
	}
}
