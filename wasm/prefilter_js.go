package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// prefilterFields are the fields of the settings object a page prefilter
// gets and may change.
var prefilterFields = []string{
	"url", "method", "headers", "body", "credentials", "xhrFields", "mode", "redirect",
	"cache", "referrerPolicy", "timeout",
}

// runPrefilter calls the page's prefilter fn with the request as a settings
// object, awaits it when it returns a Promise, and applies the settings it
// leaves. A throw, a rejection or a return of false cancels the request.
// It runs on the request's goroutine, never inside a JavaScript callback.
func runPrefilter(fn safejs.Value, r *fetch.Request) error {
	s := prefilterSettings(r)
	ret, err := fn.Invoke(s)
	if err != nil {
		return jsutil.CallError(err)
	}
	if !jsutil.IsBigInt(ret) { // Await would panic on a BigInt
		if ret, err = jsutil.Await(context.Background(), ret); err != nil {
			return err
		}
	}
	if !jsutil.IsBigInt(ret) && ret.Type() == safejs.TypeBoolean && !truthy(ret) {
		return errors.New("it returned false")
	}
	return applyPrefilterSettings(s, r)
}

// prefilterSettings is the request in the shape of ajax's settings.
func prefilterSettings(r *fetch.Request) safejs.Value {
	s := jsutil.NewObject()
	_ = s.Set("url", r.URL)
	_ = s.Set("method", r.Method)
	h := jsutil.NewObject()
	for k, vals := range r.Header {
		if len(vals) > 0 {
			_ = h.Set(k, joinValues(vals))
		}
	}
	_ = s.Set("headers", h)
	if b, ok := r.Body.(safejs.Value); ok {
		_ = s.Set("body", b)
	}
	_ = s.Set("credentials", string(r.Credentials))
	xf := jsutil.NewObject()
	_ = xf.Set("withCredentials", r.Credentials == fetch.Include)
	_ = s.Set("xhrFields", xf)
	for k, v := range map[string]string{"mode": string(r.Mode), "redirect": string(r.Redirect), "cache": string(r.Cache), "referrerPolicy": string(r.ReferrerPolicy)} {
		if v != "" {
			_ = s.Set(k, v)
		}
	}
	if r.Timeout > 0 {
		_ = s.Set("timeout", float64(r.Timeout)/float64(time.Millisecond))
	}
	return s
}

// applyPrefilterSettings copies the settings a prefilter left back into r.
// xhrFields.withCredentials, as the classic $.ajaxPrefilter sets it, wins
// over credentials when it changed.
func applyPrefilterSettings(s safejs.Value, r *fetch.Request) error {
	rd := newReader("credfetch.ajaxPrefilter", "settings", s, prefilterFields)
	if u, ok := rd.url("url"); ok {
		r.URL = u
	}
	if m, ok := rd.str("method"); ok {
		r.Method = m
	}
	before := r.Credentials
	readRequestCommon(rd, r)
	if c, ok := readXHRFields(rd); ok && (c == fetch.Include) != (before == fetch.Include) {
		r.Credentials = c
	}
	if b, ok := rd.get("body"); ok && !b.IsNull() {
		if !isBodyValue(b) {
			rd.fail("body", "a string or body value", b)
		} else {
			r.Body = b
		}
	}
	if d, ok := rd.millis("timeout"); ok {
		r.Timeout = d
	}
	if err := rd.err(); err != nil {
		return fmt.Errorf("it left bad settings: %w", err)
	}
	return nil
}
