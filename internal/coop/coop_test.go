package coop

import "testing"

// The codes are what the import layer maps spreadsheet labels to and what
// the store keeps: they must not drift.
func TestCodes(t *testing.T) {
	check := func(name string, got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %v, want %v", name, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s[%d] = %q, want %q", name, i, got[i], want[i])
			}
		}
	}
	check("forms", strs(Forms()), "tht", "htx", "lhhtx")
	check("sectors", strs(Sectors()), "agriculture", "industry", "construction", "trade", "transport", "credit",
		"environment", "market", "water", "other")
	check("statuses", strs(StatusKinds()), "active", "suspended", "dissolved", "merged", "bankrupt", "revoked")
	check("trainings", strs(Trainings()), "none", "elementary", "intermediate", "college", "university", "postgraduate")
	check("roles", strs(Roles()), "chair", "director", "accountant", "controller")
	check("ratings", strs(Ratings()), "good", "fair", "average", "weak")
	check("filings", strs(Filings()), "draft", "submitted", "returned", "accepted")
	if got := Laws(); len(got) != 4 || got[0] != 1996 || got[3] != 2023 {
		t.Errorf("laws %v", got)
	}
}

func strs[T ~string](xs []T) []string {
	var out []string
	for _, x := range xs {
		out = append(out, string(x))
	}
	return out
}

func TestValid(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"form htx", Form("htx").Valid()},
		{"form qtdnd is not a form", !Form("qtdnd").Valid()},
		{"form empty", !Form("").Valid()},
		{"sector water", Sector("water").Valid()},
		{"sector unknown", !Sector("fishing").Valid()},
		{"law 2012", Law(2012).Valid()},
		{"law 2010", !Law(2010).Valid()},
		{"training college", Training("college").Valid()},
		{"training empty", !Training("").Valid()},
		{"role controller", Role("controller").Valid()},
		{"role member", !Role("member").Valid()},
		{"rating none", Rating("").Valid()},
		{"rating excellent", !Rating("excellent").Valid()},
		{"filing none", Filing("").Valid()},
		{"filing done", !Filing("done").Valid()},
	} {
		if !c.ok {
			t.Errorf("%s: wrong", c.name)
		}
	}
	o := Organisation{Form: FormHTX, Sector: SectorCredit}
	if !o.IsCreditFund() {
		t.Error("an HTX in the credit sector is a people's credit fund")
	}
	o.Form = FormTHT
	if o.IsCreditFund() {
		t.Error("a THT is never a credit fund")
	}
}
