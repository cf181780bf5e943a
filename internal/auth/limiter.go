package auth

import (
	"sync"
	"time"
)

// maxKeys bounds the memory of a Limiter or Backoff under a spray of random
// account names; past it, keys whose failures no longer count are dropped.
const maxKeys = 100_000

// Limiter counts failed logins per key in a sliding window and refuses a
// key that failed too often: a cap, not a delay. It lives in memory: a
// restart forgets, which only gives an attacker one more window.
type Limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	fails  map[string][]time.Time
}

// NewLimiter allows max failures per key within window.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{max: max, window: window, now: now, fails: map[string][]time.Time{}}
}

// Wait is how long key stays refused: until enough of its failures have
// left the window that fewer than max remain. Zero when it may try.
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	ts := l.recent(key)
	if len(ts) < l.max {
		return 0
	}
	return ts[len(ts)-l.max].Add(l.window).Sub(l.now())
}

// Fail records a failure for key.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.recent(key), l.now())
	if len(l.fails) > maxKeys {
		for k := range l.fails {
			l.recent(k)
		}
	}
}

// recent drops failures older than the window; the caller holds mu.
func (l *Limiter) recent(key string) []time.Time {
	cutoff := l.now().Add(-l.window)
	ts := l.fails[key]
	i := 0
	for i < len(ts) && !ts[i].After(cutoff) {
		i++
	}
	if i == len(ts) {
		delete(l.fails, key)
		return nil
	}
	ts = ts[i:]
	l.fails[key] = ts
	return ts
}

// Backoff slows guessing on a key with a delay that doubles with every
// failure: the first free failures cost nothing (typos), then each one
// refuses the key for base, 2×base, 4×base … up to max. Unlike a lockout
// the wait after a failure is known at once and told to the user. A key is
// forgotten once it has not failed for forget.
type Backoff struct {
	mu     sync.Mutex
	free   int
	base   time.Duration
	max    time.Duration
	forget time.Duration
	now    func() time.Time
	keys   map[string]backoffState
}

type backoffState struct {
	fails int
	last  time.Time // the latest failure
}

// NewBackoff returns a Backoff; see the type for the parameters.
func NewBackoff(free int, base, max, forget time.Duration, now func() time.Time) *Backoff {
	if now == nil {
		now = time.Now
	}
	return &Backoff{free: free, base: base, max: max, forget: forget, now: now, keys: map[string]backoffState{}}
}

// Delay is how long a key waits after its nth failure in a row.
func (b *Backoff) Delay(n int) time.Duration {
	if n <= b.free {
		return 0
	}
	d := b.base
	for i := b.free + 1; i < n; i++ {
		if d >= b.max {
			break
		}
		d *= 2
	}
	return min(d, b.max)
}

// Wait is how long key is refused from now. Zero when it may try.
func (b *Backoff) Wait(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, ok := b.state(key)
	if !ok {
		return 0
	}
	return max(0, st.last.Add(b.Delay(st.fails)).Sub(b.now()))
}

// Fail records a failure for key and returns the wait it starts.
func (b *Backoff) Fail(key string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	st, _ := b.state(key)
	st.fails++
	st.last = b.now()
	b.keys[key] = st
	if len(b.keys) > maxKeys {
		for k := range b.keys {
			b.state(k)
		}
	}
	return b.Delay(st.fails)
}

// Reset forgets key's failures, after a successful login.
func (b *Backoff) Reset(key string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.keys, key)
}

// state returns key's failures unless they are forgotten; the caller
// holds mu.
func (b *Backoff) state(key string) (backoffState, bool) {
	st, ok := b.keys[key]
	if ok && b.now().Sub(st.last) >= b.forget {
		delete(b.keys, key)
		return backoffState{}, false
	}
	return st, ok
}
