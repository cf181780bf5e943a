package backup_test

import (
	"context"
	"github.com/hoptac/hoptac/internal/indicator"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/backup"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/faulttest"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// TestRestoredCopyMatchesSource backs up a quiet database, restores it
// elsewhere, and compares every table of the source with the restored
// copy, rows and checksums. The other tests compare the copy with the
// backup's own report, which is read from the copy on SQLite: a backup
// that lost a table's rows would agree with itself. The table list comes
// from the databases' catalogs (sqlite_master, pg_tables), so a table
// added later is compared without a change here.
func TestRestoredCopyMatchesSource(t *testing.T) {
	t.Parallel()
	faulttest.NeedBackupTools(t)
	ctx := context.Background()
	dsn, src := demoDB(t)
	tasks := taskIDs(t, src)
	addEvidence(t, src, tasks[0], 1, 64<<10) // a file, so blobs are compared too
	fillEmptyTables(t, src)

	want, err := backup.Sums(ctx, src.SQL(), src.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]backup.TableSum{}
	var empty []string
	for _, s := range want {
		byName[s.Name] = s
		if s.Rows == 0 {
			empty = append(empty, s.Name)
		}
	}
	// A loss can only show in a table that has rows: every table must
	// have some, a new one too (give it a row in fillEmptyTables).
	if len(empty) > 0 {
		t.Errorf("%s: source tables with no rows, where a lost row could not show: %s", src.Dialect(), strings.Join(empty, ", "))
	}
	if byName["agency_aliases"].Rows == 0 {
		t.Error("the source has no agency_aliases table, or no rows in it")
	}

	file := filepath.Join(t.TempDir(), "hoptac.backup")
	rep, err := backup.Backup(ctx, dsn, file, backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	target := faulttest.FreshDSN(t)
	if _, err := backup.Restore(ctx, target, file, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	restored, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	got, err := backup.Sums(ctx, restored.SQL(), restored.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	if d := backup.Diff(want, got); d != "" {
		t.Errorf("restored copy differs from the source:\n%s", d)
	}
	if d := backup.Diff(want, rep.Tables); d != "" {
		t.Errorf("backup's report differs from the source:\n%s", d)
	}
	t.Logf("%s: %d tables compared with the source", src.Dialect(), len(want))
}

// fillEmptyTables gives a row to the tables the demo leaves empty: an API
// token, a session and a plan read but not yet confirmed.
func fillEmptyTables(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	var user int64
	if err := db.SQL().QueryRowContext(ctx, "SELECT MIN(id) FROM users").Scan(&user); err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.CreateToken(ctx, user); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, db.Rebind("INSERT INTO sessions (token_hash, data, expiry) VALUES (?, ?, ?)"),
		"phien-thu", []byte{0, 1, 2, 0xff}, int64(1893456000)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO pending_imports (id, user_id, source_name, result,
		source_lines, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`), "nhap-thu", user, "ke-hoach.txt",
		`{"tasks":[]}`, `["KẾ HOẠCH"]`, "2026-11-24T03:00:00Z", "2026-11-25T03:00:00Z"); err != nil {
		t.Fatal(err)
	}
	// A hand-entered indicator value (issue 19).
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.PutIndicatorEntry(ctx, &indicator.Entry{Indicator: "grdp_share", Year: 2024, Value: 1.1,
			Source: "Cục Thống kê, niên giám 2024"})
	}); err != nil {
		t.Fatal(err)
	}
	// Administrative units: an old commune and the new one it went into.
	storetest.ImportReformUnits(t, db)
	// The register: an organisation with a status, a manager and a year of
	// figures, whatever the demo holds.
	if err := db.Update(ctx, func(tx *store.Tx) error {
		o := coop.Organisation{Code: "0109999999-001", Name: "Hợp tác xã Sao lưu", Form: coop.FormHTX,
			Sector: coop.SectorWater, Law: 2023}
		if err := tx.CreateOrganisation(ctx, &o); err != nil {
			return err
		}
		if err := tx.AddStatus(ctx, &coop.Status{OrganisationID: o.ID, Kind: coop.StatusSuspended,
			On: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Document: "QĐ số 1"}); err != nil {
			return err
		}
		if _, err := tx.SetPeople(ctx, o.ID, []coop.Person{{Role: coop.RoleChair, Name: "Lê Văn Lưu", Training: coop.TrainingCollege}}); err != nil {
			return err
		}
		if _, _, err := tx.PutFigures(ctx, &coop.YearFigures{OrganisationID: o.ID, Year: 2025, MembersIndividual: 7,
			Revenue: 1_234_567_890}, coop.StepSave, false); err != nil {
			return err
		}
		// Reconciliation: a pair marked distinct and a duplicate merged.
		other := coop.Organisation{Code: "0109999998", Name: "Hợp tác xã Sao lưu khác", Form: coop.FormHTX,
			Sector: coop.SectorWater, Law: 2023}
		dup := coop.Organisation{Code: "0109999997", Name: "HTX Sao lưu", Form: coop.FormHTX, Sector: coop.SectorWater, Law: 2023}
		for _, x := range []*coop.Organisation{&other, &dup} {
			if err := tx.CreateOrganisation(ctx, x); err != nil {
				return err
			}
		}
		if err := tx.MarkDistinct(ctx, o.ID, other.ID); err != nil {
			return err
		}
		_, err := tx.MergeOrganisations(ctx, o.ID, dup.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// Mail settings, a queued message and a notification (issue 18).
	if err := db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.SaveMailSettings(ctx, store.MailSettings{Host: "smtp.example.org", Port: 587,
			TLS: store.TLSStartTLS, Password: "mật khẩu", From: "hoptac@example.org", FromName: "Hợp tác"}); err != nil {
			return err
		}
		if _, err := tx.EnqueueMail(ctx, store.OutboxMessage{To: "an@example.org", Subject: "Đôn đốc báo cáo",
			Body: "Nội dung", Kind: "urge", DedupeKey: "urge:thu"}); err != nil {
			return err
		}
		_, err := tx.Notify(ctx, store.Notification{UserID: user, Key: "notice.urge", Args: []string{"Quý IV"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The reporting cycle: a designation's member, and a report sent for
	// the demo's yearly schedule, with a task line and its history.
	for _, q := range []string{
		`INSERT INTO designation_members (designation_id, member_id) SELECT MIN(c.id), MIN(a.id)
			FROM agencies c, agencies a WHERE c.collective = 1 AND a.collective = 0`,
		`INSERT INTO report_submissions (schedule_id, period, agency_id, state, narrative, due_on, first_sent_at, sent_at,
			created_at, updated_at) SELECT MIN(s.id), '2026', MIN(a.id), 'submitted', 'Báo cáo năm', '2026-12-15',
			'2026-11-24T03:00:00Z', '2026-11-24T03:00:00Z', '2026-11-24T03:00:00Z', '2026-11-24T03:00:00Z'
			FROM reporting_schedules s, agencies a`,
		`INSERT INTO report_task_lines (submission_id, task_id, status, done, budget_estimated, budget_source)
			SELECT MIN(r.id), MIN(t.id), 'in_progress', 'Đã tổ chức 3 lớp', 1500000000, 'local' FROM report_submissions r, tasks t`,
		`INSERT INTO report_events (submission_id, action, from_state, to_state, user_name, at)
			SELECT MIN(id), 'submit', 'draft', 'submitted', 'can-bo@tinh.gov.vn', '2026-11-24T03:00:00Z' FROM report_submissions`,
		// A task's adjustment proposal and a change in its history.
		`INSERT INTO task_proposals (task_id, agency_id, user_name, timeframe, reason, state, created_at)
			SELECT MIN(t.id), MIN(a.id), 'can-bo@tinh.gov.vn', 'Năm 2027', 'Chưa bố trí được vốn', 'pending',
			'2026-11-24T03:00:00Z' FROM tasks t, agencies a`,
		`INSERT INTO task_revisions (task_id, action, before_json, after_json, reason, proposal_id, user_name, at)
			SELECT MIN(task_id), 'proposal', '{"content":"Cũ"}', '{"content":"Mới"}', 'Theo đề xuất', MIN(id),
			'dieu-phoi@tinh.gov.vn', '2026-11-25T03:00:00Z' FROM task_proposals`,
		// The consolidated report's narrative, as the coordinator edited it.
		`INSERT INTO consolidated_narratives (plan_id, period, number, summary, recipients, updated_at)
			SELECT MIN(id), '2026', '15/BC-STC', 'Tình hình chung năm 2026', 'Như trên;', '2026-11-24T03:00:00Z' FROM plans`,
		// A target linked to the indicator it is checked against.
		`INSERT INTO target_links (target_id, indicator, comparator, value, value_max, baseline_year, baseline_value,
			deadline, scope, updated_at) SELECT MIN(id), 'grdp_share', 'between', 1, 1.2, 2017, 0.8, '2020-12-31', '',
			'2026-11-24T03:00:00Z' FROM targets`,
		// The indicator summary (migration 00024): a summed year, a
		// stale commune of it, a mark waiting.
		`INSERT INTO indicator_sums (year, commune, mapped, s00, s02) VALUES (2024, '10507', 0, 3, 2)`,
		`INSERT INTO indicator_sum_years (year) VALUES (2024)`,
		`INSERT INTO indicator_stale (year, commune) VALUES (2024, '10516')`,
		`INSERT INTO indicator_marks (commune, txid) VALUES ('10516', 7)`,
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// PostgreSQL's per-year counts and portal province totals waiting for
	// their transaction's commit (migrations 00030 and 00032); a row not
	// marked first is never added up.
	if db.Dialect() == "postgres" {
		for _, q := range []string{
			`INSERT INTO register_year_pending (tx, year, form, sector, status, d)
			VALUES (7, 2024, 'htx', 'agriculture', 'active', 0)`,
			`INSERT INTO portal_province_pending (tx, code, valid_from, form, d) VALUES (7, '10507', '2025-07-01', 'htx', 0)`,
		} {
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
}
