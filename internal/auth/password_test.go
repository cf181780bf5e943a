package auth

import (
	"errors"
	"strings"
	"testing"
)

// A stored hash accepts its own password only, carries its parameters in
// the PHC format, and is salted: the same password never hashes the same.
func TestHashAndCheckPassword(t *testing.T) {
	const pw = "mật khẩu đủ dài 2026"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not name argon2id and its parameters", h)
	}
	for _, c := range []struct {
		password string
		want     bool
	}{{pw, true}, {pw + " ", false}, {"", false}, {strings.ToUpper(pw), false}} {
		ok, err := CheckPassword(h, c.password)
		if err != nil || ok != c.want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", c.password, ok, err, c.want)
		}
	}
	again, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if again == h {
		t.Error("two hashes of one password are equal: no salt")
	}
}

// A damaged or foreign hash is an error, never a match and never a panic,
// even with parameters that would make argon2 work for ever or not at all.
func TestCheckPasswordMalformed(t *testing.T) {
	good, err := HashPassword("một mật khẩu khác 2026")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string{}, parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	for name, h := range map[string]string{
		"empty":          "",
		"bcrypt":         "$2a$10$abcdefghijklmnopqrstuu5Zq4bCz0dXb1rW5D5I5gK8bQd3a5mO",
		"argon2i":        with(1, "argon2i"),
		"old version":    with(2, "v=16"),
		"no parameters":  with(3, ""),
		"zero memory":    with(3, "m=0,t=2,p=1"),
		"zero threads":   with(3, "m=19456,t=2,p=0"),
		"salt not b64":   with(4, "!!!"),
		"empty key":      with(5, ""),
		"key too long":   with(5, strings.Repeat("A", 1400)),
		"missing part":   strings.Join(parts[:5], "$"),
		"one part extra": good + "$x",
	} {
		t.Run(name, func(t *testing.T) {
			ok, err := CheckPassword(h, "một mật khẩu khác 2026")
			if ok || !errors.Is(err, errBadHash) {
				t.Errorf("CheckPassword = %v, %v; want false, errBadHash", ok, err)
			}
		})
	}
}

// RandomSecret gives n bytes as URL-safe text, different every call.
func TestRandomSecret(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s := RandomSecret(24)
		if len(s) != 32 || strings.ContainsAny(s, "+/=") {
			t.Fatalf("RandomSecret(24) = %q: want 32 URL-safe characters", s)
		}
		if seen[s] {
			t.Fatalf("RandomSecret repeated %q", s)
		}
		seen[s] = true
	}
}
