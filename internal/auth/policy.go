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

// CanReadRegister reports whether u may read the cooperative register:
// every account. Nobody without one reads it until the public directory.
func CanReadRegister(u *User) bool { return CanRead(u) }

// CanManageRegister reports whether u may add organisations, edit every
// field of any of them, record their statuses and figures, and accept or
// return the figures a cooperative files: the coordinating department,
// which keeps the register, and the administrator.
func CanManageRegister(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}

// representsOrg reports whether u is the cooperative representative of
// organisation orgID.
func representsOrg(u *User, orgID int64) bool {
	return CanRead(u) && u.Role == RoleCoop && u.OrganisationID != nil && *u.OrganisationID == orgID
}

// CanEditOrganisationContact reports whether u may change organisation
// orgID's contact details and managers: who manages the register, and the
// organisation's own representative, for its own organisation only.
func CanEditOrganisationContact(u *User, orgID int64) bool {
	return CanManageRegister(u) || representsOrg(u, orgID)
}

// CanFileFigures reports whether u may file organisation orgID's yearly
// figures as the cooperative (save a draft, submit): its representative
// only. The coordinator records figures through CanManageRegister.
func CanFileFigures(u *User, orgID int64) bool { return representsOrg(u, orgID) }

// CanManageMail reports whether u may change the SMTP settings, send a
// test message and see the messages that failed: the province's IT staff.
func CanManageMail(u *User) bool { return CanRead(u) && u.Role == RoleAdmin }

// CanReadNotifications reports whether u has notifications: every active
// account, each only its own.
func CanReadNotifications(u *User) bool { return CanRead(u) }
