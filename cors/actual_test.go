package cors

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newRecorderWithVary returns a recorder whose response already has Vary
// values, as if an outer middleware had set them.
func newRecorderWithVary(values ...string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	for _, v := range values {
		rec.Header().Add("Vary", v)
	}
	return rec
}

func TestActualRequests(t *testing.T) {
	p := mustNew(t, apiConfig())
	allowed := http.Header{
		"Access-Control-Allow-Origin":      {"https://app.example.com"},
		"Access-Control-Allow-Credentials": {"true"},
		"Access-Control-Expose-Headers":    {"X-Request-Id"},
		"Vary":                             {"Origin"},
	}
	cases := []struct {
		name   string
		req    *http.Request
		reason Reason
		want   http.Header
	}{
		{"GET from allowed origin", newRequest(http.MethodGet, "https://app.example.com"), ReasonAllowed, allowed},
		{"POST from allowed origin", newRequest(http.MethodPost, "https://app.example.com"), ReasonAllowed, allowed},
		{"DELETE from allowed origin", newRequest(http.MethodDelete, "https://app.example.com"), ReasonAllowed, allowed},
		{"method not in Methods still gets headers (the preflight guards it)", newRequest("PROPFIND", "https://app.example.com"), ReasonAllowed, allowed},
		{"GET from pattern origin", newRequest(http.MethodGet, "https://x.example.org"), ReasonAllowed, http.Header{
			"Access-Control-Allow-Origin":      {"https://x.example.org"},
			"Access-Control-Allow-Credentials": {"true"},
			"Access-Control-Expose-Headers":    {"X-Request-Id"},
			"Vary":                             {"Origin"},
		}},
		{"GET from refused origin", newRequest(http.MethodGet, "https://evil.example"), ReasonOriginNotAllowed, http.Header{"Vary": {"Origin"}}},
		{"GET from null", newRequest(http.MethodGet, "null"), ReasonNullOrigin, http.Header{"Vary": {"Origin"}}},
		{"GET without Origin", newRequest(http.MethodGet, ""), ReasonNoOrigin, http.Header{"Vary": {"Origin"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := serve(p, c.req)
			assert.True(t, s.called, "actual requests always reach the handler")
			assert.Equal(t, http.StatusOK, s.rec.Code)
			assert.Equal(t, c.want, s.rec.Header())
			d := p.Explain(c.req)
			assert.Equal(t, c.reason, d.Reason)
			assert.False(t, d.Preflight)
			assert.Equal(t, c.reason == ReasonAllowed, d.Allowed)
			assert.Equal(t, c.reason != ReasonNoOrigin, d.CORS)
			assert.Zero(t, d.Status)
		})
	}
}

func TestActualAnyOrigin(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"*"}, Expose: []string{"*"}})
	s := serve(p, newRequest(http.MethodGet, "https://anyone.example"))
	assert.Equal(t, http.Header{
		"Access-Control-Allow-Origin":   {"*"},
		"Access-Control-Expose-Headers": {"*"},
		"Vary":                          {"Origin"},
	}, s.rec.Header())
}

func TestActualVaryIsAppendedNeverOverwritten(t *testing.T) {
	p := mustNew(t, apiConfig())
	// An outer middleware set Vary before the policy ran.
	rec := newRecorderWithVary("Accept-Encoding")
	p.Wrap(http.NotFoundHandler()).ServeHTTP(rec, newRequest(http.MethodGet, "https://app.example.com"))
	assert.Equal(t, []string{"Accept-Encoding", "Origin"}, rec.Header().Values("Vary"))

	// The handler adds Vary after the policy ran; the policy's prebuilt
	// value must not change for later responses.
	h := p.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Language")
	}))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, newRequest(http.MethodGet, "https://app.example.com"))
	assert.Equal(t, []string{"Origin", "Accept-Language"}, rec.Header().Values("Vary"))
	rec = httptest.NewRecorder()
	p.Wrap(http.NotFoundHandler()).ServeHTTP(rec, newRequest(http.MethodGet, ""))
	assert.Equal(t, []string{"Origin"}, rec.Header().Values("Vary"))
}

func TestActualRequestWithoutOriginIsUntouched(t *testing.T) {
	p := mustNew(t, apiConfig())
	r := newRequest(http.MethodPost, "", "Content-Type", "application/json")
	before := r.Header.Clone()
	h := p.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte("body"))
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	assert.Equal(t, before, r.Header, "the request is not modified")
	assert.Equal(t, http.StatusTeapot, rec.Code)
	assert.Equal(t, "body", rec.Body.String())
	assert.Equal(t, http.Header{"Content-Type": {"text/plain"}, "Vary": {"Origin"}}, rec.Header())
}

func TestWrapNilHandler(t *testing.T) {
	p := mustNew(t, apiConfig())
	rec := httptest.NewRecorder()
	require.NotPanics(t, func() {
		p.Wrap(nil).ServeHTTP(rec, newRequest(http.MethodGet, "https://app.example.com"))
	})
	assert.Equal(t, http.StatusNotFound, rec.Code)
}
