// Package audit describes the append-only record of every change: who made
// it, when, to which record, and the values before and after.
package audit

import (
	"encoding/json"
	"time"
)

// Entry is one change.
type Entry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	UserID   *int64          `json:"user_id"`
	UserName string          `json:"user_name"`
	Action   string          `json:"action"` // "create", "update", "delete", "login"…
	Entity   string          `json:"entity"` // "agency", "task", "progress", "user"…
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	// BatchID is, on a row of a bulk change (a task of an imported plan),
	// the ID of the entry that sums the change up; 0 elsewhere.
	BatchID int64 `json:"-"`
	// BatchSize is, on the entry that sums up a bulk change, how many rows
	// it opens into; 0 elsewhere.
	BatchSize int `json:"-"`
}

// Filter selects entries. The rows of a bulk change are folded into the
// entry that sums it up unless the filter asks for a kind of record, a
// record or a batch, which name the rows themselves.
type Filter struct {
	Entity   string
	EntityID int64
	User     string    // the actor's name as logged (an email, or SystemActor)
	Since    time.Time // entries at or after this instant; zero: no bound
	Before   time.Time // entries strictly before this instant; zero: no bound
	Batch    int64     // the rows of one bulk change, oldest first
	Page     int
	PerPage  int
}

// Folded reports whether the rows of bulk changes stay behind the entry
// that sums them up.
func (f Filter) Folded() bool { return f.Entity == "" && f.EntityID == 0 && f.Batch == 0 }

// SystemActor names changes made outside a logged-in request: the CLI, the
// demo loader, migrations.
const SystemActor = "system"

// Entities returns the kinds of record the log names, for the page's
// filter.
func Entities() []string {
	return []string{"agency", "api_token", "consolidated", "designation", "indicator_value", "mail_settings", "organisation", "organisation_distinct",
		"organisation_figures", "organisation_merge", "organisation_people", "organisation_status", "plan", "progress", "proposal",
		"register", "report", "schedule", "target_link", "task", "unit", "user"}
}
