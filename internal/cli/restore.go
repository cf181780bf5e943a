package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/hoptac/hoptac/internal/backup"
)

// restoreCmd replaces the database with a backup, after checking the backup;
// it refuses a database that holds data unless --force, and one that a
// running server has open.
func restoreCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("restore", env)
	dsn := dbFlag(fs, env)
	force := fs.Bool("force", false, "replace a database that already holds data")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return errors.New("dùng: hoptac restore [--db PATH|postgres://…] [--force] TỆP")
	}
	rep, err := backup.Restore(ctx, *dsn, files[0], backup.Options{Force: *force})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã khôi phục CSDL %s từ %s.\n", backendName(rep.Dialect, *dsn), rep.File)
	printReport(env.Stdout, rep)
	fmt.Fprintln(env.Stdout, "Khởi động lại máy chủ hoptac để dùng dữ liệu vừa khôi phục.")
	return nil
}
