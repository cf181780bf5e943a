package store_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
	"github.com/hoptac/hoptac/internal/vntext"
)

// TestMigrationRekeysNames checks migration 00038: every agency's and
// organisation's stored sort key is made again from its name, across
// more than one batch, so lists come out in Vietnamese order with keys
// of the new encoding.
func TestMigrationRekeysNames(t *testing.T) {
	ctx := context.Background()
	db := openAtVersion(t, 37)
	words := []string{"Đông", "đồng", "Dong", "Hòa", "Hoà", "hóa", "Ánh", "anh", "Ấp", "Zô", "Ơn", "ơn", "Ư", "Bình"}
	update(t, db, func(tx *store.Tx) error {
		for i := range 1100 {
			o := newOrg(fmt.Sprintf("%010d", 3600000000+i), fmt.Sprintf("Hợp tác xã %s %d", words[i%len(words)], i))
			if err := tx.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
		}
		for _, w := range []string{"Đông", "Hòa", "Ánh", "Ơn", "Bình", "An"} {
			a := org.Agency{Name: "UBND xã " + w, Kind: org.KindCommittee, ValidFrom: day(2008, 4, 1)}
			if err := tx.CreateAgency(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
	// Keys as a database made before the migration holds them: not the
	// ones vntext.Key makes now.
	for _, table := range []string{"organisations", "agencies"} {
		if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE `+table+` SET sort_key = ?`), []byte("stale")); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"organisations", "agencies"} {
		rows, err := db.SQL().QueryContext(ctx, `SELECT name, sort_key FROM `+table+` ORDER BY sort_key, id`)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for rows.Next() {
			var name string
			var key []byte
			if err := rows.Scan(&name, &key); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(key, vntext.Key(name)) {
				t.Errorf("%s %q keeps key % x, want % x", table, name, key, vntext.Key(name))
			}
			names = append(names, name)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		want := slices.Clone(names)
		slices.SortStableFunc(want, vntext.Compare)
		if !slices.Equal(names, want) || len(names) == 0 {
			t.Errorf("%s in key order: %q…, want %q…", table, names[:min(5, len(names))], want[:min(5, len(want))])
		}
	}
}
