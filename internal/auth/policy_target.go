package auth

// CanReadTargets reports whether u may read a plan's targets with their
// status: every logged-in role, since "are we on track?" is everyone's
// question and the figures are the register's aggregates.
func CanReadTargets(u *User) bool { return CanRead(u) }

// CanLinkTargets reports whether u may link a target to an indicator and
// change the link: the coordinator, who runs the plan, and the
// administrator.
func CanLinkTargets(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}
