package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/planimport"
	"github.com/hoptac/hoptac/internal/vntext"
)

// ImportConfirm stores the reviewed plan: the result read from the file,
// with every field the coordinator corrected on the review screen. Agency
// names are resolved again from the corrected text.
func (h *Handler) ImportConfirm(w http.ResponseWriter, r *http.Request) {
	if !auth.CanManageAgencies(auth.UserFrom(r.Context())) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, uploadError(err))
		return
	}
	var res planimport.Result
	if err := json.Unmarshal([]byte(r.PostFormValue("result")), &res); err != nil {
		h.Error(w, r, apperr.Wrap(apperr.Invalid, "error.bad_form", err))
		return
	}
	resolver, err := h.resolver(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	fe := apperr.FieldErrors{}
	applyEdits(r, &res, resolver, fe)
	err = fe.Err()
	var saved planimport.Saved
	if err == nil {
		saved, err = planimport.Save(r.Context(), h.store, &res)
	}
	if err != nil {
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		h.renderReview(w, r, http.StatusUnprocessableEntity, importReview{Result: &res, SourceName: r.PostFormValue("source")}, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "import.saved")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(saved.Plan.ID, 10), http.StatusSeeOther)
}

// applyEdits copies the review form's fields onto the result. A field the
// form does not carry keeps what was read.
func applyEdits(r *http.Request, res *planimport.Result, resolver planimport.Resolver, fe apperr.FieldErrors) {
	text := func(name string, into **string) {
		if vals, ok := r.PostForm[name]; ok {
			s := vntext.Clean(vals[0])
			if s == "" {
				*into = nil
			} else {
				*into = &s
			}
		}
	}
	d := &res.Document
	text("doc.number", &d.Number)
	text("doc.type", &d.Type)
	text("doc.title", &d.Title)
	text("doc.issuer", &d.Issuer)
	text("doc.signer", &d.Signer)
	text("coordinator", &res.Coordinator)
	if vals, ok := r.PostForm["doc.issued_on"]; ok {
		d.IssuedOn = nil
		if s := strings.TrimSpace(vals[0]); s != "" {
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				fe.Add("doc.issued_on", "error.field.date")
			} else {
				day := planimport.DateOf(t)
				d.IssuedOn = &day
			}
		}
	}
	year := 0
	if d.IssuedOn != nil {
		year = d.IssuedOn.Year
	}
	for gi := range res.Groups {
		g := &res.Groups[gi]
		text(fmt.Sprintf("g%d.title", gi), &g.Title)
		for ti := range g.Tasks {
			t := &g.Tasks[ti]
			key := fmt.Sprintf("t%d.%d.", gi, ti)
			if vals, ok := r.PostForm[key+"content"]; ok {
				t.Content = strings.TrimSpace(vntext.Normalize(vals[0]))
				if t.Content == "" {
					fe.Add(key+"content", "error.field.required")
				}
			}
			if vals, ok := r.PostForm[key+"lead"]; ok {
				t.Lead = agencyLines(vals[0], resolver)
			}
			if vals, ok := r.PostForm[key+"support"]; ok {
				t.Support = agencyLines(vals[0], resolver)
			}
			if vals, ok := r.PostForm[key+"timeframe"]; ok {
				t.Timeframe = timeframeOf(plan.ParseTimeframe(vals[0], year))
			}
		}
	}
	for i := range res.Targets {
		if vals, ok := r.PostForm[fmt.Sprintf("target%d.text", i)]; ok {
			res.Targets[i].Text = vntext.Clean(vals[0])
			if res.Targets[i].Text == "" {
				fe.Add(fmt.Sprintf("target%d.text", i), "error.field.required")
			}
		}
	}
}

// agencyLines reads one agency per line, resolving each again.
func agencyLines(s string, resolver planimport.Resolver) []planimport.AgencyRef {
	var out []planimport.AgencyRef
	for _, line := range strings.Split(s, "\n") {
		line = vntext.Clean(line)
		if line == "" {
			continue
		}
		ref := planimport.AgencyRef{Text: line}
		if name, collective, ok := resolver.Resolve(line); ok {
			ref.Agency, ref.Collective = &name, collective
		}
		out = append(out, ref)
	}
	return out
}

func timeframeOf(tf plan.Timeframe) *planimport.Timeframe {
	out := &planimport.Timeframe{Kind: string(tf.Kind), Text: tf.Text}
	if tf.Start != nil {
		d := planimport.DateOf(*tf.Start)
		out.Start = &d
	}
	if tf.Due != nil {
		d := planimport.DateOf(*tf.Due)
		out.Due = &d
	}
	return out
}
