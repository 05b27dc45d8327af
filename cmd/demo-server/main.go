// Command demo-server runs the credfetch demo: the pages and credfetch.wasm on
// a page origin (default http://localhost:8080) and an API on a second origin
// (default http://localhost:8081), so that a browser makes real cross-origin
// requests with credentials; a third origin on another site (default
// http://127.0.0.1:8082) serves the lab's cookie endpoints. The API answers through a CORS policy set by
// flags or a JSON file; the server refuses to start with a policy the cors
// package finds insecure. Start it with `make run` and open the page URL it
// prints; `demo-server -h` lists every flag. It stops gracefully on SIGINT or
// SIGTERM, finishing the requests in flight.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/credfetch/credfetch/internal/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses of run.
const (
	exitOK     = 0
	exitFailed = 1 // the server could not start or failed while serving
	exitUsage  = 2 // bad flags, a bad -config file, or a policy the cors package refuses
)

// shutdownGrace is how long a stop waits for requests in flight.
const shutdownGrace = 10 * time.Second

// run is main without the process: it serves until ctx ends, then shuts
// down gracefully, and returns the exit status.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	switch {
	case errors.Is(err, errHelp):
		return exitOK
	case err != nil:
		if !errors.Is(err, errReported) {
			fmt.Fprintln(stderr, "demo-server:", err)
		}
		return exitUsage
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	opts.Logger = log
	srv, err := demo.Listen(opts)
	if err != nil {
		fmt.Fprintln(stderr, "demo-server:", err)
		if demo.IsPolicyError(err) {
			return exitUsage
		}
		return exitFailed
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	log.Info("credfetch demo is up", "page", srv.PageURL(), "api", srv.APIURL(), "site", srv.SiteURL(), "cross-site", opts.CrossSite, "tls", opts.TLS)
	pol := srv.Policy()
	log.Info("the API origin's CORS policy", "origins", pol.Origins, "credentials", pol.Credentials, "methods", pol.Methods,
		"headers", pol.Headers, "expose", pol.Expose, "maxAge", pol.MaxAge)
	fmt.Fprintf(stderr, "\n  Open %s in your browser; the CORS lab is %s/lab.html.\n", srv.PageURL(), srv.PageURL())
	if opts.TLS {
		fmt.Fprintf(stderr, "  The certificate is made up at start and signed by nobody: accept it on the page, then open %s/api/hello and %s/api/cookies once and accept it there too.\n", srv.APIURL(), srv.SiteURL())
	}
	fmt.Fprintln(stderr)

	select {
	case err := <-served:
		if err != nil {
			log.Error("server failed", "err", err)
			return exitFailed
		}
		return exitOK
	case <-ctx.Done():
	}
	log.Info("shutting down; finishing requests in flight", "grace", shutdownGrace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Error("shutdown", "err", err)
		return exitFailed
	}
	<-served
	return exitOK
}
