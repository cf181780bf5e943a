// Package indicator names the measures a plan's targets are checked
// against: most are computed from the cooperative register by year and
// administrative unit, a few (the collective economy's share of GRDP, the
// budget spent on support) are entered by hand with their source.
//
// The identifiers are stable: targets store them, the API and the open
// data publish them, so an identifier is never renamed or reused.
package indicator

import "context"

// Identifiers of the built-in indicators.
const (
	ActiveTHT   = "active_tht"   // tổ hợp tác active on 31/12 of the year
	ActiveHTX   = "active_htx"   // hợp tác xã active on 31/12
	ActiveLHHTX = "active_lhhtx" // liên hiệp hợp tác xã active on 31/12
	Founded     = "founded"      // organisations founded in the year
	Dissolved   = "dissolved"    // organisations dissolved in the year

	Members   = "members"   // Σ members (individuals, households, legal entities)
	Employees = "employees" // Σ employees

	AvgRevenue = "avg_revenue" // Σ revenue / organisations with figures, đồng
	AvgProfit  = "avg_profit"  // Σ profit / organisations with figures, đồng
	AvgIncome  = "avg_income"  // Σ (income per worker × employees) / Σ employees, đồng

	ShareGoodFair        = "share_good_fair"        // rated good or fair / rated, %
	ShareManagersTrained = "share_managers_trained" // managers trained (elementary or above) / managers, %
	ShareManagersCollege = "share_managers_college" // managers with college or above / managers, %

	Exemplary        = "exemplary"          // organisations marked exemplary (điển hình tiên tiến)
	ShareValueChain  = "share_value_chain"  // linked to a value chain / with figures, %
	HighTech         = "high_tech"          // organisations applying high technology
	OCOPProducts     = "ocop_products"      // Σ OCOP products
	ShareCharter2023 = "share_charter_2023" // active HTX/LHHTX whose charter is in line with the 2023 law, %
	ShareLaw2012     = "share_law_2012"     // active HTX/LHHTX registered under or converted to the 2012 law or later, %

	// Entered by hand per year and unit, with a source note.
	GRDPShare     = "grdp_share"     // the collective economy's share of GRDP, %
	SupportBudget = "support_budget" // budget spent on support to cooperatives, đồng
)

// Value is one indicator for one year and unit. For a share or an average
// Value is Numerator / Denominator (× 100 for a share), so a roll-up over
// several units sums numerators and denominators and never averages the
// units' values. Value is nil when there is nothing to compute from.
type Value struct {
	ID          string   `json:"id"`
	Year        int      `json:"year"`
	Unit        string   `json:"unit"` // the unit's code; "" for the whole register
	Value       *float64 `json:"value"`
	Numerator   float64  `json:"numerator"`
	Denominator float64  `json:"denominator"`
	// Mapped counts the organisations that were recorded in a unit before
	// the 2025 reform and reached this unit through the unit mapping.
	Mapped int `json:"mapped"`
	// Source is the note of a value entered by hand ("Cục Thống kê, niên
	// giám 2024"); empty for computed values.
	Source string `json:"source,omitempty"`
}

// Source gives an indicator's values over years. Targets are evaluated
// through it; the register computation implements it.
type Source interface {
	// Series returns the indicator's value for unit ("" for the whole
	// register) in each year from..to, oldest first; a year with no data
	// has a Value whose Value is nil.
	Series(ctx context.Context, id, unit string, from, to int) ([]Value, error)
}
