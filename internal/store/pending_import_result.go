package store

import (
	"context"
	"fmt"
)

// SetPendingImportResult replaces what a pending import keeps once it is
// confirmed: the register import stores what it did there, for its
// result page, and lets go of the file (source_lines) it no longer needs.
func (t *Tx) SetPendingImportResult(ctx context.Context, id, result string) error {
	if _, err := t.exec(ctx, `UPDATE pending_imports SET result = ?, source_lines = '' WHERE id = ?`, result, id); err != nil {
		return fmt.Errorf("store: pending import result: %w", err)
	}
	return nil
}
