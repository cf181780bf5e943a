package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

func TestCreateAgencyWithAliases(t *testing.T) {
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
	db := newTestDB(t)
	_, err := db.Agency(context.Background(), 42)
	wantCode(t, err, apperr.NotFound)
}

func TestCreateAgencyValidation(t *testing.T) {
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

func TestAgenciesVietnameseOrder(t *testing.T) {
	db := newTestDB(t)
	// Vietnamese order: D before Đ, and Đ before S (byte order puts Đ and
	// Ủ after every ASCII letter).
	want := []string{
		"Ban Dân tộc",
		"Công an tỉnh",
		"Cục Thống kê",
		"Dự án Hỗ trợ HTX",
		"Đài Phát thanh và Truyền hình tỉnh",
		"Đoàn Thanh niên tỉnh",
		"Ngân hàng Chính sách xã hội",
		"Sở Công Thương",
		"Sở Tài chính",
		"Ủy ban nhân dân tỉnh",
	}
	insert := []int{8, 4, 0, 9, 3, 6, 1, 5, 7, 2}
	for _, i := range insert {
		createAgency(t, db, org.Agency{Name: want[i]})
	}
	list, total, err := db.Agencies(context.Background(), store.AgencyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(want) {
		t.Errorf("total = %d, want %d", total, len(want))
	}
	if got := agencyNames(list); !slices.Equal(got, want) {
		t.Errorf("order =\n%q\nwant\n%q", got, want)
	}
}

// TestAgencyRenameResorts: the sort key follows the name on update.
func TestAgencyRenameResorts(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Ban Dân tộc"})
	createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	a.Name = "Văn phòng UBND tỉnh"
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })
	list, _, err := db.Agencies(ctx, store.AgencyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := agencyNames(list), []string{"Sở Tài chính", "Văn phòng UBND tỉnh"}; !slices.Equal(got, want) {
		t.Errorf("order after rename = %q, want %q", got, want)
	}
}

func TestAgencySearch(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	khdt := createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư", Aliases: []string{"Sở KHĐT"}})
	tc := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	lm := createAgency(t, db, org.Agency{Name: "Liên minh Hợp tác xã tỉnh", Aliases: []string{"LMHTX"}, Kind: org.KindUnion})
	_ = createAgency(t, db, org.Agency{Name: "Ban Dân tộc"})
	all := []string{"Ban Dân tộc", "Liên minh Hợp tác xã tỉnh", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"}
	tests := []struct {
		query string
		want  []string
	}{
		{"so ke hoach", []string{khdt.Name}},
		{"SỞ KẾ HOẠCH", []string{khdt.Name}},
		{"  dau   tu ", []string{khdt.Name}},
		{"khdt", []string{khdt.Name}}, // alias only
		{"lmhtx", []string{lm.Name}},  // alias only
		{"hop tac xa", []string{lm.Name}},
		{"so", []string{khdt.Name, tc.Name}},
		{"tài chính", []string{tc.Name}},
		{"", all},
		{"%", nil}, // LIKE wildcards match literally
		{"_", nil},
		{"không có", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			list, total, err := db.Agencies(ctx, store.AgencyFilter{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if got := agencyNames(list); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Agencies(%q) = %q, want %q", tt.query, got, tt.want)
			}
			if total != len(tt.want) {
				t.Errorf("total = %d, want %d", total, len(tt.want))
			}
		})
	}
	// Listed agencies carry their aliases.
	list, _, _ := db.Agencies(ctx, store.AgencyFilter{Query: "khdt"})
	if len(list) == 1 && !slices.Equal(list[0].Aliases, []string{"Sở KHĐT"}) {
		t.Errorf("listed aliases = %q", list[0].Aliases)
	}
}

// TestAgencySearchByShortName: AgencyFilter.Query is documented as a
// "folded match on name, short name or alias".
func TestAgencySearchByShortName(t *testing.T) {
	db := newTestDB(t)
	a := createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư", ShortName: "SKHĐT"})
	list, total, err := db.Agencies(context.Background(), store.AgencyFilter{Query: "skhdt"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(list) != 1 || list[0].ID != a.ID {
		t.Errorf("BUG: search by short name %q found %q (total %d); store/agency.go Agencies never matches short_name",
			a.ShortName, agencyNames(list), total)
	}
}

func TestAgencyDuplicateNames(t *testing.T) {
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
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở Tài chính", Aliases: []string{"STC"}})
	a.ShortName = "STC"
	a.Aliases = []string{"stc", "Sở TC"}
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) })
}

func TestUpdateAgency(t *testing.T) {
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
	db := newTestDB(t)
	ctx := context.Background()
	a := org.Agency{ID: 77, Name: "Sở A", Kind: org.KindDepartment}
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &a) }), apperr.NotFound)
	if n := count(t, db, "audit_log"); n != 0 {
		t.Errorf("audit entries = %d after a failed update", n)
	}
}

func TestAgencySuccessorRules(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	a := createAgency(t, db, org.Agency{Name: "Sở A"})
	b := createAgency(t, db, org.Agency{Name: "Sở B"})
	c := createAgency(t, db, org.Agency{Name: "Sở C"})
	setSucc := func(x org.Agency, succ int64) error {
		x.SuccessorID, x.SuccessorSince = &succ, day(2025, 1, 1)
		return db.Update(ctx, func(tx *store.Tx) error { return tx.UpdateAgency(ctx, &x) })
	}
	// A → B → C is a chain, not a cycle.
	if err := setSucc(a, b.ID); err != nil {
		t.Fatalf("A → B: %v", err)
	}
	if err := setSucc(b, c.ID); err != nil {
		t.Fatalf("B → C: %v", err)
	}
	tests := []struct {
		name string
		x    org.Agency
		succ int64
	}{
		{"self", a, a.ID},
		{"two-cycle", b, a.ID},
		{"three-cycle", c, a.ID},
		{"closing onto middle", c, b.ID},
		{"missing successor", c, 9999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, err := db.Agency(ctx, tt.x.ID)
			if err != nil {
				t.Fatal(err)
			}
			before := counts(t, db, "audit_log")
			wantField(t, setSucc(stored, tt.succ), "successor_id")
			wantSameCounts(t, before, counts(t, db, "audit_log"))
			got, err := db.Agency(ctx, tt.x.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ptrSlice(got.SuccessorID), ptrSlice(stored.SuccessorID)) {
				t.Errorf("successor = %v after a refused change, was %v", ptrSlice(got.SuccessorID), ptrSlice(stored.SuccessorID))
			}
		})
	}
}

func ptrSlice(p *int64) []int64 {
	if p == nil {
		return nil
	}
	return []int64{*p}
}

func TestAgencyByName(t *testing.T) {
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

func TestAgenciesPagination(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	names := []string{"Sở A", "Sở B", "Sở C", "Sở D", "Sở Đoàn", "Sở E", "Sở G"}
	for i := len(names) - 1; i >= 0; i-- {
		createAgency(t, db, org.Agency{Name: names[i]})
	}
	var seen []string
	for page, wantLen := range []int{3, 3, 1, 0} {
		list, total, err := db.Agencies(ctx, store.AgencyFilter{Page: page + 1, PerPage: 3})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(names) {
			t.Errorf("page %d total = %d, want %d", page+1, total, len(names))
		}
		if len(list) != wantLen {
			t.Errorf("page %d has %d agencies, want %d", page+1, len(list), wantLen)
		}
		seen = append(seen, agencyNames(list)...)
	}
	if !slices.Equal(seen, names) {
		t.Errorf("pages together = %q, want %q", seen, names)
	}
	// Page 0 is page 1; PerPage 0 is the default.
	list, _, err := db.Agencies(ctx, store.AgencyFilter{Page: 0, PerPage: 0})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(names) {
		t.Errorf("default page has %d agencies, want %d", len(list), len(names))
	}
	// total counts the filtered set, not the page.
	list, total, err := db.Agencies(ctx, store.AgencyFilter{Query: "so", PerPage: 2, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(names) || len(list) != 2 || list[0].Name != "Sở C" {
		t.Errorf("filtered page 2 = %q total %d", agencyNames(list), total)
	}
}

func TestCreateAgencyWithSuccessor(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	succ := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	a := createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư", ValidTo: day(2025, 2, 28),
		SuccessorID: &succ.ID, SuccessorSince: day(2025, 3, 1)})
	got, err := db.Agency(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SuccessorID == nil || *got.SuccessorID != succ.ID || !sameDate(got.SuccessorSince, day(2025, 3, 1)) {
		t.Errorf("successor = %v since %s", got.SuccessorID, fmtDate(got.SuccessorSince))
	}
	// A successor that does not exist is a field error, not a database error.
	before := counts(t, db, "agencies", "audit_log")
	bad := org.Agency{Name: "Sở Mới", Kind: org.KindDepartment, SuccessorID: ptr(int64(9999)), SuccessorSince: day(2025, 1, 1)}
	wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &bad) }), "successor_id")
	wantSameCounts(t, before, counts(t, db, "agencies", "audit_log"))
}

func TestAgencyForUpdate(t *testing.T) {
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
