//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fixture servers of package fetch's browser tests: a page origin that
// serves the test binary, and two API origins (trusted and not, by the
// clients in the tests) that speak credentialed CORS. The CORS headers are
// written by hand here, so that these tests do not depend on package cors.
//
// API endpoints:
//
//	OPTIONS (any path but /refuse/)  a preflight that allows what it is asked
//	/login?name=&value=&httponly=    Set-Cookie name=value (SameSite=Lax)
//	/echo                            JSON {method, query, origin, cookie, headers};
//	                                 ?reply=V answers X-Reply: V (exposed) and
//	                                 X-Hidden (not exposed)
//	/public/echo                     /echo with Access-Control-Allow-Origin: *
//	/refuse/no-acao                  no CORS headers at all
//	/refuse/no-credentials           the page's origin, without
//	                                 Access-Control-Allow-Credentials
//	/slow?for=6s&size=N              N bytes trickled over the duration
//	/upload                          reads the body, answers JSON {received}
//	/big?size=N                      N bytes, byte i is i%251
//	/redirect?to=PATH                302 to PATH
//	/forget?prefix=P                 expires the cookies named P...; answers
//	                                 how many it expired

// fetchFixtures are the running fixture servers.
type fetchFixtures struct {
	page, trusted, other string // origins: http://localhost:PORT
}

// startFetchFixtures starts the three servers for one test; files are what
// the page origin serves besides the API endpoints (path -> content).
func startFetchFixtures(t *testing.T, files map[string][]byte) fetchFixtures {
	t.Helper()
	api := fixtureAPI()
	page := http.NewServeMux()
	for path, content := range files {
		page.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType(path))
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write(content)
		})
	}
	page.Handle("/", api)
	return fetchFixtures{
		page:    serveFixture(t, page),
		trusted: serveFixture(t, api),
		other:   serveFixture(t, api),
	}
}

func contentType(path string) string {
	switch {
	case strings.HasSuffix(path, ".wasm"):
		return "application/wasm"
	case strings.HasSuffix(path, ".js"):
		return "text/javascript"
	default:
		return "text/html; charset=utf-8"
	}
}

// serveFixture serves h on a free localhost port until the test ends and
// returns its origin.
func serveFixture(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatalf("start a fixture server: %v", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return "http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// credentialedCORS answers a request from another origin with the headers a
// credentialed CORS response needs; same-origin requests (no Origin, or the
// server's own) need none.
func credentialedCORS(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Add("Vary", "Origin")
	if origin := r.Header.Get("Origin"); origin != "" {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Access-Control-Expose-Headers", "X-Reply")
	}
}

func fixtureAPI() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		name, value := q.Get("name"), q.Get("value")
		if name == "" || value == "" {
			http.Error(w, "login: want ?name=N&value=V", http.StatusBadRequest)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", SameSite: http.SameSiteLaxMode, HttpOnly: q.Get("httponly") != "false"})
		fixtureJSON(w, map[string]any{"ok": true})
	})
	echo := func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if v := r.URL.Query().Get("reply"); v != "" {
			w.Header().Set("X-Reply", v)
			w.Header().Set("X-Hidden", v)
		}
		fixtureJSON(w, map[string]any{
			"method":  r.Method,
			"query":   r.URL.RawQuery,
			"origin":  r.Header.Get("Origin"),
			"cookie":  r.Header.Get("Cookie"),
			"headers": r.Header,
		})
	}
	mux.HandleFunc("/echo", echo)
	// /flaky?key=K&fail=N&status=S answers S (default 503, with
	// Retry-After: 0; an HTML page with &html=1) to the first N requests for
	// key K, then 200 with the number of requests it got for K.
	var flakyMu sync.Mutex
	flaky := map[string]int{}
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fail, _ := strconv.Atoi(q.Get("fail"))
		status, _ := strconv.Atoi(q.Get("status"))
		if status == 0 {
			status = http.StatusServiceUnavailable
		}
		flakyMu.Lock()
		flaky[q.Get("key")]++
		n := flaky[q.Get("key")]
		flakyMu.Unlock()
		w.Header().Set("Cache-Control", "no-store")
		if n <= fail {
			w.Header().Set("Retry-After", "0")
			if q.Get("html") != "" { // the error page of a proxy, say
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(status)
				_, _ = io.WriteString(w, "<html><body>busy</body></html>")
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fixtureJSON(w, map[string]any{"calls": n})
			return
		}
		fixtureJSON(w, map[string]any{"calls": n})
	})
	mux.HandleFunc("/public/echo", echo)
	mux.HandleFunc("/refuse/", func(w http.ResponseWriter, r *http.Request) { fixtureJSON(w, map[string]any{"refused": true}) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		d, err := time.ParseDuration(r.URL.Query().Get("for"))
		size, _ := strconv.Atoi(r.URL.Query().Get("size"))
		if err != nil || d <= 0 || d > time.Minute {
			http.Error(w, "slow: want ?for=DURATION", http.StatusBadRequest)
			return
		}
		if size <= 0 {
			size = 30
		}
		const chunks = 30
		body := fixturePattern(size)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		w.Header().Set("Cache-Control", "no-store") // no cache lock between requests for one URL
		flusher := w.(http.Flusher)
		for i := range chunks {
			if _, err := w.Write(body[size*i/chunks : size*(i+1)/chunks]); err != nil {
				return
			}
			flusher.Flush()
			select {
			case <-time.After(d / chunks):
			case <-r.Context().Done():
				return
			}
		}
	})
	mux.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fixtureJSON(w, map[string]any{"received": n})
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		size, err := strconv.Atoi(r.URL.Query().Get("size"))
		if err != nil || size < 0 || size > 64<<20 {
			http.Error(w, "big: want ?size=N up to 64 MiB", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		_, _ = w.Write(fixturePattern(size))
	})
	mux.HandleFunc("/forget", func(w http.ResponseWriter, r *http.Request) {
		// Expire the cookies whose names start with ?prefix=, and say how
		// many the request carried.
		prefix := r.URL.Query().Get("prefix")
		if prefix == "" {
			http.Error(w, "forget: want ?prefix=P", http.StatusBadRequest)
			return
		}
		n := 0
		for _, c := range r.Cookies() {
			if strings.HasPrefix(c.Name, prefix) {
				n++
				http.SetCookie(w, &http.Cookie{Name: c.Name, Value: "", Path: "/", MaxAge: -1})
			}
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, n)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/refuse/no-credentials":
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		case strings.HasPrefix(r.URL.Path, "/refuse/"):
		case strings.HasPrefix(r.URL.Path, "/public/"):
			w.Header().Set("Access-Control-Allow-Origin", "*")
		default:
			credentialedCORS(w, r)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h := w.Header()
				h.Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
				if rh := r.Header.Get("Access-Control-Request-Headers"); rh != "" {
					h.Set("Access-Control-Allow-Headers", rh)
				}
				h.Set("Access-Control-Max-Age", "0")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

func fixtureJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, fmt.Sprint(err), http.StatusInternalServerError)
	}
}

func fixturePattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}
