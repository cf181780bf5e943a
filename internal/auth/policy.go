package auth

// The rules of who may do what. Every handler calls one of these; a nil user
// is an anonymous visitor.

// CanRead reports whether u may read plans, tasks and agencies.
func CanRead(u *User) bool { return u != nil && !u.Disabled }

// CanManageAgencies reports whether u may add and edit agencies.
func CanManageAgencies(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}

// CanReadAudit reports whether u may read the audit log.
func CanReadAudit(u *User) bool { return CanRead(u) && u.Role == RoleAdmin }

// CanManageUsers reports whether u may add accounts, change their role or
// agency, disable and re-enable them and reset their passwords.
func CanManageUsers(u *User) bool { return CanRead(u) && u.Role == RoleAdmin }

// CanImportPlans reports whether u may read a plan document and store it.
// The coordinating department imports the plans it runs; so may the
// administrator. A rule of its own: who manages agencies need not be who
// imports plans.
func CanImportPlans(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}

// CanManageTokensOf reports whether u may list and revoke the API tokens
// of the account owner: their own, and an administrator anyone's.
func CanManageTokensOf(u *User, owner int64) bool {
	return CanRead(u) && (u.ID == owner || u.Role == RoleAdmin)
}

// MustChangePassword reports whether u still holds a one-time password
// and may do nothing in the browser but choose their own (or log out).
func MustChangePassword(u *User) bool { return u != nil && u.MustChangePassword }

// StartsAtOwnAgency reports whether u's home page is their agency's tasks
// rather than the list of plans.
func StartsAtOwnAgency(u *User) bool { return CanRead(u) && u.Role == RoleAgency }

// CanRecordProgress reports whether u may record progress on a task whose
// lead and supporting agencies are given. Coordinators follow up on every
// task; an agency officer only on the tasks its agency leads or supports.
func CanRecordProgress(u *User, lead, support []int64) bool {
	if !CanRead(u) {
		return false
	}
	switch u.Role {
	case RoleAdmin, RoleCoordinator:
		return true
	case RoleAgency:
		if u.AgencyID == nil {
			return false
		}
		for _, id := range append(append([]int64(nil), lead...), support...) {
			if id == *u.AgencyID {
				return true
			}
		}
	}
	return false
}

// CanManageMail reports whether u may change the SMTP settings, send a
// test message and see the messages that failed: the province's IT staff.
func CanManageMail(u *User) bool { return CanRead(u) && u.Role == RoleAdmin }

// CanReadNotifications reports whether u has notifications: every active
// account, each only its own.
func CanReadNotifications(u *User) bool { return CanRead(u) }
