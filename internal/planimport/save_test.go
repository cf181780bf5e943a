package planimport

import (
	"context"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

func rowCount(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Seed 002 imported into a province that already keeps Sở Nông nghiệp và
// Phát triển nông thôn: its tasks point at that agency, not a copy; the
// other standard agencies are created from the catalog, unflagged; the
// plan reads back with the table's groups, tasks and agencies.
func TestSaveSeed002(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	existing := org.Agency{Name: "Sở Nông nghiệp và Phát triển nông thôn", Kind: org.KindDepartment, Aliases: []string{"Sở NN&PTNT"}}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &existing) }); err != nil {
		t.Fatal(err)
	}
	agencies, err := db.AllAgencyNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	name, data := readSeed(t, "002")
	res, err := Parse(ctx, name, data, ProvinceResolver(agencies))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := Save(ctx, db, res)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range saved.Created {
		if a.Flagged {
			t.Errorf("catalog agency %q created as flagged", a.Name)
		}
		if a.Name == existing.Name {
			t.Errorf("the province's own agency was created again")
		}
	}
	p, err := db.PlanWithTasks(ctx, saved.Plan.ID, plan.Today(db.Now()))
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]plan.Task{}
	for _, g := range p.Groups {
		for _, task := range g.Tasks {
			byCode[task.Code] = task
		}
	}
	if len(p.Groups) != 5 || len(byCode) != 18 {
		t.Fatalf("stored %d groups, %d tasks; want 5 and 18", len(p.Groups), len(byCode))
	}
	var leads []string
	collective := false
	for _, a := range byCode["II.8"].Lead {
		leads = append(leads, a.Name)
		collective = collective || a.Collective
	}
	if len(leads) != 4 || !strings.Contains(strings.Join(leads, "|"), "Sở Lao động, Thương binh và Xã hội") || !collective {
		t.Errorf("II.8 leads = %v (collective %v)", leads, collective)
	}
	if l := byCode["II.3"].Lead; len(l) != 1 || l[0].ID != existing.ID {
		t.Errorf("II.3 (Sở Nông nghiệp và PTNN) leads = %+v, want the existing agency %d", l, existing.ID)
	}
	if _, ok := byCode["V"]; !ok {
		t.Error("the task without a number in group V is missing")
	}
	if p.Coordinator == "" || len(p.Implements) != 2 || len(p.Reporting) != 1 {
		t.Errorf("coordinator %q, implements %v, reporting %v", p.Coordinator, p.Implements, p.Reporting)
	}

	// Importing the same plan again reuses every agency.
	before := rowCount(t, db, "agencies")
	again, err := Save(ctx, db, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Created) != 0 || rowCount(t, db, "agencies") != before {
		t.Errorf("a second import created %d agencies", len(again.Created))
	}
}

// A name no catalog knows is kept, created and flagged for a coordinator;
// named twice in one plan, it is created once.
func TestSaveFlagsUnknownAgencies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	table := "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\n" +
		"I\tNhóm thử\t\t\t\n" +
		"1\tLập đề án hỗ trợ\tBan Quản lý Khu kinh tế Đông Nam\tSở Tài chính\t2026\n" +
		"2\tTổng kết mô hình\tBan Quản lý Khu kinh tế Đông Nam\t\tThường xuyên\n"
	res, err := Parse(ctx, "thu.txt", []byte("KẾ HOẠCH THỬ NGHIỆM\n\n"+table), Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if res.Document.Title == nil {
		title := "Kế hoạch thử nghiệm"
		res.Document.Title = &title
	}
	saved, err := Save(ctx, db, res)
	if err != nil {
		t.Fatal(err)
	}
	var flagged []string
	for _, a := range saved.Created {
		if a.Flagged {
			flagged = append(flagged, a.Name)
		}
	}
	if len(flagged) != 1 || !strings.Contains(flagged[0], "Khu kinh tế") {
		t.Errorf("flagged agencies = %v, want the unknown one once", flagged)
	}
}

// An import is all or nothing: a plan that cannot be stored leaves no
// agency, group or task behind.
func TestSaveIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	name, data := readSeed(t, "002")
	res, err := Parse(ctx, name, data, Catalog())
	if err != nil {
		t.Fatal(err)
	}
	res.Document.Title, res.Document.Number = nil, nil
	if _, err := Save(ctx, db, res); err == nil {
		t.Fatal("a plan without title or number was stored")
	}
	for _, table := range []string{"plans", "agencies", "task_groups", "tasks", "audit_log"} {
		if n := rowCount(t, db, table); n != 0 {
			t.Errorf("%s has %d rows after a refused import", table, n)
		}
	}
}
