package store

import (
	"context"
	"slices"
	"strconv"

	"github.com/hoptac/hoptac/internal/coop"
)

// A page of a register list is kept whole, its organisations as read,
// under the versions of everything it shows: the key of its total and
// matches (orgTotalKey: the filter, the organisations version, the
// figures' a year or a rating filter reads) with the version of the
// organisations' rows, which any write to an organisation moves
// (migration 00035), and the page asked. Readers ask for the same first
// pages of the same searches and filters over and over; a kept page is
// served without reading its 50 organisations again. Filing figures
// leaves the pages that do not filter on figures, since no list shows
// figures.

// orgPageCost bounds the pages kept, counted in organisations (about 600
// bytes each as read).
const orgPageCost = 50_000

// orgRowsScope is the register version of the organisations' rows.
const orgRowsScope = "organisation_rows"

// OrgPage is one page of a register list.
type OrgPage struct {
	Items []coop.Organisation
	Total int
	// Stamp names what the page was read under: two pages of the same
	// Stamp hold the same organisations, in the same order, alike in
	// every field. Caches of what is made from a page (a rendered list,
	// the API's answer) key on it.
	Stamp string
}

// keptOrgPage is a kept page: its organisations are never handed out,
// only copies, so no caller can change what the next one is served.
type keptOrgPage struct {
	items []coop.Organisation
	total int
}

// OrganisationPage is Organisations with the page's stamp.
func (db *DB) OrganisationPage(ctx context.Context, f OrganisationFilter) (OrgPage, error) {
	key, ver, rows, err := db.orgTotalKey(ctx, f)
	if err != nil {
		return OrgPage{}, err
	}
	limit, offset := limits(f.Page, f.PerPage)
	stamp := key + "|rows=" + strconv.FormatInt(rows, 10) + "|" + strconv.Itoa(limit) + "@" + strconv.Itoa(offset)
	if p, ok := db.orgPages.Get(stamp); ok && !db.noOrgTotalCache {
		return OrgPage{Items: slices.Clone(p.items), Total: p.total, Stamp: stamp}, nil
	}
	items, total, err := db.organisations(ctx, f, key, ver)
	if err != nil {
		return OrgPage{}, err
	}
	if !db.noOrgTotalCache {
		db.orgPages.Put(stamp, keptOrgPage{items: slices.Clone(items), total: total}, len(items)+1)
	}
	return OrgPage{Items: items, Total: total, Stamp: stamp}, nil
}

// organisations reads one page of what f selects, and the total, with
// key and ver from orgTotalKey.
func (db *DB) organisations(ctx context.Context, f OrganisationFilter, key string, ver int64) ([]coop.Organisation, int, error) {
	q, err := db.orgFindAt(ctx, f, ver)
	if err != nil {
		return nil, 0, err
	}
	if q.gather {
		ids, total, err := db.orgSearchIDs(ctx, key, q, ver)
		if err != nil {
			return nil, 0, err
		}
		limit, offset := limits(f.Page, f.PerPage)
		page := ids[min(offset, len(ids)):min(offset+limit, len(ids))]
		if len(ids) < total && offset+limit > len(ids) {
			// Past the matches kept (PostgreSQL keeps the first ones only).
			if page, err = db.orgSearchPage(ctx, q, limit, offset); err != nil {
				return nil, 0, err
			}
		}
		out, err := db.orgsByID(ctx, page)
		if err != nil {
			return nil, 0, err
		}
		return out, total, nil
	}
	total, err := db.orgTotal(ctx, key, q)
	if err != nil || total == 0 {
		return nil, total, err
	}
	out, err := db.orgPage(ctx, f, q, total)
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
