package demo

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Load prints one login per role, each password working once and to be
// changed at first login; the agency officers speak for their agency;
// merged agencies hand over the day after they end; a restarted demo
// keeps its data and prints no new passwords.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	got, err := Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got.PlanID == 0 {
		t.Fatal("no plan")
	}
	roles := map[auth.Role]int{}
	seen := map[string]bool{}
	for _, a := range got.Accounts {
		roles[a.Role]++
		if len(a.Password) < 12 || seen[a.Password] {
			t.Errorf("%s: password %q is short or shared", a.Email, a.Password)
		}
		seen[a.Password] = true
		u, err := db.Authenticate(ctx, a.Email, a.Password)
		if err != nil {
			t.Errorf("%s cannot log in with the password printed: %v", a.Email, err)
			continue
		}
		if !u.MustChangePassword {
			t.Errorf("%s need not change the demo password", a.Email)
		}
		if a.Role == auth.RoleAgency && u.AgencyID == nil {
			t.Errorf("%s: an agency officer of no agency", a.Email)
		}
	}
	want := map[auth.Role]int{auth.RoleAdmin: 1, auth.RoleCoordinator: 1, auth.RoleAgency: 2, auth.RoleViewer: 1, auth.RoleCoop: 1}
	for r, n := range want {
		if roles[r] != n {
			t.Errorf("%d %s accounts, want %d (all: %v)", roles[r], r, n, roles)
		}
	}
	for _, s := range agencies() {
		if s.Successor == "" || s.ValidTo == "" {
			continue
		}
		a, err := db.AgencyByName(ctx, s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if a.SuccessorSince == nil || !a.SuccessorSince.Equal(date(s.ValidTo).AddDate(0, 0, 1)) || a.SuccessorID == nil {
			t.Errorf("%s: successor %v since %v, want from the day after %s", s.Name, a.SuccessorID, a.SuccessorSince, s.ValidTo)
		}
	}

	again, err := Load(ctx, db)
	if err != nil || again.PlanID != got.PlanID || len(again.Accounts) != 0 {
		t.Errorf("a second Load: plan %d, %d accounts, %v; want plan %d and nothing new", again.PlanID,
			len(again.Accounts), err, got.PlanID)
	}
	plans, total, err := db.Plans(ctx, 1, 10)
	if err != nil || total != 1 || len(plans) != 1 {
		t.Errorf("%d plans after a restart (%v), want 1", total, err)
	}
	u, err := db.Authenticate(ctx, got.Accounts[0].Email, got.Accounts[0].Password)
	if err != nil || u.Email != got.Accounts[0].Email {
		t.Errorf("a restart changed the first password: %v", err)
	}
}
