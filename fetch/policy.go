package fetch

import (
	"errors"
	"sync/atomic"

	"github.com/credfetch/credfetch/internal/hooks"
)

// Policy decides what requests become: it holds the Settings and the
// prefilters, and turns each Request into the one to send (Prepare, or Draft
// and Finish around code of the caller's own). It never sends anything and
// never reads the document: everything it knows of the page comes in a
// Page. Its methods are safe for concurrent use.
//
// Senders build on it: the JS API (package wasm) asks it about every
// request of a page, and the client for Go programs (package
// fetch/client) asks it before each Do. Make one with NewPolicy; a zero
// Policy has no settings until Configure gives it some.
type Policy struct {
	cfg        atomic.Pointer[config]
	prefilters hooks.List[func(*Request) error]
}

// NewPolicy returns a policy whose requests start from s. It refuses settings
// the browser would reject or that would leak credentials, with one error per
// problem. A relative Settings.BaseURL needs a page: see ConfigureFor.
func NewPolicy(s Settings) (*Policy, error) {
	p := &Policy{}
	if err := p.Configure(s); err != nil {
		return nil, err
	}
	return p, nil
}

// Configure replaces the policy's settings, as $.ajaxSetup does. Requests
// already under way keep the settings they started with. On error the old
// settings stay. Settings.BaseURL must be absolute; ConfigureFor names the
// page a relative one resolves against.
func (p *Policy) Configure(s Settings) error {
	return p.ConfigureFor(Page{}, s)
}

// ConfigureFor is Configure for settings made in page pg: a relative
// Settings.BaseURL resolves against pg's base URL, now, and stays as
// resolved for every request. The JS API passes the page ajaxSetup is called
// from.
func (p *Policy) ConfigureFor(pg Page, s Settings) error {
	cfg, err := newConfig(s, pg.base())
	if err != nil {
		return err
	}
	p.cfg.Store(cfg)
	return nil
}

// Settings returns a copy of the policy's current settings.
func (p *Policy) Settings() Settings {
	s := p.cfg.Load().Settings
	s.Headers = s.Headers.Clone()
	s.TrustedOrigins = append([]string(nil), s.TrustedOrigins...)
	return s
}

// NeedsCookies reports whether the current settings read one of the page's
// cookies (Settings.XSRFCookieName), so that a caller for whom reading them
// costs something (document.cookie is a call into the browser) fills
// Page.Cookies only then.
func (p *Policy) NeedsCookies() bool {
	return p.cfg.Load().XSRFCookieName != ""
}

// Prefilter registers fn to run before every request, in registration order,
// after the request has been merged with the settings, its URL resolved and
// its credentials chosen. fn may change any field of the request; returning an
// error cancels the request, which then fails with kind ErrAborted. The
// returned function unregisters fn.
func (p *Policy) Prefilter(fn func(*Request) error) (remove func()) {
	return p.prefilters.Add(fn)
}

// Prepare returns the request to send for req: a copy merged with the
// settings, its URL resolved, its credentials chosen, the prefilters run and
// the result checked. req.Page is the page it is made from; its empty fields
// mean no page (see Page). An io.Reader body is left unread. The JS API asks
// it for every request of a page without prefilters. Errors are *Error
// values.
func (p *Policy) Prepare(req *Request) (*Request, error) {
	if req == nil {
		return nil, errNilRequest()
	}
	return p.prepare(p.cfg.Load(), req)
}

// errNilRequest is the error of a call given a nil *Request.
func errNilRequest() *Error {
	return &Error{Kind: ErrInvalid, Err: errors.New("nil *Request")}
}
