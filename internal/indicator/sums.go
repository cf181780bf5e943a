package indicator

import "time"

// Sums are the register's raw sums for one year over the
// organisations of one post-reform commune ("" for those without one),
// split by whether they were recorded in a unit before the 2025 reform
// (Mapped) and reached the commune through the unit mapping. Every
// indicator is a ratio of these sums, so a province or the whole register
// adds communes' sums and never averages their ratios.
type Sums struct {
	Commune string
	Mapped  bool
	// Sums are in the order of the Sum constants.
	Sums [SumCount]int64
}

// The sums Sums carries, by position.
const (
	SumFigures         = iota // organisations with counted figures of the year
	SumActiveTHT              // THT active on 31/12
	SumActiveHTX              // HTX active on 31/12
	SumActiveLHHTX            // LHHTX active on 31/12
	SumFounded                // founded (or, without a founding day, registered) in the year
	SumDissolved              // a "dissolved" status entry dated in the year
	SumMembers                // members: individuals + households + legal entities
	SumEmployees              // employees
	SumRevenue                // revenue, đồng
	SumProfit                 // profit, đồng
	SumIncomeWages            // Σ avg_income × employees where both are reported
	SumIncomeEmployees        // Σ employees where avg_income is reported
	SumIncomeOrgs             // organisations with avg_income and employees
	SumRatedGoodFair          // rated good or fair
	SumRated                  // rated at all
	SumManagers               // managers of organisations active on 31/12
	SumManagersTrained        // of whom trained (elementary or above)
	SumManagersCollege        // of whom college or above
	SumManagedOrgs            // active organisations with managers recorded
	SumExemplary              // exemplary
	SumValueChain             // linked to a value chain
	SumHighTech               // applying high technology
	SumOCOP                   // OCOP products
	SumCharter2023            // active HTX/LHHTX with a charter in line with the 2023 law by 31/12
	SumLaw2012                // active HTX/LHHTX under the 2012 law or later (or converted) by 31/12
	SumCount
)

// CommuneProvince is a commune in force today and its province's code.
type CommuneProvince struct {
	Commune, Province string
}

// Entry is a value entered by hand for an indicator the register
// cannot compute, for one year and unit ("" for the whole register), with
// where it comes from and who entered it when.
type Entry struct {
	ID        int64     `json:"-"`
	Indicator string    `json:"indicator"`
	Year      int       `json:"year"`
	Unit      string    `json:"unit"`
	Value     float64   `json:"value"`
	Source    string    `json:"source"`
	EnteredBy string    `json:"entered_by"` // the user's name
	EnteredAt time.Time `json:"entered_at"`
}
