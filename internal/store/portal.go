package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
)

// The public portal (/cong-khai) reads only what a coordinator has
// published: these queries are the portal's whole view of plans, so a
// plan that is not published cannot reach it by another path.

// Publication says whether and since when a plan is public.
type Publication struct {
	At *time.Time // nil: not published
	By string     // the publisher's name, for the plan's page
}

// PlanPublication reads a plan's publication.
func (db *DB) PlanPublication(ctx context.Context, planID int64) (Publication, error) {
	var at, by sql.NullString
	err := db.queryRow(ctx, `SELECT p.published_at, u.name FROM plans p LEFT JOIN users u ON u.id = p.published_by
		WHERE p.id = ?`, planID).Scan(&at, &by)
	if err != nil {
		return Publication{}, notFound(err, "error.plan_not_found")
	}
	pub := Publication{By: by.String}
	if at.Valid {
		t := parseTime(at.String)
		pub.At = &t
	}
	return pub, nil
}

// SetPlanPublished publishes (on) or unpublishes a plan, with the acting
// user and the time, and writes the change to the audit log. It moves the
// plan's revision (the plan page shows the publication) and the portal's
// publication revision in the same transaction, so every cached page that
// showed the plan, inside and on the portal, is read again. The plan's
// shape does not change: no shape-keyed cache holds the publication.
// Publishing a published plan is a no-op.
func (t *Tx) SetPlanPublished(ctx context.Context, planID int64, on bool) error {
	var at sql.NullString
	if err := t.queryRow(ctx, `SELECT published_at FROM plans WHERE id = ?`, planID).Scan(&at); err != nil {
		return notFound(err, "error.plan_not_found")
	}
	if at.Valid == on {
		return nil
	}
	userID, _ := actor(ctx)
	var newAt, newBy any
	action := "unpublish"
	if on {
		newAt, newBy, action = fmtTime(t.now), userID, "publish"
	}
	if _, err := t.exec(ctx, `UPDATE plans SET published_at = ?, published_by = ?, rev = rev + 1
		WHERE id = ?`, newAt, newBy, planID); err != nil {
		return fmt.Errorf("store: publish plan: %w", err)
	}
	if _, err := t.exec(ctx, `UPDATE portal_revs SET rev = rev + 1 WHERE name = 'publication'`); err != nil {
		return fmt.Errorf("store: publish plan: %w", err)
	}
	type state struct {
		Published bool `json:"published"`
	}
	return t.audit(ctx, action, "plan", planID, state{!on}, state{on})
}

// PortalVersion names the version of what the portal shows, in two
// parts. Plans covers the published plans' revisions (progress moves rev,
// edits shape_rev), the agencies' (their names are shown) and the
// publication revision; Register the register's revision, moved by
// triggers on organisations and units (migration 00023), so that counts
// over the whole register are recomputed only when it changes. Revisions
// only grow, so each part changes with every committed change to what it
// covers. It is read before the data, as the task lists' versions are:
// one query of a few indexed lookups, cheap enough for every request of a
// crowd. Units is the unit lists' revision alone (migration 00031), which
// a register write does not move: the portal keeps the communes' places
// (PortalPlaces) under it.
type PortalVersion struct {
	Plans, Register, Units string
}

// portalVersionQuery reads the parts of PortalVersion in one statement.
const portalVersionQuery = `SELECT
		(SELECT COUNT(*) FROM plans WHERE published_at IS NOT NULL),
		(SELECT COALESCE(SUM(rev), 0) FROM plans WHERE published_at IS NOT NULL),
		(SELECT COALESCE(SUM(shape_rev), 0) FROM plans WHERE published_at IS NOT NULL),
		(SELECT COUNT(*) FROM agencies), (SELECT COALESCE(SUM(rev), 0) FROM agencies),
		(SELECT rev FROM portal_revs WHERE name = 'publication'),
		(SELECT rev FROM portal_revs WHERE name = 'register'),
		(SELECT rev FROM portal_revs WHERE name = 'units')`

// PortalVersion reads the portal's version.
func (db *DB) PortalVersion(ctx context.Context) (PortalVersion, error) {
	return scanPortalVersion(db.queryRow(ctx, portalVersionQuery))
}

func scanPortalVersion(row *sql.Row) (PortalVersion, error) {
	var n, sum, shapes, agencies, agencyRevs, pub, reg, units int64
	if err := row.Scan(&n, &sum, &shapes, &agencies, &agencyRevs, &pub, &reg, &units); err != nil {
		return PortalVersion{}, fmt.Errorf("store: portal version: %w", err)
	}
	return PortalVersion{Plans: fmt.Sprintf("pub%d.%d.%d.%d/a%d.%d", pub, n, sum, shapes, agencies, agencyRevs),
		Register: fmt.Sprintf("r%d", reg), Units: fmt.Sprintf("u%d", units)}, nil
}

// PortalVersions reads PortalVersion through a statement prepared once:
// the portal asks it on every request, and on SQLite parsing its eight
// subqueries cost more than running them (most of a cached answer).
type PortalVersions struct {
	stmt *sql.Stmt
}

// PreparePortalVersions prepares PortalVersion's statement. It lives as
// long as db; database/sql prepares it again on each connection it meets.
func (db *DB) PreparePortalVersions(ctx context.Context) (*PortalVersions, error) {
	stmt, err := db.sql.PrepareContext(ctx, db.d.rebind(portalVersionQuery))
	if err != nil {
		return nil, fmt.Errorf("store: portal version: %w", err)
	}
	return &PortalVersions{stmt: stmt}, nil
}

// Read reads the portal's version, as PortalVersion does.
func (v *PortalVersions) Read(ctx context.Context) (PortalVersion, error) {
	return scanPortalVersion(v.stmt.QueryRowContext(ctx))
}

// bumpPortal moves one of the portal's revisions in the writer's
// transaction, for the writes that change what the portal shows and that
// no trigger sees: a target's link (its status on a published plan) and a
// figure entered by hand (the status of the targets that read it) move
// 'publication', so the plans' answers are made afresh while the
// register's counts, kept under 'register', stay.
func (t *Tx) bumpPortal(ctx context.Context, name string) error {
	if _, err := t.exec(ctx, `UPDATE portal_revs SET rev = rev + 1 WHERE name = ?`, name); err != nil {
		return fmt.Errorf("store: portal revision: %w", err)
	}
	return nil
}

// PublicPlan is a published plan as the portal lists it.
type PublicPlan struct {
	plan.Plan
	PublishedAt time.Time
}

// PublishedPlans lists the published plans, newest issued first.
func (db *DB) PublishedPlans(ctx context.Context) ([]PublicPlan, error) {
	rows, err := db.query(ctx, `SELECT `+planColumns+`, p.published_at FROM plans p WHERE p.published_at IS NOT NULL
		ORDER BY p.issued_on DESC NULLS LAST, p.id DESC`)
	return scanAll(rows, err, func(r rowScanner) (PublicPlan, error) {
		var pp PublicPlan
		var issued sql.NullString
		var created, published string
		err := r.Scan(&pp.ID, &pp.Number, &pp.Type, &pp.Title, &pp.Issuer, &issued, &pp.Signer, &pp.Summary, &created,
			&pp.Place, &pp.Field, &pp.SignerTitle, &pp.Coordinator, &pp.TaskCount, &published)
		pp.IssuedOn, pp.CreatedAt, pp.PublishedAt = parseDate(issued), parseTime(created), parseTime(published)
		return pp, err
	})
}

// PublishedPlan returns a published plan with its groups and parts
// (targets); a plan that does not exist or is not published is NotFound
// alike, so the portal does not tell them apart.
func (db *DB) PublishedPlan(ctx context.Context, id int64) (plan.Plan, time.Time, error) {
	var published sql.NullString
	err := db.queryRow(ctx, `SELECT published_at FROM plans WHERE id = ?`, id).Scan(&published)
	if err == nil && !published.Valid {
		err = sql.ErrNoRows
	}
	if err != nil {
		return plan.Plan{}, time.Time{}, notFound(err, "error.plan_not_found")
	}
	p, err := db.Plan(ctx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return p, time.Time{}, err
	}
	return p, parseTime(published.String), err
}
