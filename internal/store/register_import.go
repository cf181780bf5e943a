package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
)

// RegisterRow is one row of a register file: an organisation under its
// registration code and its figures of one year.
type RegisterRow struct {
	Org     *coop.Organisation
	Figures *coop.YearFigures
	// Keep, when set, copies onto f the stored figures of its year that
	// the file left empty: an empty cell means "not given", not zero.
	Keep func(stored, f *coop.YearFigures)
	// Status, when set, is a status the file states for the organisation
	// on Status.On (its kind and day; the rest is filled in).
	Status *coop.Status
	text   *orgText // derived ahead by Prepare
}

// RegisterCounts is what storing register rows did, row by row as
// UpsertOrganisation and PutFigures would count it.
type RegisterCounts struct {
	Created, Updated, Unchanged int // organisations
	Figures                     int // years of figures added or changed
	Statuses                    int // entries added to status histories
	Warnings                    int // the law's minimum sizes figures fall short of
}

// registerBatch is how many codes or IDs one lookup carries.
const registerBatch = 500

// RegisterImporter stores the rows of a register import in bulk inside
// one transaction: existing organisations and figures are read a chunk
// at a time with a few queries, new and changed ones written through
// prepared statements reused for the whole import, and
// the audit rows go through the transaction's audit group. The result is
// what UpsertOrganisation and PutFigures (coordinator, StepSave) would
// have written row after row.
type RegisterImporter struct {
	t              *Tx
	insOrg, insFig *sql.Stmt
	insStatus      *sql.Stmt
	setStatus      *sql.Stmt // an organisation's current status: prepared, as its triggers take long to compile
	updOrg, updFig *sql.Stmt
	orgUpd, figUpd *multiUpdate   // PostgreSQL: updates many to a statement
	created        map[int64]bool // organisations this import created: no stored figures
	// audits are the current chunk's changes, an organisation at a time,
	// logged at the chunk's end (writeAudits).
	audits     map[*orgState]*orgAudit
	auditOrder []*orgAudit
	// rebuildLater: the search index and the portal's counts are made
	// again before the commit (DeferIndexes), not kept up a chunk at a
	// time.
	rebuildLater bool
	// counted, added and analyses follow the tables' growth against
	// their statistics (analyzeGrown; counted -1 until first read).
	counted, added int64
	analyses       int
	// uncounted (PostgreSQL) are the organisations inserted since their
	// portal counts were last added (countInserted).
	uncounted []int64
}

// RegisterImporter prepares a bulk register import; Close it before the
// transaction ends.
func (t *Tx) RegisterImporter(ctx context.Context) (*RegisterImporter, error) {
	r := &RegisterImporter{t: t, created: map[int64]bool{}, audits: map[*orgState]*orgAudit{}, counted: -1}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = t.tx.PrepareContext(ctx, t.d.rebind(q))
		return s
	}
	r.insOrg = prep(`INSERT INTO organisations (` + orgWrite + `, status, created_at, updated_at) VALUES (` +
		placeholders(24) + `)`) // no RETURNING: SQLite runs it as a trigger, with a statement journal
	r.insFig = prep(`INSERT INTO organisation_figures (` + figWrite + `, organisation_id, year) VALUES (` + placeholders(23) + `)`)
	r.insStatus = prep(`INSERT INTO organisation_statuses (organisation_id, status, on_date, until_date, merged_into,
		document, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	r.setStatus = prep(`UPDATE organisations SET status = ?, updated_at = ? WHERE id = ?`)
	r.updOrg = prep(`UPDATE organisations SET (` + orgWrite + `, updated_at) = (` + placeholders(21) + `, ?) WHERE id = ?`)
	r.updFig = prep(`UPDATE organisation_figures SET (` + figWrite + `) = (` + placeholders(21) + `)
		WHERE organisation_id = ? AND year = ?`)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("store: register import: %w", err)
	}
	if !r.bulk() {
		t.pending = append(t.pending, r.countInserted)
	}
	if r.multiRow() {
		if r.orgUpd, err = r.newMultiUpdate(ctx, "organisations", append(columnList(orgWrite), "updated_at"), []string{"id"}); err == nil {
			r.figUpd, err = r.newMultiUpdate(ctx, "organisation_figures", columnList(figWrite), []string{"organisation_id", "year"})
		}
		if err != nil {
			r.Close()
			return nil, err
		}
	}
	return r, nil
}

// Close releases the prepared statements.
func (r *RegisterImporter) Close() {
	for _, s := range []*sql.Stmt{r.insOrg, r.insFig, r.insStatus, r.setStatus, r.updOrg, r.updFig} {
		if s != nil {
			_ = s.Close() // nothing to flush
		}
	}
}

const figWrite = `members_individual, members_household, members_legal, member_coops, employees, member_employees,
	charter_capital, total_assets, revenue, profit, avg_income, rating, exemplary, value_chain, high_tech,
	ocop_products, filing, filing_comment, submitted_at, reviewed_at, updated_at`

// orgState is an organisation as the rows so far left it.
type orgState struct {
	cur    coop.Organisation
	text   *orgText // derived from a row's text, perhaps cur's
	stored bool     // in the database before this chunk
	dirty  bool     // stored, and changed by this chunk
}

// orgEvent is an audit entry of an organisation, written once its ID is
// known.
type orgEvent struct {
	st            *orgState
	before, after *coop.Organisation // before nil: created
}

// Add stores rows, in order: each organisation is created or updated as
// the row says (what a register file has no column for, the website and
// the conversion and charter days, stays as stored), then the row's
// figures are added or updated. Rows come normalised
// (Organisation.Normalize) and are validated as UpsertOrganisation and
// PutFigures validate them.
func (r *RegisterImporter) Add(ctx context.Context, rows []RegisterRow) (RegisterCounts, error) {
	var c RegisterCounts
	t := r.t
	states, err := r.existing(ctx, rows)
	if err != nil {
		return c, err
	}
	var events []orgEvent
	var created []*orgState
	for _, row := range rows {
		o := row.Org // normalised by the caller (Organisation.Normalize): it costs, and building the row did it
		if o.Code == "" {
			return c, fmt.Errorf("store: register import: a row without a code")
		}
		if err := o.Validate(); err != nil {
			return c, err
		}
		st := states[o.Code]
		if st == nil {
			o.ID, o.Status, o.UpdatedAt = 0, coop.StatusActive, t.now
			st = &orgState{cur: *o, text: row.text}
			states[o.Code] = st
			created = append(created, st)
			events = append(events, orgEvent{st: st, after: o})
			c.Created++
			continue
		}
		o.ID, o.Status, o.UpdatedAt = st.cur.ID, st.cur.Status, st.cur.UpdatedAt
		o.Website, o.ConvertedOn, o.CharterOn = st.cur.Website, st.cur.ConvertedOn, st.cur.CharterOn
		if sameOrganisation(&st.cur, o) {
			c.Unchanged++
			continue
		}
		c.Updated++
		before := st.cur
		o.UpdatedAt = t.now
		events = append(events, orgEvent{st: st, before: &before, after: o})
		st.cur, st.dirty, st.text = *o, st.stored, row.text
	}
	createdStatuses(rows, states, created)
	for _, e := range events {
		if !e.st.stored { // created by this chunk: audited with the status it is inserted with
			e.after.Status = e.st.cur.Status
			if e.before != nil {
				e.before.Status = e.st.cur.Status
			}
		}
	}
	if err := r.guarded(ctx, func() error { return r.insertOrgs(ctx, created) }); err != nil {
		return c, err
	}
	if err := r.afterInsertOrgs(ctx, createdIDs(created)); err != nil {
		return c, err
	}
	if err := r.updateOrgs(ctx, states); err != nil {
		return c, err
	}
	for _, e := range events {
		e.after.ID = e.st.cur.ID
		if e.before != nil {
			e.before.ID = e.after.ID
		}
		r.auditOrg(e.st, e.before, e.after)
	}
	for _, row := range rows {
		row.Figures.OrganisationID = states[row.Org.Code].cur.ID
		row.Org.ID = row.Figures.OrganisationID
	}
	if err := r.putStatuses(ctx, rows, states, &c); err != nil {
		return c, err
	}
	if err := r.putFigures(ctx, rows, states, &c); err != nil {
		return c, err
	}
	if err := r.writeAudits(ctx); err != nil {
		return c, err
	}
	return c, r.analyzeGrown(ctx, len(rows))
}

// existing reads the stored organisations the rows name, a batch of codes
// a query.
func (r *RegisterImporter) existing(ctx context.Context, rows []RegisterRow) (map[string]*orgState, error) {
	states := map[string]*orgState{}
	var codes []any
	seen := map[string]bool{}
	for _, row := range rows {
		if c, ok := coop.NormalizeCode(row.Org.Code); ok && !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	for start := 0; start < len(codes); start += registerBatch {
		chunk := codes[start:min(start+registerBatch, len(codes))]
		rs, err := r.t.query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.code IN (`+placeholders(len(chunk))+`)`, chunk...)
		list, err := scanAll(rs, err, scanOrganisation)
		if err != nil {
			return nil, fmt.Errorf("store: register import: %w", err)
		}
		for i := range list {
			states[list[i].Code] = &orgState{cur: list[i], stored: true}
		}
	}
	return states, nil
}

// insertOrgs inserts the new organisations and learns their IDs, a row
// a statement: a multi-row INSERT would make SQLite keep a statement
// journal of every page it touches, which costs more than the statements
// it saves. The ID is SQLite's last rowid, the table's INTEGER PRIMARY
// KEY (PostgreSQL takes insertOrgsMulti).
func (r *RegisterImporter) insertOrgs(ctx context.Context, created []*orgState) error {
	if r.multiRow() {
		return r.insertOrgsMulti(ctx, created)
	}
	now := fmtTime(r.t.now)
	for _, st := range created {
		res, err := r.insOrg.ExecContext(ctx, append(orgValuesWith(&st.cur, st.text), st.cur.Status, now, now)...)
		if err == nil {
			st.cur.ID, err = res.LastInsertId()
		}
		if err != nil {
			return fmt.Errorf("store: register import: insert organisation: %w", err)
		}
		st.stored = true
		r.created[st.cur.ID] = true
	}
	return nil
}

// updateOrgs writes the organisations the chunk changed.
func (r *RegisterImporter) updateOrgs(ctx context.Context, states map[string]*orgState) error {
	now := fmtTime(r.t.now)
	var batch [][]any
	for _, st := range states {
		if st.dirty {
			st.dirty = false
			batch = append(batch, append(orgValuesWith(&st.cur, st.text), now, st.cur.ID))
		}
	}
	if len(batch) == 0 {
		return nil
	}
	if err := r.t.settle(ctx); err != nil {
		return err
	}
	if r.orgUpd != nil {
		return r.orgUpd.runIf(ctx, r.t, batch)
	}
	for _, args := range batch {
		if _, err := r.updOrg.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store: register import: update organisation: %w", err)
		}
	}
	return nil
}

// createdIDs are the IDs the insertion gave the new organisations.
func createdIDs(created []*orgState) []int64 {
	ids := make([]int64, len(created))
	for i, st := range created {
		ids[i] = st.cur.ID
	}
	return ids
}

// sameOrganisation reports whether a and b read the same, their update
// stamp aside: what the audit log would show as no change.
func sameOrganisation(a, b *coop.Organisation) bool {
	x, y := *a, *b
	dates := [][2]**time.Time{{&x.CommuneValidFrom, &y.CommuneValidFrom}, {&x.NewCommuneValidFrom, &y.NewCommuneValidFrom},
		{&x.FoundedOn, &y.FoundedOn}, {&x.RegisteredOn, &y.RegisteredOn}, {&x.ConvertedOn, &y.ConvertedOn},
		{&x.CharterOn, &y.CharterOn}}
	for _, d := range dates {
		p, q := *d[0], *d[1]
		if (p == nil) != (q == nil) || (p != nil && !p.Equal(*q)) {
			return false
		}
		*d[0], *d[1] = nil, nil
	}
	x.UpdatedAt = y.UpdatedAt
	return x == y
}

// BulkUpdate is Update for a bulk write, a register import of hundreds
// of thousands of rows: on SQLite the writer's connection gets a larger
// page cache and keeps its statement journals in memory for the
// transaction (set before it begins, which is when SQLite reads them),
// then gets its usual settings back.
func (db *DB) BulkUpdate(ctx context.Context, fn func(*Tx) error) error {
	on := db.d.bulkPragmas(true)
	if len(on) == 0 {
		return db.Update(ctx, fn)
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: bulk: %w", err)
	}
	defer conn.Close()
	defer func() {
		for _, q := range db.d.bulkPragmas(false) {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), q) // only memory: a failure leaves a larger cache
		}
	}()
	for _, q := range on {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: bulk: %w", err)
		}
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	now := db.Now().UTC()
	tx := &Tx{tx: sqlTx, d: db.d, now: now, began: now}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback() // fn's error is the one to report
		return err
	}
	// The writes are done: the indexes an import deferred are built in
	// the connection's usual cache, whose size also bounds the memory of
	// the sort behind each (with the bulk cache, 100 MB more at 200,000
	// organisations).
	if _, err := conn.ExecContext(ctx, bulkCache(false)); err != nil {
		_ = sqlTx.Rollback() // the pragma's error is the one to report
		return fmt.Errorf("store: bulk: %w", err)
	}
	if err := tx.finish(ctx); err != nil {
		_ = sqlTx.Rollback() // the rebuild's error is the one to report
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}
