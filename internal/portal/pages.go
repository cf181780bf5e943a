package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
)

const htmlType = "text/html; charset=utf-8"

// directoryPerPage is how many organisations a page of the directory lists.
const directoryPerPage = 50

// Home is /cong-khai: the published plans with their progress and the
// register's active organisations by province.
func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, "home", htmlType, func(v store.PortalVersion) ([]byte, error) {
		plans, err := h.plans(r.Context())
		if err != nil {
			return nil, err
		}
		st, err := h.provinceStats(r.Context(), v)
		if err != nil {
			return nil, err
		}
		return h.renderPage(r, "home", "portal.title", struct {
			Plans []publicPlan
			Stats registerStats
			Forms []coop.Form
		}{plans, st, coop.Forms()})
	})
}

// Plan is /cong-khai/ke-hoach/{id}: a published plan, its targets and its
// tasks' progress. A plan that is not published is not found, exactly as
// one that does not exist.
func (h *Handler) Plan(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, apperr.New(apperr.NotFound, "error.plan_not_found"))
		return
	}
	h.serve(w, r, struct {
		Page string
		ID   int64
	}{"plan", id}, htmlType, func(v store.PortalVersion) ([]byte, error) {
		p, published, err := h.store.PublishedPlan(r.Context(), id)
		if err != nil {
			return nil, err
		}
		tasks, err := h.planTasks(r.Context(), id)
		if err != nil {
			return nil, err
		}
		targets, err := h.targets(r, p)
		if err != nil {
			return nil, err
		}
		var prog progress
		for _, t := range tasks {
			prog.add(t.Status)
		}
		pp := publicPlan{ID: p.ID, Number: p.Number, Title: p.Title, Issuer: p.Issuer, IssuedOn: p.IssuedOn,
			PublishedAt: published, Progress: prog}
		return h.renderPage(r, "plan", "portal.plan_title", struct {
			Plan    publicPlan
			Summary string
			Targets []publicTarget
			Tasks   []publicTask
		}{pp, p.Summary, targets, tasks})
	})
}

// targets lists a plan's targets, with their status when the targets'
// computation is wired.
func (h *Handler) targets(r *http.Request, p plan.Plan) ([]publicTarget, error) {
	var status map[int64]string
	if h.targetStatus != nil {
		var err error
		if status, err = h.targetStatus(r, p); err != nil {
			return nil, err
		}
	}
	out := make([]publicTarget, len(p.Targets))
	for i, t := range p.Targets {
		out[i] = publicTarget{PlanID: p.ID, ID: t.ID, Text: t.Text, Comparator: t.Comparator, Value: t.Value,
			ValueMax: t.ValueMax, Unit: t.Unit, Due: t.Due, Status: status[t.ID]}
	}
	return out, nil
}

// Statistics is /cong-khai/thong-ke: active organisations by province and
// by commune, by legal form and by sector.
func (h *Handler) Statistics(w http.ResponseWriter, r *http.Request) {
	h.serve(w, r, "statistics", htmlType, func(v store.PortalVersion) ([]byte, error) {
		st, err := h.registerStats(r.Context(), v)
		if err != nil {
			return nil, err
		}
		return h.renderPage(r, "statistics", "portal.stats_title", struct {
			Stats   registerStats
			Forms   []coop.Form
			Sectors []coop.Sector
		}{st, coop.Forms(), coop.Sectors()})
	})
}

// publicOrg is an organisation's public fields, and only those.
type publicOrg struct {
	Name    string
	Form    coop.Form
	Sector  coop.Sector
	Commune string
	Status  coop.StatusKind
}

// Directory is /cong-khai/to-chuc: the register's organisations, public
// fields only, searched by name and paged, through the register's own
// list query.
func (h *Handler) Directory(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	h.serve(w, r, struct {
		Page, Q string
		N       int
	}{"directory", q, page}, htmlType, func(v store.PortalVersion) ([]byte, error) {
		list, total, err := h.store.Organisations(r.Context(), store.OrganisationFilter{Query: q, Page: page, PerPage: directoryPerPage})
		if err != nil {
			return nil, err
		}
		// The names come from the unit lists, not from the register's
		// counts, which know only communes with an active organisation.
		names, err := h.store.PortalCommuneNames(r.Context(), list)
		if err != nil {
			return nil, err
		}
		orgs := make([]publicOrg, len(list))
		for i, o := range list {
			commune, _ := store.PortalCommune(o)
			if n := names[store.PortalCommuneKey(o)]; n != "" {
				commune = n
			}
			orgs[i] = publicOrg{Name: o.Name, Form: o.Form, Sector: o.Sector, Commune: commune, Status: o.Status}
		}
		link := func(p int) string {
			v := url.Values{}
			if q != "" {
				v.Set("q", q)
			}
			v.Set("page", strconv.Itoa(p))
			return Prefix + "/to-chuc?" + v.Encode()
		}
		pages := (total + directoryPerPage - 1) / directoryPerPage
		var prev, next string
		if page > 1 {
			prev = link(page - 1)
		}
		if page < pages {
			next = link(page + 1)
		}
		return h.renderPage(r, "directory", "portal.directory_title", struct {
			Q          string
			Orgs       []publicOrg
			Total      int
			Page       int
			Pages      int
			Prev, Next string
		}{q, orgs, total, page, max(pages, 1), prev, next})
	})
}
