package indicator

import "testing"

// The identifiers are stored by targets and published as open data: a
// rename would silently unlink every stored target.
func TestIdentifiersAreStable(t *testing.T) {
	ids := []string{ActiveTHT, ActiveHTX, ActiveLHHTX, Founded, Dissolved, Members, Employees,
		AvgRevenue, AvgProfit, AvgIncome, ShareGoodFair, ShareManagersTrained, ShareManagersCollege,
		Exemplary, ShareValueChain, HighTech, OCOPProducts, ShareCharter2023, ShareLaw2012, GRDPShare, SupportBudget}
	want := "active_tht active_htx active_lhhtx founded dissolved members employees avg_revenue avg_profit avg_income share_good_fair share_managers_trained share_managers_college exemplary share_value_chain high_tech ocop_products share_charter_2023 share_law_2012 grdp_share support_budget"
	got := ""
	for i, id := range ids {
		if i > 0 {
			got += " "
		}
		got += id
	}
	if got != want {
		t.Fatalf("identifiers changed:\n got %s\nwant %s", got, want)
	}
}
