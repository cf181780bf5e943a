package web

import (
	"time"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/plan"
)

// responsibleAgency is an agency of a task as the task page shows it on a
// day: the agency the plan named and, once its duties have passed to
// another by that day, the one answering for them and since when (Sở Kế
// hoạch và Đầu tư → Sở Tài chính from 01/03/2025). Before the succession
// date the named agency is still the one responsible, and shows alone.
type responsibleAgency struct {
	plan.AgencyRef
	Now   *org.Agency // nil while the named agency answers itself
	Since time.Time   // the day the duties reached Now
}

// responsibleOn resolves refs on day by the successions' dates
// (org.Directory.ResponsibleOn). An agency the directory does not hold
// shows as named.
func responsibleOn(dir org.Directory, refs []plan.AgencyRef, day time.Time) []responsibleAgency {
	out := make([]responsibleAgency, 0, len(refs))
	for _, ref := range refs {
		ra := responsibleAgency{AgencyRef: ref}
		if a, ok := dir.ResponsibleOn(ref.ID, day); ok && a.ID != ref.ID {
			ra.Now = &a
			ra.Since = handedOver(dir, ref.ID, a.ID)
		}
		out = append(out, ra)
	}
	return out
}

// handedOver is the date of the last step of the chain from id to to: the
// day the duties reached to.
func handedOver(dir org.Directory, id, to int64) time.Time {
	var since time.Time
	cur := dir[id]
	for range 20 { // ResponsibleOn's bound; the store refuses cycles
		if cur.ID == to || cur.SuccessorID == nil || cur.SuccessorSince == nil {
			break
		}
		since = *cur.SuccessorSince
		cur = dir[*cur.SuccessorID]
	}
	return since
}
