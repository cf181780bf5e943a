package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/cachekey"
	"github.com/hoptac/hoptac/internal/plan"
)

// Every field of the filter a task list is read with is part of the list's
// cache key, so a field added to plan.TaskFilter later is too: two lists
// that differ in any field never share an entry.
func TestTaskCacheKeyCoversEveryField(t *testing.T) {
	t.Parallel()
	base := plan.TaskFilter{PlanID: 3, Today: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), Page: 1, PerPage: 50}
	key := taskCacheKey("p3.0/a10.4", base)
	muts := cachekey.Mutations(base)
	if n := reflect.TypeFor[plan.TaskFilter]().NumField(); len(muts) != n {
		t.Fatalf("%d fields of the filter changed, of %d", len(muts), n)
	}
	for field, m := range muts {
		if taskCacheKey("p3.0/a10.4", m.(plan.TaskFilter)) == key {
			t.Errorf("a filter differing in %s shares the cache key", field)
		}
	}
	if taskCacheKey("p4.0/a10.4", base) == key {
		t.Error("two versions share the cache key")
	}
}
