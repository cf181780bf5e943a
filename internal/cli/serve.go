package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/server"
)

func serve(ctx context.Context, args []string, env Env) error {
	fs := flags("serve", env)
	defAddr := env.Getenv("HOPTAC_ADDR")
	if defAddr == "" {
		defAddr = "localhost:8080"
	}
	addr := fs.String("addr", defAddr, "address to listen on (HOPTAC_ADDR)")
	dsn := dbFlag(fs, env)
	withDemo := fs.Bool("demo", false, "load demonstration data into an empty database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := logger(env)
	start := time.Now()
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		loaded, err := demo.Load(ctx, db)
		if err != nil {
			return err
		}
		if len(loaded.Accounts) == 0 {
			fmt.Fprintln(env.Stdout, "Dữ liệu mẫu đã có sẵn; mật khẩu đã in ở lần chạy đầu.")
		} else {
			fmt.Fprintln(env.Stdout, "Đã nạp dữ liệu mẫu. Tài khoản (mật khẩu chỉ in một lần):")
			for _, a := range loaded.Accounts {
				fmt.Fprintf(env.Stdout, "  %-12s %-26s %s\n", a.Role, a.Email, a.Password)
			}
		}
	}
	srv, err := server.New(db, server.Config{Addr: *addr, Log: log,
		TLSCert: env.Getenv("HOPTAC_TLS_CERT"), TLSKey: env.Getenv("HOPTAC_TLS_KEY")})
	if err != nil {
		return err
	}
	scheme := "http"
	if env.Getenv("HOPTAC_TLS_CERT") != "" {
		scheme = "https"
	}
	fmt.Fprintf(env.Stdout, "hoptac đang chạy tại %s://%s (CSDL: %s, khởi động %v)\n", scheme, *addr, db.Dialect(),
		time.Since(start).Round(time.Millisecond))
	return srv.ListenAndServe(ctx)
}
