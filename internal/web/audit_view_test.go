package web_test

import (
	"context"
	"github.com/hoptac/hoptac/internal/indicator"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// auditCallRE finds the store's audit writes: t.audit(ctx, "action",
// "entity", …), t.auditEntry(…) and the rows of a batch.
var auditCallRE = regexp.MustCompile(`\.audit(?:Entry)?\(.*?, "([a-z_]+)", "([a-z_]+)",|auditRow\{action: "([a-z_]+)", entity: "([a-z_]+)"`)

// TestEveryAuditedFieldHasALabel makes every kind of change the store
// audits, then checks that each action, kind of record and field it wrote
// has a label of its own in both languages. The store's source is read for
// its audit calls, so a new one fails here until this test makes it.
func TestEveryAuditedFieldHasALabel(t *testing.T) {
	t.Parallel()
	e := newEnv(t) // the demo: agencies, accounts, a plan with its tasks, progress
	ctx := context.Background()
	admin, err := e.db.UserByEmail(ctx, adminEmail)
	if err != nil {
		t.Fatal(err)
	}
	actx := auth.WithUser(ctx, &admin)
	task := e.notStartedTask()
	officer, err := e.db.UserByEmail(ctx, financeEmail)
	if err != nil {
		t.Fatal(err)
	}
	var officerTask plan.Task // a task the officer's agency leads, other than task
	for _, tk := range e.planTasks() {
		if tk.ID != task.ID && slices.Contains(tk.LeadIDs(), *officer.AgencyID) {
			officerTask = tk
			break
		}
	}
	viewer, err := e.db.UserByEmail(ctx, viewerEmail)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.SQL().ExecContext(ctx, e.db.Rebind(`INSERT INTO sessions (token_hash, data, expiry, user_id)
		VALUES (?, ?, ?, ?)`), "session-1", []byte{}, fixedNow.Add(time.Hour).UnixNano(), viewer.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		a, err := tx.AgencyForUpdate(actx, e.financeID)
		if err != nil {
			return err
		}
		a.Aliases = append(a.Aliases, "STC")
		a.ValidFrom = &fixedNow
		if err := tx.UpdateAgency(actx, &a); err != nil {
			return err
		}
		n := org.Agency{Name: "Ban Dân tộc tỉnh", Kind: org.KindDepartment, Aliases: []string{"BDT"}}
		if err := tx.CreateAgency(actx, &n); err != nil {
			return err
		}
		pct := 20
		p := plan.Progress{TaskID: task.ID, Status: plan.StatusInProgress, Percent: &pct, Note: "Bắt đầu",
			EvidenceURL: "https://a.vn/x"}
		if err := tx.RecordProgress(actx, &p, &store.File{Name: "bao-cao.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}); err != nil {
			return err
		}
		if err := tx.ImportProgress(ctx, []plan.Progress{{TaskID: task.ID, Status: plan.StatusDone, CreatedAt: fixedNow}}); err != nil {
			return err
		}
		if _, err := tx.CreateToken(actx, admin.ID); err != nil {
			return err
		}
		expires := fixedNow.AddDate(0, 3, 0)
		tok, _, err := tx.CreateNamedToken(actx, admin.ID, "Đồng bộ báo cáo", &expires)
		if err != nil {
			return err
		}
		if err := tx.RevokeToken(actx, tok.ID); err != nil {
			return err
		}
		if _, err := tx.UpdateAccount(actx, viewer.ID, "Lãnh đạo tỉnh", viewer.Role, nil); err != nil {
			return err
		}
		if err := tx.EndSession(actx, viewer.ID, "session-1"); err != nil {
			return err
		}
		if _, err := tx.EndSessions(actx, viewer.ID); err != nil {
			return err
		}
		if err := tx.SetPassword(actx, admin.ID, "một mật khẩu đủ dài 2026"); err != nil {
			return err
		}
		if _, err := tx.ImportUnits(actx, []*unit.File{{Kind: unit.KindNewList, Units: []unit.Record{
			{Level: unit.LevelProvince, Code: "31", Name: "Thành phố Hải Phòng"}}}}); err != nil {
			return err
		}
		if err := auditRegisterChanges(actx, tx, viewer.ID); err != nil {
			return err
		}
		if err := tx.SaveMailSettings(actx, store.MailSettings{Host: "smtp.tinh.gov.vn", Port: 587, TLS: store.TLSStartTLS,
			User: "hoptac", Password: "bí mật", From: "hoptac@tinh.gov.vn", FromName: "Sở Kế hoạch"}); err != nil {
			return err
		}
		// The reporting cycle: a schedule, a designation's members, the
		// coordinator's link, and a report edited, sent and returned.
		sched := report.NewSchedule(report.Quarterly)
		sched.PlanID = e.planID
		if err := tx.CreateSchedule(actx, &sched); err != nil {
			return err
		}
		sched.Cutoff = 1
		if err := tx.UpdateSchedule(actx, &sched); err != nil {
			return err
		}
		ubnd, err := tx.AgencyByName(ctx, "UBND các xã, phường")
		if err != nil {
			return err
		}
		if err := tx.SetDesignationMembers(actx, ubnd.ID, []int64{n.ID}); err != nil {
			return err
		}
		if err := tx.SetPlanCoordinator(actx, e.planID, &e.financeID); err != nil {
			return err
		}
		rep, err := tx.OpenSubmission(actx, e.planID, "2026", e.financeID)
		if err != nil {
			return err
		}
		rep.Narrative = "Đã triển khai"
		if err := tx.SaveSubmission(actx, &rep); err != nil {
			return err
		}
		// An evidence file uploaded on its own, as the API does.
		if err := tx.AttachReportEvidence(actx, rep.ID, rep.Lines[0].TaskID, &store.File{Name: "bien-ban.pdf",
			ContentType: "application/pdf", Data: []byte("%PDF-1.4\n")}); err != nil {
			return err
		}
		if _, err := tx.ActOnSubmission(actx, rep.ID, report.Submit, ""); err != nil {
			return err
		}
		if _, err := tx.ActOnSubmission(actx, rep.ID, report.Return, "Thiếu số liệu"); err != nil {
			return err
		}
		// An urge sent by hand, logged against its plan.
		if _, err := tx.QueueManualUrge(actx, store.Urge{AgencyID: e.financeID, DedupeKey: "urge:audit:manual",
			NoticeText: "Đôn đốc"}, store.ManualUrge{PlanID: e.planID, Period: "2026", AgencyID: e.financeID,
			Agency: "Sở Tài chính", Message: "Đề nghị gửi báo cáo"}); err != nil {
			return err
		}
		if err := auditTaskChanges(actx, tx, officer, e.planID, officerTask); err != nil {
			return err
		}
		if err := auditTargetLinks(actx, tx); err != nil {
			return err
		}
		// The consolidated report's narrative, saved twice (create, then change).
		issued := time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)
		for _, number := range []string{"15/BC-STC", "16/BC-STC"} {
			n := report.Narrative{PlanID: e.planID, Period: "2026", Number: number, Place: "Hải Phòng", IssuedOn: &issued,
				Subject: "Kết quả năm 2026", Summary: "Tình hình chung", Assessment: "Đạt", Proposals: "Bổ sung kinh phí",
				Recipients: []string{"Như trên;"}, SignerAuthority: "KT. Giám đốc", SignerTitle: "Phó Giám đốc", SignerName: "Trần Bình"}
			if err := tx.SaveConsolidatedNarrative(actx, &n); err != nil {
				return err
			}
		}
		// A hand-entered indicator value, entered then corrected.
		for _, v := range []float64{1.1, 1.2} {
			if err := tx.PutIndicatorEntry(actx, &indicator.Entry{Indicator: "grdp_share", Year: 2025, Value: v,
				Source: "Niên giám thống kê 2025"}); err != nil {
				return err
			}
		}
		return tx.LogLogin(ctx, &admin)
	}); err != nil {
		t.Fatal(err)
	}
	if err := e.db.ChangeOwnPassword(actx, admin.ID, "một mật khẩu đủ dài 2026", "mật khẩu mới của quản trị 2027"); err != nil {
		t.Fatal(err)
	}

	var entries []audit.Entry
	for _, entity := range audit.Entities() {
		for page := 1; ; page++ {
			got, _, err := e.db.ListAudit(ctx, audit.Filter{Entity: entity, Page: page, PerPage: store.MaxPerPage})
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, got...)
			if len(got) < store.MaxPerPage {
				break
			}
		}
	}
	if all := e.count(`SELECT COUNT(*) FROM audit_log`); all != len(entries) {
		t.Fatalf("the log holds %d entries, %d of kinds in audit.Entities: add the others there", all, len(entries))
	}

	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	missing := map[string]bool{}
	need := func(key string) {
		for _, lang := range []string{i18n.Vietnamese, i18n.English} {
			if !b.Has(lang, key) {
				missing[lang+" "+key] = true
			}
		}
	}
	for _, en := range entries {
		seen[en.Action+" "+en.Entity] = true
		need("audit.action." + en.Action)
		need("entity." + en.Entity)
		fields, err := audit.Fields(en.Before, en.After)
		if err != nil {
			t.Fatalf("entry %d: %v", en.ID, err)
		}
		for _, f := range fields {
			need("audit.field." + en.Entity + "." + f.Name)
		}
	}
	for k := range missing {
		t.Errorf("no message for %s", k)
	}

	files, err := filepath.Glob(filepath.Join("..", "store", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range auditCallRE.FindAllStringSubmatch(string(src), -1) {
			action, entity := m[1]+m[3], m[2]+m[4]
			calls++
			if !seen[action+" "+entity] {
				t.Errorf("%s audits %q on %q, which this test does not make: make it here so its fields are checked",
					filepath.Base(name), action, entity)
			}
		}
	}
	if calls < 9 {
		t.Errorf("found %d audit calls in the store; the pattern no longer matches them", calls)
	}
}

// auditRegisterChanges makes every change of the register the store
// audits: an organisation created and updated, a status, its managers, a
// year of figures created and updated, an account linked to it.
func auditRegisterChanges(ctx context.Context, tx *store.Tx, userID int64) error {
	d := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	o := coop.Organisation{Code: "2800123456", Name: "Hợp tác xã Nhật ký", Form: coop.FormHTX, Sector: coop.SectorTrade,
		Law: 2023, NewCommuneCode: "16021", NewCommuneValidFrom: &d, Address: "Thôn Một", FoundedOn: &d, RegisteredOn: &d,
		ConvertedOn: &d, CharterOn: &d, Phone: "0237 000", Email: "a@b.vn", Website: "https://a.vn", ShortName: "HTX NK",
		CommuneCode: "16018", CommuneValidFrom: &d}
	if err := tx.CreateOrganisation(ctx, &o); err != nil {
		return err
	}
	o.Phone = "0237 111"
	if err := tx.UpdateOrganisation(ctx, &o); err != nil {
		return err
	}
	if err := tx.AddStatus(ctx, &coop.Status{OrganisationID: o.ID, Kind: coop.StatusSuspended, On: d, Until: &d,
		Document: "QĐ 1", Note: "Tạm ngừng"}); err != nil {
		return err
	}
	if _, err := tx.SetPeople(ctx, o.ID, []coop.Person{{Role: coop.RoleChair, Name: "Lê Văn A", Training: coop.TrainingNone}}); err != nil {
		return err
	}
	f := coop.YearFigures{OrganisationID: o.ID, Year: 2025, MembersIndividual: 7, Rating: coop.RatingGood}
	if _, _, err := tx.PutFigures(ctx, &f, coop.StepSubmit, true); err != nil {
		return err
	}
	f.FilingComment = "Thiếu doanh thu"
	if _, _, err := tx.PutFigures(ctx, &f, coop.StepReturn, false); err != nil {
		return err
	}
	// Only a representative's account is linked to an organisation.
	if _, err := tx.UpdateAccount(ctx, userID, "Đại diện HTX", auth.RoleCoop, nil); err != nil {
		return err
	}
	if err := tx.SetUserOrganisation(ctx, userID, &o.ID); err != nil {
		return err
	}
	// Reconciliation: a duplicate merged into o, another pair marked distinct.
	dup := coop.Organisation{Code: "2800123457", Name: "HTX Nhật ký", Form: coop.FormHTX, Sector: coop.SectorTrade, Law: 2023}
	other := coop.Organisation{Code: "2800123458", Name: "Hợp tác xã Nhật ký khác", Form: coop.FormHTX, Sector: coop.SectorTrade, Law: 2023}
	for _, x := range []*coop.Organisation{&dup, &other} {
		if err := tx.CreateOrganisation(ctx, x); err != nil {
			return err
		}
	}
	if err := tx.MarkDistinct(ctx, o.ID, other.ID); err != nil {
		return err
	}
	_, err := tx.MergeOrganisations(ctx, o.ID, dup.ID)
	return err
}
