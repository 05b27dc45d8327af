package main

import (
	"context"
	"fmt"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// fetchCall is a request read from credfetch.fetch's arguments.
type fetchCall struct {
	req    *fetch.Request
	input  safejs.Value // a Request object whose body is still to be read, or undefined
	signal safejs.Value
}

// fetchInitFields are the RequestInit fields credfetch.fetch reads and checks;
// any other field passes to the browser's fetch() untouched (through
// fetch.Request.Init), as fetch() itself ignores what it does not know.
var fetchInitFields = []string{"method", "headers", "body", "credentials", "mode", "redirect", "cache", "referrerPolicy", "signal"}

// fetch(input, init) has window.fetch's signature and resolves with the
// browser's own Response; settings and prefilters apply as for ajax, and the
// status is never checked, as fetch() does not check it.
func (a *api) fetch(args []safejs.Value) any {
	call, err := readFetch(arg(args, 0), arg(args, 1))
	if err != nil {
		return jsutil.Rejected(jsError(invalidError(err), safejs.Undefined()))
	}
	return async("credfetch.fetch", func() (any, error) { return a.runFetch(call) })
}

func readFetch(input, init safejs.Value) (*fetchCall, error) {
	const call = "credfetch.fetch"
	c := &fetchCall{req: &fetch.Request{}, input: safejs.Undefined(), signal: safejs.Undefined()}
	req := c.req
	switch {
	case input.Type() == safejs.TypeString || jsutil.InstanceOf(input, "URL"):
		req.URL, _ = jsutil.ToString(input)
	case jsutil.InstanceOf(input, "Request"):
		fromRequestObject(input, req)
		c.input = input
		c.signal, _ = jsutil.Get(input, "signal")
	default:
		return nil, fmt.Errorf("%s: input must be a URL string, a URL or a Request, got %s", call, describe(input))
	}
	if init.IsUndefined() || init.IsNull() {
		return c, nil
	}
	if init.Type() != safejs.TypeObject {
		return nil, fmt.Errorf("%s: init must be an object, got %s", call, describe(init))
	}
	keys, err := jsutil.Keys(init)
	if err != nil {
		return nil, fmt.Errorf("%s: init: %w", call, err)
	}
	r := &reader{call: call, path: "init", obj: init, keys: keys}
	if m, ok := r.str("method"); ok {
		req.Method = m
	}
	readRequestCommon(r, req)
	if b, ok := r.get("body"); ok && !b.IsNull() {
		if !isBodyValue(b) {
			r.fail("body", "a string, Blob, ArrayBuffer, typed array, DataView, FormData, URLSearchParams or ReadableStream", b)
		} else {
			req.Body = b
			c.input = safejs.Undefined() // init's body replaces the Request's
		}
	}
	if s, ok := r.get("signal"); ok && !s.IsNull() {
		if !jsutil.InstanceOf(s, "AbortSignal") {
			r.fail("signal", "an AbortSignal", s)
		}
		c.signal = s
	}
	req.Init = init
	return c, r.err()
}

// fromRequestObject copies a Request's URL, method and headers, and those of
// its modes that differ from a script-made Request's defaults (a Request
// always has every mode set, so only a non-default value is a choice).
func fromRequestObject(in safejs.Value, req *fetch.Request) {
	str := func(name string) string {
		v, err := jsutil.Get(in, name)
		if err != nil {
			return ""
		}
		s, _ := v.String()
		return s
	}
	req.URL, req.Method = str("url"), str("method")
	if h, err := jsutil.Get(in, "headers"); err == nil {
		req.Header, _ = readHeaders(h)
	}
	if c := str("credentials"); c != "same-origin" {
		req.Credentials = fetch.Credentials(c)
	}
	if m := str("mode"); m != "cors" {
		req.Mode = fetch.Mode(m)
	}
	if c := str("cache"); c != "default" {
		req.Cache = fetch.Cache(c)
	}
	if r := str("redirect"); r != "follow" {
		req.Redirect = fetch.Redirect(r)
	}
	req.ReferrerPolicy = fetch.ReferrerPolicy(str("referrerPolicy"))
}

func (a *api) runFetch(call *fetchCall) (any, error) {
	req := call.req
	if !call.input.IsUndefined() && req.Method != "GET" && req.Method != "HEAD" {
		if body, _ := jsutil.Get(call.input, "body"); !body.IsNull() && !body.IsUndefined() {
			// A Request's body is a stream, which Chromium sends only over
			// HTTP/2: read it once, in the browser, into a buffer.
			buf, err := callAwait(call.input, "arrayBuffer")
			if err != nil {
				return nil, invalidError(fmt.Errorf("credfetch.fetch: read the Request's body: %w", err))
			}
			req.Body = buf
		}
	}
	ctx, stop, err := withSignal(context.Background(), call.signal)
	if err != nil {
		return nil, invalidError(err)
	}
	defer stop()
	req.Read = fetch.ReadNone
	req.Transport = fetch.FetchAPI // only fetch() makes a Response
	req.ValidateStatus = func(int) bool { return true }
	// The page reads the body after we return: the page's signal keeps
	// covering it, and so does the timeout, through a controller a timer
	// aborts.
	ctrl, err := jsutil.New("AbortController")
	if err != nil {
		return nil, invalidError(err)
	}
	own, _ := ctrl.Get("signal")
	req.Signal = own
	if !call.signal.IsUndefined() {
		if any, err := anySignal(call.signal, own); err == nil {
			req.Signal = any
		}
	}
	start := time.Now()
	resp, err := a.client.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if t := resp.Request.Timeout; t > 0 {
		time.AfterFunc(max(time.Until(start.Add(t)), 0), func() {
			reason, rerr := jsutil.New("DOMException", fmt.Sprintf("credfetch: no complete response within the %v timeout", t), "TimeoutError")
			if rerr != nil {
				_, _ = ctrl.Call("abort")
				return
			}
			_, _ = ctrl.Call("abort", reason)
		})
	}
	native, ok := resp.Native().(safejs.Value)
	if !ok {
		return nil, invalidError(fmt.Errorf("credfetch.fetch: the transport gave no browser Response"))
	}
	return native, nil
}

// anySignal returns AbortSignal.any([a, b]), a signal that fires when either
// fires.
func anySignal(a, b safejs.Value) (safejs.Value, error) {
	as, err := safejs.Global().Get("AbortSignal")
	if err != nil {
		return safejs.Undefined(), err
	}
	list, err := jsutil.New("Array", 0)
	if err != nil {
		return safejs.Undefined(), err
	}
	_, _ = list.Call("push", a, b)
	return as.Call("any", list)
}
