package fetch

import (
	"context"
	"errors"
	"fmt"
	"github.com/credfetch/credfetch/internal/cancel"
	"io"
	"sync/atomic"
	"time"
)

// Client sends requests with shared Settings and prefilters. Its methods are
// safe for concurrent use.
type Client struct {
	cfg        atomic.Pointer[config]
	prefilters hookList[func(*Request) error]
	onResponse hookList[func(*Response) error]
	env        environment
}

// environment is what a client needs from its platform: the document, for
// the fields a Page leaves empty, the clock and randomness. The browser
// supplies it (env_js.go), and tests replace it.
type environment struct {
	location func() string // the document's URL, "" outside a page
	// base returns the document's base URL (document.baseURI), which
	// relative URLs resolve against, as the browser's own fetch() does; it
	// differs from location under a <base> element. Read only when a URL is
	// relative.
	base    func() string
	cookies func() string // document.cookie, "" outside a page
	// sleep waits between retries; nil means the package's sleep, which is
	// left out of the environment so that programs that never call Do (the
	// JS API) do not link timers.
	sleep  func(ctx context.Context, d time.Duration) error
	now    func() time.Time
	random func(n int64) int64 // uniform in [0, n)
}

// New returns a client whose requests start from s. It refuses settings the
// browser would reject or that would leak credentials, with one error per
// problem.
func New(s Settings) (*Client, error) {
	c := &Client{env: platformEnv()}
	if err := c.Configure(s); err != nil {
		return nil, err
	}
	return c, nil
}

// Configure replaces the client's settings, as $.ajaxSetup does. Requests
// already under way keep the settings they started with. On error the old
// settings stay. A relative Settings.BaseURL resolves against the base URL
// of the document (see Page); ConfigureFor names another page.
func (c *Client) Configure(s Settings) error {
	return c.ConfigureFor(Page{}, s)
}

// ConfigureFor is Configure for settings made in page p: a relative
// Settings.BaseURL resolves against p's base URL, now, and stays as resolved
// for every request. p's empty fields are the document's, as in
// Request.Page. The JS API passes the page ajaxSetup is called from.
func (c *Client) ConfigureFor(p Page, s Settings) error {
	cfg, err := newConfig(s, func() string { return c.docBase(&p) })
	if err != nil {
		return err
	}
	c.cfg.Store(cfg)
	return nil
}

// Settings returns a copy of the client's current settings.
func (c *Client) Settings() Settings {
	s := c.cfg.Load().Settings
	s.Headers = s.Headers.Clone()
	s.TrustedOrigins = append([]string(nil), s.TrustedOrigins...)
	return s
}

// Prefilter registers fn to run before every request, in registration order,
// after the request has been merged with the settings, its URL resolved and
// its credentials chosen. fn may change any field of the request; returning an
// error cancels the request, which then fails with kind ErrAborted. The
// returned function unregisters fn.
func (c *Client) Prefilter(fn func(*Request) error) (remove func()) {
	return c.prefilters.add(fn)
}

// OnResponse registers fn to run, in registration order, on every response
// that passed the status check, before Do returns it. An error from fn fails
// the request with kind ErrAborted. The returned function unregisters fn.
func (c *Client) OnResponse(fn func(*Response) error) (remove func()) {
	return c.onResponse.add(fn)
}

// Prepare returns the request Do would send for req, without sending it:
// merged with the settings, its URL resolved, its credentials chosen, the
// prefilters run and the result checked; an io.Reader body is left unread
// (Do reads it once, so that retries can send it again). The JS API asks it
// for every request of a page without prefilters. Errors are *Error values.
func (c *Client) Prepare(req *Request) (*Request, error) {
	if req == nil {
		return nil, &Error{Kind: ErrInvalid, Err: errors.New("nil *Request")}
	}
	return c.prepare(c.cfg.Load(), req)
}

// Do sends req and returns the response. req is not changed: Do works on a
// copy, which the Response keeps as Response.Request. Every error is an
// *Error; see its Kind for the failures Do tells apart.
//
// In js/wasm Do blocks until the browser answers, so call it from a goroutine
// of your own, never directly inside a JavaScript callback (a js.Func that JS
// calls, such as an event handler): the browser's event loop waits for such a
// callback to return before it delivers the response, and the page hangs.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	if req == nil {
		return nil, &Error{Kind: ErrInvalid, Err: errors.New("nil *Request")}
	}
	cfg := c.cfg.Load()
	r, err := c.prepare(cfg, req)
	if err != nil {
		return nil, err
	}
	if err := readBody(r); err != nil {
		return nil, invalid(r, err)
	}
	var deadline time.Time
	if r.Timeout > 0 {
		var stop func()
		ctx, stop = withTimeout(ctx, r.Timeout)
		defer stop()
		deadline = c.env.now().Add(r.Timeout)
	}
	return c.send(ctx, cfg.Transport, r, deadline)
}

// withTimeout returns a context canceled with cause deadline{TimeoutError{d}} once d
// has passed. It does what context.WithTimeoutCause does with package cancel
// instead (see there why); Do keeps the deadline itself.
func withTimeout(ctx context.Context, d time.Duration) (context.Context, func()) {
	c, stop := cancel.WithCancel(ctx)
	timer := time.AfterFunc(d, func() { stop(deadline{TimeoutError{d}}) })
	return c, func() {
		timer.Stop()
		stop(nil)
	}
}

// send runs the attempts, the status check and the response hooks.
func (c *Client) send(ctx context.Context, transport Transport, r *Request, deadline time.Time) (*Response, error) {
	if transport == nil {
		transport = defaultTransport
	}
	var (
		resp *Response
		err  error
	)
	for attempt := 1; ; attempt++ {
		if ctx.Err() != nil {
			return nil, c.fail(ctx, r, ctx.Err())
		}
		resp, err = c.roundTrip(ctx, transport, r)
		if resp != nil {
			resp.Request, resp.Attempts = r, attempt
		}
		pause, again := c.retryWait(ctx, r, attempt, resp, err, deadline)
		if !again {
			break
		}
		wait := c.env.sleep
		if wait == nil {
			wait = sleep
		}
		if err := wait(ctx, pause); err != nil {
			return nil, c.fail(ctx, r, err)
		}
	}
	if err != nil {
		return nil, c.fail(ctx, r, err)
	}
	if r.ValidateStatus != nil && !r.ValidateStatus(resp.Status) {
		return nil, &Error{Kind: ErrStatus, Method: r.Method, URL: r.URL, Response: resp}
	}
	for i, h := range c.onResponse.load() {
		if err := callHook(h.fn, resp); err != nil {
			return nil, &Error{Kind: ErrAborted, Method: r.Method, URL: r.URL, Response: resp,
				Err: fmt.Errorf("response hook %d: %w", i, err)}
		}
	}
	return resp, nil
}

// roundTrip calls the transport, turning a panic into an error.
func (c *Client) roundTrip(ctx context.Context, t Transport, r *Request) (resp *Response, err error) {
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
func (c *Client) retryWait(ctx context.Context, r *Request, n int, resp *Response, err error, deadline time.Time) (time.Duration, bool) {
	p := r.Retry
	if p == nil || ctx.Err() != nil {
		return 0, false
	}
	status, retryAfter := 0, ""
	if err != nil {
		if e, ok := AsError(err); ok && e.Kind != ErrNetwork {
			return 0, false
		}
	} else if resp.Status == 0 {
		return 0, false // an opaque (no-cors) response: nothing to judge
	} else {
		status, retryAfter = resp.Status, resp.Header.Get("Retry-After")
	}
	wait, ok := p.Next(n, r.Method, status, retryAfter, c.env.now(), c.env.random)
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

// fail turns err into an *Error of the right kind.
func (c *Client) fail(ctx context.Context, r *Request, err error) error {
	if e, ok := AsError(err); ok {
		if e.Method == "" && e.URL == "" {
			e.Method, e.URL = r.Method, r.URL
		}
		return e
	}
	e := &Error{Method: r.Method, URL: r.URL, Err: err}
	switch cause := cancel.Cause(ctx); {
	case cause == nil:
		e.Kind = ErrNetwork
	case errors.Is(cause, context.DeadlineExceeded):
		e.Kind, e.Err = ErrTimeout, cause
	default:
		e.Kind, e.Err = ErrAborted, cause
	}
	return e
}

// TimeoutError is the cause (Error.Err) of an ErrTimeout: the request's
// Timeout ran out before the exchange, body included, was complete.
// errors.As reads the Timeout from an error Do returned.
type TimeoutError struct {
	// Timeout is the duration that ran out.
	Timeout time.Duration
}

// Error says which timeout ran out.
func (t TimeoutError) Error() string {
	return "no complete response within the " + t.Timeout.String() + " timeout"
}

// deadline is the cause withTimeout cancels a context with: the
// TimeoutError, matching context.DeadlineExceeded too. (TimeoutError itself
// does not mention package context, which a wasm module that only builds
// error messages would otherwise carry.)
type deadline struct{ TimeoutError }

// Is makes a timeout match context.DeadlineExceeded.
func (d deadline) Is(target error) bool { return target == context.DeadlineExceeded }

// Unwrap returns the TimeoutError, for errors.As.
func (d deadline) Unwrap() error { return d.TimeoutError }

func callHook[T any](fn func(T) error, v T) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panicked: %v", p)
		}
	}()
	return fn(v)
}

// readBody turns an io.Reader body into bytes, so that retries can resend it.
func readBody(r *Request) error {
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
