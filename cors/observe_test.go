package cors

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// observeRequests are the requests of explainMatrix and the other outcomes
// a decision can have: every Reason, preflights refused at each step.
func observeRequests(t *testing.T) []*http.Request {
	_, requests := explainMatrix(t)
	return append(requests,
		newRequest(http.MethodGet, "https://app.example.com", "Origin", "https://x.example"),
		newRequest(http.MethodOptions, "null", "Access-Control-Request-Method", "PUT"),
		newRequest(http.MethodOptions, "https://app.example.com", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Method", "GET"),
		preflight("https://app.example.com", "PUT", "a b"),
		preflight("https://app.example.com", "PUT", strings.Repeat("x-a,", MaxRequestHeadersBytes)),
		preflight("https://app.example.com", "PUT", ""),
		preflight("https://evil.example", "PUT", "x-refused-anyway"),
		newRequest(http.MethodPost, "https://a.example.org"),
		newRequest(http.MethodDelete, "https://evil.example"),
	)
}

// orderWriter is a ResponseRecorder that checks, through before, that
// something happened before the handler touched the response.
type orderWriter struct {
	*httptest.ResponseRecorder
	before func(what string)
}

func (w *orderWriter) Header() http.Header {
	w.before("Header")
	return w.ResponseRecorder.Header()
}

func (w *orderWriter) WriteHeader(code int) {
	w.before("WriteHeader")
	w.ResponseRecorder.WriteHeader(code)
}

// TestObserveSeesTheDecisionExplainGives checks that Wrap hands
// Config.Observe exactly one Decision per request, equal to Explain's, before
// it writes anything or calls the wrapped handler, for every policy and
// request of the matrix, preflights included.
func TestObserveSeesTheDecisionExplainGives(t *testing.T) {
	requests := observeRequests(t)
	seenReasons := map[Reason]bool{}
	for i, cfg := range explainConfigs() {
		var observed []Decision
		cfg.Observe = func(r *http.Request, d Decision) { observed = append(observed, d) }
		p := mustNew(t, cfg)
		for j, r := range requests {
			observed = nil
			called := false
			h := p.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				called = true
				assert.Len(t, observed, 1, "policy %d request %d: observed before the handler runs", i, j)
			}))
			w := &orderWriter{ResponseRecorder: httptest.NewRecorder(), before: func(what string) {
				assert.Len(t, observed, 1, "policy %d request %d: observed before %s", i, j, what)
			}}
			h.ServeHTTP(w, r)

			require.Len(t, observed, 1, "policy %d request %d: one decision per request", i, j)
			d := observed[0]
			assert.Equal(t, p.Explain(r), d, "policy %d request %d", i, j)
			assert.Equal(t, w.Header(), d.Header, "policy %d request %d: the headers written", i, j)
			assert.Equal(t, !d.Preflight && !d.Write.Refused, called, "policy %d request %d", i, j)
			if d.Status != 0 {
				assert.Equal(t, d.Status, w.Code, "policy %d request %d", i, j)
			}
			seenReasons[d.Reason] = true
		}
	}
	assert.Len(t, seenReasons, len(reasons), "the requests cover every Reason: %v", seenReasons)
}

// TestObservedDecisionIsTheObserversOwn checks that an observer changing
// the Decision's Header changes neither the response nor the policy.
func TestObservedDecisionIsTheObserversOwn(t *testing.T) {
	cfg := apiConfig()
	cfg.Observe = func(_ *http.Request, d Decision) {
		for name, v := range d.Header {
			for i := range v {
				v[i] = "changed"
			}
			d.Header[name] = append(v, "added")
		}
	}
	p := mustNew(t, cfg)
	for range 2 {
		h := serve(p, preflight("https://app.example.com", "PUT", "content-type")).rec.Header()
		assert.Equal(t, []string{"true"}, h.Values("Access-Control-Allow-Credentials"))
		assert.Equal(t, []string{"https://app.example.com"}, h.Values("Access-Control-Allow-Origin"))
		assert.Equal(t, []string{"7200"}, h.Values("Access-Control-Max-Age"))
		assert.Equal(t, []string{preflightVary}, h.Values("Vary"))

		h = serve(p, newRequest(http.MethodGet, "https://app.example.com")).rec.Header()
		assert.Equal(t, []string{"X-Request-Id"}, h.Values("Access-Control-Expose-Headers"))
		assert.Equal(t, []string{"Origin"}, h.Values("Vary"))
	}
}

// TestObserveChangesNoValidation checks that New reports the same errors
// with and without an observer, and that an observer alone is a valid
// Config.
func TestObserveChangesNoValidation(t *testing.T) {
	observe := func(*http.Request, Decision) {}
	bad := Config{Origins: []string{"*", "null"}, Credentials: true, Headers: []string{"Cookie"}}
	_, want := New(bad)
	bad.Observe = observe
	p, got := New(bad)
	assert.Nil(t, p)
	require.Error(t, got)
	assert.Equal(t, want.Error(), got.Error())

	p, err := New(Config{Observe: observe})
	require.NoError(t, err)
	assert.Equal(t, http.Header{}, serve(p, newRequest(http.MethodGet, "https://app.example.com")).rec.Header())
}

// TestConfigWithObserveEncodesAsJSON checks that a Config holding an
// observer still encodes (encoding/json refuses func values) and leaves the
// observer out.
func TestConfigWithObserveEncodesAsJSON(t *testing.T) {
	data, err := json.Marshal(Config{Origins: []string{"https://app.example.com"}, Observe: func(*http.Request, Decision) {}})
	require.NoError(t, err)
	assert.NotContains(t, string(data), "Observe")
	assert.Contains(t, string(data), `"Origins":["https://app.example.com"]`)
}
