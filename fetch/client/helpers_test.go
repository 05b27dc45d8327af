package client

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

// fakeEnv is a page at a fixed location whose waits return at once and are
// recorded.
type fakeEnv struct {
	mu      sync.Mutex
	page    string
	cookies string
	waits   []time.Duration
	// answers says whether the server answers a CORS probe; probed records
	// the URLs probed.
	answers bool
	probed  []string
}

func (f *fakeEnv) environment() environment {
	return environment{
		location: func() string { return f.page },
		base:     func() string { return f.page },
		cookies:  func() string { return f.cookies },
		sleep: func(ctx context.Context, d time.Duration) error {
			f.mu.Lock()
			f.waits = append(f.waits, d)
			f.mu.Unlock()
			return ctx.Err()
		},
		probe: func(ctx context.Context, r *fetch.Request) bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.probed = append(f.probed, r.URL)
			return f.answers
		},
		now:    func() time.Time { return time.Unix(1_700_000_000, 0) },
		random: func(n int64) int64 { return n - 1 }, // the longest wait the jitter allows
	}
}

// recorder is a Transport that records the requests it gets and answers
// with the next canned response or error.
type recorder struct {
	mu      sync.Mutex
	got     []*fetch.Request
	answers []answer
}

type answer struct {
	status int
	header fetch.Header
	err    error
}

func (r *recorder) RoundTrip(ctx context.Context, req *fetch.Request) (*fetch.Response, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, req)
	a := answer{status: 200}
	if len(r.answers) > 0 {
		a, r.answers = r.answers[0], r.answers[1:]
	}
	if a.err != nil {
		return nil, a.err
	}
	return fetch.NewResponse(a.status, "", req.URL, false, a.header, []byte(`{"ok":true}`), nil), nil
}

func (r *recorder) last(t *testing.T) *fetch.Request {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	require.NotEmpty(t, r.got, "the transport was called")
	return r.got[len(r.got)-1]
}

// newTestClient returns a client on a page at page, sending through a new
// recorder.
func newTestClient(t *testing.T, s fetch.Settings, page string) (*Client, *recorder, *fakeEnv) {
	t.Helper()
	rec := &recorder{}
	if s.Transport == nil {
		s.Transport = rec
	}
	env := &fakeEnv{page: page}
	c, err := newClient(s, env.environment())
	require.NoError(t, err)
	return c, rec, env
}

const page = "https://app.example.com/dashboard/index.html"

// contextCanceledAfterFirstCall returns a context that a prefilter-free hook
// cancels as soon as the client's transport has been called once.
func contextCanceledAfterFirstCall(t *testing.T, c *Client) (context.Context, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	inner := c.Settings().Transport
	s := c.Settings()
	s.Transport = fetch.TransportFunc(func(tctx context.Context, r *fetch.Request) (*fetch.Response, error) {
		defer cancel()
		return inner.RoundTrip(tctx, r)
	})
	require.NoError(t, c.Configure(s))
	return ctx, cancel
}
