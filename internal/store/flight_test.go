package store

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestFlightComputesOnce: callers asking for one key at once share one
// computation; another key is computed on its own; after a cancelled
// computation a live caller computes for itself.
func TestFlightComputesOnce(t *testing.T) {
	var f flight[int]
	var runs atomic.Int32
	release := make(chan struct{})
	ctx := context.Background()
	var wg sync.WaitGroup
	results := make([]int, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := f.do(ctx, "plan 1", func() (int, error) {
				runs.Add(1)
				<-release
				return 42, nil
			})
			if err != nil {
				t.Error(err)
			}
			results[i] = v
		}()
	}
	time.Sleep(50 * time.Millisecond) // let them all ask
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("computed %d times for 8 callers at once, want 1", n)
	}
	for i, v := range results {
		if v != 42 {
			t.Errorf("caller %d got %d", i, v)
		}
	}
	if v, _ := f.do(ctx, "plan 2", func() (int, error) { return 7, nil }); v != 7 {
		t.Errorf("another key gave %d", v)
	}

	started, cancelled := make(chan struct{}), make(chan struct{})
	go func() {
		f.do(ctx, "plan 3", func() (int, error) {
			close(started)
			<-cancelled
			return 0, context.Canceled
		})
	}()
	<-started
	done := make(chan int)
	go func() {
		v, err := f.do(ctx, "plan 3", func() (int, error) { return 9, nil })
		if err != nil {
			t.Error(err)
		}
		done <- v
	}()
	time.Sleep(20 * time.Millisecond)
	close(cancelled)
	if v := <-done; v != 9 {
		t.Errorf("after the computation it waited for was cancelled, a live caller got %d, want its own 9", v)
	}
	if _, err := f.do(ctx, "plan 4", func() (int, error) { return 0, errors.New("broken") }); err == nil {
		t.Error("an error was lost")
	}
}
