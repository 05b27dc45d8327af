package demo

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	pageO = "http://localhost:8080"
	apiO  = "http://localhost:8081"
)

func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func TestJudgeActualResponses(t *testing.T) {
	good := []string{"Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Credentials", "true"}
	for _, tc := range []struct {
		name, cred string
		response   http.Header
		code       string
		param      string
	}{
		{"no ACAO", credInclude, hdr(), "MissingAllowOriginHeader", ""},
		{"wildcard with credentials", credInclude, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), "WildcardOriginNotAllowed", ""},
		{"wildcard without credentials", credOmit, hdr("Access-Control-Allow-Origin", "*"), "", ""},
		{"same-origin mode is no credentials cross-origin", credSameOrigin, hdr("Access-Control-Allow-Origin", "*"), "", ""},
		{"another origin", credInclude, hdr("Access-Control-Allow-Origin", "https://app.example.com"), "AllowOriginMismatch", "https://app.example.com"},
		{"a trailing slash", credOmit, hdr("Access-Control-Allow-Origin", pageO+"/"), "AllowOriginMismatch", pageO + "/"},
		{"two values", credOmit, hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Origin", pageO), "MultipleAllowOriginValues", pageO + "," + pageO},
		{"a list", credOmit, hdr("Access-Control-Allow-Origin", pageO+" https://a.example"), "MultipleAllowOriginValues", pageO + " https://a.example"},
		{"not an origin", credOmit, hdr("Access-Control-Allow-Origin", "localhost"), "InvalidAllowOriginValue", "localhost"},
		{"no ACAC", credInclude, hdr("Access-Control-Allow-Origin", pageO), "InvalidAllowCredentials", ""},
		{"ACAC True", credInclude, hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Credentials", "True"), "InvalidAllowCredentials", "True"},
		{"no ACAC needed without credentials", credOmit, hdr("Access-Control-Allow-Origin", pageO), "", ""},
		{"correct", credInclude, hdr(good...), "", ""},
	} {
		v := judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", cred: tc.cred, status: 200, response: tc.response, requestURL: &url.URL{Path: "/x"}})
		require.True(t, v.CORS, tc.name)
		require.Equal(t, tc.code, v.CorsError, tc.name)
		require.Equal(t, tc.param, v.FailedParameter, tc.name)
		require.Equal(t, tc.code == "", v.OK, tc.name)
		require.NotEmpty(t, v.Message, tc.name)
	}
}

func TestJudgePreflights(t *testing.T) {
	base := []string{"Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Credentials", "true"}
	with := func(kv ...string) http.Header { return hdr(append(append([]string{}, base...), kv...)...) }
	for _, tc := range []struct {
		name, method string
		headers      []string
		cred         string
		status       int
		response     http.Header
		code, param  string
	}{
		{"no ACAO", "PUT", nil, credInclude, 204, hdr("Access-Control-Allow-Methods", "PUT"), "PreflightMissingAllowOriginHeader", ""},
		{"wildcard", "PUT", nil, credInclude, 204, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), "PreflightWildcardOriginNotAllowed", ""},
		{"mismatch", "PUT", nil, credInclude, 204, hdr("Access-Control-Allow-Origin", "https://x.example"), "PreflightAllowOriginMismatch", "https://x.example"},
		{"no ACAC", "PUT", nil, credInclude, 204, hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Methods", "PUT"), "PreflightInvalidAllowCredentials", ""},
		{"405", "DELETE", nil, credInclude, 405, with("Access-Control-Allow-Methods", "DELETE"), "PreflightInvalidStatus", ""},
		{"method missing", "PUT", nil, credInclude, 204, with("Access-Control-Allow-Methods", "GET, POST"), "MethodDisallowedByPreflightResponse", "PUT"},
		{"method as star with credentials", "PUT", nil, credInclude, 204, with("Access-Control-Allow-Methods", "*"), "MethodDisallowedByPreflightResponse", "PUT"},
		{"method as star without credentials", "PUT", nil, credOmit, 204, hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Methods", "*"), "", ""},
		{"lower-case put listed", "PUT", nil, credInclude, 204, with("Access-Control-Allow-Methods", "put"), "", ""},
		{"bad methods list", "PUT", nil, credInclude, 204, with("Access-Control-Allow-Methods", "PUT, (nope)"), "InvalidAllowMethodsPreflightResponse", ""},
		{"simple method needs no listing", "POST", []string{"x-demo"}, credInclude, 204, with("Access-Control-Allow-Headers", "x-demo"), "", ""},
		{"header missing", "GET", []string{"x-demo"}, credInclude, 204, with("Access-Control-Allow-Headers", "content-type"), "HeaderDisallowedByPreflightResponse", "x-demo"},
		{"two headers missing: both named, as Chrome names either", "GET", []string{"x-alpha", "x-zeta"}, credInclude, 204, with("Access-Control-Allow-Headers", "content-type"), "HeaderDisallowedByPreflightResponse", "x-alpha, x-zeta"},
		{"one of two headers missing", "GET", []string{"x-alpha", "x-zeta"}, credInclude, 204, with("Access-Control-Allow-Headers", "x-alpha"), "HeaderDisallowedByPreflightResponse", "x-zeta"},
		{"header case-insensitive", "GET", []string{"x-demo"}, credInclude, 204, with("Access-Control-Allow-Headers", "X-Demo"), "", ""},
		{"header star with credentials", "GET", []string{"x-demo"}, credInclude, 204, with("Access-Control-Allow-Headers", "*"), "HeaderDisallowedByPreflightResponse", "x-demo"},
		{"header star never covers authorization", "GET", []string{"authorization"}, credOmit, 204, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"), "HeaderDisallowedByPreflightResponse", "authorization"},
		{"bad headers list", "GET", []string{"x-demo"}, credInclude, 204, with("Access-Control-Allow-Headers", "x-demo, a b"), "InvalidAllowHeadersPreflightResponse", ""},
		{"correct", "PATCH", []string{"content-type", "x-demo"}, credInclude, 200, with("Access-Control-Allow-Methods", "PATCH", "Access-Control-Allow-Headers", "content-type,x-demo", "Access-Control-Max-Age", "600"), "", ""},
	} {
		v := judge(judged{preflight: true, origin: pageO, selfOrigin: apiO, method: tc.method, headers: tc.headers, cred: tc.cred, status: tc.status, response: tc.response})
		require.Equal(t, tc.code, v.CorsError, tc.name)
		require.Equal(t, tc.param, v.FailedParameter, tc.name)
		require.Equal(t, tc.code == "", v.OK, tc.name)
	}
	v := judge(judged{preflight: true, origin: pageO, selfOrigin: apiO, method: "PUT", cred: credInclude, status: 204, response: with("Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600")})
	require.Contains(t, v.Message, "reuse this answer for 600 seconds")
}

func TestJudgeRedirectsExposureAndNonCORS(t *testing.T) {
	u, _ := url.Parse(apiO + "/lab/redirect?cred=include")
	ok := hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Credentials", "true", "Location", "/lab/redirect/target?cred=include")
	v := judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", cred: credInclude, status: 307, response: ok, requestURL: u})
	require.True(t, v.OK)
	require.Equal(t, apiO+"/lab/redirect/target?cred=include", v.Redirect)

	v = judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", cred: credInclude, status: 307, response: hdr("Location", "/x"), requestURL: u})
	require.Equal(t, "MissingAllowOriginHeader", v.CorsError, "a redirect is checked like any response")

	creds := hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Credentials", "true", "Location", "http://user:pw@localhost:8081/x")
	v = judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", cred: credInclude, status: 302, response: creds, requestURL: u})
	require.Equal(t, "RedirectContainsCredentials", v.CorsError)

	resp := hdr("Access-Control-Allow-Origin", pageO, "Access-Control-Allow-Credentials", "true",
		"Access-Control-Expose-Headers", "X-Demo-Visible, *", "X-Demo-Visible", "a", "X-Demo-Hidden", "b",
		"Content-Type", "application/json", "Set-Cookie", "a=b")
	v = judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", cred: credInclude, status: 200, response: resp, requestURL: u})
	require.Equal(t, []string{"Content-Type", "X-Demo-Visible"}, v.Exposed)
	require.Contains(t, v.Hidden, "X-Demo-Hidden", "* is a literal name with credentials")
	require.Contains(t, v.Hidden, "Set-Cookie")
	require.Contains(t, v.Message, "does not list X-Demo-Hidden, so the browser hides")

	v = judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", cred: credOmit, status: 200, response: resp, requestURL: u})
	require.Contains(t, v.Exposed, "X-Demo-Hidden", "* exposes every header without credentials")
	require.NotContains(t, v.Exposed, "Set-Cookie", "never Set-Cookie")

	v = judge(judged{selfOrigin: apiO, method: "GET", status: 200, response: hdr()})
	require.False(t, v.CORS)
	require.Contains(t, v.Message, "No Origin header")
	v = judge(judged{origin: apiO, selfOrigin: apiO, method: "POST", status: 200, response: hdr()})
	require.False(t, v.CORS, "a same-origin POST carries Origin but is not checked")

	v = judge(judged{origin: pageO, selfOrigin: apiO, method: "GET", status: 200, response: hdr("Access-Control-Allow-Origin", pageO), requestURL: u})
	require.True(t, v.Assumed)
	require.Equal(t, "InvalidAllowCredentials", v.CorsError, "an unknown mode is judged as include, the strictest")
}
