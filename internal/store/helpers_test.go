package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// fixedNow is the clock every test DB starts with: 10:00 on 24 Nov 2026 in
// Vietnam (03:00 UTC), so the UTC and Vietnamese dates are the same day.
var fixedNow = time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)

// ict is Vietnam's zone, fixed so tests need no tz database.
var ict = time.FixedZone("ICT", 7*60*60)

// newTestDB opens a fresh, migrated database with a fixed clock, on the
// backend the run asks for (see storetest).
func newTestDB(t *testing.T) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	setClock(db, fixedNow)
	return db
}

func setClock(db *store.DB, now time.Time) { db.Now = func() time.Time { return now } }

// update runs fn in one transaction and fails the test on error.
func update(t *testing.T, db *store.DB, fn func(*store.Tx) error) {
	t.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// count returns the number of rows in table.
func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// counts snapshots the row counts of tables, to show a refused write left
// nothing behind.
func counts(t *testing.T, db *store.DB, tables ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range tables {
		out[tb] = count(t, db, tb)
	}
	return out
}

func wantSameCounts(t *testing.T, before, after map[string]int) {
	t.Helper()
	for tb, n := range before {
		if after[tb] != n {
			t.Errorf("rows in %s: %d before, %d after a refused write", tb, n, after[tb])
		}
	}
}

// wantCode fails unless err is an apperr.Error with code.
func wantCode(t *testing.T, err error, code apperr.Code) apperr.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want %s", code)
	}
	var e *apperr.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want an apperr.Error with code %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("code = %s (%v), want %s", e.Code, err, code)
	}
	return *e // a value, not an error: callers only read its fields
}

// wantField fails unless err is a validation error on field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e := wantCode(t, err, apperr.Validation)
	if _, ok := e.Fields[field]; !ok {
		t.Fatalf("validation fields = %v, want %q", e.Fields, field)
	}
}

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func ptr[T any](v T) *T { return &v }

func sameDate(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func fmtDate(p *time.Time) string {
	if p == nil {
		return "nil"
	}
	return p.Format("2006-01-02")
}

// createAgency stores a and returns it with its ID.
func createAgency(t *testing.T, db *store.DB, a org.Agency) org.Agency {
	t.Helper()
	if a.Kind == "" {
		a.Kind = org.KindDepartment
	}
	update(t, db, func(tx *store.Tx) error { return tx.CreateAgency(context.Background(), &a) })
	if a.ID == 0 {
		t.Fatalf("CreateAgency(%q) left ID 0", a.Name)
	}
	return a
}

// testPassword is long enough for auth.MinPasswordLen.
const testPassword = "mật-khẩu-đủ-dài-123"

// createUser stores a user with testPassword.
func createUser(t *testing.T, db *store.DB, email string, role auth.Role, agencyID *int64) auth.User {
	t.Helper()
	u := auth.User{Email: email, Name: "Người dùng " + email, Role: role, AgencyID: agencyID}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(context.Background(), &u, testPassword) })
	return u
}

// asUser is a context whose acting user is u.
func asUser(u auth.User) context.Context { return auth.WithUser(context.Background(), &u) }

func taskIDs(ts []plan.Task) []int64 {
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func taskCodes(ts []plan.Task) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Code
	}
	return out
}

func refNames(refs []plan.AgencyRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}

func agencyNames(as []org.Agency) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}

func sorted[T string | int64](xs []T) []T {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

// fixture is a small plan: two groups, tasks with several lead agencies, a
// supporting union and a collective designation.
type fixture struct {
	KHDT, TC, LM, UBND, Other org.Agency
	Plan                      plan.Plan
}

// task returns the fixture's task with code.
func (f *fixture) task(t *testing.T, code string) plan.Task {
	t.Helper()
	for _, g := range f.Plan.Groups {
		for _, tk := range g.Tasks {
			if tk.Code == code {
				return tk
			}
		}
	}
	t.Fatalf("no task %s in fixture", code)
	return plan.Task{}
}

func ref(a org.Agency) plan.AgencyRef { return plan.AgencyRef{ID: a.ID} }

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{}
	f.KHDT = createAgency(t, db, org.Agency{Name: "Sở Kế hoạch và Đầu tư", Aliases: []string{"Sở KHĐT"}})
	f.TC = createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	f.LM = createAgency(t, db, org.Agency{Name: "Liên minh Hợp tác xã tỉnh", Kind: org.KindUnion})
	f.UBND = createAgency(t, db, org.Agency{Name: "UBND các huyện, thị xã, thành phố", Kind: org.KindCollective})
	f.Other = createAgency(t, db, org.Agency{Name: "Sở Công Thương"})
	f.Plan = plan.Plan{
		Number: "187/KH-UBND", Type: "KH", Title: "Kế hoạch phát triển kinh tế tập thể",
		Issuer: "UBND tỉnh", IssuedOn: day(2026, 3, 15), Signer: "Nguyễn Văn A",
		Groups: []plan.Group{
			{Code: "I", Title: "Tuyên truyền, nâng cao nhận thức", Tasks: []plan.Task{
				{Code: "I.1", Ordinal: 1, Content: "Tuyên truyền chính sách về hợp tác xã",
					Lead:      []plan.AgencyRef{ref(f.TC), ref(f.KHDT)}, // not alphabetical on purpose
					Support:   []plan.AgencyRef{ref(f.LM), ref(f.UBND)},
					Timeframe: plan.ParseTimeframe("Thường xuyên", 2026)},
				{Code: "I.2", Ordinal: 2, Content: "Tổ chức hội nghị tổng kết",
					Lead:      []plan.AgencyRef{ref(f.LM)},
					Timeframe: plan.ParseTimeframe("Quý III/2026", 2026)},
			}},
			{Code: "II", Title: "Phát triển hợp tác xã", Tasks: []plan.Task{
				// Stored out of order: plan order follows Ordinal.
				{Code: "II.2", Ordinal: 2, Content: "Hỗ trợ vốn tín dụng cho hợp tác xã",
					Lead:      []plan.AgencyRef{ref(f.TC)},
					Support:   []plan.AgencyRef{ref(f.KHDT)},
					Timeframe: plan.ParseTimeframe("2026", 2026)},
				{Code: "II.1", Ordinal: 1, Content: "Rà soát, đánh giá hợp tác xã",
					Lead:      []plan.AgencyRef{ref(f.KHDT)},
					Support:   []plan.AgencyRef{ref(f.UBND)},
					Timeframe: plan.ParseTimeframe("30/6/2026", 2026)},
			}},
		},
	}
	update(t, db, func(tx *store.Tx) error { return tx.CreatePlan(context.Background(), &f.Plan) })
	return f
}

// record stores a progress entry as the system and fails on error.
func record(t *testing.T, db *store.DB, p plan.Progress) plan.Progress {
	t.Helper()
	update(t, db, func(tx *store.Tx) error { return tx.RecordProgress(context.Background(), &p, nil) })
	return p
}

// openAtVersion is a fresh database of the run's backend migrated only up
// to version, for tests of what a later migration does to rows stored
// before it; it lives as long as the test.
func openAtVersion(t *testing.T, version int64) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.MigrateTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	return db
}
