package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

// putStatuses records the statuses the rows state, each only when the
// organisation's history does not already say it on that day: importing
// the same file again adds nothing, and a row of an early year that says
// "active" does not undo a dissolution recorded later. An organisation
// whose history now ends elsewhere gets its current status set.
func (r *RegisterImporter) putStatuses(ctx context.Context, rows []RegisterRow, states map[string]*orgState, c *RegisterCounts) error {
	t := r.t
	histories, err := r.histories(ctx, rows)
	if err != nil {
		return err
	}
	changed := map[int64]*orgState{}
	for _, row := range rows {
		s := row.Status
		if s == nil {
			continue
		}
		st := states[row.Org.Code]
		s.OrganisationID = st.cur.ID
		s.On = *coop.DayOf(&s.On)
		if err := s.Validate(); err != nil {
			return err
		}
		h := histories[st.cur.ID]
		if statusOn(h, s.On) == s.Kind {
			continue
		}
		if err := r.insStatus.QueryRowContext(ctx, s.OrganisationID, s.Kind, fmtDate(&s.On), fmtDate(s.Until),
			nullInt(s.MergedInto), s.Document, s.Note, fmtTime(t.now)).Scan(&s.ID); err != nil {
			return fmt.Errorf("store: register import: add status: %w", err)
		}
		histories[st.cur.ID] = append(h, *s)
		changed[st.cur.ID] = st
		c.Statuses++
		if err := t.auditCompact(ctx, "create", "organisation_status", s.ID, nil, s); err != nil {
			return err
		}
	}
	for id, st := range changed {
		cur := coop.Current(histories[id])
		if cur == st.cur.Status {
			continue
		}
		if err := t.settle(ctx); err != nil {
			return err
		}
		st.cur.Status = cur
		if _, err := r.setStatus.ExecContext(ctx, cur, fmtTime(t.now), id); err != nil {
			return fmt.Errorf("store: register import: set status: %w", err)
		}
	}
	return nil
}

// createdStatuses gives the organisations this chunk creates the current
// status their rows' statuses leave them in, worked out as putStatuses
// will record them (an entry only where the history so far does not
// already say it, the later-recorded entry winning a tie of days): they
// are inserted with it, and no UPDATE of the status follows, which on
// PostgreSQL would write the row again into every index. Should the two
// ever differ, putStatuses still sets the one the recorded history ends
// in.
func createdStatuses(rows []RegisterRow, states map[string]*orgState, created []*orgState) {
	histories := make(map[*orgState][]coop.Status, len(created))
	for _, st := range created {
		histories[st] = nil
	}
	for _, row := range rows {
		st := states[row.Org.Code]
		h, ok := histories[st]
		if row.Status == nil || !ok {
			continue
		}
		on := *coop.DayOf(&row.Status.On)
		if statusOn(h, on) == row.Status.Kind {
			continue
		}
		// IDs in the order putStatuses will insert them.
		histories[st] = append(h, coop.Status{ID: int64(len(h) + 1), Kind: row.Status.Kind, On: on})
	}
	for st, h := range histories {
		st.cur.Status = coop.Current(h)
	}
}

// histories reads the status histories of the organisations whose rows
// state a status, a batch of organisations a query.
func (r *RegisterImporter) histories(ctx context.Context, rows []RegisterRow) (map[int64][]coop.Status, error) {
	var ids []any
	out := map[int64][]coop.Status{}
	for _, row := range rows {
		if id := row.Org.ID; row.Status != nil && out[id] == nil {
			out[id] = []coop.Status{}
			ids = append(ids, id)
		}
	}
	for start := 0; start < len(ids); start += registerBatch {
		chunk := ids[start:min(start+registerBatch, len(ids))]
		rs, err := r.t.query(ctx, `SELECT id, organisation_id, status, on_date, until_date, merged_into, document, note
			FROM organisation_statuses WHERE organisation_id IN (`+placeholders(len(chunk))+`) ORDER BY on_date, id`, chunk...)
		list, err := scanAll(rs, err, scanStatus)
		if err != nil {
			return nil, fmt.Errorf("store: register import: statuses: %w", err)
		}
		for _, s := range list {
			out[s.OrganisationID] = append(out[s.OrganisationID], s)
		}
	}
	return out, nil
}

// statusOn is the status a history says on day d: its latest entry on or
// before d (the later-recorded one on a tie), active before any.
func statusOn(history []coop.Status, d time.Time) coop.StatusKind {
	var upTo []coop.Status
	for _, h := range history {
		if !h.On.After(d) {
			upTo = append(upTo, h)
		}
	}
	return coop.Current(upTo)
}
