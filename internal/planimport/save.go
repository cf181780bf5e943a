package planimport

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Saved reports what Save wrote.
type Saved struct {
	Plan    plan.Plan
	Created []org.Agency // agencies the plan named that the province did not have yet
}

// Save stores a reviewed Result as a plan, all or nothing. Each agency a
// task names is found among the province's agencies by name or alias (the
// catalog's canonical name first, then the text as written); one that is
// not there is created, and flagged for a coordinator when no catalog
// entry vouched for it.
func Save(ctx context.Context, db *store.DB, res *Result) (Saved, error) {
	var out Saved
	err := db.Update(ctx, func(tx *store.Tx) (err error) {
		out, err = SaveTx(ctx, tx, res)
		return err
	})
	return out, err
}

// SaveTx is Save inside the caller's transaction, for an import confirmed
// together with other writes.
func SaveTx(ctx context.Context, tx *store.Tx, res *Result) (Saved, error) {
	p, created, err := toPlan(ctx, tx, res)
	if err != nil {
		return Saved{}, err
	}
	if err := tx.CreatePlan(ctx, &p); err != nil {
		return Saved{}, err
	}
	return Saved{Plan: p, Created: created}, nil
}

func toPlan(ctx context.Context, tx *store.Tx, res *Result) (plan.Plan, []org.Agency, error) {
	d := res.Document
	p := plan.Plan{Number: str(d.Number), Type: str(d.Type), Issuer: str(d.Issuer), IssuedOn: dateTime(d.IssuedOn),
		Signer: str(d.Signer), SignerTitle: str(d.SignerTitle), Title: str(d.Title), Place: str(d.Place),
		Field: str(d.Field), Coordinator: str(res.Coordinator)}
	if p.Title == "" {
		p.Title = p.Number // a plan is named by its number when the text gives no title
	}
	if p.Title == "" {
		return p, nil, apperr.FieldErrors{"title": "error.field.required"}.Err()
	}
	for _, r := range res.Implements {
		p.Implements = append(p.Implements, plan.DocRef{Number: r.Number, Type: str(r.Type), Issuer: str(r.Issuer),
			IssuedOn: dateTime(r.IssuedOn)})
	}
	for _, t := range res.Targets {
		p.Targets = append(p.Targets, plan.Target{Text: t.Text, Measure: str(t.Measure), Comparator: str(t.Comparator),
			Value: t.Value, ValueMax: t.ValueMax, Unit: str(t.Unit), Due: dateTime(t.Due), Parent: t.Parent})
	}
	for _, r := range res.Reporting {
		p.Reporting = append(p.Reporting, plan.Duty{Frequency: r.Frequency, Due: str(r.Due),
			Recipient: str(r.Recipient), Via: str(r.Via)})
	}
	a := &agencyMaker{tx: tx, ids: map[string]int64{}}
	for gi, g := range res.Groups {
		code := g.Code
		if code == "" {
			code = romanNumeral(gi + 1) // tasks read from a list have no group of their own
		}
		pg := plan.Group{Code: code, Title: str(g.Title)}
		for ti, t := range g.Tasks {
			task := plan.Task{Code: t.Code, Ordinal: ti + 1, Content: t.Content, Extra: t.Extra,
				Timeframe: toTimeframe(t.Timeframe, p.IssuedOn)}
			if task.Code == "" {
				task.Code = fmt.Sprintf("%s.%d", code, ti+1)
			}
			var err error
			if task.Lead, err = a.refs(ctx, t.Lead); err != nil {
				return p, nil, err
			}
			if task.Support, err = a.refs(ctx, t.Support); err != nil {
				return p, nil, err
			}
			pg.Tasks = append(pg.Tasks, task)
		}
		p.Groups = append(p.Groups, pg)
	}
	return p, a.created, nil
}

// agencyMaker finds or creates the agencies of one import.
type agencyMaker struct {
	tx      *store.Tx
	ids     map[string]int64 // folded name -> id, within this import
	created []org.Agency
}

func (a *agencyMaker) refs(ctx context.Context, in []AgencyRef) ([]plan.AgencyRef, error) {
	var out []plan.AgencyRef
	seen := map[int64]bool{}
	for _, r := range in {
		id, name, collective, err := a.find(ctx, r)
		if err != nil {
			return nil, err
		}
		if seen[id] {
			continue // "Sở Tài chính, Sở Tài chính" names one agency once
		}
		seen[id] = true
		out = append(out, plan.AgencyRef{ID: id, Name: name, Collective: collective})
	}
	return out, nil
}

func (a *agencyMaker) find(ctx context.Context, r AgencyRef) (int64, string, bool, error) {
	names := []string{r.Text}
	if r.Agency != nil {
		names = []string{*r.Agency, r.Text}
	}
	for _, n := range names {
		if id, ok := a.ids[vntext.Fold(n)]; ok {
			return id, n, r.Collective, nil
		}
		ag, err := a.tx.AgencyByName(ctx, n)
		if err == nil {
			a.ids[vntext.Fold(n)] = ag.ID
			return ag.ID, ag.Name, ag.Collective, nil
		}
		if apperr.CodeOf(err) != apperr.NotFound {
			return 0, "", false, err
		}
	}
	ag := org.Agency{Name: names[0], Kind: guessKind(names[0], r.Collective), Collective: r.Collective,
		Flagged: r.Agency == nil}
	if err := a.tx.CreateAgency(ctx, &ag); err != nil {
		return 0, "", false, fmt.Errorf("planimport: agency %q: %w", ag.Name, err)
	}
	a.ids[vntext.Fold(ag.Name)] = ag.ID
	a.created = append(a.created, ag)
	return ag.ID, ag.Name, ag.Collective, nil
}

// guessKind files a new agency by the first words of its name; a
// coordinator can correct it on the agency's page.
func guessKind(name string, collective bool) org.Kind {
	f := vntext.Fold(name)
	switch {
	case collective:
		return org.KindCollective
	case strings.HasPrefix(f, "so ") || strings.HasPrefix(f, "ban ") || strings.HasPrefix(f, "cuc "):
		return org.KindDepartment
	case strings.HasPrefix(f, "ubnd") || strings.HasPrefix(f, "uy ban nhan dan"):
		return org.KindCommittee
	case strings.HasPrefix(f, "lien minh"):
		return org.KindUnion
	case strings.HasPrefix(f, "mat tran") || strings.HasPrefix(f, "hoi ") || strings.HasPrefix(f, "doan "):
		return org.KindFront
	case strings.HasPrefix(f, "bao ") || strings.HasPrefix(f, "dai "):
		return org.KindMedia
	case strings.HasPrefix(f, "ngan hang"):
		return org.KindBank
	}
	return org.KindOther
}

func toTimeframe(tf *Timeframe, issued *time.Time) plan.Timeframe {
	if tf == nil {
		return plan.Timeframe{Kind: plan.TimeframeText}
	}
	out := plan.Timeframe{Kind: plan.TimeframeKind(tf.Kind), Start: dateTime(tf.Start), Due: dateTime(tf.Due), Text: tf.Text}
	if !out.Kind.Valid() {
		year := 0
		if issued != nil {
			year = issued.Year()
		}
		out = plan.ParseTimeframe(tf.Text, year)
	}
	return out
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func dateTime(d *Date) *time.Time {
	if d == nil {
		return nil
	}
	t := d.Time()
	return &t
}

func romanNumeral(n int) string {
	vals := []int{10, 9, 5, 4, 1}
	syms := []string{"X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
