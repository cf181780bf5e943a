// Package lru is a small in-memory cache that forgets the least recently
// used entries once their total cost passes a bound. hoptac keys entries by
// the database's version of what they were computed from, so an entry is
// never invalidated: a write makes a new key, and the old entry ages out.
package lru

import (
	"container/list"
	"sync"
)

// Cache maps string keys to values of type V. It is safe for concurrent use.
// A nil *Cache stores nothing and finds nothing: a caller turns its cache
// off by leaving it nil, and every path stays the same otherwise.
type Cache[V any] struct {
	mu      sync.Mutex
	maxCost int
	cost    int
	order   *list.List // front: most recently used
	items   map[string]*list.Element
}

type entry[V any] struct {
	key   string
	value V
	cost  int
}

// New returns a cache that holds entries up to a total cost of maxCost; the
// caller decides what a unit of cost is (rows, bytes).
func New[V any](maxCost int) *Cache[V] {
	return &Cache[V]{maxCost: maxCost, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the value stored under key and marks it recently used.
func (c *Cache[V]) Get(key string) (V, bool) {
	if c == nil {
		var zero V
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry[V]).value, true
}

// Put stores value under key. A value costing more than the whole cache is
// not stored, so one huge answer cannot empty the cache of everything else.
func (c *Cache[V]) Put(key string, value V, cost int) {
	if c == nil {
		return
	}
	if cost < 1 {
		cost = 1
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cost > c.maxCost {
		return
	}
	if el, ok := c.items[key]; ok {
		e := el.Value.(*entry[V])
		c.cost += cost - e.cost
		e.value, e.cost = value, cost
		c.order.MoveToFront(el)
	} else {
		c.items[key] = c.order.PushFront(&entry[V]{key: key, value: value, cost: cost})
		c.cost += cost
	}
	for c.cost > c.maxCost {
		el := c.order.Back()
		e := el.Value.(*entry[V])
		c.order.Remove(el)
		delete(c.items, e.key)
		c.cost -= e.cost
	}
}

// Len returns the number of entries, for tests and metrics.
func (c *Cache[V]) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
