package store_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// beforeBackfill is the last migration before 00033, which gives the
// organisations stored without a commune after the reform the one their
// commune stands for.
const beforeBackfill = 32

// placeAfter is an organisation's commune after the reform, as stored.
type placeAfter struct {
	code string
	from string // the day, "" for none
}

func placeOf(o coop.Organisation) placeAfter {
	return placeAfter{o.NewCommuneCode, fmtDate(o.NewCommuneValidFrom)}
}

// registerMarks reads the revisions the register's readers key their
// caches on: the lists' version of the organisations and the portal's
// register revision.
func registerMarks(t *testing.T, db *store.DB) (lists, portal int64) {
	t.Helper()
	ctx := context.Background()
	if err := db.SQL().QueryRowContext(ctx,
		`SELECT n FROM register_versions WHERE scope = 'organisations'`).Scan(&lists); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRowContext(ctx,
		`SELECT rev FROM portal_revs WHERE name = 'register'`).Scan(&portal); err != nil {
		t.Fatal(err)
	}
	return lists, portal
}

// TestNewCommuneBackfill: a register stored before migration 00033, with
// organisations that have a commune and none after the reform, gets from
// it exactly what the store's rule (fillNewCommune) gives one saved by the
// form: the commune itself in force, the only successor of one merged
// whole (under a new code or its own), nothing for a split commune, a
// commune not in force on its day, an unknown one, no commune or no day,
// and a commune after the reform already set is kept. The kept tables
// (the portal's counts, the indicator summary, the per-year register
// counts) equal their live answers after it, and the revisions the caches
// key on have moved.
func TestNewCommuneBackfill(t *testing.T) {
	ctx := context.Background()
	db := openAtVersion(t, beforeBackfill)
	setClock(db, fixedNow)
	update(t, db, func(tx *store.Tx) error { _, err := tx.ImportUnits(ctx, findUnits()); return err })
	// A commune in force with no start day: the register dates it from
	// its earliest day.
	if err := db.ExecForTest(ctx, []string{`INSERT INTO units (level, code, name, short_name, name_fold)
		VALUES ('commune', '77777', 'Xã Bảy', 'Bảy', 'xa bay')`}); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(35, 35))
	ids := findRegister(t, db, r, 60, 0)
	// The random register's organisations without a commune after the
	// reform were given one by the form's rule; half lose it again, as
	// those stored before the rule have none.
	for i, id := range ids {
		if i%2 == 0 {
			neverAssigned(t, db, id)
		}
	}

	old, newDay := day(2010, 5, 1), day(2025, 7, 1)
	cases := []struct {
		name, commune string
		from          *time.Time
		given         string // the commune after the reform already stored
		want          string
	}{
		{"in force", "11311", newDay, "", "11311"},
		{"in force under a reused code", "10507", newDay, "", "10507"},
		{"merged whole", "10513", old, "", "10516"},
		{"merged whole under its own code", "10507", old, "", "10507"},
		{"split", "10510", old, "", ""},
		{"not in force on its day", "10510", newDay, "", ""},
		{"unknown commune", "99999", old, "", ""},
		{"no start day", "77777", old, "", "77777"},
		{"no commune", "", nil, "", ""},
		{"no day", "10513", nil, "", ""},
		{"already set", "10513", old, "11311", "11311"},
		{"already set to what the rule would not give", "10510", old, "10507", "10507"},
	}
	caseIDs := make([]int64, len(cases))
	for i, c := range cases {
		o := newOrg("", "Hợp tác xã Trước cải cách "+c.name)
		o.Code = "0935" + string(rune('0'+i/10)) + string(rune('0'+i%10)) + "0000"
		o.CommuneCode, o.CommuneValidFrom = c.commune, c.from
		o.NewCommuneCode, o.NewCommuneValidFrom = c.given, nil
		if c.given != "" {
			o.NewCommuneValidFrom = newDay
		}
		if c.commune != "" && c.from == nil {
			o.CommuneValidFrom = old // the form asks for the day; stored before it did
		}
		o = createOrg(t, db, o)
		if c.commune != "" && c.from == nil {
			if err := db.ExecForTest(ctx, []string{`UPDATE organisations SET commune_valid_from = NULL WHERE id = ?`},
				o.ID); err != nil {
				t.Fatal(err)
			}
		}
		update(t, db, setFigures(db, []int64{o.ID}, 2024, func(int, *coop.YearFigures) {}))
		if c.given == "" {
			neverAssigned(t, db, o.ID)
		}
		caseIDs[i] = o.ID
	}

	// What the store's rule gives each organisation, read before the
	// migration: the same rule, saved by the form.
	want := map[int64]placeAfter{}
	unset := 0
	update(t, db, func(tx *store.Tx) error {
		for _, id := range append(append([]int64{}, ids...), caseIDs...) {
			o, err := tx.OrganisationForUpdate(ctx, id)
			if err != nil {
				return err
			}
			if o.NewCommuneCode == "" {
				unset++
			}
			if err := tx.FillNewCommune(ctx, &o); err != nil {
				return err
			}
			want[id] = placeOf(o)
		}
		return nil
	})
	if unset < 20 {
		t.Fatalf("%d organisations without a commune after the reform; the back-fill would prove little", unset)
	}
	countsSameAsLive(t, db, "before the migration")
	sameSums(t, db, r, "before the migration")
	sums2024(t, db, "before the migration")
	yearCountsSameAsLive(t, db, "before the migration")
	lists, portal := registerMarks(t, db)

	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}

	filled := 0
	for id, w := range want {
		o, err := db.Organisation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := placeOf(o); got != w {
			t.Errorf("organisation %d (%s on %s): commune after the reform %+v, the store's rule gives %+v",
				id, o.CommuneCode, fmtDate(o.CommuneValidFrom), got, w)
		}
		if w.code != "" {
			filled++
		}
	}
	for i, c := range cases {
		o, err := db.Organisation(ctx, caseIDs[i])
		if err != nil {
			t.Fatal(err)
		}
		if o.NewCommuneCode != c.want {
			t.Errorf("%s: commune after the reform %q, want %q", c.name, o.NewCommuneCode, c.want)
		}
		if c.name == "no start day" && fmtDate(o.NewCommuneValidFrom) != "1900-01-01" {
			t.Errorf("%s: dated %s, want 1900-01-01", c.name, fmtDate(o.NewCommuneValidFrom))
		}
	}
	if filled == 0 {
		t.Fatal("the rule gives no organisation a commune; the comparison would prove nothing")
	}

	countsSameAsLive(t, db, "after the migration")
	sameSums(t, db, r, "after the migration")
	sums2024(t, db, "after the migration")
	yearCountsSameAsLive(t, db, "after the migration")
	if l, p := registerMarks(t, db); l <= lists || p <= portal {
		t.Errorf("revisions after the migration: lists %d (was %d), portal %d (was %d); the caches would keep the old answers",
			l, lists, p, portal)
	}
}

// sums2024 compares the indicator summary with the live sums for 2024,
// the year of the named cases' figures, in every scope: read before the
// migration it leaves the summary summed, so after it only the marks the
// triggers wrote can bring it up to date.
func sums2024(t *testing.T, db *store.DB, stage string) {
	t.Helper()
	ctx := context.Background()
	for _, scope := range sumScopes {
		live, err := db.IndicatorSumsLive(ctx, 2024, scope)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.IndicatorSumsFor(ctx, 2024, scope)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, live) {
			t.Errorf("%s, 2024, communes %q: summary differs from the live sums:\n got %v\nwant %v",
				stage, scope, got, live)
		}
	}
}
