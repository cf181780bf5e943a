package indicator

// Kind says how an indicator is made from the register, and so how it
// rolls up over units.
type Kind string

const (
	KindCount   Kind = "count"   // organisations counted; a unit's value is the sum of its parts'
	KindSum     Kind = "sum"     // a quantity summed over organisations
	KindAverage Kind = "average" // Σ numerator / Σ denominator
	KindShare   Kind = "share"   // Σ numerator / Σ denominator × 100
	KindManual  Kind = "manual"  // entered by hand per year and unit, never rolled up
)

// Measurement units of the values; the label is i18n "indicator.unit.<u>".
const (
	UnitOrganisations = "organisations"
	UnitPeople        = "people"
	UnitDong          = "dong"
	UnitPercent       = "percent"
	UnitProducts      = "products"
)

// Definition describes one indicator. Its name and formula, in Vietnamese
// and English, are the i18n keys NameKey and FormulaKey; its unit's label
// is UnitKey.
type Definition struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	Unit string `json:"unit"`
}

// NameKey is the i18n key of the indicator's name.
func (d Definition) NameKey() string { return "indicator." + d.ID + ".name" }

// FormulaKey is the i18n key of the formula, as a reader checks it.
func (d Definition) FormulaKey() string { return "indicator." + d.ID + ".formula" }

// UnitKey is the i18n key of the unit's label.
func (d Definition) UnitKey() string { return "indicator.unit." + d.Unit }

// Manual reports whether the value is entered by hand.
func (d Definition) Manual() bool { return d.Kind == KindManual }

// definitions is every indicator in the order pages and the API list
// them: the register's, then the hand-entered ones.
var definitions = []Definition{
	{ActiveTHT, KindCount, UnitOrganisations},
	{ActiveHTX, KindCount, UnitOrganisations},
	{ActiveLHHTX, KindCount, UnitOrganisations},
	{Founded, KindCount, UnitOrganisations},
	{Dissolved, KindCount, UnitOrganisations},
	{Members, KindSum, UnitPeople},
	{Employees, KindSum, UnitPeople},
	{AvgRevenue, KindAverage, UnitDong},
	{AvgProfit, KindAverage, UnitDong},
	{AvgIncome, KindAverage, UnitDong},
	{ShareGoodFair, KindShare, UnitPercent},
	{ShareManagersTrained, KindShare, UnitPercent},
	{ShareManagersCollege, KindShare, UnitPercent},
	{Exemplary, KindCount, UnitOrganisations},
	{ShareValueChain, KindShare, UnitPercent},
	{HighTech, KindCount, UnitOrganisations},
	{OCOPProducts, KindSum, UnitProducts},
	{ShareCharter2023, KindShare, UnitPercent},
	{ShareLaw2012, KindShare, UnitPercent},
	{GRDPShare, KindManual, UnitPercent},
	{SupportBudget, KindManual, UnitDong},
}

// Definitions returns every indicator, the register's first.
func Definitions() []Definition { return append([]Definition(nil), definitions...) }

// Builtin returns the indicators computed from the register.
func Builtin() []Definition {
	var out []Definition
	for _, d := range definitions {
		if !d.Manual() {
			out = append(out, d)
		}
	}
	return out
}

// Lookup returns the definition of id.
func Lookup(id string) (Definition, bool) {
	for _, d := range definitions {
		if d.ID == id {
			return d, true
		}
	}
	return Definition{}, false
}
