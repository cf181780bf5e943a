package registerload

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

// The organisation of the row before is reused only when the row gives
// the same values; a row that differs in any field, a date included, is
// normalised afresh, and errors are placed at the row asking.
func TestNormalizeReusesTheRowBefore(t *testing.T) {
	day := func(d int) *time.Time { v := time.Date(2020, 3, d, 9, 0, 0, 0, time.UTC); return &v }
	base := coop.Organisation{Code: "2800123456", Name: "  HTX  Tân Hòa ", Form: coop.FormHTX, Sector: coop.SectorOther,
		CommuneCode: "10507", CommuneValidFrom: day(1), FoundedOn: day(15), Law: 2023}
	r := &resolver{}
	a := base
	if errs := r.normalize(&a, 3); len(errs) != 0 || a.Name != "HTX Tân Hòa" {
		t.Fatalf("first row: %+v, %v", a, errs)
	}
	b := base
	b.FoundedOn = day(15) // another pointer, the same day
	if r.normalize(&b, 4); b.Name != "HTX Tân Hòa" || b.FoundedOn == nil || !b.FoundedOn.Equal(*a.FoundedOn) {
		t.Errorf("same row again: %+v", b)
	}
	for name, change := range map[string]func(o *coop.Organisation){
		"name":    func(o *coop.Organisation) { o.Name = "HTX Mỹ An" },
		"founded": func(o *coop.Organisation) { o.FoundedOn = day(16) },
		"no date": func(o *coop.Organisation) { o.FoundedOn = nil },
		"commune": func(o *coop.Organisation) { o.NewCommuneCode = "10508" },
	} {
		prime := base // the row before: the base organisation
		prime.FoundedOn = day(15)
		r.normalize(&prime, 5)
		c := base
		c.FoundedOn = day(15)
		change(&c)
		want := c
		want.Normalize()
		r.normalize(&c, 6)
		if g, w := asJSON(t, &c), asJSON(t, &want); g != w {
			t.Errorf("%s changed: got %s, want %s", name, g, w)
		}
	}
	bad := base
	bad.Email = "không phải email"
	e1 := r.normalize(&bad, 7)
	bad2 := base
	bad2.Email = "không phải email"
	e2 := r.normalize(&bad2, 8)
	if len(e1) == 0 || len(e2) != len(e1) || e2[0].row != 8 || e1[0].row != 7 {
		t.Errorf("errors %+v then %+v", e1, e2)
	}
}

// asJSON shows an organisation with its dates as values.
func asJSON(t *testing.T, o *coop.Organisation) string {
	t.Helper()
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
