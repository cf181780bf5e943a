package registerload

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/sheet"
)

// unmapped has a name column the catalogue does not know and a revenue
// column under a header it takes for the charter capital.
const unmapped = `Mã số HTX,Danh xưng,Mã xã,Năm,Vốn điều lệ (triệu đồng)
0800123456,HTX Nông nghiệp Cẩm Thượng,10507,2024,1500
0800123457,HTX Dịch vụ Bình Hàn,10513,2024,200
`

func checkMapped(t *testing.T, data string, mapping map[int]string, opt Options) (*Checked, error) {
	t.Helper()
	opt.Today = today
	return Check(context.Background(), withUnits(t), "ds.csv", strings.NewReader(data), int64(len(data)), opt, mapping, 1)
}

// Check reads with the chosen mapping and writes nothing; its first good
// records are typed as the import would write them.
func TestCheckMapping(t *testing.T) {
	if _, err := checkMapped(t, unmapped, nil, Options{}); err == nil || !strings.Contains(err.Error(), "Tệp thiếu cột bắt buộc: Tên tổ chức") {
		t.Fatalf("without the name mapped: %v", err)
	}
	ck, err := checkMapped(t, unmapped, map[int]string{1: "name", 4: "revenue"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ck.Summary.Valid != 2 || ck.Summary.Invalid != 0 || len(ck.First) != 1 {
		t.Fatalf("summary %+v, first %d", ck.Summary, len(ck.First))
	}
	r := ck.First[0]
	if r.Name != "HTX Nông nghiệp Cẩm Thượng" || r.Revenue == nil || *r.Revenue != 1_500_000_000 || r.CharterCapital != nil {
		t.Errorf("first record %+v", r)
	}
	if strings.Join(ck.Header.Fields, "|") != "code|name|commune_code|year|revenue" {
		t.Errorf("fields %v", ck.Header.Fields)
	}
	for _, tt := range []struct {
		name    string
		mapping map[int]string
		key     string
	}{
		{"twice", map[int]string{0: "code", 1: "code"}, sheet.KeyMappingTwice},
		{"unknown", map[int]string{1: "password"}, sheet.KeyMappingField},
		{"past the file", map[int]string{9: "name"}, sheet.KeyMappingColumn},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := checkMapped(t, unmapped, tt.mapping, Options{}); sheet.KeyOf(err) != tt.key {
				t.Errorf("error %v, want %s", err, tt.key)
			}
		})
	}
}

// ImportMapped writes by the chosen mapping, and with a bad row writes
// nothing unless asked for the valid rows only.
func TestImportMapped(t *testing.T) {
	db := withUnits(t)
	ctx := context.Background()
	mapping := map[int]string{1: "name", 4: "revenue"}
	bad := unmapped + "123,HTX mã sai,10507,2024,1\n"
	run := func(data string, opt Options) *Summary {
		t.Helper()
		opt.Today = today
		sum, err := ImportMapped(ctx, db, "ds.csv", bytes.NewReader([]byte(data)), int64(len(data)), opt, mapping)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if sum := run(bad, Options{}); sum.Written || sum.Invalid != 1 || len(sum.Errors) != 1 || sum.Errors[0].Row != 4 || count(t, db, "organisations") != 0 {
		t.Fatalf("a bad row: %+v", sum)
	}
	sum := run(bad, Options{ValidOnly: true})
	if !sum.Written || sum.Created != 2 || sum.Batch == 0 || count(t, db, "organisations") != 2 {
		t.Fatalf("valid only: %+v", sum)
	}
	o, err := db.OrganisationByCode(ctx, "0800123456")
	if err != nil || o.Name != "HTX Nông nghiệp Cẩm Thượng" {
		t.Fatalf("%+v %v", o, err)
	}
	if f, err := db.FiguresFor(ctx, o.ID, 2024); err != nil || f.Revenue != 1_500_000_000 || f.CharterCapital != 0 {
		t.Errorf("figures by the mapping: %+v, %v", f, err)
	}
	if again := run(unmapped, Options{}); again.Created != 0 || again.Unchanged != 2 || again.Batch != 0 {
		t.Errorf("re-import %+v", again)
	}
}
