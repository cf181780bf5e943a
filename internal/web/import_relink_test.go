package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// plannedTargets is smallPlan with a section of targets above its table.
var plannedTargets = strings.Replace(smallPlan, "STT\t", "2. Mục tiêu cụ thể\n- Phấn đấu đến năm 2027:\n"+
	"+ Xây dựng 10 hợp tác xã điển hình tiên tiến;\n+ Trên 50% cán bộ quản lý hợp tác xã được đào tạo;\n"+
	"+ 80% hợp tác xã hoạt động hiệu quả.\nSTT\t", 1)

// A plan with targets imported, two of its targets linked, then imported again as a
// separate plan with the second linked target reworded in the review: the
// review names the link kept and the target that loses its link, and the
// stored plan has the kept link on the target with the same words.
func TestImportAgainKeepsTargetLinks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	c := e.login(coordinatorEmail)
	read := func() (string, string) { return e.readPlan(c, plannedTargets) }
	first, _ := read()
	resp, body := e.postForm(c, "/plans/import/confirm", url.Values{"pending": {first}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first confirm: %d\n%s", resp.StatusCode, body[strings.Index(body, "role=\"alert\""):][:1500])
	}
	var planID int64
	if err := e.db.SQL().QueryRow("SELECT MAX(id) FROM plans").Scan(&planID); err != nil {
		t.Fatal(err)
	}
	old, err := e.db.Plan(ctx, planID)
	if err != nil || len(old.Targets) < 2 {
		t.Fatalf("plan %d: %d targets, %v", planID, len(old.Targets), err)
	}
	err = e.db.Update(ctx, func(tx *store.Tx) error {
		for i, tg := range old.Targets[:2] {
			l := target.Link{TargetID: tg.ID, Indicator: target.Indicators()[i], Comparator: target.AtLeast, Value: 10,
				BaselineYear: 2017, Deadline: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)}
			if err := tx.SaveTargetLink(ctx, planID, &l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	second, review := read()
	if !strings.Contains(review, "giữ liên kết") || strings.Contains(review, "sẽ mất liên kết") {
		t.Errorf("the review of the same document does not say both links are kept")
	}
	edit := url.Values{"pending": {second}, "target1.text": {"Chỉ tiêu đã sửa lời"}}
	resp, body = e.postForm(c, "/plans/import/confirm", edit)
	lost := body[strings.Index(body, "sẽ mất liên kết")+1:]
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "sẽ mất liên kết (1)") ||
		!strings.Contains(lost, html.EscapeString(old.Targets[1].Text)) {
		t.Fatalf("review with a reworded linked target: %d, no lost link named\n%.2000s", resp.StatusCode, body)
	}
	edit.Set("duplicate_ok", "1")
	if resp, body = e.postForm(c, "/plans/import/confirm", edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%.500s", resp.StatusCode, body)
	}
	var newID int64
	if err := e.db.SQL().QueryRow("SELECT MAX(id) FROM plans").Scan(&newID); err != nil || newID == planID {
		t.Fatalf("no new plan: %v", err)
	}
	p, err := e.db.Plan(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	links, err := e.db.TargetLinks(ctx, newID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{old.Targets[0].Text: true}
	for _, tg := range p.Targets {
		if _, ok := links[tg.ID]; ok != want[tg.Text] {
			t.Errorf("target %q linked = %v, want %v", tg.Text, ok, want[tg.Text])
		}
	}
}
