package client

import (
	"errors"
	"testing"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

// httpDate is the HTTP date format servers write in Retry-After.
const httpDate = "Mon, 02 Jan 2006 15:04:05 GMT"

func TestRetryIsOffByDefault(t *testing.T) {
	c, rec, env := newTestClient(t, fetch.Settings{}, page)
	rec.answers = []answer{{status: 503}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, 503, resp.Status)
	require.Len(t, rec.got, 1)
	require.Empty(t, env.waits)
}

func TestRetryBacksOffOnRetryableStatusesAndNetworkErrors(t *testing.T) {
	c, rec, env := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 3, Delay: 100 * time.Millisecond}}, page)
	rec.answers = []answer{{status: 503}, {err: errors.New("Failed to fetch")}, {status: 429}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, 200, resp.Status)
	require.Equal(t, 4, resp.Attempts)
	// fakeEnv's jitter picks the longest wait: 100ms, 200ms, 400ms.
	require.Equal(t, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}, env.waits)
}

func TestRetryStopsAtTheLimit(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 2}}, page)
	rec.answers = []answer{{status: 500}, {status: 502}, {status: 504}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, 504, resp.Status, "the last answer is returned")
	require.Equal(t, 3, resp.Attempts)
}

func TestRetryNeverRepeatsNonIdempotentMethods(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 3}}, page)
	rec.answers = []answer{{status: 503}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{Method: "POST", URL: "/order", Body: "{}"})
	require.NoError(t, err)
	require.Equal(t, 503, resp.Status)
	require.Len(t, rec.got, 1)
}

func TestRetrySkipsStatusesThatAreNotTransient(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 3}}, page)
	rec.answers = []answer{{status: 404}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, 404, resp.Status)
	require.Len(t, rec.got, 1)
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	c, rec, env := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 2}}, page)
	date := time.Unix(1_700_000_000, 0).Add(3 * time.Second).UTC().Format(httpDate)
	rec.answers = []answer{
		{status: 429, header: fetch.Header{"Retry-After": {"2"}}},
		{status: 503, header: fetch.Header{"Retry-After": {date}}},
		{status: 200},
	}
	_, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, []time.Duration{2 * time.Second, 3 * time.Second}, env.waits)
}

func TestRetryAfterLongerThanMaxDelayEndsRetries(t *testing.T) {
	c, rec, env := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 2, MaxDelay: time.Second}}, page)
	rec.answers = []answer{{status: 503, header: fetch.Header{"Retry-After": {"120"}}}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, 503, resp.Status)
	require.Empty(t, env.waits)
}

func TestRetryNeverWaitsPastTheTimeout(t *testing.T) {
	c, rec, env := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 3, Delay: time.Hour, MaxDelay: 2 * time.Hour}, Timeout: time.Minute}, page)
	c.env.now = time.Now // the deadline is real time
	rec.answers = []answer{{status: 503}, {status: 200}}
	resp, err := c.Do(t.Context(), &fetch.Request{URL: "/x"})
	require.NoError(t, err)
	require.Equal(t, 503, resp.Status, "an hour's wait would outlast the minute's timeout")
	require.Empty(t, env.waits)
}

func TestRetryNeverAfterTheContextIsDone(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{Retry: fetch.RetryPolicy{Limit: 3}}, page)
	rec.answers = []answer{{err: errors.New("Failed to fetch")}, {status: 200}}
	ctx, cancel := contextCanceledAfterFirstCall(t, c)
	defer cancel()
	_, err := c.Do(ctx, &fetch.Request{URL: "/x"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.Len(t, rec.got, 1)
}
