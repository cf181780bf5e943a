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

// CanManageUsers reports whether u may add accounts.
func CanManageUsers(u *User) bool { return CanRead(u) && u.Role == RoleAdmin }

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
