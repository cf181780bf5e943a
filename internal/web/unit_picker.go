package web

import (
	"context"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/unit"
)

// unitPicker is the choice of an administrative unit from the unit lists
// rather than a typed code: a select of the provinces in force, then a
// select of the chosen province's communes. Plain form fields, so it
// works without JavaScript: choosing a province and submitting brings its
// communes. The dashboard's register section and the targets' scope share
// it, and both check the choice again on the server (pickUnit).
type unitPicker struct {
	Province  string
	Commune   string
	Unit      string // the commune if chosen, else the province, else "" (the whole register)
	Provinces []unit.Unit
	Communes  []unit.Unit // of the chosen province
}

// pickUnit reads a province and commune chosen on day. A province not in
// force that day (unknown, or one merged away in 2025) is refused with
// provinceKey, a commune of no province in force with communeKey, so the
// message names the field. A commune that is in force but belongs to
// another province is dropped: the reader has just changed the province.
func (h *Handler) pickUnit(ctx context.Context, province, commune string, day time.Time, provinceKey, communeKey string) (unitPicker, error) {
	p := unitPicker{Province: province, Commune: commune}
	var err error
	if p.Provinces, _, err = h.store.Units(ctx, store.UnitFilter{Level: unit.LevelProvince, On: &day, PerPage: store.MaxPerPage}); err != nil {
		return p, err
	}
	if province == "" {
		if commune != "" {
			return p, p.scopeOf(ctx, h, commune, day, communeKey)
		}
		return p, nil
	}
	if !hasUnit(p.Provinces, province) {
		return p, apperr.New(apperr.Invalid, provinceKey)
	}
	if p.Communes, _, err = h.store.Units(ctx, store.UnitFilter{Level: unit.LevelCommune, Parent: province, On: &day,
		PerPage: store.MaxPerPage}); err != nil {
		return p, err
	}
	p.Unit = province
	switch {
	case commune == "":
	case hasUnit(p.Communes, commune):
		p.Unit = commune
	default:
		if _, err := h.store.UnitOn(ctx, commune, day); err != nil {
			return p, apperr.New(apperr.Invalid, communeKey)
		}
		p.Commune = ""
	}
	return p, nil
}

// scopeOf fills the picker from a commune code alone (a stored target's
// scope): its province, its province's communes.
func (p *unitPicker) scopeOf(ctx context.Context, h *Handler, commune string, day time.Time, key string) error {
	u, err := h.store.UnitOn(ctx, commune, day)
	if err != nil || u.Level != unit.LevelCommune || u.ParentID == nil {
		return apperr.New(apperr.Invalid, key)
	}
	parent, err := h.store.Unit(ctx, *u.ParentID)
	if err != nil {
		return err
	}
	picked, err := h.pickUnit(ctx, parent.Code, commune, day, key, key)
	*p = picked
	return err
}

// pickScope reads a unit given by its code alone, province or commune, as
// a target's scope stores it; "" is the whole register.
func (h *Handler) pickScope(ctx context.Context, code string, day time.Time, key string) (unitPicker, error) {
	p, err := h.pickUnit(ctx, "", "", day, key, key)
	if err != nil || code == "" {
		return p, err
	}
	if hasUnit(p.Provinces, code) {
		return h.pickUnit(ctx, code, "", day, key, key)
	}
	return p, p.scopeOf(ctx, h, code, day, key)
}

func hasUnit(units []unit.Unit, code string) bool {
	for _, u := range units {
		if u.Code == code {
			return true
		}
	}
	return false
}

// unitPickerView is what the "unit_picker" template draws: the picker,
// the reader's language, and the prefix of its elements' ids and of its
// fields' names, so one page can hold several (a target's form each).
type unitPickerView struct {
	L          i18n.Localizer
	P          unitPicker
	ID, Name   string
	Invalid    bool   // the server refused the choice: the selects say so
	DescribeBy string // the id of the message naming the field, if any
}

// View prepares the picker for the template.
func (p unitPicker) View(l i18n.Localizer, id, name string) unitPickerView {
	return unitPickerView{L: l, P: p, ID: id, Name: name}
}

// Refused marks the picker as the field a refused form names, the
// message at id.
func (v unitPickerView) Refused(id string) unitPickerView {
	v.Invalid, v.DescribeBy = true, id
	return v
}
