package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// organisationDetail is an organisation with its status history, its
// managers and the years it has figures for.
type organisationDetail struct {
	coop.Organisation
	Statuses []coop.Status `json:"statuses"`
	People   []coop.Person `json:"people"`
	Years    []int         `json:"years"`
}

// Organisations lists the register, filtered and in Vietnamese order.
func (h *Handler) Organisations(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err == nil && !auth.CanReadRegister(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	f, err := store.ParseOrganisationFilter(r.URL.Query())
	if err == nil {
		f.Page, f.PerPage, err = paging(r)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	items, total, err := h.store.Organisations(r.Context(), f)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if items == nil {
		items = []coop.Organisation{}
	}
	writeJSON(w, http.StatusOK, list[coop.Organisation]{Items: items, Total: total})
}

// Organisation returns one organisation with its history and managers.
func (h *Handler) Organisation(w http.ResponseWriter, r *http.Request) {
	id, ok := h.readerAndID(w, r)
	if !ok {
		return
	}
	h.writeDetail(w, r, id)
}

// writeDetail answers with organisation id as it is stored now.
func (h *Handler) writeDetail(w http.ResponseWriter, r *http.Request, id int64) {
	d, err := h.detail(r.Context(), id)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (h *Handler) detail(ctx context.Context, id int64) (organisationDetail, error) {
	o, err := h.store.Organisation(ctx, id)
	if err != nil {
		return organisationDetail{}, err
	}
	d := organisationDetail{Organisation: o, Statuses: []coop.Status{}, People: []coop.Person{}, Years: []int{}}
	st, err := h.store.Statuses(ctx, id)
	if err != nil {
		return d, err
	}
	d.Statuses = append(d.Statuses, st...)
	pp, err := h.store.People(ctx, id)
	if err != nil {
		return d, err
	}
	d.People = append(d.People, pp...)
	figs, err := h.store.Figures(ctx, id)
	if err != nil {
		return d, err
	}
	for _, f := range figs {
		d.Years = append(d.Years, f.Year)
	}
	return d, nil
}

// decodeBody reads one JSON value into v, refusing unknown fields, a
// body over the limit and anything after the value.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return apperr.Wrap(apperr.TooLarge, "error.body_too_large", err)
		}
		return apperr.Wrap(apperr.Invalid, "error.bad_json", err)
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return apperr.New(apperr.Invalid, "error.bad_json")
	}
	return nil
}

// CreateOrganisation adds an organisation to the register and answers 201
// with it. Its status starts active; id, status and updated_at in the body
// are ignored.
func (h *Handler) CreateOrganisation(w http.ResponseWriter, r *http.Request) {
	u, err := requireUser(r)
	if err == nil && !auth.CanManageRegister(u) {
		err = apperr.New(apperr.Forbidden, "error.forbidden")
	}
	var o coop.Organisation
	if err == nil {
		err = decodeBody(w, r, &o)
	}
	if err == nil {
		err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.CreateOrganisation(r.Context(), &o) })
	}
	var d organisationDetail
	if err == nil {
		d, err = h.detail(r.Context(), o.ID)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}
