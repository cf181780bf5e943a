// Package gen writes a synthetic dataset shaped like a province's real
// plans: agencies with aliases and successors, plans with Roman-numbered
// task groups, tasks with lead and supporting agencies and every kind of
// timeframe, and a progress history in which some tasks are done, some
// done late and some overdue. It is for performance work and the load
// tool, never for a production database. The same seed and day give the
// same data.
package gen

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// The accounts gen creates for the load tool, all with Config.Password.
const (
	ViewerEmail = "load-viewer@hoptac.local"
	AdminEmail  = "load-admin@hoptac.local"
	// DefaultPassword is the load accounts' password unless --password says
	// otherwise. It is published on purpose: generated data is for tests.
	DefaultPassword = "hoptac-load-2026"
)

// AgencyEmail is the login of the agency officer account gen binds to the
// agency with this ID.
func AgencyEmail(agencyID int64) string { return fmt.Sprintf("load-agency-%d@hoptac.local", agencyID) }

// HasLoadAccount reports whether gen gives agency a an officer account:
// every agency that still exists and is not a collective designation.
func HasLoadAccount(a org.Agency) bool {
	return !a.Collective && a.ValidTo == nil && a.SuccessorID == nil
}

// Config says how much to write.
type Config struct {
	Plans    int    // plans to add
	Tasks    int    // tasks in each plan, spread over its five groups
	Progress int    // progress entries in total, spread over the tasks
	Seed     uint64 // the same seed and AsOf give the same data
	// AsOf is the data's "today": plans are issued before it and progress
	// stops on it. Zero means today in Vietnam.
	AsOf time.Time
	// Password is given to the load accounts; empty creates none.
	Password string
	// Log receives a line as each phase ends; nil for none.
	Log io.Writer
}

// Result reports what Generate wrote and how long each part took.
type Result struct {
	Agencies, NewAgencies, Successors int
	Users                             int
	Plans, Groups, Tasks, Assignments int
	Progress                          int
	PlanIDs                           []int64
	// Status counts the tasks by the status users see as of AsOf.
	Status map[plan.Status]int
	AsOf   time.Time
	// Time spent on each part.
	AgencyTime, UserTime, PlanTime, ProgressTime, Total time.Duration
}

// Generate writes the dataset into db, adding to what is there: agencies
// and accounts that already exist (by name, by e-mail) are reused.
func Generate(ctx context.Context, db *store.DB, cfg Config) (Result, error) {
	if cfg.Plans < 0 || cfg.Tasks < 0 || cfg.Progress < 0 {
		return Result{}, errors.New("gen: counts must not be negative")
	}
	if cfg.AsOf.IsZero() {
		cfg.AsOf = plan.Today(time.Now())
	}
	y, m, d := cfg.AsOf.Date()
	asOf := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	g := &generator{db: db, cfg: cfg, asOf: asOf, r: rand.New(rand.NewPCG(cfg.Seed, 0x686f70746163)),
		res: Result{AsOf: asOf, Status: map[plan.Status]int{}}, users: map[int64]auth.User{}}
	start := time.Now()
	steps := []struct {
		took *time.Duration
		run  func(context.Context) error
	}{
		{&g.res.AgencyTime, g.createAgencies},
		{&g.res.UserTime, g.createAccounts},
		{&g.res.PlanTime, g.createPlans},
		{&g.res.ProgressTime, g.createProgress},
	}
	for _, s := range steps {
		t0 := time.Now()
		if err := s.run(ctx); err != nil {
			return g.res, err
		}
		*s.took = time.Since(t0)
	}
	g.res.Total = time.Since(start)
	return g.res, nil
}

// genAgency is an agency of the dataset with its ID in the database.
type genAgency struct {
	seed agencySeed
	org  org.Agency
}

// genTask is what the progress history needs to know of a task.
type genTask struct {
	id      int64
	issued  time.Time // the plan's
	tf      plan.Timeframe
	lead    []*genAgency
	entries int
	fate    plan.Status // not_started (no history), in_progress or done
	late    bool        // a done task finished after its due day
	doneOn  time.Time   // the day a done task finished
	weight  int         // how much reporting it attracts
}

type generator struct {
	db       *store.DB
	cfg      Config
	asOf     time.Time
	r        *rand.Rand
	res      Result
	agencies []*genAgency
	byName   map[string]*genAgency
	users    map[int64]auth.User // agency ID → its load account
	tasks    []*genTask
}

func (g *generator) logf(format string, args ...any) {
	if g.cfg.Log != nil {
		fmt.Fprintf(g.cfg.Log, format+"\n", args...)
	}
}

func parseDay(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("gen: bad date " + s) // the seeds are constants; TestAgencySeeds reads them all
	}
	return &t
}

// createAgencies creates the province's agencies, successors after the agencies
// they point to, and reuses any that already exist.
func (g *generator) createAgencies(ctx context.Context) error {
	g.byName = map[string]*genAgency{}
	seeds := agencySeeds()
	slices.SortStableFunc(seeds, func(a, b agencySeed) int {
		return cmp.Compare(boolInt(a.successor != ""), boolInt(b.successor != ""))
	})
	var missing []*genAgency
	for _, s := range seeds {
		ga := &genAgency{seed: s}
		a, err := g.db.AgencyByName(ctx, s.name)
		switch {
		case err == nil:
			ga.org = a
		case apperr.CodeOf(err) == apperr.NotFound:
			missing = append(missing, ga)
		default:
			return err
		}
		g.agencies = append(g.agencies, ga)
		g.byName[s.name] = ga
	}
	err := g.db.Update(ctx, func(tx *store.Tx) error {
		tx.SetClock(g.asOf.Add(2 * time.Hour))
		for _, ga := range missing {
			s := ga.seed
			a := org.Agency{Name: s.name, ShortName: s.short, Kind: org.Kind(s.kind), Collective: s.collective,
				ValidFrom: parseDay(s.validFrom), ValidTo: parseDay(s.validTo)}
			for _, al := range s.aliases {
				// An alias another agency already answers to would be refused.
				if _, err := g.db.AgencyByName(ctx, al); apperr.CodeOf(err) == apperr.NotFound {
					a.Aliases = append(a.Aliases, al)
				}
			}
			if s.successor != "" {
				succ := g.byName[s.successor].org.ID
				since := a.ValidTo.AddDate(0, 0, 1)
				a.SuccessorID, a.SuccessorSince = &succ, &since
			}
			if err := tx.CreateAgency(ctx, &a); err != nil {
				return fmt.Errorf("gen: agency %q: %w", s.name, err)
			}
			ga.org = a
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, ga := range g.agencies {
		if ga.org.SuccessorID != nil {
			g.res.Successors++
		}
	}
	g.res.Agencies, g.res.NewAgencies = len(g.agencies), len(missing)
	g.logf("cơ quan: %d (%d mới, %d có cơ quan kế nhiệm)", g.res.Agencies, g.res.NewAgencies, g.res.Successors)
	return nil
}

// createAccounts creates the load tool's logins: one officer per agency that
// has one (see HasLoadAccount), a viewer and an administrator.
func (g *generator) createAccounts(ctx context.Context) error {
	if g.cfg.Password == "" {
		return nil
	}
	type spec struct {
		user   auth.User
		agency int64
	}
	var specs []spec
	for _, ga := range g.agencies {
		if HasLoadAccount(ga.org) {
			id := ga.org.ID
			specs = append(specs, spec{auth.User{Email: AgencyEmail(id), Role: auth.RoleAgency, AgencyID: &id,
				Name: "Cán bộ thử tải (" + ga.org.Name + ")"}, id})
		}
	}
	specs = append(specs,
		spec{user: auth.User{Email: ViewerEmail, Role: auth.RoleViewer, Name: "Lãnh đạo thử tải"}},
		spec{user: auth.User{Email: AdminEmail, Role: auth.RoleAdmin, Name: "Quản trị thử tải"}})
	var missing []spec
	for _, s := range specs {
		u, err := g.db.UserByEmail(ctx, s.user.Email)
		switch {
		case err == nil:
			if s.agency != 0 {
				g.users[s.agency] = u
			}
		case apperr.CodeOf(err) == apperr.NotFound:
			missing = append(missing, s)
		default:
			return err
		}
	}
	err := g.db.Update(ctx, func(tx *store.Tx) error {
		tx.SetClock(g.asOf.Add(2 * time.Hour))
		for _, s := range missing {
			// MustChangePassword stays false: these accounts exist for the
			// load tool, which logs in with the password it was given and
			// goes straight to work; a forced change at the first login
			// would turn every simulated user's first request into a
			// redirect to the password form.
			u := s.user
			if err := tx.CreateUser(ctx, &u, g.cfg.Password); err != nil {
				return fmt.Errorf("gen: account %s: %w", u.Email, err)
			}
			if s.agency != 0 {
				g.users[s.agency] = u
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	g.res.Users = len(missing)
	g.logf("tài khoản: %d mới (%d đã có)", len(missing), len(specs)-len(missing))
	return nil
}
