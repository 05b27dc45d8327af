//go:build browser

package client

// Browser-only tests: credentials, cookies, CORS, XMLHttpRequest. They are
// compiled with `GOOS=js GOARCH=wasm go test -c -tags browser` and run inside
// headless Chromium by the e2e suite (e2e/fetch_browser_test.go, `make e2e`),
// which serves this test binary from a page origin on localhost and starts
// two CORS fixture APIs beside it, on other localhost ports:
//
//	CREDFETCH_BROWSER_TRUSTED  an API origin the clients here trust
//	CREDFETCH_BROWSER_OTHER    an API origin they do not trust
//	CREDFETCH_BROWSER_CLOSED   a localhost origin nothing listens on
//
// localhost:P0, :P1 and :P2 are different origins but the same site, and
// cookies ignore ports: a cookie one of them sets is one the browser would
// send to all three. What decides whether it is sent is the request's
// credentials mode, which is what these tests check.

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

// origins returns the fixture APIs' origins and the page's.
func origins(t *testing.T) (trusted, other, page string) {
	t.Helper()
	trusted, other = os.Getenv("CREDFETCH_BROWSER_TRUSTED"), os.Getenv("CREDFETCH_BROWSER_OTHER")
	if trusted == "" || other == "" {
		t.Fatal("CREDFETCH_BROWSER_TRUSTED and CREDFETCH_BROWSER_OTHER are not set: these browser tests run inside Chromium " +
			"through the e2e suite, which starts their fixture servers: go test -tags e2e -run TestClientPackageInChromium ./e2e/ (or make e2e)")
	}
	require.NotEmpty(t, jsutil.DocumentURL(), "the tests run in a page")
	loc, err := safejs.Global().Get("location")
	require.NoError(t, err)
	return trusted, other, jsutil.Prop(loc, "origin")
}

// browserEcho is what the fixtures' /echo answers.
type browserEcho struct {
	Method  string
	Query   string
	Origin  string
	Cookie  string
	Headers map[string][]string
}

// hasCookie reports whether the request carried the cookie name=value.
func (e browserEcho) hasCookie(name, value string) bool {
	for _, c := range strings.Split(e.Cookie, "; ") {
		if c == name+"="+value {
			return true
		}
	}
	return false
}

func echo(t *testing.T, c *Client, req *fetch.Request) (browserEcho, *fetch.Response) {
	t.Helper()
	req.ValidateStatus = fetch.StatusOK
	resp, err := c.Do(context.Background(), req)
	require.NoError(t, err, "%s %s", req.Method, req.URL)
	var e browserEcho
	require.NoError(t, resp.JSON(&e))
	return e, resp
}

// login makes the trusted API set a cookie, credentials included, so that
// the browser stores it; it returns the cookie's name and value.
func login(t *testing.T, trusted string, httpOnly bool) (name, value string) {
	t.Helper()
	n := strconv.FormatInt(time.Now().UnixNano(), 36)
	name, value = "fetchtest_session_"+n, "v"+n
	c := newJSClient(t, fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{trusted}})
	resp, err := c.Do(context.Background(), &fetch.Request{
		URL:            trusted + "/login?name=" + name + "&value=" + value + "&httponly=" + strconv.FormatBool(httpOnly),
		ValidateStatus: fetch.StatusOK,
	})
	require.NoError(t, err)
	require.Equal(t, fetch.Include, resp.Request.Credentials)
	return name, value
}

func TestBrowserCookieFlowsOnlyToTrustedOrigins(t *testing.T) {
	trusted, other, _ := origins(t)
	name, value := login(t, trusted, true)
	c := newJSClient(t, fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{trusted}})

	e, resp := echo(t, c, &fetch.Request{URL: trusted + "/echo"})
	require.Equal(t, fetch.Include, resp.Request.Credentials)
	require.True(t, e.hasCookie(name, value), "the trusted origin gets the cookie; it got %q", e.Cookie)

	e, resp = echo(t, c, &fetch.Request{URL: other + "/echo"})
	require.Equal(t, fetch.SameOrigin, resp.Request.Credentials, "an untrusted origin gets same-origin")
	require.False(t, e.hasCookie(name, value), "the untrusted origin must not get the cookie; it got %q", e.Cookie)

	// Control: the browser would have sent it, had the request asked.
	e, _ = echo(t, c, &fetch.Request{URL: other + "/echo", Credentials: fetch.Include})
	require.True(t, e.hasCookie(name, value), "a request that sets Include itself overrides the scoping; got %q", e.Cookie)

	// A prefilter that moves a request to another origin gets the credentials
	// chosen again for the new origin.
	remove := c.Prefilter(func(r *fetch.Request) error {
		r.URL = strings.Replace(r.URL, trusted, other, 1)
		return nil
	})
	e, resp = echo(t, c, &fetch.Request{URL: trusted + "/echo"})
	remove()
	require.Equal(t, other+"/echo", resp.URL)
	require.False(t, e.hasCookie(name, value), "moved to an untrusted origin, the request lost its credentials; got %q", e.Cookie)
	requireFuncsReleased(t)
}

func TestBrowserCredentialsModes(t *testing.T) {
	trusted, _, page := origins(t)
	name, value := login(t, trusted, true)
	c := newJSClient(t, fetch.Settings{})
	for _, tc := range []struct {
		url         string
		credentials fetch.Credentials
		want        bool
	}{
		{trusted + "/echo", fetch.Include, true},
		{trusted + "/echo", fetch.SameOrigin, false},
		{trusted + "/echo", fetch.Omit, false},
		{trusted + "/echo", "", false}, // no trust configured: same-origin
		{page + "/echo", "", true},     // the page's own origin: same-origin sends it
		{page + "/echo", fetch.Omit, false},
	} {
		e, resp := echo(t, c, &fetch.Request{URL: tc.url, Credentials: tc.credentials})
		require.Equal(t, tc.want, e.hasCookie(name, value), "%s with credentials %q (sent %q): cookies %q", tc.url, tc.credentials, resp.Request.Credentials, e.Cookie)
	}

	// With omit the browser also ignores the cookies a response sets.
	n := strconv.FormatInt(time.Now().UnixNano(), 36)
	_, err := c.Do(context.Background(), &fetch.Request{URL: trusted + "/login?name=fetchtest_omitted_" + n + "&value=x", Credentials: fetch.Omit, ValidateStatus: fetch.StatusOK})
	require.NoError(t, err)
	e, _ := echo(t, c, &fetch.Request{URL: trusted + "/echo", Credentials: fetch.Include})
	require.True(t, e.hasCookie(name, value))
	require.NotContains(t, e.Cookie, "fetchtest_omitted_"+n)
	requireFuncsReleased(t)
}

func TestBrowserXSRFHeaderGoesOnlyToTrustedOrigins(t *testing.T) {
	trusted, other, page := origins(t)
	name, value := login(t, trusted, false) // readable by the page
	require.Contains(t, jsutil.DocumentCookie(), name+"="+value, "document.cookie shows the API's cookie: same host")

	c := newJSClient(t, fetch.Settings{
		Credentials:    fetch.Include,
		TrustedOrigins: []string{trusted},
		XSRFCookieName: name,
		XSRFHeaderName: "X-XSRF-TOKEN",
	})
	for _, tc := range []struct {
		url  string
		want []string
	}{
		{trusted + "/echo", []string{value}},
		{page + "/echo", []string{value}},
		{other + "/echo", nil},
	} {
		e, _ := echo(t, c, &fetch.Request{Method: "POST", URL: tc.url, Body: "x"})
		require.Equal(t, tc.want, e.Headers["X-Xsrf-Token"], tc.url)
	}
	requireFuncsReleased(t)
}

func TestBrowserCORSRefusalIsErrCORS(t *testing.T) {
	trusted, other, _ := origins(t)
	closed := os.Getenv("CREDFETCH_BROWSER_CLOSED")
	require.NotEmpty(t, closed, "CREDFETCH_BROWSER_CLOSED (a localhost origin nothing listens on) is set by the e2e suite")
	for _, transport := range []struct {
		name string
		t    fetch.Transport
	}{{"FetchAPI", FetchAPI}, {"XHR", XHR}} {
		t.Run(transport.name, func(t *testing.T) {
			s := fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{trusted}, Transport: transport.t}
			c := newJSClient(t, s)
			for _, path := range []string{
				"/refuse/no-credentials", // Access-Control-Allow-Credentials missing
				"/refuse/no-acao",        // no CORS headers at all
				"/public/echo",           // Access-Control-Allow-Origin: * with credentials
			} {
				_, err := c.Do(context.Background(), &fetch.Request{URL: trusted + path})
				require.ErrorIs(t, err, fetch.ErrCORS, "the server answered the probe: %s", path)
				require.NotErrorIs(t, err, fetch.ErrNetwork, path)
				for _, hint := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials: true", "credfetch-doctor"} {
					require.Contains(t, err.Error(), hint, path)
				}
			}
			// Nothing listens: the probe fails too, and it stays a network
			// error, with the usual causes.
			_, err := c.Do(context.Background(), &fetch.Request{URL: closed + "/x"})
			require.ErrorIs(t, err, fetch.ErrNetwork, "a closed port")
			require.ErrorContains(t, err, "the server may be down or unreachable")

			// Settings.NoCORSProbe: a refusal stays a network error.
			s.NoCORSProbe = true
			off := newJSClient(t, s)
			_, err = off.Do(context.Background(), &fetch.Request{URL: trusted + "/refuse/no-acao"})
			require.ErrorIs(t, err, fetch.ErrNetwork, "NoCORSProbe")
			for _, hint := range []string{"Access-Control-Allow-Credentials: true missing", "Access-Control-Allow-Origin: *", "browser console"} {
				require.Contains(t, err.Error(), hint)
			}
			// The same public API, untrusted, gets same-origin: a global
			// Include does not break it.
			e, resp := echo(t, c, &fetch.Request{URL: other + "/public/echo"})
			require.Equal(t, fetch.SameOrigin, resp.Request.Credentials)
			require.Equal(t, "GET", e.Method)
		})
	}
	c := newJSClient(t, fetch.Settings{})
	_, err := c.Do(context.Background(), &fetch.Request{URL: trusted + "/refuse/no-acao"})
	require.ErrorContains(t, err, "TypeError: Failed to fetch", "Chromium's own message")
	requireFuncsReleased(t)
}

func TestBrowserHeaderValueTheBrowserCannotSendIsInvalid(t *testing.T) {
	trusted, _, _ := origins(t)
	for _, transport := range []fetch.Transport{FetchAPI, XHR} {
		c := newJSClient(t, fetch.Settings{Transport: transport})
		for _, v := range []string{"héllo ☃", "a\r\nX-Injected: 1"} {
			_, err := c.Do(context.Background(), &fetch.Request{URL: trusted + "/echo", Header: fetch.Header{"X-Greeting": {v}}})
			require.ErrorIs(t, err, fetch.ErrInvalid, v)
			require.ErrorContains(t, err, "header X-Greeting value", v)
		}
		e, _ := echo(t, c, &fetch.Request{URL: trusted + "/echo", Header: fetch.Header{"X-Greeting": {"héllo"}}})
		require.Len(t, e.Headers["X-Greeting"], 1, "a Latin-1 value (é) is sent")
	}
	// fetch() rejects arguments it cannot use as it rejects a network
	// failure: such a rejection is ErrInvalid, never probed into ErrCORS.
	init := jsutil.NewObject()
	require.NoError(t, init.Set("priority", "bogus"))
	c := newJSClient(t, fetch.Settings{})
	_, err := c.Do(context.Background(), &fetch.Request{URL: trusted + "/refuse/no-acao", Init: init})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.ErrorContains(t, err, "fetch() refused the request")
	requireFuncsReleased(t)
}

func TestBrowserTimeoutFiresDuringASlowBody(t *testing.T) {
	trusted, _, _ := origins(t)
	for _, transport := range []struct {
		name string
		t    fetch.Transport
	}{{"FetchAPI", FetchAPI}, {"XHR", XHR}} {
		t.Run(transport.name, func(t *testing.T) {
			c := newJSClient(t, fetch.Settings{Timeout: 600 * time.Millisecond, Transport: transport.t})
			var mu sync.Mutex
			var loaded int64
			start := time.Now()
			_, err := c.Do(context.Background(), &fetch.Request{
				URL: trusted + "/slow?for=6s&size=3000",
				OnDownloadProgress: func(p fetch.Progress) {
					mu.Lock()
					loaded = p.Loaded
					mu.Unlock()
				},
			})
			elapsed := time.Since(start)
			require.ErrorIs(t, err, fetch.ErrTimeout)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.Less(t, elapsed, 3*time.Second)
			mu.Lock()
			defer mu.Unlock()
			require.Positive(t, loaded, "part of the body had arrived when the timeout fired")
			require.Less(t, loaded, int64(3000))
		})
	}
	requireFuncsReleased(t)
}

func TestBrowserXHRSendsCredentialsToTrustedOriginsOnly(t *testing.T) {
	trusted, other, _ := origins(t)
	name, value := login(t, trusted, true)
	c := newJSClient(t, fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{trusted}, Transport: XHR})

	e, resp := echo(t, c, &fetch.Request{URL: trusted + "/echo?reply=yes", Header: fetch.Header{"X-Custom": {"sent"}}})
	require.True(t, e.hasCookie(name, value), "withCredentials sends the cookie to the trusted origin; got %q", e.Cookie)
	require.Equal(t, []string{"sent"}, e.Headers["X-Custom"])
	require.Equal(t, "yes", resp.Header.Get("X-Reply"), "an exposed response header")
	require.Empty(t, resp.Header.Get("X-Hidden"), "a header the server did not expose")
	xhr, ok := resp.Native().(safejs.Value)
	require.True(t, ok)
	require.True(t, jsutil.InstanceOf(xhr, "XMLHttpRequest"))
	require.True(t, jsutil.Truthy(xhr, "withCredentials"))

	e, resp = echo(t, c, &fetch.Request{URL: other + "/echo"})
	require.False(t, e.hasCookie(name, value), "no cookie for the untrusted origin; got %q", e.Cookie)
	require.False(t, jsutil.Truthy(resp.Native().(safejs.Value), "withCredentials"))

	_, err := c.Do(context.Background(), &fetch.Request{URL: trusted + "/echo", Credentials: fetch.Omit})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.Contains(t, err.Error(), "use the FetchAPI transport")

	resp, err = c.Do(context.Background(), &fetch.Request{URL: trusted + "/redirect?to=/echo"})
	require.NoError(t, err)
	require.True(t, resp.Redirected)
	require.Equal(t, trusted+"/echo", resp.URL)

	// fetch.ReadNone returns at the headers; the XMLHttpRequest goes on loading
	// the body after the timeout that covered the exchange up to there.
	c = newJSClient(t, fetch.Settings{Transport: XHR, Timeout: 400 * time.Millisecond})
	resp, err = c.Do(context.Background(), &fetch.Request{URL: trusted + "/slow?for=1s&size=300", Read: fetch.ReadNone})
	require.NoError(t, err)
	require.Nil(t, resp.Body)
	require.Equal(t, "300", resp.Header.Get("Content-Length"))
	xhr = resp.Native().(safejs.Value)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if state, _ := xhr.Get("readyState"); state.Type() == safejs.TypeNumber {
			if n, _ := state.Int(); n == 4 { // DONE
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Each byte of the pattern decodes to one character (U+FFFD above 0x7f).
	require.Equal(t, 300, utf8.RuneCountInString(jsutil.Prop(xhr, "responseText")), "the body loaded in full after Do returned")
	requireFuncsReleased(t)
}

func TestBrowserXHRReportsUploadAndDownloadProgress(t *testing.T) {
	trusted, _, _ := origins(t)
	c := newJSClient(t, fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{trusted}, Transport: XHR})

	body := pattern(8 << 20)
	var up []fetch.Progress
	resp, err := c.Do(context.Background(), &fetch.Request{
		Method:           "POST",
		URL:              trusted + "/upload",
		Body:             body,
		OnUploadProgress: func(p fetch.Progress) { up = append(up, p) },
		ValidateStatus:   fetch.StatusOK,
	})
	require.NoError(t, err)
	var got struct{ Received int }
	require.NoError(t, resp.JSON(&got))
	require.Equal(t, len(body), got.Received)
	require.NotEmpty(t, up, "upload progress was reported")
	last := up[len(up)-1]
	require.Equal(t, fetch.Progress{Loaded: int64(len(body)), Total: int64(len(body)), LengthComputable: true}, last)

	const size = 3 << 20
	var down []fetch.Progress
	resp, err = c.Do(context.Background(), &fetch.Request{
		URL:                trusted + "/big?size=" + strconv.Itoa(size),
		OnDownloadProgress: func(p fetch.Progress) { down = append(down, p) },
		ValidateStatus:     fetch.StatusOK,
	})
	require.NoError(t, err)
	require.Equal(t, pattern(size), resp.Body)
	require.NotEmpty(t, down)
	require.Equal(t, fetch.Progress{Loaded: size, Total: size, LengthComputable: true}, down[len(down)-1])
	for i := 1; i < len(down); i++ {
		require.Greater(t, down[i].Loaded, down[i-1].Loaded)
	}

	// The fetch transport reports download progress from the body's reader.
	down = nil
	require.NoError(t, c.Configure(fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{trusted}, Transport: FetchAPI}))
	resp, err = c.Do(context.Background(), &fetch.Request{
		URL:                trusted + "/big?size=" + strconv.Itoa(size),
		OnDownloadProgress: func(p fetch.Progress) { down = append(down, p) },
	})
	require.NoError(t, err)
	require.Equal(t, pattern(size), resp.Body)
	require.Equal(t, fetch.Progress{Loaded: size, Total: size, LengthComputable: true}, down[len(down)-1])
	requireFuncsReleased(t)
}

func TestBrowserAbort(t *testing.T) {
	trusted, _, _ := origins(t)
	for _, transport := range []struct {
		name string
		t    fetch.Transport
	}{{"FetchAPI", FetchAPI}, {"XHR", XHR}} {
		t.Run(transport.name, func(t *testing.T) {
			c := newJSClient(t, fetch.Settings{Transport: transport.t})
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			start := time.Now()
			_, err := c.Do(ctx, &fetch.Request{URL: trusted + "/slow?for=6s"})
			require.ErrorIs(t, err, fetch.ErrAborted)
			require.ErrorIs(t, err, context.Canceled)
			require.Less(t, time.Since(start), 3*time.Second)

			ctrl := jsNew(t, "AbortController")
			signal, err := ctrl.Get("signal")
			require.NoError(t, err)
			fired := abortLater(ctrl, 300*time.Millisecond)
			start = time.Now()
			_, err = c.Do(context.Background(), &fetch.Request{URL: trusted + "/slow?for=6s", Signal: signal})
			<-fired
			require.ErrorIs(t, err, fetch.ErrAborted)
			require.Contains(t, err.Error(), "Request.Signal aborted the request")
			require.Less(t, time.Since(start), 3*time.Second)
		})
	}
	requireFuncsReleased(t)
}

func TestBrowserRelativeURLsResolveAgainstThePage(t *testing.T) {
	_, _, page := origins(t)
	c := newJSClient(t, fetch.Settings{})
	e, resp := echo(t, c, &fetch.Request{URL: "/echo?from=page"})
	require.Equal(t, page+"/echo?from=page", resp.URL)
	require.Equal(t, "GET", e.Method)
	require.Equal(t, "from=page", e.Query)
	requireFuncsReleased(t)
}
