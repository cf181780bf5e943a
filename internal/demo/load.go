// Package demo loads a demonstration province: its agencies, an action plan
// shaped like the real ones, progress history and one account per role.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// Account is a demo login.
type Account struct {
	Email    string
	Role     auth.Role
	Password string
}

// Loaded reports what Load wrote.
type Loaded struct {
	PlanID   int64
	Accounts []Account
}

// Load writes the demo data in one transaction, unless the database already
// holds a plan (a restarted demo keeps its data and its passwords). Every
// account gets a fresh random password, printed once by the caller.
func Load(ctx context.Context, db *store.DB) (Loaded, error) {
	var out Loaded
	plans, _, err := db.Plans(ctx, 1, 1)
	if err != nil {
		return out, err
	}
	if len(plans) > 0 {
		out.PlanID = plans[0].ID
		return out, nil
	}
	err = db.Update(ctx, func(tx *store.Tx) error {
		ids := map[string]int64{}
		seeds := agencies()
		for _, s := range seeds {
			a := org.Agency{Name: s.Name, ShortName: s.Short, Kind: org.Kind(s.Kind), Aliases: s.Aliases,
				Collective: s.Collective, ValidFrom: date(s.ValidFrom), ValidTo: date(s.ValidTo)}
			if err := tx.CreateAgency(ctx, &a); err != nil {
				return fmt.Errorf("demo: agency %q: %w", s.Name, err)
			}
			ids[s.Name] = a.ID
		}
		// Successors point at agencies created above, so set them second.
		for _, s := range seeds {
			if s.Successor == "" || s.ValidTo == "" {
				continue
			}
			a, err := tx.AgencyForUpdate(ctx, ids[s.Name])
			if err != nil {
				return err
			}
			succ := ids[s.Successor]
			since := date(s.ValidTo).AddDate(0, 0, 1)
			a.SuccessorID, a.SuccessorSince = &succ, &since
			if err := tx.UpdateAgency(ctx, &a); err != nil {
				return fmt.Errorf("demo: successor of %q: %w", s.Name, err)
			}
		}
		// The register before the plan: the plan's import is then the
		// newest entry of the audit log's first page, as it was.
		coopOrg, err := loadRegister(ctx, tx)
		if err != nil {
			return err
		}
		p, progress := buildPlan(actionPlan(), ids)
		if err := tx.CreatePlan(ctx, &p); err != nil {
			return fmt.Errorf("demo: plan: %w", err)
		}
		out.PlanID = p.ID
		if err := recordProgress(ctx, tx, p, progress); err != nil {
			return err
		}
		accounts, err := createAccounts(ctx, tx, ids, coopOrg)
		out.Accounts = accounts
		return err
	})
	return out, err
}

func buildPlan(ps planSeed, ids map[string]int64) (plan.Plan, map[string][]progressSeed) {
	issued := date(ps.IssuedOn)
	p := plan.Plan{Number: ps.Number, Type: ps.Type, Title: ps.Title, Issuer: ps.Issuer, IssuedOn: issued,
		Signer: ps.Signer, Summary: ps.Summary, Place: "Nghệ An", SignerTitle: "Phó Chủ tịch UBND tỉnh"}
	p.Implements, p.Targets, p.Reporting, p.Coordinator = planExtras()
	progress := map[string][]progressSeed{}
	for _, gs := range ps.Groups {
		g := plan.Group{Code: gs.Code, Title: gs.Title}
		for i, ts := range gs.Tasks {
			code := gs.Code
			if ts.Code != "" {
				code = gs.Code + "." + ts.Code
			}
			t := plan.Task{Code: code, Ordinal: i + 1, Content: ts.Content,
				Timeframe: plan.ParseTimeframe(ts.Timeframe, issued.Year())}
			for _, n := range ts.Lead {
				t.Lead = append(t.Lead, plan.AgencyRef{ID: ids[n], Name: n})
			}
			for _, n := range ts.Support {
				t.Support = append(t.Support, plan.AgencyRef{ID: ids[n], Name: n})
			}
			g.Tasks = append(g.Tasks, t)
			progress[code] = ts.Progress
		}
		p.Groups = append(p.Groups, g)
	}
	return p, progress
}

// recordProgress replays the history with the clock set to each entry's
// day, so "done on" and "done late" come out as they happened.
func recordProgress(ctx context.Context, tx *store.Tx, p plan.Plan, progress map[string][]progressSeed) error {
	defer tx.SetClock(time.Time{})
	for _, g := range p.Groups {
		for _, t := range g.Tasks {
			for _, ps := range progress[t.Code] {
				e := plan.Progress{TaskID: t.ID, Status: plan.Status(ps.Status), Note: ps.Note}
				if ps.Percent >= 0 {
					pct := ps.Percent
					e.Percent = &pct
				}
				tx.SetClock(date(ps.On).Add(9 * time.Hour))
				if err := tx.RecordProgress(ctx, &e, nil); err != nil {
					return fmt.Errorf("demo: progress on %s: %w", t.Code, err)
				}
			}
		}
	}
	return nil
}

func createAccounts(ctx context.Context, tx *store.Tx, ids map[string]int64, coopOrg int64) ([]Account, error) {
	finance := ids["Sở Tài chính"]
	agriculture := ids["Sở Nông nghiệp và Môi trường"]
	specs := []struct {
		email, name string
		role        auth.Role
		agency      *int64
	}{
		{"admin@hoptac.local", "Quản trị hệ thống", auth.RoleAdmin, nil},
		{"dieuphoi@hoptac.local", "Nguyễn Thị Lan (Sở Tài chính)", auth.RoleCoordinator, &finance},
		{"taichinh@hoptac.local", "Trần Văn Hùng (Sở Tài chính)", auth.RoleAgency, &finance},
		{"nongnghiep@hoptac.local", "Lê Thị Mai (Sở Nông nghiệp và Môi trường)", auth.RoleAgency, &agriculture},
		{"lanhdao@hoptac.local", "Phạm Minh Đức (Lãnh đạo UBND tỉnh)", auth.RoleViewer, nil},
		{CoopEmail, "Hoàng Văn Thịnh (HTX Nông nghiệp Sen Quê)", auth.RoleCoop, nil},
	}
	var out []Account
	for _, s := range specs {
		pw := auth.RandomSecret(12)
		// One-time passwords: each demo user chooses their own at the
		// first login, as with any account an administrator makes.
		u := auth.User{Email: s.email, Name: s.name, Role: s.role, AgencyID: s.agency, MustChangePassword: true}
		if err := tx.CreateUser(ctx, &u, pw); err != nil {
			return nil, fmt.Errorf("demo: user %s: %w", s.email, err)
		}
		if s.email == CoopEmail {
			if err := tx.SetUserOrganisation(ctx, u.ID, &coopOrg); err != nil {
				return nil, fmt.Errorf("demo: user %s: %w", s.email, err)
			}
		}
		out = append(out, Account{Email: s.email, Role: s.role, Password: pw})
	}
	return out, nil
}

func date(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(fmt.Sprintf("demo: bad date %q in demo data", s)) // data_test guards every date
	}
	return &t
}
