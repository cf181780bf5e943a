package web_test

import (
	"context"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// plantPair stores two records of one cooperative in one commune, the
// second with the form written short, and figures of 2024 on the second.
func (e *env) plantPair(t *testing.T, name string, codes [2]string) (a, b int64) {
	t.Helper()
	ctx := context.Background()
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids [2]int64
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		for i, n := range []string{"Hợp tác xã " + name, "HTX " + name} {
			o := coop.Organisation{Code: codes[i], Name: n, Form: coop.FormHTX, Sector: coop.SectorAgriculture, Law: 2023,
				CommuneCode: "17605", CommuneValidFrom: &since}
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
			ids[i] = o.ID
		}
		_, _, err := tx.PutFigures(ctx, &coop.YearFigures{OrganisationID: ids[1], Year: 2024, Revenue: 777_000_000}, coop.StepSave, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids[0], ids[1]
}

func pairValues(a, b int64) map[string][]string {
	return map[string][]string{"a": {fmt.Sprint(a)}, "b": {fmt.Sprint(b)}}
}

func TestDuplicatesMergeAndDistinct(t *testing.T) {
	e := newEnv(t)
	a, b := e.plantPair(t, "Nấm sạch Kim Liên", [2]string{"2977700001", "2977700002"})
	c, d := e.plantPair(t, "Chè xanh Kim Liên", [2]string{"2977700003", "2977700004"})
	coord := e.login(coordinatorEmail)
	list := html.UnescapeString(e.page(coord, "/register/duplicates"))
	for _, want := range []string{"Tổ chức có thể bị trùng", "HTX Nấm sạch Kim Liên", "HTX Chè xanh Kim Liên",
		"Cùng tên, cùng xã", `name="keep" value="` + fmt.Sprint(b) + `"`} {
		if !strings.Contains(list, want) {
			t.Errorf("the duplicates page lacks %q", want)
		}
	}

	// Keeping a: b's 2024 figures move to a, b is merged into a, and a's
	// page says so.
	v := pairValues(a, b)
	v["keep"] = []string{fmt.Sprint(a)}
	resp, _ := e.postForm(coord, "/register/duplicates/merge", v)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != fmt.Sprintf("/register/%d#merges", a) {
		t.Fatalf("merge: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := e.count(`SELECT COUNT(*) FROM organisation_figures WHERE organisation_id = ? AND year = 2024`, a); n != 1 {
		t.Errorf("kept organisation has %d rows of 2024, want 1", n)
	}
	kept := e.page(coord, fmt.Sprintf("/register/%d", a))
	for _, want := range []string{"Bản ghi trùng đã hợp nhất vào tổ chức này", "HTX Nấm sạch Kim Liên", "2977700002", "2024", "777.000.000"} {
		if !strings.Contains(kept, want) {
			t.Errorf("the kept organisation's page lacks %q", want)
		}
	}
	merged := e.page(coord, fmt.Sprintf("/register/%d", b))
	if !strings.Contains(merged, "Sáp nhập") || !strings.Contains(merged, fmt.Sprintf(`href="/register/%d"`, a)) {
		t.Error("the merged organisation's page does not say it merged into the kept one")
	}

	// c and d are two organisations: never proposed again.
	resp, _ = e.postForm(coord, "/register/duplicates/distinct", pairValues(d, c))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/register/duplicates" {
		t.Fatalf("distinct: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	list = e.page(coord, "/register/duplicates")
	if strings.Contains(list, "Nấm sạch") || strings.Contains(list, "Chè xanh") {
		t.Error("a merged or distinct pair is still proposed")
	}
}
