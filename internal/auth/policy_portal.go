package auth

// CanPublishPlans reports whether u may publish a plan on the public
// portal and withdraw it: the coordinating department that runs the plans,
// and the administrator.
func CanPublishPlans(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}
