package portal

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

// The portal's own records: what a visitor may see of a plan, a task and
// the register, and nothing else. Pages and downloads are both built from
// these, so a field that is not here cannot leak through either.

// progress counts a plan's tasks by status.
type progress struct {
	Total, NotStarted, InProgress, Done, DoneLate, Overdue int
}

func (p *progress) add(s plan.Status) {
	p.Total++
	switch s {
	case plan.StatusInProgress:
		p.InProgress++
	case plan.StatusDone:
		p.Done++
	case plan.StatusDoneLate:
		p.DoneLate++
	case plan.StatusOverdue:
		p.Overdue++
	default:
		p.NotStarted++
	}
}

// Finished is done on time or late.
func (p progress) Finished() int { return p.Done + p.DoneLate }

// publicPlan is a published plan as the portal shows it.
type publicPlan struct {
	ID          int64
	Number      string
	Title       string
	Issuer      string
	IssuedOn    *time.Time
	PublishedAt time.Time
	Progress    progress
}

// publicTask is a task as the portal shows it: its text, responsible
// agencies, timeframe and progress, without notes, evidence or people.
type publicTask struct {
	PlanID    int64
	Group     string
	Code      string
	Content   string
	Lead      []string
	Support   []string
	Timeframe string
	Due       *time.Time
	Status    plan.Status
	Percent   *int
	DoneOn    *time.Time
}

// publicTarget is a plan's target as written, with its status once the
// targets' computation is wired (Handler.targetStatus).
type publicTarget struct {
	PlanID     int64
	ID         int64
	Text       string
	Comparator string
	Value      *float64
	ValueMax   *float64
	Unit       string
	Due        *time.Time
	Status     string // "" until computed
}

func agencyNames(refs []plan.AgencyRef) []string {
	out := make([]string, 0, len(refs))
	for _, a := range refs {
		// The agency responsible today is the successor of a merged one.
		if a.Successor != nil {
			out = append(out, a.Successor.Name)
			continue
		}
		out = append(out, a.Name)
	}
	return out
}

func toPublicTask(t plan.Task) publicTask {
	return publicTask{PlanID: t.PlanID, Group: t.GroupCode, Code: t.Code, Content: t.Content,
		Lead: agencyNames(t.Lead), Support: agencyNames(t.Support), Timeframe: t.Timeframe.Text, Due: t.Timeframe.Due,
		Status: t.Status, Percent: t.Percent, DoneOn: t.DoneOn}
}

// plans reads the published plans with their tasks' progress as of today.
func (h *Handler) plans(ctx context.Context) ([]publicPlan, error) {
	list, err := h.store.PublishedPlans(ctx)
	if err != nil {
		return nil, err
	}
	today := plan.Today(h.now())
	out := make([]publicPlan, 0, len(list))
	for _, p := range list {
		tasks, _, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Today: today, PerPage: -1})
		if err != nil {
			return nil, err
		}
		pp := publicPlan{ID: p.ID, Number: p.Number, Title: p.Title, Issuer: p.Issuer, IssuedOn: p.IssuedOn, PublishedAt: p.PublishedAt}
		for _, t := range tasks {
			pp.Progress.add(t.Status)
		}
		out = append(out, pp)
	}
	return out, nil
}

// planTasks reads one plan's tasks as the portal shows them.
func (h *Handler) planTasks(ctx context.Context, planID int64) ([]publicTask, error) {
	tasks, _, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: planID, Today: plan.Today(h.now()), PerPage: -1})
	if err != nil {
		return nil, err
	}
	out := make([]publicTask, len(tasks))
	for i, t := range tasks {
		out[i] = toPublicTask(t)
	}
	return out, nil
}

// unitStat is the active organisations of a province or a commune, by
// legal form and by sector, in the order of coop.Forms and coop.Sectors.
type unitStat struct {
	Code, Name, Province string
	Active               int
	ByForm               []int
	BySector             []int
}

func newUnitStat(code, name, province string) *unitStat {
	return &unitStat{Code: code, Name: name, Province: province,
		ByForm: make([]int, len(coop.Forms())), BySector: make([]int, len(coop.Sectors()))}
}

func (u *unitStat) add(c store.RegisterCount) {
	u.Active += c.Active
	if i := slices.Index(coop.Forms(), c.Form); i >= 0 {
		u.ByForm[i] += c.Active
	}
	if i := slices.Index(coop.Sectors(), c.Sector); i >= 0 {
		u.BySector[i] += c.Active
	}
}

// registerStats sums the register's counts by province and by commune.
type registerStats struct {
	Provinces []*unitStat
	Communes  []*unitStat
	Total     *unitStat
}

// registerCounts reads the register's counts, kept under the register's
// version: only a register write makes the portal count the whole
// register again, not a plan's progress or a publication.
func (h *Handler) registerCounts(ctx context.Context, v store.PortalVersion) ([]store.RegisterCount, error) {
	if c, ok := h.counts.Get(v.Register); ok {
		return c, nil
	}
	c, err := h.store.PortalRegisterCountsIn(ctx, h.placeUnits(v.Units))
	if err != nil {
		return nil, err
	}
	h.counts.Put(v.Register, c, 1)
	return c, nil
}

// placeUnits returns the communes' places met so far
// (store.PortalPlaces), kept under the units' revision alone: a register
// write leaves them, so a page made afresh after one reads only the
// counts. Without a cache each answer starts with none.
func (h *Handler) placeUnits(version string) *store.PortalPlaces {
	if p, ok := h.units.Get(version); ok {
		return p
	}
	p := store.NewPortalPlaces()
	h.units.Put(version, p, 1)
	return p
}

func (h *Handler) registerStats(ctx context.Context, v store.PortalVersion) (registerStats, error) {
	counts, err := h.registerCounts(ctx, v)
	if err != nil {
		return registerStats{}, err
	}
	st := registerStats{Total: newUnitStat("", "", "")}
	prov, comm := map[string]*unitStat{}, map[string]*unitStat{}
	for _, c := range counts {
		p, ok := prov[c.ProvinceCode]
		if !ok {
			p = newUnitStat(c.ProvinceCode, c.ProvinceName, "")
			prov[c.ProvinceCode] = p
			st.Provinces = append(st.Provinces, p)
		}
		ck := c.ProvinceCode + "/" + c.CommuneCode
		m, ok := comm[ck]
		if !ok {
			m = newUnitStat(c.CommuneCode, c.CommuneName, c.ProvinceName)
			comm[ck] = m
			st.Communes = append(st.Communes, m)
		}
		p.add(c)
		m.add(c)
		st.Total.add(c)
	}
	byCode := func(a, b *unitStat) int {
		if c := emptyLast(a.Province, b.Province); c != 0 {
			return c
		}
		return emptyLast(a.Code, b.Code)
	}
	slices.SortFunc(st.Provinces, byCode)
	slices.SortFunc(st.Communes, byCode)
	return st, nil
}

// provinceStats is what the home page shows of the register: the
// provinces' totals by form and the grand total, without the communes.
// They are kept at that grain in the database
// (store.PortalProvinceCounts, migration 00032), so a cold home reads a
// few hundred rows, not every commune's cells; the statistics page and the downloads,
// which show the communes, still read those. Both place organisations by
// the rule of store.PortalPlaces: in a province only through a post-reform
// commune, as the indicators count them; the rest are the row with an
// empty code, named portal.unit_unplaced.
func (h *Handler) provinceStats(ctx context.Context, v store.PortalVersion) (registerStats, error) {
	counts, ok := h.provinces.Get(v.Register)
	if !ok {
		var err error
		if counts, err = h.store.PortalProvinceCounts(ctx); err != nil {
			return registerStats{}, err
		}
		h.provinces.Put(v.Register, counts, 1)
	}
	st := registerStats{Total: newUnitStat("", "", "")}
	prov := map[string]*unitStat{}
	for _, c := range counts {
		p, ok := prov[c.ProvinceCode]
		if !ok {
			p = newUnitStat(c.ProvinceCode, c.ProvinceName, "")
			prov[c.ProvinceCode] = p
			st.Provinces = append(st.Provinces, p)
		}
		cell := store.RegisterCount{Form: c.Form, Active: c.Active}
		p.add(cell)
		st.Total.add(cell)
	}
	slices.SortFunc(st.Provinces, func(a, b *unitStat) int { return emptyLast(a.Code, b.Code) })
	return st, nil
}

// emptyLast orders codes and names, the empty one (organisations placed
// in no province) after all others.
func emptyLast(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	return strings.Compare(a, b)
}
