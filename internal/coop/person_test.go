package coop

import "testing"

func TestPersonNormalize(t *testing.T) {
	p := Person{Name: "  Trần   Văn  Cường ", Phone: " 0912 345 678 "}
	p.Normalize()
	if p.Name != "Trần Văn Cường" || p.Phone != "0912 345 678" {
		t.Errorf("%+v", p)
	}
}
