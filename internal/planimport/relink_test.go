package planimport

import (
	"context"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/target"
)

// Seed 004 stored, three of its targets linked, then the same document
// stored again with one linked target reworded: the review says two
// links are kept and names the reworded target's old text as lost; the
// new plan gets the two links, on the targets with the same words, and
// the old plan keeps all three.
func TestReimportKeepsTargetLinks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	name, data := readSeed(t, "004")
	parse := func() *Result {
		agencies, err := db.AllAgencyNames(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Parse(ctx, name, data, ProvinceResolver(agencies))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first, err := Save(ctx, db, parse())
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Plan.Targets) < 4 {
		t.Fatalf("seed 004 gives %d targets, want at least 4", len(first.Plan.Targets))
	}
	indicators := target.Indicators()
	linked := map[string]string{} // target text -> indicator
	err = db.Update(ctx, func(tx *store.Tx) error {
		for i, tg := range first.Plan.Targets[:3] {
			l := target.Link{TargetID: tg.ID, Indicator: indicators[i], Comparator: target.AtLeast, Value: float64(10 + i),
				BaselineYear: 2017, Deadline: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)}
			if err := tx.SaveTargetLink(ctx, first.Plan.ID, &l); err != nil {
				return err
			}
			linked[tg.Text] = l.Indicator
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	res := parse()
	reworded := res.Targets[1].Text
	res.Targets[1].Text = "Một chỉ tiêu đã sửa lời"
	dups, err := db.PlansByDocument(ctx, first.Plan.Number, first.Plan.Issuer, first.Plan.IssuedOn)
	if err != nil || len(dups) != 1 {
		t.Fatalf("plans from the document = %v, %v", dups, err)
	}
	preview, err := PreviewRelink(ctx, db, res, dups)
	if err != nil {
		t.Fatal(err)
	}
	wantLost := []string{reworded}
	if len(preview.Kept) != 2 || len(preview.Lost) != 1 || preview.Lost[0] != wantLost[0] || preview.From != first.Plan.ID {
		t.Errorf("preview = %+v, want 2 kept and %q lost from plan %d", preview, reworded, first.Plan.ID)
	}

	var second Saved
	var carried Relink
	err = db.Update(ctx, func(tx *store.Tx) (err error) {
		if second, err = SaveTx(ctx, tx, res); err != nil {
			return err
		}
		carried, err = CarryLinksTx(ctx, tx, dups, &second)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(carried.Kept) != len(preview.Kept) || len(carried.Lost) != len(preview.Lost) {
		t.Errorf("carried %+v, the review said %+v", carried, preview)
	}
	got, err := db.TargetLinks(ctx, second.Plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("the re-imported plan has %d links, want 2", len(got))
	}
	for _, tg := range second.Plan.Targets {
		l, ok := got[tg.ID]
		if want, was := linked[tg.Text]; was != ok || ok && l.Indicator != want {
			t.Errorf("target %q: link %+v (linked %v), want indicator %q", tg.Text, l, ok, want)
		}
	}
	before, err := db.TargetLinks(ctx, first.Plan.ID)
	if err != nil || len(before) != 3 {
		t.Errorf("the first plan keeps %d links (%v), want 3", len(before), err)
	}
}
