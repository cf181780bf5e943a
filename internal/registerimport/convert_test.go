package registerimport

import (
	"context"
	"strings"
	"testing"
)

// Rows without their own year take the import's; a file with neither is
// refused before any row is read (TestMissingColumns). A people's credit
// fund is an HTX of the credit sector even when the sector is left empty.
func TestConvertDefaults(t *testing.T) {
	data := "Mã số HTX,Tên HTX,Loại hình,Ngành nghề,Mã xã,Năm\n" +
		"1400123456,Quỹ tín dụng nhân dân Mỹ An,,,4,\n" +
		"1400123457,HTX B,Hợp tác xã,Nông nghiệp,29881,2022\n"
	res, recs := parseBytes(t, "d.csv", []byte(data), Options{Year: 2024})
	if res.Valid != 2 {
		t.Fatalf("res %+v", res)
	}
	if r := recs[0]; r.Year != 2024 || r.Form != FormHTX || r.Sector != "credit" || r.CommuneCode != "00004" || r.Status != "active" {
		t.Errorf("first %+v", r)
	}
	if recs[1].Year != 2022 {
		t.Errorf("a row's own year lost: %d", recs[1].Year)
	}
}

// A name that does not say its form needs the form column.
func TestConvertFormRequired(t *testing.T) {
	data := "Mã số HTX,Tên HTX,Xã,Năm\n1400123456,Nông trại Xanh,Xã A,2024\n"
	res, _, err := Parse(context.Background(), "f.csv", strings.NewReader(data), int64(len(data)), Options{})
	if err != nil || res.Invalid != 1 || res.Errors[0].Key != KeyRequired || res.Errors[0].Column != "Tên HTX" {
		t.Fatalf("res %+v err %v", res, err)
	}
}
