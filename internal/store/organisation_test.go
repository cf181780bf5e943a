package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// newOrg is a valid HTX recorded in a pre-reform commune, with its
// post-reform commune.
func newOrg(code, name string) coop.Organisation {
	return coop.Organisation{Code: code, Name: name, ShortName: "HTX", Form: coop.FormHTX,
		Sector: coop.SectorAgriculture, Law: 2012, CommuneCode: "10507", CommuneValidFrom: day(2008, 1, 1),
		NewCommuneCode: "10510", NewCommuneValidFrom: day(2025, 7, 1), Address: "Thôn Đông, xã Cẩm Vũ",
		FoundedOn: day(1998, 3, 2), RegisteredOn: day(2014, 6, 30), ConvertedOn: day(2014, 6, 30),
		Phone: "0220 3851 234", Email: "htx@example.vn"}
}

// createOrg stores o and returns it with its ID.
func createOrg(t *testing.T, db *store.DB, o coop.Organisation) coop.Organisation {
	t.Helper()
	update(t, db, func(tx *store.Tx) error { return tx.CreateOrganisation(context.Background(), &o) })
	return o
}

func TestOrganisationRoundTrip(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	in := newOrg("0800123456", "Hợp tác xã Dịch vụ nông nghiệp Cẩm Vũ")
	in.CharterOn = day(2024, 9, 1)
	in.Website = "https://htxcamvu.vn"
	o := createOrg(t, db, in)
	got, err := db.Organisation(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	o.UpdatedAt = got.UpdatedAt
	if !reflect.DeepEqual(got, o) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, o)
	}
	if got.Code != "0800123456" {
		t.Errorf("code %q: a leading zero is text, kept", got.Code)
	}
	if got.Status != coop.StatusActive {
		t.Errorf("a new organisation is %q, want active", got.Status)
	}
	byCode, err := db.OrganisationByCode(ctx, " 0800123456 ")
	if err != nil || byCode.ID != o.ID {
		t.Errorf("by code: %v, %v", byCode.ID, err)
	}
	if _, err := db.Organisation(ctx, o.ID+100); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("missing organisation: %v", err)
	}
	if n := count(t, db, "audit_log"); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}
}

func TestOrganisationRefused(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	before := counts(t, db, "organisations", "audit_log")
	for _, c := range []struct {
		name  string
		o     coop.Organisation
		field string
	}{
		{"code taken", newOrg("2800123456", "Hợp tác xã B"), "code"},
		{"code taken, written without spaces differently", newOrg(" 2800123456", "Hợp tác xã B"), "code"},
		{"code of 11 digits", newOrg("28001234567", "Hợp tác xã C"), "code"},
		{"commune without validity", func() coop.Organisation {
			o := newOrg("2800123457", "Hợp tác xã D")
			o.CommuneValidFrom = nil
			return o
		}(), "commune_valid_from"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateOrganisation(ctx, &c.o) })
			wantField(t, err, c.field)
		})
	}
	wantSameCounts(t, before, counts(t, db, "organisations", "audit_log"))
}

func TestUpdateOrganisation(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	o.Phone = "0912 000 111"
	o.Status = coop.StatusDissolved // not changed by an update: only by the history
	update(t, db, func(tx *store.Tx) error { return tx.UpdateOrganisation(ctx, &o) })
	got, err := db.Organisation(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != "0912 000 111" || got.Status != coop.StatusActive {
		t.Errorf("after update: phone %q status %q", got.Phone, got.Status)
	}
	if n := count(t, db, "audit_log"); n != 2 {
		t.Errorf("%d audit entries, want 2", n)
	}
	// The same again changes nothing and is not audited.
	update(t, db, func(tx *store.Tx) error { return tx.UpdateOrganisation(ctx, &got) })
	if n := count(t, db, "audit_log"); n != 2 {
		t.Errorf("%d audit entries after a save without change, want 2", n)
	}
}

func TestUpsertOrganisation(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	upsert := func(o coop.Organisation) (coop.Organisation, bool) {
		t.Helper()
		var changed bool
		update(t, db, func(tx *store.Tx) error {
			var err error
			changed, err = tx.UpsertOrganisation(ctx, &o)
			return err
		})
		return o, changed
	}
	first, changed := upsert(newOrg("2800123456001", "Hợp tác xã A, chi nhánh 1"))
	if !changed || first.ID == 0 || first.Code != "2800123456-001" {
		t.Fatalf("first upsert: changed %v, %+v", changed, first)
	}
	// The same row again, its dates parsed in another zone and hour, as an
	// import would: nothing changes, nothing is audited.
	again := newOrg("2800123456-001", "Hợp tác xã A, chi nhánh 1")
	ict := time.FixedZone("ICT", 7*3600)
	d := time.Date(1998, 3, 2, 9, 30, 0, 0, ict)
	again.FoundedOn = &d
	second, changed := upsert(again)
	if changed || second.ID != first.ID {
		t.Errorf("same row again: changed %v, id %d (want %d)", changed, second.ID, first.ID)
	}
	if n := count(t, db, "audit_log"); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}
	// A changed revenue-free field updates the same organisation.
	moved := newOrg("2800123456-001", "Hợp tác xã A, chi nhánh 1")
	moved.Address = "Thôn Tây"
	third, changed := upsert(moved)
	if !changed || third.ID != first.ID {
		t.Errorf("changed row: changed %v, id %d", changed, third.ID)
	}
	if n := count(t, db, "organisations"); n != 1 {
		t.Errorf("%d organisations, want 1", n)
	}
	// A THT without a code cannot be matched, so it is not upserted.
	tht := newOrg("", "Tổ hợp tác rau an toàn")
	tht.Form = coop.FormTHT
	err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.UpsertOrganisation(ctx, &tht); return err })
	wantField(t, err, "code")
	// An invalid row changes nothing.
	bad := newOrg("2800123456-001", "")
	err = db.Update(ctx, func(tx *store.Tx) error { _, err := tx.UpsertOrganisation(ctx, &bad); return err })
	wantField(t, err, "name")
	got, _ := db.Organisation(ctx, first.ID)
	if got.Name != "Hợp tác xã A, chi nhánh 1" || got.Address != "Thôn Tây" {
		t.Errorf("after a refused upsert: %+v", got)
	}
}

// Two THT without a registration code live side by side: only codes are unique.
func TestTHTWithoutCode(t *testing.T) {
	db := newTestDB(t)
	for _, name := range []string{"Tổ hợp tác A", "Tổ hợp tác B"} {
		o := newOrg("", name)
		o.Form = coop.FormTHT
		createOrg(t, db, o)
	}
	if n := count(t, db, "organisations"); n != 2 {
		t.Errorf("%d organisations", n)
	}
}

func TestSetUserOrganisation(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	o := createOrg(t, db, newOrg("2800123456", "Hợp tác xã A"))
	u := auth.User{Email: "htx@hoptac.local", Name: "Đại diện HTX", Role: auth.RoleCoop}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, "mật khẩu đủ dài 2026") })
	update(t, db, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, u.ID, &o.ID) })
	got, err := db.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.OrganisationID == nil || *got.OrganisationID != o.ID {
		t.Errorf("organisation %v, want %d", got.OrganisationID, o.ID)
	}
	// A request with an API token acts for the same organisation.
	var tok string
	update(t, db, func(tx *store.Tx) error {
		var err error
		tok, err = tx.CreateToken(ctx, u.ID)
		return err
	})
	byToken, err := db.UserByToken(ctx, tok)
	if err != nil || byToken.OrganisationID == nil || *byToken.OrganisationID != o.ID {
		t.Errorf("by token: organisation %v, %v", byToken.OrganisationID, err)
	}
	missing := o.ID + 100
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, u.ID, &missing) })
	wantCode(t, err, apperr.NotFound)
	// Only a representative's account acts for an organisation.
	viewer := createUser(t, db, "xem@hoptac.local", auth.RoleViewer, nil)
	err = db.Update(ctx, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, viewer.ID, &o.ID) })
	wantField(t, err, "organisation")
	// Linking again to the same organisation is no change, and unlinking is.
	audits := count(t, db, "audit_log")
	update(t, db, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, u.ID, &o.ID) })
	if n := count(t, db, "audit_log"); n != audits {
		t.Errorf("the same link audited again: %d entries, were %d", n, audits)
	}
	update(t, db, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, u.ID, nil) })
	if got, _ := db.User(ctx, u.ID); got.OrganisationID != nil || count(t, db, "audit_log") != audits+1 {
		t.Errorf("unlinked: organisation %v", got.OrganisationID)
	}
}
