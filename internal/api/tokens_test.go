package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// spareTokens makes a second token of the viewer's, with an expiry, and
// returns its id and the id of the administrator's token.
func (e *env) spareTokens(t *testing.T) (spare, admins int64) {
	t.Helper()
	ctx := context.Background()
	exp := fixedNow.Add(90 * 24 * time.Hour)
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		tok, _, err := tx.CreateNamedToken(ctx, e.users[viewerEmail].ID, "Dự phòng", &exp)
		spare = tok.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	list, err := e.db.Tokens(ctx, e.users[adminEmail].ID)
	if err != nil || len(list) == 0 {
		t.Fatalf("the administrator's tokens: %v %v", list, err)
	}
	return spare, list[0].ID
}

// An owner lists their tokens (never another's) with name, expiry and last
// use, and revokes one, which then answers 401; an administrator revokes
// anyone's.
func TestTokensListAndRevoke(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	spare, admins := e.spareTokens(t)
	var got struct {
		Items []auth.Token `json:"items"`
		Total int          `json:"total"`
	}
	e.get("/api/v1/tokens", e.token(viewerEmail)).must(t, http.StatusOK).decode(t, &got)
	if got.Total != 2 || len(got.Items) != 2 || got.Items[0].ID != spare || got.Items[0].Name != "Dự phòng" ||
		got.Items[0].ExpiresAt == nil || got.Items[1].LastUsedAt == nil {
		t.Fatalf("the viewer's tokens: %+v", got)
	}
	for _, k := range got.Items {
		if k.UserID != e.users[viewerEmail].ID {
			t.Errorf("the list holds another account's token %+v", k)
		}
	}
	e.post(fmt.Sprintf("/api/v1/tokens/%d/revoke", admins), e.token(viewerEmail), "").must(t, http.StatusForbidden)
	e.get("/api/v1/plans", e.token(adminEmail)).must(t, http.StatusOK)
	// The administrator revokes the viewer's token: it stops at once.
	e.post(fmt.Sprintf("/api/v1/tokens/%d/revoke", got.Items[1].ID), e.token(adminEmail), "").must(t, http.StatusOK)
	e.get("/api/v1/plans", e.token(viewerEmail)).must(t, http.StatusUnauthorized)
}
