package cli

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// tokenCmd manages personal API tokens from the command line, as an owner
// does on their account page. The command line reaches the database
// directly, so it names the account with --email.
func tokenCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		return cliErr("cli.token.usage")
	}
	switch args[0] {
	case "create":
		return tokenCreate(ctx, args[1:], env)
	case "list":
		return forAccount(ctx, flags("token list", env), args[1:], env, func(db *store.DB, u auth.User) error {
			return tokenList(ctx, db, u, env)
		})
	case "revoke":
		return tokenRevoke(ctx, args[1:], env)
	}
	return cliErr("cli.token.usage")
}

// tokenCreate prints a new token, and only the token, so a script can
// capture it.
func tokenCreate(ctx context.Context, args []string, env Env) error {
	fs := flags("token create", env)
	dsn := dbFlag(fs, env)
	email := fs.String("email", "", "the account's e-mail address")
	name := fs.String("name", "", "what the token is for, e.g. \"report sync\"")
	expires := fs.String("expires", "", "lifetime: 90d, 12h or 2w; none if empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	clean, err := auth.CleanTokenName(*name)
	if err != nil {
		return cliErr("cli.token.name")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	exp, err := auth.ParseTokenExpiry(*expires, db.Now())
	if err != nil {
		return cliErr("cli.token.expires", *expires)
	}
	u, err := db.UserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	var secret string
	if err := db.Update(ctx, func(tx *store.Tx) (err error) {
		_, secret, err = tx.CreateNamedToken(ctx, u.ID, clean, exp)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, secret)
	return nil
}

// tokenList prints an account's tokens, newest first, with their state.
func tokenList(ctx context.Context, db *store.DB, u auth.User, env Env) error {
	tokens, err := db.Tokens(ctx, u.ID)
	if err != nil {
		return err
	}
	when := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.UTC().Format("2006-01-02 15:04Z")
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, env.text("cli.token.list_header"))
	now := db.Now()
	for _, k := range tokens {
		state := env.text("token.state_active")
		switch {
		case k.RevokedAt != nil:
			state = env.text("token.state_revoked")
		case !k.Active(now):
			state = env.text("token.state_expired")
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, when(&k.CreatedAt), when(k.ExpiresAt), when(k.LastUsedAt), state)
	}
	return w.Flush()
}

// tokenRevoke revokes a token by its ID: it stops working at once, on
// every server sharing the database.
func tokenRevoke(ctx context.Context, args []string, env Env) error {
	fs := flags("token revoke", env)
	dsn := dbFlag(fs, env)
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return cliErr("cli.token.usage")
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return cliErr("cli.token.bad_id", rest[0])
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Token(ctx, id); err != nil {
		return err
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, id) }); err != nil {
		return err
	}
	env.say(env.Stdout, "cli.token.revoked", id)
	return nil
}
