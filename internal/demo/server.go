// Package demo is the credfetch demo server behind cmd/demo-server: it serves
// the pages and credfetch.wasm on a page origin and an API on a second origin,
// so that a browser really makes cross-origin requests with credentials. It
// lives in its own package so that the e2e suite can start it in-process on
// free loopback ports.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/credfetch/credfetch/web"
)

// Default addresses of the two origins. localhost:8080 and localhost:8081 are
// the same site (browsers ignore the port for sites) but different origins.
const (
	DefaultPageAddr = "localhost:8080"
	DefaultAPIAddr  = "localhost:8081"
)

// Options configure a Server. The zero value serves the embedded pages on the
// default addresses and logs to slog.Default().
type Options struct {
	// PageAddr is the host:port of the page origin; a port of 0 picks a free one.
	PageAddr string
	// APIAddr is the host:port of the API origin; a port of 0 picks a free one.
	APIAddr string
	// Assets are the files of the page origin; nil means web.FS(nil), the pages
	// and build outputs embedded at compile time.
	Assets fs.FS
	// Logger receives the server's logs; nil means slog.Default().
	Logger *slog.Logger
}

// Server is the demo server: two HTTP servers, one per origin.
type Server struct {
	log     *slog.Logger
	page    *http.Server
	api     *http.Server
	pageLn  net.Listener
	apiLn   net.Listener
	pageURL string
	apiURL  string
}

// Listen binds both origins' listeners, so that their URLs are known before
// Serve is called. It logs, but does not refuse, missing build outputs: the page
// then shows the same error instead of a blank page.
func Listen(opts Options) (*Server, error) {
	if opts.PageAddr == "" {
		opts.PageAddr = DefaultPageAddr
	}
	if opts.APIAddr == "" {
		opts.APIAddr = DefaultAPIAddr
	}
	if opts.Assets == nil {
		opts.Assets = web.FS(nil)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Server{log: opts.Logger}
	var err error
	if s.pageLn, s.pageURL, err = listen("-page-addr", opts.PageAddr); err != nil {
		return nil, err
	}
	if s.apiLn, s.apiURL, err = listen("-api-addr", opts.APIAddr); err != nil {
		s.pageLn.Close()
		return nil, err
	}
	if err := web.CheckBuild(opts.Assets); err != nil {
		s.log.Error("the page origin cannot serve the helper; pages will show this error", "err", err)
	}
	s.page = newHTTPServer(s.pageHandler(opts.Assets), s.log)
	s.api = newHTTPServer(s.apiHandler(), s.log)
	return s, nil
}

// PageURL is the page origin, for example http://localhost:8080.
func (s *Server) PageURL() string { return s.pageURL }

// APIURL is the API origin, for example http://localhost:8081.
func (s *Server) APIURL() string { return s.apiURL }

// Serve serves both origins until Shutdown. It returns nil after a Shutdown,
// or the first error of either server.
func (s *Server) Serve() error {
	errs := make(chan error, 2)
	go func() { errs <- s.page.Serve(s.pageLn) }()
	go func() { errs <- s.api.Serve(s.apiLn) }()
	var first error
	for range 2 {
		if err := <-errs; err != nil && !errors.Is(err, http.ErrServerClosed) && first == nil {
			first = err
			// One origin alone is no demo: stop the other one too.
			_ = s.page.Close()
			_ = s.api.Close()
		}
	}
	return first
}

// Shutdown stops accepting connections and waits, until ctx is done, for the
// requests in flight on both origins to finish.
func (s *Server) Shutdown(ctx context.Context) error {
	return errors.Join(s.page.Shutdown(ctx), s.api.Shutdown(ctx))
}

func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// listen binds addr and returns the origin a browser uses to reach it: the
// host as given (localhost when empty or unspecified) and the bound port.
func listen(flag, addr string) (net.Listener, string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", fmt.Errorf("%s %q: want host:port, for example localhost:8080: %w", flag, addr, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("%s %q: %w (is another server on that port? pick another with %s)", flag, addr, err, flag)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	return ln, "http://" + net.JoinHostPort(host, port), nil
}
