package client

// js/wasm tests of the transports under Node.js, against the server of
// internal/tools/fetchtestserver, which `make wasm-test` starts and names in
// CREDFETCH_TEST_SERVER. Node has fetch() and AbortController, but no
// XMLHttpRequest, cookies or CORS: the browser-only behaviour is tested in
// Chromium (transport_browser_js_test.go, run by the e2e suite).

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

// testServer returns the test server's URL, and fails the test without one.
func testServer(t *testing.T) string {
	t.Helper()
	u := os.Getenv("CREDFETCH_TEST_SERVER")
	if u == "" {
		t.Fatal("CREDFETCH_TEST_SERVER is not set: the js/wasm tests of package fetch/client need the test server; run them with `make wasm-test`, " +
			"which starts internal/tools/fetchtestserver and passes its URL")
	}
	return strings.TrimRight(u, "/")
}

// newJSClient returns a client with the browser environment (in Node: no
// page, no cookies) and the real default transport.
func newJSClient(t *testing.T, s fetch.Settings) *Client {
	t.Helper()
	c, err := New(s)
	require.NoError(t, err)
	return c
}

// requireFuncsReleased waits briefly for pending Promises to settle, then
// checks that every js.Func the transports made was released.
func requireFuncsReleased(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for jsutil.LiveFuncs() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	require.Zero(t, jsutil.LiveFuncs(), "js.Funcs still held after the requests ended")
}

// echoReply is what /echo answers.
type echoReply struct {
	Method     string              `json:"method"`
	Path       string              `json:"path"`
	Headers    map[string][]string `json:"headers"`
	Body       string              `json:"body"`
	BodyBase64 []byte              `json:"bodyBase64"` // base64, as encoding/json writes []byte
}

func decodeEcho(t *testing.T, resp *fetch.Response) echoReply {
	t.Helper()
	var e echoReply
	require.NoError(t, resp.JSON(&e), "body: %s", resp.Body)
	return e
}

// calls asks the test server how many /flaky calls it saw for key.
func calls(t *testing.T, srv, key string) int {
	t.Helper()
	resp, err := newJSClient(t, fetch.Settings{}).Do(context.Background(), &fetch.Request{URL: srv + "/calls?key=" + key})
	require.NoError(t, err)
	var n struct{ Calls int }
	require.NoError(t, resp.JSON(&n))
	return n.Calls
}

// uniqueKey names a /flaky counter no other test uses.
func uniqueKey(t *testing.T) string {
	return strings.ReplaceAll(t.Name(), "/", "-") + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
}

// pattern is the body of /large and /slow.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

// abortLater calls ctrl.abort() after d, from a goroutine of its own. The
// channel is closed once that call has returned: a test must not end while
// the goroutine is still inside JavaScript, or the exit of the test binary
// pulls the instance from under it.
func abortLater(ctrl safejs.Value, d time.Duration) <-chan struct{} {
	done := make(chan struct{})
	time.AfterFunc(d, func() {
		defer close(done)
		_, _ = ctrl.Call("abort")
	})
	return done
}

func jsNew(t *testing.T, class string, args ...any) safejs.Value {
	t.Helper()
	ctor, err := jsutil.Global(class)
	require.NoError(t, err)
	v, err := ctor.New(args...)
	require.NoError(t, err)
	return v
}

func TestNodeGetReadsStatusHeadersAndBody(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{Headers: fetch.Header{"X-Default": {"from-settings"}}})
	url := srv + "/echo?header=X-Reply:one&header=X-Reply:two"
	resp, err := c.Do(context.Background(), &fetch.Request{
		URL:    url,
		Header: fetch.Header{"X-Multi": {"a", "b"}, "accept": {"application/json"}},
	})
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	require.Equal(t, "OK", resp.StatusText)
	require.Equal(t, url, resp.URL)
	require.False(t, resp.Redirected)
	require.Equal(t, 1, resp.Attempts)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"), "lower-case names from the browser become canonical")
	require.Equal(t, "one, two", resp.Header.Get("X-Reply"), "the browser joins repeated response headers")

	e := decodeEcho(t, resp)
	require.Equal(t, "GET", e.Method)
	require.Equal(t, []string{"a, b"}, e.Headers["X-Multi"], "each value is appended to one header")
	require.Equal(t, []string{"application/json"}, e.Headers["Accept"])
	require.Equal(t, []string{"from-settings"}, e.Headers["X-Default"])

	native, ok := resp.Native().(safejs.Value)
	require.True(t, ok, "Native is a safejs.Value")
	require.True(t, jsutil.InstanceOf(native, "Response"), "Native is the JavaScript Response")
	requireFuncsReleased(t)
}

func TestNodeSendsEachKindOfBody(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{})
	binary := []byte{0, 1, 2, 0xfe, 0xff, 'x'}
	big := pattern(1 << 20)
	for _, tc := range []struct {
		name   string
		method string
		body   any
		want   []byte
		ctype  string
	}{
		{"bytes", "POST", binary, binary, ""},
		{"a megabyte of bytes", "PUT", big, big, ""},
		{"string", "POST", "héllo, wörld", []byte("héllo, wörld"), "text/plain;charset=UTF-8"},
		{"io.Reader", "patch", strings.NewReader("from a reader"), []byte("from a reader"), ""},
		{"bytes.Buffer", "DELETE", bytes.NewBufferString("buffered"), []byte("buffered"), ""},
		{"JS Uint8Array", "POST", jsNew(t, "Uint8Array", []any{9, 8, 7}), []byte{9, 8, 7}, ""},
		{"JS URLSearchParams", "POST", jsNew(t, "URLSearchParams", "a=1&b=two"), []byte("a=1&b=two"), "application/x-www-form-urlencoded;charset=UTF-8"},
		{"JS string", "POST", mustValueOf(t, "js text"), []byte("js text"), "text/plain;charset=UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.Do(context.Background(), &fetch.Request{Method: tc.method, URL: srv + "/echo", Body: tc.body})
			require.NoError(t, err)
			e := decodeEcho(t, resp)
			require.Equal(t, strings.ToUpper(tc.method), e.Method)
			require.True(t, bytes.Equal(tc.want, e.BodyBase64), "the server got %d bytes, want %d", len(e.BodyBase64), len(tc.want))
			if tc.ctype != "" {
				require.Equal(t, []string{tc.ctype}, e.Headers["Content-Type"])
			}
		})
	}
	requireFuncsReleased(t)
}

func mustValueOf(t *testing.T, v any) safejs.Value {
	t.Helper()
	js, err := safejs.ValueOf(v)
	require.NoError(t, err)
	return js
}

func TestNodeHeadHasEmptyBody(t *testing.T) {
	srv := testServer(t)
	resp, err := newJSClient(t, fetch.Settings{}).Do(context.Background(), &fetch.Request{Method: "HEAD", URL: srv + "/large?size=1000"})
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	require.Equal(t, "1000", resp.Header.Get("Content-Length"))
	require.Empty(t, resp.Body)
}

func TestNodeStatusIsAnErrorOnlyWhenValidated(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{})
	resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/status/404"})
	require.NoError(t, err, "fetch() resolves on any status")
	require.Equal(t, 404, resp.Status)
	require.Equal(t, "Not Found", resp.StatusText)
	require.Equal(t, "status 404", resp.Text())

	_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/status/404", ValidateStatus: fetch.StatusOK})
	require.ErrorIs(t, err, fetch.ErrStatus)
	var e *fetch.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 404, e.Response.Status)
	require.Equal(t, "status 404", e.Response.Text(), "the body of a failed status is read")
	require.Contains(t, err.Error(), "GET "+srv+"/status/404: HTTP 404 Not Found")
}

func TestNodeTimeoutFiresDuringTheBody(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{Timeout: 500 * time.Millisecond})
	for _, withProgress := range []bool{false, true} {
		t.Run("progress="+strconv.FormatBool(withProgress), func(t *testing.T) {
			var mu sync.Mutex
			var loaded int64
			req := &fetch.Request{URL: srv + "/slow?for=6s&size=3000"}
			if withProgress {
				req.OnDownloadProgress = func(p fetch.Progress) {
					mu.Lock()
					loaded = p.Loaded
					mu.Unlock()
				}
			}
			start := time.Now()
			resp, err := c.Do(context.Background(), req)
			elapsed := time.Since(start)
			require.Nil(t, resp)
			require.ErrorIs(t, err, fetch.ErrTimeout)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			require.Contains(t, err.Error(), "no complete response within the 500ms timeout")
			require.Less(t, elapsed, 3*time.Second, "the timeout ended the exchange, not the end of the body")
			require.GreaterOrEqual(t, elapsed, 450*time.Millisecond)
			if withProgress {
				mu.Lock()
				defer mu.Unlock()
				require.Positive(t, loaded, "part of the body had arrived: the timeout fired during the body")
				require.Less(t, loaded, int64(3000))
			}
		})
	}
	requireFuncsReleased(t)
}

func TestNodeContextCancelAborts(t *testing.T) {
	srv := testServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := newJSClient(t, fetch.Settings{}).Do(ctx, &fetch.Request{URL: srv + "/slow?for=6s"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.ErrorIs(t, err, context.Canceled)
	require.Less(t, time.Since(start), 3*time.Second)
	requireFuncsReleased(t)
}

func TestNodeRequestSignalAborts(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{})
	run := func(t *testing.T) {
		ctrl := jsNew(t, "AbortController")
		signal, err := ctrl.Get("signal")
		require.NoError(t, err)
		fired := abortLater(ctrl, 300*time.Millisecond)
		start := time.Now()
		_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/slow?for=6s", Signal: signal})
		<-fired
		require.ErrorIs(t, err, fetch.ErrAborted)
		require.Contains(t, err.Error(), "Request.Signal aborted the request")
		require.NotErrorIs(t, err, context.Canceled)
		require.Less(t, time.Since(start), 3*time.Second)
	}
	t.Run("AbortSignal.any", run)
	t.Run("listener, without AbortSignal.any", func(t *testing.T) {
		class, err := jsutil.Global("AbortSignal")
		require.NoError(t, err)
		saved, err := class.Get("any")
		require.NoError(t, err)
		require.NoError(t, class.Set("any", safejs.Undefined()))
		defer func() { require.NoError(t, class.Set("any", saved)) }()
		run(t)
	})
	t.Run("already aborted: nothing is sent", func(t *testing.T) {
		ctrl := jsNew(t, "AbortController")
		_, err := ctrl.Call("abort", "changed my mind")
		require.NoError(t, err)
		signal, err := ctrl.Get("signal")
		require.NoError(t, err)
		key := uniqueKey(t)
		_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/flaky?fail=0&key=" + key, Signal: signal})
		require.ErrorIs(t, err, fetch.ErrAborted)
		require.Contains(t, err.Error(), "changed my mind")
		require.Zero(t, calls(t, srv, key))
	})
	t.Run("not an AbortSignal", func(t *testing.T) {
		_, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/echo", Signal: "stop"})
		require.ErrorIs(t, err, fetch.ErrInvalid)
		require.Contains(t, err.Error(), "Request.Signal has type string")
		_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/echo", Signal: mustValueOf(t, 3)})
		require.ErrorIs(t, err, fetch.ErrInvalid)
		require.Contains(t, err.Error(), "Request.Signal is a JavaScript number")
		_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/echo", Signal: jsNew(t, "Object")})
		require.ErrorIs(t, err, fetch.ErrInvalid)
		require.Contains(t, err.Error(), "Request.Signal is an object but not an AbortSignal")
	})
	requireFuncsReleased(t)
}

func TestNodeNetworkFailure(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{})
	resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/closed-port"})
	require.NoError(t, err)
	var closed struct{ URL string }
	require.NoError(t, resp.JSON(&closed))

	_, err = c.Do(context.Background(), &fetch.Request{URL: closed.URL})
	require.ErrorIs(t, err, fetch.ErrNetwork)
	var e *fetch.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "network", e.Code())
	require.Contains(t, err.Error(), "TypeError: fetch failed", "the browser's own message")
	require.Contains(t, err.Error(), "Access-Control-Allow-Credentials", "the hint names the usual CORS causes")
	requireFuncsReleased(t)
}

func TestNodeRetry(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 3, Delay: 20 * time.Millisecond}})

	t.Run("503 with Retry-After", func(t *testing.T) {
		key := uniqueKey(t)
		start := time.Now()
		resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/flaky?fail=1&retry-after=1&key=" + key})
		require.NoError(t, err)
		require.Equal(t, 200, resp.Status)
		require.Equal(t, 2, resp.Attempts)
		require.GreaterOrEqual(t, time.Since(start), 950*time.Millisecond, "waited the Retry-After second, not the 20ms delay")
		require.Equal(t, 2, calls(t, srv, key))
	})
	t.Run("network error", func(t *testing.T) {
		key := uniqueKey(t)
		resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/flaky?fail=2&how=close&key=" + key})
		require.NoError(t, err)
		require.Equal(t, 3, resp.Attempts)
		require.Equal(t, 3, calls(t, srv, key))
	})
	t.Run("gives up after the limit", func(t *testing.T) {
		key := uniqueKey(t)
		_, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/flaky?fail=9&key=" + key, ValidateStatus: fetch.StatusOK})
		require.ErrorIs(t, err, fetch.ErrStatus)
		var e *fetch.Error
		require.ErrorAs(t, err, &e)
		require.Equal(t, 4, e.Response.Attempts)
		require.Equal(t, 4, calls(t, srv, key))
	})
	t.Run("never a POST", func(t *testing.T) {
		key := uniqueKey(t)
		resp, err := c.Do(context.Background(), &fetch.Request{Method: "POST", Body: "x", URL: srv + "/flaky?fail=1&key=" + key})
		require.NoError(t, err)
		require.Equal(t, 503, resp.Status)
		require.Equal(t, 1, resp.Attempts)

		key = uniqueKey(t)
		_, err = c.Do(context.Background(), &fetch.Request{Method: "POST", Body: "x", URL: srv + "/flaky?fail=1&how=close&key=" + key})
		require.ErrorIs(t, err, fetch.ErrNetwork)
		require.Equal(t, 1, calls(t, srv, key))
	})
	requireFuncsReleased(t)
}

func TestNodeReadNoneLeavesTheBodyToTheCaller(t *testing.T) {
	srv := testServer(t)
	// The body trickles for 1s, longer than the timeout: with fetch.ReadNone the
	// timeout covers the exchange up to the headers only.
	c := newJSClient(t, fetch.Settings{Timeout: 400 * time.Millisecond})
	resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/slow?for=1s&size=300", Read: fetch.ReadNone})
	require.NoError(t, err)
	require.Nil(t, resp.Body)
	native := resp.Native().(safejs.Value)
	require.False(t, jsutil.Truthy(native, "bodyUsed"))

	promise, err := native.Call("arrayBuffer")
	require.NoError(t, err)
	buf, err := jsutil.Await(context.Background(), promise)
	require.NoError(t, err, "the body outlives the timeout and the Do call")
	body, err := jsutil.BytesFromJS(buf)
	require.NoError(t, err)
	require.Equal(t, pattern(300), body)

	t.Run("the page's signal still aborts the body", func(t *testing.T) {
		ctrl := jsNew(t, "AbortController")
		signal, err := ctrl.Get("signal")
		require.NoError(t, err)
		resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/slow?for=3s&size=300", Read: fetch.ReadNone, Signal: signal})
		require.NoError(t, err)
		_, err = ctrl.Call("abort")
		require.NoError(t, err)
		promise, err := resp.Native().(safejs.Value).Call("arrayBuffer")
		require.NoError(t, err)
		_, err = jsutil.Await(context.Background(), promise)
		require.ErrorContains(t, err, "AbortError")
	})
	requireFuncsReleased(t)
}

func TestNodeDownloadProgress(t *testing.T) {
	srv := testServer(t)
	const size = 300_000
	var events []fetch.Progress
	resp, err := newJSClient(t, fetch.Settings{}).Do(context.Background(), &fetch.Request{
		URL:                srv + "/large?size=" + strconv.Itoa(size),
		OnDownloadProgress: func(p fetch.Progress) { events = append(events, p) },
	})
	require.NoError(t, err)
	require.Equal(t, pattern(size), resp.Body)
	require.NotEmpty(t, events)
	for i, p := range events {
		require.True(t, p.LengthComputable, "event %d", i)
		require.Equal(t, int64(size), p.Total, "event %d", i)
		if i > 0 {
			require.Greater(t, p.Loaded, events[i-1].Loaded, "event %d", i)
		}
	}
	require.Equal(t, int64(size), events[len(events)-1].Loaded)
	requireFuncsReleased(t)
}

func TestNodePrefiltersAndResponseHooksAroundTheRealTransport(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{})
	c.Prefilter(func(r *fetch.Request) error {
		r.Header.Set("X-Prefiltered", "yes")
		return nil
	})
	c.Prefilter(func(r *fetch.Request) error {
		r.URL = strings.Replace(r.URL, "/status/500", "/echo", 1)
		return nil
	})
	var mu sync.Mutex
	var seen []string
	c.OnResponse(func(resp *fetch.Response) error {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, resp.Request.Method+" "+resp.URL+" "+strconv.Itoa(resp.Status))
		return nil
	})

	resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/status/500"})
	require.NoError(t, err)
	e := decodeEcho(t, resp)
	require.Equal(t, "/echo", e.Path, "the prefilter moved the request")
	require.Equal(t, []string{"yes"}, e.Headers["X-Prefiltered"])
	require.Equal(t, []string{"GET " + srv + "/echo 200"}, seen)

	key := uniqueKey(t)
	remove := c.Prefilter(func(r *fetch.Request) error {
		if strings.Contains(r.URL, key) {
			return errors.New("blocked by policy")
		}
		return nil
	})
	_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/flaky?fail=0&key=" + key})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.Contains(t, err.Error(), "blocked by policy")
	require.Zero(t, calls(t, srv, key), "a canceled request is never sent")
	remove()

	removeHook := c.OnResponse(func(resp *fetch.Response) error { return errors.New("not acceptable") })
	_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/echo"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.Contains(t, err.Error(), "not acceptable")
	removeHook()
	requireFuncsReleased(t)
}

func TestNodeRedirects(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{})
	resp, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/redirect?to=/echo"})
	require.NoError(t, err)
	require.True(t, resp.Redirected)
	require.Equal(t, srv+"/echo", resp.URL)

	_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/redirect?to=/echo", Redirect: fetch.ErrorRedirect})
	require.ErrorIs(t, err, fetch.ErrNetwork, "redirect: 'error' makes fetch fail")
	requireFuncsReleased(t)
}

func TestNodeXHRTransportNeedsABrowser(t *testing.T) {
	srv := testServer(t)
	c := newJSClient(t, fetch.Settings{Transport: XHR})
	_, err := c.Do(context.Background(), &fetch.Request{URL: srv + "/echo"})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.Contains(t, err.Error(), "XMLHttpRequest")
	require.Contains(t, err.Error(), "use FetchAPI")

	// What XHR cannot do is refused before anything else, naming the field.
	_, err = c.Do(context.Background(), &fetch.Request{URL: srv + "/echo", Credentials: fetch.Omit, Mode: fetch.NoCORS, Cache: fetch.CacheNoStore})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	for _, want := range []string{`Credentials "omit": XMLHttpRequest cannot omit credentials`, `Mode "no-cors"`, `Cache "no-store"`, "FetchAPI"} {
		require.Contains(t, err.Error(), want)
	}
	requireFuncsReleased(t)
}

func TestNodeRefusesBodiesItCannotSend(t *testing.T) {
	srv := testServer(t)
	_, err := newJSClient(t, fetch.Settings{}).Do(context.Background(), &fetch.Request{Method: "POST", URL: srv + "/echo", Body: mustValueOf(t, 42)})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.Contains(t, err.Error(), "Body has type safejs.Value")
}

func TestNodeEnvironment(t *testing.T) {
	env := platformEnv()
	require.Empty(t, env.location(), "Node has no page location")
	require.Empty(t, env.cookies(), "Node has no document.cookie")

	_, err := newJSClient(t, fetch.Settings{}).Do(context.Background(), &fetch.Request{URL: "/relative"})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.Contains(t, err.Error(), "no page location")

	const n = 10
	var low, high int
	for range 2000 {
		r := env.random(n)
		require.True(t, r >= 0 && r < n, "random(%d) = %d", n, r)
		if r < n/2 {
			low++
		} else {
			high++
		}
	}
	require.Greater(t, low, 800)
	require.Greater(t, high, 800)
	require.Zero(t, env.random(0))
}

func TestBytesCrossTheBoundaryIntact(t *testing.T) {
	b := pattern(70_000)
	js, err := jsutil.BytesToJS(b)
	require.NoError(t, err)
	back, err := jsutil.BytesFromJS(js)
	require.NoError(t, err)
	require.Equal(t, b, back)
	buf, err := js.Get("buffer")
	require.NoError(t, err)
	back, err = jsutil.BytesFromJS(buf)
	require.NoError(t, err, "an ArrayBuffer is read through a Uint8Array view")
	require.Equal(t, b, back)
	empty, err := jsutil.BytesFromJS(safejs.Null())
	require.NoError(t, err)
	require.Empty(t, empty)
	require.Equal(t, base64.StdEncoding.EncodeToString(b[:9]), base64.StdEncoding.EncodeToString(back[:9]))
}

func TestJSErrorMessages(t *testing.T) {
	e := jsNew(t, "TypeError", "Failed to fetch")
	require.EqualError(t, jsutil.NewError(e), "TypeError: Failed to fetch")
	opts := jsNew(t, "Object")
	require.NoError(t, opts.Set("cause", jsNew(t, "Error", "connect ECONNREFUSED")))
	e = jsNew(t, "TypeError", "fetch failed", opts)
	require.EqualError(t, jsutil.NewError(e), "TypeError: fetch failed (connect ECONNREFUSED)")
	require.EqualError(t, jsutil.NewError(mustValueOf(t, "plain reason")), "plain reason")
}

func TestAwaitReleasesItsCallbacks(t *testing.T) {
	promiseClass, err := jsutil.Global("Promise")
	require.NoError(t, err)
	resolved, err := promiseClass.Call("resolve", 7)
	require.NoError(t, err)
	v, err := jsutil.Await(context.Background(), resolved)
	require.NoError(t, err)
	n, err := v.Int()
	require.NoError(t, err)
	require.Equal(t, 7, n)

	rejected, err := promiseClass.Call("reject", jsNew(t, "Error", "no"))
	require.NoError(t, err)
	_, err = jsutil.Await(context.Background(), rejected)
	require.EqualError(t, err, "Error: no")

	// A Promise that settles after the waiter gave up still releases them.
	timer, err := safejs.Global().Get("setTimeout")
	require.NoError(t, err)
	var resolve safejs.Value
	executor, err := jsutil.NewFunc(func(args []safejs.Value) { resolve = jsutil.Arg(args, 0) })
	require.NoError(t, err)
	pending, err := promiseClass.New(executor.Value())
	require.NoError(t, err)
	executor.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = jsutil.Await(ctx, pending)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	_, err = timer.Invoke(resolve, 10)
	require.NoError(t, err)
	requireFuncsReleased(t)

	v, err = jsutil.Await(context.Background(), mustValueOf(t, 3))
	require.NoError(t, err, "a value that is not a thenable is its own result")
	n, _ = v.Int()
	require.Equal(t, 3, n)
}
