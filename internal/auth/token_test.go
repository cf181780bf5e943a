package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

func TestParseTokenExpiry(t *testing.T) {
	now := time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Duration // 0: no expiry
		bad  bool
	}{
		{"", 0, false},
		{"90d", 90 * 24 * time.Hour, false},
		{"12h", 12 * time.Hour, false},
		{"2w", 14 * 24 * time.Hour, false},
		{"0d", 0, true},
		{"-3d", 0, true},
		{"90", 0, true},
		{"d", 0, true},
		{"90y", 0, true},
		{"3651d", 0, true},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTokenExpiry(tt.in, now)
			if tt.bad {
				if apperr.As(err).Fields["expires"] != "error.field.token_expiry" {
					t.Fatalf("ParseTokenExpiry(%q) = %v, %v; want the expires field error", tt.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == 0 {
				if got != nil {
					t.Errorf("got %v, want no expiry", got)
				}
				return
			}
			if got == nil || !got.Equal(now.Add(tt.want)) {
				t.Errorf("got %v, want %v", got, now.Add(tt.want))
			}
		})
	}
}

func TestTokenActive(t *testing.T) {
	now := time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Second), now.Add(time.Second)
	for _, tt := range []struct {
		name string
		tok  Token
		want bool
	}{
		{"no expiry", Token{}, true},
		{"expires later", Token{ExpiresAt: &future}, true},
		{"expires now", Token{ExpiresAt: &now}, false},
		{"expired", Token{ExpiresAt: &past}, false},
		{"revoked", Token{RevokedAt: &past}, false},
	} {
		if got := tt.tok.Active(now); got != tt.want {
			t.Errorf("%s: Active = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCleanTokenName(t *testing.T) {
	if n, err := CleanTokenName("  Báo cáo   quý  "); err != nil || n != "Báo cáo quý" {
		t.Errorf("got %q, %v", n, err)
	}
	for in, key := range map[string]string{
		"":                                     "error.field.required",
		strings.Repeat("x", MaxTokenNameLen+1): "error.field.too_long",
		"a\u202eb":                             "error.field.forbidden_chars",
	} {
		if _, err := CleanTokenName(in); apperr.As(err).Fields["name"] != key {
			t.Errorf("CleanTokenName(%q) = %v, want %s", in, err, key)
		}
	}
}
