// Package demo is the credfetch demo server behind cmd/demo-server: it serves
// the pages and credfetch.wasm on a page origin and an API on a second origin,
// so that a browser really makes cross-origin requests with credentials. It
// lives in its own package so that the e2e suite can start it in-process on
// free loopback ports.
//
// The API origin answers /api/ through a cors.Policy (DefaultCORS unless
// Options.CORS says otherwise). Every answer is JSON; errors are
// {"error": "..."} naming the problem and the fix; every response carries
// X-Request-Id.
//
//	POST /api/login         body {"user": NAME} or none (DefaultUser); sets the
//	                        signed session cookie; 200 {"user": NAME}, 400 on a bad
//	                        body or name (1 to 32 of A-Z a-z 0-9 _ -)
//	GET  /api/whoami        200 {"user": NAME} with a valid cookie; 401 saying
//	                        whether the cookie was missing or forged
//	POST /api/logout        deletes the cookie (Max-Age=0); 200 {"user": null}
//	ANY  /api/echo          200 {"method", "origin", "headers", "cookies" (names
//	                        only), "bodySize"}
//	GET  /api/items         200 {"items": [Item...]}
//	POST /api/items         {"name", "done"?}: 201 Item, Location; 409 when full
//	GET, PUT, PATCH, DELETE /api/items/{id}
//	GET  /api/delay?ms=N    answers after N ms (at most MaxDelay)
//	GET  /api/hello         200 {"message", "version"}
//	POST /api/cookies/{kind} sets the lab's cookie of that kind (lax, none,
//	                        partitioned); GET /api/cookies says which arrived
//
// A third origin, on another site than the page (127.0.0.1 by default),
// serves the cookie endpoints too, behind its own policy that trusts the
// page origin with credentials (see cookies.go), so that the lab compares a
// same-site and a cross-site API without a restart.
//
// POST, PUT, PATCH and DELETE from an origin the policy does not allow are
// refused with 403 before they act. The lab scenarios (Scenarios) answer
// under /lab/ with hand-written, deliberately wrong CORS headers. Every
// request the API origin receives goes to the live log (Exchange), which the
// page origin streams at /events (Server-Sent Events) and serves at /log.json.
package demo

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/web"
)

// Default addresses of the origins. localhost:8080 and localhost:8081 are
// the same site (browsers ignore the port for sites) but different origins;
// 127.0.0.1 is another site than localhost. DefaultSiteAddr is
// cmd/demo-server's default for the other-site origin; Listen itself puts
// that origin on a free port of 127.0.0.1 when Options.SiteAddr is empty.
const (
	DefaultPageAddr = "localhost:8080"
	DefaultAPIAddr  = "localhost:8081"
	DefaultSiteAddr = "127.0.0.1:8082"
)

// freeSiteAddr is the other-site origin's address when Options.SiteAddr is
// empty: a free port, so that servers started by tests never collide.
const freeSiteAddr = "127.0.0.1:0"

// Options configure a Server. The zero value serves the embedded pages on the
// default addresses with the default policy and logs to slog.Default().
type Options struct {
	// PageAddr is the host:port of the page origin; a port of 0 picks a free one.
	PageAddr string
	// APIAddr is the host:port of the API origin; a port of 0 picks a free one.
	APIAddr string
	// SiteAddr is the host:port of the other-site origin, which serves the
	// cookie endpoints (/api/cookies) on another site than the page, so
	// that the lab shows what browsers do with cookies across sites; empty
	// means a free port of 127.0.0.1 (of localhost when PageAddr's host is
	// 127.0.0.1).
	SiteAddr string
	// Assets are the files of the page origin: the pages, and credfetch's
	// browser files, which package assets' handler serves; nil means
	// web.FS(nil), the pages and build outputs embedded at compile time.
	Assets fs.FS
	// Logger receives the server's logs; nil means slog.Default().
	Logger *slog.Logger

	// CORS is the policy of the API origin's /api/ paths; nil means
	// DefaultCORS(). The origin PageOrigin ("page") in CORS.Origins stands
	// for the page origin. A policy the cors package refuses makes Listen
	// fail with a *PolicyError. CORS.Observe, when set, receives each
	// decision of the policy after the server has kept it for the live
	// log. With Credentials, the policy's write protection refuses
	// cross-origin writes from origins it does not allow (see
	// cors.Config.WriteProtection).
	CORS *cors.Config
	// CrossSite issues the session cookie as SameSite=None; Secure;
	// Partitioned, for an API origin on another site than the page origin
	// (cmd/demo-server then puts the API on 127.0.0.1). Otherwise the cookie
	// is SameSite=Lax, which flows between the default origins because
	// localhost:8080 and localhost:8081 are the same site.
	CrossSite bool
	// TLS serves both origins over https with a self-signed certificate that
	// Listen generates for localhost, 127.0.0.1, ::1 and the hosts of both
	// addresses; Certificate returns it. Session cookies are then Secure.
	TLS bool
	// SessionKey signs the session cookies with HMAC-SHA256; empty means 32
	// random bytes, so sessions end with the process. It must be at least
	// MinSessionKeyBytes long.
	SessionKey []byte
	// LogSize is how many exchanges the live log keeps; 0 means
	// DefaultLogSize.
	LogSize int
	// MaxStreams bounds the live-log streams (GET /events) open at once; 0
	// means DefaultMaxStreams. One more is answered 503.
	MaxStreams int
	// MaxBodyBytes is the largest request body the API origin reads; 0 means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
}

// Server is the demo server: three HTTP servers, one per origin.
type Server struct {
	log     *slog.Logger
	page    *http.Server
	api     *http.Server
	site    *http.Server
	pageLn  net.Listener
	apiLn   net.Listener
	siteLn  net.Listener
	pageURL string
	apiURL  string
	siteURL string

	policy    *cors.Policy
	policyCfg cors.Config
	sessions  *sessions
	items     *items
	live      *liveLog
	requests  atomic.Uint64
	maxBody   int64
	cert      *x509.Certificate
	closing   chan struct{}
	closeOnce sync.Once

	// sitePolicy is the other-site origin's policy (siteCORS).
	sitePolicy *cors.Policy

	// decided, when set (by tests, before Serve), sees every decision the
	// policy makes on an API origin request: Wrap's (byWrap) or, for a
	// request Wrap does not serve, Explain's.
	decided func(r *http.Request, d cors.Decision, byWrap bool)
}

// Listen binds the origins' listeners, so that their URLs are known before
// Serve is called, and builds the API origin's CORS policy. It fails with a
// *PolicyError when the cors package refuses the policy. It logs, but does
// not refuse, missing build outputs: the page then shows the same error
// instead of a blank page.
func Listen(opts Options) (*Server, error) {
	if opts.PageAddr == "" {
		opts.PageAddr = DefaultPageAddr
	}
	if opts.APIAddr == "" {
		opts.APIAddr = DefaultAPIAddr
	}
	if opts.SiteAddr == "" {
		opts.SiteAddr = freeSiteAddr
		if host, _, _ := net.SplitHostPort(opts.PageAddr); host == "127.0.0.1" {
			opts.SiteAddr = "localhost:0" // another site than a page on 127.0.0.1
		}
	}
	if opts.Assets == nil {
		opts.Assets = web.FS(nil)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	key := opts.SessionKey
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key) // crypto/rand.Read never fails
	} else if len(key) < MinSessionKeyBytes {
		return nil, fmt.Errorf("the session key is %d bytes long: use at least %d, for example openssl rand -hex 32 > session.key, then -session-key-file session.key", len(key), MinSessionKeyBytes)
	}
	maxBody := opts.MaxBodyBytes
	if maxBody <= 0 {
		maxBody = DefaultMaxBodyBytes
	}
	s := &Server{
		log:      opts.Logger,
		sessions: newSessions(slices.Clone(key), opts.CrossSite, opts.TLS),
		items:    newItems(),
		live:     newLiveLog(opts.LogSize, opts.MaxStreams),
		maxBody:  maxBody,
		closing:  make(chan struct{}),
	}
	scheme := "http"
	if opts.TLS {
		scheme = "https"
	}
	var err error
	if s.pageLn, s.pageURL, err = listen("-page-addr", opts.PageAddr, scheme); err != nil {
		return nil, err
	}
	if s.apiLn, s.apiURL, err = listen("-api-addr", opts.APIAddr, scheme); err != nil {
		s.pageLn.Close()
		return nil, err
	}
	if s.siteLn, s.siteURL, err = listen("-site-addr", opts.SiteAddr, scheme); err != nil {
		s.pageLn.Close()
		s.apiLn.Close()
		return nil, err
	}
	if err := s.configure(opts); err != nil {
		s.pageLn.Close()
		s.apiLn.Close()
		s.siteLn.Close()
		return nil, err
	}
	if hostOf(s.pageURL) == hostOf(s.siteURL) {
		s.log.Warn("the other-site origin is on the page's host, so the lab's cross-site cookies stay same-site; give -site-addr another host, such as 127.0.0.1 for a page on localhost", "page", s.pageURL, "site", s.siteURL)
	}
	if opts.CrossSite && hostOf(s.pageURL) == hostOf(s.apiURL) {
		s.log.Warn("-cross-site with both origins on one site: the cookie is issued as for a cross-site API, but requests stay same-site; put the API on another host, such as 127.0.0.1", "page", s.pageURL, "api", s.apiURL)
	}
	files, err := assets.New(opts.Assets)
	if err != nil {
		if built := assets.CheckBuild(opts.Assets); built != nil {
			err = built // the demo's own words: how to build the missing files
		}
		s.log.Error("the page origin cannot serve the helper; pages will show this error", "err", err)
	}
	// Both origins bound reading a request and writing its answer; the
	// live log's streams (events) lift their read deadline and set a write
	// deadline per write instead.
	s.page = newHTTPServer(s.pageHandler(opts.Assets, files), s.log, pageReadTimeout)
	s.page.WriteTimeout = pageWriteTimeout
	s.api = newHTTPServer(s.apiHandler(), s.log, apiReadTimeout)
	s.api.WriteTimeout = apiWriteTimeout
	s.site = newHTTPServer(s.siteHandler(), s.log, apiReadTimeout)
	s.site.WriteTimeout = apiWriteTimeout
	s.page.RegisterOnShutdown(s.closeStreams)
	return s, nil
}

// configure builds the policies of the API and other-site origins and, with
// opts.TLS, wraps the listeners in TLS.
func (s *Server) configure(opts Options) error {
	cfg := DefaultCORS()
	if opts.CORS != nil {
		cfg = *opts.CORS
	}
	var err error
	if s.policy, s.policyCfg, err = resolvePolicy(cfg, s.pageURL, s.observe); err != nil {
		return err
	}
	if s.sitePolicy, err = cors.New(siteCORS(s.pageURL)); err != nil {
		return fmt.Errorf("the other-site origin's CORS policy: %w", err)
	}
	if opts.TLS {
		return s.useTLS()
	}
	return nil
}

// useTLS wraps the listeners in TLS with a fresh self-signed certificate.
func (s *Server) useTLS() error {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	for _, u := range []string{s.pageURL, s.apiURL, s.siteURL} {
		if h := hostOf(u); !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	cert, leaf, err := selfSigned(hosts)
	if err != nil {
		return err
	}
	s.cert = leaf
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}}
	s.pageLn = tls.NewListener(s.pageLn, cfg)
	s.apiLn = tls.NewListener(s.apiLn, cfg)
	s.siteLn = tls.NewListener(s.siteLn, cfg)
	return nil
}

// Certificate is the self-signed certificate of the origins with
// Options.TLS, nil without. It is its own CA: add it to a client's roots.
func (s *Server) Certificate() *x509.Certificate { return s.cert }

// Policy is the resolved cors.Config of the API origin (the page origin in
// place of PageOrigin).
func (s *Server) Policy() cors.Config { return s.policyCfg }

// closeStreams ends the event streams, which would otherwise keep Shutdown
// waiting.
func (s *Server) closeStreams() { s.closeOnce.Do(func() { close(s.closing) }) }

// PageURL is the page origin, for example http://localhost:8080.
func (s *Server) PageURL() string { return s.pageURL }

// APIURL is the API origin, for example http://localhost:8081.
func (s *Server) APIURL() string { return s.apiURL }

// SiteURL is the other-site origin, for example http://127.0.0.1:8082: the
// cookie endpoints on another site than the page origin.
func (s *Server) SiteURL() string { return s.siteURL }

// servers lists the origins' servers.
func (s *Server) servers() []*http.Server { return []*http.Server{s.page, s.api, s.site} }

// Serve serves the origins until Shutdown. It returns nil after a Shutdown,
// or the first error of any server.
func (s *Server) Serve() error {
	lns := []net.Listener{s.pageLn, s.apiLn, s.siteLn}
	errs := make(chan error, len(lns))
	for i, srv := range s.servers() {
		go func() { errs <- srv.Serve(lns[i]) }()
	}
	var first error
	for range lns {
		if err := <-errs; err != nil && !errors.Is(err, http.ErrServerClosed) && first == nil {
			first = err
			// One origin alone is no demo: stop the others too.
			for _, srv := range s.servers() {
				_ = srv.Close()
			}
		}
	}
	return first
}

// Shutdown stops accepting connections and waits, until ctx is done, for the
// requests in flight on the origins to finish. Live log streams end at once.
// When ctx ends first, Shutdown closes the connections still open (a client
// that stopped reading, a body that trickles in) and returns nil: the
// server has stopped.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closeStreams()
	all := s.servers()
	errs := make(chan error, len(all))
	for _, srv := range all {
		go func() { errs <- srv.Shutdown(ctx) }()
	}
	var err error
	for range all {
		err = errors.Join(err, <-errs)
	}
	if ctx.Err() != nil {
		// The grace period is over: close what is left (a client that
		// stopped reading, a body that trickles in) rather than wait.
		s.log.Warn("shutdown: the grace period ended with connections still open; closing them")
		var closed error
		for _, srv := range all {
			closed = errors.Join(closed, srv.Close())
		}
		return closed
	}
	return err
}

// Deadlines of the two origins. apiReadTimeout bounds reading a whole
// request, body included, on the API origin, and is longer than any API
// handler runs (MaxDelay); the page origin takes no bodies. The write
// timeouts leave a slow link time to fetch credfetch.wasm.
const (
	apiReadTimeout   = 30 * time.Second
	apiWriteTimeout  = 2 * time.Minute
	pageReadTimeout  = 10 * time.Second
	pageWriteTimeout = 2 * time.Minute
)

func newHTTPServer(h http.Handler, log *slog.Logger, readTimeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       readTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// listen binds addr and returns the origin a browser uses to reach it: the
// scheme, the host as given (localhost when empty or unspecified) and the
// bound port.
func listen(flag, addr, scheme string) (net.Listener, string, error) {
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
	return ln, scheme + "://" + net.JoinHostPort(host, port), nil
}

// hostOf returns the host of an origin URL, without brackets.
func hostOf(origin string) string {
	u, err := url.Parse(origin)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
