package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

func TestCreateAgencyWithAliases(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{
		Name: "  Sở Kế hoạch   và Đầu tư ", ShortName: "Sở KH&ĐT", Kind: org.KindDepartment,
		ValidFrom: day(2008, 4, 1),
		// The third folds like the first and the fourth like the name: dropped.
		Aliases: []string{"Sở KHĐT", "KH&ĐT", "  sở khđt ", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", ""},
	})
	got, err := db.Agency(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Sở Kế hoạch và Đầu tư" {
		t.Errorf("Name = %q, want cleaned", got.Name)
	}
	if got.ShortName != "Sở KH&ĐT" || got.Kind != org.KindDepartment || got.Collective || got.Flagged {
		t.Errorf("agency = %+v", got)
	}
	if want := []string{"KH&ĐT", "Sở KHĐT"}; !slices.Equal(got.Aliases, want) {
		t.Errorf("Aliases = %q, want %q", got.Aliases, want)
	}
	if !sameDate(got.ValidFrom, day(2008, 4, 1)) || got.ValidTo != nil || got.SuccessorID != nil {
		t.Errorf("dates = from %s to %s successor %v", fmtDate(got.ValidFrom), fmtDate(got.ValidTo), got.SuccessorID)
	}
	if !got.UpdatedAt.Equal(fixedNow) {
		t.Errorf("UpdatedAt = %v, want the clock %v", got.UpdatedAt, fixedNow)
	}
	if n := count(t, db, "agency_aliases"); n != 2 {
		t.Errorf("agency_aliases rows = %d, want 2", n)
	}
}

func TestCreateCollectiveAgency(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	a := createAgency(t, db, org.Agency{Name: "UBND các huyện, thị xã, thành phố", Kind: org.KindCollective})
	got, err := db.Agency(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Collective || got.Kind != org.KindCollective {
		t.Errorf("collective designation stored as %+v", got)
	}
}

func TestAgencyNotFound(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	_, err := db.Agency(context.Background(), 42)
	wantCode(t, err, apperr.NotFound)
}

func TestCreateAgencyValidation(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		a     org.Agency
		field string
	}{
		{"empty name", org.Agency{Name: " \u200b ", Kind: org.KindDepartment}, "name"},
		{"bad kind", org.Agency{Name: "Sở A", Kind: "ministry"}, "kind"},
		{"valid_to before from", org.Agency{Name: "Sở A", Kind: org.KindDepartment,
			ValidFrom: day(2020, 1, 1), ValidTo: day(2019, 1, 1)}, "valid_to"},
		{"successor without date", org.Agency{Name: "Sở A", Kind: org.KindDepartment, SuccessorID: ptr(int64(1))}, "successor_since"},
		{"NUL in name", org.Agency{Name: "Sở\x00 A", Kind: org.KindDepartment}, "name"},
		{"RLO in short name", org.Agency{Name: "Sở A", ShortName: "\u202ESA", Kind: org.KindDepartment}, "short_name"},
		{"name over the limit", org.Agency{Name: strings.Repeat("a", org.MaxNameLen+1), Kind: org.KindDepartment}, "name"},
		{"20,000 aliases", org.Agency{Name: "Sở A", Kind: org.KindDepartment, Aliases: manyAliases(20000)}, "aliases"},
		{"alias over the limit", org.Agency{Name: "Sở A", Kind: org.KindDepartment,
			Aliases: []string{strings.Repeat("a", org.MaxAliasLen+1)}}, "aliases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, db, "agencies", "agency_aliases", "audit_log")
			a := tt.a
			err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &a) })
			wantField(t, err, tt.field)
			wantSameCounts(t, before, counts(t, db, "agencies", "agency_aliases", "audit_log"))
		})
	}
}

// TestAgencyNFC: an NFD name (macOS, PDF copy) is stored as NFC and is the
// same agency as its NFC spelling.
func TestAgencyNFC(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	const nfc = "Sở Tài chính"
	const nfd = "So\u031b\u0309 Ta\u0300i chi\u0301nh"
	if nfc == nfd {
		t.Fatal("test strings are not different encodings")
	}
	a := createAgency(t, db, org.Agency{Name: nfd, Aliases: []string{"Sơ\u0309 TC"}})
	got, err := db.Agency(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != nfc {
		t.Errorf("Name = %+q, want NFC %+q", got.Name, nfc)
	}
	if want := []string{"Sở TC"}; !slices.Equal(got.Aliases, want) {
		t.Errorf("Aliases = %+q, want NFC %+q", got.Aliases, want)
	}
	for _, name := range []string{nfc, nfd} {
		byName, err := db.AgencyByName(ctx, name)
		if err != nil || byName.ID != a.ID {
			t.Errorf("AgencyByName(%+q) = %d, %v; want %d", name, byName.ID, err, a.ID)
		}
	}
	// The NFC spelling is a duplicate of the stored NFD input.
	dup := org.Agency{Name: nfc, Kind: org.KindDepartment}
	wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &dup) }), "name")
}

func TestAgencyDuplicateNames(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	createAgency(t, db, org.Agency{Name: "Sở Tài chính", Aliases: []string{"STC"}})
	sct := createAgency(t, db, org.Agency{Name: "Sở Công Thương", Aliases: []string{"SCT"}})
	tables := []string{"agencies", "agency_aliases", "audit_log"}
	tests := []struct {
		name  string
		a     org.Agency
		field string
	}{
		{"same name other case and no diacritics", org.Agency{Name: "SO TAI CHINH"}, "name"},
		{"same name extra spaces", org.Agency{Name: "Sở  Tài \t chính"}, "name"},
		{"name is another agency's alias", org.Agency{Name: "stc"}, "name"},
		{"alias is another agency's name", org.Agency{Name: "Sở Mới", Aliases: []string{"sở tài chinh"}}, "aliases"},
		{"alias is another agency's alias", org.Agency{Name: "Sở Mới", Aliases: []string{"stc"}}, "aliases"},
	}
	for _, tt := range tests {
		t.Run("create/"+tt.name, func(t *testing.T) {
			before := counts(t, db, tables...)
			a := tt.a
			a.Kind = org.KindDepartment
			err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &a) })
			wantField(t, err, tt.field)
			wantSameCounts(t, before, counts(t, db, tables...))
		})
		t.Run("update/"+tt.name, func(t *testing.T) {
			before := counts(t, db, tables...)
			a := sct
			a.Name, a.Aliases = tt.a.Name, tt.a.Aliases
			err := db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })
			wantField(t, err, tt.field)
			wantSameCounts(t, before, counts(t, db, tables...))
			got, err := db.Agency(ctx, sct.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != "Sở Công Thương" || !slices.Equal(got.Aliases, []string{"SCT"}) {
				t.Errorf("refused update changed the agency: %q %q", got.Name, got.Aliases)
			}
		})
	}
}

// TestUpdateAgencyKeepsOwnName: an agency's own name and aliases are not
// duplicates of itself.
func TestUpdateAgencyKeepsOwnName(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở Tài chính", Aliases: []string{"STC"}})
	a.ShortName = "STC"
	a.Aliases = []string{"stc", "Sở TC"}
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })
}

func TestUpdateAgency(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	old := createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư", Aliases: []string{"Sở KHĐT", "KH&ĐT"}})
	succ := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})

	later := fixedNow.AddDate(0, 1, 0)
	setClock(db, later)
	a := old
	a.Name = "Sở Kế hoạch và Đầu tư (cũ)"
	a.Aliases = []string{"Sở KHĐT cũ"}
	a.ValidTo = day(2025, 2, 28)
	a.SuccessorID, a.SuccessorSince = &succ.ID, day(2025, 3, 1)
	a.Flagged = true
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })

	got, err := db.Agency(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != a.Name || !got.Flagged {
		t.Errorf("Name, Flagged = %q, %v", got.Name, got.Flagged)
	}
	if !slices.Equal(got.Aliases, []string{"Sở KHĐT cũ"}) {
		t.Errorf("Aliases = %q, want only the new one", got.Aliases)
	}
	if got.SuccessorID == nil || *got.SuccessorID != succ.ID || !sameDate(got.SuccessorSince, day(2025, 3, 1)) {
		t.Errorf("successor = %v since %s, want %d since 2025-03-01", got.SuccessorID, fmtDate(got.SuccessorSince), succ.ID)
	}
	if !sameDate(got.ValidTo, day(2025, 2, 28)) {
		t.Errorf("ValidTo = %s", fmtDate(got.ValidTo))
	}
	if !got.UpdatedAt.Equal(later) {
		t.Errorf("UpdatedAt = %v, want %v", got.UpdatedAt, later)
	}
	// Old aliases no longer resolve; the new one does; the freed name can be reused.
	if _, err := db.AgencyByName(ctx, "KH&ĐT"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("old alias still resolves: %v", err)
	}
	if b, err := db.AgencyByName(ctx, "so khdt cu"); err != nil || b.ID != old.ID {
		t.Errorf("new alias resolves to %d, %v", b.ID, err)
	}
	createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư"})

	// Clearing the successor works too.
	a.SuccessorID, a.SuccessorSince = nil, nil
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })
	if got, _ := db.Agency(ctx, old.ID); got.SuccessorID != nil || got.SuccessorSince != nil {
		t.Errorf("successor not cleared: %v %v", got.SuccessorID, got.SuccessorSince)
	}
}

func TestUpdateMissingAgency(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := org.Agency{ID: 77, Name: "Sở A", Kind: org.KindDepartment}
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) }), apperr.NotFound)
	if n := count(t, db, "audit_log"); n != 0 {
		t.Errorf("audit entries = %d after a failed update", n)
	}
}

func TestAgencyByName(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Liên minh Hợp tác xã tỉnh", Aliases: []string{"LMHTX", "Liên minh HTX"}})
	createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	for _, name := range []string{"Liên minh Hợp tác xã tỉnh", "LIEN MINH HOP TAC XA TINH", "lmhtx", " Liên  minh htx "} {
		got, err := db.AgencyByName(ctx, name)
		if err != nil || got.ID != a.ID {
			t.Errorf("AgencyByName(%q) = %d, %v; want %d", name, got.ID, err, a.ID)
			continue
		}
		if len(got.Aliases) != 2 {
			t.Errorf("AgencyByName(%q) aliases = %q", name, got.Aliases)
		}
	}
	for _, name := range []string{"Liên minh", "", "Sở Tài"} { // exact names only, not substrings
		if _, err := db.AgencyByName(ctx, name); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("AgencyByName(%q) err = %v, want not found", name, err)
		}
	}
}

func TestAgencyForUpdate(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở Tài chính", Aliases: []string{"STC", "Sở TC"}})
	update(t, db, func(tx *store.Tx) error {
		got, err := tx.AgencyForUpdate(ctx, a.ID)
		if err != nil {
			return err
		}
		if got.Name != a.Name || !slices.Equal(got.Aliases, []string{"STC", "Sở TC"}) {
			t.Errorf("AgencyForUpdate = %q %q", got.Name, got.Aliases)
		}
		got.ShortName = "STC"
		return tx.UpdateAgency(ctx, &got)
	})
	err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.AgencyForUpdate(ctx, 999); return err })
	wantCode(t, err, apperr.NotFound)
	if got, _ := db.Agency(ctx, a.ID); got.ShortName != "STC" || len(got.Aliases) != 2 {
		t.Errorf("after read-modify-write: %+v", got)
	}
}

// manyAliases is n distinct other names.
func manyAliases(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "Tên " + strconv.Itoa(i)
	}
	return out
}

// TestUpdateAgencyRefusesOverLimits: a refused update leaves the agency,
// its aliases and the audit log as they were.
func TestUpdateAgencyRefusesOverLimits(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở A", Kind: org.KindDepartment, Aliases: []string{"SA"}})
	for _, tc := range []struct {
		name, field string
		edit        func(*org.Agency)
	}{
		{"too many aliases", "aliases", func(a *org.Agency) { a.Aliases = manyAliases(org.MaxAliases + 1) }},
		{"bidi isolate in an alias", "aliases", func(a *org.Agency) { a.Aliases = []string{"SA", "\u2066SB"} }},
		{"escape in name", "name", func(a *org.Agency) { a.Name = "Sở A\x1b[0m" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := counts(t, db, "agencies", "agency_aliases", "audit_log")
			b := a
			tc.edit(&b)
			wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &b) }), tc.field)
			wantSameCounts(t, before, counts(t, db, "agencies", "agency_aliases", "audit_log"))
			got, err := db.Agency(ctx, a.ID)
			if err != nil || got.Name != "Sở A" || !slices.Equal(got.Aliases, []string{"SA"}) {
				t.Errorf("agency after a refused update: %+v (%v)", got, err)
			}
		})
	}
}
