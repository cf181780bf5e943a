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
}

// Filter selects entries.
type Filter struct {
	Entity   string
	EntityID int64
	Page     int
	PerPage  int
}

// SystemActor names changes made outside a logged-in request: the CLI, the
// demo loader, migrations.
const SystemActor = "system"
