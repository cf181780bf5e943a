package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ScheduledPlanIDs lists the plans that have a reporting schedule: the
// ones the reminder job looks at.
func (db *DB) ScheduledPlanIDs(ctx context.Context) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT DISTINCT plan_id FROM reporting_schedules ORDER BY plan_id`)
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: scheduled plans: %w", err)
	}
	return ids, nil
}

// UrgeHistory is how often one agency was urged about a period, and when
// last.
type UrgeHistory struct {
	Count int
	Last  time.Time
}

// UrgeKeyPrefix is the start of the dedupe key of every urge about a
// period of a plan to one agency: "urge:<plan>:<period>:<agency>:".
func UrgeKeyPrefix(planID int64, period string, agencyID int64) string {
	return fmt.Sprintf("urge:%d:%s:%d:", planID, period, agencyID)
}

// UrgesSent counts the urges about a period of a plan by agency, read
// from the outbox: one urge is one dedupe key, however many officers it
// reached.
func (db *DB) UrgesSent(ctx context.Context, planID int64, period string) (map[int64]UrgeHistory, error) {
	prefix := fmt.Sprintf("urge:%d:%s:", planID, period)
	// The prefix holds no LIKE wildcards ('_' and '%' never occur in plan
	// IDs or period keys), so it matches literally.
	rows, err := db.query(ctx, `SELECT dedupe_key, created_at FROM mail_outbox WHERE kind = 'urge' AND dedupe_key LIKE ?`,
		prefix+"%")
	type hit struct {
		key     string
		created string
	}
	hits, err := scanAll(rows, err, func(r rowScanner) (hit, error) {
		var h hit
		return h, r.Scan(&h.key, &h.created)
	})
	if err != nil {
		return nil, fmt.Errorf("store: urges sent: %w", err)
	}
	seen := map[string]bool{}
	out := map[int64]UrgeHistory{}
	for _, h := range hits {
		rest := strings.TrimPrefix(h.key, prefix)
		agency, urge, ok := strings.Cut(rest, ":")
		id, err := strconv.ParseInt(agency, 10, 64)
		if !ok || err != nil {
			continue
		}
		// Each officer's message ends in ":user-<id>"; the urge is the rest.
		if i := strings.LastIndex(urge, ":user-"); i >= 0 {
			urge = urge[:i]
		}
		at := parseTime(h.created)
		u := out[id]
		if !seen[agency+":"+urge] {
			seen[agency+":"+urge] = true
			u.Count++
		}
		if at.After(u.Last) {
			u.Last = at
		}
		out[id] = u
	}
	return out, nil
}
