package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

// Every agency in the list carries its aliases as an array, empty when it
// has none, never null: clients iterate it without a check.
func TestAgenciesAliasesNeverNull(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	bare := org.Agency{Name: "Ban Quản lý dự án không có tên gọi khác", Kind: "other"}
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.CreateAgency(ctx, &bare) }); err != nil {
		t.Fatal(err)
	}
	r := e.get("/api/v1/agencies?per_page=100", e.token(viewerEmail)).must(t, http.StatusOK)
	if strings.Contains(string(r.Body), `"aliases":null`) {
		t.Errorf("an agency's aliases are null: %.500s", r.Body)
	}
	var list page[org.Agency]
	r.decode(t, &list)
	if !slices.ContainsFunc(list.Items, func(a org.Agency) bool { return a.ID == bare.ID && a.Aliases != nil }) {
		t.Errorf("the agency without aliases is not listed with an empty array: %.500s", r.Body)
	}
}

// The audit log is the administrator's: others get 403; a filter by
// entity and id returns only that entity's entries.
func TestAuditList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, email := range []string{coordinatorEmail, financeEmail, viewerEmail} {
		e.get("/api/v1/audit", e.token(email)).apiErr(t, http.StatusForbidden, "forbidden")
	}
	admin := e.token(adminEmail)
	var all page[audit.Entry]
	e.get("/api/v1/audit?per_page=100", admin).must(t, http.StatusOK).decode(t, &all)
	if len(all.Items) == 0 {
		t.Fatal("the demo left no audit entry")
	}
	first := all.Items[0]
	var one page[audit.Entry]
	e.get(fmt.Sprintf("/api/v1/audit?entity=%s&entity_id=%d&per_page=100", first.Entity, first.EntityID), admin).
		must(t, http.StatusOK).decode(t, &one)
	if len(one.Items) == 0 || one.Total > all.Total {
		t.Fatalf("filtered: %d of %d entries", len(one.Items), one.Total)
	}
	for _, x := range one.Items {
		if x.Entity != first.Entity || x.EntityID != first.EntityID {
			t.Errorf("filter %s %d returned %s %d", first.Entity, first.EntityID, x.Entity, x.EntityID)
		}
	}
}
