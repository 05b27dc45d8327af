package demo

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/web"
	"github.com/stretchr/testify/require"
)

// testKey is a fixed session key, so tests can compute signatures.
var testKey = []byte("0123456789abcdef0123456789abcdef")

// startWith runs a demo server with opts on free loopback ports for one test.
func startWith(t *testing.T, opts Options) *Server {
	t.Helper()
	return startHooked(t, opts, nil)
}

// startHooked is startWith, calling hook (when not nil) with the server
// between Listen and Serve, where tests set its test hooks.
func startHooked(t *testing.T, opts Options, hook func(*Server)) *Server {
	t.Helper()
	if opts.PageAddr == "" {
		opts.PageAddr = "localhost:0"
	}
	if opts.APIAddr == "" {
		opts.APIAddr = "localhost:0"
	}
	if opts.Assets == nil {
		opts.Assets = web.FS(built())
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.SessionKey == nil {
		opts.SessionKey = testKey
	}
	srv, err := Listen(opts)
	require.NoError(t, err)
	if hook != nil {
		hook(srv)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		require.NoError(t, srv.Shutdown(ctx))
		require.NoError(t, <-done)
	})
	return srv
}

// call sends one request; hdr holds name, value pairs. It returns the
// response (body closed) and its body.
func call(t *testing.T, c *http.Client, method, url, body string, hdr ...string) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	if c == nil {
		c = noRedirects
	}
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(data)
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// decode unmarshals a JSON body into a map.
func decode(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &m), body)
	return m
}

// errorOf returns the "error" field of a JSON error body.
func errorOf(t *testing.T, body string) string {
	t.Helper()
	msg, ok := decode(t, body)["error"].(string)
	require.True(t, ok, "no error field in %s", body)
	return msg
}

// snapshot reads the live log from the page origin.
func snapshot(t *testing.T, srv *Server, query string) []Exchange {
	t.Helper()
	res, body := call(t, nil, "GET", srv.PageURL()+"/log.json?"+query, "")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	var out struct {
		Last      uint64     `json:"last"`
		Exchanges []Exchange `json:"exchanges"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	return out.Exchanges
}

// lastExchange is the newest exchange in the live log.
func lastExchange(t *testing.T, srv *Server) Exchange {
	t.Helper()
	all := snapshot(t, srv, "")
	require.NotEmpty(t, all)
	return all[len(all)-1]
}

// newJar is a cookie jar for one test.
func newJar(t *testing.T) http.CookieJar {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return jar
}
