package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/hoptac/hoptac/internal/backup"
)

// backupCmd writes a consistent copy of the database to a file while the
// server keeps running: VACUUM INTO on SQLite, pg_dump on PostgreSQL. The
// copy is checked before it gets its name.
func backupCmd(ctx context.Context, args []string, env Env) error {
	fs := flags("backup", env)
	dsn := dbFlag(fs, env)
	force := fs.Bool("force", false, "overwrite FILE if it exists")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return errors.New("dùng: hoptac backup [--db PATH|postgres://…] [--force] TỆP")
	}
	rep, err := backup.Backup(ctx, *dsn, files[0], backup.Options{Force: *force})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã sao lưu CSDL %s vào %s.\n", backendName(rep.Dialect, *dsn), rep.File)
	printReport(env.Stdout, rep)
	return nil
}

// backendName names the database without printing a password.
func backendName(dialect, dsn string) string {
	if dialect == "postgres" {
		return "PostgreSQL"
	}
	p, err := filepath.Abs(backup.SQLitePath(dsn))
	if err != nil {
		p = dsn
	}
	return "SQLite " + p
}

func printReport(w io.Writer, rep backup.Report) {
	check := "integrity_check và foreign_key_check đạt, đủ các bảng của hoptac"
	if rep.Dialect == "postgres" {
		check = "pg_restore đọc được toàn bộ mục lục, đủ các bảng của hoptac"
	}
	secs := strings.Replace(fmt.Sprintf("%.2f", rep.Duration.Seconds()), ".", ",", 1)
	fmt.Fprintf(w, "  Kích thước: %s (%d byte); thời gian: %s giây.\n", humanSize(rep.Size), rep.Size, secs)
	fmt.Fprintf(w, "  Kiểm tra: %s.\n", check)
	fmt.Fprintln(w, "  Số dòng theo bảng:")
	width := 0
	for _, t := range rep.Tables {
		width = max(width, len(t.Name))
	}
	for _, t := range rep.Tables {
		fmt.Fprintf(w, "    %-*s %10d\n", width, t.Name, t.Rows)
	}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return strings.Replace(fmt.Sprintf("%.1f GB", float64(n)/(1<<30)), ".", ",", 1)
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return strings.Replace(fmt.Sprintf("%.1f KB", float64(n)/(1<<10)), ".", ",", 1)
	}
	return fmt.Sprintf("%d byte", n)
}
