package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/store"
)

// mergePair is two records of one cooperative: the kept one with figures
// of 2022 and 2023 and a chair, the duplicate with 2023 and 2024, a chair
// and a director, and a suspension in its history that ended.
func mergePair(t *testing.T, db *store.DB) (kept, dup coop.Organisation) {
	t.Helper()
	ctx := context.Background()
	kept = createOrg(t, db, inCommune("2800000001", "Hợp tác xã Chè Tân Cương", "17605", day(2008, 1, 1)))
	dup = createOrg(t, db, inCommune("2800000002", "HTX Chè Tân Cương", "17605", day(2008, 1, 1)))
	for _, f := range []coop.YearFigures{{OrganisationID: kept.ID, Year: 2022, Revenue: 1}, {OrganisationID: kept.ID, Year: 2023, Revenue: 2},
		{OrganisationID: dup.ID, Year: 2023, Revenue: 3}, {OrganisationID: dup.ID, Year: 2024, Revenue: 4}} {
		if _, _, err := putFigures(db, &f, coop.StepSave, false); err != nil {
			t.Fatal(err)
		}
	}
	update(t, db, func(tx *store.Tx) error {
		if _, err := tx.SetPeople(ctx, kept.ID, []coop.Person{{Role: coop.RoleChair, Name: "Nguyễn Văn An", Training: coop.TrainingUniversity}}); err != nil {
			return err
		}
		if _, err := tx.SetPeople(ctx, dup.ID, []coop.Person{{Role: coop.RoleChair, Name: "Nguyễn Văn Ân", Training: coop.TrainingUniversity},
			{Role: coop.RoleDirector, Name: "Lê Thị Bình", Training: coop.TrainingCollege}}); err != nil {
			return err
		}
		if err := tx.AddStatus(ctx, &coop.Status{OrganisationID: dup.ID, Kind: coop.StatusSuspended, On: *day(2021, 1, 1),
			Until: day(2021, 6, 30), Document: "Quyết định 7/QĐ-UBND"}); err != nil {
			return err
		}
		return tx.AddStatus(ctx, &coop.Status{OrganisationID: dup.ID, Kind: coop.StatusActive, On: *day(2021, 7, 1)})
	})
	return kept, dup
}

func TestMergeMovesFiguresPeopleAndHistory(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	kept, dup := mergePair(t, db)
	if n := len(duplicatePairs(t, db)); n != 1 {
		t.Fatalf("%d pairs before the merge, want 1", n)
	}
	audits := count(t, db, "audit_log")
	var m dedupe.Merge
	update(t, db, func(tx *store.Tx) error {
		var err error
		m, err = tx.MergeOrganisations(ctx, kept.ID, dup.ID)
		return err
	})
	if !slices.Equal(m.YearsMoved, []int{2024}) || !slices.Equal(m.YearsKept, []int{2023}) ||
		!slices.Equal(m.RolesMoved, []coop.Role{coop.RoleDirector}) || !slices.Equal(m.RolesKept, []coop.Role{coop.RoleChair}) ||
		m.StatusesMoved != 2 {
		t.Errorf("merge %+v", m)
	}
	years := func(id int64) map[int]int64 {
		fs, err := db.Figures(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int]int64{}
		for _, f := range fs {
			out[f.Year] = f.Revenue
		}
		return out
	}
	// The kept organisation's 2023 stays; the duplicate's 2023 stays on it.
	if got := years(kept.ID); len(got) != 3 || got[2022] != 1 || got[2023] != 2 || got[2024] != 4 {
		t.Errorf("kept figures %v", got)
	}
	if got := years(dup.ID); len(got) != 1 || got[2023] != 3 {
		t.Errorf("merged figures %v", got)
	}
	people, err := db.People(ctx, kept.ID)
	if err != nil || len(people) != 2 || people[0].Name != "Nguyễn Văn An" || people[1].Name != "Lê Thị Bình" {
		t.Errorf("kept people %+v, %v", people, err)
	}
	history, err := db.Statuses(ctx, kept.ID)
	if err != nil || len(history) != 2 || history[0].Document != "Quyết định 7/QĐ-UBND" {
		t.Errorf("kept history %+v, %v", history, err)
	}
	gone, err := db.Organisation(ctx, dup.ID)
	if err != nil || gone.Status != coop.StatusMerged {
		t.Fatalf("merged organisation %+v, %v", gone, err)
	}
	h, err := db.Statuses(ctx, dup.ID)
	if err != nil || len(h) != 1 || h[0].MergedInto == nil || *h[0].MergedInto != kept.ID {
		t.Errorf("merged history %+v, %v", h, err)
	}
	if stay, err := db.Organisation(ctx, kept.ID); err != nil || stay.Status != coop.StatusActive {
		t.Errorf("kept status %v, %v", stay.Status, err)
	}
	// The merge status and the merge itself are audited.
	if n := count(t, db, "audit_log"); n != audits+2 {
		t.Errorf("audit entries %d, want %d", n, audits+2)
	}
	merges, err := db.Merges(ctx, kept.ID)
	if err != nil || len(merges) != 1 {
		t.Fatalf("merges %+v, %v", merges, err)
	}
	back := merges[0]
	m.At, back.At = back.At, m.At
	if back.MergedName != "HTX Chè Tân Cương" || back.MergedCode != "2800000002" || back.ID != m.ID ||
		!slices.Equal(back.YearsMoved, m.YearsMoved) || !slices.Equal(back.YearsKept, m.YearsKept) ||
		!slices.Equal(back.RolesMoved, m.RolesMoved) || !slices.Equal(back.RolesKept, m.RolesKept) || back.StatusesMoved != 2 {
		t.Errorf("merge read back %+v, want %+v", back, m)
	}
	if n := len(duplicatePairs(t, db)); n != 0 {
		t.Errorf("%d pairs after the merge, want none", n)
	}
}

func TestMergeIsAtomic(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	kept, dup := mergePair(t, db)
	tables := []string{"organisation_figures", "organisation_people", "organisation_statuses", "organisation_merges", "audit_log"}
	snapshot := func() map[string]any {
		out := map[string]any{}
		for _, id := range []int64{kept.ID, dup.ID} {
			fs, _ := db.Figures(ctx, id)
			ps, _ := db.People(ctx, id)
			hs, _ := db.Statuses(ctx, id)
			o, _ := db.Organisation(ctx, id)
			out[fmt.Sprint(id)] = []any{len(fs), ps, len(hs), o.Status}
		}
		return out
	}
	before, beforeCounts := snapshot(), counts(t, db, tables...)
	// A failure after the merge's last step undoes all of it.
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.MergeOrganisations(ctx, kept.ID, dup.ID); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	wantSameCounts(t, beforeCounts, counts(t, db, tables...))
	if after := snapshot(); !reflect.DeepEqual(before, after) {
		t.Errorf("after a failed merge %v, want %v", after, before)
	}
	// Refusals: into itself, twice, from a merged one.
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, kept.ID, kept.ID); return err }),
		apperr.Validation)
	update(t, db, func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, kept.ID, dup.ID); return err })
	mid := counts(t, db, tables...)
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, kept.ID, dup.ID); return err }),
		apperr.Conflict)
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, dup.ID, kept.ID); return err }),
		apperr.Conflict)
	wantCode(t, db.Update(ctx, func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, kept.ID, dup.ID+100); return err }),
		apperr.NotFound)
	wantSameCounts(t, mid, counts(t, db, tables...))
}

// A merge moves the merged organisation's representatives to the kept one:
// afterwards they file for the kept one, each move is audited as a change
// of the account, and other accounts stay where they were.
func TestMergeMovesRepresentatives(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	kept, dup := mergePair(t, db)
	other := createOrg(t, db, newOrg("2800000009", "Hợp tác xã Khác"))
	link := func(email string, orgID int64) auth.User {
		u := createUser(t, db, email, auth.RoleCoop, nil)
		update(t, db, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, u.ID, &orgID) })
		return u
	}
	onKept, onDup1, onDup2, onOther := link("a@htx.vn", kept.ID), link("b@htx.vn", dup.ID), link("c@htx.vn", dup.ID),
		link("d@htx.vn", other.ID)
	audits := count(t, db, "audit_log")
	update(t, db, func(tx *store.Tx) error { _, err := tx.MergeOrganisations(ctx, kept.ID, dup.ID); return err })
	for _, c := range []struct {
		u    auth.User
		want int64
	}{{onKept, kept.ID}, {onDup1, kept.ID}, {onDup2, kept.ID}, {onOther, other.ID}} {
		got, err := db.User(ctx, c.u.ID)
		if err != nil || got.OrganisationID == nil || *got.OrganisationID != c.want {
			t.Errorf("%s: organisation %v, %v; want %d", c.u.Email, got.OrganisationID, err, c.want)
		}
	}
	// The merge, the merged one's status, and one entry per account moved.
	if n := count(t, db, "audit_log"); n != audits+4 {
		t.Errorf("audit entries %d, want %d", n, audits+4)
	}
}
