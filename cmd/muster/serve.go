package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/web"
)

// runServe serves the JSON API and the web UI until the context ends.
func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.newFlagSet("serve", "[--addr HOST:PORT] [--token TOKEN] [--max-in-flight N]")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	token := fs.String("token", "", "require this token of API requests (Authorization: Bearer TOKEN); default $MUSTER_TOKEN")
	inFlight := fs.Int("max-in-flight", web.DefaultMaxInFlight, "requests served at once; beyond, 503 with Retry-After")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *token == "" {
		*token = os.Getenv("MUSTER_TOKEN")
	}
	if *inFlight < 1 {
		return muster.Errorf(muster.KindInvalid, "serve: --max-in-flight %d: want 1 or more", *inFlight)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	h, err := web.NewServer(webStore{storeReader{db}}, web.Options{Logger: logger, Token: *token, MaxInFlight: *inFlight})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second}
	if *token == "" && !loopback(ln.Addr()) {
		fmt.Fprintf(m.Stderr, "muster: warning: serving on %s, beyond loopback, with no API token: anyone who can reach it can read the API (set --token or MUSTER_TOKEN)\n", ln.Addr())
	}
	fmt.Fprintf(m.Stdout, "muster: serving %s on http://%s/ (API under /api/v1/)\n", m.Config.DB, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	case err := <-errc:
		return err
	}
}

// loopback reports whether a listening address is reachable only from this
// machine.
func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
