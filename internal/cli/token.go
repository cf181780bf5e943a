package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

const tokenUsage = "dùng: hoptac token create --email E --name N [--expires 90d]\n" +
	"      hoptac token list --email E\n" +
	"      hoptac token revoke ID"

// tokenCmd manages personal API tokens from the command line, as an owner
// does on their account page. The command line reaches the database
// directly, so it names the account with --email.
func tokenCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		return errors.New(tokenUsage)
	}
	switch args[0] {
	case "create":
		return tokenCreate(ctx, args[1:], env)
	case "list":
		return forAccount(ctx, "token list", args[1:], env, func(db *store.DB, u auth.User) error {
			return tokenList(ctx, db, u, env)
		})
	case "revoke":
		return tokenRevoke(ctx, args[1:], env)
	}
	return errors.New(tokenUsage)
}

// tokenCreate prints a new token, and only the token, so a script can
// capture it.
func tokenCreate(ctx context.Context, args []string, env Env) error {
	fs := flags("token create", env)
	dsn := dbFlag(fs, env)
	email := fs.String("email", "", "the account's e-mail address")
	name := fs.String("name", "", "what the token is for, e.g. \"đồng bộ báo cáo\"")
	expires := fs.String("expires", "", "lifetime: 90d, 12h or 2w; none if empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	clean, err := auth.CleanTokenName(*name)
	if err != nil {
		return errors.New("cần --name: tên của mã truy cập (không quá 100 ký tự)")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	exp, err := auth.ParseTokenExpiry(*expires, db.Now())
	if err != nil {
		return fmt.Errorf("--expires %q không hợp lệ: dùng số ngày (90d), giờ (12h) hoặc tuần (2w)", *expires)
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
	fmt.Fprintln(w, "ID\tTÊN\tTẠO LÚC\tHẾT HẠN\tDÙNG LẦN CUỐI\tTRẠNG THÁI")
	now := db.Now()
	for _, k := range tokens {
		state := "còn hiệu lực"
		switch {
		case k.RevokedAt != nil:
			state = "đã thu hồi"
		case !k.Active(now):
			state = "đã hết hạn"
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
		return errors.New(tokenUsage)
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("mã số %q không hợp lệ; xem hoptac token list", rest[0])
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
	fmt.Fprintf(env.Stdout, "Đã thu hồi mã truy cập %d.\n", id)
	return nil
}
