package fetch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDoMergesSettingsAndRequest(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{
		Headers:        Header{"Accept": {"application/json"}, "X-App": {"demo"}},
		Mode:           CORS,
		Cache:          CacheNoStore,
		ReferrerPolicy: "no-referrer",
	}, page)
	req := &Request{Method: "patch", URL: "/items/1", Header: Header{"x-app": {"override"}}, Body: []byte("{}"), Cache: CacheReload}
	resp, err := c.Do(t.Context(), req)
	require.NoError(t, err)

	got := rec.last(t)
	require.Equal(t, "PATCH", got.Method)
	require.Equal(t, "https://app.example.com/items/1", got.URL)
	require.Equal(t, "application/json", got.Header.Get("Accept"))
	require.Equal(t, []string{"override"}, got.Header.Values("X-App"))
	require.Equal(t, CORS, got.Mode)
	require.Equal(t, CacheReload, got.Cache, "the request's own value wins")
	require.Equal(t, ReferrerPolicy("no-referrer"), got.ReferrerPolicy)
	require.Same(t, got, resp.Request)
	require.Equal(t, 1, resp.Attempts)

	require.Equal(t, "patch", req.Method, "Do does not change the caller's request")
	require.Equal(t, "/items/1", req.URL)
}

func TestPrefiltersRunInOrderAndCanBeRemoved(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{}, page)
	var order []string
	c.Prefilter(func(r *Request) error { order = append(order, "first:"+r.URL); r.Header.Set("X-Step", "1"); return nil })
	remove := c.Prefilter(func(r *Request) error { order = append(order, "second:"+r.Header.Get("X-Step")); return nil })

	_, err := c.Do(t.Context(), &Request{URL: "/a"})
	require.NoError(t, err)
	require.Equal(t, []string{"first:https://app.example.com/a", "second:1"}, order)

	remove()
	remove() // harmless
	order = nil
	_, err = c.Do(t.Context(), &Request{URL: "/b"})
	require.NoError(t, err)
	require.Equal(t, []string{"first:https://app.example.com/b"}, order)
	require.Equal(t, "1", rec.last(t).Header.Get("X-Step"))
}

func TestAPrefilterErrorOrPanicCancelsThatRequestOnly(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{}, page)
	c.Prefilter(func(r *Request) error {
		switch r.URL {
		case "https://app.example.com/refuse":
			return errors.New("not today")
		case "https://app.example.com/panic":
			panic("prefilter bug")
		}
		return nil
	})

	_, err := c.Do(t.Context(), &Request{URL: "/refuse"})
	require.ErrorIs(t, err, ErrAborted)
	require.ErrorContains(t, err, "prefilter 0 canceled the request: not today")

	_, err = c.Do(t.Context(), &Request{URL: "/panic"})
	require.ErrorIs(t, err, ErrAborted)
	require.ErrorContains(t, err, "panicked: prefilter bug")

	_, err = c.Do(t.Context(), &Request{URL: "/fine"})
	require.NoError(t, err)
	require.Len(t, rec.got, 1, "only the good request was sent")
}

func TestInvalidRequestsAreRefusedBeforeSending(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{}, page)
	for _, tc := range []struct {
		req  *Request
		want string
	}{
		{nil, "nil *Request"},
		{&Request{URL: "ftp://x.example/a"}, `scheme "ftp"`},
		{&Request{Method: "GET", URL: "/a", Body: "x"}, "a GET request cannot have a body"},
		{&Request{Method: "HEAD", URL: "/a", Body: []byte("x")}, "a HEAD request cannot have a body"},
		{&Request{Method: "TRACE", URL: "/a"}, `method "TRACE" is forbidden`},
		{&Request{Method: "GE T", URL: "/a"}, `method "GE T" is not an HTTP token`},
		{&Request{URL: "/a", Header: Header{"Cookie": {"sid=1"}}}, "header Cookie is forbidden to scripts"},
		{&Request{URL: "/a", Header: Header{"Sec-Fetch-Mode": {"cors"}}}, "header Sec-Fetch-Mode is forbidden"},
		{&Request{URL: "/a", Header: Header{"X-A": {"1\r\nX-B: 2"}}}, "holds a NUL, CR or LF"},
		{&Request{Method: "POST", URL: "/a", Body: 42}, "Body has type int: use []byte, string or an io.Reader"},
		{&Request{URL: "/a", Credentials: "all"}, `Credentials "all" is not one of`},
		{&Request{URL: "/a", Retry: &RetryPolicy{Limit: -1}}, "Retry.Limit -1 is out of range"},
	} {
		_, err := c.Do(t.Context(), tc.req)
		require.ErrorIs(t, err, ErrInvalid)
		require.ErrorContains(t, err, tc.want)
		var e *Error
		require.ErrorAs(t, err, &e)
		require.Equal(t, "invalid", e.Code())
	}
	require.Empty(t, rec.got)
}

func TestReaderBodyIsReadOnceAndCanBeResent(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{Retry: RetryPolicy{Limit: 1}}, page)
	rec.answers = []answer{{status: 503}, {status: 200}}
	resp, err := c.Do(t.Context(), &Request{Method: "PUT", URL: "/doc", Body: strings.NewReader("hello")})
	require.NoError(t, err)
	require.Equal(t, 2, resp.Attempts)
	for _, r := range rec.got {
		require.Equal(t, []byte("hello"), r.Body)
	}
}

func TestValidateStatusTurnsStatusesIntoErrors(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{ValidateStatus: StatusOK}, page)
	rec.answers = []answer{{status: 404}}
	_, err := c.Do(t.Context(), &Request{URL: "/missing"})
	require.ErrorIs(t, err, ErrStatus)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 404, e.Response.Status)
	require.Equal(t, "http", e.Code())
	require.Equal(t, "credfetch: GET https://app.example.com/missing: HTTP 404", err.Error())

	rec.answers = []answer{{status: 404}}
	resp, err := c.Do(t.Context(), &Request{URL: "/missing", ValidateStatus: func(int) bool { return true }})
	require.NoError(t, err, "a request may accept any status")
	require.Equal(t, 404, resp.Status)
}

func TestWithoutValidateStatusEveryStatusIsAResponse(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{}, page)
	rec.answers = []answer{{status: 500}}
	resp, err := c.Do(t.Context(), &Request{URL: "/boom"})
	require.NoError(t, err)
	require.False(t, resp.OK())
}

func TestResponseHooksRunAfterAndMayFail(t *testing.T) {
	c, _, _ := newTestClient(t, Settings{}, page)
	var seen []int
	c.OnResponse(func(r *Response) error { seen = append(seen, r.Status); return nil })
	remove := c.OnResponse(func(r *Response) error { return errors.New("schema mismatch") })

	_, err := c.Do(t.Context(), &Request{URL: "/x"})
	require.ErrorIs(t, err, ErrAborted)
	require.ErrorContains(t, err, "response hook 1: schema mismatch")
	var e *Error
	require.ErrorAs(t, err, &e)
	require.NotNil(t, e.Response, "the response is kept")

	remove()
	_, err = c.Do(t.Context(), &Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, []int{200, 200}, seen)
}

func TestNetworkErrorsSayWhatTheBrowserHides(t *testing.T) {
	c, rec, _ := newTestClient(t, Settings{}, page)
	rec.answers = []answer{{err: errors.New("TypeError: Failed to fetch")}}
	_, err := c.Do(t.Context(), &Request{URL: "https://api.example.com/me", Credentials: Include})
	require.ErrorIs(t, err, ErrNetwork)
	for _, want := range []string{"GET https://api.example.com/me", "Failed to fetch", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Origin: *", "third-party cookie", "browser console"} {
		require.ErrorContains(t, err, want)
	}
}

func TestTimeoutAndAbortAreToldApart(t *testing.T) {
	block := TransportFunc(func(ctx context.Context, _ *Request) (*Response, error) {
		<-ctx.Done()
		return nil, errors.New("AbortError: signal is aborted")
	})
	c, _, _ := newTestClient(t, Settings{Transport: block, Timeout: 20 * time.Millisecond}, page)

	_, err := c.Do(t.Context(), &Request{URL: "/slow"})
	require.ErrorIs(t, err, ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorContains(t, err, "no complete response within the 20ms timeout")
	var te TimeoutError
	require.ErrorAs(t, err, &te, "the cause says which timeout ran out")
	require.Equal(t, 20*time.Millisecond, te.Timeout)

	ctx, cancel := context.WithCancel(t.Context())
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	_, err = c.Do(ctx, &Request{URL: "/slow", Timeout: -1})
	require.ErrorIs(t, err, ErrAborted)
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, ErrTimeout)
}

func TestATransportPanicIsAnError(t *testing.T) {
	c, _, _ := newTestClient(t, Settings{Transport: TransportFunc(func(context.Context, *Request) (*Response, error) {
		panic("bug")
	})}, page)
	_, err := c.Do(t.Context(), &Request{URL: "/x"})
	require.ErrorIs(t, err, ErrNetwork)
	require.ErrorContains(t, err, "transport panicked: bug")
}

func TestConcurrentDoAndConfigure(t *testing.T) {
	c, _, _ := newTestClient(t, Settings{}, page)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			_ = c.Configure(Settings{Transport: &recorder{}, Timeout: time.Duration(i+1) * time.Second})
			remove := c.Prefilter(func(*Request) error { return nil })
			remove()
		}
	}()
	for range 200 {
		_, err := c.Do(t.Context(), &Request{URL: "/x"})
		require.NoError(t, err)
	}
	<-done
}

func TestAsErrorFindsTheErrorAnywhereInTheChain(t *testing.T) {
	inner := &Error{Kind: ErrTimeout}
	for _, err := range []error{
		inner,
		fmt.Errorf("wrapped: %w", inner),
		errors.Join(errors.New("other"), fmt.Errorf("deep: %w", inner)),
	} {
		got, ok := AsError(err)
		require.True(t, ok, err.Error())
		require.Same(t, inner, got)
	}
	_, ok := AsError(errors.New("plain"))
	require.False(t, ok)
	_, ok = AsError(nil)
	require.False(t, ok)
}
