// Package jsutil holds the JavaScript plumbing that package fetch and the wasm
// module share: awaiting a Promise from a goroutine, making a Promise that Go
// settles later, and turning JavaScript errors into Go errors. All of it goes
// through safejs, releases every js.Func it makes, and never blocks inside a
// JavaScript callback. It builds only for GOOS=js GOARCH=wasm.
package jsutil

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// Await waits for the Promise (or any thenable) p to settle and returns its
// value, or its rejection as an *Error. A value that is not a thenable is
// returned as it is. Await blocks the calling goroutine: never call it from
// inside a JavaScript callback, where it would deadlock the Go runtime.
func Await(p safejs.Value) (safejs.Value, error) {
	if !IsThenable(p) {
		return p, nil
	}
	type settled struct {
		v   safejs.Value
		err error
	}
	ch := make(chan settled, 1)
	onFulfilled, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{v: arg(args, 0)}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer onFulfilled.Release()
	onRejected, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{err: NewError(arg(args, 0))}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer onRejected.Release()
	if _, err := p.Call("then", onFulfilled.Value(), onRejected.Value()); err != nil {
		return safejs.Undefined(), fmt.Errorf("call then: %w", err)
	}
	s := <-ch
	return s.v, s.err
}

// IsThenable reports whether v is an object or function with a then method.
func IsThenable(v safejs.Value) bool {
	if t := v.Type(); t != safejs.TypeObject && t != safejs.TypeFunction || v.IsNull() {
		return false
	}
	then, err := v.Get("then")
	return err == nil && then.Type() == safejs.TypeFunction
}

// Deferred is a pending JavaScript Promise with the functions that settle it.
// Settling holds no Go callback: the resolve and reject functions are the
// Promise's own.
type Deferred struct {
	Promise safejs.Value
	resolve safejs.Value
	reject  safejs.Value
}

// NewDeferred makes a pending Promise.
func NewDeferred() (Deferred, error) {
	var d Deferred
	executor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		d.resolve, d.reject = arg(args, 0), arg(args, 1)
		return nil
	})
	if err != nil {
		return d, err
	}
	defer executor.Release() // the executor runs inside the constructor
	ctor, err := safejs.Global().Get("Promise")
	if err != nil {
		return d, err
	}
	if d.Promise, err = ctor.New(executor.Value()); err != nil {
		return d, fmt.Errorf("new Promise: %w", err)
	}
	return d, nil
}

// Resolve fulfils the Promise with v.
func (d Deferred) Resolve(v any) { _, _ = d.resolve.Invoke(v) }

// ResolveFunc returns the Promise's resolve function itself, to hand to
// JavaScript (as an event listener, say) with no Go callback behind it.
func (d Deferred) ResolveFunc() safejs.Value { return d.resolve }

// Reject rejects the Promise with reason, normally a JavaScript Error.
func (d Deferred) Reject(reason any) { _, _ = d.reject.Invoke(reason) }

// Rejected returns a Promise already rejected with reason.
func Rejected(reason any) safejs.Value {
	ctor, err := safejs.Global().Get("Promise")
	if err != nil {
		return safejs.Undefined()
	}
	p, err := ctor.Call("reject", reason)
	if err != nil {
		return safejs.Undefined()
	}
	return p
}

// Error is a JavaScript exception or rejection reason seen from Go.
type Error struct {
	// Value is the thrown or rejected JavaScript value.
	Value safejs.Value
	msg   string
}

// NewError wraps a thrown or rejected JavaScript value.
func NewError(v safejs.Value) *Error {
	return &Error{Value: v, msg: Describe(v)}
}

// Error returns "Name: message" for Error objects, else a description of the
// value.
func (e *Error) Error() string { return e.msg }

// Describe returns a short text for a JavaScript value: "TypeError: Failed to
// fetch" for an Error, the string itself for a string, else its String().
func Describe(v safejs.Value) string {
	switch v.Type() {
	case safejs.TypeString:
		s, _ := v.String()
		return s
	case safejs.TypeObject:
		if v.IsNull() {
			return "null"
		}
		name, _ := stringProp(v, "name")
		msg, _ := stringProp(v, "message")
		if name != "" || msg != "" {
			if name == "" {
				return msg
			}
			if msg == "" {
				return name
			}
			return name + ": " + msg
		}
	case safejs.TypeUndefined:
		return "undefined"
	}
	s, err := v.String()
	if err != nil {
		return v.Type().String()
	}
	return s
}

// IsErrorNamed reports whether err came from a JavaScript Error whose name is
// name, such as "AbortError" or "TimeoutError".
func IsErrorNamed(err error, name string) bool {
	e, ok := AsError(err)
	if !ok {
		return false
	}
	n, _ := stringProp(e.Value, "name")
	return n == name
}

// AsError finds the first *Error in err's chain without reflection (errors.As
// would link internal/reflectlite into the module).
func AsError(err error) (*Error, bool) {
	for err != nil {
		switch e := err.(type) {
		case *Error:
			return e, true
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return nil, false
		}
	}
	return nil, false
}

func stringProp(v safejs.Value, name string) (string, bool) {
	p, err := v.Get(name)
	if err != nil || p.Type() != safejs.TypeString {
		return "", false
	}
	s, err := p.String()
	return s, err == nil
}

func arg(args []safejs.Value, i int) safejs.Value {
	if i < len(args) {
		return args[i]
	}
	return safejs.Undefined()
}
