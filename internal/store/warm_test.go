package store_test

import (
	"context"
	"testing"
)

// Warm leaves n distinct connections pooled and idle on PostgreSQL, each
// having planned a read of every table; on SQLite it opens nothing.
func TestWarm(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	before := db.SQL().Stats().OpenConnections
	if err := db.Warm(ctx, 3); err != nil {
		t.Fatal(err)
	}
	st := db.SQL().Stats()
	if db.Dialect() != "postgres" {
		if st.OpenConnections != before {
			t.Errorf("SQLite: Warm opened %d connections, want none", st.OpenConnections-before)
		}
		return
	}
	if st.OpenConnections < 3 || st.Idle < 3 {
		t.Errorf("after Warm(3): %d open, %d idle; want 3 of each", st.OpenConnections, st.Idle)
	}
	// The pool keeps them: nothing closed them for being idle or old.
	if st.MaxIdleTimeClosed != 0 || st.MaxLifetimeClosed != 0 || st.MaxIdleClosed != 0 {
		t.Errorf("pool closed warm connections: %+v", st)
	}
}
