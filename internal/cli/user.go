package cli

import (
	"bufio"
	"context"
	"flag"
	"strings"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

func userCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 {
		return cliErr("cli.user.usage")
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], env)
	case "reset-password":
		return userResetPassword(ctx, args[1:], env)
	case "disable", "enable":
		return userSetDisabled(ctx, args[0] == "disable", args[1:], env)
	case "role":
		return userRole(ctx, args[1:], env)
	case "organisation":
		return userOrganisation(ctx, args[1:], env)
	default:
		return cliErr("cli.user.usage")
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
		return cliErr("cli.user.password_stdin")
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
		return cliErr("cli.user.password_unreadable")
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
	env.say(env.Stdout, "cli.user.created", u.Email, u.ID)
	return nil
}

// userResetPassword gives an account a new random one-time password and
// prints it once: the way back for a demo whose first passwords were lost,
// or a user who forgot theirs. The user must choose their own at the next
// login; the account's sessions end. The audit log records the reset.
func userResetPassword(ctx context.Context, args []string, env Env) error {
	return forAccount(ctx, flags("user reset-password", env), args, env, func(db *store.DB, u auth.User) error {
		var password string
		if err := db.Update(ctx, func(tx *store.Tx) (err error) {
			password, err = tx.IssueOneTimePassword(ctx, u.ID)
			return err
		}); err != nil {
			return err
		}
		env.say(env.Stdout, "cli.user.new_password", u.Email, password)
		return nil
	})
}

// userSetDisabled disables or re-enables an account, as the accounts page
// does: disabling stops its sessions and API tokens at once. The store
// refuses to disable the last active administrator.
func userSetDisabled(ctx context.Context, disabled bool, args []string, env Env) error {
	name, done := "user enable", "cli.user.enabled"
	if disabled {
		name, done = "user disable", "cli.user.disabled"
	}
	return forAccount(ctx, flags(name, env), args, env, func(db *store.DB, u auth.User) error {
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetDisabled(ctx, u.ID, disabled) }); err != nil {
			return err
		}
		env.say(env.Stdout, done, u.Email)
		return nil
	})
}

// userRole changes an account's role (and agency, which an agency officer
// needs); the last active administrator cannot be demoted.
func userRole(ctx context.Context, args []string, env Env) error {
	fs := flags("user role", env)
	role := fs.String("role", "", "admin, coordinator, agency, coop or viewer")
	agency := fs.Int64("agency", 0, "agency ID (required for role agency)")
	return forAccount(ctx, fs, args, env, func(db *store.DB, u auth.User) error {
		var agencyID *int64
		if *agency != 0 {
			agencyID = agency
		}
		if err := db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.UpdateAccount(ctx, u.ID, u.Name, auth.Role(*role), agencyID)
			return err
		}); err != nil {
			return err
		}
		env.say(env.Stdout, "cli.user.role_set", u.Email, *role)
		return nil
	})
}

// forAccount runs a subcommand that acts on one account, named by --email,
// with the database open. fs holds the subcommand's own flags, if any.
func forAccount(ctx context.Context, fs *flag.FlagSet, args []string, env Env, fn func(*store.DB, auth.User) error) error {
	dsn := dbFlag(fs, env)
	email := fs.String("email", "", "the account's e-mail address")
	return withDB(ctx, fs, args, dsn, func(db *store.DB) error {
		u, err := db.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		return fn(db, u)
	})
}
