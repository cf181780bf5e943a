package store

import "testing"

// TestPostgresDSN checks the connection string hoptac opens PostgreSQL
// with: parallel query off, added to the caller's query as written, and
// left alone when the caller sets it.
func TestPostgresDSN(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://u@h/db", "postgres://u@h/db?max_parallel_workers_per_gather=0"},
		{"postgres://u:p%40ss@h:5433/db?sslmode=disable&options=-c%20statement_timeout%3D5000",
			"postgres://u:p%40ss@h:5433/db?sslmode=disable&options=-c%20statement_timeout%3D5000&max_parallel_workers_per_gather=0"},
		{"postgres://u@h/db?max_parallel_workers_per_gather=4", "postgres://u@h/db?max_parallel_workers_per_gather=4"},
		{"postgresql://u@h/db?options=-c%20max_parallel_workers_per_gather%3D2",
			"postgresql://u@h/db?options=-c%20max_parallel_workers_per_gather%3D2"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := postgresDSN(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("postgresDSN(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if _, err := postgresDSN("postgres://u@h/db\x7f"); err == nil {
		t.Error("a connection string that is not a URL was taken")
	}
}
