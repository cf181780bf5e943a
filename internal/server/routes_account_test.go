package server

import (
	"context"
	"fmt"
	"io"
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
	o, err := e.db.OrganisationByCode(ctx, registerCode)
	if err != nil {
		t.Fatalf("demo organisation %s: %v", registerCode, err)
	}
	x.organisation = o.ID
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

// accountExpectations are the matrix rows of the account routes: the
// user's own account, the administrator's account pages and the API's
// tokens.
func (e *env) accountExpectations() map[string][]call {
	admins := byRole{roleAnon: see, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}
	return map[string][]call{
		"GET /account":          {{path: fixed("/account"), want: readPage}},
		"GET /account/password": {{path: fixed("/account/password"), want: readPage}},
		// Each role changes its own password; the matrix logs in with the
		// new one from then on.
		"POST /account/password": {{path: fixed("/account/password"), want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: see, roleOther: see, roleViewer: see, roleCoop: see},
			writes: true, loc: map[string]string{roleAdmin: "/", roleViewer: "/"},
			body: func(_ ids, role string) (io.Reader, string) {
				email := roleEmails[role]
				next := "mật khẩu mới của " + role + " năm 2026"
				v := url.Values{"current": {e.passwords[email]}, "new": {next}, "confirm": {next}}
				if role != roleAnon {
					e.passwords[email] = next
				}
				return form(v)
			}}},
		"POST /account/sessions/end": {{path: fixed("/account/sessions/end"), want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: see, roleOther: see, roleViewer: see, roleCoop: see},
			fresh: true, endsAll: true, writes: true, loc: map[string]string{roleAdmin: "/login", roleAgency: "/login"}}},
		// The administrator's second session: only the administrator can
		// end it; for anyone else it is not one of theirs.
		"POST /account/sessions/{id}/end": {{path: func(x ids) string { return "/account/sessions/" + x.adminSession + "/end" },
			want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: notFound, roleAgency: notFound, roleOther: notFound, roleViewer: notFound, roleCoop: notFound}, writes: true,
			loc: map[string]string{roleAdmin: "/account"}}},
		"POST /account/tokens": {{path: fixed("/account/tokens"), want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: ok}, writes: true,
			body: func(_ ids, role string) (io.Reader, string) {
				return form(url.Values{"name": {"Mã thử " + role}, "expires": {"90d"}})
			}}},
		"POST /tokens/{id}/revoke": {
			{name: "own", path: func(x ids) string { return fmt.Sprintf("/tokens/%d/revoke", x.othersToken) },
				rolePath: func(x ids, role string) string { return fmt.Sprintf("/tokens/%d/revoke", x.ownTokens[role]) },
				want:     byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: see, roleAgency: see, roleOther: see, roleViewer: see, roleCoop: see}, writes: true, loc: map[string]string{roleAgency: "/account"}},
			{name: "someone_elses", path: func(x ids) string { return fmt.Sprintf("/tokens/%d/revoke", x.othersToken) },
				want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true},
		},
		"GET /accounts":     {{path: fixed("/accounts"), want: admins}},
		"GET /accounts/new": {{path: fixed("/accounts/new"), want: admins}},
		"POST /accounts": {{path: fixed("/accounts"), want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return form(url.Values{"email": {"moi-" + role + "@hoptac.local"}, "name": {"Cán bộ mới"}, "role": {"agency"},
					"agency": {fmt.Sprint(x.agency)}})
			}}},
		"GET /accounts/{id}": {{path: func(x ids) string { return fmt.Sprintf("/accounts/%d", x.scratchAccount) }, want: admins}},
		"POST /accounts/{id}": {{path: func(x ids) string { return fmt.Sprintf("/accounts/%d", x.scratchAccount) },
			want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true,
			body: func(x ids, role string) (io.Reader, string) {
				return form(url.Values{"name": {"Cán bộ đổi tên " + role}, "role": {"coordinator"}, "agency": {fmt.Sprint(x.agency)}})
			}}},
		"POST /accounts/{id}/disable": {{path: func(x ids) string { return fmt.Sprintf("/accounts/%d/disable", x.scratchAccount) },
			want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true}},
		"POST /accounts/{id}/enable": {{path: func(x ids) string { return fmt.Sprintf("/accounts/%d/enable", x.disabledAccount) },
			want: byRole{roleAnon: unauth, roleAdmin: see, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true}},
		"POST /accounts/{id}/password": {{path: func(x ids) string { return fmt.Sprintf("/accounts/%d/password", x.scratchAccount) },
			want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true}},
		"GET /api/v1/tokens": {{path: fixed("/api/v1/tokens"), want: readAPI}},
		"POST /api/v1/tokens/{id}/revoke": {
			{name: "own", path: func(x ids) string { return fmt.Sprintf("/api/v1/tokens/%d/revoke", x.othersAPIToken) },
				rolePath: func(x ids, role string) string { return fmt.Sprintf("/api/v1/tokens/%d/revoke", x.ownAPITokens[role]) },
				want:     byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: ok, roleAgency: ok, roleOther: ok, roleViewer: ok, roleCoop: ok}, writes: true},
			{name: "someone_elses", path: func(x ids) string { return fmt.Sprintf("/api/v1/tokens/%d/revoke", x.othersAPIToken) },
				want: byRole{roleAnon: unauth, roleAdmin: ok, roleCoordinator: forbidden, roleAgency: forbidden, roleOther: forbidden, roleViewer: forbidden, roleCoop: forbidden}, writes: true},
		},
	}
}
