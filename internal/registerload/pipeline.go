package registerload

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/store"
)

// The import reads and writes at once: one goroutine reads the file and
// builds its rows (parsing, cleaning, resolving communes: a third of the
// work at 200.000 organisations), the transaction's goroutine stores the
// chunks it hands over. A province's server has more than one core, so
// the file is read while the database writes. At most chunksAhead full
// chunks wait between them, so memory stays bounded by the chunk size,
// whatever the file's.
const chunksAhead = 2

// chunker cuts good rows into chunks of about chunkRows, keeping the
// years of one organisation (which follow each other in a register file)
// in one chunk, so the audit log holds one row for them, not two. A file
// repeating one code past a second chunk's worth of rows still has its
// memory bounded: the chunk is cut there.
type chunker struct {
	rows []store.RegisterRow
	out  chan<- []store.RegisterRow
}

// add holds row, first handing over a full chunk when row starts another
// organisation.
func (c *chunker) add(ctx context.Context, row store.RegisterRow) error {
	if n := len(c.rows); n >= chunkRows && (c.rows[n-1].Org.Code != row.Org.Code || n >= 2*chunkRows) {
		if err := c.flush(ctx); err != nil {
			return err
		}
	}
	c.rows = append(c.rows, row)
	return nil
}

// flush hands over the rows held, unless the writer has stopped (ctx
// done): a chunk is never reused, the writer owns it.
func (c *chunker) flush(ctx context.Context) error {
	if len(c.rows) == 0 {
		return nil
	}
	select {
	case c.out <- c.rows:
		c.rows = make([]store.RegisterRow, 0, chunkRows)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// pipeline runs read in its own goroutine, handing its chunks (through
// the chunker it is given) to write, which runs in the caller's
// goroutine, the one holding the transaction. The first error wins: a
// failed write stops the reading, a failed read stops the writing once
// the chunks read before it are stored or dropped (the caller rolls the
// transaction back on any error). A panic while reading, a bug a file
// provoked, becomes an error, so it never takes the server down.
func pipeline(ctx context.Context, read func(context.Context, *chunker) error, write func([]store.RegisterRow) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []store.RegisterRow, chunksAhead)
	readErr := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("registerload: reading the file: %v", p)
			}
			close(chunks)
			readErr <- err
		}()
		c := &chunker{rows: make([]store.RegisterRow, 0, chunkRows), out: chunks}
		if err = read(ctx, c); err == nil {
			err = c.flush(ctx)
		}
	}()
	var writeErr error
	for rows := range chunks {
		if writeErr != nil {
			continue // draining: the reader sees ctx done at its next chunk
		}
		if writeErr = write(rows); writeErr != nil {
			cancel()
		}
	}
	if err := <-readErr; writeErr == nil {
		return err
	}
	return writeErr
}
