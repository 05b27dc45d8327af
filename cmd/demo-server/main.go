// Command demo-server runs the credfetch demo: the pages and credfetch.wasm on
// a page origin (default http://localhost:8080) and an API on a second origin
// (default http://localhost:8081), so that a browser makes real cross-origin
// requests with credentials. Start it with `make run` and open the page URL it
// prints. It stops gracefully on SIGINT or SIGTERM, finishing the requests in
// flight.
package main

import (
	"context"
	"errors"
	"flag"
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
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is main without the process: it returns the exit status, 2 for bad
// flags, 1 when the server fails.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := demo.Options{}
	fs.StringVar(&opts.PageAddr, "page-addr", demo.DefaultPageAddr, "`host:port` of the page origin, which serves the pages and credfetch.wasm")
	fs.StringVar(&opts.APIAddr, "api-addr", demo.DefaultAPIAddr, "`host:port` of the API origin, a different origin of the same site by default")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: demo-server [flags]\n\nServes the credfetch demo on two origins. Open the page URL it prints.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "demo-server: unexpected argument %q: all settings are flags (see -h)\n", fs.Arg(0))
		return 2
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	opts.Logger = log
	srv, err := demo.Listen(opts)
	if err != nil {
		fmt.Fprintln(stderr, "demo-server:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	log.Info("credfetch demo is up", "page", srv.PageURL(), "api", srv.APIURL())
	fmt.Fprintf(stderr, "\n  Open %s in your browser.\n\n", srv.PageURL())

	select {
	case err := <-served:
		if err != nil {
			log.Error("server failed", "err", err)
			return 1
		}
		return 0
	case <-ctx.Done():
	}
	log.Info("shutting down; finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Error("shutdown", "err", err)
		return 1
	}
	<-served
	return 0
}
