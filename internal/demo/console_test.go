package demo

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestConsoleMessageWordsEachReasonAsChromeDoes checks the sentences for
// every reason, over fetch and XMLHttpRequest, against Chrome's wording.
// Read from Chromium 156's console: the lab's reasons by
// e2e/lab_console_test.go, the parse errors, MultipleAllowOriginValues and
// InvalidAllowOriginValue by credfetch-doctor against a server sending them;
// the Preflight variants of the latter two, PreflightDisallowedRedirect and
// RedirectContainsCredentials follow Chromium's cors_error_string.cc.
func TestConsoleMessageWordsEachReasonAsChromeDoes(t *testing.T) {
	const (
		from   = "http://localhost:8080"
		target = "http://localhost:8081/lab/x?cred=include"
		fetch  = "Access to fetch at 'http://localhost:8081/lab/x?cred=include' from origin 'http://localhost:8080' has been blocked by CORS policy: "
		xhr    = "Access to XMLHttpRequest at 'http://localhost:8081/lab/x?cred=include' from origin 'http://localhost:8080' has been blocked by CORS policy: "
		pre    = "Response to preflight request doesn't pass access control check: "
		valid  = " Have the server send the header with a valid value."
		withCr = " The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute."
	)
	for _, tc := range []struct {
		corsError, param string
		fetch, xhr       string // the sentences after the lead-in
	}{
		{"MissingAllowOriginHeader", "",
			"No 'Access-Control-Allow-Origin' header is present on the requested resource.",
			"No 'Access-Control-Allow-Origin' header is present on the requested resource."},
		{"PreflightMissingAllowOriginHeader", "",
			pre + "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
			pre + "No 'Access-Control-Allow-Origin' header is present on the requested resource."},
		{"WildcardOriginNotAllowed", "",
			"The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
			"The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." + withCr},
		{"PreflightWildcardOriginNotAllowed", "",
			pre + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
			pre + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." + withCr},
		{"AllowOriginMismatch", "https://app.example.com",
			"The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin." + valid,
			"The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin."},
		{"PreflightAllowOriginMismatch", "https://app.example.com",
			pre + "The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin." + valid,
			pre + "The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin."},
		{"MultipleAllowOriginValues", "http://a.test, http://b.test",
			"The 'Access-Control-Allow-Origin' header contains multiple values 'http://a.test, http://b.test', but only one is allowed." + valid,
			"The 'Access-Control-Allow-Origin' header contains multiple values 'http://a.test, http://b.test', but only one is allowed."},
		{"InvalidAllowOriginValue", "localhost",
			"The 'Access-Control-Allow-Origin' header contains the invalid value 'localhost'." + valid,
			"The 'Access-Control-Allow-Origin' header contains the invalid value 'localhost'."},
		{"InvalidAllowCredentials", "",
			"The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
			"The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'." + withCr},
		{"PreflightInvalidAllowCredentials", "TRUE",
			pre + "The value of the 'Access-Control-Allow-Credentials' header in the response is 'TRUE' which must be 'true' when the request's credentials mode is 'include'.",
			pre + "The value of the 'Access-Control-Allow-Credentials' header in the response is 'TRUE' which must be 'true' when the request's credentials mode is 'include'." + withCr},
		{"PreflightInvalidStatus", "",
			pre + "It does not have HTTP ok status.",
			pre + "It does not have HTTP ok status."},
		{"PreflightDisallowedRedirect", "",
			pre + "Redirect is not allowed for a preflight request.",
			pre + "Redirect is not allowed for a preflight request."},
		{"MethodDisallowedByPreflightResponse", "PUT",
			"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.",
			"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response."},
		{"HeaderDisallowedByPreflightResponse", "x-demo",
			"Request header field x-demo is not allowed by Access-Control-Allow-Headers in preflight response.",
			"Request header field x-demo is not allowed by Access-Control-Allow-Headers in preflight response."},
		{"InvalidAllowMethodsPreflightResponse", "",
			"Cannot parse Access-Control-Allow-Methods response header field in preflight response.",
			"Cannot parse Access-Control-Allow-Methods response header field in preflight response."},
		{"InvalidAllowHeadersPreflightResponse", "",
			"Cannot parse Access-Control-Allow-Headers response header field in preflight response.",
			"Cannot parse Access-Control-Allow-Headers response header field in preflight response."},
		{"RedirectContainsCredentials", "http://u:p@localhost:8081/x",
			"Redirect location 'http://u:p@localhost:8081/x' contains a username and password, which is disallowed for cross-origin requests.",
			"Redirect location 'http://u:p@localhost:8081/x' contains a username and password, which is disallowed for cross-origin requests."},
	} {
		t.Run(tc.corsError, func(t *testing.T) {
			require.Equal(t, fetch+tc.fetch, ConsoleMessage(tc.corsError, tc.param, from, target, "fetch"))
			require.Equal(t, xhr+tc.xhr, ConsoleMessage(tc.corsError, tc.param, from, target, "xhr"))
		})
	}
}

func TestConsoleMessageIsEmptyWithoutAKnownReasonOrTransport(t *testing.T) {
	require.Empty(t, ConsoleMessage("", "", "http://a.test", "http://b.test/", "fetch"), "no refusal")
	require.Empty(t, ConsoleMessage("CorsDisabledScheme", "", "http://a.test", "http://b.test/", "fetch"), "a reason the lab never meets")
	require.Empty(t, ConsoleMessage("MissingAllowOriginHeader", "", "http://a.test", "http://b.test/", ""), "the transport decides the wording")
	require.Empty(t, ConsoleMessage("MissingAllowOriginHeader", "", "http://a.test", "http://b.test/", "beacon"))
}

// TestLogCarriesChromesConsoleWording: a refused lab request that says its
// transport carries Chrome's sentence in the live log; an allowed one, one
// without the transport, and one whose refused headers leave Chrome's choice
// open carry none.
func TestLogCarriesChromesConsoleWording(t *testing.T) {
	srv := startWith(t, Options{})
	origin := srv.PageURL()

	target := srv.APIURL() + "/lab/no-acac?cred=include&transport=xhr"
	call(t, nil, "GET", target, "", "Origin", origin)
	v := lastExchange(t, srv).Browser
	require.Equal(t, "InvalidAllowCredentials", v.CorsError)
	require.Equal(t, "Access to XMLHttpRequest at '"+target+"' from origin '"+origin+"' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.", v.Console)

	call(t, nil, "GET", srv.APIURL()+"/lab/no-acac?cred=include", "", "Origin", origin)
	require.Empty(t, lastExchange(t, srv).Browser.Console, "without the transport the wording is unknown")

	call(t, nil, "GET", srv.APIURL()+"/lab/no-acac?cred=omit&transport=fetch", "", "Origin", origin)
	v = lastExchange(t, srv).Browser
	require.True(t, v.OK)
	require.Empty(t, v.Console, "allowed: nothing to say")

	call(t, nil, "OPTIONS", srv.APIURL()+"/lab/preflight-header?cred=include&transport=fetch", "",
		"Origin", origin, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-alpha,x-zeta")
	v = lastExchange(t, srv).Browser
	require.Equal(t, "x-alpha, x-zeta", v.FailedParameter)
	require.Empty(t, v.Console, "Chrome names one of the two by its own ordering")
}

// TestLogMarksCredfetchsProbe: the HEAD credfetch sends without CORS after a
// failed cross-origin request is logged as a probe, not a plain request;
// other HEADs are not.
func TestLogMarksCredfetchsProbe(t *testing.T) {
	srv := startWith(t, Options{})
	target := srv.APIURL() + "/lab/no-acao?cred=include&transport=fetch&tab=t1"
	for _, tc := range []struct {
		name string
		hdr  []string
		kind string
	}{
		{"Chrome's probe from a page on another origin", []string{"Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Site", "same-site", "Sec-Fetch-Dest", "empty"}, "probe"},
		{"a HEAD from a client that is not a browser", nil, "plain"},
		{"a no-cors HEAD the API's own pages send", []string{"Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Site", "same-origin"}, "plain"},
		{"a HEAD in cors mode", []string{"Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "same-site", "Origin", srv.PageURL()}, "cors"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := call(t, nil, http.MethodHead, target, "", tc.hdr...)
			require.Equal(t, http.StatusOK, res.StatusCode)
			e := lastExchange(t, srv)
			require.Equal(t, http.MethodHead, e.Method)
			require.Equal(t, tc.kind, e.Kind)
		})
	}
}
