package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// auditIDs lists the records the entries name, in the log's order, and
// how many entries match.
func auditIDs(t *testing.T, db *store.DB, f audit.Filter) ([]int64, int) {
	t.Helper()
	entries, total, err := db.ListAudit(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range entries {
		ids = append(ids, e.EntityID)
	}
	return ids, total
}

func TestListAuditFilters(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	alice := createUser(t, db, "alice@hoptac.vn", auth.RoleAdmin, nil)
	bob := createUser(t, db, "bob@hoptac.vn", auth.RoleCoordinator, nil)
	var ids []int64
	for i, who := range []auth.User{alice, bob, alice} {
		a := org.Agency{Name: []string{"Sở A", "Sở B", "Sở C"}[i], Kind: org.KindDepartment}
		update(t, db, func(tx *store.Tx) error { return tx.CreateAgency(asUser(who), &a) })
		ids = append(ids, a.ID)
	}
	a := org.Agency{ID: ids[0], Name: "Sở A mới", Kind: org.KindDepartment}
	update(t, db, func(tx *store.Tx) error { return tx.UpdateAgency(asUser(bob), &a) })

	for _, tc := range []struct {
		name  string
		f     audit.Filter
		want  []int64
		total int
	}{
		{"by user", audit.Filter{User: alice.Email}, []int64{ids[2], ids[0]}, 2},
		{"by user and kind", audit.Filter{User: bob.Email, Entity: "agency"}, []int64{ids[0], ids[1]}, 2},
		{"by record", audit.Filter{Entity: "agency", EntityID: ids[0]}, []int64{ids[0], ids[0]}, 2},
		{"by record and user", audit.Filter{Entity: "agency", EntityID: ids[0], User: bob.Email}, []int64{ids[0]}, 1},
		{"system", audit.Filter{User: audit.SystemActor}, []int64{bob.ID, alice.ID}, 2},
		{"nobody", audit.Filter{User: "khong-co@hoptac.vn"}, nil, 0},
		{"kind without records", audit.Filter{Entity: "plan"}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, total := auditIDs(t, db, tc.f)
			if !slices.Equal(got, tc.want) || total != tc.total {
				t.Errorf("records %v (total %d), want %v (total %d)", got, total, tc.want, tc.total)
			}
		})
	}
	users, err := db.AuditUsers(context.Background())
	if err != nil || !slices.Equal(users, []string{alice.Email, bob.Email, audit.SystemActor}) {
		t.Errorf("AuditUsers = %q, %v", users, err)
	}
}

// TestListAuditDateRange: Since is inclusive and Before exclusive, to the
// microsecond the log stores.
func TestListAuditDateRange(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	from, to := fixedNow, fixedNow.Add(24*time.Hour)
	at := []time.Time{from.Add(-time.Microsecond), from, to.Add(-time.Microsecond), to}
	var ids []int64
	for i, when := range at {
		setClock(db, when)
		ids = append(ids, createAgency(t, db, org.Agency{Name: []string{"Sở A", "Sở B", "Sở C", "Sở D"}[i]}).ID)
	}
	for _, tc := range []struct {
		name string
		f    audit.Filter
		want []int64
	}{
		{"both bounds", audit.Filter{Since: from, Before: to}, []int64{ids[2], ids[1]}},
		{"since only", audit.Filter{Since: from}, []int64{ids[3], ids[2], ids[1]}},
		{"before only", audit.Filter{Before: to}, []int64{ids[2], ids[1], ids[0]}},
		{"local time zone", audit.Filter{Since: from.In(time.FixedZone("ICT", 7*3600)), Before: to.In(time.FixedZone("ICT", 7*3600))},
			[]int64{ids[2], ids[1]}},
		{"empty range", audit.Filter{Since: to, Before: to}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, total := auditIDs(t, db, tc.f); !slices.Equal(got, tc.want) || total != len(tc.want) {
				t.Errorf("records %v (total %d), want %v", got, total, tc.want)
			}
		})
	}
}

// TestAuditPlanImportIsOneBatch: a plan and its tasks are one entry that
// opens into a row per task, oldest first, each naming its agencies.
func TestAuditPlanImportIsOneBatch(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	createAgency(t, db, org.Agency{Name: "Sở Nội vụ"})

	all, total, err := db.ListAudit(ctx, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 7 || len(all) != 7 {
		t.Fatalf("folded log has %d entries (total %d), want 6 agencies and the plan", len(all), total)
	}
	head := all[1]
	if head.Entity != "plan" || head.EntityID != f.Plan.ID || head.BatchSize != 4 || head.BatchID != 0 {
		t.Fatalf("plan entry = %s #%d, batch size %d, batch %d", head.Entity, head.EntityID, head.BatchSize, head.BatchID)
	}
	// The page lists the plan's fields in the order the issued plan has them.
	fields, err := audit.Fields(head.Before, head.After)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, fd := range fields {
		order = append(order, fd.Name)
	}
	if want := []string{"number", "type", "title", "issuer", "issued_on", "groups", "tasks", "targets", "implements",
		"reporting"}; !slices.Equal(order, want) {
		t.Errorf("plan entry's fields = %q, want %q", order, want)
	}
	for _, e := range all {
		if e.ID != head.ID && e.BatchSize != 0 {
			t.Errorf("%s #%d has batch size %d", e.Entity, e.EntityID, e.BatchSize)
		}
	}

	var want []int64
	for _, g := range f.Plan.Groups {
		for _, tk := range g.Tasks {
			want = append(want, tk.ID)
		}
	}
	var got []int64
	for page := 1; page <= 2; page++ {
		rows, total, err := db.ListAudit(ctx, audit.Filter{Batch: head.ID, Page: page, PerPage: 3})
		if err != nil {
			t.Fatal(err)
		}
		if total != 4 || len(rows) != []int{3, 1}[page-1] {
			t.Fatalf("batch page %d: %d rows (total %d)", page, len(rows), total)
		}
		for _, r := range rows {
			if r.Entity != "task" || r.Action != "create" || r.BatchID != head.ID || r.UserName != audit.SystemActor {
				t.Errorf("batch row = %+v", r)
			}
			got = append(got, r.EntityID)
		}
		if page == 1 {
			var first struct {
				Code    string   `json:"code"`
				Content string   `json:"content"`
				Lead    []string `json:"lead"`
				Support []string `json:"support"`
			}
			if err := json.Unmarshal(rows[0].After, &first); err != nil {
				t.Fatal(err)
			}
			if first.Code != "I.1" || first.Content != "Tuyên truyền chính sách về hợp tác xã" ||
				!slices.Equal(first.Lead, []string{"Sở Tài chính", "Sở Kế hoạch và Đầu tư"}) ||
				!slices.Equal(first.Support, []string{"Liên minh Hợp tác xã tỉnh", "UBND các huyện, thị xã, thành phố"}) {
				t.Errorf("first task row = %s", rows[0].After)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("batch rows name tasks %v, want %v in the plan's order", got, want)
	}

	// A kind of record or a record shows rows by themselves.
	if ids, total := auditIDs(t, db, audit.Filter{Entity: "task"}); total != 4 || !slices.Contains(ids, want[0]) {
		t.Errorf("task rows = %v (total %d)", ids, total)
	}
	if ids, total := auditIDs(t, db, audit.Filter{Entity: "task", EntityID: want[2]}); total != 1 || ids[0] != want[2] {
		t.Errorf("one task's rows = %v (total %d)", ids, total)
	}

	got1, err := db.AuditEntry(ctx, head.ID)
	if err != nil || got1.ID != head.ID || got1.BatchSize != 4 || string(got1.After) != string(head.After) {
		t.Errorf("AuditEntry = %+v, %v", got1, err)
	}
	if _, err := db.AuditEntry(ctx, head.ID+1000); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("AuditEntry of no entry: %v", err)
	}
}
