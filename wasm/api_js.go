package main

import (
	"context"
	"fmt"
	"github.com/credfetch/credfetch/internal/cancel"
	"sync"
	"sync/atomic"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// api is the state behind the global credfetch object: one client whose
// settings ajaxSetup changes and whose prefilters ajaxPrefilter adds.
type api struct {
	client *fetch.Client
	mu     sync.Mutex // serializes ajaxSetup's read-modify-write
	funcs  []*jsutil.Func
	// installed holds what install() patched, to restore it.
	installed *installation
	// prefilters counts the page's prefilters: without any, install() can
	// prepare an XMLHttpRequest synchronously.
	prefilters atomic.Int64
}

// newAPI makes the API with default settings: the fetch transport, and no
// credentials beyond the browser's default until ajaxSetup says otherwise.
func newAPI() (*api, error) {
	c, err := fetch.New(fetch.Settings{})
	if err != nil {
		return nil, err
	}
	return &api{client: c}, nil
}

// bind sets obj[name] to a Go function that runs fn with panics recovered:
// a panic becomes a TypeError (thrown through the loader, or for ajax and
// fetch a rejected Promise) instead of killing the Go program. A BigInt
// argument, which syscall/js cannot handle, is refused the same way.
func (a *api) bind(obj safejs.Value, name string, fn func(args []safejs.Value) any) error {
	fail := func(err error) any {
		if name == "ajax" || name == "fetch" { // they never throw
			return jsutil.Rejected(jsError(invalidError(err), safejs.Undefined()))
		}
		return throw(invalidError(err))
	}
	f, err := jsutil.NewMethod(func(_ safejs.Value, args []safejs.Value) (result any) {
		defer func() {
			if p := recover(); p != nil {
				result = fail(fmt.Errorf("credfetch.%s: internal error: %v (please report it)", name, p))
			}
		}()
		for i, v := range args {
			if jsutil.IsBigInt(v) {
				return fail(fmt.Errorf("credfetch.%s: %s must not be a BigInt, got %s", name, paramName(name, i), describe(v)))
			}
		}
		return fn(args)
	})
	if err != nil {
		return err
	}
	a.funcs = append(a.funcs, f) // they live as long as the page
	return obj.Set(name, f.Value())
}

// paramName names parameter i of the API's function name in messages.
func paramName(name string, i int) string {
	switch {
	case name == "fetch" && i == 0:
		return "input"
	case name == "fetch":
		return "init"
	case name == "ajaxPrefilter":
		return "fn"
	case name == "install":
		return "options"
	}
	return "settings"
}

// async runs work on a new goroutine and returns a Promise of its result:
// JavaScript callbacks must not block, and every request blocks while it
// waits for the browser. A panic in work rejects the Promise.
func async(call string, work func() (any, error)) any {
	d, err := jsutil.NewDeferred()
	if err != nil {
		return jsutil.Rejected(jsError(invalidError(fmt.Errorf("%s: %w", call, err)), safejs.Undefined()))
	}
	go func() {
		defer func() {
			if p := recover(); p != nil {
				d.Reject(jsError(invalidError(fmt.Errorf("%s: internal error: %v (please report it)", call, p)), safejs.Undefined()))
			}
		}()
		v, err := work()
		if err != nil {
			d.Reject(asJS(err))
			return
		}
		d.Resolve(v)
	}()
	return d.Promise
}

// jsFailure is an error that already has its JavaScript form.
type jsFailure struct {
	error
	value safejs.Value
}

// asJS returns the JavaScript rejection for err.
func asJS(err error) safejs.Value {
	if f, ok := err.(*jsFailure); ok {
		return f.value
	}
	return jsError(err, safejs.Undefined())
}

// arg returns args[i], or undefined.
func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

// ajaxSetup(settings) merges settings into the defaults of every request and
// returns the resulting settings. Bad settings throw and change nothing.
func (a *api) ajaxSetup(args []safejs.Value) any {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.client.Settings()
	if err := readSettings("credfetch.ajaxSetup", arg(args, 0), &s); err != nil {
		return throw(invalidError(err))
	}
	if err := a.client.Configure(s); err != nil {
		return throw(invalidError(fmt.Errorf("credfetch.ajaxSetup: %w", err)))
	}
	return settingsObject(a.client.Settings())
}

// ajaxPrefilter(fn) runs fn(settings) before every request; fn may change
// settings, return a Promise, or throw to cancel that request. It returns a
// function that unregisters fn.
func (a *api) ajaxPrefilter(args []safejs.Value) any {
	fn := arg(args, 0)
	if fn.Type() != safejs.TypeFunction {
		return throw(invalidError(fmt.Errorf("credfetch.ajaxPrefilter: fn must be a function, got %s", describe(fn))))
	}
	remove := a.client.Prefilter(func(r *fetch.Request) error { return runPrefilter(fn, r) })
	a.prefilters.Add(1)
	var once sync.Once
	var unregister *jsutil.Func
	unregister, err := jsutil.NewFunc(func([]safejs.Value) {
		once.Do(func() {
			remove()
			a.prefilters.Add(-1)
			unregister.Release()
		})
	})
	if err != nil {
		remove()
		return throw(invalidError(fmt.Errorf("credfetch.ajaxPrefilter: %w", err)))
	}
	return unregister.Value()
}

// withSignal returns a context canceled when the AbortSignal sig fires, and a
// function that stops listening; sig may be undefined. A signal that has
// already fired cancels at once.
func withSignal(ctx context.Context, sig safejs.Value) (context.Context, func(), error) {
	if sig.IsUndefined() || sig.IsNull() {
		return ctx, func() {}, nil
	}
	if !jsutil.InstanceOf(sig, "AbortSignal") {
		return ctx, func() {}, fmt.Errorf("signal must be an AbortSignal, got %s", describe(sig))
	}
	c, stop := cancel.WithCancel(ctx)
	ctx = c
	abort := func() {
		reason, _ := jsutil.Get(sig, "reason")
		stop(fmt.Errorf("the AbortSignal fired: %w", jsutil.NewError(reason)))
	}
	if aborted, _ := jsutil.Get(sig, "aborted"); truthy(aborted) {
		abort()
		return ctx, func() { stop(nil) }, nil
	}
	listener, err := jsutil.NewFunc(func([]safejs.Value) { abort() })
	if err != nil {
		stop(err)
		return ctx, func() {}, err
	}
	_, _ = sig.Call("addEventListener", "abort", listener.Value())
	return ctx, func() {
		_, _ = sig.Call("removeEventListener", "abort", listener.Value())
		listener.Release()
		stop(nil)
	}, nil
}

func truthy(v safejs.Value) bool {
	b, err := v.Truthy()
	return err == nil && b
}
