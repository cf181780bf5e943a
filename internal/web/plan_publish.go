package web

import (
	"net/http"
	"strconv"

	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/store"
)

// publication is the plan page's publication box: whether and since when
// the plan is on the public portal, and whether the reader may change it.
type publication struct {
	store.Publication
	CanPublish bool
}

// PublishPlan publishes a plan on the public portal (POST
// /plans/{id}/publish), for the coordinator and the administrator; the
// change is audited with who and when. Then back to the plan.
func (h *Handler) PublishPlan(w http.ResponseWriter, r *http.Request) { h.setPublished(w, r, true) }

// UnpublishPlan withdraws a plan from the public portal (POST
// /plans/{id}/unpublish): from then on it is found on no public page and
// in no download.
func (h *Handler) UnpublishPlan(w http.ResponseWriter, r *http.Request) { h.setPublished(w, r, false) }

func (h *Handler) setPublished(w http.ResponseWriter, r *http.Request, on bool) {
	_, planID, err := allowedOnPlan(r, auth.CanPublishPlans)
	if err != nil {
		h.Error(w, r, err)
		return
	}
	ctx := r.Context()
	if err := h.store.Update(ctx, func(tx *store.Tx) error { return tx.SetPlanPublished(ctx, planID, on) }); err != nil {
		h.Error(w, r, err)
		return
	}
	flash := "plan.unpublished"
	if on {
		flash = "plan.published"
	}
	h.sessions.Put(ctx, "flash", flash)
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(planID, 10), http.StatusSeeOther)
}
