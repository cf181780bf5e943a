package server

import (
	"maps"
	"net/http"
	"slices"
)

// Access says who may reach a route at all; each handler then applies the
// finer rules (whose task, which role) from package auth.
type Access int

const (
	Public   Access = iota // anyone, logged in or not
	LoggedIn               // any active account that has chosen its own password
	// Account is any active account, also one that still holds a one-time
	// password: only what it takes to choose one's own, or to leave.
	Account
)

// Route is one entry of the route table. Tests walk this table, so a new
// route is covered by the role × route matrix as soon as it is added.
type Route struct {
	Pattern string // stdlib pattern: "METHOD /path/{id}"
	Access  Access
	Handler http.HandlerFunc
}

// Routes is every route hoptac serves.
func (s *Server) Routes() []Route {
	w, a := s.web, s.api
	return []Route{
		// Pages.
		{"GET /{$}", Public, w.Home},
		{"GET /login", Public, w.LoginForm},
		{"POST /login", Public, w.Login},
		{"POST /logout", Public, w.Logout},
		{"POST /lang", Public, w.SetLanguage},
		{"GET /plans", LoggedIn, w.Plans},
		{"GET /plans/import", LoggedIn, w.ImportForm},
		{"POST /plans/import", LoggedIn, w.ImportRead},
		{"POST /plans/import/confirm", LoggedIn, w.ImportConfirm},
		{"GET /plans/{id}", LoggedIn, w.Plan},
		{"GET /plans/{id}/reports", LoggedIn, w.Reports},
		{"GET /plans/{id}/dashboard", LoggedIn, w.PlanDashboard},
		{"GET /plans/{id}/dashboard/{table}", LoggedIn, w.DashboardExport},
		{"POST /plans/{id}/reports/urge", LoggedIn, w.UrgeReport},
		{"POST /plans/{id}/reports/open", LoggedIn, w.OpenReport},
		{"GET /reports/{id}", LoggedIn, w.Report},
		{"POST /reports/{id}", LoggedIn, w.SaveReport},
		{"POST /reports/{id}/review", LoggedIn, w.ReviewReport},
		{"GET /reports/{id}/files/{file}", LoggedIn, w.ReportFile},
		{"GET /plans/{id}/consolidated/{period}", LoggedIn, w.Consolidated},
		{"POST /plans/{id}/consolidated/{period}", LoggedIn, w.SaveConsolidated},
		{"GET /plans/{id}/targets", LoggedIn, s.targets.Targets},
		{"POST /plans/{id}/targets/{tid}", LoggedIn, s.targets.SaveLink},
		{"GET /plans/{id}/schedules", LoggedIn, w.Schedules},
		{"POST /plans/{id}/schedules", LoggedIn, w.SaveSchedule},
		{"POST /plans/{id}/schedules/{sid}", LoggedIn, w.SaveSchedule},
		{"POST /plans/{id}/designations/{aid}", LoggedIn, w.SaveDesignation},
		{"GET /tasks/{id}", LoggedIn, w.Task},
		{"POST /tasks/{id}/progress", LoggedIn, w.RecordProgress},
		{"POST /tasks/{id}/edit", LoggedIn, w.EditTask},
		{"POST /tasks/{id}/proposals", LoggedIn, w.ProposeAdjustment},
		{"POST /plans/{id}/tasks", LoggedIn, w.AddTask},
		{"GET /proposals", LoggedIn, w.Proposals},
		{"POST /proposals/{id}/accept", LoggedIn, w.AcceptProposal},
		{"POST /proposals/{id}/reject", LoggedIn, w.RejectProposal},
		{"GET /files/{id}", LoggedIn, w.File},
		{"GET /my", LoggedIn, w.MyAgency},
		{"GET /agencies", LoggedIn, w.Agencies},
		{"GET /agencies/new", LoggedIn, w.NewAgency},
		{"POST /agencies", LoggedIn, w.SaveAgency},
		{"GET /agencies/{id}/edit", LoggedIn, w.EditAgency},
		{"POST /agencies/{id}", LoggedIn, w.SaveAgency},
		{"GET /register", LoggedIn, w.Register},
		{"GET /register/new", LoggedIn, w.NewOrganisation},
		{"GET /register/import", LoggedIn, w.RegisterImportForm},
		{"POST /register/import", LoggedIn, w.RegisterImportRead},
		{"POST /register/import/confirm", LoggedIn, w.RegisterImportConfirm},
		{"GET /register/import/result", LoggedIn, w.RegisterImportResult},
		{"GET /register/export", LoggedIn, w.RegisterExport},
		{"GET /register/filings", LoggedIn, w.RegisterFilings},
		{"GET /indicators", LoggedIn, w.Indicators},
		{"GET /indicators/values", LoggedIn, w.IndicatorValues},
		{"POST /indicators/values", LoggedIn, w.SaveIndicatorValue},
		{"POST /register", LoggedIn, w.SaveOrganisation},
		{"GET /register/duplicates", LoggedIn, w.Duplicates},
		{"POST /register/duplicates/merge", LoggedIn, w.MergeDuplicates},
		{"POST /register/duplicates/distinct", LoggedIn, w.MarkDistinct},
		{"GET /register/{id}", LoggedIn, w.Organisation},
		{"GET /register/{id}/edit", LoggedIn, w.EditOrganisation},
		{"POST /register/{id}", LoggedIn, w.SaveOrganisation},
		{"POST /register/{id}/statuses", LoggedIn, w.AddOrganisationStatus},
		{"GET /register/{id}/figures/{year}", LoggedIn, w.FiguresForm},
		{"POST /register/{id}/figures/{year}", LoggedIn, w.SaveFigures},
		{"GET /audit", LoggedIn, w.Audit},
		{"GET /audit.csv", LoggedIn, w.AuditCSV},
		{"GET /account", LoggedIn, w.AccountPage},
		{"GET /account/password", Account, w.PasswordForm},
		{"POST /account/password", Account, w.ChangePassword},
		{"POST /account/sessions/{id}/end", LoggedIn, w.EndSession},
		{"POST /account/sessions/end", LoggedIn, w.EndAllSessions},
		{"POST /account/tokens", LoggedIn, w.CreateToken},
		{"POST /tokens/{id}/revoke", LoggedIn, w.RevokeToken},
		{"GET /accounts", LoggedIn, w.Accounts},
		{"GET /accounts/new", LoggedIn, w.NewAccount},
		{"POST /accounts", LoggedIn, w.CreateAccount},
		{"GET /accounts/{id}", LoggedIn, w.EditAccount},
		{"POST /accounts/{id}", LoggedIn, w.SaveAccount},
		{"POST /accounts/{id}/disable", LoggedIn, w.DisableAccount},
		{"POST /accounts/{id}/enable", LoggedIn, w.EnableAccount},
		{"POST /accounts/{id}/password", LoggedIn, w.ResetPassword},
		{"GET /settings/mail", LoggedIn, w.MailSettings},
		{"POST /settings/mail", LoggedIn, w.SaveMailSettings},
		{"POST /settings/mail/test", LoggedIn, w.SendTestMail},
		{"GET /notifications", LoggedIn, w.Notifications},
		{"POST /notifications/{id}/read", LoggedIn, w.MarkNotificationRead},
		{"POST /notifications/read", LoggedIn, w.MarkNotificationsRead},
		{"GET /static/", Public, w.Static().ServeHTTP},

		// The public portal (package portal): no login, its own layout.
		{"GET /cong-khai", Public, s.portal.Home},
		{"GET /cong-khai/ke-hoach/{id}", Public, s.portal.Plan},
		{"GET /cong-khai/thong-ke", Public, s.portal.Statistics},
		{"GET /cong-khai/to-chuc", Public, s.portal.Directory},
		{"GET /cong-khai/du-lieu", Public, s.portal.Data},
		{"GET /cong-khai/du-lieu/{file}", Public, s.portal.Download},
		{"POST /plans/{id}/publish", LoggedIn, w.PublishPlan},
		{"POST /plans/{id}/unpublish", LoggedIn, w.UnpublishPlan},

		{"GET /favicon.ico", Public, s.favicon},
		{"GET /healthz", Public, s.health},

		// JSON API.
		{"GET /api/v1/openapi.json", Public, a.OpenAPI},
		{"GET /api/v1/plans", LoggedIn, a.Plans},
		{"GET /api/v1/plans/{id}", LoggedIn, a.Plan},
		{"GET /api/v1/tasks", LoggedIn, a.Tasks},
		{"GET /api/v1/tasks/{id}", LoggedIn, a.Task},
		{"PATCH /api/v1/tasks/{id}", LoggedIn, a.PatchTask},
		{"POST /api/v1/plans/{id}/tasks", LoggedIn, a.AddTask},
		{"GET /api/v1/proposals", LoggedIn, a.Proposals},
		{"POST /api/v1/proposals", LoggedIn, a.CreateProposal},
		{"POST /api/v1/proposals/{id}/accept", LoggedIn, a.AcceptProposal},
		{"POST /api/v1/proposals/{id}/reject", LoggedIn, a.RejectProposal},
		{"GET /api/v1/tasks/{id}/progress", LoggedIn, a.TaskProgress},
		{"GET /api/v1/reports", LoggedIn, a.Reports},
		{"POST /api/v1/reports", LoggedIn, a.OpenReport},
		{"GET /api/v1/reports/{id}", LoggedIn, a.Report},
		{"PUT /api/v1/reports/{id}", LoggedIn, a.PutReport},
		{"POST /api/v1/reports/{id}/{action}", LoggedIn, a.ActOnReport},
		{"GET /api/v1/targets", LoggedIn, s.targetsAPI.List},
		{"POST /api/v1/reports/{id}/lines/{task}/evidence", LoggedIn, a.PutEvidence},
		{"GET /api/v1/reports/{id}/lines/{task}/evidence", LoggedIn, a.Evidence},
		{"GET /api/v1/plans/{id}/schedules", LoggedIn, a.Schedules},
		{"PUT /api/v1/plans/{id}/schedules", LoggedIn, a.PutSchedules},
		{"POST /api/v1/tasks/{id}/progress", LoggedIn, a.RecordProgress},
		{"GET /api/v1/agencies", LoggedIn, a.Agencies},
		{"GET /api/v1/units", LoggedIn, a.Units},
		{"GET /api/v1/units/{code}", LoggedIn, a.Unit},
		{"GET /api/v1/indicators", LoggedIn, a.Indicators},
		{"PUT /api/v1/indicator-values", LoggedIn, a.PutIndicatorValue},
		{"GET /api/v1/organisations", LoggedIn, a.Organisations},
		{"GET /api/v1/filings", LoggedIn, a.Filings},
		{"POST /api/v1/organisations", LoggedIn, a.CreateOrganisation},
		{"GET /api/v1/organisations/duplicates", LoggedIn, a.Duplicates},
		{"GET /api/v1/organisations/{id}", LoggedIn, a.Organisation},
		{"PATCH /api/v1/organisations/{id}", LoggedIn, a.PatchOrganisation},
		{"GET /api/v1/organisations/{id}/figures/{year}", LoggedIn, a.Figures},
		{"PUT /api/v1/organisations/{id}/figures/{year}", LoggedIn, a.PutFigures},
		{"GET /api/v1/audit", LoggedIn, a.Audit},
		{"GET /api/v1/tokens", LoggedIn, a.Tokens},
		{"POST /api/v1/tokens/{id}/revoke", LoggedIn, a.RevokeToken},
		{"/api/", Public, s.unrouted(a.NotFound)},
		{"/", Public, s.unrouted(w.NotFound)},
	}
}

func (s *Server) mux() *http.ServeMux {
	mux := http.NewServeMux()
	methods := map[string]bool{}
	for _, rt := range s.Routes() {
		if m := methodOf(rt.Pattern); m != "" {
			methods[m] = true
			if m == http.MethodGet {
				methods[http.MethodHead] = true // a GET pattern serves HEAD too
			}
		}
		h := rt.Handler
		if rt.Access != Public {
			h = s.requireLogin(h, rt.Access)
		}
		mux.HandleFunc(rt.Pattern, h)
	}
	s.methods = slices.Sorted(maps.Keys(methods))
	return mux
}

// favicon answers browsers that ask for /favicon.ico before reading the
// page's icon link.
func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.store.SQL().PingContext(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
