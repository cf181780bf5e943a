package store

import (
	"reflect"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
)

// A row's text derived ahead stores exactly what deriving it when stored
// would, and once the organisation's name, short name, code or address
// changes after Prepare, the stored text is the new one's.
func TestPreparedTextSameAsDerived(t *testing.T) {
	base := coop.Organisation{Code: "0100000001", Name: "Hợp tác xã Nông nghiệp Đồng Tháp", ShortName: "HTX ĐT",
		Address: "Ấp 3, xã Mỹ Hòa", Form: coop.FormHTX, Sector: "agriculture", Law: 2023}
	for _, tc := range []struct {
		name   string
		change func(o *coop.Organisation)
	}{
		{"unchanged", func(*coop.Organisation) {}},
		{"renamed", func(o *coop.Organisation) { o.Name = "Hợp tác xã Thủy sản Ẩn Danh" }},
		{"short name", func(o *coop.Organisation) { o.ShortName = "HTX TS" }},
		{"code", func(o *coop.Organisation) { o.Code = "0100000002" }},
		{"address", func(o *coop.Organisation) { o.Address = "Thôn Đông, xã Hòa Bình" }},
		{"no text change", func(o *coop.Organisation) { o.Phone, o.Website = "0901234567", "htx.vn" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := base
			row := RegisterRow{Org: &o}
			row.Prepare()
			tc.change(&o)
			if got, want := orgValuesWith(&o, row.text), orgValues(&o); !reflect.DeepEqual(got, want) {
				t.Errorf("stored %v\nwant %v", got, want)
			}
		})
	}
}
