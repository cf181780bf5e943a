package auth

// CanReadDashboard reports whether u may open a plan's dashboard: those
// who follow the plan (administrator, coordinator, leaders) and agency
// officers, who already see every task of the plan and the plan-wide
// reporting rates on the tracking page, so the dashboard tells them
// nothing new. A cooperative's representative follows its own filings,
// not the plan's reporting cycle (as CanReadReports).
func CanReadDashboard(u *User) bool { return CanReadReports(u) }
