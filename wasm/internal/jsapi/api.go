package jsapi

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jitter"
)

// API holds the JS API's settings (a fetch.Policy, whose settings ajaxSetup
// replaces, and the default transport, which the loader applies) and answers
// the loader's calls. Its methods are safe for concurrent use and never
// panic on a malformed message; they answer "err" and why.
type API struct {
	policy *fetch.Policy
	// cookies returns the page's cookies (document.cookie), or nil for none.
	cookies func() string
	mu      sync.Mutex // guards transport and serializes Setup
	// transport is "fetch" or "xhr": the loader sends each request with the
	// browser API it names.
	transport string
}

// New returns an API with default settings: no credentials beyond the
// browser's default until Setup says otherwise, the fetch transport.
// cookies returns the page's cookies, document.cookie in credfetch.wasm; it is
// called only for requests whose settings name an XSRF cookie, and nil means
// the page has none.
func New(cookies func() string) (*API, error) {
	p, err := fetch.NewPolicy(fetch.Settings{})
	if err != nil {
		return nil, err
	}
	return &API{policy: p, cookies: cookies, transport: "fetch"}, nil
}

// pageBody stands for the body of a page's request, which stays in
// JavaScript: the checks only need to know there is one.
var pageBody = []byte{}

// page returns the page the message comes from: its location ("page") and,
// when a <base> element moves it, its base URL ("base"). The loader sends
// them because reading them from Go would be calls into JavaScript that cost
// more than the rest of deciding a request. The message leaves out the
// cookies, which only an XSRF header needs: withCookies reads them then.
func (m *message) page() fetch.Page {
	return fetch.Page{Location: m.v[fPage], Base: m.v[fBase]}
}

// Setup merges the settings in msg (ajaxSetup's fields, as pairs, with the
// page's location as "page" and, when a <base> element moves it, the
// document's base URL as "base") into the current ones and answers the
// result, or "err" and every problem, leaving the settings as they were.
func (a *API) Setup(msg string) string {
	m, err := decode(strings.Split(msg, Sep))
	if err != nil {
		return fail(err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.policy.Settings()
	transport := a.transport
	var errs [3]error
	m.str(fBaseURL, &s.BaseURL)
	m.str(fCredentials, (*string)(&s.Credentials))
	m.str(fMode, (*string)(&s.Mode))
	m.str(fRedirect, (*string)(&s.Redirect))
	m.str(fCache, (*string)(&s.Cache))
	m.str(fReferrerPolicy, (*string)(&s.ReferrerPolicy))
	m.str(fXSRFCookieName, &s.XSRFCookieName)
	m.str(fXSRFHeaderName, &s.XSRFHeaderName)
	m.str(fTransport, &transport)
	if m.has[fTrustedOrigins] {
		s.TrustedOrigins = list(m.v[fTrustedOrigins])
	}
	if m.has[fNoCORSProbe] {
		s.NoCORSProbe = m.v[fNoCORSProbe] == "true"
	}
	if m.has[fTimeout] {
		s.Timeout, errs[0] = millis(m.v[fTimeout])
	}
	if m.has[fRetry] {
		s.Retry, errs[1] = readRetry(m.v[fRetry])
	}
	if !slices.Contains(transports, transport) {
		errs[2] = errMalformed("transport", transport)
	}
	if err := errors.Join(errs[:]...); err != nil {
		return fail(err)
	}
	if len(m.headers) > 0 {
		// A header named in this call replaces the one of that name.
		h := s.Headers.Clone()
		if h == nil {
			h = fetch.Header{}
		}
		for _, kv := range m.headers {
			h.Del(kv[0])
		}
		for _, kv := range m.headers {
			h.Add(kv[0], kv[1])
		}
		s.Headers = h
	}
	// A relative BaseURL resolves against the page's base URL.
	if err := a.policy.ConfigureFor(m.page(), s); err != nil {
		return fail(errors.New("credfetch.ajaxSetup: " + err.Error()))
	}
	a.transport = transport
	return settingsReply(a.policy.Settings(), transport)
}

// settingsReply answers settings in ajaxSetup's shape; retry is the limit.
func settingsReply(s fetch.Settings, transport string) string {
	credentials := s.Credentials
	if credentials == "" {
		credentials = fetch.SameOrigin
	}
	r := ok().add("baseURL", s.BaseURL).add("credentials", string(credentials)).
		add("trustedOrigins", formatList(s.TrustedOrigins)).add("timeout", formatMillis(s.Timeout)).
		add("retry", strconv.Itoa(s.Retry.Limit)).add("transport", transport).
		addIf("mode", string(s.Mode)).addIf("redirect", string(s.Redirect)).addIf("cache", string(s.Cache)).
		addIf("referrerPolicy", string(s.ReferrerPolicy)).
		addIf("xsrfCookieName", s.XSRFCookieName).addIf("xsrfHeaderName", s.XSRFHeaderName)
	if s.NoCORSProbe {
		r.add("noCORSProbe", "true")
	}
	addHeaders(r, s.Headers)
	return r.String()
}

// addHeaders appends one h:Name pair per value.
func addHeaders(r *reply, h fetch.Header) {
	for name, values := range h {
		for _, v := range values {
			r.add(headerKey+name, v)
		}
	}
}

// Prepare decides what a request becomes. msg is a phase, then the request's
// fields as pairs, with the page's location as "page" and, when a <base>
// element moves it, the document's base URL as "base", which become the
// request's fetch.Page. The phases are "prepare" (the whole of
// fetch.Policy.Prepare, when the page has no prefilters), "draft" (the request the
// page's prefilters get) and "finish" (the request as they left it,
// completed and checked). The reply has the request's fields, its
// transport, its timeout when it has one, its retry policy when it retries,
// and "probe" when a network failure is followed by a CORS probe
// (fetch.Policy.ProbesCORS).
func (a *API) Prepare(msg string) string {
	fields := strings.Split(msg, Sep)
	m, err := decode(fields[1:])
	if err != nil {
		return fail(err)
	}
	req := &fetch.Request{Page: m.page()}
	transport := ""
	m.str(fURL, &req.URL)
	m.str(fMethod, &req.Method)
	m.str(fCredentials, (*string)(&req.Credentials))
	m.str(fMode, (*string)(&req.Mode))
	m.str(fRedirect, (*string)(&req.Redirect))
	m.str(fCache, (*string)(&req.Cache))
	m.str(fReferrerPolicy, (*string)(&req.ReferrerPolicy))
	m.str(fTransport, &transport)
	if m.has[fBody] {
		req.Body = pageBody
	}
	if m.has[fTimeout] {
		if req.Timeout, err = millis(m.v[fTimeout]); err != nil {
			return fail(err)
		}
		if req.Timeout == 0 {
			req.Timeout = -1 // 0 turns a default timeout off
		}
	}
	if m.has[fRetry] {
		p, err := readRetry(m.v[fRetry])
		if err != nil {
			return fail(err)
		}
		req.Retry = &p
	}
	if len(m.headers) > 0 {
		req.Header = make(fetch.Header, len(m.headers))
		for _, kv := range m.headers {
			req.Header.Add(kv[0], kv[1])
		}
	}
	var r *fetch.Request
	switch fields[0] {
	case "prepare":
		r, err = a.policy.Prepare(a.withCookies(req))
	case "draft":
		r, err = a.policy.Draft(req)
	case "finish":
		r, err = a.policy.Finish(a.withCookies(req))
	default:
		return fail(errMalformed("the phase", fields[0]))
	}
	if err != nil {
		return fail(err)
	}
	if transport == "" {
		a.mu.Lock()
		transport = a.transport
		a.mu.Unlock()
	}
	out := ok().add("url", r.URL).add("method", r.Method).add("credentials", string(r.Credentials)).
		add("transport", transport).
		addIf("mode", string(r.Mode)).addIf("redirect", string(r.Redirect)).addIf("cache", string(r.Cache)).
		addIf("referrerPolicy", string(r.ReferrerPolicy))
	if r.Timeout > 0 {
		out.add("timeout", formatMillis(r.Timeout))
	}
	if r.Retry != nil && r.Retry.Limit > 0 {
		out.add("retry", formatRetry(*r.Retry))
	}
	if fields[0] != "draft" && a.policy.ProbesCORS(r) {
		out.add("probe", "1")
	}
	addHeaders(out, r.Header)
	return out.String()
}

// withCookies fills req's Page.Cookies from the page when the settings copy
// a cookie into an XSRF header (a draft, which adds no header, needs none).
func (a *API) withCookies(req *fetch.Request) *fetch.Request {
	if a.cookies != nil && a.policy.NeedsCookies() {
		req.Page.Cookies = a.cookies()
	}
	return req
}

// Retry decides whether a failed attempt is sent again, as
// fetch.RetryPolicy.Next says. msg is the retry policy Prepare answered, the
// attempt's number (1 for the first), the method, the error code of the
// failure ("http" for a response, whose status and Retry-After header
// follow; "network", or "cors", which is never retried, with status 0). The
// reply is "ok" and the wait in milliseconds, or "no". The loader checks the
// timeout itself.
func (a *API) Retry(msg string) string {
	f := strings.Split(msg, Sep)
	if len(f) != 6 {
		return fail(errMalformed("a retry question", msg))
	}
	p, err := readRetry(f[0])
	if err != nil {
		return fail(err)
	}
	n, err1 := strconv.Atoi(f[1])
	status, err2 := strconv.Atoi(f[4])
	if err1 != nil || err2 != nil {
		return fail(errMalformed("a retry question", msg))
	}
	wait, again := p.Next(n, f[2], kindOf(f[3]), status, f[5], time.Now(), jitter.N)
	if !again {
		return "no"
	}
	return "ok" + Sep + formatMillis(wait)
}

// Message says what failed, as fetch.Error says it, for the error the page
// gets. msg is the error's code ("timeout", "abort", "network", "cors",
// "http" or "invalid"), the request's method and URL, the detail (the timeout in ms,
// the abort reason, the browser's message or what was invalid), and for
// "http" the status and status text.
func Message(msg string) string {
	f := strings.Split(msg, Sep)
	for len(f) < 6 {
		f = append(f, "")
	}
	e := &fetch.Error{Method: f[1], URL: f[2], Kind: kindOf(f[0])}
	detail := f[3]
	if detail != "" {
		e.Err = errors.New(detail)
	}
	switch e.Kind {
	case fetch.ErrTimeout:
		if d, err := millis(detail); err == nil {
			e.Err = fetch.TimeoutError{Timeout: d}
		}
	case fetch.ErrStatus:
		status, _ := strconv.Atoi(f[4])
		e.Err = nil
		e.Response = &fetch.Response{Status: status, StatusText: f[5]}
	}
	return e.Error()
}

// Origins checks install()'s origins (one per field) as fetch.ParseOrigins
// does, answering "ok" or "err" and every bad entry. The loader matches
// request URLs against the list itself, so that requests to other origins
// never reach Go.
func Origins(msg string) string {
	if _, err := fetch.ParseOrigins(strings.Split(msg, Sep)); err != nil {
		return fail(errors.New("credfetch.install: " + err.Error()))
	}
	return "ok"
}
