package registerexport

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// writingSource is the database, with writes of another user between the
// pages an export reads.
type writingSource struct {
	*store.DB
	pages int
	write func(page int)
}

func (s *writingSource) OrganisationsAfter(ctx context.Context, f store.OrganisationFilter, cur store.OrgCursor, limit int) ([]coop.Organisation, store.OrgCursor, error) {
	s.pages++
	if s.pages > 1 {
		s.write(s.pages)
	}
	return s.DB.OrganisationsAfter(ctx, f, cur, limit)
}

// TestExportDuringWrites exports a register of several pages from the
// database while organisations are added before and after the export's
// place in the list, one per page: every organisation there at the start
// is in the file once, in Vietnamese order, and those added ahead of the
// export are in it too. An export paged by OFFSET repeats a row each time
// one is added behind it.
func TestExportDuringWrites(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	old := pageSize
	pageSize = 4
	t.Cleanup(func() { pageSize = old })
	since := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	create := func(i int, name string) {
		o := coop.Organisation{Code: fmt.Sprintf("28%08d", i), Name: name, Form: coop.FormHTX,
			Sector: coop.SectorAgriculture, Law: 2023, CommuneCode: "10507", CommuneValidFrom: &since}
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.CreateOrganisation(ctx, &o) }); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for i := range 18 {
		// "Hợp tác xã B 00" … "B 17": after "A …", before "C …".
		name := fmt.Sprintf("Hợp tác xã B %02d", i)
		create(i, name)
		want = append(want, name)
	}
	src := &writingSource{DB: db}
	src.write = func(page int) {
		create(100+page, fmt.Sprintf("Hợp tác xã A %02d", page)) // behind the export
		create(200+page, fmt.Sprintf("Hợp tác xã C %02d", page)) // ahead of it
	}
	var buf bytes.Buffer
	n, err := Write(ctx, &buf, src, store.OrganisationFilter{Form: coop.FormHTX}, CSV, tr(t))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[1])
	}
	if src.pages < 5 || n != len(got) {
		t.Fatalf("%d pages, %d rows written, %d read", src.pages, n, len(got))
	}
	// The B's, each once and in order, then every C added (the last page's
	// own C too: it was added before that page was read).
	if !slices.Equal(got[:len(want)], want) {
		t.Fatalf("exported %v,\nwant first %v", got, want)
	}
	for i, name := range got[len(want):] {
		if name != fmt.Sprintf("Hợp tác xã C %02d", i+2) {
			t.Fatalf("exported %v: after the B's, %q", got, name)
		}
	}
}
