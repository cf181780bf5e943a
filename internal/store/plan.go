package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/vntext"
)

const planColumns = `p.id, p.number, p.doc_type, p.title, p.issuer, p.issued_on, p.signer, p.summary, p.created_at,
	p.place, p.field, p.signer_title, p.coordinator, (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id)`

func scanPlan(row interface{ Scan(...any) error }) (plan.Plan, error) {
	var p plan.Plan
	var issued sql.NullString
	var created string
	err := row.Scan(&p.ID, &p.Number, &p.Type, &p.Title, &p.Issuer, &issued, &p.Signer, &p.Summary, &created,
		&p.Place, &p.Field, &p.SignerTitle, &p.Coordinator, &p.TaskCount)
	p.IssuedOn, p.CreatedAt = parseDate(issued), parseTime(created)
	return p, err
}

// Plans lists plans, newest issued first.
func (db *DB) Plans(ctx context.Context, page, perPage int) ([]plan.Plan, int, error) {
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM plans`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count plans: %w", err)
	}
	limit, offset := limits(page, perPage)
	rows, err := db.query(ctx, `SELECT `+planColumns+` FROM plans p
		ORDER BY p.issued_on DESC NULLS LAST, p.id DESC LIMIT ? OFFSET ?`, limit, offset)
	plans, err := scanAll(rows, err, scanPlan)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list plans: %w", err)
	}
	return plans, total, nil
}

// planCacheEntries bounds the plans kept with their groups and parts.
const planCacheEntries = 1_000

// Plan returns a plan with its groups, without tasks. A plan is written
// once, by its import, so it is kept under its shape (see listVersions),
// which no progress entry changes.
func (db *DB) Plan(ctx context.Context, id int64) (plan.Plan, error) {
	vs, err := db.versions(ctx, id)
	if err != nil {
		return plan.Plan{}, err
	}
	if p, ok := db.plans.Get(vs.shape); ok && vs.ok {
		return clonePlan(p), nil
	}
	p, err := db.planUncached(ctx, id)
	if err == nil && vs.ok {
		db.plans.Put(vs.shape, clonePlan(p), 1)
	}
	return p, err
}

// clonePlan copies the groups a caller may fill with tasks; the rest is
// shared and read-only.
func clonePlan(p plan.Plan) plan.Plan {
	p.Groups = slices.Clone(p.Groups)
	return p
}

func (db *DB) planUncached(ctx context.Context, id int64) (plan.Plan, error) {
	p, err := scanPlan(db.queryRow(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.id = ?`, id))
	if err != nil {
		return p, notFound(err, "error.plan_not_found")
	}
	rows, err := db.query(ctx, `SELECT id, plan_id, code, ordinal, title FROM task_groups
		WHERE plan_id = ? ORDER BY ordinal`, id)
	if err != nil {
		return p, fmt.Errorf("store: groups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g plan.Group
		if err := rows.Scan(&g.ID, &g.PlanID, &g.Code, &g.Ordinal, &g.Title); err != nil {
			return p, fmt.Errorf("store: scan group: %w", err)
		}
		p.Groups = append(p.Groups, g)
	}
	if err := rows.Err(); err != nil {
		return p, err
	}
	return p, db.readPlanParts(ctx, &p)
}

// PlanWithTasks returns a plan with every group's tasks, as of today.
func (db *DB) PlanWithTasks(ctx context.Context, id int64, today time.Time) (plan.Plan, error) {
	p, err := db.Plan(ctx, id)
	if err != nil {
		return p, err
	}
	tasks, _, err := db.Tasks(ctx, plan.TaskFilter{PlanID: id, Today: today, PerPage: -1})
	if err != nil {
		return p, err
	}
	byGroup := map[int64][]plan.Task{}
	for _, t := range tasks {
		byGroup[t.GroupID] = append(byGroup[t.GroupID], t)
	}
	for i := range p.Groups {
		p.Groups[i].Tasks = byGroup[p.Groups[i].ID]
		if p.Groups[i].Tasks == nil {
			p.Groups[i].Tasks = []plan.Task{}
		}
	}
	return p, nil
}

// CreatePlan stores a plan with its groups and tasks. Tasks name their
// agencies by ID in Lead and Support.
func (t *Tx) CreatePlan(ctx context.Context, p *plan.Plan) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	id, err := t.insert(ctx, `INSERT INTO plans (number, doc_type, title, issuer, issued_on, signer, summary,
		place, field, signer_title, coordinator, search_fold, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.Number, p.Type, p.Title, p.Issuer, fmtDate(p.IssuedOn), p.Signer, p.Summary,
		p.Place, p.Field, p.SignerTitle, p.Coordinator, vntext.Fold(p.Number+" "+p.Title), fmtTime(t.now), fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: create plan: %w", err)
	}
	p.ID, p.CreatedAt = id, t.now
	if err := t.linkCoordinator(ctx, p.ID, p.Coordinator); err != nil {
		return err
	}
	if err := t.writePlanParts(ctx, p); err != nil {
		return err
	}
	for gi := range p.Groups {
		g := &p.Groups[gi]
		g.PlanID, g.Ordinal = p.ID, gi+1
		g.Code, g.Title = vntext.Clean(g.Code), vntext.Clean(g.Title)
		g.ID, err = t.insert(ctx, `INSERT INTO task_groups (plan_id, code, ordinal, title) VALUES (?, ?, ?, ?)`,
			g.PlanID, g.Code, g.Ordinal, g.Title)
		if err != nil {
			return fmt.Errorf("store: create group %s: %w", g.Code, err)
		}
		for ti := range g.Tasks {
			task := &g.Tasks[ti]
			task.PlanID, task.GroupID, task.GroupCode = p.ID, g.ID, g.Code
			if task.Ordinal == 0 {
				task.Ordinal = ti + 1 // keep the table's order when the caller gave none
			}
			if err := t.createTask(ctx, task); err != nil {
				return err
			}
		}
	}
	p.TaskCount = 0
	for _, g := range p.Groups {
		p.TaskCount += len(g.Tasks)
	}
	// One entry sums the plan up; each task is a row of it, so the log
	// shows the import once and still names every task it created.
	head, err := t.auditEntry(ctx, "create", "plan", p.ID, nil, summarisePlan(p))
	if err != nil {
		return err
	}
	names, err := t.refNames(ctx, p)
	if err != nil {
		return err
	}
	rows := make([]auditRow, 0, p.TaskCount)
	for _, g := range p.Groups {
		for i := range g.Tasks {
			rows = append(rows, auditRow{action: "create", entity: "task", id: g.Tasks[i].ID,
				after: summariseTask(&g.Tasks[i], names)})
		}
	}
	return t.auditBatch(ctx, head, rows)
}

// taskSummary is what the audit log keeps of a new task: what a reader of
// the issued plan sees in its row, agencies by name, in the table's order.
type taskSummary struct {
	Code      string   `json:"code"`
	Group     string   `json:"group"`
	Content   string   `json:"content"`
	Lead      []string `json:"lead"`
	Support   []string `json:"support"`
	Timeframe string   `json:"timeframe"`
	Due       any      `json:"due"`
	Extra     []string `json:"extra"`
}

func summariseTask(task *plan.Task, stored map[int64]string) taskSummary {
	names := func(refs []plan.AgencyRef) []string {
		out := make([]string, 0, len(refs))
		for _, r := range refs {
			switch {
			case r.Name != "":
				out = append(out, r.Name)
			case stored[r.ID] != "":
				out = append(out, stored[r.ID])
			default:
				out = append(out, fmt.Sprintf("#%d", r.ID))
			}
		}
		return out
	}
	extra := make([]string, 0, len(task.Extra))
	for _, k := range slices.Sorted(maps.Keys(task.Extra)) {
		extra = append(extra, k+": "+task.Extra[k])
	}
	return taskSummary{Code: task.Code, Group: task.GroupCode, Content: task.Content, Lead: names(task.Lead),
		Support: names(task.Support), Timeframe: task.Timeframe.Text, Due: fmtDate(task.Timeframe.Due), Extra: extra}
}

// planSummary is what the audit log keeps of a new plan: its metadata and
// size, not every task's text again (each task is a row of its own), in
// the order a reader of the issued plan meets them.
type planSummary struct {
	Number     string `json:"number"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Issuer     string `json:"issuer"`
	IssuedOn   any    `json:"issued_on"`
	Groups     int    `json:"groups"`
	Tasks      int    `json:"tasks"`
	Targets    int    `json:"targets"`
	Implements int    `json:"implements"`
	Reporting  int    `json:"reporting"`
}

func summarisePlan(p *plan.Plan) planSummary {
	return planSummary{Number: p.Number, Type: p.Type, Title: p.Title, Issuer: p.Issuer, IssuedOn: fmtDate(p.IssuedOn),
		Groups: len(p.Groups), Tasks: p.TaskCount, Targets: len(p.Targets), Implements: len(p.Implements),
		Reporting: len(p.Reporting)}
}

// refNames reads the stored names of the agencies a plan's tasks name by
// ID alone, so the log shows every agency by name.
func (t *Tx) refNames(ctx context.Context, p *plan.Plan) (map[int64]string, error) {
	var ids []int64
	for _, g := range p.Groups {
		for _, task := range g.Tasks {
			for _, r := range slices.Concat(task.Lead, task.Support) {
				if r.Name == "" && !slices.Contains(ids, r.ID) {
					ids = append(ids, r.ID)
				}
			}
		}
	}
	names := map[int64]string{}
	for start := 0; start < len(ids); start += importBatch {
		chunk := ids[start:min(start+importBatch, len(ids))]
		rows, err := t.query(ctx, `SELECT id, name FROM agencies WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		type named struct {
			id   int64
			name string
		}
		list, err := scanAll(rows, err, func(r rowScanner) (named, error) {
			var n named
			return n, r.Scan(&n.id, &n.name)
		})
		if err != nil {
			return nil, fmt.Errorf("store: agency names: %w", err)
		}
		for _, n := range list {
			names[n.id] = n.name
		}
	}
	return names, nil
}
