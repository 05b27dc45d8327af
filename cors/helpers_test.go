package cors

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// mustNew builds a policy or fails the test.
func mustNew(t testing.TB, cfg Config) *Policy {
	t.Helper()
	p, err := New(cfg)
	require.NoError(t, err)
	return p
}

// newRequest builds a request; headers are given as name, value pairs and
// added (so repeating a name makes repeated header lines).
func newRequest(method, origin string, headers ...string) *http.Request {
	r := httptest.NewRequest(method, "https://api.example.com/items", nil)
	if origin != "" {
		r.Header.Add("Origin", origin)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	return r
}

// preflight builds a preflight request.
func preflight(origin, method string, requestHeaders ...string) *http.Request {
	r := newRequest(http.MethodOptions, origin, "Access-Control-Request-Method", method)
	for _, h := range requestHeaders {
		r.Header.Add("Access-Control-Request-Headers", h)
	}
	return r
}

// served is what a wrapped handler did with one request.
type served struct {
	rec    *httptest.ResponseRecorder
	called bool
}

// serve runs r through p.Wrap around a handler that records that it ran and
// answers 200.
func serve(p *Policy, r *http.Request) served {
	var s served
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.called = true
		w.WriteHeader(http.StatusOK)
	})
	s.rec = httptest.NewRecorder()
	p.Wrap(next).ServeHTTP(s.rec, r)
	return s
}

// corsHeaders returns the Access-Control-* headers of h.
func corsHeaders(h http.Header) http.Header {
	out := http.Header{}
	for k, v := range h {
		if len(k) > len("Access-Control-") && k[:len("Access-Control-")] == "Access-Control-" {
			out[k] = v
		}
	}
	return out
}

// apiConfig is the credentialed policy most tests use.
func apiConfig() Config {
	return Config{
		Origins:     []string{"https://app.example.com", "https://*.example.org", "http://localhost:*"},
		Credentials: true,
		Methods:     []string{"PUT", "DELETE", "PATCH"},
		Headers:     []string{"Content-Type", "X-Requested-With", "Authorization"},
		Expose:      []string{"X-Request-Id"},
		MaxAge:      2 * time.Hour,
	}
}
