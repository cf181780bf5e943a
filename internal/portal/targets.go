package portal

import (
	"net/http"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/target"
)

// EvaluateTargets has the portal show each linked target's status,
// evaluated from src as the coordinator's targets page evaluates it. The
// answers stay cached under the portal's version: a link or a figure
// entered by hand moves its publication revision, the register's figures
// its register revision, and the day is part of every key.
func (h *Handler) EvaluateTargets(src indicator.Source) {
	h.targetStatus = func(r *http.Request, p plan.Plan) (map[int64]string, error) {
		ctx := r.Context()
		links, err := h.store.TargetLinks(ctx, p.ID)
		if err != nil || len(links) == 0 {
			return nil, err
		}
		rows, err := target.EvaluatePlan(ctx, src, p, links, plan.Today(h.now()))
		if err != nil {
			return nil, err
		}
		out := make(map[int64]string, len(rows))
		for _, row := range rows {
			if row.Result != nil {
				out[row.Target.ID] = string(row.Result.Status)
			}
		}
		return out, nil
	}
}
