// Package jsutil is the JavaScript plumbing package fetch and the wasm module
// share, all of it through safejs. It builds only for GOOS=js GOARCH=wasm.
//
// The rules that keep a page's Go instance alive:
//
//   - A JavaScript callback only reads its arguments and sends on a buffered
//     channel (or sets a value its caller owns): it never blocks, since the
//     event loop waits for it to return and Go would deadlock.
//   - Every callback recovers its own panics: one that escapes ends the Go
//     program for the whole page ("Go program has already exited").
//   - Every js.Func is released: promise callbacks when the promise settles,
//     event listeners when the exchange ends. LiveFuncs counts those not yet
//     released, so that tests can check.
package jsutil

import (
	"fmt"
	"sync/atomic"

	"github.com/hack-pad/safejs"
)

// liveFuncs is the number of functions made by NewFunc and NewMethod and not
// yet released.
var liveFuncs atomic.Int64

// LiveFuncs returns the number of Go functions handed to JavaScript with
// NewFunc or NewMethod and not yet released.
func LiveFuncs() int64 { return liveFuncs.Load() }

// Func is a Go function callable from JavaScript, released at most once.
type Func struct {
	fn       safejs.Func
	released atomic.Bool
}

// NewFunc wraps fn, a callback that returns nothing to JavaScript. A panic
// in fn is recovered, and the JavaScript caller then gets undefined.
func NewFunc(fn func(args []safejs.Value)) (*Func, error) {
	return NewMethod(func(_ safejs.Value, args []safejs.Value) any {
		fn(args)
		return nil
	})
}

// NewMethod wraps fn, which gets JavaScript's this and returns a value. A
// panic in fn is recovered, and the JavaScript caller then gets undefined.
func NewMethod(fn func(this safejs.Value, args []safejs.Value) any) (*Func, error) {
	f, err := safejs.FuncOf(func(this safejs.Value, args []safejs.Value) (result any) {
		defer func() {
			if recover() != nil {
				result = nil
			}
		}()
		return fn(this, args)
	})
	if err != nil {
		return nil, fmt.Errorf("make a JavaScript callback: %w", err)
	}
	liveFuncs.Add(1)
	return &Func{fn: f}, nil
}

// Value is the JavaScript function.
func (f *Func) Value() safejs.Value { return f.fn.Value() }

// Release frees the function; it may be called more than once, on a nil
// *Func, and from inside the function itself.
func (f *Func) Release() {
	if f != nil && f.released.CompareAndSwap(false, true) {
		f.fn.Release()
		liveFuncs.Add(-1)
	}
}

// Arg returns args[i], or undefined.
func Arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}

// Listener is an event listener added with addEventListener.
type Listener struct {
	target safejs.Value
	event  string
	fn     *Func
}

// Listen adds fn as a listener for event on target. fn gets the event object
// and must not block. Call Remove when done.
func Listen(target safejs.Value, event string, fn func(ev safejs.Value)) (*Listener, error) {
	f, err := NewFunc(func(args []safejs.Value) { fn(Arg(args, 0)) })
	if err != nil {
		return nil, err
	}
	if _, err := target.Call("addEventListener", event, f.Value()); err != nil {
		f.Release()
		return nil, fmt.Errorf("listen for %s events: %w", event, err)
	}
	return &Listener{target: target, event: event, fn: f}, nil
}

// Remove removes the listener and releases its function; nil is a no-op.
func (l *Listener) Remove() {
	if l == nil {
		return
	}
	_, _ = l.target.Call("removeEventListener", l.event, l.fn.Value())
	l.fn.Release()
}
