package registerload

import (
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

// lastOrg is the organisation the row before built, as the file gave it
// and normalised: a register lists an organisation's years one under the
// other, so most rows repeat the organisation of the row above, and
// cleaning and validating it again (text cleaning, code and date checks)
// was a large part of reading a row.
type lastOrg struct {
	ok        bool
	raw, norm coop.Organisation
	errs      []fieldError // the organisation's own errors, at the row that built it
}

// normalize normalises and validates o in place and returns its errors at
// row, reusing the work of the row before when o is the same.
func (r *resolver) normalize(o *coop.Organisation, row int) []fieldError {
	l := &r.last
	if l.ok && sameOrg(&l.raw, o) {
		*o = l.norm // a copy: the store writes each row's ID into its own
		out := make([]fieldError, len(l.errs))
		for i, e := range l.errs {
			e.row = row
			out[i] = e
		}
		return out
	}
	l.raw = *o
	for _, d := range dates(&l.raw) { // the row's dates are not ours to keep
		if *d != nil {
			t := **d
			*d = &t
		}
	}
	o.Normalize()
	l.errs = appendFieldErrors(nil, row, o.Validate())
	l.norm, l.ok = *o, true
	return l.errs
}

// sameOrg reports whether a and b hold the same values, dates compared by
// value (every row parses its own).
func sameOrg(a, b *coop.Organisation) bool {
	x, y := *a, *b
	dx, dy := dates(&x), dates(&y)
	for i := range dx {
		p, q := *dx[i], *dy[i]
		if (p == nil) != (q == nil) || (p != nil && !p.Equal(*q)) {
			return false
		}
		*dx[i], *dy[i] = nil, nil
	}
	return x == y
}

// dates are the organisation's date fields.
func dates(o *coop.Organisation) [6]**time.Time {
	return [6]**time.Time{&o.CommuneValidFrom, &o.NewCommuneValidFrom, &o.FoundedOn, &o.RegisteredOn, &o.ConvertedOn, &o.CharterOn}
}
