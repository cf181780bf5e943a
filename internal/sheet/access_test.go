package sheet

import (
	"errors"
	"testing"

	"github.com/hoptac/hoptac/internal/i18n"
)

func TestSetMapping(t *testing.T) {
	data := "Mã số HTX,Tên HTX,Tên gọi khác,Ghi chú\n1400123456,HTX A,HTX B,x\n"
	rd := open(t, "m.csv", []byte(data))
	if err := rd.SetMapping(map[int]string{2: "name", 1: ""}); err != nil {
		t.Fatal(err)
	}
	row, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got, col, _ := rd.Cell(row, "name"); got != "HTX B" || col != "Tên gọi khác" {
		t.Errorf("name %q from %q", got, col)
	}
	for _, m := range []map[int]string{{9: "name"}, {3: "nope"}, {2: "name", 3: "name"}} {
		if err := rd.SetMapping(m); err == nil {
			t.Errorf("SetMapping(%v) accepted", m)
		}
	}
	var ie *i18n.Error
	if err := rd.SetMapping(map[int]string{2: "name", 3: "name"}); !errors.As(err, &ie) || ie.Key != KeyMappingTwice {
		t.Errorf("err %v", err)
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %q, want %q", i, got, want)
		}
	}
}
