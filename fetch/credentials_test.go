package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCredentialsScopedToTrustedOrigins(t *testing.T) {
	p := newTestPolicy(t, Settings{
		Credentials:    Include,
		BaseURL:        "https://api.example.com/v1",
		TrustedOrigins: []string{"https://auth.example.org", "https://*.corp.example.net"},
	})

	for _, tc := range []struct {
		url  string
		want Credentials
	}{
		{"/me", Include},                                   // BaseURL's origin
		{"https://app.example.com/x", Include},             // the page's own origin
		{"https://auth.example.org/token", Include},        // listed
		{"https://eu.corp.example.net/x", Include},         // subdomain pattern
		{"https://a.b.corp.example.net/x", Include},        // deeper subdomain
		{"https://corp.example.net/x", SameOrigin},         // never the apex
		{"http://eu.corp.example.net/x", SameOrigin},       // other scheme
		{"https://eu.corp.example.net:8443/x", SameOrigin}, // other port
		{"https://evilcorp.example.net/x", SameOrigin},     // suffix trick
		{"https://auth.example.org.evil.test/x", SameOrigin},
		{"https://api.example.com.evil.test/v1", SameOrigin},
		{"https://public-api.example.io/data", SameOrigin}, // a third party with ACAO: *
		{"http://api.example.com/v1", SameOrigin},          // http is another origin
	} {
		got, err := p.Prepare(&Request{URL: tc.url, Page: doc})
		require.NoError(t, err)
		require.Equal(t, tc.want, got.Credentials, tc.url)
	}
}

func TestRequestChoosesItsOwnCredentials(t *testing.T) {
	p := newTestPolicy(t, Settings{Credentials: Include})
	got, err := p.Prepare(&Request{URL: "https://third.example/x", Credentials: Include, Page: doc})
	require.NoError(t, err)
	require.Equal(t, Include, got.Credentials)

	got, err = p.Prepare(&Request{URL: "/same", Credentials: Omit, Page: doc})
	require.NoError(t, err)
	require.Equal(t, Omit, got.Credentials)
}

func TestNoConfiguredCredentialsMeansTheBrowserDefault(t *testing.T) {
	p := newTestPolicy(t, Settings{TrustedOrigins: []string{"https://api.example.com"}})
	got, err := p.Prepare(&Request{URL: "https://api.example.com/x", Page: doc})
	require.NoError(t, err)
	require.Equal(t, SameOrigin, got.Credentials)
}

func TestCredentialsFollowAPrefilterThatMovesTheRequest(t *testing.T) {
	p := newTestPolicy(t, Settings{Credentials: Include, TrustedOrigins: []string{"https://api.example.com"}})
	p.Prefilter(func(r *Request) error {
		r.URL = "https://elsewhere.example/x"
		return nil
	})
	got, err := p.Prepare(&Request{URL: "https://api.example.com/x", Page: doc})
	require.NoError(t, err)
	require.Equal(t, "https://elsewhere.example/x", got.URL)
	require.Equal(t, SameOrigin, got.Credentials, "credentials chosen for the trusted URL do not follow it elsewhere")
}

func TestAPrefilterMayChooseCredentials(t *testing.T) {
	p := newTestPolicy(t, Settings{})
	p.Prefilter(func(r *Request) error {
		r.Credentials = Include // the seed's $.ajaxPrefilter, as a Go prefilter
		return nil
	})
	got, err := p.Prepare(&Request{URL: "https://api.example.com/x", Page: doc})
	require.NoError(t, err)
	require.Equal(t, Include, got.Credentials)
}

func TestXSRFHeaderOnlyForThePageAndTrustedOrigins(t *testing.T) {
	p := newTestPolicy(t, Settings{
		TrustedOrigins: []string{"https://api.example.com"},
		XSRFCookieName: "XSRF-TOKEN",
		XSRFHeaderName: "X-XSRF-TOKEN",
	})
	withCookies := Page{Location: page, Cookies: "theme=dark; XSRF-TOKEN=s3cr3t; other=1"}

	for url, want := range map[string]string{
		"/form":                        "s3cr3t",
		"https://api.example.com/save": "s3cr3t",
		"https://third.example/track":  "",
	} {
		got, err := p.Prepare(&Request{Method: "POST", URL: url, Body: "x", Page: withCookies})
		require.NoError(t, err)
		require.Equal(t, want, got.Header.Get("X-XSRF-TOKEN"), url)
	}

	got, err := p.Prepare(&Request{Method: "POST", URL: "/form", Header: Header{"X-Xsrf-Token": {"mine"}}, Page: withCookies})
	require.NoError(t, err)
	require.Equal(t, "mine", got.Header.Get("X-XSRF-TOKEN"), "a header the request set wins")
}

func TestCookieValue(t *testing.T) {
	v, ok := cookieValue("a=1; XSRF-TOKEN=abc=def;b=2", "XSRF-TOKEN")
	require.True(t, ok)
	require.Equal(t, "abc=def", v)
	_, ok = cookieValue("XSRF-TOKENX=1; aXSRF-TOKEN=2", "XSRF-TOKEN")
	require.False(t, ok)
	_, ok = cookieValue("", "a")
	require.False(t, ok)
}

func TestParseOriginsMatchesAsTheClientTrusts(t *testing.T) {
	o, err := ParseOrigins([]string{"https://api.example.com", "https://*.example.org"})
	require.NoError(t, err)
	require.True(t, o.Match("https://api.example.com/x?y"))
	require.True(t, o.Match("https://a.example.org/"))
	require.False(t, o.Match("https://example.org/"))
	require.False(t, o.Match("https://api.example.com.evil.test/"))
	require.False(t, o.Match("/relative"))

	_, err = ParseOrigins([]string{"https://ok.example", "null"})
	require.EqualError(t, err, `origins[1] "null": trusting null would send credentials with requests to any site; list the origins that should get them, e.g. https://api.example.com`)
}

func TestDraftAndFinishSplitPrepareAroundOutsidePrefilters(t *testing.T) {
	c := newTestPolicy(t, Settings{Credentials: Include, TrustedOrigins: []string{"https://api.example.com"},
		Headers: Header{"X-App": {"1"}}, XSRFCookieName: "XSRF", XSRFHeaderName: "X-XSRF"})
	withCookies := Page{Location: page, Cookies: "XSRF=t0k"}
	d, err := c.Draft(&Request{Method: "delete", URL: "https://api.example.com/x", Page: withCookies})
	require.NoError(t, err)
	require.Equal(t, "DELETE", d.Method)
	require.Equal(t, Include, d.Credentials)
	require.Equal(t, "1", d.Header.Get("X-App"))
	require.Empty(t, d.Header.Get("X-XSRF"), "the XSRF header is added by Finish, after the prefilters")

	// An outside prefilter drops a default header and moves the request to
	// an untrusted origin, leaving the credentials for Finish to choose.
	d.Header.Del("X-App")
	d.URL, d.Credentials = "https://third-party.test/y", ""
	f, err := c.Finish(d)
	require.NoError(t, err)
	require.Equal(t, "https://third-party.test/y", f.URL)
	require.Equal(t, SameOrigin, f.Credentials, "credentials chosen for the new URL")
	require.Empty(t, f.Header.Get("X-App"), "Finish does not merge the settings again")
	require.Empty(t, f.Header.Get("X-XSRF"), "no XSRF token for a third party")

	f, err = c.Finish(&Request{Method: "GET", URL: "/relative", Header: Header{}, Page: withCookies})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/relative", f.URL, "a relative URL is resolved against the page")
	require.Equal(t, Include, f.Credentials)
	require.Equal(t, "t0k", f.Header.Get("X-XSRF"))

	_, err = c.Finish(&Request{Method: "TRACE", URL: "/x"})
	require.ErrorIs(t, err, ErrInvalid)
	_, err = c.Draft(&Request{URL: "ftp://x"})
	require.ErrorIs(t, err, ErrInvalid)
	_, err = c.Finish(nil)
	require.ErrorIs(t, err, ErrInvalid)
}

func TestFinishAddsTheXSRFHeaderToARequestWithoutHeaders(t *testing.T) {
	p := newTestPolicy(t, Settings{XSRFCookieName: "XSRF", XSRFHeaderName: "X-XSRF"})
	r, err := p.Finish(&Request{Method: "GET", URL: "/x", Page: Page{Location: page, Cookies: "XSRF=t0k"}})
	require.NoError(t, err, "a nil Header is one without headers")
	require.Equal(t, "t0k", r.Header.Get("X-XSRF"))
}
