package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// plantDuplicate stores two records of one cooperative: the same name in
// one commune, and its branch under the same code.
func (e *env) plantDuplicate(t *testing.T) (a, b int64) {
	t.Helper()
	ctx := context.Background()
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids [2]int64
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		for i, code := range []string{"2977700001", "2977700001-001"} {
			o := coop.Organisation{Code: code, Name: "Hợp tác xã Nấm sạch Kim Liên", Form: coop.FormHTX,
				Sector: coop.SectorAgriculture, Law: 2023, CommuneCode: "17605", CommuneValidFrom: &since}
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
			ids[i] = o.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids[0], ids[1]
}

// duplicateCases are the reconciliation requests of
// TestResponsesMatchOpenAPI.
func duplicateCases(t *testing.T, e *env, tok registerTokens) []specCase {
	e.plantDuplicate(t)
	return []specCase{
		{"duplicates", request{Path: "/api/v1/organisations/duplicates", Token: tok.coordinator}, 200, reqValid},
		{"duplicates paged", request{Path: "/api/v1/organisations/duplicates?page=2&per_page=1", Token: tok.admin}, 200, reqValid},
		{"duplicates bad page", request{Path: "/api/v1/organisations/duplicates?page=0", Token: tok.admin}, 400, reqInvalid},
		{"duplicates as viewer", request{Path: "/api/v1/organisations/duplicates", Token: tok.viewer}, 403, reqValid},
		{"duplicates as coop", request{Path: "/api/v1/organisations/duplicates", Token: tok.coop}, 403, reqValid},
		{"duplicates anonymous", request{Path: "/api/v1/organisations/duplicates"}, 401, reqInvalid},
	}
}

type duplicateJSON struct {
	A       coop.Organisation `json:"a"`
	B       coop.Organisation `json:"b"`
	Reasons []struct {
		Reason   string `json:"reason"`
		Code     string `json:"code"`
		Distance int    `json:"distance"`
		Text     string `json:"text"`
	} `json:"reasons"`
}

// The coordinator reads the planted pair with both reasons, said in
// Vietnamese by default and in English when asked.
func TestDuplicatesSayWhy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.plantDuplicate(t)
	find := func(lang string) duplicateJSON {
		t.Helper()
		var got struct {
			Items []duplicateJSON `json:"items"`
			Total int             `json:"total"`
		}
		e.do(request{Path: "/api/v1/organisations/duplicates?per_page=500", Token: e.token(apptest.CoordinatorEmail),
			Header: map[string]string{"Accept-Language": lang}}).must(t, 200).decode(t, &got)
		for _, d := range got.Items {
			if d.A.ID == a && d.B.ID == b {
				return d
			}
		}
		t.Fatalf("pair %d, %d not listed among %d", a, b, got.Total)
		return duplicateJSON{}
	}
	d := find("")
	if len(d.Reasons) != 2 || d.Reasons[0].Reason != "same_code" || d.Reasons[0].Code != "2977700001" ||
		d.Reasons[1].Reason != "same_name_place" {
		t.Fatalf("reasons %+v", d.Reasons)
	}
	if !strings.Contains(d.Reasons[0].Text, "Cùng mã số đăng ký 2977700001") {
		t.Errorf("Vietnamese text %q", d.Reasons[0].Text)
	}
	if en := find("en"); !strings.Contains(en.Reasons[0].Text, "The same registration code 2977700001") {
		t.Errorf("English text %q", en.Reasons[0].Text)
	}
}
