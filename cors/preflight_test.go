package cors

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const preflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"

func TestPreflightAllowed(t *testing.T) {
	p := mustNew(t, apiConfig())
	s := serve(p, preflight("https://app.example.com", "PUT", "content-type,x-requested-with"))
	assert.False(t, s.called, "the wrapped handler never runs for a preflight")
	assert.Equal(t, http.StatusNoContent, s.rec.Code)
	assert.Equal(t, http.Header{
		"Access-Control-Allow-Origin":      {"https://app.example.com"},
		"Access-Control-Allow-Credentials": {"true"},
		"Access-Control-Allow-Methods":     {"PUT"},
		"Access-Control-Allow-Headers":     {"content-type,x-requested-with"},
		"Access-Control-Max-Age":           {"7200"},
		"Vary":                             {preflightVary},
	}, s.rec.Header())
	assert.Empty(t, s.rec.Body.String())
}

func TestPreflightVariants(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		req  *http.Request
		want http.Header // the complete response header
	}{
		{
			name: "no credentials, no max age",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Methods: []string{"PUT"}},
			req:  preflight("https://app.example.com", "PUT"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"PUT"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "any origin answers *",
			cfg:  Config{Origins: []string{"*"}, Methods: []string{"DELETE"}},
			req:  preflight("https://anyone.example", "DELETE"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"*"},
				"Access-Control-Allow-Methods": {"DELETE"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "safelisted method with a custom header",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Headers: []string{"X-Token"}},
			req:  preflight("https://app.example.com", "GET", "x-token"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"GET"},
				"Access-Control-Allow-Headers": {"x-token"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "header names compared without case, whitespace kept in the echo",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Headers: []string{"x-token", "Content-Type"}},
			req:  preflight("https://app.example.com", "POST", " X-Token ,\tCONTENT-TYPE ,"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"POST"},
				"Access-Control-Allow-Headers": {" X-Token ,\tCONTENT-TYPE ,"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "repeated header lines are all checked and echoed",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Headers: []string{"a", "b", "c"}},
			req:  preflight("https://app.example.com", "POST", "a,b", "c"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"POST"},
				"Access-Control-Allow-Headers": {"a,b", "c"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "empty request headers list sends no Allow-Headers",
			cfg:  Config{Origins: []string{"https://app.example.com"}},
			req:  preflight("https://app.example.com", "POST", " , ,"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"POST"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "headers * with credentials echoes the requested names",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Credentials: true, Headers: []string{"*"}},
			req:  preflight("https://app.example.com", "POST", "x-a,x-b"),
			want: http.Header{
				"Access-Control-Allow-Origin":      {"https://app.example.com"},
				"Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Allow-Methods":     {"POST"},
				"Access-Control-Allow-Headers":     {"x-a,x-b"},
				"Vary":                             {preflightVary},
			},
		},
		{
			name: "headers * plus Authorization by name",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Headers: []string{"*", "Authorization"}},
			req:  preflight("https://app.example.com", "POST", "authorization,x-b"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"POST"},
				"Access-Control-Allow-Headers": {"authorization,x-b"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "methods * allows any method",
			cfg:  Config{Origins: []string{"https://app.example.com"}, Methods: []string{"*"}},
			req:  preflight("https://app.example.com", "PROPFIND"),
			want: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example.com"},
				"Access-Control-Allow-Methods": {"PROPFIND"},
				"Vary":                         {preflightVary},
			},
		},
		{
			name: "subdomain pattern echoes the origin",
			cfg:  Config{Origins: []string{"https://*.example.com"}, Credentials: true, MaxAge: 600e9},
			req:  preflight("https://a.b.example.com", "POST"),
			want: http.Header{
				"Access-Control-Allow-Origin":      {"https://a.b.example.com"},
				"Access-Control-Allow-Credentials": {"true"},
				"Access-Control-Allow-Methods":     {"POST"},
				"Access-Control-Max-Age":           {"600"},
				"Vary":                             {preflightVary},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := serve(mustNew(t, c.cfg), c.req)
			assert.False(t, s.called)
			assert.Equal(t, http.StatusNoContent, s.rec.Code)
			assert.Equal(t, c.want, s.rec.Header())
		})
	}
}

func TestPreflightRefused(t *testing.T) {
	p := mustNew(t, apiConfig())
	star := mustNew(t, Config{Origins: []string{"https://app.example.com"}, Headers: []string{"*"}, Methods: []string{"*"}})
	emptyOrigin := preflight("", "PUT")
	emptyOrigin.Header["Origin"] = []string{""}
	tooMany := preflight("https://app.example.com", "PUT")
	for range MaxRequestHeadersLines + 1 {
		tooMany.Header.Add("Access-Control-Request-Headers", "content-type")
	}
	cases := []struct {
		name    string
		p       *Policy
		req     *http.Request
		reason  Reason
		mention string // the Message names the offending value
	}{
		{"origin not allowed", p, preflight("https://evil.example", "PUT"), ReasonOriginNotAllowed, `"https://evil.example"`},
		{"null origin", p, preflight("null", "PUT"), ReasonNullOrigin, `"null"`},
		{"empty origin", p, emptyOrigin, ReasonInvalidOrigin, "empty"},
		{"method not allowed", p, preflight("https://app.example.com", "PROPFIND"), ReasonMethodNotAllowed, `"PROPFIND"`},
		{"method case differs", p, preflight("https://app.example.com", "put"), ReasonMethodNotAllowed, `"put"`},
		{"empty method", p, preflight("https://app.example.com", ""), ReasonMethodNotAllowed, `""`},
		{"forbidden method with *", star, preflight("https://app.example.com", "TRACE"), ReasonMethodNotAllowed, `"TRACE"`},
		{"non-token method with *", star, preflight("https://app.example.com", "GET POST"), ReasonMethodNotAllowed, `"GET POST"`},
		{"header not allowed", p, preflight("https://app.example.com", "PUT", "content-type,x-secret"), ReasonHeaderNotAllowed, `"x-secret"`},
		{"header not allowed on second line", p, preflight("https://app.example.com", "PUT", "content-type", "x-secret"), ReasonHeaderNotAllowed, `"x-secret"`},
		{"authorization not covered by *", star, preflight("https://app.example.com", "PUT", "authorization"), ReasonHeaderNotAllowed, `"authorization"`},
		{"invalid element", p, preflight("https://app.example.com", "PUT", "content-type,x y"), ReasonHeaderNotAllowed, `"x y"`},
		{"invalid character", p, preflight("https://app.example.com", "PUT", "content-type;x"), ReasonHeaderNotAllowed, `"content-type;x"`},
		{"request headers too long", p, preflight("https://app.example.com", "PUT", strings.Repeat("a,", MaxRequestHeadersBytes)), ReasonRequestHeadersTooLong, "8192 bytes"},
		{"too many request header lines", p, tooMany, ReasonRequestHeadersTooLong, "17 lines"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := serve(c.p, c.req)
			assert.False(t, s.called, "the wrapped handler never runs for a preflight")
			assert.Equal(t, http.StatusForbidden, s.rec.Code)
			assert.Empty(t, s.rec.Header(), "a refused preflight gets no Access-Control-* header (and no Vary)")
			d := c.p.Explain(c.req)
			assert.Equal(t, c.reason, d.Reason)
			assert.True(t, d.CORS)
			assert.True(t, d.Preflight)
			assert.False(t, d.Allowed)
			assert.Equal(t, http.StatusForbidden, d.Status)
			assert.Contains(t, d.Message, c.mention)
		})
	}
}

func TestPreflightRepeatedMethodRefused(t *testing.T) {
	p := mustNew(t, apiConfig())
	r := preflight("https://app.example.com", "PUT")
	r.Header.Add("Access-Control-Request-Method", "DELETE")
	d := p.Explain(r)
	assert.Equal(t, ReasonMethodNotAllowed, d.Reason)
	assert.Contains(t, d.Message, "2 Access-Control-Request-Method headers")
}

func TestOptionsThatAreNotPreflightsGoToTheHandler(t *testing.T) {
	p := mustNew(t, apiConfig())
	cases := []struct {
		name string
		req  *http.Request
		want http.Header
	}{
		{"OPTIONS with Origin but no request method", newRequest(http.MethodOptions, "https://app.example.com"), http.Header{
			"Access-Control-Allow-Origin":      {"https://app.example.com"},
			"Access-Control-Allow-Credentials": {"true"},
			"Access-Control-Expose-Headers":    {"X-Request-Id"},
			"Vary":                             {"Origin"},
		}},
		{"OPTIONS with request method but no Origin", newRequest(http.MethodOptions, "", "Access-Control-Request-Method", "PUT"), http.Header{
			"Vary": {"Origin"},
		}},
		{"plain OPTIONS", newRequest(http.MethodOptions, ""), http.Header{
			"Vary": {"Origin"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := serve(p, c.req)
			assert.True(t, s.called)
			assert.Equal(t, http.StatusOK, s.rec.Code)
			assert.Equal(t, c.want, s.rec.Header())
			assert.False(t, p.Explain(c.req).Preflight)
		})
	}
}

func TestPreflightVaryIsAppended(t *testing.T) {
	p := mustNew(t, apiConfig())
	rec := newRecorderWithVary("Accept-Encoding")
	p.Wrap(http.NotFoundHandler()).ServeHTTP(rec, preflight("https://app.example.com", "PUT"))
	require.Equal(t, http.StatusNoContent, rec.Code)
	assert.Equal(t, []string{"Accept-Encoding", preflightVary}, rec.Header().Values("Vary"))
}

// TestRepeatedPreflightHeadersAreJudgedAlike checks the shortcut for a
// repeated Access-Control-Request-Headers value: it only ever answers for
// the exact line the policy allowed, never for a refused or changed one,
// and a handler that edits the request afterwards cannot change what it
// remembers.
func TestRepeatedPreflightHeadersAreJudgedAlike(t *testing.T) {
	p := mustNew(t, apiConfig())
	const app, allowed = "https://app.example.com", "content-type,x-requested-with"
	status := func(r *http.Request) int { return serve(p, r).rec.Code }

	first := preflight(app, "PUT", allowed)
	require.Equal(t, http.StatusNoContent, status(first))
	first.Header["Access-Control-Request-Headers"][0] = "x-evil" // edited after the answer

	for _, tc := range []struct {
		acrh []string
		want int
	}{
		{[]string{"x-evil"}, http.StatusForbidden},
		{[]string{allowed}, http.StatusNoContent},
		{[]string{allowed + ",x-evil"}, http.StatusForbidden},
		{[]string{allowed, "x-evil"}, http.StatusForbidden},
		{[]string{"Content-Type"}, http.StatusNoContent},
		{[]string{"x-evil"}, http.StatusForbidden},
		{[]string{allowed}, http.StatusNoContent},
		{[]string{" , "}, http.StatusNoContent},
		{[]string{allowed}, http.StatusNoContent},
	} {
		require.Equal(t, tc.want, status(preflight(app, "PUT", tc.acrh...)), "%q", tc.acrh)
	}

	// A narrower configuration starts afresh: the line allowed before is
	// refused now.
	narrow := apiConfig()
	narrow.Headers = []string{"Content-Type"}
	require.NoError(t, p.Reconfigure(narrow))
	require.Equal(t, http.StatusForbidden, status(preflight(app, "PUT", allowed)))
}
