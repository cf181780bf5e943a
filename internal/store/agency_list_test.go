package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

func TestAgenciesVietnameseOrder(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

func TestAgenciesPagination(t *testing.T) {
	t.Parallel()
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
