package indicator

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
)

// Store is what the computation reads and writes; *store.DB is one.
type Store interface {
	IndicatorSumsFor(ctx context.Context, year int, communes []string) ([]Sums, error)
	// IndicatorTotalsFor is the whole register's IndicatorSumsFor added
	// up by Mapped: what a whole-register scope reads.
	IndicatorTotalsFor(ctx context.Context, year int) ([]Sums, error)
	CurrentCommunes(ctx context.Context) ([]CommuneProvince, error)
	IndicatorEntries(ctx context.Context, year int) ([]Entry, error)
	PutIndicatorEntry(ctx context.Context, e *Entry) error
}

// Register computes the indicators from the cooperative register. It is
// the Source targets are evaluated through.
type Register struct {
	db Store
}

var _ Source = (*Register)(nil)

// NewRegister returns the computation over db (a *store.DB).
func NewRegister(db Store) *Register { return &Register{db: db} }

// recipe is how a built-in indicator is made of the store's sums: value =
// Σ num / Σ den × scale (den empty: value = Σ num). Mapped counts the
// organisations behind it (the sum pop; with pop -1 the denominator's)
// that came through the mapping. figures marks an indicator read from
// the year's figures: with none in scope it has no value.
type recipe struct {
	num     int
	den     []int
	scale   float64
	pop     int
	figures bool
}

var recipes = map[string]recipe{
	ActiveTHT:            {num: SumActiveTHT, pop: SumActiveTHT},
	ActiveHTX:            {num: SumActiveHTX, pop: SumActiveHTX},
	ActiveLHHTX:          {num: SumActiveLHHTX, pop: SumActiveLHHTX},
	Founded:              {num: SumFounded, pop: SumFounded},
	Dissolved:            {num: SumDissolved, pop: SumDissolved},
	Members:              {num: SumMembers, pop: SumFigures, figures: true},
	Employees:            {num: SumEmployees, pop: SumFigures, figures: true},
	AvgRevenue:           {num: SumRevenue, den: []int{SumFigures}, scale: 1, pop: SumFigures, figures: true},
	AvgProfit:            {num: SumProfit, den: []int{SumFigures}, scale: 1, pop: SumFigures, figures: true},
	AvgIncome:            {num: SumIncomeWages, den: []int{SumIncomeEmployees}, scale: 1, pop: SumIncomeOrgs, figures: true},
	ShareGoodFair:        {num: SumRatedGoodFair, den: []int{SumRated}, scale: 100, pop: SumRated, figures: true},
	ShareManagersTrained: {num: SumManagersTrained, den: []int{SumManagers}, scale: 100, pop: SumManagedOrgs},
	ShareManagersCollege: {num: SumManagersCollege, den: []int{SumManagers}, scale: 100, pop: SumManagedOrgs},
	Exemplary:            {num: SumExemplary, pop: SumExemplary, figures: true},
	ShareValueChain:      {num: SumValueChain, den: []int{SumFigures}, scale: 100, pop: SumFigures, figures: true},
	HighTech:             {num: SumHighTech, pop: SumHighTech, figures: true},
	OCOPProducts:         {num: SumOCOP, pop: SumFigures, figures: true},
	ShareCharter2023:     {num: SumCharter2023, den: []int{SumActiveHTX, SumActiveLHHTX}, scale: 100, pop: -1},
	ShareLaw2012:         {num: SumLaw2012, den: []int{SumActiveHTX, SumActiveLHHTX}, scale: 100, pop: -1},
}

// total is the sums of a scope, all of it and the part that came through
// the mapping.
type total struct {
	all, mapped [SumCount]int64
}

func (t *total) add(s Sums) {
	for i, v := range s.Sums {
		t.all[i] += v
		if s.Mapped {
			t.mapped[i] += v
		}
	}
}

// values turns a scope's sums into the built-in indicators, in the order
// of Builtin.
func (t *total) values(year int, unit string) []Value {
	var out []Value
	for _, d := range Builtin() {
		r := recipes[d.ID]
		v := Value{ID: d.ID, Year: year, Unit: unit, Numerator: float64(t.all[r.num])}
		if r.den == nil {
			v.Mapped = int(t.mapped[r.pop])
			if !r.figures || t.all[SumFigures] > 0 {
				x := v.Numerator
				v.Value = &x
			}
		} else {
			var pm int64
			for _, i := range r.den {
				v.Denominator += float64(t.all[i])
				pm += t.mapped[i]
			}
			if r.pop >= 0 {
				pm = t.mapped[r.pop]
			}
			v.Mapped = int(pm)
			if v.Denominator > 0 {
				x := v.Numerator / v.Denominator * r.scale
				v.Value = &x
			}
		}
		out = append(out, v)
	}
	return out
}

// scopes resolves unit codes ("" for the whole register; a province or
// a commune in force today) to the set of post-reform communes each
// covers: nil for the whole register.
func (r *Register) scopes(ctx context.Context, units []string) (map[string][]string, error) {
	out := map[string][]string{}
	need := false
	for _, u := range units {
		if u == "" {
			out[u] = nil
		} else {
			need = true
		}
	}
	if !need {
		return out, nil
	}
	communes, err := r.db.CurrentCommunes(ctx)
	if err != nil {
		return nil, err
	}
	isCommune := map[string]bool{}
	byProvince := map[string][]string{}
	for _, c := range communes {
		isCommune[c.Commune] = true
		byProvince[c.Province] = append(byProvince[c.Province], c.Commune)
	}
	for _, u := range units {
		switch {
		case u == "":
		case isCommune[u]:
			out[u] = []string{u}
		case byProvince[u] != nil:
			out[u] = byProvince[u]
		default:
			return nil, apperr.New(apperr.Invalid, "error.param.indicator_unit")
		}
	}
	return out, nil
}

// Compute returns every indicator, the register's and the hand-entered
// ones, for year and unit: "" for the whole register, else the code of a
// province or commune in force today. What was recorded in the units
// before the 2025 reform counts in the commune each organisation was
// assigned to (Value.Mapped says how many).
func (r *Register) Compute(ctx context.Context, year int, unit string) ([]Value, error) {
	m, err := r.ComputeUnits(ctx, year, []string{unit})
	if err != nil {
		return nil, err
	}
	return m[unit], nil
}

// ComputeUnits is Compute for several units of one year at once: the
// register is read once, its communes' sums added up per unit.
func (r *Register) ComputeUnits(ctx context.Context, year int, units []string) (map[string][]Value, error) {
	if year < 1900 || year > 9999 {
		return nil, apperr.New(apperr.Invalid, "error.param.year")
	}
	scopes, err := r.scopes(ctx, units)
	if err != nil {
		return nil, err
	}
	// One read: every commune when the whole register or several units
	// are asked, only the unit's communes for one.
	var filter []string
	if len(scopes) == 1 {
		for _, cs := range scopes {
			filter = cs
		}
	}
	var sums []Sums
	if _, whole := scopes[""]; whole && len(scopes) == 1 {
		sums, err = r.db.IndicatorTotalsFor(ctx, year)
	} else {
		sums, err = r.db.IndicatorSumsFor(ctx, year, filter)
	}
	if err != nil {
		return nil, err
	}
	byCommune := map[string][]Sums{}
	for _, s := range sums {
		byCommune[s.Commune] = append(byCommune[s.Commune], s)
	}
	entries, err := r.db.IndicatorEntries(ctx, year)
	if err != nil {
		return nil, err
	}
	out := map[string][]Value{}
	for u, cs := range scopes {
		var t total
		if cs == nil {
			for _, s := range sums {
				t.add(s)
			}
		} else {
			for _, c := range cs {
				for _, s := range byCommune[c] {
					t.add(s)
				}
			}
		}
		vs := t.values(year, u)
		for _, d := range definitions {
			if d.Manual() {
				vs = append(vs, manualValue(entries, d.ID, year, u))
			}
		}
		out[u] = vs
	}
	return out, nil
}

// manualValue is the hand-entered value of id for year and unit, or one
// without a value. A province's figure is never made of its communes'.
func manualValue(entries []Entry, id string, year int, unit string) Value {
	v := Value{ID: id, Year: year, Unit: unit}
	for _, e := range entries {
		if e.Indicator == id && e.Unit == unit {
			x := e.Value
			v.Value, v.Numerator, v.Source = &x, x, e.Source
		}
	}
	return v
}

// Series returns id's value for unit in each year from..to, oldest first.
func (r *Register) Series(ctx context.Context, id, unit string, from, to int) ([]Value, error) {
	if _, ok := Lookup(id); !ok {
		return nil, apperr.New(apperr.Invalid, "error.param.indicator")
	}
	if from > to || to-from > 100 {
		return nil, apperr.New(apperr.Invalid, "error.param.year")
	}
	var out []Value
	for y := from; y <= to; y++ {
		vs, err := r.Compute(ctx, y, unit)
		if err != nil {
			return nil, fmt.Errorf("indicator: series of %s: %w", id, err)
		}
		for _, v := range vs {
			if v.ID == id {
				out = append(out, v)
			}
		}
	}
	return out, nil
}
