package demo

import (
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/credfetch/credfetch/internal/version"
)

// MaxDelay is the longest wait GET /api/delay grants.
const MaxDelay = 10 * time.Second

// apiHandler serves the API origin: /api/ behind the cors policy, the lab
// scenarios under /lab/, every exchange recorded in the live log.
func (s *Server) apiHandler() http.Handler {
	api := http.NewServeMux()
	route(api, "/api/hello", methods{http.MethodGet: s.hello})
	route(api, "/api/login", methods{http.MethodPost: s.sessions.login})
	route(api, "/api/whoami", methods{http.MethodGet: s.sessions.whoami})
	route(api, "/api/logout", methods{http.MethodPost: s.sessions.logout})
	api.HandleFunc("/api/echo", echo)
	route(api, "/api/items", methods{http.MethodGet: s.items.listAll, http.MethodPost: s.items.create})
	route(api, "/api/items/{id}", methods{
		http.MethodGet:    s.items.one,
		http.MethodPut:    s.items.one,
		http.MethodPatch:  s.items.one,
		http.MethodDelete: s.items.one,
	})
	route(api, "/api/delay", methods{http.MethodGet: delay})
	routeCookies(api)
	api.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no endpoint %s: the API has /api/hello, /api/login, /api/whoami, /api/logout, /api/echo, /api/items, /api/items/{id}, /api/delay, /api/cookies and /api/cookies/{kind}", r.URL.Path)
	})

	root := http.NewServeMux()
	root.Handle("/api/", s.policy.Wrap(api))
	root.Handle("/lab", labHandler())
	root.Handle("/lab/", labHandler())
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "the API origin has no %s: its paths are /api/... and the CORS lab under /lab/; the pages are on the page origin %s", r.URL.Path, s.pageURL)
	})
	return s.record(s.recoverPanics(s.limitBody(root)))
}

// methods maps request methods to handlers.
type methods map[string]http.HandlerFunc

// route serves path with one handler per method. GET also serves HEAD. A
// request with another method gets a JSON 405 naming the allowed ones, except
// OPTIONS (one that is not a preflight), which gets 204 with Allow.
func route(mux *http.ServeMux, path string, m methods) {
	allowed := make([]string, 0, len(m)+2)
	for name := range m {
		allowed = append(allowed, name)
	}
	if _, ok := m[http.MethodGet]; ok {
		allowed = append(allowed, http.MethodHead)
	}
	allowed = append(allowed, http.MethodOptions)
	slices.Sort(allowed)
	allow := strings.Join(allowed, ", ")
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		h, ok := m[r.Method]
		if !ok && r.Method == http.MethodHead {
			h, ok = m[http.MethodGet]
		}
		switch {
		case ok:
			h(w, r)
		case r.Method == http.MethodOptions:
			w.Header().Set("Allow", allow)
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", allow)
			writeError(w, http.StatusMethodNotAllowed, "%s does not take %s: use %s", path, r.Method, allow)
		}
	})
}

// hello handles GET /api/hello.
func (s *Server) hello(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{
		"message": "hello from the credfetch API origin",
		"version": version.Version,
	})
}

// echoBody is the answer of /api/echo.
type echoBody struct {
	Method   string              `json:"method"`
	Origin   string              `json:"origin"`
	Headers  map[string][]string `json:"headers"`
	Cookies  []string            `json:"cookies"`
	BodySize int64               `json:"bodySize"`
}

// echo handles /api/echo, any method: what the server received. Cookie
// values are never echoed, only their names; the Cookie header is left out
// of headers.
func echo(w http.ResponseWriter, r *http.Request) {
	n, err := io.Copy(io.Discard, r.Body)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	h := make(map[string][]string, len(r.Header)+1)
	for name, values := range r.Header {
		if http.CanonicalHeaderKey(name) != "Cookie" {
			h[http.CanonicalHeaderKey(name)] = values
		}
	}
	h["Host"] = []string{r.Host}
	writeJSON(w, http.StatusOK, echoBody{
		Method:   r.Method,
		Origin:   r.Header.Get("Origin"),
		Headers:  h,
		Cookies:  cookieNames(r),
		BodySize: n,
	})
}

// cookieNames lists the names of the request's cookies, never their values.
func cookieNames(r *http.Request) []string {
	names := []string{}
	for _, c := range r.Cookies() {
		names = append(names, c.Name)
	}
	return names
}

// delay handles GET /api/delay?ms=N: it answers after N milliseconds (at most
// MaxDelay), or earlier when the client goes away. Pages use it to try
// timeouts; tests use it to check that shutdown finishes requests in flight.
func delay(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("ms")
	ms, err := strconv.Atoi(raw)
	if err != nil || ms < 0 || time.Duration(ms)*time.Millisecond > MaxDelay {
		writeError(w, http.StatusBadRequest, "ms=%q: give a whole number of milliseconds from 0 to %d, for example /api/delay?ms=500", truncate(raw, 20), MaxDelay.Milliseconds())
		return
	}
	t := time.NewTimer(time.Duration(ms) * time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
		writeJSON(w, http.StatusOK, map[string]int{"waitedMs": ms})
	case <-r.Context().Done():
	}
}
