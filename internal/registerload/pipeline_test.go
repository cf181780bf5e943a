package registerload

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/store"
)

// rowOf is a register row of the organisation with code and a year
// numbered n, to follow it through the pipeline.
func rowOf(code string, n int) store.RegisterRow {
	return store.RegisterRow{Org: &coop.Organisation{Code: code}, Figures: &coop.YearFigures{Year: n}}
}

// sendAll is a reader handing over the rows of codes, count rows each.
func sendAll(codes []string, count int) func(context.Context, *chunker) error {
	return func(ctx context.Context, c *chunker) error {
		n := 0
		for _, code := range codes {
			for range count {
				if err := c.add(ctx, rowOf(code, n)); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	}
}

// Every row arrives once and in the file's order, cut into chunks that
// keep an organisation's years together: at a change of code past
// chunkRows, or at twice chunkRows of one code.
func TestPipelineChunks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		codes []string
		count int
		sizes []int
	}{
		{"one short chunk", []string{"A"}, 10, []int{10}},
		{"cut where the code changes", []string{"A", "B"}, chunkRows, []int{chunkRows, chunkRows}},
		{"years kept together past chunkRows", []string{"A", "B", "C"}, chunkRows - 1, []int{2*chunkRows - 2, chunkRows - 1}},
		{"one code cut at twice chunkRows", []string{"A"}, 2*chunkRows + 5, []int{2 * chunkRows, 5}},
		{"nothing", nil, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sizes []int
			next := 0
			err := pipeline(context.Background(), sendAll(tc.codes, tc.count), func(rows []store.RegisterRow) error {
				sizes = append(sizes, len(rows))
				for _, r := range rows {
					if r.Figures.Year != next {
						return fmt.Errorf("row %d arrived as row %d", r.Figures.Year, next)
					}
					next++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(sizes) != fmt.Sprint(tc.sizes) || next != len(tc.codes)*tc.count {
				t.Errorf("chunks %v of %d rows, want %v of %d", sizes, next, tc.sizes, len(tc.codes)*tc.count)
			}
		})
	}
}

// A failed write stops the reading (which would otherwise run forever
// here) and is the error returned; a failed read is returned once the
// chunks read before it are written; a panic while reading is an error.
func TestPipelineErrors(t *testing.T) {
	errWrite, errRead := errors.New("write failed"), errors.New("read failed")
	endless := func(ctx context.Context, c *chunker) error {
		for n := 0; ; n++ {
			if err := c.add(ctx, rowOf(fmt.Sprint(n), n)); err != nil {
				return err
			}
		}
	}
	t.Run("write fails", func(t *testing.T) {
		writes := 0
		err := pipeline(context.Background(), endless, func([]store.RegisterRow) error {
			if writes++; writes == 2 {
				return errWrite
			}
			return nil
		})
		if !errors.Is(err, errWrite) || writes != 2 {
			t.Errorf("error %v after %d writes, want %v after 2", err, writes, errWrite)
		}
	})
	t.Run("read fails", func(t *testing.T) {
		written := 0
		err := pipeline(context.Background(), func(ctx context.Context, c *chunker) error {
			if err := sendAll([]string{"A", "B"}, chunkRows)(ctx, c); err != nil {
				return err
			}
			return errRead
		}, func(rows []store.RegisterRow) error { written += len(rows); return nil })
		if !errors.Is(err, errRead) || written != chunkRows {
			t.Errorf("error %v after %d rows, want %v after %d", err, written, errRead, chunkRows)
		}
	})
	t.Run("read panics", func(t *testing.T) {
		err := pipeline(context.Background(), func(context.Context, *chunker) error { panic("bad cell") },
			func([]store.RegisterRow) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "bad cell") {
			t.Errorf("error %v, want the panic's", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		err := pipeline(ctx, endless, func([]store.RegisterRow) error { cancel(); return nil })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want %v", err, context.Canceled)
		}
	})
}
