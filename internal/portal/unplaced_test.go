package portal_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// unplacedVi is portal.unit_unplaced in Vietnamese.
const unplacedVi = "Chưa gắn với xã, phường sau sắp xếp năm 2025"

// TestHomeShowsUnplacedLast: an organisation recorded only in a commune of
// before the 2025 reform is counted on the home in the row of
// organisations placed in no province, named so and shown after every
// province, not under its old province's code (store.PortalPlaces' rule).
func TestHomeShowsUnplacedLast(t *testing.T) {
	e := newDiffEnv(t)
	storetest.ImportReformUnits(t, e.db)
	// One organisation in Phường Thành Đông (10507, Hải Phòng), so a
	// province row comes before the unplaced one.
	reform := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	placed := coop.Organisation{Code: "0999999902", Name: "Hợp tác xã Thành Đông", Form: coop.FormHTX,
		Sector: coop.SectorAgriculture, Law: 2012, CommuneCode: "10507", CommuneValidFrom: &reform,
		NewCommuneCode: "10507", NewCommuneValidFrom: &reform}
	e.write(func(ctx context.Context, tx *store.Tx) error { return tx.CreateOrganisation(ctx, &placed) })
	unplaced := func() int {
		_, home, _ := get(t, e.plain+"/cong-khai", http.Header{"Cookie": {"lang=vi"}})
		rows, err := provinceRows(home, "reg-h", -1)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i, r := range rows {
			if strings.HasPrefix(r, unplacedVi+" |") {
				// The last row is the total.
				if i != len(rows)-2 {
					t.Errorf("the unplaced row is row %d of %d: %q", i+1, len(rows), rows)
				}
				total := strings.ReplaceAll(r[strings.LastIndex(r, "| ")+2:], ".", "")
				if n, err = strconv.Atoi(total); err != nil {
					t.Fatal(err)
				}
			}
		}
		return n
	}
	before := unplaced()
	var old string
	if err := e.db.SQL().QueryRow(`SELECT code FROM units WHERE level = 'commune' AND valid_to IS NOT NULL
		ORDER BY code LIMIT 1`).Scan(&old); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	o := coop.Organisation{Code: "0999999901", Name: "Hợp tác xã Chưa Sắp Xếp", Form: coop.FormHTX,
		Sector: coop.SectorAgriculture, Law: 2012, CommuneCode: old, CommuneValidFrom: &from}
	e.write(func(ctx context.Context, tx *store.Tx) error { return tx.CreateOrganisation(ctx, &o) })
	// The store gives a saved organisation its commune after the reform
	// when its commune has one successor; one recorded before it did
	// has none.
	if _, err := e.db.SQL().Exec(e.db.Rebind(`UPDATE organisations SET new_commune_code = '', new_commune_valid_from = NULL
		WHERE id = ?`), o.ID); err != nil {
		t.Fatal(err)
	}
	if got := unplaced(); got != before+1 {
		t.Errorf("unplaced row %d after adding one organisation of old commune %s, want %d", got, old, before+1)
	}
}
