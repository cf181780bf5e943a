package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/hoptac/hoptac/internal/demo"
	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/mail"
	"github.com/hoptac/hoptac/internal/server"
	"github.com/hoptac/hoptac/internal/store"
)

// serve starts in an order that keeps a failed start harmless: bind the
// port, open the database and build the server (which reads the TLS
// certificate), and only then load the demo and print its passwords, then
// announce the address, which already accepts connections.
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
	ln, err := server.Listen(ctx, *addr)
	if err != nil {
		return i18n.Errorf(err, "cli.serve.port", *addr)
	}
	defer func() { _ = ln.Close() }() // Serve closes it too; this covers the failures before
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// The first pages after start-up run on connections that have met
	// the schema already (store.Warm).
	if err := db.Warm(ctx, store.WarmConns); err != nil {
		return err
	}
	tlsCert := env.Getenv("HOPTAC_TLS_CERT")
	// The mail worker reads the stored SMTP settings, with HOPTAC_SMTP_*
	// over them, before each batch; without a host it sends nothing.
	srv, err := server.New(db, server.Config{Addr: *addr, Log: log, TLSCert: tlsCert, TLSKey: env.Getenv("HOPTAC_TLS_KEY"),
		Mail: mail.NewWorker(db, env.Getenv, log), Urge: urgeJob(db, env)})
	if err != nil {
		return err
	}
	if *withDemo {
		loaded, err := demo.Load(ctx, db)
		if err != nil {
			return err
		}
		// The administrative units come from ../shared when it is there.
		if dir := demo.UnitsDir(); dir != "" {
			units, err := demo.LoadUnits(ctx, db, dir)
			if err != nil {
				return err
			}
			env.say(env.Stdout, "cli.serve.demo_units", dir, units.Created)
		}
		if len(loaded.Accounts) == 0 {
			env.say(env.Stdout, "cli.serve.demo_present")
		} else {
			env.say(env.Stdout, "cli.serve.demo_loaded")
			for _, a := range loaded.Accounts {
				fmt.Fprintf(env.Stdout, "  %-12s %-26s %s\n", a.Role, a.Email, a.Password)
			}
		}
	}
	scheme := "http"
	if tlsCert != "" {
		scheme = "https"
	}
	env.say(env.Stdout, "cli.serve.running", scheme, announced(*addr, ln.Addr()),
		db.Dialect(), time.Since(start).Round(time.Millisecond))
	return srv.Serve(ctx, ln)
}

// announced is the address to print: the one asked for, with the port the
// system chose when it asked for port 0.
func announced(asked string, bound net.Addr) string {
	host, port, err := net.SplitHostPort(asked)
	tcp, ok := bound.(*net.TCPAddr)
	if err != nil || !ok || port != "0" {
		return asked
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
