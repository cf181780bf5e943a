package consolidated_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// clock is the fixture's day: 10/12/2025, before the yearly reports of
// 2025 are due (20/12).
var clock = time.Date(2025, 12, 10, 2, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// seeded is a plan whose coordinator, Sở Kế hoạch và Đầu tư, merged into
// Sở Tài chính on 01/03/2025, with a yearly schedule and a report of 2025
// from each of its agencies.
type seeded struct {
	db       *store.DB
	plan     plan.Plan
	khdt, tc org.Agency
	agencies []org.Agency
	draft    int64 // the last agency's report, left a draft
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// seed builds the fixture: tasks tasks in groups of ten, led in turn by
// agencies agencies; every agency but the last sends its report, the
// last keeps a draft.
func seed(tb testing.TB, tasks, agencies int) *seeded {
	tb.Helper()
	ctx := context.Background()
	db := storetest.Open(tb)
	db.Now = func() time.Time { return clock }
	s := &seeded{db: db}
	must(tb, db.Update(ctx, func(tx *store.Tx) error {
		s.khdt = org.Agency{Name: "Sở Kế hoạch và Đầu tư", Kind: org.KindDepartment}
		s.tc = org.Agency{Name: "Sở Tài chính", Kind: org.KindDepartment}
		for _, a := range []*org.Agency{&s.tc, &s.khdt} {
			if err := tx.CreateAgency(ctx, a); err != nil {
				return err
			}
		}
		for i := range agencies {
			a := org.Agency{Name: fmt.Sprintf("Ủy ban nhân dân huyện số %02d", i+1), Kind: org.KindCommittee}
			if err := tx.CreateAgency(ctx, &a); err != nil {
				return err
			}
			s.agencies = append(s.agencies, a)
		}
		fifty := 50.0
		s.plan = plan.Plan{Number: "45/KH-UBND", Type: "KH", Title: "Kế hoạch phát triển kinh tế tập thể năm 2025",
			Issuer: "Ủy ban nhân dân tỉnh Hải Dương", Place: "Hải Dương", IssuedOn: day(2025, 1, 15),
			Targets: []plan.Target{{Text: "Trên 50% cán bộ quản lý HTX được đào tạo", Comparator: plan.CmpGreater, Value: &fifty, Unit: "%"}}}
		for i := range tasks {
			if i%10 == 0 {
				n := i/10 + 1
				s.plan.Groups = append(s.plan.Groups, plan.Group{Code: roman(n), Ordinal: n, Title: fmt.Sprintf("Nhóm nhiệm vụ phát triển hợp tác xã số %d", n)})
			}
			g := &s.plan.Groups[len(s.plan.Groups)-1]
			g.Tasks = append(g.Tasks, plan.Task{Code: fmt.Sprintf("%s.%d", g.Code, i%10+1), Ordinal: i%10 + 1,
				Content:   fmt.Sprintf("Nhiệm vụ số %d: hỗ trợ hợp tác xã ứng dụng công nghệ cao", i+1),
				Lead:      []plan.AgencyRef{{ID: s.agencies[i%agencies].ID}},
				Timeframe: plan.ParseTimeframe("2025", 2025)})
		}
		if err := tx.CreatePlan(ctx, &s.plan); err != nil {
			return err
		}
		if err := tx.SetPlanCoordinator(ctx, s.plan.ID, &s.khdt.ID); err != nil {
			return err
		}
		k := s.khdt
		k.ValidTo, k.SuccessorID, k.SuccessorSince = day(2025, 2, 28), &s.tc.ID, day(2025, 3, 1)
		if err := tx.UpdateAgency(ctx, &k); err != nil {
			return err
		}
		y := report.NewSchedule(report.Yearly)
		y.PlanID = s.plan.ID
		return tx.CreateSchedule(ctx, &y)
	}))
	for i, a := range s.agencies {
		must(tb, db.Update(ctx, func(tx *store.Tx) error {
			sub, err := tx.OpenSubmission(ctx, s.plan.ID, "2025", a.ID)
			if err != nil {
				return err
			}
			for j := range sub.Lines {
				l := &sub.Lines[j]
				l.Status = string(plan.StatusInProgress)
				l.Done = fmt.Sprintf("%s đã mở lớp tập huấn về %s.", a.Name, l.TaskContent)
				l.Figures = "3 lớp, 120 học viên"
				l.Estimated, l.Allocated, l.Spent, l.Source = 1_000_000, 800_000, 500_000, report.SourceLocal
				if i == len(s.agencies)-1 {
					l.Done = "BẢN NHÁP chưa gửi"
				}
			}
			if err := tx.SaveSubmission(ctx, &sub); err != nil {
				return err
			}
			if i == len(s.agencies)-1 {
				s.draft = sub.ID
				return nil
			}
			_, err = tx.ActOnSubmission(ctx, sub.ID, report.Submit, "")
			return err
		}))
	}
	return s
}

func roman(n int) string {
	r := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
	if n < len(r) {
		return r[n]
	}
	return fmt.Sprint(n)
}
