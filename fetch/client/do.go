package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/cancel"
	"github.com/credfetch/credfetch/internal/hooks"
)

// Do sends req and returns the response. req is not changed: Do works on a
// copy, which the Response keeps as Response.Request. Every error is a
// *fetch.Error; see its Kind for the failures Do tells apart.
//
// In js/wasm Do blocks until the browser answers, so call it from a goroutine
// of your own, never directly inside a JavaScript callback (a js.Func that JS
// calls, such as an event handler): the browser's event loop waits for such a
// callback to return before it delivers the response, and the page hangs.
func (c *Client) Do(ctx context.Context, req *fetch.Request) (*fetch.Response, error) {
	r, probe, err := c.prepare(req)
	if err != nil {
		return nil, err
	}
	transport := c.currentTransport()
	if err := readBody(r); err != nil {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Method: r.Method, URL: r.URL, Err: err}
	}
	var deadline time.Time
	if r.Timeout > 0 {
		var stop func()
		ctx, stop = withTimeout(ctx, r.Timeout)
		defer stop()
		deadline = c.env.now().Add(r.Timeout)
	}
	return c.send(ctx, transport, r, probe, deadline)
}

// withTimeout returns a context canceled with cause deadline{TimeoutError{d}} once d
// has passed. It does what context.WithTimeoutCause does with package cancel
// instead (see there why); Do keeps the deadline itself.
func withTimeout(ctx context.Context, d time.Duration) (context.Context, func()) {
	c, stop := cancel.WithCancel(ctx)
	timer := time.AfterFunc(d, func() { stop(deadline{fetch.TimeoutError{Timeout: d}}) })
	return c, func() {
		timer.Stop()
		stop(nil)
	}
}

// send runs the attempts, the status check and the response hooks. probe
// says whether a network failure is followed by a CORS probe
// (fetch.Policy.ProbesCORS).
func (c *Client) send(ctx context.Context, transport fetch.Transport, r *fetch.Request, probe bool, deadline time.Time) (*fetch.Response, error) {
	var (
		resp *fetch.Response
		err  error
	)
	for attempt := 1; ; attempt++ {
		if ctx.Err() != nil {
			return nil, c.fail(ctx, r, ctx.Err())
		}
		resp, err = c.roundTrip(ctx, transport, r)
		if err != nil && probe {
			err = c.probeCORS(ctx, r, err)
		}
		if resp != nil {
			resp.Request, resp.Attempts = r, attempt
		}
		pause, again := c.retryWait(ctx, r, attempt, resp, err, deadline)
		if !again {
			break
		}
		if err := c.env.sleep(ctx, pause); err != nil {
			return nil, c.fail(ctx, r, err)
		}
	}
	if err != nil {
		return nil, c.fail(ctx, r, err)
	}
	if r.ValidateStatus != nil && !r.ValidateStatus(resp.Status) {
		return nil, &fetch.Error{Kind: fetch.ErrStatus, Method: r.Method, URL: r.URL, Response: resp}
	}
	for i, h := range c.onResponse.Load() {
		if err := hooks.Call(h.Fn, resp); err != nil {
			return nil, &fetch.Error{Kind: fetch.ErrAborted, Method: r.Method, URL: r.URL, Response: resp,
				Err: fmt.Errorf("response hook %d: %w", i, err)}
		}
	}
	return resp, nil
}

// roundTrip calls the transport, turning a panic into an error.
func (c *Client) roundTrip(ctx context.Context, t fetch.Transport, r *fetch.Request) (resp *fetch.Response, err error) {
	defer func() {
		if p := recover(); p != nil {
			resp, err = nil, fmt.Errorf("transport panicked: %v", p)
		}
	}()
	resp, err = t.RoundTrip(ctx, r)
	if err == nil && resp == nil {
		err = errors.New("transport returned neither a response nor an error")
	}
	return resp, err
}

// retryWait says whether attempt number n is followed by another, and after
// how long.
func (c *Client) retryWait(ctx context.Context, r *fetch.Request, n int, resp *fetch.Response, err error, deadline time.Time) (time.Duration, bool) {
	p := r.Retry
	if p == nil || ctx.Err() != nil {
		return 0, false
	}
	kind, status, retryAfter := fetch.ErrNetwork, 0, ""
	if err != nil {
		if e, ok := fetch.AsError(err); ok {
			kind = e.Kind // ErrCORS and the rest: Next says no
		}
	} else if resp.Status == 0 {
		return 0, false // an opaque (no-cors) response: nothing to judge
	} else {
		kind, status, retryAfter = fetch.ErrStatus, resp.Status, resp.Header.Get("Retry-After")
	}
	wait, ok := p.Next(n, r.Method, kind, status, retryAfter, c.env.now(), c.env.random)
	if !ok {
		return 0, false
	}
	if parent, has := ctx.Deadline(); has && (deadline.IsZero() || parent.Before(deadline)) {
		deadline = parent
	}
	if !deadline.IsZero() && c.env.now().Add(wait).After(deadline) {
		return 0, false // the wait would outlast the timeout: answer now
	}
	return wait, true
}

// probeCORS turns err, a failed attempt of a request that
// fetch.Policy.ProbesCORS probes, into an ErrCORS when it was a network
// failure (not an abort, not a timeout) and the server answers the probe.
func (c *Client) probeCORS(ctx context.Context, r *fetch.Request, err error) error {
	if _, ok := fetch.AsError(err); ok || ctx.Err() != nil || c.env.probe == nil {
		return err
	}
	if !c.env.probe(ctx, r) {
		return err
	}
	return &fetch.Error{Kind: fetch.ErrCORS, Method: r.Method, URL: r.URL, Err: err}
}

// fail turns err into a *fetch.Error of the right kind.
func (c *Client) fail(ctx context.Context, r *fetch.Request, err error) error {
	if e, ok := fetch.AsError(err); ok {
		if e.Method == "" && e.URL == "" {
			e.Method, e.URL = r.Method, r.URL
		}
		return e
	}
	e := &fetch.Error{Method: r.Method, URL: r.URL, Err: err}
	switch cause := cancel.Cause(ctx); {
	case cause == nil:
		e.Kind = fetch.ErrNetwork
	case errors.Is(cause, context.DeadlineExceeded):
		e.Kind, e.Err = fetch.ErrTimeout, cause
	default:
		e.Kind, e.Err = fetch.ErrAborted, cause
	}
	return e
}

// deadline is the cause withTimeout cancels a context with: the
// fetch.TimeoutError, matching context.DeadlineExceeded too. (TimeoutError
// itself does not mention package context, which a wasm module that only
// builds error messages would otherwise carry.)
type deadline struct{ fetch.TimeoutError }

// Is makes a timeout match context.DeadlineExceeded.
func (d deadline) Is(target error) bool { return target == context.DeadlineExceeded }

// Unwrap returns the TimeoutError, for errors.As.
func (d deadline) Unwrap() error { return d.TimeoutError }

// readBody turns an io.Reader body into bytes, so that retries can resend it.
func readBody(r *fetch.Request) error {
	rd, ok := r.Body.(io.Reader)
	if !ok {
		return nil
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		return fmt.Errorf("read Body: %w", err)
	}
	if c, ok := rd.(io.Closer); ok {
		_ = c.Close()
	}
	r.Body = b
	return nil
}
