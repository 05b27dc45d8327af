package main

import (
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// settingsFields are the fields credfetch.ajaxSetup accepts.
var settingsFields = []string{
	"baseURL", "credentials", "trustedOrigins", "headers", "timeout", "retry", "transport",
	"mode", "redirect", "cache", "referrerPolicy", "xsrfCookieName", "xsrfHeaderName",
}

// readSettings applies the fields of the JS settings object v to s.
func readSettings(call string, v safejs.Value, s *fetch.Settings) error {
	r := newReader(call, "settings", v, settingsFields)
	if x, ok := r.url("baseURL"); ok {
		s.BaseURL = x
	}
	if x, ok := r.oneOf("credentials", "omit", "same-origin", "include"); ok {
		s.Credentials = fetch.Credentials(x)
	}
	if x, ok := r.strings("trustedOrigins"); ok {
		s.TrustedOrigins = x
	}
	if h, ok := r.headers("headers"); ok {
		if s.Headers == nil {
			s.Headers = fetch.Header{}
		}
		for k, vals := range h {
			s.Headers[k] = vals
		}
	}
	if d, ok := r.millis("timeout"); ok {
		s.Timeout = d
	}
	if p, ok := readRetry(r); ok {
		s.Retry = p
	}
	if t, ok := readTransport(r); ok {
		s.Transport = t
	}
	readModes(r, &s.Mode, &s.Redirect, &s.Cache, &s.ReferrerPolicy)
	if x, ok := r.str("xsrfCookieName"); ok {
		s.XSRFCookieName = x
	}
	if x, ok := r.str("xsrfHeaderName"); ok {
		s.XSRFHeaderName = x
	}
	return r.err()
}

var retryFields = []string{"limit", "methods", "statusCodes", "delay", "maxDelay"}

// readRetry reads retry: a number (the limit) or an object.
func readRetry(r *reader) (fetch.RetryPolicy, bool) {
	v, ok := r.get("retry")
	if !ok {
		return fetch.RetryPolicy{}, false
	}
	if v.Type() == safejs.TypeNumber {
		n, ok := r.integer("retry", 0, fetch.MaxRetryLimit)
		return fetch.RetryPolicy{Limit: n}, ok
	}
	rr := newReader(r.call, r.path+".retry", v, retryFields)
	var p fetch.RetryPolicy
	p.Limit, _ = rr.integer("limit", 0, fetch.MaxRetryLimit)
	p.Methods, _ = rr.strings("methods")
	p.StatusCodes, _ = rr.ints("statusCodes")
	p.Delay, _ = rr.millis("delay")
	p.MaxDelay, _ = rr.millis("maxDelay")
	r.errs = append(r.errs, rr.errs...)
	return p, len(rr.errs) == 0
}

// readTransport reads transport: 'fetch' or 'xhr'.
func readTransport(r *reader) (fetch.Transport, bool) {
	x, ok := r.oneOf("transport", "fetch", "xhr")
	switch {
	case !ok:
		return nil, false
	case x == "xhr":
		return fetch.XHR, true
	}
	return fetch.FetchAPI, true
}

// settingsObject returns s in the shape ajaxSetup takes.
func settingsObject(s fetch.Settings) safejs.Value {
	o := jsutil.NewObject()
	set := func(k string, v any) { _ = o.Set(k, v) }
	set("baseURL", s.BaseURL)
	set("credentials", string(orDefault(s.Credentials, fetch.SameOrigin)))
	origins := make([]any, len(s.TrustedOrigins))
	for i, x := range s.TrustedOrigins {
		origins[i] = x
	}
	set("trustedOrigins", origins)
	headers := jsutil.NewObject()
	for k, vals := range s.Headers {
		if len(vals) > 0 {
			_ = headers.Set(k, joinValues(vals))
		}
	}
	set("headers", headers)
	set("timeout", float64(s.Timeout)/float64(time.Millisecond))
	set("retry", s.Retry.Limit)
	transport := "fetch"
	if s.Transport == fetch.XHR {
		transport = "xhr"
	}
	set("transport", transport)
	for k, v := range map[string]string{"mode": string(s.Mode), "redirect": string(s.Redirect), "cache": string(s.Cache),
		"referrerPolicy": string(s.ReferrerPolicy), "xsrfCookieName": s.XSRFCookieName, "xsrfHeaderName": s.XSRFHeaderName} {
		if v != "" {
			set(k, v)
		}
	}
	return o
}

func orDefault[T comparable](v, d T) T {
	var zero T
	if v == zero {
		return d
	}
	return v
}

// joinValues joins header values as the Headers class does.
func joinValues(vals []string) string {
	if len(vals) == 1 {
		return vals[0]
	}
	out := vals[0]
	for _, v := range vals[1:] {
		out += ", " + v
	}
	return out
}
