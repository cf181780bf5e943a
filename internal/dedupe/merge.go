package dedupe

import (
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
)

// Merge is one merge of a duplicate into the organisation kept: what moved
// to the kept one and what both had. A year or a manager's position both
// had stays as the kept organisation had it; the merged organisation's row
// is left on the merged one, untouched, where its page still shows it.
type Merge struct {
	ID         int64  `json:"id"`
	KeptID     int64  `json:"kept_id"`
	MergedID   int64  `json:"merged_id"`
	MergedName string `json:"merged_name"`
	MergedCode string `json:"merged_code"`
	// YearsMoved are the years of figures moved; YearsKept those both had.
	YearsMoved []int `json:"years_moved"`
	YearsKept  []int `json:"years_kept"`
	// StatusesMoved counts the entries of the status history moved.
	StatusesMoved int         `json:"statuses_moved"`
	RolesMoved    []coop.Role `json:"roles_moved"`
	RolesKept     []coop.Role `json:"roles_kept"`
	By            string      `json:"by"`
	At            time.Time   `json:"at"`
}

// CheckMerge refuses a merge of an organisation into itself, or one in
// which either side has already been merged into another.
func CheckMerge(kept, merged coop.Organisation) error {
	switch {
	case kept.ID == merged.ID:
		return apperr.New(apperr.Validation, "error.merge_self")
	case kept.Status == coop.StatusMerged || merged.Status == coop.StatusMerged:
		return apperr.New(apperr.Conflict, "error.merge_already_merged")
	}
	return nil
}

// Split sorts the merged organisation's keys (years, positions) into
// those the kept one lacks, which move, and those both have, which stay.
func Split[T comparable](kept, merged []T) (move, both []T) {
	for _, k := range merged {
		if slices.Contains(kept, k) {
			both = append(both, k)
		} else {
			move = append(move, k)
		}
	}
	return move, both
}
