package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// XHR is the Transport that sends requests with XMLHttpRequest, for code that
// needs upload progress or follows jQuery's and axios's ways. It sets
// withCredentials when the request's Credentials is Include (the client
// chooses that only for trusted origins), reports Request.OnUploadProgress and
// OnDownloadProgress, and aborts the request when ctx is done or
// Request.Signal fires. XMLHttpRequest cannot omit credentials nor choose the
// mode, cache, redirect or referrer policy, so a request that sets any of them
// to a value other than the default fails with ErrInvalid: send it with
// FetchAPI. Setting OnUploadProgress makes a cross-origin request need a CORS
// preflight, as browsers require for upload listeners. With fetch.ReadNone it
// returns once the headers arrive; Response.Native is the XMLHttpRequest,
// still loading the body, and OnDownloadProgress gets no events for that
// body (Do has returned): listen to Native's progress events instead.
// Node.js has no XMLHttpRequest.
var XHR fetch.Transport = xhrTransport{}

type xhrTransport struct{}

// RoundTrip sends req with XMLHttpRequest; see XHR.
func (xhrTransport) RoundTrip(ctx context.Context, req *fetch.Request) (resp *fetch.Response, err error) {
	defer jsutil.RecoverTo(&err)
	if err := xhrSupports(req); err != nil {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: err}
	}
	class, err := jsutil.Global("XMLHttpRequest")
	if err != nil {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: fmt.Errorf("%w: the XHR transport needs a browser (Node.js has no XMLHttpRequest); use FetchAPI", err)}
	}
	signal, hasSignal, err := pageSignal(req.Signal)
	if err != nil {
		return nil, err
	}
	body := safejs.Undefined()
	if req.Body != nil {
		if body, err = jsBody(req.Body); err != nil {
			return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: err}
		}
		if jsutil.InstanceOf(body, "ReadableStream") {
			return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: errors.New("Body is a ReadableStream, which XMLHttpRequest cannot send: use FetchAPI")}
		}
	}
	xhr, err := class.New()
	if err != nil {
		return nil, err
	}
	// Mark it as credfetch's own, so that credfetch.install()'s patched
	// XMLHttpRequest methods leave it alone.
	if err := xhr.Set(jsutil.OwnRequest, true); err != nil {
		return nil, err
	}
	if err := xhrOpen(xhr, req); err != nil {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: err}
	}

	// Callbacks only record what happened; this goroutine acts on it.
	events := make(chan string, 8)
	progress := &progressBox{notify: make(chan struct{}, 1)}
	var listeners []*jsutil.Listener
	defer func() { // last: after the abort below, whose events they may get
		for _, l := range listeners {
			l.Remove()
		}
	}()
	on := func(target safejs.Value, event string, fn func(ev safejs.Value)) error {
		l, err := jsutil.Listen(target, event, fn)
		if err == nil {
			listeners = append(listeners, l)
		}
		return err
	}
	for _, kind := range []string{"load", "error", "timeout", "abort"} {
		if err := on(xhr, kind, func(safejs.Value) { signalEvent(events, kind) }); err != nil {
			return nil, err
		}
	}
	if req.Read == fetch.ReadNone {
		err := on(xhr, "readystatechange", func(safejs.Value) {
			if state, err := xhr.Get("readyState"); err == nil {
				if n, _ := state.Int(); n >= 2 { // HEADERS_RECEIVED
					signalEvent(events, "headers")
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	if req.OnDownloadProgress != nil {
		if err := on(xhr, "progress", func(ev safejs.Value) { progress.set(false, progressOf(ev)) }); err != nil {
			return nil, err
		}
	}
	if req.OnUploadProgress != nil {
		upload, err := xhr.Get("upload")
		if err != nil {
			return nil, err
		}
		if err := on(upload, "progress", func(ev safejs.Value) { progress.set(true, progressOf(ev)) }); err != nil {
			return nil, err
		}
	}

	abort, err := bound(xhr, "abort")
	if err != nil {
		return nil, err
	}
	w, err := newWatch(ctx, abort, signal, hasSignal)
	if err != nil {
		return nil, err
	}
	complete := false
	defer func() {
		if !complete { // an error or a panic: make the browser stop too
			_, _ = xhr.Call("abort")
		}
		if req.Read != fetch.ReadNone || !complete {
			w.stop()
		}
	}()

	if body.IsUndefined() {
		_, err = xhr.Call("send")
	} else {
		_, err = xhr.Call("send", body)
	}
	if err != nil { // send throws for what it cannot send, never for the network
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: fmt.Errorf("XMLHttpRequest.send refused the request: %w", err)}
	}
	for {
		select {
		case kind := <-events:
			progress.flush(req)
			switch kind {
			case "load", "headers":
				if kind == "headers" && !w.stopContext() { // too late: aborted
					return nil, ctx.Err()
				}
				resp, err := xhrResponse(xhr, req, kind == "load")
				if err != nil {
					return nil, err
				}
				complete = true
				return resp, nil
			case "timeout":
				return nil, failure(ctx, signal, hasSignal, errors.New("XMLHttpRequest timed out"))
			case "abort":
				return nil, failure(ctx, signal, hasSignal, errors.New("XMLHttpRequest was aborted"))
			default:
				return nil, failure(ctx, signal, hasSignal, errors.New("XMLHttpRequest failed"))
			}
		case <-progress.notify:
			progress.flush(req)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// xhrSupports refuses the request fields XMLHttpRequest cannot honour.
func xhrSupports(req *fetch.Request) error {
	const use = "use the FetchAPI transport for this request"
	var errs []error
	if req.Credentials == fetch.Omit {
		errs = append(errs, fmt.Errorf("Credentials %q: XMLHttpRequest cannot omit credentials (it always sends them to the page's own origin); %s", req.Credentials, use))
	}
	if req.Mode != "" && req.Mode != fetch.CORS {
		errs = append(errs, fmt.Errorf("Mode %q: XMLHttpRequest always uses mode cors; %s, or leave Mode empty", req.Mode, use))
	}
	if req.Cache != "" && req.Cache != fetch.CacheDefault {
		errs = append(errs, fmt.Errorf("Cache %q: XMLHttpRequest always uses the default cache mode; %s, or leave Cache empty", req.Cache, use))
	}
	if req.Redirect != "" && req.Redirect != fetch.Follow {
		errs = append(errs, fmt.Errorf("Redirect %q: XMLHttpRequest always follows redirects; %s, or leave Redirect empty", req.Redirect, use))
	}
	if req.ReferrerPolicy != "" {
		errs = append(errs, fmt.Errorf("ReferrerPolicy %q: XMLHttpRequest always uses the page's referrer policy; %s, or leave ReferrerPolicy empty", req.ReferrerPolicy, use))
	}
	return errors.Join(errs...)
}

// xhrOpen opens xhr for req and sets its credentials, response type and
// headers.
func xhrOpen(xhr safejs.Value, req *fetch.Request) error {
	if _, err := xhr.Call("open", req.Method, req.URL, true); err != nil {
		return fmt.Errorf("XMLHttpRequest.open refused %s %s: %w", req.Method, req.URL, err)
	}
	if err := xhr.Set("withCredentials", req.Credentials == fetch.Include); err != nil {
		return err
	}
	if req.Read == fetch.ReadBody {
		if err := xhr.Set("responseType", "arraybuffer"); err != nil {
			return err
		}
	}
	for name, values := range req.Header {
		for _, v := range values {
			if _, err := xhr.Call("setRequestHeader", name, v); err != nil {
				return fmt.Errorf("header %s value %q: the browser refused it: %w", name, v, err)
			}
		}
	}
	return nil
}

// signalEvent records an event without ever blocking.
func signalEvent(events chan<- string, kind string) {
	select {
	case events <- kind:
	default:
	}
}

// xhrResponse reads the response of a loaded (or, without body, a
// headers-received) XMLHttpRequest.
func xhrResponse(xhr safejs.Value, req *fetch.Request, withBody bool) (*fetch.Response, error) {
	status, err := xhr.Get("status")
	if err != nil {
		return nil, err
	}
	code, err := status.Int()
	if err != nil {
		return nil, fmt.Errorf("read XMLHttpRequest.status: %w", err)
	}
	raw, err := xhr.Call("getAllResponseHeaders")
	if err != nil {
		return nil, fmt.Errorf("read the response headers: %w", err)
	}
	rawHeaders, _ := raw.String()
	url := jsutil.Prop(xhr, "responseURL")
	var body []byte
	if withBody && req.Read == fetch.ReadBody {
		v, err := xhr.Get("response")
		if err != nil {
			return nil, err
		}
		if body, err = jsutil.BytesFromJS(v); err != nil {
			return nil, err
		}
	}
	redirected := url != "" && url != req.URL
	return fetch.NewResponse(code, jsutil.Prop(xhr, "statusText"), url, redirected, parseRawHeaders(rawHeaders), body, xhr), nil
}

// parseRawHeaders parses getAllResponseHeaders(): "name: value" lines
// separated by CRLF, names in lower case.
func parseRawHeaders(raw string) fetch.Header {
	h := fetch.Header{}
	for _, line := range strings.Split(raw, "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" {
			continue
		}
		h.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	return h
}

// progressOf reads a ProgressEvent.
func progressOf(ev safejs.Value) fetch.Progress {
	num := func(name string) int64 {
		v, err := ev.Get(name)
		if err != nil {
			return 0
		}
		f, _ := v.Float()
		return int64(f)
	}
	return fetch.Progress{Loaded: num("loaded"), Total: num("total"), LengthComputable: jsutil.Truthy(ev, "lengthComputable")}
}

// progressBox holds the latest upload and download progress that the
// callbacks recorded and the request's goroutine has not yet reported. Events
// that arrive faster than the goroutine runs are merged: the latest wins.
type progressBox struct {
	mu       sync.Mutex
	up, down *fetch.Progress
	notify   chan struct{}
}

// set records p; it never blocks.
func (b *progressBox) set(upload bool, p fetch.Progress) {
	b.mu.Lock()
	if upload {
		b.up = &p
	} else {
		b.down = &p
	}
	b.mu.Unlock()
	select {
	case b.notify <- struct{}{}:
	default:
	}
}

// flush reports the recorded progress to the request's callbacks.
func (b *progressBox) flush(req *fetch.Request) {
	b.mu.Lock()
	up, down := b.up, b.down
	b.up, b.down = nil, nil
	b.mu.Unlock()
	if up != nil && req.OnUploadProgress != nil {
		req.OnUploadProgress(*up)
	}
	if down != nil && req.OnDownloadProgress != nil {
		req.OnDownloadProgress(*down)
	}
}
