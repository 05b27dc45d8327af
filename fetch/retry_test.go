package fetch

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRetryWaitIsJitteredBetweenHalfAndAll(t *testing.T) {
	p := RetryPolicy{Delay: time.Second, MaxDelay: 3 * time.Second}
	low := func(int64) int64 { return 0 }
	for n, want := range map[int]time.Duration{1: 500 * time.Millisecond, 2: time.Second, 3: 1500 * time.Millisecond, 9: 1500 * time.Millisecond} {
		d, ok := p.wait(n, nil, time.Now(), low)
		require.True(t, ok)
		require.Equal(t, want, d, "retry %d", n)
	}
}

func TestParseHTTPDateAgreesWithTimeParse(t *testing.T) {
	for _, v := range []string{"Sun, 06 Nov 1994 08:49:37 GMT", "Mon, 29 Feb 2028 23:59:59 GMT", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 31 Dec 2039 12:30:00 GMT"} {
		want, err := time.Parse(httpDate, v)
		require.NoError(t, err)
		got, ok := parseHTTPDate(v)
		require.True(t, ok, v)
		require.True(t, want.Equal(got), "%s: %v != %v", v, got, want)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"0": 0, "5": 5 * time.Second,
		"Sun, 22 Nov 2026 10:00:30 GMT": 30 * time.Second,
		"Sun, 22 Nov 2026 09:00:00 GMT": 0,
	} {
		d, ok := retryAfter(v, now)
		require.True(t, ok, v)
		require.Equal(t, want, d, v)
	}
	for _, v := range []string{"", "-1", "soon", "1.5", "Sun, 22 Nov 2026 10:00:30 UTC", "Sun, 22 Xyz 2026 10:00:30 GMT", "Sun, 32 Nov 2026 10:00:30 GMT", "Sunday, 22-Nov-26 10:00:30 GMT"} {
		_, ok := retryAfter(v, now)
		require.False(t, ok, v)
	}
}

func TestRetryNextDecidesOneAttempt(t *testing.T) {
	p := RetryPolicy{Limit: 2, Delay: 100 * time.Millisecond}
	now := time.Unix(1_700_000_000, 0)
	longest := func(n int64) int64 { return n - 1 }
	for _, c := range []struct {
		name       string
		n          int
		method     string
		kind       error
		status     int
		retryAfter string
		wait       time.Duration
		again      bool
	}{
		{"network error", 1, "GET", ErrNetwork, 0, "", 100 * time.Millisecond, true},
		{"second retry doubles", 2, "GET", ErrStatus, 503, "", 200 * time.Millisecond, true},
		{"past the limit", 3, "GET", ErrStatus, 503, "", 0, false},
		{"not idempotent", 1, "POST", ErrStatus, 503, "", 0, false},
		{"not retryable", 1, "GET", ErrStatus, 404, "", 0, false},
		{"Retry-After seconds", 1, "GET", ErrStatus, 429, "2", 2 * time.Second, true},
		{"Retry-After past MaxDelay", 1, "GET", ErrStatus, 429, "60", 60 * time.Second, false},
		{"Retry-After date", 1, "GET", ErrStatus, 503, "Tue, 14 Nov 2023 22:13:23 GMT", 3 * time.Second, true},
		{"Retry-After ignored after a network error", 1, "GET", ErrNetwork, 0, "9", 100 * time.Millisecond, true},
		{"a CORS refusal, never", 1, "GET", ErrCORS, 0, "", 0, false},
		{"a CORS refusal with a status, never", 1, "GET", ErrCORS, 503, "", 0, false},
		{"a timeout, never", 1, "GET", ErrTimeout, 0, "", 0, false},
		{"an abort, never", 1, "GET", ErrAborted, 0, "", 0, false},
		{"ErrStatus without a status, never", 1, "GET", ErrStatus, 0, "", 0, false},
		{"a status ignored after a network error", 1, "GET", ErrNetwork, 404, "", 100 * time.Millisecond, true},
	} {
		wait, again := p.Next(c.n, c.method, c.kind, c.status, c.retryAfter, now, longest)
		require.Equal(t, c.again, again, c.name)
		if again || c.wait != 0 {
			require.Equal(t, c.wait, wait, c.name)
		}
	}
}
