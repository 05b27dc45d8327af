package cors

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// explainConfigs are the policies of explainMatrix, as configurations.
func explainConfigs() []Config {
	return []Config{
		{},
		apiConfig(),
		{Origins: []string{"*"}, Methods: []string{"*"}, Headers: []string{"*"}, Expose: []string{"*"}, MaxAge: 5e9},
		{Origins: []string{"https://app.example.com"}, Credentials: true, Public: true, Methods: []string{"PUT"},
			Headers: []string{"Content-Type"}, Expose: []string{"X-Request-Id"}},
	}
}

// explainMatrix is a spread of policies and requests.
func explainMatrix(t *testing.T) ([]*Policy, []*http.Request) {
	var policies []*Policy
	for _, cfg := range explainConfigs() {
		policies = append(policies, mustNew(t, cfg))
	}
	requests := []*http.Request{
		newRequest(http.MethodGet, ""),
		newRequest(http.MethodGet, "https://app.example.com"),
		newRequest(http.MethodGet, "https://evil.example"),
		newRequest(http.MethodGet, "null"),
		newRequest(http.MethodOptions, "https://app.example.com"),
		preflight("https://app.example.com", "PUT", "content-type"),
		preflight("https://app.example.com", "PUT", "authorization", "x-other"),
		preflight("https://app.example.com", "TRACE"),
		preflight("https://evil.example", "PUT"),
		preflight("http://localhost:5173", "PATCH", "x-requested-with"),
		preflight("https://other.example", "PUT", "content-type"),
		newRequest(http.MethodPost, "https://app.example.com", "Sec-Fetch-Site", "same-site"),
		newRequest(http.MethodPost, "https://evil.example", "Sec-Fetch-Site", "cross-site"),
		newRequest(http.MethodPut, "https://evil.example"),
		newRequest(http.MethodDelete, "", "Sec-Fetch-Site", "same-origin"),
	}
	return policies, requests
}

// TestExplainMatchesWrap checks that Explain reports exactly what Wrap does:
// the same headers, the same status, and whether the handler runs.
func TestExplainMatchesWrap(t *testing.T) {
	policies, requests := explainMatrix(t)
	for i, p := range policies {
		for j, r := range requests {
			before := r.Header.Clone()
			d := p.Explain(r)
			assert.Equal(t, before, r.Header, "Explain changes nothing")
			s := serve(p, r)
			assert.Equal(t, s.rec.Header(), d.Header, "policy %d request %d: %s", i, j, d)
			assert.Equal(t, !d.Preflight && !d.Write.Refused, s.called, "policy %d request %d", i, j)
			if d.Preflight || d.Write.Refused {
				assert.Equal(t, d.Status, s.rec.Code)
			} else {
				assert.Zero(t, d.Status)
			}
			assert.NotEmpty(t, d.Write.Reason)
			assert.NotEmpty(t, d.Write.Message)
			assert.NotEmpty(t, d.Message)
			assert.NotEmpty(t, d.Reason)
		}
	}
}

func TestExplainNilRequest(t *testing.T) {
	p := mustNew(t, apiConfig())
	assert.NotPanics(t, func() {
		d := p.Explain(nil)
		assert.Equal(t, ReasonNoOrigin, d.Reason)
	})
}

// TestDecisionOwnsItsHeader checks that changing a Decision's Header does
// not change the policy's prebuilt values or the request.
func TestDecisionOwnsItsHeader(t *testing.T) {
	p := mustNew(t, apiConfig())
	r := preflight("https://app.example.com", "PUT", "content-type")
	d := p.Explain(r)
	for _, v := range d.Header {
		for i := range v {
			v[i] = "changed"
		}
	}
	assert.Equal(t, "https://app.example.com", r.Header.Get("Origin"))
	assert.Equal(t, "content-type", r.Header.Get("Access-Control-Request-Headers"))
	h := serve(p, r).rec.Header()
	assert.Equal(t, "true", h.Get("Access-Control-Allow-Credentials"))
	assert.Equal(t, "7200", h.Get("Access-Control-Max-Age"))
	assert.Equal(t, preflightVary, h.Get("Vary"))
}

func TestReasonCodesAreStable(t *testing.T) {
	assert.Equal(t, map[Reason]string{
		ReasonNoOrigin:              "no-origin",
		ReasonAllowed:               "allowed",
		ReasonOriginNotAllowed:      "origin-not-allowed",
		ReasonNullOrigin:            "null-origin",
		ReasonInvalidOrigin:         "invalid-origin",
		ReasonPreflightAllowed:      "preflight-allowed",
		ReasonMethodNotAllowed:      "method-not-allowed",
		ReasonHeaderNotAllowed:      "header-not-allowed",
		ReasonRequestHeadersTooLong: "request-headers-too-long",
	}, map[Reason]string{
		ReasonNoOrigin:              string(ReasonNoOrigin),
		ReasonAllowed:               string(ReasonAllowed),
		ReasonOriginNotAllowed:      string(ReasonOriginNotAllowed),
		ReasonNullOrigin:            string(ReasonNullOrigin),
		ReasonInvalidOrigin:         string(ReasonInvalidOrigin),
		ReasonPreflightAllowed:      string(ReasonPreflightAllowed),
		ReasonMethodNotAllowed:      string(ReasonMethodNotAllowed),
		ReasonHeaderNotAllowed:      string(ReasonHeaderNotAllowed),
		ReasonRequestHeadersTooLong: string(ReasonRequestHeadersTooLong),
	})
}

func TestDecisionFieldsAndString(t *testing.T) {
	p := mustNew(t, apiConfig())
	d := p.Explain(preflight("https://app.example.com", "PUT", "x-secret"))
	assert.Equal(t, Decision{
		CORS:           true,
		Preflight:      true,
		Allowed:        false,
		Reason:         ReasonHeaderNotAllowed,
		Message:        `Request header "x-secret" (Access-Control-Request-Headers) is not allowed by Config.Headers, so the preflight is refused with 403 and no Access-Control-* header.`,
		Origin:         "https://app.example.com",
		RequestMethod:  "PUT",
		RequestHeaders: "x-secret",
		Status:         403,
		Header:         http.Header{},
		Write: WriteVerdict{Reason: ReasonSafeMethod,
			Message: `"OPTIONS" is a safe method, which the write protection never refuses (the handler must not change state on it).`},
	}, d)
	assert.Equal(t, "CORS preflight, refused [header-not-allowed]\n"+d.Message+"\nStatus: 403", d.String())

	d = p.Explain(newRequest(http.MethodGet, ""))
	assert.Equal(t, "not a CORS request, passed through [no-origin]\n"+
		"The request has no Origin header, so it is not a CORS request and goes to the handler with only Vary: Origin added.\n"+
		"Vary: Origin", d.String())

	d = p.Explain(newRequest(http.MethodGet, "https://evil.example"))
	assert.Contains(t, d.String(), "CORS request, refused [origin-not-allowed]")
	assert.Contains(t, d.Message, `"https://evil.example"`)
}

// TestMessagesNameTheOffendingValue checks the Message of each refusal.
func TestMessagesNameTheOffendingValue(t *testing.T) {
	p := mustNew(t, apiConfig())
	huge := make([]byte, 10000)
	for i := range huge {
		huge[i] = 'a'
	}
	cases := []struct {
		req  *http.Request
		want string
	}{
		{newRequest(http.MethodGet, "https://evil.example"), `Origin "https://evil.example" is not allowed`},
		{newRequest(http.MethodGet, "null"), `Origin "null"`},
		{newRequest(http.MethodGet, "https://app.example.com", "Origin", "https://x.example"), "2 Origin headers"},
		{preflight("https://app.example.com", "PROPFIND"), `Method "PROPFIND"`},
		{preflight("https://app.example.com", "PROPFIND"), "allowed: GET, HEAD, POST, PUT, DELETE, PATCH"},
		{preflight("https://app.example.com", "PUT", "content-type, x-b"), `Request header "x-b"`},
		{preflight("https://app.example.com", "PUT", "a b"), `holds "a b"`},
		{preflight("https://app.example.com", "PUT", string(huge)), "10000 bytes in 1 line,"},
		{preflight("https://"+string(huge), "PUT"), "... (10008 bytes)"},
	}
	for _, c := range cases {
		d := p.Explain(c.req)
		require.False(t, d.Allowed)
		assert.Contains(t, d.Message, c.want)
	}
}
