package fetch

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/credfetch/credfetch/internal/hooks"
)

// prepare merges req with the settings, resolves its URL, chooses its
// credentials, runs the prefilters and checks the result. It returns the
// request to send, or an *Error.
func (p *Policy) prepare(cfg *config, req *Request) (*Request, error) {
	r, u, err := draft(cfg, req)
	if err != nil {
		return nil, err
	}
	href, derived := r.URL, r.Credentials
	for i, h := range p.prefilters.Load() {
		if err := hooks.Call(h.Fn, r); err != nil {
			return nil, &Error{Kind: ErrAborted, Method: r.Method, URL: r.URL,
				Err: fmt.Errorf("prefilter %d canceled the request: %w", i, err)}
		}
	}
	if r.URL == href {
		return finish(cfg, r, &u)
	}
	if req.Credentials == "" && r.Credentials == derived {
		r.Credentials = "" // chosen for the old URL: choose again
	}
	return finish(cfg, r, nil)
}

// Draft returns the request as the policy's prefilters get it: a copy of req
// merged with the settings, its method normalized, its URL resolved and, when
// req leaves Credentials empty, its credentials chosen for that URL. Finish
// completes it. Errors are *Error values of kind ErrInvalid.
func (p *Policy) Draft(req *Request) (*Request, error) {
	if req == nil {
		return nil, errNilRequest()
	}
	r, _, err := draft(p.cfg.Load(), req)
	return r, err
}

// Finish completes a request Draft returned after code other than the
// policy's prefilters changed it (the JS API runs the page's JavaScript
// prefilters between the two): it resolves the URL again, chooses the
// credentials when Credentials is empty, checks the request and adds the XSRF
// header where it belongs. Prepare is Draft, the policy's prefilters, then
// Finish. Errors are *Error values of kind ErrInvalid.
func (p *Policy) Finish(r *Request) (*Request, error) {
	if r == nil {
		return nil, errNilRequest()
	}
	r = r.clone()
	if r.Header == nil {
		r.Header = Header{} // as Draft's requests have, for the XSRF header
	}
	return finish(p.cfg.Load(), r, nil)
}

// draft does Draft's work with the settings cfg; it also returns the parts
// of the resolved URL.
func draft(cfg *config, req *Request) (*Request, urlParts, error) {
	r := merge(cfg, req)
	if m, err := normalizeMethod(r.Method); err == nil {
		r.Method = m // prefilters see "GET", not "" or "get"; check reports a bad one
	}
	u, err := resolveURL(r.URL, cfg.base, r.Page.base())
	if err != nil {
		return nil, u, invalid(r, err)
	}
	r.URL = u.Href
	if r.Credentials == "" {
		r.Credentials = credentialsFor(cfg, u, r.Page.Location)
	}
	return r, u, nil
}

// finish does Finish's work with the settings cfg. parts are those of r.URL
// when it has not changed since draft resolved it; nil resolves it again.
func finish(cfg *config, r *Request, parts *urlParts) (*Request, error) {
	page := r.Page.Location
	if parts == nil {
		u, err := resolveURL(r.URL, cfg.base, r.Page.base())
		if err != nil {
			return nil, invalid(r, fmt.Errorf("after the prefilters: %w", err))
		}
		r.URL = u.Href
		parts = &u
	}
	u := *parts
	if r.Credentials == "" {
		r.Credentials = credentialsFor(cfg, u, page)
	}
	if err := check(r); err != nil {
		return nil, invalid(r, err)
	}
	if cfg.XSRFHeaderName != "" && r.Header.Get(cfg.XSRFHeaderName) == "" && (u.Origin == originOfPage(page) || cfg.trust.trusts(u)) {
		if v, ok := cookieValue(r.Page.Cookies, cfg.XSRFCookieName); ok {
			r.Header.Set(cfg.XSRFHeaderName, v)
		}
	}
	return r, nil
}

// merge returns a copy of req whose empty fields take the settings' values.
func merge(cfg *config, req *Request) *Request {
	r := *req
	r.Header = make(Header, len(cfg.Headers)+len(req.Header))
	for k, v := range cfg.Headers {
		r.Header[k] = append([]string(nil), v...)
	}
	for k, v := range req.Header {
		r.Header[CanonicalHeaderKey(k)] = append([]string(nil), v...)
	}
	if r.Mode == "" {
		r.Mode = cfg.Mode
	}
	if r.Redirect == "" {
		r.Redirect = cfg.Redirect
	}
	if r.Cache == "" {
		r.Cache = cfg.Cache
	}
	if r.ReferrerPolicy == "" {
		r.ReferrerPolicy = cfg.ReferrerPolicy
	}
	if r.Timeout == 0 {
		r.Timeout = cfg.Timeout
	}
	if r.Retry == nil {
		p := cfg.Retry
		r.Retry = &p
	}
	if r.ValidateStatus == nil {
		r.ValidateStatus = cfg.ValidateStatus
	}
	return &r
}

// credentialsFor chooses the credentials mode for a request to u that did not
// choose its own: the configured one for the page's origin and trusted
// origins, SameOrigin for any other.
func credentialsFor(cfg *config, u urlParts, page string) Credentials {
	trusted := u.Origin == originOfPage(page) || cfg.trust.trusts(u)
	if !trusted && cfg.base != "" {
		if b, err := parseURL(cfg.base, ""); err == nil && b.Origin == u.Origin {
			trusted = true
		}
	}
	if !trusted || cfg.Credentials == "" {
		return SameOrigin
	}
	return cfg.Credentials
}

// pageOrigin is originOfPage's last answer, {page, origin}: the page's
// location rarely changes, and parsing it is a call into the browser.
var pageOrigin atomic.Pointer[[2]string]

// originOfPage returns the origin of the page's location, or "".
func originOfPage(page string) string {
	if page == "" {
		return ""
	}
	if c := pageOrigin.Load(); c != nil && c[0] == page {
		return c[1]
	}
	u, err := parseURL(page, "")
	if err != nil {
		return ""
	}
	pageOrigin.Store(&[2]string{page, u.Origin})
	return u.Origin
}

// check validates a merged request: method, headers, body and modes.
func check(r *Request) error {
	m, err := normalizeMethod(r.Method)
	if err != nil {
		return err
	}
	r.Method = m
	var errs []error
	for name, values := range r.Header {
		if err := checkHeader(name, values); err != nil {
			errs = append(errs, err)
		}
	}
	switch r.Body.(type) {
	case nil, []byte, string, io.Reader: // a sender reads a Reader, once, after the checks
	default:
		if !isPlatformBody(r.Body) {
			errs = append(errs, fmt.Errorf("Body has type %T: use []byte, string or an io.Reader", r.Body))
		}
	}
	if r.Body != nil && (r.Method == "GET" || r.Method == "HEAD") {
		errs = append(errs, fmt.Errorf("a %s request cannot have a body: send it with POST, PUT or PATCH, or put it in the URL's query", r.Method))
	}
	errs = append(errs, checkModes("", r.Credentials, r.Mode, r.Redirect, r.Cache, r.ReferrerPolicy))
	if r.Retry != nil {
		errs = append(errs, r.Retry.check("Retry"))
	}
	return errors.Join(errs...)
}

func invalid(r *Request, err error) *Error {
	return &Error{Kind: ErrInvalid, Method: r.Method, URL: r.URL, Err: err}
}

// cookieValue finds a cookie in a document.cookie string ("a=1; b=2").
func cookieValue(cookies, name string) (string, bool) {
	for cookies != "" {
		var pair string
		pair, cookies, _ = strings.Cut(cookies, ";")
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && k == name {
			return v, true
		}
	}
	return "", false
}
