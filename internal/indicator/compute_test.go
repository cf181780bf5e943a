package indicator_test

import (
	"context"
	"math"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// want is one expected indicator: its value (nil: none), numerator,
// denominator and how many organisations came through the mapping.
type want struct {
	value      *float64
	num, den   float64
	mappedOrgs int
}

func v(x float64) *float64 { return &x }

func check(t *testing.T, got []indicator.Value, wants map[string]want) {
	t.Helper()
	seen := map[string]bool{}
	for _, g := range got {
		seen[g.ID] = true
		w, ok := wants[g.ID]
		if !ok {
			continue
		}
		switch {
		case (w.value == nil) != (g.Value == nil):
			t.Errorf("%s: value %v, want %v", g.ID, ptr(g.Value), ptr(w.value))
		case w.value != nil && math.Abs(*w.value-*g.Value) > 1e-6:
			t.Errorf("%s: value %v, want %v", g.ID, *g.Value, *w.value)
		}
		if g.Numerator != w.num || g.Denominator != w.den || g.Mapped != w.mappedOrgs {
			t.Errorf("%s: %v / %v mapped %d, want %v / %v mapped %d", g.ID, g.Numerator, g.Denominator, g.Mapped,
				w.num, w.den, w.mappedOrgs)
		}
	}
	for id := range wants {
		if !seen[id] {
			t.Errorf("%s: missing", id)
		}
	}
}

func ptr(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

// TestFixtureRegister checks every built-in indicator on a register whose
// values were worked out by hand (see fixture): 9 organisations, 2024.
//
// Active on 31/12/2024: HTX 1, 2, 5 (its suspension ended 31/08), THT 3
// and 9, LHHTX 6; not HTX 4 (dissolved 30/06), HTX 7 (suspended since
// 01/11, no end), HTX 8 (founded 2025). Counted figures: 1, 2, 4, 6, 7
// (HTX 5's are submitted, not accepted). Mapped: 6 and 7 (old 80001).
func TestFixtureRegister(t *testing.T) {
	db := storetest.Open(t)
	loadFixture(t, db)
	reg := indicator.NewRegister(db)
	ctx := context.Background()
	whole := map[string]want{
		indicator.ActiveTHT:   {v(2), 2, 0, 0},
		indicator.ActiveHTX:   {v(3), 3, 0, 0},
		indicator.ActiveLHHTX: {v(1), 1, 0, 1},
		indicator.Founded:     {v(2), 2, 0, 0}, // HTX 2, THT 9
		indicator.Dissolved:   {v(1), 1, 0, 0},
		indicator.Members:     {v(77), 77, 0, 2}, // 16 + 20 + 7 + 4 + 30
		indicator.Employees:   {v(23), 23, 0, 2}, // 8 + 2 + 3 + 10 + 0
		// (1e9 + 2e8 + 5e7 + 3e9 + 0) / 5
		indicator.AvgRevenue: {v(850_000_000), 4_250_000_000, 5, 2},
		// (1e8 − 2e7 + 0 + 3e8 + 0) / 5
		indicator.AvgProfit: {v(76_000_000), 380_000_000, 5, 2},
		// (60M×8 + 30M×3 + 90M×10) / (8 + 3 + 10); HTX 2 reported no income
		indicator.AvgIncome:     {v(70_000_000), 1_470_000_000, 21, 1},
		indicator.ShareGoodFair: {v(75), 3, 4, 1}, // good, fair, weak, good; HTX 7 unrated
		// managers of active organisations: HTX 1 (3: college, elementary,
		// none), HTX 2 (university), LHHTX 6 (intermediate, college); HTX
		// 4's are not counted, it was dissolved
		indicator.ShareManagersTrained: {v(500.0 / 6), 5, 6, 1},
		indicator.ShareManagersCollege: {v(50), 3, 6, 1},
		indicator.Exemplary:            {v(2), 2, 0, 1},
		indicator.ShareValueChain:      {v(40), 2, 5, 2},
		indicator.HighTech:             {v(1), 1, 0, 0},
		indicator.OCOPProducts:         {v(3), 3, 0, 2},
		// active HTX/LHHTX: 1, 2, 5, 6; charter by 31/12/2024: 1 (6's is 2025)
		indicator.ShareCharter2023: {v(25), 1, 4, 1},
		// law 2012 or later: 1, 2, 6; 5 is 2003, never converted
		indicator.ShareLaw2012:  {v(75), 3, 4, 1},
		indicator.GRDPShare:     {nil, 0, 0, 0},
		indicator.SupportBudget: {nil, 0, 0, 0},
	}
	got, err := reg.Compute(ctx, 2024, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(indicator.Definitions()) {
		t.Errorf("%d values, want one per definition (%d)", len(got), len(indicator.Definitions()))
	}
	t.Run("whole register", func(t *testing.T) { check(t, got, whole) })

	// Province 91 is the register without HTX 8 (92001) and THT 9 (no
	// commune): one THT fewer, one foundation fewer.
	p91 := map[string]want{}
	for id, w := range whole {
		p91[id] = w
	}
	p91[indicator.ActiveTHT] = want{v(1), 1, 0, 0}
	p91[indicator.Founded] = want{v(1), 1, 0, 0}
	got91, err := reg.Compute(ctx, 2024, "91")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("province 91", func(t *testing.T) { check(t, got91, p91) })

	got2, err := reg.Compute(ctx, 2024, "91002")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("commune 91002, all mapped", func(t *testing.T) {
		check(t, got2, map[string]want{
			indicator.ActiveHTX:            {v(0), 0, 0, 0},
			indicator.ActiveLHHTX:          {v(1), 1, 0, 1},
			indicator.Members:              {v(34), 34, 0, 2},
			indicator.AvgRevenue:           {v(1_500_000_000), 3_000_000_000, 2, 2},
			indicator.AvgIncome:            {v(90_000_000), 900_000_000, 10, 1},
			indicator.ShareGoodFair:        {v(100), 1, 1, 1},
			indicator.ShareManagersTrained: {v(100), 2, 2, 1},
			indicator.ShareValueChain:      {v(0), 0, 2, 2},
			indicator.ShareCharter2023:     {v(0), 0, 1, 1},
			indicator.ShareLaw2012:         {v(100), 1, 1, 1},
		})
	})

	got92, err := reg.Compute(ctx, 2024, "92")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("province 92, nothing yet", func(t *testing.T) {
		check(t, got92, map[string]want{
			indicator.ActiveHTX:     {v(0), 0, 0, 0},
			indicator.Members:       {nil, 0, 0, 0},
			indicator.AvgRevenue:    {nil, 0, 0, 0},
			indicator.ShareGoodFair: {nil, 0, 0, 0},
		})
	})

	t.Run("a unit not in force today is refused", func(t *testing.T) {
		for _, u := range []string{"80", "80001", "99999"} {
			if _, err := reg.Compute(ctx, 2024, u); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("%s: %v, want invalid", u, err)
			}
		}
	})

	t.Run("series", func(t *testing.T) {
		s, err := reg.Series(ctx, indicator.ActiveHTX, "91", 2023, 2025)
		if err != nil {
			t.Fatal(err)
		}
		// 2023: HTX 1, 4, 5, 7 (HTX 2 not yet founded); 2025: 1, 2, 5
		// (7 still suspended, 8 is in 92)
		if len(s) != 3 || *s[0].Value != 4 || s[0].Year != 2023 || *s[1].Value != 3 || *s[2].Value != 3 {
			t.Errorf("series %+v", s)
		}
	})
}

// TestRollUpSumsNotMeans: a province's share is Σ numerators / Σ
// denominators over its communes, not the mean of the communes' shares.
// Commune 91001 has 3 organisations with figures, 2 in a value chain
// (66.7 %); 91002 has 2, none (0 %). The mean would be 33.3 %; the
// province's share is 2/5 = 40 %. The same for the average revenue.
func TestRollUpSumsNotMeans(t *testing.T) {
	db := storetest.Open(t)
	loadFixture(t, db)
	reg := indicator.NewRegister(db)
	ctx := context.Background()
	byUnit, err := reg.ComputeUnits(ctx, 2024, []string{"91001", "91002", "91"})
	if err != nil {
		t.Fatal(err)
	}
	get := func(unit, id string) indicator.Value {
		for _, x := range byUnit[unit] {
			if x.ID == id {
				return x
			}
		}
		t.Fatalf("%s %s missing", unit, id)
		return indicator.Value{}
	}
	for _, c := range []struct {
		id         string
		a, b, prov float64
	}{
		{indicator.ShareValueChain, 200.0 / 3, 0, 40},
		{indicator.AvgRevenue, 1_250_000_000.0 / 3, 1_500_000_000, 850_000_000},
	} {
		a, b, p := get("91001", c.id), get("91002", c.id), get("91", c.id)
		if math.Abs(*a.Value-c.a) > 1e-6 || math.Abs(*b.Value-c.b) > 1e-6 {
			t.Errorf("%s: communes %v and %v, want %v and %v", c.id, *a.Value, *b.Value, c.a, c.b)
		}
		if math.Abs(*p.Value-c.prov) > 1e-6 {
			t.Errorf("%s: province %v, want %v (Σ/Σ); the mean of the communes is %v", c.id, *p.Value, c.prov,
				(*a.Value+*b.Value)/2)
		}
		if p.Numerator != a.Numerator+b.Numerator || p.Denominator != a.Denominator+b.Denominator {
			t.Errorf("%s: province %v/%v is not the communes' sums", c.id, p.Numerator, p.Denominator)
		}
	}
}
