package portal_test

// Nothing that is not published may reach the portal. These tests fill
// every kind of record with text that must stay inside (an unpublished
// plan, its tasks and targets; progress notes, evidence links and files of
// a published plan; accounts; reports; the register's non-public fields,
// managers and figures), read every public page and download, and look
// for each text there, raw and as HTML, JSON and CSV would write it.

import (
	"context"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// secrets reads from the database every stored text of a kind the portal
// must not show, by kind. Short texts are left out: a two-letter code
// would be found in any page.
func secrets(t *testing.T, db *store.DB, queries map[string]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for kind, q := range queries {
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		for rows.Next() {
			var s *string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			if s != nil && len([]rune(strings.TrimSpace(*s))) >= 8 {
				out[kind] = append(out[kind], strings.TrimSpace(*s))
			}
		}
		rows.Close()
		if len(out[kind]) == 0 {
			t.Fatalf("%s: no text to look for; the test would prove nothing", kind)
		}
	}
	return out
}

func forms(s string) []string {
	j, _ := json.Marshal(s)
	return []string{s, html.EscapeString(s), strings.Trim(string(j), `"`), strings.ReplaceAll(s, `"`, `""`)}
}

func TestNothingUnpublishedIsPublic(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	if _, err := gen.Generate(ctx, a.DB, gen.Config{Plans: 1, Tasks: 20, Seed: 11, AsOf: apptest.Now}); err != nil {
		t.Fatal(err)
	}
	published := storetest.IDs(t, a.DB, `SELECT id FROM plans WHERE id <> `+itoa(a.PlanID))[0]
	publish(t, a.DB, published, true)
	// A published plan's task gets a progress entry with a note, a link
	// and a file, which stay inside.
	officer := coordinator(t, a.DB)
	octx := auth.WithUser(ctx, officer)
	task := storetest.IDs(t, a.DB, `SELECT id FROM tasks WHERE plan_id = `+itoa(published)+` ORDER BY id`)[0]
	pct := 30
	err := a.DB.Update(octx, func(tx *store.Tx) error {
		return tx.RecordProgress(octx, &plan.Progress{TaskID: task, Status: plan.StatusInProgress, Percent: &pct,
			Note: "Ghi chú nội bộ: chưa giải ngân đợt hai", EvidenceURL: "https://noibo.example.vn/minh-chung-kin"},
			&store.File{Name: "bien-ban-hop-noi-bo.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 noi bo")})
	})
	if err != nil {
		t.Fatal(err)
	}
	// An organisation's contacts, website and managers stay in the register.
	org := storetest.IDs(t, a.DB, `SELECT id FROM organisations ORDER BY id`)[0]
	err = a.DB.Update(octx, func(tx *store.Tx) error {
		o, err := tx.OrganisationForUpdate(octx, org)
		if err != nil {
			return err
		}
		o.Phone, o.Email, o.Website, o.Address = "0238 3999 111", "bimat@htx.example.vn", "https://htx-bi-mat.example.vn", "Xóm Kín, xã Bí Mật"
		if err := tx.UpdateOrganisation(octx, &o); err != nil {
			return err
		}
		_, err = tx.SetPeople(octx, org, []coop.Person{{Role: coop.RoleDirector, Name: "Trần Thị Giám Đốc Kín", Training: coop.Trainings()[0], Phone: "0912 345 678"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// A report's narrative stays with the reporting cycle.
	err = a.DB.Update(octx, func(tx *store.Tx) error {
		sub, err := tx.OpenSubmission(octx, a.PlanID, "2026", a.AgencyID("Sở Tài chính"))
		if err != nil {
			return err
		}
		sub.Narrative = "Báo cáo nội bộ: tiến độ giải ngân chậm do thủ tục"
		return tx.SaveSubmission(octx, &sub)
	})
	if err != nil {
		t.Fatal(err)
	}
	kinds := secrets(t, a.DB, map[string]string{
		"unpublished plan":           `SELECT title FROM plans WHERE published_at IS NULL UNION ALL SELECT number FROM plans WHERE published_at IS NULL`,
		"unpublished plan's tasks":   `SELECT content FROM tasks WHERE plan_id IN (SELECT id FROM plans WHERE published_at IS NULL)`,
		"unpublished plan's targets": `SELECT text FROM targets WHERE plan_id IN (SELECT id FROM plans WHERE published_at IS NULL)`,
		"progress notes":             `SELECT note FROM progress`,
		"evidence links":             `SELECT evidence_url FROM progress`,
		"evidence files":             `SELECT name FROM files`,
		"user names":                 `SELECT name FROM users`,
		"user e-mails":               `SELECT email FROM users`,
		"organisation codes":         `SELECT code FROM organisations`,
		"organisation contacts":      `SELECT phone FROM organisations UNION ALL SELECT email FROM organisations UNION ALL SELECT website FROM organisations UNION ALL SELECT address FROM organisations`,
		"organisation managers":      `SELECT name FROM organisation_people UNION ALL SELECT phone FROM organisation_people`,
		"reports":                    `SELECT narrative FROM report_submissions`,
	})
	body := everything(t, a, publicPaths(a, published))
	// The published plan is there, so the reads did find what they should.
	if !strings.Contains(body, "Đang thực hiện") {
		t.Fatal("the published plan's progress is not on the portal")
	}
	for kind, list := range kinds {
		for _, s := range list {
			for _, f := range forms(s) {
				if strings.Contains(body, f) {
					t.Errorf("%s: %q is on the portal", kind, s)
					break
				}
			}
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
