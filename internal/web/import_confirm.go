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
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// ImportConfirm stores a reviewed plan: the pending import read from the
// file, kept on the server, with the fields the review form lets the
// coordinator correct. Nothing else the browser sends is read. The result
// is then checked field by field (planimport.Validate); on any problem the
// review comes back with each message beside its field and nothing is
// stored. A pending import is confirmed once, by the user who read it.
func (h *Handler) ImportConfirm(w http.ResponseWriter, r *http.Request) {
	u := auth.UserFrom(r.Context())
	if !auth.CanImportPlans(u) {
		h.Error(w, r, forbiddenOrLogin(r))
		return
	}
	if err := r.ParseForm(); err != nil {
		h.Error(w, r, uploadError(err))
		return
	}
	pending, err := h.store.PendingImport(r.Context(), r.PostFormValue("pending"), u.ID)
	if err == nil && isRegisterPending(pending) { // a register file is no plan
		err = apperr.New(apperr.NotFound, "import.error.pending_gone")
	}
	if err == nil && pending.ConfirmedAt != nil {
		err = apperr.New(apperr.Conflict, "import.error.already_confirmed")
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	rv := importReview{Result: &planimport.Result{}, PendingID: pending.ID, SourceName: pending.SourceName,
		DuplicateOK: r.PostFormValue("duplicate_ok") == "1"}
	if err := json.Unmarshal([]byte(pending.Result), rv.Result); err != nil {
		h.Error(w, r, fmt.Errorf("web: pending import %s: %w", pending.ID, err))
		return
	}
	_ = json.Unmarshal([]byte(pending.Lines), &rv.Lines) // source lines only help the review
	resolver, err := h.resolver(r)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	res := rv.Result
	ps := planimport.Problems{}
	applyEdits(r, res, resolver, ps)
	ps.Check(res, plan.Today(h.now()))
	if rv.Duplicates, err = planimport.EarlierPlans(r.Context(), h.store, res.Document); err == nil {
		rv.Relink, err = planimport.PreviewRelink(r.Context(), h.store, res, rv.Duplicates)
	}
	if err != nil {
		h.Error(w, r, err)
		return
	}
	if len(rv.Duplicates) > 0 && !rv.DuplicateOK {
		ps.Add("duplicate_ok", "import.error.duplicate")
	}
	var saved planimport.Saved
	if err = ps.Err(); err == nil {
		saved, err = h.confirmPending(r, pending.ID, u.ID, res, rv.DuplicateOK)
	}
	if err != nil {
		if dup, ok := err.(duplicateErr); ok {
			rv.Duplicates, err = dup.ids, planimport.Problems{"duplicate_ok": {Key: "import.error.duplicate"}}.Err()
		}
		if apperr.CodeOf(err) != apperr.Validation {
			h.Error(w, r, err)
			return
		}
		h.renderReview(w, r, http.StatusUnprocessableEntity, rv, err)
		return
	}
	h.sessions.Put(r.Context(), "flash", "import.saved")
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(saved.Plan.ID, 10), http.StatusSeeOther)
}

// duplicateErr is a duplicate found at the last moment, inside the
// transaction: another confirm stored the same document since the check.
type duplicateErr struct{ ids []int64 }

func (duplicateErr) Error() string { return "web: the plan was stored meanwhile" }

// confirmPending claims the pending import and stores its plan in one
// transaction, checking for a duplicate again inside it.
func (h *Handler) confirmPending(r *http.Request, id string, userID int64, res *planimport.Result, duplicateOK bool) (planimport.Saved, error) {
	ctx := r.Context()
	var saved planimport.Saved
	err := h.store.Update(ctx, func(tx *store.Tx) error {
		if err := tx.ClaimPendingImport(ctx, id, userID); err != nil {
			return err
		}
		dups, err := planimport.EarlierPlans(ctx, tx, res.Document)
		if err != nil {
			return err
		}
		if len(dups) > 0 && !duplicateOK {
			return duplicateErr{dups}
		}
		if saved, err = planimport.SaveTx(ctx, tx, res); err != nil {
			return err
		}
		// A document stored again keeps the target links set on the
		// newest plan stored from it, as the review said.
		if _, err = planimport.CarryLinksTx(ctx, tx, dups, &saved); err != nil {
			return err
		}
		return tx.SetPendingImportPlan(ctx, id, saved.Plan.ID)
	})
	return saved, err
}

// keepPending stores what was read until its owner confirms it.
func (h *Handler) keepPending(r *http.Request, res *planimport.Result, lines []string, name string) (string, error) {
	b, err := json.Marshal(res)
	if err != nil {
		return "", err
	}
	l, err := json.Marshal(lines)
	if err != nil {
		return "", err
	}
	p := store.PendingImport{UserID: auth.UserFrom(r.Context()).ID, SourceName: name, Result: string(b), Lines: string(l)}
	err = h.store.Update(r.Context(), func(tx *store.Tx) error { return tx.CreatePendingImport(r.Context(), &p) })
	return p.ID, err
}

// applyEdits copies the review form's fields onto the result. A field the
// form does not carry keeps what was read. Every agency is resolved again
// from its text, edited or not, so whether an agency is known (and a new
// one flagged) is decided here, never by what was sent.
func applyEdits(r *http.Request, res *planimport.Result, resolver planimport.Resolver, ps planimport.Problems) {
	text := func(name string, into **string) {
		if vals, ok := r.PostForm[name]; ok {
			s := typed(vals[0], false)
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
				ps.Add("doc.issued_on", "error.field.date")
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
				t.Content = typed(vals[0], true)
			}
			if vals, ok := r.PostForm[key+"lead"]; ok {
				t.Lead = agencyLines(vals[0])
			}
			if vals, ok := r.PostForm[key+"support"]; ok {
				t.Support = agencyLines(vals[0])
			}
			resolve(t.Lead, resolver)
			resolve(t.Support, resolver)
			if vals, ok := r.PostForm[key+"timeframe"]; ok {
				t.Timeframe = timeframeOf(plan.ParseTimeframe(vals[0], year))
			}
		}
	}
	applyTargetEdits(r, res, ps)
}

// typed cleans a field the reviewer typed as every form field is cleaned,
// but keeps it as sent when it holds a character the input boundary
// forbids: the plan's check then refuses it next to its field, rather
// than the character vanishing unseen (vntext strips only what comes from
// files, which nobody can retype).
func typed(s string, multiline bool) string {
	if vntext.Check(s) != nil {
		return s
	}
	if multiline {
		return strings.TrimSpace(vntext.Normalize(s))
	}
	return vntext.Clean(s)
}

// agencyLines reads one agency per line.
func agencyLines(s string) []planimport.AgencyRef {
	var out []planimport.AgencyRef
	for _, line := range strings.Split(s, "\n") {
		if line = typed(line, false); line != "" {
			out = append(out, planimport.AgencyRef{Text: line})
		}
	}
	return out
}

// resolve sets each reference's agency from the resolver alone: nil (a
// new agency, flagged on save) when nothing matches.
func resolve(refs []planimport.AgencyRef, resolver planimport.Resolver) {
	for i := range refs {
		ref := &refs[i]
		ref.Agency, ref.Collective = nil, false
		if name, collective, ok := resolver.Resolve(ref.Text); ok {
			ref.Agency, ref.Collective = &name, collective
		}
	}
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
