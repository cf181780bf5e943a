package auth

import (
	"testing"
	"time"
)

func TestLimiterBlocksAfterMaxFailuresInWindow(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	l := NewLimiter(3, time.Minute, func() time.Time { return now })
	for i := 0; i < 3; i++ {
		if l.Blocked("a@x.vn") {
			t.Fatalf("blocked after %d failures, want 3 allowed", i)
		}
		l.Fail("a@x.vn")
		now = now.Add(time.Second)
	}
	if !l.Blocked("a@x.vn") {
		t.Fatal("not blocked after 3 failures")
	}
	if l.Blocked("b@x.vn") {
		t.Error("another key is blocked too")
	}
	now = now.Add(time.Minute)
	if l.Blocked("a@x.vn") {
		t.Error("still blocked after the window passed")
	}
	l.Fail("a@x.vn")
	l.Reset("a@x.vn")
	if len(l.fails) != 0 {
		t.Errorf("reset kept %d keys", len(l.fails))
	}
}
