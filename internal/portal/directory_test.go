package portal_test

import (
	"context"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestDirectoryNamesEveryCommune: the directory names an organisation's
// commune from the unit lists, also when no organisation is active there
// (the register's counts then know nothing of it), and by the day the
// record gives the code: old 10507 is Phường Cẩm Thượng, new 10507 Phường
// Thành Đông.
func TestDirectoryNamesEveryCommune(t *testing.T) {
	a := start(t)
	storetest.ImportReformUnits(t, a.DB)
	ctx := auth.WithUser(context.Background(), coordinator(t, a.DB))
	day := func(y int, m time.Month, d int) *time.Time { t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); return &t }
	gone := coop.Organisation{Code: "0109888801", Name: "Hợp tác xã Đã giải thể Cẩm Thượng", Form: coop.FormHTX,
		Sector: coop.SectorTrade, Law: 2012, CommuneCode: "10507", CommuneValidFrom: day(2008, 1, 1)}
	active := coop.Organisation{Code: "0109888802", Name: "Hợp tác xã Còn hoạt động Thành Đông", Form: coop.FormHTX,
		Sector: coop.SectorTrade, Law: 2023, CommuneCode: "10507", CommuneValidFrom: day(2025, 7, 1)}
	if err := a.DB.Update(ctx, func(tx *store.Tx) error {
		for _, o := range []*coop.Organisation{&gone, &active} {
			if err := tx.CreateOrganisation(ctx, o); err != nil {
				return err
			}
		}
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: gone.ID, Kind: coop.StatusDissolved, On: apptest.Now.AddDate(0, 0, -2)})
	}); err != nil {
		t.Fatal(err)
	}
	// The store gives a saved organisation its commune after the reform;
	// a register kept before it did holds organisations without one.
	if _, err := a.DB.SQL().Exec(a.DB.Rebind(`UPDATE organisations SET new_commune_code = '', new_commune_valid_from = NULL
		WHERE id = ?`), gone.ID); err != nil {
		t.Fatal(err)
	}
	if n := a.Count(`SELECT COUNT(*) FROM organisations WHERE status = 'active' AND new_commune_code = '' AND commune_code = '10507'
		AND commune_valid_from < '2025-07-01'`); n != 0 {
		t.Fatalf("%d active organisations in old 10507: the test needs none", n)
	}
	c := a.NewClient()
	check := func(stage string) {
		t.Helper()
		for _, tc := range []struct{ org, commune string }{
			{gone.Name, "Phường Cẩm Thượng"},
			{active.Name, "Phường Thành Đông"},
		} {
			page := a.Page(c, "/cong-khai/to-chuc?q="+url.QueryEscape(tc.org))
			m := regexp.MustCompile(`<tr><td>` + regexp.QuoteMeta(tc.org) + `</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("%s: %s is not in the directory:\n%s", stage, tc.org, page)
			}
			if m[1] != tc.commune {
				t.Errorf("%s: %s: commune shown %q, want %q", stage, tc.org, m[1], tc.commune)
			}
		}
	}
	check("one active in new 10507")
	// Now no organisation is active in either 10507.
	if err := a.DB.Update(ctx, func(tx *store.Tx) error {
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: active.ID, Kind: coop.StatusDissolved, On: apptest.Now.AddDate(0, 0, -1)})
	}); err != nil {
		t.Fatal(err)
	}
	if n := a.Count(`SELECT COUNT(*) FROM organisations WHERE status = 'active' AND (new_commune_code = '10507'
		OR new_commune_code = '' AND commune_code = '10507')`); n != 0 {
		t.Fatalf("%d active organisations in 10507: the test needs none", n)
	}
	check("none active")
}
