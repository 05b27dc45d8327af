package main

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// xhrState is the property install() keeps on each XMLHttpRequest it watches.
const xhrState = "__credfetchXHR"

// installation is what install() patched.
type installation struct {
	origins   atomic.Pointer[fetch.Origins]
	list      []string
	origFetch safejs.Value
	proto     safejs.Value // XMLHttpRequest.prototype, or undefined without XHR
	origOpen  safejs.Value
	origSend  safejs.Value
	origSet   safejs.Value
	funcs     []*jsutil.Func
	uninstall safejs.Value
}

// install({origins}) patches window.fetch and XMLHttpRequest so that every
// request the page makes to those origins (its own code, jQuery, axios)
// carries credentials and passes through the settings and prefilters, while
// requests elsewhere go to the browser untouched. It returns a function that
// restores the originals. A second call adds its origins to the first's and
// returns the same function.
func (a *api) install(args []safejs.Value) any {
	const call = "credfetch.install"
	r := newReader(call, "options", arg(args, 0), []string{"origins"})
	list, ok := r.strings("origins")
	if ok && len(list) == 0 {
		r.errs = append(r.errs, fmt.Errorf("%s: options.origins is empty: list the origins whose requests should carry credentials, e.g. ['https://api.example.com']", call))
	}
	if !ok && len(r.errs) == 0 {
		r.errs = append(r.errs, fmt.Errorf("%s: options.origins is required: list the origins whose requests should carry credentials", call))
	}
	if err := r.err(); err != nil {
		return throw(invalidError(err))
	}
	if a.installed != nil {
		list = append(append([]string(nil), a.installed.list...), list...)
	}
	origins, err := fetch.ParseOrigins(list)
	if err != nil {
		return throw(invalidError(fmt.Errorf("%s: %w", call, err)))
	}
	if in := a.installed; in != nil {
		in.list = list
		in.origins.Store(origins)
		return in.uninstall
	}
	in := &installation{list: list}
	in.origins.Store(origins)
	if err := a.patch(in); err != nil {
		in.restore()
		return throw(invalidError(fmt.Errorf("%s: %w", call, err)))
	}
	a.installed = in
	return in.uninstall
}

// patch replaces window.fetch and the XMLHttpRequest methods.
func (a *api) patch(in *installation) error {
	global := safejs.Global()
	var err error
	if in.origFetch, err = global.Get("fetch"); err != nil || in.origFetch.Type() != safejs.TypeFunction {
		return errors.New("this page has no window.fetch to patch")
	}
	fetchFn, err := in.newFunc(func(this safejs.Value, args []safejs.Value) any {
		if isOwn(arg(args, 1)) || !in.matches(fetchInputURL(arg(args, 0))) {
			return in.passFetch(args)
		}
		init, err := withCredentials(arg(args, 1))
		if err != nil {
			return in.passFetch(args)
		}
		return a.fetch([]safejs.Value{arg(args, 0), init})
	})
	if err != nil {
		return err
	}
	if err := global.Set("fetch", fetchFn); err != nil {
		return err
	}
	if err := a.patchXHR(in); err != nil {
		return err
	}
	un, err := in.newFunc(func(safejs.Value, []safejs.Value) any {
		if a.installed == in {
			in.restore()
			a.installed = nil
		}
		return nil
	})
	if err != nil {
		return err
	}
	in.uninstall = un
	return nil
}

// passFetch calls the browser's own fetch with the page's arguments.
func (in *installation) passFetch(args []safejs.Value) any {
	vals := make([]any, len(args))
	for i, v := range args {
		vals[i] = v
	}
	p, err := in.origFetch.Invoke(vals...)
	if err != nil {
		return jsutil.Rejected(jsError(invalidError(jsutil.CallError(err)), safejs.Undefined()))
	}
	return p
}

// patchXHR wraps XMLHttpRequest's open, setRequestHeader and send, when the
// platform has XMLHttpRequest.
func (a *api) patchXHR(in *installation) error {
	ctor, err := safejs.Global().Get("XMLHttpRequest")
	if err != nil || ctor.Type() != safejs.TypeFunction {
		in.proto = safejs.Undefined()
		return nil
	}
	in.proto, _ = ctor.Get("prototype")
	in.origOpen, _ = in.proto.Get("open")
	in.origSend, _ = in.proto.Get("send")
	in.origSet, _ = in.proto.Get("setRequestHeader")

	open, err := in.newFunc(func(this safejs.Value, args []safejs.Value) any {
		if isOwn(this) {
			return callWith(in.origOpen, this, args)
		}
		state := jsutil.NewObject()
		_ = state.Set("method", arg(args, 0))
		_ = state.Set("url", arg(args, 1))
		async := arg(args, 2)
		_ = state.Set("sync", !async.IsUndefined() && !truthy(async))
		_ = state.Set("headers", jsutil.NewObject())
		_ = this.Set(xhrState, state)
		return callWith(in.origOpen, this, args)
	})
	if err != nil {
		return err
	}
	setHeader, err := in.newFunc(func(this safejs.Value, args []safejs.Value) any {
		if state, _ := this.Get(xhrState); jsutil.IsObject(state) {
			h, _ := state.Get("headers")
			_ = h.Set(mustString(arg(args, 0)), mustString(arg(args, 1)))
		}
		return callWith(in.origSet, this, args)
	})
	if err != nil {
		return err
	}
	send, err := in.newFunc(func(this safejs.Value, args []safejs.Value) any {
		return a.sendXHR(in, this, args)
	})
	if err != nil {
		return err
	}
	for name, f := range map[string]safejs.Value{"open": open, "setRequestHeader": setHeader, "send": send} {
		if err := in.proto.Set(name, f); err != nil {
			return err
		}
	}
	return nil
}

// sendXHR sends an XMLHttpRequest the page made: to a matching origin with
// credentials, the settings and the prefilters; elsewhere as it is.
func (a *api) sendXHR(in *installation, xhr safejs.Value, args []safejs.Value) any {
	state, _ := xhr.Get(xhrState)
	if !jsutil.IsObject(state) {
		return callWith(in.origSend, xhr, args)
	}
	rawURL, _ := state.Get("url")
	abs := absoluteURL(rawURL)
	if !in.matches(abs) {
		return callWith(in.origSend, xhr, args)
	}
	method, _ := state.Get("method")
	headerObj, _ := state.Get("headers")
	header, _ := readHeaders(headerObj)
	req := &fetch.Request{Method: mustString(method), URL: abs, Header: header, Credentials: fetch.Include}
	if b := arg(args, 0); isBodyValue(b) {
		req.Body = b
	}
	sync, _ := state.Get("sync")
	if truthy(sync) || a.prefilters.Load() == 0 {
		// No page prefilter can block: prepare right here.
		return a.finishXHR(in, xhr, req, args)
	}
	go a.finishXHR(in, xhr, req, args)
	return nil
}

// finishXHR runs the prefilters and sends the XMLHttpRequest as they left it.
// A canceled request fails as a network error would: error and loadend
// events.
func (a *api) finishXHR(in *installation, xhr safejs.Value, req *fetch.Request, args []safejs.Value) any {
	sent, err := a.client.Prepare(req)
	if err != nil {
		consoleError("credfetch.install:", err.Error())
		for _, ev := range []string{"error", "loadend"} {
			if e, err := jsutil.New("ProgressEvent", ev); err == nil {
				_, _ = xhr.Call("dispatchEvent", e)
			}
		}
		return nil
	}
	if sent.Method != req.Method || sent.URL != req.URL || removedHeader(req.Header, sent.Header) {
		_ = callWith(in.origOpen, xhr, []safejs.Value{mustValue(sent.Method), mustValue(sent.URL)})
		req.Header = fetch.Header{}
	}
	for k, vals := range sent.Header {
		if strings.Join(req.Header.Values(k), ", ") != joinValues(vals) {
			_ = callWith(in.origSet, xhr, []safejs.Value{mustValue(k), mustValue(joinValues(vals))})
		}
	}
	_ = xhr.Set("withCredentials", sent.Credentials == fetch.Include)
	if b, ok := sent.Body.(safejs.Value); ok {
		args = []safejs.Value{b}
	}
	return callWith(in.origSend, xhr, args)
}

func removedHeader(before, after fetch.Header) bool {
	for k := range before {
		if _, ok := after[k]; !ok {
			return true
		}
	}
	return false
}

// matches reports whether the absolute URL is in the installed origins.
func (in *installation) matches(abs string) bool {
	return abs != "" && in.origins.Load().Match(abs)
}

// newFunc makes a JS function for the patch, released by restore.
func (in *installation) newFunc(fn func(this safejs.Value, args []safejs.Value) any) (safejs.Value, error) {
	f, err := jsutil.NewMethod(func(this safejs.Value, args []safejs.Value) (result any) {
		defer func() {
			if p := recover(); p != nil {
				consoleError(fmt.Sprintf("credfetch.install: internal error: %v (please report it)", p))
				result = nil
			}
		}()
		return fn(this, args)
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	in.funcs = append(in.funcs, f)
	return f.Value(), nil
}

// restore puts the originals back and releases the patch's functions.
func (in *installation) restore() {
	if !in.origFetch.IsUndefined() {
		_ = safejs.Global().Set("fetch", in.origFetch)
	}
	if !in.proto.IsUndefined() {
		_ = in.proto.Set("open", in.origOpen)
		_ = in.proto.Set("send", in.origSend)
		_ = in.proto.Set("setRequestHeader", in.origSet)
	}
	for _, f := range in.funcs {
		f.Release()
	}
	in.funcs = nil
}

// fetchInputURL returns the absolute URL of fetch()'s input, or "".
func fetchInputURL(input safejs.Value) string {
	if jsutil.InstanceOf(input, "Request") {
		u, _ := jsutil.Get(input, "url")
		return mustString(u)
	}
	return absoluteURL(input)
}

// absoluteURL resolves a string or URL against the page's location, as the
// browser will, or returns "" when it does not parse.
func absoluteURL(v safejs.Value) string {
	if v.Type() != safejs.TypeString && !jsutil.InstanceOf(v, "URL") {
		return ""
	}
	var u safejs.Value
	var err error
	if loc, lerr := safejs.Global().Get("location"); lerr == nil && jsutil.IsObject(loc) {
		href, _ := loc.Get("href")
		u, err = jsutil.New("URL", v, href)
	} else {
		u, err = jsutil.New("URL", v)
	}
	if err != nil {
		return ""
	}
	href, _ := u.Get("href")
	return mustString(href)
}

// withCredentials returns a copy of the page's init with credentials
// 'include', unless the page chose credentials itself.
func withCredentials(init safejs.Value) (safejs.Value, error) {
	out := jsutil.NewObject()
	if jsutil.IsObject(init) {
		obj, _ := safejs.Global().Get("Object")
		if _, err := obj.Call("assign", out, init); err != nil {
			return safejs.Undefined(), err
		}
	}
	if c, _ := out.Get("credentials"); c.IsUndefined() {
		_ = out.Set("credentials", "include")
	}
	return out, nil
}

// isOwn reports whether v (an XMLHttpRequest or a fetch init) belongs to a
// request credfetch's transports send.
func isOwn(v safejs.Value) bool {
	if !jsutil.IsObject(v) {
		return false
	}
	own, err := jsutil.Get(v, jsutil.OwnRequest)
	return err == nil && truthy(own)
}

// callWith calls fn with this and args, as fn.apply(this, args) does.
func callWith(fn, this safejs.Value, args []safejs.Value) any {
	vals := make([]any, 0, len(args)+1)
	vals = append(vals, this)
	for _, a := range args {
		vals = append(vals, a)
	}
	v, err := fn.Call("call", vals...)
	if err != nil {
		consoleError("credfetch.install:", jsutil.CallError(err).Error())
		return nil
	}
	return v
}

func mustValue(s string) safejs.Value {
	v, _ := safejs.ValueOf(s)
	return v
}
