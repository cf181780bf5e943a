package store

import (
	"context"
	"errors"
	"sync"
)

// flight runs one computation per key at a time: callers that ask for a
// key while it is being computed wait for that result instead of
// computing it again. When a write moves a plan's version, every reader
// of the plan misses at once; without it each would read the plan's state
// itself.
type flight[V any] struct {
	mu    sync.Mutex
	calls map[string]*flightCall[V]
}

type flightCall[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// do returns fn's result for key, computing it unless a computation of key
// is under way. A waiter whose own request is still live computes it
// itself when the one it waited for was cancelled: one reader leaving
// must not fail the others.
func (f *flight[V]) do(ctx context.Context, key string, fn func() (V, error)) (V, error) {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]*flightCall[V]{}
	}
	if c, ok := f.calls[key]; ok {
		f.mu.Unlock()
		select {
		case <-c.done:
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
		if c.err != nil && ctx.Err() == nil &&
			(errors.Is(c.err, context.Canceled) || errors.Is(c.err, context.DeadlineExceeded)) {
			return fn()
		}
		return c.v, c.err
	}
	c := &flightCall[V]{done: make(chan struct{})}
	f.calls[key] = c
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		close(c.done)
	}()
	c.v, c.err = fn()
	return c.v, c.err
}
