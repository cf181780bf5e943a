package auth

import (
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/vntext"
)

// MaxTokenNameLen bounds a token's name: a label such as "báo cáo quý".
const MaxTokenNameLen = 100

// Token is a personal API token as its owner and administrators see it;
// the secret itself is shown once, when it is made, and never stored.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// Active reports whether the token still opens the API at now.
func (t Token) Active(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// CleanTokenName checks a token's name the way every text input is checked.
func CleanTokenName(name string) (string, error) {
	name, err := vntext.Line(name)
	if err != nil {
		return "", apperr.FieldErrors{"name": "error.field.forbidden_chars"}.Err()
	}
	switch {
	case name == "":
		return "", apperr.FieldErrors{"name": "error.field.required"}.Err()
	case len([]rune(name)) > MaxTokenNameLen:
		return "", apperr.FieldErrors{"name": "error.field.too_long"}.Err()
	}
	return name, nil
}

// ParseTokenExpiry reads a lifetime such as "90d" (days), "12h" or "2w"
// and returns the moment it ends after now; "" means no expiry.
func ParseTokenExpiry(s string, now time.Time) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	bad := apperr.FieldErrors{"expires": "error.field.token_expiry"}.Err()
	if len(s) < 2 {
		return nil, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 3650 {
		return nil, bad
	}
	var d time.Duration
	switch s[len(s)-1] {
	case 'h':
		d = time.Duration(n) * time.Hour
	case 'd':
		d = time.Duration(n) * 24 * time.Hour
	case 'w':
		d = time.Duration(n) * 7 * 24 * time.Hour
	default:
		return nil, bad
	}
	at := now.Add(d).UTC()
	return &at, nil
}
