package web

import (
	"bytes"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/chart"
	"github.com/hoptac/hoptac/internal/i18n"
)

// DashboardExport downloads one table of a plan's dashboard
// (/plans/{id}/dashboard/{table}.csv or .xlsx): the same figures as the
// page, for the same reader and ?year=.
func (h *Handler) DashboardExport(w http.ResponseWriter, r *http.Request) {
	_, planID, err := allowedOnPlan(r, auth.CanReadDashboard)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	file := r.PathValue("table")
	ext := path.Ext(file)
	name := strings.TrimSuffix(file, ext)
	if !slices.Contains(dashboardTables, name) && name != "register" || (ext != ".csv" && ext != ".xlsx") {
		h.Error(w, r, apperr.New(apperr.NotFound, "error.page_not_found"))
		return
	}
	year, err := h.dashboardYear(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	l := h.i18n.For(i18n.Pick(r))
	table, err := h.dashboardTable(r, l, planID, year, name)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	// The tables are small (a row per status, group, agency or period):
	// written whole first, so a failure is an error page, not half a file.
	var buf bytes.Buffer
	write, contentType := chart.WriteCSV, "text/csv; charset=utf-8"
	if ext == ".xlsx" {
		write, contentType = chart.WriteXLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if err := write(&buf, table); err != nil {
		h.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="bang-dieu-khien-`+name+ext+`"`)
	_, _ = w.Write(buf.Bytes())
}

// dashboardTable builds the one table asked for: the register's section
// (?province=&commune=&ryear=) on its own, as it reads no task, or the
// tables of the task dashboard.
func (h *Handler) dashboardTable(r *http.Request, l i18n.Localizer, planID int64, year int, name string) (chart.Data, error) {
	if name == "register" {
		// The plan must exist and be readable, as for every other table.
		if _, err := h.store.Plan(r.Context(), planID); err != nil {
			return chart.Data{}, err
		}
		reg, err := h.buildDashboardRegister(r.Context(), r.URL.Query())
		if err != nil {
			return chart.Data{}, err
		}
		return registerTable(l, reg), nil
	}
	d, err := h.buildDashboard(r.Context(), l, planID, year)
	return d.Tables[name], err
}
