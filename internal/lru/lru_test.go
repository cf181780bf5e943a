package lru

import (
	"fmt"
	"sync"
	"testing"
)

func TestEvictsLeastRecentlyUsedPastCost(t *testing.T) {
	c := New[string](10)
	c.Put("a", "A", 4)
	c.Put("b", "B", 4)
	if _, ok := c.Get("a"); !ok { // a is now more recent than b
		t.Fatal("a missing")
	}
	c.Put("c", "C", 4) // 12 > 10: b goes
	for key, want := range map[string]bool{"a": true, "b": false, "c": true} {
		if _, ok := c.Get(key); ok != want {
			t.Errorf("Get(%s) present = %v, want %v", key, ok, want)
		}
	}
}

func TestReplaceUpdatesCost(t *testing.T) {
	c := New[int](10)
	c.Put("a", 1, 9)
	c.Put("a", 2, 1) // now cheap: room for b
	c.Put("b", 3, 9)
	if v, ok := c.Get("a"); !ok || v != 2 {
		t.Errorf("Get(a) = %v, %v; want 2, true", v, ok)
	}
	if _, ok := c.Get("b"); !ok {
		t.Error("b evicted although the total cost is 10")
	}
}

func TestTooCostlyIsNotStored(t *testing.T) {
	c := New[int](10)
	c.Put("small", 1, 1)
	c.Put("huge", 2, 11)
	if _, ok := c.Get("huge"); ok {
		t.Error("an entry costing more than the cache was stored")
	}
	if _, ok := c.Get("small"); !ok {
		t.Error("a huge entry pushed out the others")
	}
}

func TestConcurrentUse(t *testing.T) {
	c := New[int](100)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				key := fmt.Sprint((g * i) % 300)
				c.Put(key, i, 1)
				c.Get(key)
			}
		}()
	}
	wg.Wait()
	if n := c.Len(); n > 100 {
		t.Errorf("Len = %d, want at most 100", n)
	}
}
