package auth

import (
	"testing"
	"time"
)

// clock is a fake time that tests move by hand: no sleeps.
type clock struct{ t time.Time }

func newClock() *clock               { return &clock{time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)} }
func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }

func TestLimiterWaitsUntilAFailureLeavesTheWindow(t *testing.T) {
	c := newClock()
	l := NewLimiter(3, time.Minute, c.now)
	for i := 0; i < 3; i++ {
		if w := l.Wait("a"); w != 0 {
			t.Fatalf("wait %v after %d failures, want 3 allowed", w, i)
		}
		l.Fail("a")
		c.add(10 * time.Second)
	}
	// Failures at 0 s, 10 s, 20 s; now 30 s: free again when the first
	// one leaves the window, at 60 s.
	if w := l.Wait("a"); w != 30*time.Second {
		t.Fatalf("wait after 3 failures = %v, want 30s", w)
	}
	if w := l.Wait("b"); w != 0 {
		t.Errorf("another key waits %v", w)
	}
	c.add(30*time.Second - time.Nanosecond)
	if w := l.Wait("a"); w != time.Nanosecond {
		t.Errorf("wait just before the end = %v, want 1ns", w)
	}
	c.add(time.Nanosecond)
	if w := l.Wait("a"); w != 0 {
		t.Errorf("still waiting %v when the first failure left the window", w)
	}
	// One more failure fills the window again: the next to leave is the
	// one at 10 s, 10 s from now.
	l.Fail("a")
	if w := l.Wait("a"); w != 10*time.Second {
		t.Errorf("wait after refilling = %v, want 10s", w)
	}
}

func TestBackoffDelays(t *testing.T) {
	b := NewBackoff(3, time.Second, 15*time.Minute, time.Hour, nil)
	for n, want := range map[int]time.Duration{
		0: 0, 1: 0, 3: 0,
		4: time.Second, 5: 2 * time.Second, 6: 4 * time.Second, 10: 64 * time.Second,
		13: 512 * time.Second, 14: 15 * time.Minute, 15: 15 * time.Minute, 1_000_000: 15 * time.Minute,
	} {
		if got := b.Delay(n); got != want {
			t.Errorf("Delay(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestBackoffWaitFollowsFailures(t *testing.T) {
	c := newClock()
	b := NewBackoff(2, time.Second, time.Minute, time.Hour, c.now)
	steps := []struct {
		name    string
		fail    bool
		advance time.Duration
		want    time.Duration
	}{
		{"fresh key", false, 0, 0},
		{"first failure is free", true, 0, 0},
		{"second failure is free", true, 0, 0},
		{"third failure: one second", true, 0, time.Second},
		{"half a second on", false, 500 * time.Millisecond, 500 * time.Millisecond},
		{"the second passed", false, 500 * time.Millisecond, 0},
		{"fourth failure: two seconds", true, 0, 2 * time.Second},
		{"fifth failure: four seconds", true, 0, 4 * time.Second},
		{"59 minutes idle: still counted", false, 59 * time.Minute, 0},
		{"sixth failure: eight seconds", true, 0, 8 * time.Second},
		{"an hour idle: forgotten", false, time.Hour, 0},
		{"first failure after forgetting is free", true, 0, 0},
	}
	for _, st := range steps {
		c.add(st.advance)
		got := b.Wait("k")
		if st.fail {
			got = b.Fail("k")
			if w := b.Wait("k"); w != got {
				t.Errorf("%s: Fail told %v, Wait says %v", st.name, got, w)
			}
		}
		if got != st.want {
			t.Errorf("%s: wait %v, want %v", st.name, got, st.want)
		}
	}
	b.Reset("k")
	for i := 0; i < 2; i++ {
		b.Fail("k")
	}
	if w := b.Wait("k"); w != 0 {
		t.Errorf("after Reset two failures wait %v, want free", w)
	}
	if w := b.Wait("other"); w != 0 {
		t.Errorf("another key waits %v", w)
	}
}
