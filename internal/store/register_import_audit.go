package store

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/hoptac/hoptac/internal/coop"
)

// orgAudit is what one chunk of an import did to one organisation: the
// organisation created or changed (or neither), and the years of figures
// it added or changed. It is logged as ONE row of the import's batch:
// one INSERT per organisation-year was most of the audit's cost in an
// import of millions of yearly rows, whatever the rows' size.
type orgAudit struct {
	st      *orgState
	created bool
	// beforeOrg and afterOrg are the organisation before the chunk and as
	// it left it; afterOrg nil when only its figures changed.
	beforeOrg, afterOrg *coop.Organisation
	years               []yearAudit
}

// yearAudit is one year's change, in the compact form: before nil for a
// year this import added.
type yearAudit struct {
	year          int
	before, after json.RawMessage
}

// figuresField is the name, in an organisation's audit row, of the field
// that holds the figures of one year ("figures_2024"): the audit page
// shows it as a field like the others, its changes item by item.
func figuresField(year int) string { return "figures_" + strconv.Itoa(year) }

// auditFor returns the chunk's audit of the organisation of st, adding it
// in the order organisations first appear.
func (r *RegisterImporter) auditFor(st *orgState) *orgAudit {
	if a := r.audits[st]; a != nil {
		return a
	}
	a := &orgAudit{st: st}
	r.audits[st] = a
	r.auditOrder = append(r.auditOrder, a)
	return a
}

// auditOrg records the organisation's own change: created (before nil)
// or updated. A second change in the same chunk (two rows of one code
// that differ) is logged against the first one's before, as one change.
func (r *RegisterImporter) auditOrg(st *orgState, before, after *coop.Organisation) {
	x := r.auditFor(st)
	if x.afterOrg == nil {
		x.created, x.beforeOrg = before == nil, before
	}
	x.afterOrg = after
}

// auditYear records one year's figures added (before nil) or changed.
func (r *RegisterImporter) auditYear(st *orgState, before, after *coop.YearFigures) error {
	var b, a json.RawMessage
	var err error
	if before == nil { // a nil *YearFigures is no nil any
		_, a, err = compactAudit(nil, after)
	} else {
		b, a, err = compactAudit(before, after)
	}
	if err != nil {
		return err
	}
	x := r.auditFor(st)
	x.years = append(x.years, yearAudit{year: after.Year, before: b, after: a})
	return nil
}

// writeAudits logs the chunk's organisations, one row each, and forgets
// them. An organisation created by the chunk is a "create" holding its
// fields and its years; any other an "update" holding its changes and
// its years' changes, with its ID on both sides to say whose they are.
func (r *RegisterImporter) writeAudits(ctx context.Context) error {
	var err error
	for _, x := range r.auditOrder {
		id := x.st.cur.ID
		var b, a json.RawMessage
		switch {
		case x.afterOrg == nil: // only figures changed
			key := []byte(`{"id":` + strconv.FormatInt(id, 10) + `}`)
			b, a = key, key
		case x.created:
			x.afterOrg.ID = id
			if _, a, err = compactAudit(nil, x.afterOrg); err != nil {
				return err
			}
		default:
			x.beforeOrg.ID, x.afterOrg.ID = id, id
			if b, a, err = compactAudit(x.beforeOrg, x.afterOrg); err != nil {
				return err
			}
		}
		for _, y := range x.years {
			name := figuresField(y.year)
			a = appendRawField(a, name, y.after)
			if y.before != nil {
				b = appendRawField(b, name, y.before)
			}
		}
		action, before := "update", any(b)
		if x.created {
			action, before = "create", nil
		}
		if err := r.t.audit(ctx, action, "organisation", id, before, a); err != nil {
			return err
		}
	}
	clear(r.audits)
	clear(r.auditOrder)
	r.auditOrder = r.auditOrder[:0]
	return nil
}

// appendRawField returns the JSON object obj with "name":value added at
// its end, in a new slice (obj may be shared with the other side).
func appendRawField(obj json.RawMessage, name string, value []byte) json.RawMessage {
	out := make([]byte, 0, len(obj)+len(name)+len(value)+4)
	out = append(out, obj[:len(obj)-1]...)
	return json.RawMessage(append(appendField(out, name, value), '}'))
}
