package cors

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSecurityTable runs the known CORS misconfiguration attacks against a
// credentialed policy. None may be allowed: no Access-Control-Allow-* header,
// on actual requests or on preflights.
func TestSecurityTable(t *testing.T) {
	p := mustNew(t, Config{
		Origins:     []string{"https://example.com", "https://*.example.org", "http://localhost:*"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Headers:     []string{"Content-Type"},
	})
	attacks := []struct {
		name   string
		origin string
	}{
		{"arbitrary origin reflection", "https://evil.com"},
		{"arbitrary origin reflection, other scheme", "https://attacker.example.net"},
		{"null origin", "null"},
		{"null origin upper case", "NULL"},
		{"suffix trick", "https://evil-example.com"},
		{"suffix trick without separator", "https://evilexample.com"},
		{"suffix trick on pattern", "https://evilexample.org"},
		{"suffix trick on pattern with dash", "https://evil-example.org"},
		{"prefix trick", "https://example.com.evil.com"},
		{"prefix trick on pattern", "https://app.example.org.evil.com"},
		{"prefix trick with port", "https://example.com:443.evil.com"},
		{"unescaped dot", "https://exampleXcom"},
		{"unescaped dot in pattern", "https://appXexample.org"},
		{"unescaped dot before pattern base", "https://app.exampleXorg"},
		{"upper-case host", "https://EXAMPLE.com"},
		{"mixed-case host", "https://Example.com"},
		{"upper-case scheme", "HTTPS://example.com"},
		{"upper-case subdomain", "https://APP.example.org"},
		{"trailing slash", "https://example.com/"},
		{"trailing slash on pattern", "https://app.example.org/"},
		{"path", "https://example.com/app"},
		{"trailing dot", "https://example.com."},
		{"http instead of https", "http://example.com"},
		{"http instead of https on pattern", "http://app.example.org"},
		{"https instead of http on localhost", "https://localhost:8080"},
		{"default port written out", "https://example.com:443"},
		{"other port", "https://example.com:8443"},
		{"pattern apex", "https://example.org"},
		{"pattern empty label", "https://.example.org"},
		{"pattern empty inner label", "https://a..example.org"},
		{"pattern with port", "https://app.example.org:8443"},
		{"userinfo smuggling", "https://example.com@evil.com"},
		{"userinfo smuggling on pattern", "https://app.example.org@evil.com"},
		{"path smuggling", "https://evil.com/https://example.com"},
		{"path smuggling on pattern", "https://evil.com/.example.org"},
		{"query smuggling on pattern", "https://evil.com?.example.org"},
		{"fragment smuggling on pattern", "https://evil.com#.example.org"},
		{"port smuggling on pattern", "https://evil.com:1.example.org"},
		{"space before", " https://example.com"},
		{"space after", "https://example.com "},
		{"tab after", "https://example.com\t"},
		{"localhost prefix trick", "http://localhost.evil.com"},
		{"localhost suffix trick", "http://evillocalhost:8080"},
		{"localhost default port written out", "http://localhost:80"},
		{"localhost port out of range", "http://localhost:99999"},
		{"localhost port leading zero", "http://localhost:08080"},
		{"localhost port with path", "http://localhost:8080/"},
		{"localhost port then host", "http://localhost:8080.evil.com"},
		{"localhost userinfo", "http://localhost@evil.com"},
		{"localhost empty port", "http://localhost:"},
		{"scheme only", "https://"},
		{"empty origin", ""},
		{"file origin", "file://"},
		{"wildcard as origin", "*"},
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			reqs := map[string]*http.Request{
				"GET":       newRequest(http.MethodGet, ""),
				"preflight": preflight("", "PUT", "content-type"),
			}
			for kind, r := range reqs {
				r.Header["Origin"] = []string{a.origin}
				d := p.Explain(r)
				assert.False(t, d.Allowed, "%s: %s", kind, d)
				s := serve(p, r)
				for k := range s.rec.Header() {
					assert.NotContains(t, k, "Access-Control-Allow-", "%s: %s", kind, d)
				}
				if kind == "preflight" {
					assert.Equal(t, http.StatusForbidden, s.rec.Code)
					assert.False(t, s.called)
				}
			}
		})
	}
}

// TestSecurityRepeatedOrigin checks that two Origin headers, one allowed,
// are refused rather than reflected.
func TestSecurityRepeatedOrigin(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"https://example.com"}, Credentials: true})
	r := newRequest(http.MethodGet, "https://example.com", "Origin", "https://evil.com")
	d := p.Explain(r)
	assert.False(t, d.Allowed)
	assert.Equal(t, ReasonInvalidOrigin, d.Reason)
	assert.Empty(t, corsHeaders(serve(p, r).rec.Header()))
}

// TestSecurityWildcardNeverWithCredentials checks that "*" is refused with
// credentials and that a "*" policy never sends Access-Control-Allow-Credentials.
func TestSecurityWildcardNeverWithCredentials(t *testing.T) {
	_, err := New(Config{Origins: []string{"*"}, Credentials: true})
	assert.Error(t, err)
	_, err = New(Config{Origins: []string{"*"}, Expose: []string{"*"}, Credentials: true})
	assert.Error(t, err)

	p := mustNew(t, Config{Origins: []string{"*"}, Methods: []string{"PUT"}, Headers: []string{"*"}})
	for _, r := range []*http.Request{
		newRequest(http.MethodGet, "https://evil.com"),
		preflight("https://evil.com", "PUT", "x-anything"),
	} {
		h := serve(p, r).rec.Header()
		assert.Equal(t, "*", h.Get("Access-Control-Allow-Origin"))
		assert.Empty(t, h.Values("Access-Control-Allow-Credentials"))
	}
}
