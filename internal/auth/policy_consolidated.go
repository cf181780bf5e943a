package auth

// The consolidated report quotes every agency's report of a period, so it
// is read by those who read them all: the coordinator, the administrator
// and a leader (viewer). An agency officer sees only its own agency's
// reports, and so not this one; a cooperative has no part in it.

// CanReadConsolidated reports whether u may read and download the
// consolidated report of a period.
func CanReadConsolidated(u *User) bool { return CanReadAllReports(u) }

// CanEditConsolidated reports whether u may edit its narrative: those who
// review the agencies' reports, the coordinator and the administrator.
func CanEditConsolidated(u *User) bool { return CanReviewReports(u) }

// CanEditSchedules reports whether u may edit a plan's reporting
// schedules and the members of collective designations.
func CanEditSchedules(u *User) bool { return CanReviewReports(u) }
