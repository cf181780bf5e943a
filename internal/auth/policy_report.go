package auth

// The rules of the reporting cycle. An agency officer sees and submits only
// its own agency's reports; the coordinator and the administrator see,
// submit for and review every agency; a leader (viewer) reads them all.

// CanReadReports reports whether u may open the reporting pages at all:
// schedules, the tracking of a period, reports (their own, for an officer).
func CanReadReports(u *User) bool {
	if !CanRead(u) {
		return false
	}
	switch u.Role {
	case RoleAdmin, RoleCoordinator, RoleViewer:
		return true
	case RoleAgency:
		return u.AgencyID != nil
	}
	return false
}

// CanReadAllReports reports whether u sees every agency's report, not only
// its own agency's.
func CanReadAllReports(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator || u.Role == RoleViewer)
}

// CanReadAgencyReport reports whether u may read agency's report.
func CanReadAgencyReport(u *User, agency int64) bool {
	return CanReadAllReports(u) || CanSubmitReport(u, agency)
}

// CanSubmitReport reports whether u may write and send agency's report:
// its own officers, and the coordinator or administrator on its behalf.
func CanSubmitReport(u *User, agency int64) bool {
	if !CanRead(u) {
		return false
	}
	switch u.Role {
	case RoleAdmin, RoleCoordinator:
		return true
	case RoleAgency:
		return u.AgencyID != nil && *u.AgencyID == agency
	}
	return false
}

// CanReviewReports reports whether u may return, accept and reopen
// reports, and edit a plan's schedules and designations' members.
func CanReviewReports(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}

// CanUrge reports whether u may urge (đôn đốc) an agency to send its
// report by hand: the coordinator and the administrator, who follow the
// reporting cycle.
func CanUrge(u *User) bool {
	return CanRead(u) && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}

// CanReadReportOf reports whether u may read agency's report, where
// successors are the agencies agency's duties had passed to by today
// (org.Directory.SuccessorsOn): besides those CanReadAgencyReport lets
// read it, an officer of a successor reads, and only reads, the reports
// its predecessor filed on the duties it took over. An unrelated agency
// never does, nor a successor before the succession date.
func CanReadReportOf(u *User, agency int64, successors []int64) bool {
	if CanReadAgencyReport(u, agency) {
		return true
	}
	if !CanRead(u) || u.Role != RoleAgency || u.AgencyID == nil {
		return false
	}
	for _, s := range successors {
		if s == *u.AgencyID {
			return true
		}
	}
	return false
}
