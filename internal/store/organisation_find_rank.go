package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// The name order kept in memory. A search gathered its matches by reading
// each matching row for its sort key (3,315 rows for "htx nong nghiep"),
// or walked the name order reading rows until its first 500 matches: on
// the 200,000-organisation register those row reads were a third of the
// CPU of the register's load run, most of it the first search of each
// text. The order of every organisation by name, read once from the
// narrow organisations_sort index (200,000 IDs, 2.4 MB) and kept under the
// register's organisations version, which every write that could change a
// name, a search text or the set of organisations moves, lets a search
// read its matching IDs from the trigram index alone and put them in
// order in memory.

// orgRankMaxID bounds the IDs the kept order indexes by slice (4 bytes an
// ID up to the largest): a register whose IDs reach past it is searched
// as before.
const orgRankMaxID = 16 << 20

// orgRank is the name order of all organisations at one version.
type orgRank struct {
	ver   int64
	order []int64 // IDs in Vietnamese name order (sort key, then ID)
	pos   []int32 // pos[id] is 1 + the place of id in order; 0 for no organisation
}

// orgRankKeeper holds the latest name order. read makes concurrent
// searches that need the order of a new version wait for one read of it;
// mu guards the fields only, so a search that does not need the order
// never waits for that read.
type orgRankKeeper struct {
	read sync.Mutex
	mu   sync.Mutex
	rank *orgRank
	// staleAt is 1 + the version at which a common text's search last
	// found the order behind (firstStale); 0 for none.
	staleAt int64
}

// orgRankAt is the name order at ver, the organisations version read
// before (orgTotalKey), read afresh when the kept one is of another
// version. ok is false when the order could not be read at exactly ver
// (a write moved it meanwhile) or the IDs are too large to index: the
// caller then orders by SQL.
func (db *DB) orgRankAt(ctx context.Context, ver int64) (*orgRank, bool, error) {
	k := &db.orgRank
	if r := k.at(ver); r != nil {
		return r, true, nil
	}
	k.read.Lock()
	defer k.read.Unlock()
	if r := k.at(ver); r != nil { // read by the search this one waited for
		return r, true, nil
	}
	rows, err := db.query(ctx, `SELECT o.id FROM organisations o ORDER BY o.sort_key, o.id`)
	order, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, false, fmt.Errorf("store: name order: %w", err)
	}
	// The order is ver's only if no write moved the version while it was
	// read: each statement reads its own snapshot.
	if now, err := db.orgVersion(ctx); err != nil || now != ver {
		return nil, false, err
	}
	maxID := int64(0)
	for _, id := range order {
		maxID = max(maxID, id)
	}
	if maxID >= orgRankMaxID || len(order) >= 1<<31-1 {
		return nil, false, nil
	}
	pos := make([]int32, maxID+1)
	for i, id := range order {
		pos[id] = int32(i + 1)
	}
	r := &orgRank{ver: ver, order: order, pos: pos}
	k.mu.Lock()
	k.rank = r
	k.mu.Unlock()
	return r, true, nil
}

// at is the kept order if it is of version ver, else nil.
func (k *orgRankKeeper) at(ver int64) *orgRank {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.rank != nil && k.rank.ver == ver {
		return k.rank
	}
	return nil
}

// orgVersion is the register's organisations version.
func (db *DB) orgVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := db.queryRow(ctx, `SELECT n FROM register_versions WHERE scope = 'organisations'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: register version: %w", err)
	}
	return n, nil
}

// sorted puts ids in name order; ok is false when one of them is not in
// the order (an organisation added since it was read).
func (r *orgRank) sorted(ids []int64) ([]int64, bool) {
	for _, id := range ids {
		if id < 0 || id >= int64(len(r.pos)) || r.pos[id] == 0 {
			return nil, false
		}
	}
	if len(ids)*16 < len(r.order) {
		out := slices.Clone(ids)
		slices.SortFunc(out, func(a, b int64) int { return int(r.pos[a]) - int(r.pos[b]) })
		return out, true
	}
	// Many matches: mark their places and read the order once, which
	// costs less than sorting 80,000 IDs.
	seen := make([]bool, len(r.order))
	for _, id := range ids {
		seen[r.pos[id]-1] = true
	}
	out := make([]int64, 0, len(ids))
	for i, s := range seen {
		if s {
			out = append(out, r.order[i])
		}
	}
	return out, true
}

// orgRankFrom is the number of matches from which a search reads the name
// order afresh when a write has left the kept one behind. Reading it costs
// 45–75 ms at 200,000 organisations, and every organisation write calls
// for it; a search of fewer matches reads their sort keys instead, about
// 3.6 µs a match on SQLite (the 3,315 matches of "htx nong nghiep": 12 ms,
// beside 12 ms for the index's matches), which costs less below about
// 12,000 matches, and leaves the order to the next search that needs it.
const orgRankFrom = 10_000

// orgTextRanked is the IDs of the organisations whose text matches q.text
// in the trigram index, in name order, and how many there are, when the
// text is the whole filter: read from the index alone and ordered by the
// kept name order at ver. When that order is of another version (a write
// came since), the first search of ver does not wait for it to be read
// again: fewer than orgRankFrom matches are ordered by their sort keys,
// and of more, the index's count is read and only the first
// orgKeepFirst matches are found, by walking the name order (as SQL
// gathering does for a common text). The next search of such a text at
// ver reads the order. ok is false when none of these can serve (see
// orgRankAt), or a write moved the version while the index was read; the
// caller then gathers by SQL.
func (db *DB) orgTextRanked(ctx context.Context, q orgQuery, ver int64) ([]int64, int, bool, error) {
	if !q.textOnly || ver < 0 || db.noOrgRank {
		return nil, 0, false, nil
	}
	// Behind, the order needs the matches only when they are few: a
	// common text's are counted (81,000 IDs read for "hop tac xa" cost
	// 15 ms more than their count).
	useRank := db.orgRank.current(ver)
	limit := -1
	if !useRank {
		limit = db.orgRankFrom
	}
	ids, err := db.orgTextMatches(ctx, q.text, limit)
	if err != nil {
		return nil, 0, false, err
	}
	total := len(ids)
	switch {
	case useRank:
	case total < db.orgRankFrom:
		if ids, err = db.orgsInNameOrder(ctx, ids); err != nil {
			return nil, 0, false, err
		}
	case db.orgRank.firstStale(ver):
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM organisations_search WHERE organisations_search MATCH ?`,
			q.text).Scan(&total); err != nil {
			return nil, 0, false, fmt.Errorf("store: search organisations: %w", err)
		}
		rows, err := db.query(ctx, `SELECT o.id FROM organisations o WHERE `+q.walk+` ORDER BY o.sort_key, o.id LIMIT `+
			strconv.Itoa(db.orgKeepFirst()), q.walkArgs...)
		if ids, err = scanAll(rows, err, scanID); err != nil {
			return nil, 0, false, fmt.Errorf("store: search organisations: %w", err)
		}
	default:
		if ids, err = db.orgTextMatches(ctx, q.text, -1); err != nil {
			return nil, 0, false, err
		}
		total, useRank = len(ids), true
	}
	if useRank {
		rank, ok, err := db.orgRankAt(ctx, ver)
		if err != nil || !ok {
			return nil, 0, false, err
		}
		if ids, ok = rank.sorted(ids); !ok {
			return nil, 0, false, nil
		}
	}
	// Both orders are ver's only if no write moved the version meanwhile.
	if now, err := db.orgVersion(ctx); err != nil || now != ver {
		return nil, 0, false, err
	}
	return ids, total, true, nil
}

// orgTextMatches is the IDs of the organisations whose text matches text
// in the trigram index, at most limit of them (-1: all).
func (db *DB) orgTextMatches(ctx context.Context, text string, limit int) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT rowid FROM organisations_search WHERE organisations_search MATCH ? LIMIT ?`, text, limit)
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: search organisations: %w", err)
	}
	return ids, nil
}

// firstStale reports whether this is the first time a common text's
// search finds the kept order behind at version ver.
func (k *orgRankKeeper) firstStale(ver int64) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	first := k.staleAt != ver+1
	k.staleAt = ver + 1
	return first
}

// current is whether the kept name order is of version ver.
func (k *orgRankKeeper) current(ver int64) bool { return k.at(ver) != nil }

// orgsInNameOrder is ids in name order, read from their rows' sort keys;
// an ID no organisation has is left out.
func (db *DB) orgsInNameOrder(ctx context.Context, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT o.id FROM organisations o WHERE o.id IN (`+placeholders(len(ids))+
		`) ORDER BY o.sort_key, o.id`, int64Args(ids)...)
	out, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: search organisations: %w", err)
	}
	return out, nil
}
