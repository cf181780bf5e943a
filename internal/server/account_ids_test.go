package server

import (
	"context"
	"net/url"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// accountIDs makes the records the account routes of the matrix act on:
// two scratch accounts, a token of each role's own and one of an account
// outside the matrix, and a second session of the administrator.
func (e *env) accountIDs(x *ids) {
	t, ctx := e.t, context.Background()
	scratch := auth.User{Email: "tam@hoptac.local", Name: "Tài khoản thử", Role: auth.RoleViewer}
	disabled := auth.User{Email: "da-khoa@hoptac.local", Name: "Tài khoản đã khóa", Role: auth.RoleViewer, Disabled: true}
	err := e.db.Update(ctx, func(tx *store.Tx) error {
		for _, u := range []*auth.User{&scratch, &disabled} {
			if err := tx.CreateUser(ctx, u, "mật khẩu của tài khoản thử"); err != nil {
				return err
			}
		}
		var err error
		x.ownTokens, x.othersToken, err = e.tokens(ctx, tx, scratch.ID)
		if err != nil {
			return err
		}
		// Disabling the scratch account (a route before the API's) revokes
		// its tokens: the API's outsider is the other account.
		x.ownAPITokens, x.othersAPIToken, err = e.tokens(ctx, tx, disabled.ID)
		return err
	})
	if err != nil {
		t.Fatalf("account records: %v", err)
	}
	x.scratchAccount, x.disabledAccount = scratch.ID, disabled.ID
	c := e.login(roleEmails[roleAdmin])
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "hoptac_session" {
			x.adminSession = store.SessionID(ck.Value)
		}
	}
	if x.adminSession == "" {
		t.Fatal("no session cookie after logging in")
	}
}

// tokens makes a token for each role's account and one for the account
// outside the matrix; anonymous gets the outsider's.
func (e *env) tokens(ctx context.Context, tx *store.Tx, outsider int64) (map[string]int64, int64, error) {
	own := map[string]int64{}
	tok, _, err := tx.CreateNamedToken(ctx, outsider, "Của người khác", nil)
	if err != nil {
		return nil, 0, err
	}
	for role, email := range roleEmails {
		u, err := e.db.UserByEmail(ctx, email)
		if err != nil {
			return nil, 0, err
		}
		k, _, err := tx.CreateNamedToken(ctx, u.ID, "Của "+role, nil)
		if err != nil {
			return nil, 0, err
		}
		own[role] = k.ID
	}
	own[roleAnon] = tok.ID
	return own, tok.ID, nil
}
