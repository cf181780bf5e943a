package api

import (
	"context"
	"net/http"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// unitDetail is a unit with its parent and its links across the reform.
type unitDetail struct {
	unit.Unit
	Parent       *unit.Unit  `json:"parent"`
	Successors   []unit.Link `json:"successors"`
	Predecessors []unit.Link `json:"predecessors"`
}

// unitLookup answers GET /units/{code}: the unit the code named on the
// day, and, when no day was asked, the other units that carried the code
// at other times (codes were reused across the reform).
type unitLookup struct {
	Code   string       `json:"code"`
	On     time.Time    `json:"on"`
	Unit   *unitDetail  `json:"unit"`
	Others []unitDetail `json:"others"`
}

// Units lists administrative units by code.
func (h *Handler) Units(w http.ResponseWriter, r *http.Request) {
	if _, err := requireUser(r); err != nil {
		h.Error(w, r, err)
		return
	}
	page, perPage, err := paging(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := store.UnitFilter{Level: unit.Level(q.Get("level")), Parent: q.Get("parent"), Query: q.Get("q"), Page: page, PerPage: perPage}
	if f.Level != "" && !f.Level.Valid() {
		h.Error(w, r, apperr.New(apperr.Invalid, "error.param.level"))
		return
	}
	if f.On, err = dayParam(r); err != nil {
		h.Error(w, r, err)
		return
	}
	items, total, err := h.store.Units(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if items == nil {
		items = []unit.Unit{}
	}
	writeJSON(w, http.StatusOK, list[unit.Unit]{Items: items, Total: total})
}

// Unit answers what a code names: on the day asked, else today and, since
// the code alone is ambiguous, every other unit that carried it.
func (h *Handler) Unit(w http.ResponseWriter, r *http.Request) {
	if _, err := requireUser(r); err != nil {
		h.Error(w, r, err)
		return
	}
	code := r.PathValue("code")
	if unit.LevelOfCode(code) == "" {
		h.Error(w, r, apperr.New(apperr.NotFound, "error.unit_not_found"))
		return
	}
	on, err := dayParam(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	out, err := h.lookupUnit(r.Context(), code, on)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) lookupUnit(ctx context.Context, code string, on *time.Time) (unitLookup, error) {
	out := unitLookup{Code: code, Others: []unitDetail{}}
	if on != nil {
		out.On = *on
		u, err := h.store.UnitOn(ctx, code, *on)
		if err != nil {
			return out, err
		}
		d, err := h.unitDetail(ctx, u)
		out.Unit = &d
		return out, err
	}
	out.On = plan.Today(h.now())
	all, err := h.store.UnitsByCode(ctx, code)
	if err != nil {
		return out, err
	}
	if len(all) == 0 {
		return out, apperr.New(apperr.NotFound, "error.unit_not_found")
	}
	for _, u := range all {
		d, err := h.unitDetail(ctx, u)
		if err != nil {
			return out, err
		}
		if out.Unit == nil && u.ValidOn(out.On) {
			out.Unit = &d
			continue
		}
		out.Others = append(out.Others, d)
	}
	return out, nil
}

func (h *Handler) unitDetail(ctx context.Context, u unit.Unit) (unitDetail, error) {
	d := unitDetail{Unit: u}
	if u.ParentID != nil {
		p, err := h.store.Unit(ctx, *u.ParentID)
		if err != nil {
			return d, err
		}
		d.Parent = &p
	}
	var err error
	if d.Successors, err = h.store.UnitSuccessors(ctx, u.ID); err != nil {
		return d, err
	}
	if d.Predecessors, err = h.store.UnitPredecessors(ctx, u.ID); err != nil {
		return d, err
	}
	if d.Successors == nil {
		d.Successors = []unit.Link{}
	}
	if d.Predecessors == nil {
		d.Predecessors = []unit.Link{}
	}
	return d, nil
}

// dayParam reads the optional day "on" (YYYY-MM-DD).
func dayParam(r *http.Request) (*time.Time, error) {
	s := r.URL.Query().Get("on")
	if s == "" {
		return nil, nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "error.param.on")
	}
	return &d, nil
}
