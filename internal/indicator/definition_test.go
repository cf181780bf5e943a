package indicator

import "testing"

// Every identifier has one definition; every built-in one a recipe, so
// none is listed without a value; the two entered by hand are manual.
func TestDefinitionsCoverIdentifiers(t *testing.T) {
	ids := []string{ActiveTHT, ActiveHTX, ActiveLHHTX, Founded, Dissolved, Members, Employees,
		AvgRevenue, AvgProfit, AvgIncome, ShareGoodFair, ShareManagersTrained, ShareManagersCollege,
		Exemplary, ShareValueChain, HighTech, OCOPProducts, ShareCharter2023, ShareLaw2012, GRDPShare, SupportBudget}
	if len(Definitions()) != len(ids) {
		t.Errorf("%d definitions for %d identifiers", len(Definitions()), len(ids))
	}
	for _, id := range ids {
		d, ok := Lookup(id)
		switch {
		case !ok:
			t.Errorf("%s: no definition", id)
		case d.Manual() != (id == GRDPShare || id == SupportBudget):
			t.Errorf("%s: manual %v", id, d.Manual())
		case !d.Manual():
			if _, ok := recipes[id]; !ok {
				t.Errorf("%s: no recipe", id)
			}
		}
		if d.NameKey() != "indicator."+id+".name" || d.FormulaKey() != "indicator."+id+".formula" {
			t.Errorf("%s: keys %s %s", id, d.NameKey(), d.FormulaKey())
		}
	}
	if len(Builtin()) != len(ids)-2 {
		t.Errorf("%d built-in", len(Builtin()))
	}
}
