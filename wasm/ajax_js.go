package main

import (
	"context"
	"fmt"
	"github.com/credfetch/credfetch/internal/cancel"
	"strings"
	"sync/atomic"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// ajax(settings) sends a request and resolves with
// {status, statusText, headers, url, redirected, data}, data read as
// settings.dataType says (by default from the Content-Type). It rejects with an
// Error whose code is "timeout", "abort", "network", "http" (a status outside
// 200-299, or one validateStatus refused) or "invalid", keeping the response
// in error.response when there was one.
func (a *api) ajax(args []safejs.Value) any {
	call, err := readAjax(arg(args, 0))
	if err != nil {
		return jsutil.Rejected(jsError(invalidError(err), safejs.Undefined()))
	}
	return async("credfetch.ajax", func() (any, error) { return a.runAjax(call) })
}

func (a *api) runAjax(call *ajaxCall) (any, error) {
	ctx, stop, err := withSignal(context.Background(), call.signal)
	if err != nil {
		return nil, invalidError(err)
	}
	defer stop()
	req := call.req
	req.Read = fetch.ReadNone // the browser reads the body, straight into a JS value
	// The body is read after Do returns; this controller lets the timeout
	// and the page's signal abort that read too.
	ctrl, err := jsutil.New("AbortController")
	if err != nil {
		return nil, invalidError(err)
	}
	req.Signal, _ = ctrl.Get("signal")
	if call.validateStatus.IsUndefined() {
		req.ValidateStatus = fetch.StatusOK
	} else if call.validateStatus.Type() == safejs.TypeFunction {
		req.ValidateStatus = jsValidator(call.validateStatus)
	} else {
		req.ValidateStatus = func(int) bool { return true }
	}

	start := time.Now()
	resp, err := a.client.Do(ctx, req)
	if fe, ok := fetch.AsError(err); ok && fe.Kind == fetch.ErrStatus {
		resp = fe.Response
	} else if err != nil {
		return nil, err
	}
	// The rest of the timeout covers the body, which the browser reads now.
	var timedOut atomic.Bool
	if t := resp.Request.Timeout; t > 0 {
		timer := time.AfterFunc(max(time.Until(start.Add(t)), 0), func() {
			timedOut.Store(true)
			_, _ = ctrl.Call("abort")
		})
		defer timer.Stop()
	}
	unwatch := cancel.AfterFunc(ctx, func() { _, _ = ctrl.Call("abort") })
	result, readErr := resultObject(resp, call)
	unwatch()
	if readErr != nil {
		kind := fetch.ErrInvalid
		switch {
		case timedOut.Load():
			kind, readErr = fetch.ErrTimeout, fmt.Errorf("no complete response within the %v timeout: %w", resp.Request.Timeout, context.DeadlineExceeded)
		case ctx.Err() != nil:
			kind, readErr = fetch.ErrAborted, cancel.Cause(ctx)
		case jsutil.IsErrorNamed(readErr, "TypeError"):
			kind = fetch.ErrNetwork
		}
		return nil, &jsFailure{readErr, jsError(&fetch.Error{Kind: kind, Method: resp.Request.Method, URL: resp.Request.URL, Err: readErr}, result)}
	}
	if err != nil { // the status check failed: reject, keeping the response
		return nil, &jsFailure{err, jsError(err, result)}
	}
	return result, nil
}

// jsValidator adapts a page's validateStatus(status) function; one that
// throws rejects the status.
func jsValidator(fn safejs.Value) func(int) bool {
	return func(status int) bool {
		ok, err := fn.Invoke(status)
		return err == nil && truthy(ok)
	}
}

// resultObject builds ajax's result for resp, reading the body as dataType
// says. On a read error it still returns the result, without data.
func resultObject(resp *fetch.Response, call *ajaxCall) (safejs.Value, error) {
	dataType := call.dataType
	o := jsutil.NewObject()
	_ = o.Set("status", resp.Status)
	_ = o.Set("statusText", resp.StatusText)
	_ = o.Set("url", resp.URL)
	_ = o.Set("redirected", resp.Redirected)
	_ = o.Set("headers", headersObject(resp))
	if dataType == "" {
		dataType = dataTypeOf(resp.Header.Get("Content-Type"))
	}
	data, err := readData(resp, dataType, call.onDownload)
	if err != nil {
		return o, err
	}
	_ = o.Set("data", data)
	return o, nil
}

// dataTypeOf picks how to read a body from its Content-Type: JSON for
// application/json and any +json type, text otherwise.
func dataTypeOf(contentType string) string {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mt = strings.TrimSpace(mt)
	if mt == "application/json" || strings.HasSuffix(mt, "+json") {
		return "json"
	}
	return "text"
}

// headersObject returns the exposed response headers as a plain object with
// lower-case names, as the Headers class spells them.
func headersObject(resp *fetch.Response) safejs.Value {
	if native, ok := resp.Native().(safejs.Value); ok && jsutil.InstanceOf(native, "Response") {
		if h, err := native.Get("headers"); err == nil {
			if o, err := objectFromEntries(h); err == nil {
				return o
			}
		}
	}
	o := jsutil.NewObject()
	for k, vals := range resp.Header {
		if len(vals) > 0 {
			_ = o.Set(strings.ToLower(k), joinValues(vals))
		}
	}
	return o
}

func objectFromEntries(iterable safejs.Value) (safejs.Value, error) {
	obj, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Undefined(), err
	}
	return obj.Call("fromEntries", iterable)
}

// readData reads the body of resp as dataType: from the browser's Response
// when the body was left unread, else from the bytes already read.
func readData(resp *fetch.Response, dataType string, onDownload safejs.Value) (safejs.Value, error) {
	if native, ok := resp.Native().(safejs.Value); ok && jsutil.InstanceOf(native, "Response") && resp.Body == nil {
		method := map[string]string{"json": "json", "text": "text", "arraybuffer": "arrayBuffer", "blob": "blob"}[dataType]
		if dataType == "json" {
			// An empty body (204, or HEAD) is no JSON error: it is null data.
			text, err := callAwait(native, "text")
			if err != nil {
				return safejs.Undefined(), err
			}
			return parseJSON(text)
		}
		return callAwait(native, method)
	}
	if native, ok := resp.Native().(safejs.Value); ok && jsutil.InstanceOf(native, "XMLHttpRequest") && resp.Body == nil {
		return readXHRData(native, dataType, onDownload)
	}
	return dataFromBytes(resp.Body, dataType, resp.Header.Get("Content-Type"))
}

// readXHRData waits for an XMLHttpRequest whose headers have arrived to
// finish, and reads its body as dataType in the browser: text and JSON from
// responseText, binary types by setting responseType, which the
// HEADERS_RECEIVED state still allows.
func readXHRData(xhr safejs.Value, dataType string, onDownload safejs.Value) (safejs.Value, error) {
	if dataType == "arraybuffer" || dataType == "blob" {
		if err := xhr.Set("responseType", dataType); err != nil {
			return safejs.Undefined(), fmt.Errorf("XMLHttpRequest: too late to read the body as %s: %w", dataType, err)
		}
	}
	if state, _ := xhr.Get("readyState"); mustInt(state) != 4 {
		if onDownload.Type() == safejs.TypeFunction {
			// The page's callback takes the ProgressEvent itself: no Go
			// callback stands between them.
			_, _ = xhr.Call("addEventListener", "progress", onDownload)
		}
		d, err := jsutil.NewDeferred()
		if err != nil {
			return safejs.Undefined(), err
		}
		opts := jsutil.NewObject()
		_ = opts.Set("once", true)
		if _, err := xhr.Call("addEventListener", "loadend", d.ResolveFunc(), opts); err != nil {
			return safejs.Undefined(), err
		}
		if _, err := jsutil.Await(context.Background(), d.Promise); err != nil {
			return safejs.Undefined(), err
		}
	}
	if status, _ := xhr.Get("status"); mustInt(status) == 0 {
		e, _ := jsutil.New("TypeError", "the XMLHttpRequest failed while reading the body")
		return safejs.Undefined(), jsutil.NewError(e)
	}
	switch dataType {
	case "arraybuffer", "blob":
		return xhr.Get("response")
	}
	text, err := xhr.Get("responseText")
	if err != nil {
		return safejs.Undefined(), err
	}
	if dataType == "json" {
		return parseJSON(text)
	}
	return text, nil
}

func mustInt(v safejs.Value) int {
	n, _ := v.Int()
	return n
}

// callAwait calls obj.method() and awaits the Promise it returns.
func callAwait(obj safejs.Value, method string) (safejs.Value, error) {
	p, err := obj.Call(method)
	if err != nil {
		return safejs.Undefined(), err
	}
	return jsutil.Await(context.Background(), p)
}

var emptyString, _ = safejs.ValueOf("")

// parseJSON parses a JS string with the browser's JSON; "" is null.
func parseJSON(text safejs.Value) (safejs.Value, error) {
	if text.Equal(emptyString) {
		return safejs.Null(), nil
	}
	j, err := safejs.Global().Get("JSON")
	if err != nil {
		return safejs.Undefined(), err
	}
	v, err := j.Call("parse", text)
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("the response body is not valid JSON (dataType 'json'; use dataType 'text' to read it as it is): %w", err)
	}
	return v, nil
}

// dataFromBytes makes data from a body already in Go (the XHR transport and
// custom transports), copying it into JavaScript once.
func dataFromBytes(body []byte, dataType, contentType string) (safejs.Value, error) {
	u8, err := jsutil.New("Uint8Array", len(body))
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := safejs.CopyBytesToJS(u8, body); err != nil {
		return safejs.Undefined(), err
	}
	buf, _ := u8.Get("buffer")
	switch dataType {
	case "arraybuffer":
		return buf, nil
	case "blob":
		parts, _ := jsutil.New("Array", 0)
		_, _ = parts.Call("push", u8)
		opts := jsutil.NewObject()
		_ = opts.Set("type", contentType)
		return jsutil.New("Blob", parts, opts)
	}
	dec, err := jsutil.New("TextDecoder")
	if err != nil {
		return safejs.Undefined(), err
	}
	text, err := dec.Call("decode", u8)
	if err != nil {
		return safejs.Undefined(), err
	}
	if dataType == "json" {
		return parseJSON(text)
	}
	return text, nil
}
