package cli

import (
	"context"
	"strconv"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// userOrganisation is `hoptac user organisation --email E --org CODE|ID|none`:
// links a cooperative representative's account to the organisation it
// acts for (by registration code, or by the register's number), or
// unlinks it.
func userOrganisation(ctx context.Context, args []string, env Env) error {
	fs := flags("user organisation", env)
	org := fs.String("org", "", "the organisation's registration code or number, or none to unlink")
	return forAccount(ctx, fs, args, env, func(db *store.DB, u auth.User) error {
		var o *coop.Organisation
		switch *org {
		case "":
			return cliErr("cli.user.usage")
		case "none":
		default:
			found, err := db.OrganisationByCode(ctx, *org)
			if _, ok := coop.NormalizeCode(*org); !ok {
				if id, perr := strconv.ParseInt(*org, 10, 64); perr == nil {
					found, err = db.Organisation(ctx, id)
				}
			}
			if err != nil {
				return err
			}
			o = &found
		}
		var id *int64
		if o != nil {
			id = &o.ID
		}
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetUserOrganisation(ctx, u.ID, id) }); err != nil {
			return err
		}
		if o == nil {
			env.say(env.Stdout, "cli.user.organisation_unset", u.Email)
		} else {
			env.say(env.Stdout, "cli.user.organisation_set", u.Email, o.Name, o.Code)
		}
		return nil
	})
}
