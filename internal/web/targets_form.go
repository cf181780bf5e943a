package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// SaveLink links target {tid} of plan {id} to an indicator, or changes
// its link. A refused form comes back with what was sent and each error
// beside its field.
func (p *TargetPages) SaveLink(w http.ResponseWriter, r *http.Request) {
	_, planID, err := allowedOnPlan(r, auth.CanLinkTargets)
	var tid int64
	if err == nil {
		tid, err = pathID(r, "tid")
	}
	if err == nil {
		err = p.planHasTarget(r, planID, tid)
	}
	if err == nil {
		if perr := r.ParseForm(); perr != nil {
			err = apperr.Wrap(apperr.Invalid, "error.bad_form", perr)
		}
	}
	if err != nil {
		p.h.Error(w, r, err)
		return
	}
	ctx := r.Context()
	sent, l, fe := readTargetForm(r)
	l.TargetID = tid
	if l.Scope, err = p.readScope(r, &sent); err != nil {
		if apperr.CodeOf(err) != apperr.Invalid {
			p.h.Error(w, r, err)
			return
		}
		fe.Add("scope", "targets.error.scope")
		if verr := l.Validate(); verr != nil {
			for k, v := range apperr.As(verr).Fields {
				fe.Add(k, v)
			}
		}
	}
	err = fe.Err()
	if err == nil {
		err = p.h.store.Update(ctx, func(tx *store.Tx) error { return tx.SaveTargetLink(ctx, planID, &l) })
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			p.h.Error(w, r, err)
			return
		}
		p.render(w, r, planID, tid, &sent, err, http.StatusUnprocessableEntity)
		return
	}
	p.h.sessions.Put(ctx, "flash", "targets.saved")
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/targets#target-%d", planID, tid), http.StatusSeeOther) //nolint:gosec // a local path of numeric IDs
}

// readScope reads the scope from the unit picker (scope_province,
// scope_commune), or, from a form that names the unit by its code, from
// scope, and checks it again here: a unit must be a province or commune
// in force today, whatever the form sent. The store only checks that the
// code was ever used.
func (p *TargetPages) readScope(r *http.Request, sent *targetForm) (string, error) {
	ctx, today := r.Context(), plan.Today(p.h.now())
	var picked unitPicker
	var err error
	if _, ok := r.PostForm["scope_province"]; ok {
		sent.ScopeProvince, sent.ScopeCommune = r.PostFormValue("scope_province"), r.PostFormValue("scope_commune")
		picked, err = p.h.pickUnit(ctx, strings.TrimSpace(sent.ScopeProvince), strings.TrimSpace(sent.ScopeCommune), today,
			"targets.error.scope", "targets.error.scope")
	} else {
		picked, err = p.h.pickScope(ctx, strings.TrimSpace(sent.Scope), today, "targets.error.scope")
	}
	if err != nil {
		return "", err
	}
	sent.Scope = picked.Unit
	return picked.Unit, nil
}

// planHasTarget checks target tid is one of the plan's (and the plan
// exists), so a forged form cannot reach another plan's target.
func (p *TargetPages) planHasTarget(r *http.Request, planID, tid int64) error {
	pl, err := p.h.store.Plan(r.Context(), planID)
	if err != nil {
		return err
	}
	for _, t := range pl.Targets {
		if t.ID == tid {
			return nil
		}
	}
	return apperr.New(apperr.NotFound, "error.target_not_found")
}

// readTargetForm reads the link form. What does not read as a number, a
// year or a date is named beside its field; the rest Link.Validate checks.
func readTargetForm(r *http.Request) (targetForm, target.Link, apperr.FieldErrors) {
	f := targetForm{Indicator: r.PostFormValue("indicator"), Comparator: r.PostFormValue("comparator"),
		Value: r.PostFormValue("value"), ValueMax: r.PostFormValue("value_max"), BaselineYear: r.PostFormValue("baseline_year"),
		BaselineValue: r.PostFormValue("baseline_value"), Deadline: r.PostFormValue("deadline"), Scope: r.PostFormValue("scope")}
	fe := apperr.FieldErrors{}
	l := target.Link{Indicator: strings.TrimSpace(f.Indicator), Comparator: strings.TrimSpace(f.Comparator),
		Scope: strings.TrimSpace(f.Scope)}
	if v, ok := formFloat(f.Value); ok && v != nil {
		l.Value = *v
	} else {
		fe.Add("value", "error.field.target_value")
	}
	var ok bool
	if l.ValueMax, ok = formFloat(f.ValueMax); !ok {
		fe.Add("value_max", "error.field.target_value_max")
	}
	if l.BaselineValue, ok = formFloat(f.BaselineValue); !ok {
		fe.Add("baseline_value", "error.field.target_baseline_value")
	}
	if y, err := strconv.Atoi(strings.TrimSpace(f.BaselineYear)); err == nil {
		l.BaselineYear = y
	} else {
		fe.Add("baseline_year", "error.field.target_baseline_year")
	}
	if d, err := time.Parse("2006-01-02", strings.TrimSpace(f.Deadline)); err == nil {
		l.Deadline = d
	} else {
		fe.Add("deadline", "error.field.target_deadline")
	}
	if fe.Err() != nil {
		// Name every wrong field at once: what did read is checked too.
		if err := l.Validate(); err != nil {
			for k, v := range apperr.As(err).Fields {
				fe.Add(k, v)
			}
		}
	}
	return f, l, fe
}

// formFloat reads an optional figure typed the Vietnamese way ("1,2"),
// with a sign for figures such as a loss: nil when empty, false when it
// does not read.
func formFloat(s string) (*float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	neg := strings.HasPrefix(s, "-")
	v, ok := planimport.ParseNumber(strings.TrimPrefix(s, "-"))
	if !ok {
		return nil, false
	}
	if neg {
		v = -v
	}
	return &v, true
}

// scopePicker is a target form's unit picker: the choice sent back on a
// refused form, else the stored scope. A choice the lists do not hold
// (a unit gone since it was saved, a forged one) shows the lists with
// nothing chosen; the message beside the field names it.
func (p *TargetPages) scopePicker(r *http.Request, f targetForm) (unitPicker, error) {
	ctx, today := r.Context(), plan.Today(p.h.now())
	var picked unitPicker
	var err error
	if f.ScopeProvince != "" || f.ScopeCommune != "" {
		picked, err = p.h.pickUnit(ctx, f.ScopeProvince, f.ScopeCommune, today, "targets.error.scope", "targets.error.scope")
	} else {
		picked, err = p.h.pickScope(ctx, f.Scope, today, "targets.error.scope")
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		return p.h.pickUnit(ctx, "", "", today, "targets.error.scope", "targets.error.scope")
	}
	return picked, err
}
