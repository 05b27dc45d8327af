package client

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// FetchAPI is the Transport that sends requests with the browser's fetch(),
// the default. It passes the request's method, headers, body, credentials,
// mode, redirect, cache and referrer policy to fetch() unchanged (only those
// that are set), and aborts the exchange through an AbortController when ctx
// is done or Request.Signal fires, so that a Timeout covers the body as well as
// the headers. With ReadBody it reads the whole body into Response.Body,
// reporting Request.OnDownloadProgress per chunk when set; with fetch.ReadNone it
// returns once the headers arrive and leaves the body to the caller
// (Response.Native is the browser's Response; Request.Signal still aborts it,
// ctx no longer does), and reports no download progress, since the body is
// read after Do returns: read Native's body stream to follow it. fetch() has
// no upload progress: use XHR for that.
var FetchAPI fetch.Transport = fetchTransport{}

type fetchTransport struct{}

// RoundTrip sends req with fetch(); see FetchAPI.
func (fetchTransport) RoundTrip(ctx context.Context, req *fetch.Request) (resp *fetch.Response, err error) {
	defer jsutil.RecoverTo(&err)
	fetchFn, err := jsutil.Global("fetch")
	if err != nil {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: fmt.Errorf("%w: the FetchAPI transport needs a browser, or Node.js 18 or later", err)}
	}
	signal, hasSignal, err := pageSignal(req.Signal)
	if err != nil {
		return nil, err
	}
	init, err := fetchInit(req)
	if err != nil {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: err}
	}

	// One AbortController per request. The page's signal joins it through
	// AbortSignal.any where the browser has it, else through a listener.
	ctrl, abort, initSignal, err := newAbortController()
	if err != nil {
		return nil, err
	}
	listenToPage := hasSignal
	if hasSignal {
		if combined, ok := anySignal(initSignal, signal); ok {
			initSignal, listenToPage = combined, false
		}
	}
	if err := init.Set("signal", initSignal); err != nil {
		return nil, err
	}
	w, err := newWatch(ctx, abort, signal, listenToPage)
	if err != nil {
		return nil, err
	}
	complete := false
	defer func() {
		if !complete { // an error or a panic: make the browser stop too
			_, _ = ctrl.Call("abort")
		}
		if req.Read != fetch.ReadNone || !complete {
			w.stop()
		}
	}()

	promise, err := fetchFn.Invoke(req.URL, init)
	if err != nil { // fetch() throws only for arguments it cannot use
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: fmt.Errorf("fetch() refused the request: %w", err)}
	}
	res, err := jsutil.Await(ctx, promise)
	if err != nil {
		if ctx.Err() == nil && refusesArguments(req.URL, init) {
			return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: fmt.Errorf("fetch() refused the request: %w", err)}
		}
		return nil, failure(ctx, signal, hasSignal, err)
	}
	resp, err = fetchResponse(res)
	if err != nil {
		return nil, err
	}
	if req.Read == fetch.ReadNone {
		// The body is the caller's: ctx covered the exchange up to here.
		if !w.stopContext() { // too late: the body is aborted
			return nil, ctx.Err()
		}
		complete = true
		return resp, nil
	}
	if resp.Body, err = readFetchBody(ctx, res, resp.Header, req.OnDownloadProgress); err != nil {
		return nil, failure(ctx, signal, hasSignal, err)
	}
	complete = true
	return resp, nil
}

// refusesArguments reports whether the browser refuses fetch(url, init)'s
// arguments themselves, which fetch() reports as it reports a network
// failure (a rejection with a TypeError): a Request made of them throws too.
// The body is left out (package fetch checks it), so that a stream already
// read does not count. Only a failed request pays for the check.
func refusesArguments(url string, init safejs.Value) bool {
	object, err := jsutil.Global("Object")
	if err != nil {
		return false
	}
	without, err := newObjectErr()
	if err != nil {
		return false
	}
	_ = without.Set("body", safejs.Null())
	_ = without.Set("signal", safejs.Null())
	copied, err := object.Call("assign", jsutil.NewObject(), init, without)
	if err != nil {
		return false
	}
	_, err = jsutil.New("Request", url, copied)
	return err != nil
}

// fetchInit builds the init argument of fetch(): the RequestInit dictionary.
func fetchInit(req *fetch.Request) (safejs.Value, error) {
	init, err := baseInit(req.Init)
	if err != nil {
		return init, err
	}
	// Mark the request as credfetch's own, so that credfetch.install()'s
	// patched window.fetch passes it straight to the browser.
	if err := init.Set(jsutil.OwnRequest, true); err != nil {
		return init, err
	}
	if err := init.Set("method", req.Method); err != nil {
		return init, err
	}
	if len(req.Header) > 0 {
		headersClass, err := jsutil.Global("Headers")
		if err != nil {
			return init, err
		}
		h, err := headersClass.New()
		if err != nil {
			return init, err
		}
		for name, values := range req.Header {
			for _, v := range values {
				if _, err := h.Call("append", name, v); err != nil {
					return init, fmt.Errorf("header %s value %q: the browser refused it: %w", name, v, err)
				}
			}
		}
		if err := init.Set("headers", h); err != nil {
			return init, err
		}
	}
	if req.Body != nil {
		body, err := jsBody(req.Body)
		if err != nil {
			return init, err
		}
		if err := init.Set("body", body); err != nil {
			return init, err
		}
		if jsutil.InstanceOf(body, "ReadableStream") {
			// A streamed request body must say so (Fetch standard).
			if err := init.Set("duplex", "half"); err != nil {
				return init, err
			}
		}
	}
	for _, o := range []struct{ name, value string }{
		{"credentials", string(req.Credentials)},
		{"mode", string(req.Mode)},
		{"redirect", string(req.Redirect)},
		{"cache", string(req.Cache)},
		{"referrerPolicy", string(req.ReferrerPolicy)},
	} {
		if o.value == "" {
			continue
		}
		if err := init.Set(o.name, o.value); err != nil {
			return init, err
		}
	}
	return init, nil
}

// managedInit are the RequestInit fields the transport sets from the Request.
var managedInit = []string{"method", "headers", "body", "credentials", "mode", "redirect", "cache", "referrerPolicy", "signal"}

// blankInit has each managed field, undefined: copied after the page's init,
// it blanks them all in the same call (fetch() reads an undefined member as
// absent), where deleting them costs a call into JavaScript each.
var blankInit = func() safejs.Value {
	o := jsutil.NewObject()
	for _, k := range managedInit {
		_ = o.Set(k, safejs.Undefined())
	}
	return o
}()

// baseInit returns a new RequestInit holding the fields of the page's own
// init (Request.Init) that the Request does not manage, such as integrity,
// keepalive, priority or referrer.
func baseInit(pageInit any) (safejs.Value, error) {
	init, err := newObjectErr()
	if err != nil {
		return init, err
	}
	v, ok := pageInit.(safejs.Value)
	if !ok || v.Type() != safejs.TypeObject || v.IsNull() {
		return init, nil
	}
	object, err := jsutil.Global("Object")
	if err != nil {
		return init, err
	}
	if _, err := object.Call("assign", init, v, blankInit); err != nil {
		return init, fmt.Errorf("copy Request.Init: %w", err)
	}
	return init, nil
}

// jsBody converts a request body for fetch() or XMLHttpRequest.send(): []byte
// is copied once into a Uint8Array, a string passes as it is, and a JavaScript
// body value passes untouched.
func jsBody(body any) (safejs.Value, error) {
	switch b := body.(type) {
	case []byte:
		return jsutil.BytesToJS(b)
	case string:
		return safejs.ValueOf(b)
	case safejs.Value:
		if jsutil.IsBody(b) {
			return b, nil
		}
	}
	return safejs.Undefined(), fmt.Errorf("Body has type %T: use []byte, string, an io.Reader or a JavaScript body (string, ArrayBuffer, typed array, Blob, FormData, URLSearchParams, ReadableStream)", body)
}

// newAbortController returns a new AbortController, its abort method bound to
// it, and its signal.
func newAbortController() (ctrl, abort, signal safejs.Value, err error) {
	class, err := jsutil.Global("AbortController")
	if err != nil {
		return ctrl, abort, signal, &fetch.Error{Kind: fetch.ErrInvalid, Err: err}
	}
	if ctrl, err = class.New(); err != nil {
		return ctrl, abort, signal, err
	}
	if abort, err = bound(ctrl, "abort"); err != nil {
		return ctrl, abort, signal, err
	}
	signal, err = ctrl.Get("signal")
	return ctrl, abort, signal, err
}

// anySignal returns AbortSignal.any([a, b]), or false where the browser lacks
// it (before Chromium 116, Firefox 124, Safari 17.4, Node.js 20.3).
func anySignal(a, b safejs.Value) (safejs.Value, bool) {
	class, err := jsutil.Global("AbortSignal")
	if err != nil {
		return safejs.Undefined(), false
	}
	if fn, err := class.Get("any"); err != nil || fn.Type() != safejs.TypeFunction {
		return safejs.Undefined(), false
	}
	combined, err := class.Call("any", []any{a, b})
	if err != nil {
		return safejs.Undefined(), false
	}
	return combined, true
}

// fetchResponse reads the status line and headers of a JavaScript Response.
func fetchResponse(res safejs.Value) (*fetch.Response, error) {
	status, err := res.Get("status")
	if err != nil {
		return nil, fmt.Errorf("read Response.status: %w", err)
	}
	code, err := status.Int()
	if err != nil {
		return nil, fmt.Errorf("read Response.status: %w", err)
	}
	headers, err := res.Get("headers")
	if err != nil {
		return nil, fmt.Errorf("read Response.headers: %w", err)
	}
	h, err := readHeaders(headers)
	if err != nil {
		return nil, err
	}
	return fetch.NewResponse(code, jsutil.Prop(res, "statusText"), jsutil.Prop(res, "url"), jsutil.Truthy(res, "redirected"), h, nil, res), nil
}

// readHeaders copies a JavaScript Headers object into a Header. The browser
// gives names in lower case and joins repeated fields with ", ". The headers
// cross into Go as one string, Array.from(headers).join("\n"), whose lines
// are "name,value" (a name holds no comma, and neither a name nor a value
// holds a line break): three boundary crossings however many headers there
// are, where a forEach callback costs a call into Go per header.
func readHeaders(headers safejs.Value) (fetch.Header, error) {
	array, err := jsutil.Global("Array")
	if err != nil {
		return nil, err
	}
	pairs, err := array.Call("from", headers)
	if err != nil {
		return nil, fmt.Errorf("read the response headers: %w", err)
	}
	joined, err := pairs.Call("join", "\n")
	if err != nil {
		return nil, fmt.Errorf("read the response headers: %w", err)
	}
	text, err := joined.String()
	if err != nil {
		return nil, fmt.Errorf("read the response headers: %w", err)
	}
	h := fetch.Header{}
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if name, value, ok := strings.Cut(line, ","); ok {
			h.Add(name, value)
		}
	}
	return h, nil
}

// readFetchBody reads a Response's whole body: with arrayBuffer() and one
// copy, or chunk by chunk through its reader when progress is wanted.
func readFetchBody(ctx context.Context, res safejs.Value, header fetch.Header, progress func(fetch.Progress)) ([]byte, error) {
	if progress == nil {
		promise, err := res.Call("arrayBuffer")
		if err != nil {
			return nil, fmt.Errorf("read the body: %w", err)
		}
		buf, err := jsutil.Await(ctx, promise)
		if err != nil {
			return nil, err
		}
		return jsutil.BytesFromJS(buf)
	}
	stream, err := res.Get("body")
	if err != nil || !jsutil.IsSet(stream) { // HEAD, 204 and the like have none
		return []byte{}, nil
	}
	reader, err := stream.Call("getReader")
	if err != nil {
		return nil, fmt.Errorf("read the body: %w", err)
	}
	total, _ := strconv.ParseInt(header.Get("Content-Length"), 10, 64)
	body := make([]byte, 0, max(min(total, 64<<20), 0))
	for {
		promise, err := reader.Call("read")
		if err != nil {
			return nil, fmt.Errorf("read the body: %w", err)
		}
		chunk, err := jsutil.Await(ctx, promise)
		if err != nil {
			return nil, err
		}
		if jsutil.Truthy(chunk, "done") {
			return body, nil
		}
		value, err := chunk.Get("value")
		if err != nil {
			return nil, err
		}
		n, err := value.Length()
		if err != nil {
			return nil, err
		}
		start := len(body)
		body = append(body, make([]byte, n)...)
		if _, err := safejs.CopyBytesToGo(body[start:], value); err != nil {
			return nil, fmt.Errorf("copy the body bytes: %w", err)
		}
		p := fetch.Progress{Loaded: int64(len(body))}
		// Content-Length counts encoded bytes; a decoded body may outgrow it.
		if total > 0 && p.Loaded <= total {
			p.Total, p.LengthComputable = total, true
		}
		progress(p)
	}
}
