package planimport

import (
	"testing"

	"github.com/hoptac/hoptac/internal/org"
)

// The province's own agencies come first, by name, alias or short name
// and with the catalog's tolerance; a standard agency the province has not
// entered still resolves through the catalog; anything else does not.
func TestProvinceResolver(t *testing.T) {
	r := ProvinceResolver([]org.Agency{
		{Name: "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên", ShortName: "Sở NN&MT HY", Aliases: []string{"Sở Nông nghiệp HY"}},
		{Name: "Liên minh Hợp tác xã tỉnh", Collective: true},
	})
	for _, c := range []struct {
		in, want   string
		collective bool
		ok         bool
	}{
		{"Sở Nông nghiệp và Môi trường tỉnh Hưng Yên", "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên", false, true},
		{"SỞ NÔNG NGHIỆP HY", "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên", false, true},
		{"Sở NN&MT HY", "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên", false, true},
		{"Liên minh Hợp tác xã tỉnh", "Liên minh Hợp tác xã tỉnh", true, true},
		{"Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", false, true}, // the catalog's
		{"Công ty trách nhiệm hữu hạn Ánh Dương", "", false, false},
	} {
		name, coll, ok := r.Resolve(c.in)
		if name != c.want || coll != c.collective || ok != c.ok {
			t.Errorf("Resolve(%q) = %q, %v, %v; want %q, %v, %v", c.in, name, coll, ok, c.want, c.collective, c.ok)
		}
	}
}
