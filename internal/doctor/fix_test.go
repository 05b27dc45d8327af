package doctor

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/credfetch/credfetch/cors"
	"github.com/stretchr/testify/require"
)

const app = "https://app.example.com"

func refused(corsError, param string, mod func(*Result)) *Result {
	r := &Result{From: app, URL: "https://api.example.com/items", Method: "GET", Credentials: "same-origin", CORSError: corsError, FailedParameter: param}
	if mod != nil {
		mod(r)
	}
	return r
}

func TestFixForEachCORSError(t *testing.T) {
	withCreds := func(r *Result) { r.Credentials = "include" }
	put := func(r *Result) {
		r.Method = "PUT"
		r.Headers = []Header{{"Authorization", "Bearer x"}, {"Content-Type", "application/json"}, {"Accept", "*/*"}}
		r.Preflight = &Exchange{Method: "OPTIONS", Status: 204}
	}
	for _, tc := range []struct {
		name      string
		r         *Result
		preflight []string
		response  []string
		config    string
		note      string
	}{
		{"no ACAO", refused("MissingAllowOriginHeader", "", nil), nil,
			[]string{"Access-Control-Allow-Origin: " + app, "Vary: Origin"},
			"cors.Config{\n\tOrigins: []string{\"https://app.example.com\"},\n}", "has no Access-Control-Allow-Origin"},
		{"no ACAC on the response", refused("MissingAllowCredentials", "", withCreds), nil,
			[]string{"Access-Control-Allow-Origin: " + app, "Access-Control-Allow-Credentials: true", "Vary: Origin"},
			"Credentials: true", "must carry Access-Control-Allow-Credentials: true"},
		{"no ACAC on the preflight", refused("PreflightMissingAllowCredentials", "", func(r *Result) { withCreds(r); put(r) }),
			[]string{"Access-Control-Allow-Origin: " + app, "Access-Control-Allow-Credentials: true", "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: authorization,content-type"},
			nil, "Credentials: true", "preflight answer must carry"},
		{"header not allowed", refused("HeaderDisallowedByPreflightResponse", "authorization", put),
			[]string{"Access-Control-Allow-Origin: " + app, "Vary: Origin", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: authorization,content-type"},
			nil, `Headers: []string{"authorization", "content-type"}`, `does not list "authorization"`},
		{"method not allowed", refused("MethodDisallowedByPreflightResponse", "PUT", put), nil, nil, `Methods: []string{"PUT"}`, "Access-Control-Allow-Methods does not list PUT"},
		{"wildcard with credentials", refused("WildcardOriginNotAllowed", "", withCreds), nil,
			[]string{"Access-Control-Allow-Origin: " + app, "Access-Control-Allow-Credentials: true", "Vary: Origin"}, "Credentials: true", "must echo the page's origin"},
		{"origin mismatch", refused("AllowOriginMismatch", "https://other.example.com", nil), nil, nil, "Origins:", `allows origin "https://other.example.com", not the page's https://app.example.com`},
		{"preflight status", refused("PreflightInvalidStatus", "", func(r *Result) { put(r); r.Preflight.Status = 401 }), nil, nil, "Origins:", "status 401: it must be a 2xx status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := FixFor(tc.r)
			if tc.preflight != nil {
				require.Equal(t, tc.preflight, f.Preflight)
			}
			if tc.response != nil {
				require.Equal(t, tc.response, f.Response)
			}
			require.Contains(t, f.Config, tc.config)
			require.Contains(t, strings.Join(f.Notes, "\n"), tc.note)
			requirePolicySends(t, tc.r, f)
		})
	}
}

// requirePolicySends checks that the fix's cors.Config, wrapped around a
// handler, sends every header line the fix lists.
func requirePolicySends(t *testing.T, r *Result, f *Fix) {
	t.Helper()
	p, err := cors.New(CORSConfig(r))
	require.NoError(t, err)
	h := p.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	check := func(req *http.Request, lines []string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		for _, line := range lines {
			name, value, _ := strings.Cut(line, ": ")
			require.Contains(t, strings.ToLower(strings.Join(rec.Header().Values(name), ", ")), strings.ToLower(value), "%s on %s", line, req.Method)
		}
	}
	actual := httptest.NewRequest(r.Method, r.URL, nil)
	actual.Header.Set("Origin", r.From)
	for _, hd := range r.Headers {
		actual.Header.Set(hd.Name, hd.Value)
	}
	check(actual, f.Response)
	if len(f.Preflight) > 0 {
		pre := httptest.NewRequest("OPTIONS", r.URL, nil)
		pre.Header.Set("Origin", r.From)
		pre.Header.Set("Access-Control-Request-Method", r.Method)
		if hs := unsafeHeaders(r.Headers); len(hs) > 0 {
			pre.Header.Set("Access-Control-Request-Headers", strings.Join(hs, ","))
		}
		check(pre, f.Preflight)
	}
}

func TestFixForLocalNetworkAccessNeedsNoHeader(t *testing.T) {
	f := FixFor(refused("LocalNetworkAccessPermissionDenied", "", nil))
	require.Empty(t, f.Config)
	require.Empty(t, f.Response)
	require.Contains(t, f.Notes[0], "-allow-local-network")
	f = FixFor(refused("InsecureLocalNetwork", "", func(r *Result) { r.From = "http://app.example.com" }))
	require.Contains(t, f.Notes[0], "serve the page over https")
}

func TestFixForANetworkErrorIsNotCORS(t *testing.T) {
	f := FixFor(refused("", "", func(r *Result) { r.NetworkError = "net::ERR_CONNECTION_REFUSED" }))
	require.Empty(t, f.Config)
	require.Contains(t, f.Notes[0], "net::ERR_CONNECTION_REFUSED")
}

func TestFixForBlockedCookies(t *testing.T) {
	for _, tc := range []struct {
		reasons []string
		line    string
		want    string
	}{
		{[]string{"SameSiteLax"}, "sid=abc; SameSite=Lax", "Set-Cookie: sid=abc; Path=/; SameSite=None; Secure; Partitioned"},
		{[]string{"SameSiteUnspecifiedTreatedAsLax"}, "", "Set-Cookie: sid=<value>; Path=/; SameSite=None; Secure; Partitioned"},
		{[]string{"ThirdPartyPhaseout"}, "sid=1", "Set-Cookie: sid=1; Path=/; SameSite=None; Secure; Partitioned"},
		{[]string{"UserPreferences"}, "sid=1", "Set-Cookie: sid=1; Path=/; SameSite=None; Secure; Partitioned"},
		{[]string{"DomainMismatch"}, "sid=1", ""},
	} {
		r := &Result{From: app, URL: "https://api.example.com/", Allowed: true, BlockedCookies: []BlockedCookie{{Name: "sid", On: "set-cookie", Line: tc.line, Reasons: tc.reasons}}}
		f := FixFor(r)
		require.Empty(t, f.Config, "an allowed response needs no CORS change")
		require.Contains(t, f.Notes[0], tc.reasons[0])
		if tc.want == "" {
			require.Empty(t, f.SetCookie)
			continue
		}
		require.Equal(t, []string{tc.want}, f.SetCookie)
	}
}
