package load

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pace with a hand-driven clock: a tick starts a write on a free worker,
// a tick with every worker busy is missed, not queued, and stopping waits
// for the writes in flight.
func TestPace(t *testing.T) {
	stop, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time) // unbuffered: a send returns once pace has it
	release := make(chan struct{})
	started := make(chan int, 100)
	var busy, most atomic.Int32
	type result struct{ ticks, missed int }
	done := make(chan result)
	go func() {
		ticks, missed := pace(stop, tick, 0, 2, func(i int) {
			n := busy.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			started <- i
			<-release
			busy.Add(-1)
		})
		done <- result{ticks, missed}
	}()
	// Two workers: the first two ticks start writes, the next three find
	// both busy.
	for range 5 {
		tick <- time.Now()
	}
	if got := len(started); got > 2 {
		t.Fatalf("%d writes started with 2 workers", got)
	}
	first, second := <-started, <-started
	if first == second {
		t.Errorf("both writes on worker %d", first)
	}
	// Freed workers take ticks again.
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	free()
	for n := 0; len(started) == 0 && n < 10_000; n++ {
		tick <- time.Now()
		time.Sleep(time.Millisecond)
	}
	if len(started) == 0 {
		t.Fatal("no write after the workers were freed")
	}
	cancel()
	r := <-done
	if r.missed < 3 || r.ticks < 6 {
		t.Errorf("ticks %d, missed %d; want at least 6 and 3", r.ticks, r.missed)
	}
	if writes := 2 + len(started); r.ticks-r.missed != writes {
		t.Errorf("ticks %d - missed %d != %d writes", r.ticks, r.missed, writes)
	}
	if most.Load() > 2 {
		t.Errorf("%d writes in flight with 2 workers", most.Load())
	}
}

// Stopping does not cut the writes in flight short: pace returns after
// them.
func TestPaceWaitsForWrites(t *testing.T) {
	stop, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	release := make(chan struct{})
	inWrite := make(chan struct{})
	var finished atomic.Bool
	done := make(chan struct{})
	go func() {
		pace(stop, tick, 0, 1, func(int) {
			close(inWrite)
			<-release
			finished.Store(true)
		})
		close(done)
	}()
	tick <- time.Now()
	<-inWrite
	cancel()
	select {
	case <-done:
		t.Fatal("pace returned with a write in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	<-done
	if !finished.Load() {
		t.Error("write did not finish")
	}
}

// Ticks the ticker dropped, because the writer did not run in time, are
// counted from the ticks' times: due, and missed.
func TestPaceCountsDroppedTicks(t *testing.T) {
	stop, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	type result struct{ ticks, missed int }
	done := make(chan result)
	go func() {
		ticks, missed := pace(stop, tick, 50*time.Millisecond, 8, func(int) {})
		done <- result{ticks, missed}
	}()
	t0 := time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)
	// A ticker's ticks are on its grid, a little late at times.
	for _, at := range []time.Duration{50, 100, 252, 300, 500} { // ms
		tick <- t0.Add(at * time.Millisecond)
	}
	cancel()
	// 50, 100, 300: one each; 252: three (150 and 200 dropped); 500:
	// four (350, 400 and 450 dropped). Eight workers: none busy.
	r := <-done
	if r.ticks != 10 || r.missed != 5 {
		t.Errorf("ticks %d, missed %d; want 10, 5", r.ticks, r.missed)
	}
}

func TestWriterSlots(t *testing.T) {
	for _, tt := range []struct {
		rate float64
		want int
	}{{1, 2}, {20, 4}, {100, 20}} {
		if got := writerSlots(tt.rate); got != tt.want {
			t.Errorf("writerSlots(%g) = %d, want %d", tt.rate, got, tt.want)
		}
	}
}
