package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestSchedulesPage: the coordinator changes the demo plan's yearly due
// day and adds a quarterly schedule; bad numbers and dates are named and
// nothing is written; a leader reads the page without forms.
func TestSchedulesPage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	coord := e.login(coordinatorEmail)
	base := pathf("/plans/%d/schedules", e.planID)
	body := e.page(coord, base)
	for _, want := range []string{"Hằng năm", "15/12/2025 – 14/12/2026", `id="form-new"`, "Lưu lịch báo cáo"} {
		if !strings.Contains(body, want) {
			t.Errorf("schedules page lacks %q", want)
		}
	}
	list, err := e.db.Schedules(ctx, e.planID)
	if err != nil || len(list) == 0 {
		t.Fatalf("schedules %v %v", list, err)
	}
	yearly := list[0]
	one := pathf("%s/%d", base, yearly.ID)
	form := url.Values{"frequency": {"yearly"}, "cutoff": {"15"}, "due_md": {"12-30"}, "due_after": {"6"}, "recipient": {"Chủ tịch UBND tỉnh"}}
	if resp, _ := e.postForm(coord, one, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if body = e.page(coord, base); !strings.Contains(body, "30/12/2026") || !strings.Contains(body, "Đã lưu lịch báo cáo") {
		t.Error("the new due day is not shown")
	}
	add := url.Values{"frequency": {"quarterly"}, "cutoff": {"15"}, "due_after": {"6"}, "include_support": {"1"}}
	if resp, _ := e.postForm(coord, base, add); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", resp.StatusCode)
	}
	if after, _ := e.db.Schedules(ctx, e.planID); len(after) != len(list)+1 || !after[len(after)-1].IncludeSupport {
		t.Errorf("after adding: %+v", after)
	}
	n := len(list) + 1
	for field, v := range map[string]url.Values{
		"cutoff":    {"frequency": {"monthly"}, "cutoff": {"40"}, "due_after": {"6"}},
		"due_md":    {"frequency": {"monthly"}, "cutoff": {"15"}, "due_after": {"6"}, "due_md": {"02-30"}},
		"frequency": {"frequency": {"weekly"}, "cutoff": {"15"}, "due_after": {"6"}},
		"start":     {"frequency": {"ad_hoc"}, "cutoff": {"15"}, "due_after": {"6"}, "start": {"1/7/2026"}},
		"end":       {"frequency": {"ad_hoc"}, "cutoff": {"15"}, "due_after": {"6"}, "start": {"2026-07-01"}, "end": {"2026-06-01"}},
	} {
		resp, body := e.postForm(coord, base, v)
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, field) == "" {
			t.Errorf("%s: %d, error %q", field, resp.StatusCode, fieldError(body, field))
		}
	}
	if after, _ := e.db.Schedules(ctx, e.planID); len(after) != n {
		t.Errorf("refused forms wrote schedules: %d, want %d", len(after), n)
	}
	for _, p := range []string{pathf("%s/999999", base), "/plans/999999/schedules/" + fmt.Sprint(yearly.ID)} {
		if resp, _ := e.postForm(coord, p, form); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}

	// Another plan's schedule is not this plan's to change.
	other := plan.Plan{Title: "Kế hoạch khác", Groups: []plan.Group{{Code: "I", Title: "Nhóm", Tasks: []plan.Task{{Code: "I.1", Content: "Nhiệm vụ"}}}}}
	otherSchedule := report.NewSchedule(report.Yearly)
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.CreatePlan(ctx, &other); err != nil {
			return err
		}
		otherSchedule.PlanID = other.ID
		return tx.CreateSchedule(ctx, &otherSchedule)
	}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := e.postForm(coord, pathf("%s/%d", base, otherSchedule.ID), form); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another plan's schedule: %d", resp.StatusCode)
	}
	if s, _ := e.db.Schedule(ctx, otherSchedule.ID); s.Recipient != "" {
		t.Error("another plan's schedule was changed")
	}

	viewer := e.login(viewerEmail)
	if body := e.page(viewer, base); strings.Contains(body, "<form method=\"post\" action=\""+base) {
		t.Error("a leader gets the edit forms")
	}
	if resp, _ := e.postForm(viewer, one, form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader's save: %d", resp.StatusCode)
	}
	if resp, _ := e.get(e.login(financeEmail), base); resp.StatusCode != http.StatusOK {
		t.Errorf("officer's read: %d", resp.StatusCode)
	}
}

// TestDesignationMembers: the coordinator gives a collective designation
// of the plan its members; a designation is refused as a member, and an
// agency the plan does not name as a designation has no form.
func TestDesignationMembers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	refs, err := e.db.PlanAgencies(ctx, e.planID)
	if err != nil {
		t.Fatal(err)
	}
	var coll *plan.AgencyRef
	for i := range refs {
		if refs[i].Collective {
			coll = &refs[i]
			break
		}
	}
	if coll == nil {
		t.Fatal("the demo plan names no collective designation")
	}
	coord := e.login(coordinatorEmail)
	path := pathf("/plans/%d/designations/%d", e.planID, coll.ID)
	if resp, _ := e.postForm(coord, path, url.Values{"members": {fmt.Sprint(e.financeID)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save members: %d", resp.StatusCode)
	}
	members, err := e.db.DesignationMembers(ctx, coll.ID)
	if err != nil || len(members) != 1 || members[0].ID != e.financeID {
		t.Fatalf("members %+v %v", members, err)
	}
	body := e.page(coord, pathf("/plans/%d/schedules", e.planID))
	if !strings.Contains(body, fmt.Sprintf(`value="%d" checked`, e.financeID)) {
		t.Error("the member is not checked on the page")
	}
	if resp, _ := e.postForm(coord, path, url.Values{"members": {fmt.Sprint(coll.ID)}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a designation as its own member: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(coord, pathf("/plans/%d/designations/%d", e.planID, e.financeID), url.Values{}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an ordinary agency as a designation: %d", resp.StatusCode)
	}
	if resp, _ := e.postForm(e.login(viewerEmail), path, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader: %d", resp.StatusCode)
	}
}
