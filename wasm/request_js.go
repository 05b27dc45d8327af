package main

import (
	"fmt"
	"strings"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// ajaxFields are the fields credfetch.ajax accepts. method has jQuery's alias
// type; xhrFields.withCredentials is read as credentials, as jQuery code sets
// it.
var ajaxFields = []string{
	"url", "method", "type", "headers", "body", "data", "dataType", "credentials", "xhrFields",
	"mode", "redirect", "cache", "referrerPolicy", "timeout", "retry", "transport", "signal",
	"onUploadProgress", "onDownloadProgress", "validateStatus",
}

// ajaxCall is a request read from credfetch.ajax's settings.
type ajaxCall struct {
	req            *fetch.Request
	dataType       string
	signal         safejs.Value
	validateStatus safejs.Value // a function, null (accept all) or undefined (2xx)
	onDownload     safejs.Value // the page's onDownloadProgress, or undefined
}

// readAjax reads credfetch.ajax's settings into a request.
func readAjax(v safejs.Value) (*ajaxCall, error) {
	const call = "credfetch.ajax"
	if v.Type() == safejs.TypeString { // ajax(url) as a shorthand
		return &ajaxCall{req: &fetch.Request{URL: mustString(v)}, signal: safejs.Undefined(), validateStatus: safejs.Undefined(), onDownload: safejs.Undefined()}, nil
	}
	r := newReader(call, "settings", v, ajaxFields)
	if v.IsUndefined() || v.IsNull() {
		return nil, fmt.Errorf("%s: settings must be an object with at least a url, got %s", call, jsutil.TypeName(v))
	}
	c := &ajaxCall{req: &fetch.Request{}, signal: safejs.Undefined(), validateStatus: safejs.Undefined()}
	req := c.req
	var ok bool
	if req.URL, ok = r.url("url"); !ok && len(r.errs) == 0 {
		r.errs = append(r.errs, fmt.Errorf("%s: settings.url is required", call))
	}
	if m, ok := r.str("method"); ok {
		req.Method = m
	} else if m, ok := r.str("type"); ok {
		req.Method = m
	}
	readRequestCommon(r, req)
	if x, ok := readXHRFields(r); ok && req.Credentials == "" {
		req.Credentials = x
	}
	if x, ok := r.oneOf("dataType", "json", "text", "arraybuffer", "blob"); ok {
		c.dataType = x
	}
	if d, ok := r.millis("timeout"); ok {
		req.Timeout = d
		if d == 0 {
			req.Timeout = -1 // 0 turns a default timeout off
		}
	}
	if p, ok := readRetry(r); ok {
		req.Retry = &p
	}
	if t, ok := readTransport(r); ok {
		req.Transport = t
	}
	if s, ok := r.get("signal"); ok {
		if !jsutil.InstanceOf(s, "AbortSignal") {
			r.fail("signal", "an AbortSignal", s)
		}
		c.signal = s
	}
	if fn, ok := r.function("onUploadProgress"); ok {
		req.OnUploadProgress = progressCallback(fn)
	}
	c.onDownload = safejs.Undefined()
	if fn, ok := r.function("onDownloadProgress"); ok {
		req.OnDownloadProgress = progressCallback(fn)
		c.onDownload = fn
	}
	if vs, ok := r.get("validateStatus"); ok {
		if vs.Type() != safejs.TypeFunction && !vs.IsNull() {
			r.fail("validateStatus", "a function or null", vs)
		}
		c.validateStatus = vs
	} else if slicesContains(r.keys, "validateStatus") {
		c.validateStatus = safejs.Null()
	}
	readBody(r, req)
	if err := r.err(); err != nil {
		return nil, err
	}
	return c, nil
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// readRequestCommon reads the fields ajax and fetch share.
func readRequestCommon(r *reader, req *fetch.Request) {
	if h, ok := r.headers("headers"); ok {
		req.Header = h
	}
	if x, ok := r.oneOf("credentials", "omit", "same-origin", "include"); ok {
		req.Credentials = fetch.Credentials(x)
	}
	readModes(r, &req.Mode, &req.Redirect, &req.Cache, &req.ReferrerPolicy)
}

// readModes reads the four mode fields settings and requests share into the
// given fields, leaving each one alone when its field is absent.
func readModes(r *reader, mode *fetch.Mode, redirect *fetch.Redirect, cache *fetch.Cache, referrer *fetch.ReferrerPolicy) {
	if x, ok := r.oneOf("mode", "cors", "no-cors", "same-origin"); ok {
		*mode = fetch.Mode(x)
	}
	if x, ok := r.oneOf("redirect", "follow", "error", "manual"); ok {
		*redirect = fetch.Redirect(x)
	}
	if x, ok := r.oneOf("cache", "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"); ok {
		*cache = fetch.Cache(x)
	}
	if x, ok := r.str("referrerPolicy"); ok {
		*referrer = fetch.ReferrerPolicy(x)
	}
}

// readXHRFields reads jQuery's xhrFields: {withCredentials: true} asks for
// credentials.
func readXHRFields(r *reader) (fetch.Credentials, bool) {
	v, ok := r.get("xhrFields")
	if !ok {
		return "", false
	}
	xr := newReader(r.call, r.path+".xhrFields", v, []string{"withCredentials"})
	b, ok := xr.boolean("withCredentials")
	r.errs = append(r.errs, xr.errs...)
	if !ok {
		return "", false
	}
	if b {
		return fetch.Include, true
	}
	return fetch.SameOrigin, true
}

// readBody reads body (sent as it is) or data (jQuery style: an object is
// sent as JSON, or as the query string of a GET or HEAD request).
func readBody(r *reader, req *fetch.Request) {
	if b, ok := r.get("body"); ok && !b.IsNull() {
		if !isBodyValue(b) {
			r.fail("body", "a string, Blob, ArrayBuffer, typed array, DataView, FormData, URLSearchParams or ReadableStream", b)
			return
		}
		req.Body = b
		return
	}
	d, ok := r.get("data")
	if !ok || d.IsNull() {
		return
	}
	if isBodyValue(d) {
		req.Body = d
		return
	}
	if d.Type() != safejs.TypeObject {
		r.fail("data", "a string, a body value or a plain object", d)
		return
	}
	method := strings.ToUpper(req.Method)
	if method == "" || method == "GET" || method == "HEAD" {
		params, err := jsutil.New("URLSearchParams", d)
		if err != nil {
			r.fail("data", "an object of query parameters", d)
			return
		}
		q := mustString(params)
		if q != "" {
			sep := "?"
			if strings.Contains(req.URL, "?") {
				sep = "&"
			}
			req.URL += sep + q
		}
		return
	}
	text, err := stringify(d)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: settings.data cannot be sent as JSON: %w", r.call, err))
		return
	}
	req.Body = text
	if req.Header == nil {
		req.Header = fetch.Header{}
	}
	if req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
}

// bodyClasses are the classes the browser sends as a body.
var bodyClasses = []string{"Blob", "ArrayBuffer", "DataView", "FormData", "URLSearchParams", "ReadableStream"}

// isBodyValue reports whether v is a value fetch() sends as a body.
func isBodyValue(v safejs.Value) bool {
	if v.Type() == safejs.TypeString {
		return true
	}
	if v.Type() != safejs.TypeObject || v.IsNull() {
		return false
	}
	for _, c := range bodyClasses {
		if jsutil.InstanceOf(v, c) {
			return true
		}
	}
	ab, _ := safejs.Global().Get("ArrayBuffer")
	isView, err := ab.Call("isView", v)
	return err == nil && truthy(isView)
}

// stringify returns JSON.stringify(v) as a JavaScript string.
func stringify(v safejs.Value) (safejs.Value, error) {
	j, err := safejs.Global().Get("JSON")
	if err != nil {
		return safejs.Undefined(), err
	}
	return j.Call("stringify", v)
}

// mustString returns String(v), or "" when that throws.
func mustString(v safejs.Value) string {
	s, _ := jsutil.ToString(v)
	return s
}

// progressCallback adapts a JS progress callback; an exception it throws is
// reported on the console and does not fail the request.
func progressCallback(fn safejs.Value) func(fetch.Progress) {
	return func(p fetch.Progress) {
		o := jsutil.NewObject()
		_ = o.Set("loaded", float64(p.Loaded))
		_ = o.Set("total", float64(p.Total))
		_ = o.Set("lengthComputable", p.LengthComputable)
		if _, err := fn.Invoke(o); err != nil {
			consoleError("credfetch: a progress callback threw:", jsutil.CallError(err).Error())
		}
	}
}

// consoleError writes to console.error.
func consoleError(args ...any) {
	console, err := safejs.Global().Get("console")
	if err == nil {
		_, _ = console.Call("error", args...)
	}
}
