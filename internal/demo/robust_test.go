package demo

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/credfetch/credfetch/web"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// handlersOnly builds a server whose handlers tests call directly, without
// serving; its logs go to the returned buffer.
func handlersOnly(t testing.TB) (*Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	srv, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", Assets: web.FS(built()),
		Logger: slog.New(slog.NewTextHandler(logs, nil)), SessionKey: testKey, LogSize: 50})
	require.NoError(t, err)
	t.Cleanup(func() {
		srv.pageLn.Close()
		srv.apiLn.Close()
	})
	return srv, logs
}

// rawRequest builds a request from arbitrary strings, as a hostile client
// could send it; httptest.NewRequest refuses (panics on) some of them.
func rawRequest(method, target, origin, acrm, acrh, cookie, body string) *http.Request {
	u := &url.URL{Path: "/"}
	if p, err := url.ParseRequestURI(target); err == nil {
		u = p
	}
	h := http.Header{}
	for name, v := range map[string]string{"Origin": origin, "Access-Control-Request-Method": acrm, "Access-Control-Request-Headers": acrh, "Cookie": cookie} {
		if v != "" {
			h[name] = strings.Split(v, "\n")
		}
	}
	if method == "" {
		method = "GET"
	}
	return &http.Request{
		Method: method, URL: u, RequestURI: u.RequestURI(), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Host: "localhost:8081", Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
	}
}

// hostileInputs are seeds for FuzzHandlers and the cases of
// TestNoInputMakesAHandlerPanic.
var hostileInputs = [][7]string{
	{"GET", "/api/hello", "", "", "", "", ""},
	{"OPTIONS", "/api/items/1", "http://localhost:8080", "PUT", "x-demo", "", ""},
	{"OPTIONS", "/api/items/1", "null", "PUT", strings.Repeat("x-a,", 3000), "", ""},
	{"OPTIONS", "/lab/redirect", "http://localhost:8080", "DELETE", "a b, ,,", "", ""},
	{"POST", "/api/login", "http://localhost:8080\nhttp://evil.example", "", "", "", `{"user":"ada"}`},
	{"POST", "/api/login", "", "", "", "", "\x00\xff{"},
	{"GET", "/api/whoami", "", "", "", "credfetch_session=..; credfetch_session=ada.\x00", ""},
	{"GET", "/api/whoami", "", "", "", "credfetch_session=" + strings.Repeat("a.", 5000), ""},
	{"PATCH", "/api/items/-1", "", "", "", "", `{"name":null,"done":null}`},
	{"PUT", "/api/items/1", "", "", "", "", `{"name":"\ud800"}`},
	{"DELETE", "/api/items/" + strings.Repeat("9", 400), "", "", "", "", ""},
	{"GET", "/api/delay?ms=99999999999999999999", "", "", "", "", ""},
	{"GET", "/lab/redirect?cred=%zz&tab=" + strings.Repeat("t", 100), "http://localhost:8080", "", "", "", ""},
	{"GET", "/lab/redirect-no-cors/target/target", "http://x", "", "", "", ""},
	{"BREW", "/lab/", "", "", "", "", ""},
	{"GET", "/events?since=18446744073709551616", "", "", "", "", ""},
	{"GET", "/log.json?tab=%00", "", "", "", "", ""},
	{"GET", "/../../etc/passwd", "", "", "", "", ""},
	{"POST", "/demo-config.json", "", "", "", "", "x"},
}

func serveBoth(t testing.TB, srv *Server, in [7]string) {
	t.Helper()
	for _, h := range []http.Handler{srv.api.Handler, srv.page.Handler} {
		r := rawRequest(in[0], in[1], in[2], in[3], in[4], in[5], in[6])
		if r.URL.Path == "/events" {
			continue // a stream: covered by the events tests
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if ct := rec.Header().Get("Content-Type"); strings.HasPrefix(ct, "application/json") {
			require.True(t, json.Valid(rec.Body.Bytes()), "%v: invalid JSON %q", in, rec.Body.String())
		}
	}
}

func TestNoInputMakesAHandlerPanic(t *testing.T) {
	srv, logs := handlersOnly(t)
	for _, in := range hostileInputs {
		serveBoth(t, srv, in)
	}
	require.NotContains(t, logs.String(), "panicked")
	require.Equal(t, len(hostileInputs)-1, len(srv.live.since(0, "")), "every API request but the skipped stream is logged")
	for _, e := range srv.live.since(0, "") {
		require.Less(t, len(e.json), 64<<10, "header values are cut short in the log")
	}
}

func FuzzHandlers(f *testing.F) {
	for _, in := range hostileInputs {
		f.Add(in[0], in[1], in[2], in[3], in[4], in[5], in[6])
	}
	srv, logs := handlersOnly(f)
	f.Fuzz(func(t *testing.T, method, target, origin, acrm, acrh, cookie, body string) {
		if u, err := url.ParseRequestURI(target); err == nil && strings.Contains(u.Path, "delay") {
			return // waits, by design
		}
		serveBoth(t, srv, [7]string{method, target, origin, acrm, acrh, cookie, body})
		if strings.Contains(logs.String(), "panicked") {
			t.Fatalf("a handler panicked:\n%s", logs.String())
		}
	})
}
