package cors

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// publicConfig is a two-tier policy: credentials for the app, public reads
// for everyone else.
func publicConfig() Config {
	return Config{
		Origins:     []string{"https://app.example.com", "https://*.example.org"},
		Credentials: true,
		Public:      true,
		Methods:     []string{"PUT"},
		Headers:     []string{"Content-Type"},
		Expose:      []string{"X-Request-Id"},
		MaxAge:      600e9,
	}
}

// TestPublicTierGivesStarWithoutCredentials checks the two tiers on actual
// requests: the listed origins get their own origin and credentials, every
// other origin "*" and never credentials, each response Vary: Origin.
func TestPublicTierGivesStarWithoutCredentials(t *testing.T) {
	p := mustNew(t, publicConfig())
	cases := []struct {
		origin string
		acao   string
		acac   string
		reason Reason
	}{
		{"https://app.example.com", "https://app.example.com", "true", ReasonAllowed},
		{"https://a.example.org", "https://a.example.org", "true", ReasonAllowed},
		{"https://anyone.example", "*", "", ReasonPublic},
		{"http://localhost:3000", "*", "", ReasonPublic},
		{"null", "*", "", ReasonPublic},
	}
	for _, c := range cases {
		s := serve(p, newRequest(http.MethodGet, c.origin, "Cookie", "session=1"))
		h := s.rec.Header()
		assert.True(t, s.called)
		assert.Equal(t, c.acao, h.Get("Access-Control-Allow-Origin"), c.origin)
		assert.Equal(t, c.acac, h.Get("Access-Control-Allow-Credentials"), c.origin)
		assert.Equal(t, "X-Request-Id", h.Get("Access-Control-Expose-Headers"), c.origin)
		assert.Equal(t, []string{"Origin"}, h["Vary"], c.origin)
		d := p.Explain(newRequest(http.MethodGet, c.origin))
		assert.Equal(t, c.reason, d.Reason, c.origin)
		assert.True(t, d.Allowed)
	}
	s := serve(p, newRequest(http.MethodGet, ""))
	assert.Equal(t, []string{"Origin"}, s.rec.Header()["Vary"], "no Origin: the response still varies")
	assert.Empty(t, s.rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Equal(t, ReasonInvalidOrigin, p.Explain(newRequest(http.MethodGet, "https://a.example", "Origin", "https://b.example")).Reason,
		"two Origins are still invalid")
}

// TestPublicTierPreflights checks preflights in both tiers: the public one
// answers with "*" and no credentials, and refuses what the policy refuses.
func TestPublicTierPreflights(t *testing.T) {
	p := mustNew(t, publicConfig())
	s := serve(p, preflight("https://anyone.example", "PUT", "content-type"))
	h := s.rec.Header()
	assert.Equal(t, http.StatusNoContent, s.rec.Code)
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
	assert.Empty(t, h.Values("Access-Control-Allow-Credentials"), "never credentials in the public tier")
	assert.Equal(t, "PUT", h.Get("Access-Control-Allow-Methods"))
	assert.Equal(t, "content-type", h.Get("Access-Control-Allow-Headers"))
	assert.Equal(t, "600", h.Get("Access-Control-Max-Age"))
	assert.Equal(t, []string{"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}, h["Vary"])
	d := p.Explain(preflight("https://anyone.example", "PUT", "content-type"))
	assert.Equal(t, ReasonPreflightPublic, d.Reason)
	assert.Contains(t, d.Message, "only a request without credentials may follow")

	s = serve(p, preflight("https://app.example.com", "PUT", "content-type"))
	assert.Equal(t, "https://app.example.com", s.rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "true", s.rec.Header().Get("Access-Control-Allow-Credentials"))

	for _, r := range []*http.Request{
		preflight("https://anyone.example", "DELETE"),
		preflight("https://anyone.example", "PUT", "x-secret"),
	} {
		s := serve(p, r)
		assert.Equal(t, http.StatusForbidden, s.rec.Code)
		assert.Empty(t, s.rec.Header(), "a refused preflight gets no header, in the public tier too")
	}
}

// TestPublicTierNeverLeaksCredentials runs every origin kind and request
// kind through a two-tier policy: "*" never comes with credentials, and
// credentials only ever go to a listed origin, echoed.
func TestPublicTierNeverLeaksCredentials(t *testing.T) {
	p := mustNew(t, publicConfig())
	origins := []string{"https://app.example.com", "https://x.example.org", "https://example.org", "https://evil.example", "null", "http://app.example.com"}
	for _, o := range origins {
		for _, r := range []*http.Request{
			newRequest(http.MethodGet, o),
			newRequest(http.MethodPost, o, "Sec-Fetch-Site", "cross-site"),
			preflight(o, "PUT", "content-type"),
			preflight(o, "GET"),
		} {
			h := serve(p, r).rec.Header()
			if h.Get("Access-Control-Allow-Credentials") != "" {
				assert.Equal(t, o, h.Get("Access-Control-Allow-Origin"), "credentials only with the echoed origin")
				assert.True(t, o == "https://app.example.com" || o == "https://x.example.org", "credentials for %s", o)
			}
			if h.Get("Access-Control-Allow-Origin") == "*" {
				assert.Empty(t, h.Values("Access-Control-Allow-Credentials"), "%s %s", r.Method, o)
			}
		}
	}
}

// TestPublicWithoutCredentials checks a public policy whose listed origins
// get no credentials either: both tiers read, only the listed ones by name.
func TestPublicWithoutCredentials(t *testing.T) {
	p := mustNew(t, Config{Public: true})
	h := serve(p, newRequest(http.MethodGet, "https://anyone.example")).rec.Header()
	assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
	assert.Empty(t, h.Values("Access-Control-Allow-Credentials"))
	assert.Equal(t, []string{"Origin"}, h["Vary"])
	assert.False(t, p.Explain(newRequest(http.MethodPost, "https://anyone.example", "Sec-Fetch-Site", "cross-site")).Write.Refused,
		"without credentials the write protection is off by default")
}
