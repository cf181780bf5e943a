package portal_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/indicator"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
	"github.com/hoptac/hoptac/internal/target"
)

// A linked target of a published plan shows on the portal the status the
// coordinator's targets page computes: "not assessed" unlinked, "no data"
// linked without a figure, "achieved" once the figure is entered.
func TestPublishedTargetShowsItsStatus(t *testing.T) {
	e := newDiffEnv(t)
	publish(t, e.db, e.plans[0], true)
	tid := storetest.IDs(t, e.db, `SELECT id FROM targets WHERE plan_id = ? ORDER BY ordinal`, e.plans[0])[0]
	row := func() string {
		t.Helper()
		_, body, _ := get(t, fmt.Sprintf("%s/cong-khai/ke-hoach/%d", e.cached, e.plans[0]), nil)
		i := strings.Index(body, "<tbody>")
		end := strings.Index(body[i:], "</tr>")
		if i < 0 || end < 0 {
			t.Fatalf("no targets table:\n%.2000s", body)
		}
		return body[i : i+end]
	}
	steps := []struct {
		name, want string
		change     func(ctx context.Context, tx *store.Tx) error
	}{
		{"unlinked", "Chưa đánh giá", nil},
		{"linked, no figure", "Chưa có số liệu", func(ctx context.Context, tx *store.Tx) error {
			return tx.SaveTargetLink(ctx, e.plans[0], &target.Link{TargetID: tid, Indicator: indicator.GRDPShare,
				Comparator: target.AtLeast, Value: 1, BaselineYear: 2024, Deadline: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
		}},
		{"figure entered", "Đạt", func(ctx context.Context, tx *store.Tx) error {
			return tx.PutIndicatorEntry(ctx, &indicator.Entry{Indicator: indicator.GRDPShare, Year: 2025, Value: 1.2, Source: "Niên giám"})
		}},
	}
	for _, s := range steps {
		if s.change != nil {
			e.write(s.change)
		}
		if r := row(); !strings.Contains(r, "<td>"+s.want+"</td>") {
			t.Errorf("%s: the target's row lacks %q:\n%s", s.name, s.want, r)
		}
	}
}
