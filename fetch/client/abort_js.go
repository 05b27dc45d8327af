package client

import (
	"context"
	"errors"
	"fmt"
	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/cancel"

	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// pageSignal returns Request.Signal as a JavaScript AbortSignal, or ok false
// when there is none. A signal that has already fired fails the request with
// ErrAborted before anything is sent.
func pageSignal(sig any) (signal safejs.Value, ok bool, err error) {
	if sig == nil {
		return safejs.Undefined(), false, nil
	}
	v, isValue := sig.(safejs.Value)
	if !isValue {
		return safejs.Undefined(), false, &fetch.Error{Kind: fetch.ErrInvalid,
			Err: fmt.Errorf("Request.Signal has type %T: use a JavaScript AbortSignal as a safejs.Value, or nil", sig)}
	}
	if !jsutil.IsSet(v) {
		return safejs.Undefined(), false, nil
	}
	if v.Type() != safejs.TypeObject {
		return safejs.Undefined(), false, &fetch.Error{Kind: fetch.ErrInvalid,
			Err: fmt.Errorf("Request.Signal is a JavaScript %s: use an AbortSignal (new AbortController().signal)", v.Type())}
	}
	if class, err := jsutil.Global("AbortSignal"); err == nil {
		if ok, _ := v.InstanceOf(class); !ok {
			return safejs.Undefined(), false, &fetch.Error{Kind: fetch.ErrInvalid, Err: errors.New("Request.Signal is an object but not an AbortSignal: pass new AbortController().signal")}
		}
	}
	if jsutil.Truthy(v, "aborted") {
		return safejs.Undefined(), false, signalAborted(v)
	}
	return v, true, nil
}

// signalAborted is the error of a request that Request.Signal aborted.
func signalAborted(signal safejs.Value) error {
	reason := "no reason given"
	if r, err := signal.Get("reason"); err == nil && jsutil.IsSet(r) {
		reason = jsutil.NewError(r).Error()
	}
	return &fetch.Error{Kind: fetch.ErrAborted, Err: fmt.Errorf("Request.Signal aborted the request (%s)", reason)}
}

// bound returns obj[method].bind(obj): a JavaScript function that needs no Go
// callback, so nothing has to be released when the page keeps it.
func bound(obj safejs.Value, method string) (safejs.Value, error) {
	fn, err := obj.Get(method)
	if err != nil {
		return safejs.Undefined(), err
	}
	return fn.Call("bind", obj)
}

// watch ends an exchange early: when ctx is done it calls abort (a JavaScript
// function), and when the page's signal fires it makes the browser call abort
// itself. stopContext stops watching ctx; stop stops watching both.
type watch struct {
	abort    safejs.Value
	signal   safejs.Value
	onSignal bool // a listener on signal calls abort
	stopCtx  func() bool
	aborted  chan struct{} // closed when the call of abort for ctx returned
}

// newWatch starts watching ctx and, when hasSignal, signal: both end in a call
// of abort. Watching the signal needs no Go callback (abort is a bound
// JavaScript function), so a request whose body the page reads later stays
// abortable by the page without holding a js.Func.
func newWatch(ctx context.Context, abort, signal safejs.Value, hasSignal bool) (*watch, error) {
	w := &watch{abort: abort, signal: signal}
	if hasSignal {
		opts, err := newObjectErr()
		if err == nil {
			err = opts.Set("once", true)
		}
		if err == nil {
			_, err = signal.Call("addEventListener", "abort", abort, opts)
		}
		if err != nil {
			return nil, fmt.Errorf("listen to Request.Signal: %w", err)
		}
		w.onSignal = true
	}
	w.aborted = make(chan struct{})
	w.stopCtx = cancel.AfterFunc(ctx, func() {
		defer close(w.aborted)
		_, _ = abort.Invoke()
	})
	return w, nil
}

// stopContext stops watching ctx: later cancellation no longer aborts. It
// reports false when ctx was done first and abort was called; it then waits
// for that call to return, so that no goroutine of the exchange is still
// inside JavaScript after it ends.
func (w *watch) stopContext() bool {
	if w.stopCtx() {
		return true
	}
	<-w.aborted
	return false
}

// stop stops watching both ctx and the signal.
func (w *watch) stop() {
	w.stopContext()
	if w.onSignal {
		_, _ = w.signal.Call("removeEventListener", "abort", w.abort)
		w.onSignal = false
	}
}

// failure classifies an error of the exchange: the page's signal firing
// (while ctx is still live) is ErrAborted; anything else the Client
// classifies from ctx (timeout, aborted) or as a network error.
func failure(ctx context.Context, signal safejs.Value, hasSignal bool, err error) error {
	if ctx.Err() == nil && hasSignal && jsutil.Truthy(signal, "aborted") {
		return signalAborted(signal)
	}
	return err
}
