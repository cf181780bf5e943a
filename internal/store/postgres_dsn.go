package store

import (
	"fmt"
	"net/url"
	"strings"
)

// parallelGatherParam is PostgreSQL's setting for how many worker
// processes one statement may start.
const parallelGatherParam = "max_parallel_workers_per_gather"

// postgresDSN is the connection string hoptac opens PostgreSQL with: the
// caller's, with parallel query off unless the caller's string sets it.
// hoptac's statements read a page, a count or a province's few thousand
// rows; starting workers for one costs more than they save. A worker is a
// new process that loads its catalog afresh: a province's list of 50
// after an edit (a parallel scan of the register, planned because its
// unit cover is hundreds of codes) took 86–110 ms with two workers and
// 17–30 ms without, on the register of 200,000 organisations
// (docs/performance.md). Under many users the workers also take the cores
// other requests wait for. A deployment that wants them sets the
// parameter in its connection string, best as
// options=-c%20max_parallel_workers_per_gather%3D2, which pg_dump reads
// too (hoptac backup hands it the same string); a bare parameter works
// for hoptac alone.
func postgresDSN(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("store: database address: %w", err)
	}
	q := u.Query()
	if q.Has(parallelGatherParam) || strings.Contains(q.Get("options"), parallelGatherParam) {
		return dsn, nil
	}
	// Added to the query as written: encoding it again would turn the
	// "%20" of an options parameter into "+", which pgx takes literally.
	if u.RawQuery != "" {
		u.RawQuery += "&"
	}
	u.RawQuery += parallelGatherParam + "=0"
	return u.String(), nil
}
