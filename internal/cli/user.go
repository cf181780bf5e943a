package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

const userUsage = "dùng: hoptac user add --email E --name N --role R [--agency ID] --password-stdin\n" +
	"      hoptac user reset-password --email E"

func userCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		return errors.New(userUsage)
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], env)
	case "reset-password":
		return userResetPassword(ctx, args[1:], env)
	default:
		return errors.New(userUsage)
	}
}

func userAdd(ctx context.Context, args []string, env Env) error {
	fs := flags("user add", env)
	dsn := dbFlag(fs, env)
	email := fs.String("email", "", "e-mail address, the login")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "admin, coordinator, agency, coop or viewer")
	agency := fs.Int64("agency", 0, "agency ID (required for role agency)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*fromStdin {
		return errors.New("cần --password-stdin: mật khẩu không được truyền trên dòng lệnh")
	}
	// Before reading the password or opening the database: an address that
	// only looks like another one is refused outright.
	addr := auth.User{Email: *email}
	addr.Normalize()
	if err := auth.ValidateEmail(addr.Email); err != nil {
		return err
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return errors.New("không đọc được mật khẩu từ đầu vào chuẩn")
	}
	password := strings.TrimRight(line, "\r\n")
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u := auth.User{Email: *email, Name: *name, Role: auth.Role(*role)}
	if *agency != 0 {
		u.AgencyID = agency
		if _, err := db.Agency(ctx, *agency); err != nil {
			return err
		}
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, password) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã tạo tài khoản %s (mã %d).\n", u.Email, u.ID)
	return nil
}

// userResetPassword gives an account a new random one-time password and
// prints it once: the way back for a demo whose first passwords were lost,
// or a user who forgot theirs. The user must choose their own at the next
// login; the account's sessions end. The audit log records the reset.
func userResetPassword(ctx context.Context, args []string, env Env) error {
	return forAccount(ctx, "user reset-password", args, env, func(db *store.DB, u auth.User) error {
		var password string
		if err := db.Update(ctx, func(tx *store.Tx) (err error) {
			password, err = tx.IssueOneTimePassword(ctx, u.ID)
			return err
		}); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Mật khẩu mới của %s (chỉ in một lần): %s\n", u.Email, password)
		return nil
	})
}

// forAccount runs a subcommand that acts on one account, named by --email,
// with the database open.
func forAccount(ctx context.Context, name string, args []string, env Env, fn func(*store.DB, auth.User) error) error {
	fs := flags(name, env)
	dsn := dbFlag(fs, env)
	email := fs.String("email", "", "the account's e-mail address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.UserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	return fn(db, u)
}
