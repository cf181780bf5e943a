package web_test

import (
	"context"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/target"
)

// auditTargetLinks links a target of a plan of its own to an indicator,
// then changes the link, so every audited field of a link is labelled.
func auditTargetLinks(actx context.Context, tx *store.Tx) error {
	one, due := 1.0, time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	p := plan.Plan{Number: "135/KH-UBND", Type: "KH", Title: "Kế hoạch có mục tiêu",
		Targets: []plan.Target{{Text: "1,0 - 1,2% GRDP", Comparator: target.Between, Value: &one, Due: &due}}}
	if err := tx.CreatePlan(actx, &p); err != nil {
		return err
	}
	baseline, upper := 0.8, 1.2
	l := target.Link{TargetID: p.Targets[0].ID, Indicator: indicator.GRDPShare, Comparator: target.Between, Value: 1,
		ValueMax: &upper, BaselineYear: 2017, BaselineValue: &baseline, Deadline: due}
	if err := tx.SaveTargetLink(actx, p.ID, &l); err != nil {
		return err
	}
	l.Value = 1.1
	return tx.SaveTargetLink(actx, p.ID, &l)
}
