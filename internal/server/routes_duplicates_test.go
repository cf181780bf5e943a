package server

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// duplicateIDs gives every role of the matrix a pair of duplicates of its
// own to merge and another to mark distinct, so an accepted call always
// changes what is stored and never finds its pair already handled.
func (e *env) duplicateIDs(x *ids) {
	t, ctx := e.t, context.Background()
	x.mergePairs, x.distinctPairs = map[string][2]int64{}, map[string][2]int64{}
	n := 0
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	pair := func(tx *store.Tx, role, what string) ([2]int64, error) {
		var p [2]int64
		for i, name := range []string{"Hợp tác xã %s %s", "HTX %s %s"} {
			n++
			o := coop.Organisation{Code: fmt.Sprintf("29777%05d", n), Name: fmt.Sprintf(name, what, role),
				Form: coop.FormHTX, Sector: coop.SectorOther, Law: 2023, CommuneCode: "17605", CommuneValidFrom: &since}
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return p, err
			}
			p[i] = o.ID
		}
		return p, nil
	}
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		for _, role := range allRoles {
			var err error
			if x.mergePairs[role], err = pair(tx, role, "hợp nhất"); err != nil {
				return err
			}
			if x.distinctPairs[role], err = pair(tx, role, "khác nhau"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("duplicate pairs: %v", err)
	}
}

// duplicateExpectations is the role × route table of reconciliation: the
// coordinator's and the administrator's work only.
func duplicateExpectations() map[string][]call {
	managers := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	actions := byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	api := byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	pairForm := func(p [2]int64) url.Values {
		return url.Values{"a": {fmt.Sprint(p[0])}, "b": {fmt.Sprint(p[1])}}
	}
	return map[string][]call{
		"GET /register/duplicates": {
			{name: "first", path: fixed("/register/duplicates"), want: managers},
			{name: "page", path: fixed("/register/duplicates?page=2"), want: managers},
		},
		"POST /register/duplicates/merge": {{path: fixed("/register/duplicates/merge"), want: actions, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				v := pairForm(x.mergePairs[role])
				v.Set("keep", fmt.Sprint(x.mergePairs[role][1]))
				return form(v)
			}}},
		"POST /register/duplicates/distinct": {{path: fixed("/register/duplicates/distinct"), want: actions, writes: true,
			body: func(x ids, role string) (io.Reader, string) { return form(pairForm(x.distinctPairs[role])) }}},
		"GET /api/v1/organisations/duplicates": {{path: fixed("/api/v1/organisations/duplicates?per_page=5"), want: api}},
	}
}

// TestDuplicatePairsAreProposed checks the matrix's pairs are what the
// finder proposes, so the merge rows act on real duplicates.
func TestDuplicatePairsAreProposed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var x ids
	e.duplicateIDs(&x)
	list, _, err := e.db.Duplicates(context.Background(), 1, store.MaxPerPage)
	if err != nil {
		t.Fatal(err)
	}
	found := map[[2]int64]bool{}
	for _, d := range list {
		found[[2]int64{d.A.ID, d.B.ID}] = true
	}
	for role, p := range x.mergePairs {
		if !found[p] {
			t.Errorf("%s's pair %v is not proposed", role, p)
		}
	}
}
