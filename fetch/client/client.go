package client

import (
	"sync"
	"sync/atomic"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/hooks"
)

// Client sends requests with shared Settings and prefilters: a fetch.Policy
// decides what each request becomes, and the client sends it. Its methods
// are safe for concurrent use.
type Client struct {
	policy *fetch.Policy
	// mu serializes Configure, so that transport always belongs to the
	// policy's current settings.
	mu         sync.Mutex
	transport  atomic.Pointer[fetch.Transport] // Settings.Transport, nil for the default
	onResponse hooks.List[func(*fetch.Response) error]
	env        environment
}

// New returns a client whose requests start from s. It refuses settings the
// browser would reject or that would leak credentials, with one error per
// problem.
func New(s fetch.Settings) (*Client, error) {
	return newClient(s, platformEnv())
}

// newClient is New in the environment env.
func newClient(s fetch.Settings, env environment) (*Client, error) {
	c := &Client{env: env}
	p, err := fetch.NewPolicy(fetch.Settings{})
	if err != nil {
		return nil, err
	}
	c.policy = p
	if err := c.Configure(s); err != nil {
		return nil, err
	}
	return c, nil
}

// Configure replaces the client's settings, as $.ajaxSetup does. Requests
// already under way keep the settings they started with. On error the old
// settings stay. A relative Settings.BaseURL resolves against the base URL
// of the document (see fetch.Page); ConfigureFor names another page.
func (c *Client) Configure(s fetch.Settings) error {
	return c.ConfigureFor(fetch.Page{}, s)
}

// ConfigureFor is Configure for settings made in page p: a relative
// Settings.BaseURL resolves against p's base URL, now, and stays as resolved
// for every request. p's empty fields are the document's, as in
// Request.Page.
func (c *Client) ConfigureFor(p fetch.Page, s fetch.Settings) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.policy.ConfigureFor(c.page(p, false), s); err != nil {
		return err
	}
	c.transport.Store(&s.Transport)
	return nil
}

// Settings returns a copy of the client's current settings.
func (c *Client) Settings() fetch.Settings { return c.policy.Settings() }

// Prefilter registers fn to run before every request, in registration order,
// after the request has been merged with the settings, its URL resolved and
// its credentials chosen. fn may change any field of the request; returning an
// error cancels the request, which then fails with kind ErrAborted. The
// returned function unregisters fn.
func (c *Client) Prefilter(fn func(*fetch.Request) error) (remove func()) {
	return c.policy.Prefilter(fn)
}

// OnResponse registers fn to run, in registration order, on every response
// that passed the status check, before Do returns it. An error from fn fails
// the request with kind ErrAborted. The returned function unregisters fn.
func (c *Client) OnResponse(fn func(*fetch.Response) error) (remove func()) {
	return c.onResponse.Add(fn)
}

// Prepare returns the request Do would send for req, without sending it:
// merged with the settings, its URL resolved, its credentials chosen, the
// prefilters run and the result checked (fetch.Policy.Prepare, for the page
// of req.Page whose empty fields are the document's); an io.Reader body is
// left unread (Do reads it once, so that retries can send it again). Errors
// are *fetch.Error values.
func (c *Client) Prepare(req *fetch.Request) (*fetch.Request, error) {
	r, _, err := c.prepare(req)
	return r, err
}

// prepare is Prepare; it also says whether a network failure of the request
// is followed by a CORS probe (fetch.Policy.ProbesCORS), which it asks with
// the page filled in.
func (c *Client) prepare(req *fetch.Request) (*fetch.Request, bool, error) {
	if req == nil {
		r, err := c.policy.Prepare(nil)
		return r, false, err
	}
	in := *req
	in.Page = c.page(req.Page, c.policy.NeedsCookies())
	r, err := c.policy.Prepare(&in)
	if err != nil {
		return nil, false, err
	}
	probe := c.env.probe != nil && c.policy.ProbesCORS(r)
	r.Page = req.Page // the document's fields stay the document's
	return r, probe, nil
}

// page returns p with the fields it leaves empty filled from the document:
// its location, its base URL when p names neither, and, when cookies is
// true, its cookies. Outside a page they stay empty.
func (c *Client) page(p fetch.Page, cookies bool) fetch.Page {
	if p.Location == "" {
		if p.Base == "" {
			p.Base = c.env.base()
		}
		p.Location = c.env.location()
	}
	if cookies && p.Cookies == "" {
		p.Cookies = c.env.cookies()
	}
	return p
}

// currentTransport returns the transport of the current settings. A Do that
// runs while Configure changes the settings may send the request the old
// settings prepared with the new settings' transport: any transport sends
// any prepared request, and Configure is rare.
func (c *Client) currentTransport() fetch.Transport {
	if t := c.transport.Load(); t != nil && *t != nil {
		return *t
	}
	return defaultTransport
}
