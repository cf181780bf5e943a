package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/store"
)

// Entries audited inside a group are rows of one summing entry, written
// past the batch size; a group that changes nothing leaves no entry.
func TestAuditGroup(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	const n = 205 // past one batch INSERT
	upsertAll := func() int64 {
		var head int64
		update(t, db, func(tx *store.Tx) error {
			tx.BeginAuditGroup("import", "register", map[string]string{"file": "so-dang-ky.csv"})
			o := newOrg("", "")
			for i := range n {
				o := o
				o.Code = fmt.Sprintf("08%08d", i)
				o.Name = fmt.Sprintf("Hợp tác xã số %d", i)
				if _, err := tx.UpsertOrganisation(ctx, &o); err != nil {
					return err
				}
			}
			var err error
			head, err = tx.EndAuditGroup(ctx)
			return err
		})
		return head
	}
	head := upsertAll()
	if head == 0 {
		t.Fatal("no summing entry")
	}
	rows, total, err := db.ListAudit(ctx, audit.Filter{Batch: head, PerPage: 500})
	if err != nil {
		t.Fatal(err)
	}
	if total != n || len(rows) != n {
		t.Fatalf("%d rows in the batch (%d listed), want %d", total, len(rows), n)
	}
	if rows[0].Entity != "organisation" || rows[0].Action != "create" {
		t.Errorf("first row %s %s", rows[0].Action, rows[0].Entity)
	}
	_, before, err := db.ListAudit(ctx, audit.Filter{PerPage: 1})
	if err != nil {
		t.Fatal(err)
	}
	if again := upsertAll(); again != 0 {
		t.Errorf("a group that changed nothing wrote entry %d", again)
	}
	if _, after, _ := db.ListAudit(ctx, audit.Filter{PerPage: 1}); after != before {
		t.Errorf("audit entries %d → %d after a group that changed nothing", before, after)
	}
}
