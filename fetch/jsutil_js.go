package fetch

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/hack-pad/safejs"
)

// JavaScript interop shared by the transports. Rules that keep the page's Go
// instance alive:
//
//   - Every JS callback only reads its arguments and sends on a buffered
//     channel (or appends to a value its caller owns): it never blocks, since
//     JavaScript's event loop waits for it to return. Go code of the caller
//     (progress callbacks, hooks) runs on the goroutine that called Do.
//   - Every callback recovers its own panics: one that escapes would end the
//     Go program for the whole page.
//   - Every js.Func is released: promise callbacks when the promise settles,
//     event listeners when the exchange ends. liveFuncs counts those not yet
//     released, so tests can check.

// liveFuncs is the number of js.Funcs made by newFunc and not yet released.
var liveFuncs atomic.Int64

// jsFunc is a Go function callable from JavaScript, released at most once.
type jsFunc struct {
	fn       safejs.Func
	released atomic.Bool
}

// newFunc wraps fn for JavaScript. A panic in fn is recovered, and the
// JavaScript caller then gets undefined.
func newFunc(fn func(args []safejs.Value)) (*jsFunc, error) {
	f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer func() { _ = recover() }()
		fn(args)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("make a JavaScript callback: %w", err)
	}
	liveFuncs.Add(1)
	return &jsFunc{fn: f}, nil
}

// value is the JavaScript function.
func (f *jsFunc) value() safejs.Value { return f.fn.Value() }

// release frees the function; it may be called more than once, on a nil
// *jsFunc, and from inside the function itself.
func (f *jsFunc) release() {
	if f != nil && f.released.CompareAndSwap(false, true) {
		f.fn.Release()
		liveFuncs.Add(-1)
	}
}

// arg returns args[i], or undefined.
func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

// settled is the outcome of a JavaScript Promise.
type settled struct {
	value safejs.Value
	err   error
}

// subscribe calls p.then with two callbacks and returns a channel that
// receives p's outcome once. The callbacks release themselves when p settles,
// whether or not anyone still waits on the channel.
func subscribe(p safejs.Value) (<-chan settled, error) {
	ch := make(chan settled, 1)
	var onFulfilled, onRejected *jsFunc
	settle := func(s settled) {
		select { // a Promise settles once; never block regardless
		case ch <- s:
		default:
		}
		onFulfilled.release()
		onRejected.release()
	}
	var err error
	onFulfilled, err = newFunc(func(args []safejs.Value) { settle(settled{value: arg(args, 0)}) })
	if err != nil {
		return nil, err
	}
	onRejected, err = newFunc(func(args []safejs.Value) { settle(settled{err: jsError(arg(args, 0))}) })
	if err != nil {
		onFulfilled.release()
		return nil, err
	}
	if _, err := p.Call("then", onFulfilled.value(), onRejected.value()); err != nil {
		onFulfilled.release()
		onRejected.release()
		return nil, fmt.Errorf("not a Promise: %w", err)
	}
	return ch, nil
}

// await waits for the Promise p to settle and returns its value, or its
// rejection as an error; it returns ctx's error as soon as ctx is done. The
// caller makes sure that p then settles (by aborting what it waits for), so
// that the callbacks are released.
func await(ctx context.Context, p safejs.Value) (safejs.Value, error) {
	ch, err := subscribe(p)
	if err != nil {
		return safejs.Undefined(), err
	}
	select {
	case s := <-ch:
		return s.value, s.err
	case <-ctx.Done():
		return safejs.Undefined(), ctx.Err()
	}
}

// listener is an event listener added with addEventListener.
type listener struct {
	target safejs.Value
	event  string
	fn     *jsFunc
}

// listen adds fn as a listener for event on target. fn gets the event
// object and must not block. Call remove when done.
func listen(target safejs.Value, event string, fn func(ev safejs.Value)) (*listener, error) {
	f, err := newFunc(func(args []safejs.Value) { fn(arg(args, 0)) })
	if err != nil {
		return nil, err
	}
	if _, err := target.Call("addEventListener", event, f.value()); err != nil {
		f.release()
		return nil, fmt.Errorf("listen for %s events: %w", event, err)
	}
	return &listener{target: target, event: event, fn: f}, nil
}

// remove removes the listener and releases its function; nil is a no-op.
func (l *listener) remove() {
	if l == nil {
		return
	}
	_, _ = l.target.Call("removeEventListener", l.event, l.fn.value())
	l.fn.release()
}

// jsError turns a JavaScript exception or rejection value into an error
// carrying its name and message (and, as Node's fetch adds one, the message of
// its cause): "TypeError: Failed to fetch".
func jsError(v safejs.Value) error {
	if v.Type() != safejs.TypeObject {
		s, _ := v.String()
		return errors.New(s)
	}
	msg := prop(v, "message")
	if name := prop(v, "name"); name != "" {
		msg = name + ": " + msg
	}
	if cause, err := v.Get("cause"); err == nil && cause.Type() == safejs.TypeObject {
		if c := prop(cause, "message"); c != "" {
			msg += " (" + c + ")"
		}
	}
	if msg == "" {
		msg, _ = v.String()
	}
	return errors.New(msg)
}

// prop returns the string property name of v, or "" when it has none.
func prop(v safejs.Value, name string) string {
	p, err := v.Get(name)
	if err != nil || p.Type() != safejs.TypeString {
		return ""
	}
	s, _ := p.String()
	return s
}

// global returns globalThis[name] when it is a function (a constructor, for
// the classes the transports use), or an error naming what is missing.
func global(name string) (safejs.Value, error) {
	v, err := safejs.Global().Get(name)
	if err != nil || v.Type() != safejs.TypeFunction {
		return safejs.Undefined(), fmt.Errorf("globalThis.%s is missing in this JavaScript environment", name)
	}
	return v, nil
}

// newObject returns a new empty JavaScript object.
func newObject() (safejs.Value, error) {
	ctor, err := global("Object")
	if err != nil {
		return safejs.Undefined(), err
	}
	return ctor.New()
}

// truthy reports whether v.name is truthy; false when v has no such property.
func truthy(v safejs.Value, name string) bool {
	p, err := v.Get(name)
	if err != nil {
		return false
	}
	b, _ := p.Truthy()
	return b
}

// isSet reports whether v is neither undefined nor null.
func isSet(v safejs.Value) bool { return !v.IsUndefined() && !v.IsNull() }

// bytesToJS copies b into a new Uint8Array.
func bytesToJS(b []byte) (safejs.Value, error) {
	ctor, err := global("Uint8Array")
	if err != nil {
		return safejs.Undefined(), err
	}
	arr, err := ctor.New(len(b))
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := safejs.CopyBytesToJS(arr, b); err != nil {
		return safejs.Undefined(), err
	}
	return arr, nil
}

// bytesFromJS copies an ArrayBuffer or a Uint8Array into a new slice with one
// copy; null and undefined give an empty slice.
func bytesFromJS(v safejs.Value) ([]byte, error) {
	if !isSet(v) {
		return []byte{}, nil
	}
	ctor, err := global("Uint8Array")
	if err != nil {
		return nil, err
	}
	if ok, _ := v.InstanceOf(ctor); !ok {
		if v, err = ctor.New(v); err != nil {
			return nil, fmt.Errorf("read the body bytes: %w", err)
		}
	}
	n, err := v.Length()
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, v); err != nil {
		return nil, fmt.Errorf("copy the body bytes: %w", err)
	}
	return b, nil
}

// recoverTo turns a panic of the current function into *err, so that none
// escapes into JavaScript.
func recoverTo(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("credfetch: internal error: %v", p)
	}
}
