package client

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

func TestDoMergesSettingsAndRequest(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{
		Headers:        fetch.Header{"Accept": {"application/json"}, "X-App": {"demo"}},
		Mode:           fetch.CORS,
		Cache:          fetch.CacheNoStore,
		ReferrerPolicy: "no-referrer",
	}, page)
	req := &fetch.Request{Method: "patch", URL: "/items/1", Header: fetch.Header{"x-app": {"override"}}, Body: []byte("{}"), Cache: fetch.CacheReload}
	resp, err := c.Do(t.Context(), req)
	require.NoError(t, err)

	got := rec.last(t)
	require.Equal(t, "PATCH", got.Method)
	require.Equal(t, "https://app.example.com/items/1", got.URL)
	require.Equal(t, "application/json", got.Header.Get("Accept"))
	require.Equal(t, []string{"override"}, got.Header.Values("X-App"))
	require.Equal(t, fetch.CORS, got.Mode)
	require.Equal(t, fetch.CacheReload, got.Cache, "the request's own value wins")
	require.Equal(t, fetch.ReferrerPolicy("no-referrer"), got.ReferrerPolicy)
	require.Same(t, got, resp.Request)
	require.Equal(t, 1, resp.Attempts)

	require.Equal(t, "patch", req.Method, "Do does not change the caller's request")
	require.Equal(t, "/items/1", req.URL)
}

func TestAPrefilterErrorOrPanicCancelsThatRequestOnly(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{}, page)
	c.Prefilter(func(r *fetch.Request) error {
		switch r.URL {
		case "https://app.example.com/refuse":
			return errors.New("not today")
		case "https://app.example.com/panic":
			panic("prefilter bug")
		}
		return nil
	})

	_, err := c.Do(t.Context(), &fetch.Request{URL: "/refuse"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.ErrorContains(t, err, "prefilter 0 canceled the request: not today")

	_, err = c.Do(t.Context(), &fetch.Request{URL: "/panic"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.ErrorContains(t, err, "panicked: prefilter bug")

	_, err = c.Do(t.Context(), &fetch.Request{URL: "/fine"})
	require.NoError(t, err)
	require.Len(t, rec.got, 1, "only the good request was sent")
}

func TestInvalidRequestsAreRefusedBeforeSending(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{}, page)
	for _, tc := range []struct {
		req  *fetch.Request
		want string
	}{
		{nil, "nil *Request"},
		{&fetch.Request{URL: "ftp://x.example/a"}, `scheme "ftp"`},
		{&fetch.Request{Method: "GET", URL: "/a", Body: "x"}, "a GET request cannot have a body"},
		{&fetch.Request{Method: "HEAD", URL: "/a", Body: []byte("x")}, "a HEAD request cannot have a body"},
		{&fetch.Request{Method: "TRACE", URL: "/a"}, `method "TRACE" is forbidden`},
		{&fetch.Request{Method: "GE T", URL: "/a"}, `method "GE T" is not an HTTP token`},
		{&fetch.Request{URL: "/a", Header: fetch.Header{"Cookie": {"sid=1"}}}, "header Cookie is forbidden to scripts"},
		{&fetch.Request{URL: "/a", Header: fetch.Header{"Sec-Fetch-Mode": {"cors"}}}, "header Sec-Fetch-Mode is forbidden"},
		{&fetch.Request{URL: "/a", Header: fetch.Header{"X-A": {"1\r\nX-B: 2"}}}, "holds a NUL, CR or LF"},
		{&fetch.Request{Method: "POST", URL: "/a", Body: 42}, "Body has type int: use []byte, string or an io.Reader"},
		{&fetch.Request{URL: "/a", Credentials: "all"}, `Credentials "all" is not one of`},
		{&fetch.Request{URL: "/a", Retry: &fetch.RetryPolicy{Limit: -1}}, "Retry.Limit -1 is out of range"},
	} {
		_, err := c.Do(t.Context(), tc.req)
		require.ErrorIs(t, err, fetch.ErrInvalid)
		require.ErrorContains(t, err, tc.want)
		var e *fetch.Error
		require.ErrorAs(t, err, &e)
		require.Equal(t, "invalid", e.Code())
	}
	require.Empty(t, rec.got)
}

func TestReaderBodyIsReadOnceAndCanBeResent(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 1}}, page)
	rec.answers = []answer{{status: 503}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{Method: "PUT", URL: "/doc", Body: strings.NewReader("hello")})
	require.NoError(t, err)
	require.Equal(t, 2, resp.Attempts)
	for _, r := range rec.got {
		require.Equal(t, []byte("hello"), r.Body)
	}
}

func TestValidateStatusTurnsStatusesIntoErrors(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{ValidateStatus: fetch.StatusOK}, page)
	rec.answers = []answer{{status: 404}}
	_, err := c.Do(t.Context(), &fetch.Request{URL: "/missing"})
	require.ErrorIs(t, err, fetch.ErrStatus)
	var e *fetch.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 404, e.Response.Status)
	require.Equal(t, "http", e.Code())
	require.Equal(t, "credfetch: GET https://app.example.com/missing: HTTP 404", err.Error())

	rec.answers = []answer{{status: 404}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/missing", ValidateStatus: func(int) bool { return true }})
	require.NoError(t, err, "a request may accept any status")
	require.Equal(t, 404, resp.Status)
}

func TestWithoutValidateStatusEveryStatusIsAResponse(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{}, page)
	rec.answers = []answer{{status: 500}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/boom"})
	require.NoError(t, err)
	require.False(t, resp.OK())
}

func TestResponseHooksRunAfterAndMayFail(t *testing.T) {
	c, _, _ := newTestClient(t, fetch.Settings{}, page)
	var seen []int
	c.OnResponse(func(r *fetch.Response) error { seen = append(seen, r.Status); return nil })
	remove := c.OnResponse(func(r *fetch.Response) error { return errors.New("schema mismatch") })

	_, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.ErrorContains(t, err, "response hook 1: schema mismatch")
	var e *fetch.Error
	require.ErrorAs(t, err, &e)
	require.NotNil(t, e.Response, "the response is kept")

	remove()
	_, err = c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, []int{200, 200}, seen)
}

func TestNetworkErrorsSayWhatTheBrowserHides(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{}, page)
	rec.answers = []answer{{err: errors.New("TypeError: Failed to fetch")}}
	_, err := c.Do(t.Context(), &fetch.Request{URL: "https://api.example.com/me", Credentials: fetch.Include})
	require.ErrorIs(t, err, fetch.ErrNetwork)
	for _, want := range []string{"GET https://api.example.com/me", "Failed to fetch", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Origin: *", "third-party cookie", "browser console"} {
		require.ErrorContains(t, err, want)
	}
}

func TestTimeoutAndAbortAreToldApart(t *testing.T) {
	block := fetch.TransportFunc(func(ctx context.Context, _ *fetch.Request) (*fetch.Response, error) {
		<-ctx.Done()
		return nil, errors.New("AbortError: signal is aborted")
	})
	c, _, _ := newTestClient(t, fetch.Settings{Transport: block, Timeout: 20 * time.Millisecond}, page)

	_, err := c.Do(t.Context(), &fetch.Request{URL: "/slow"})
	require.ErrorIs(t, err, fetch.ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorContains(t, err, "no complete response within the 20ms timeout")
	var te fetch.TimeoutError
	require.ErrorAs(t, err, &te, "the cause says which timeout ran out")
	require.Equal(t, 20*time.Millisecond, te.Timeout)

	ctx, cancel := context.WithCancel(t.Context())
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	_, err = c.Do(ctx, &fetch.Request{URL: "/slow", Timeout: -1})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, fetch.ErrTimeout)
}

func TestATransportPanicIsAnError(t *testing.T) {
	c, _, _ := newTestClient(t, fetch.Settings{Transport: fetch.TransportFunc(func(context.Context, *fetch.Request) (*fetch.Response, error) {
		panic("bug")
	})}, page)
	_, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.ErrorIs(t, err, fetch.ErrNetwork)
	require.ErrorContains(t, err, "transport panicked: bug")
}

func TestConcurrentDoAndConfigure(t *testing.T) {
	c, _, _ := newTestClient(t, fetch.Settings{}, page)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			_ = c.Configure(fetch.Settings{Transport: &recorder{}, Timeout: time.Duration(i+1) * time.Second})
			remove := c.Prefilter(func(*fetch.Request) error { return nil })
			remove()
		}
	}()
	for range 200 {
		_, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
		require.NoError(t, err)
	}
	<-done
}

func TestPrepareShowsWhatWouldBeSent(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{Credentials: fetch.Include, TrustedOrigins: []string{"https://api.example.com"}}, page)
	c.Prefilter(func(r *fetch.Request) error { r.Header.Set("X-Signed", "yes"); return nil })
	r, err := c.Prepare(&fetch.Request{Method: "post", URL: "https://api.example.com/x"})
	require.NoError(t, err)
	require.Equal(t, "POST", r.Method)
	require.Equal(t, fetch.Include, r.Credentials)
	require.Equal(t, "yes", r.Header.Get("X-Signed"))
	require.Empty(t, rec.got, "nothing was sent")

	_, err = c.Prepare(&fetch.Request{URL: "ftp://x"})
	require.ErrorIs(t, err, fetch.ErrInvalid)
}
