package indicator

import (
	"context"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/vntext"
)

// MaxSourceLen bounds a hand-entered value's source note.
const MaxSourceLen = 300

// FirstYear is the earliest year a value may be entered for: the register
// starts with the 1996 law.
const FirstYear = 1996

// maxBudget bounds a support budget (10^18 đồng, as the register's money).
const maxBudget = 1e18

// CanEnter reports whether u may enter the hand-entered indicators: the
// coordinating department and the administrator.
func CanEnter(u *auth.User) bool {
	return auth.CanRead(u) && (u.Role == auth.RoleAdmin || u.Role == auth.RoleCoordinator)
}

// CheckEntry cleans e and checks it against today; every wrong field is
// named: indicator (one entered by hand), year (1996 to next year), value
// (a share from 0 to 100, a budget from 0), source (required, at most
// MaxSourceLen characters). The unit is checked by Put.
func CheckEntry(e *Entry, today time.Time) error {
	e.Source = strings.TrimSpace(vntext.Clean(e.Source))
	e.Unit = strings.TrimSpace(e.Unit)
	fe := apperr.FieldErrors{}
	d, ok := Lookup(e.Indicator)
	if !ok || !d.Manual() {
		fe.Add("indicator", "error.field.indicator_manual")
	}
	if e.Year < FirstYear || e.Year > today.Year()+1 {
		fe.Add("year", "error.field.figures_year")
	}
	switch {
	case math.IsNaN(e.Value) || math.IsInf(e.Value, 0):
		fe.Add("value", "error.field.indicator_value")
	case e.Value < 0:
		fe.Add("value", "error.field.negative")
	case ok && d.Unit == UnitPercent && e.Value > 100:
		fe.Add("value", "error.field.indicator_percent")
	case e.Value > maxBudget:
		fe.Add("value", "error.field.too_large")
	}
	switch {
	case e.Source == "":
		fe.Add("source", "error.field.required")
	case utf8.RuneCountInString(e.Source) > MaxSourceLen:
		fe.Add("source", "error.field.too_long")
	case vntext.Check(e.Source) != nil:
		fe.Add("source", "error.field.indicator_source_text")
	}
	return fe.Err()
}

// Check is CheckEntry and the unit: "" (the whole register) or a
// province or commune in force today. Every wrong field is named.
func (r *Register) Check(ctx context.Context, e *Entry, today time.Time) error {
	err := CheckEntry(e, today)
	if e.Unit == "" {
		return err
	}
	if _, uerr := r.scopes(ctx, []string{e.Unit}); uerr != nil {
		if apperr.CodeOf(uerr) != apperr.Invalid {
			return uerr
		}
		fe := apperr.FieldErrors{}
		if err != nil {
			for k, v := range apperr.As(err).Fields {
				fe[k] = v
			}
		}
		fe.Add("unit", "error.field.indicator_unit")
		return fe.Err()
	}
	return err
}

// Put checks and stores a hand-entered value for u, replacing the one of
// its indicator, year and unit, audited with the value before.
func (r *Register) Put(ctx context.Context, u *auth.User, e *Entry, today time.Time) error {
	if !CanEnter(u) {
		return apperr.New(apperr.Forbidden, "error.forbidden")
	}
	if err := r.Check(ctx, e, today); err != nil {
		return err
	}
	return r.db.PutIndicatorEntry(ctx, e)
}
