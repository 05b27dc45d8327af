package jsutil

import (
	"context"
	"fmt"

	"github.com/hack-pad/safejs"
)

// Settled is the outcome of a JavaScript Promise.
type Settled struct {
	Value safejs.Value
	Err   error
}

// Subscribe calls p.then with two callbacks and returns a channel that
// receives p's outcome once. The callbacks release themselves when p settles,
// whether or not anyone still waits on the channel.
func Subscribe(p safejs.Value) (<-chan Settled, error) {
	ch := make(chan Settled, 1)
	var onFulfilled, onRejected *Func
	settle := func(s Settled) {
		select { // a Promise settles once; never block regardless
		case ch <- s:
		default:
		}
		onFulfilled.Release()
		onRejected.Release()
	}
	var err error
	onFulfilled, err = NewFunc(func(args []safejs.Value) { settle(Settled{Value: Arg(args, 0)}) })
	if err != nil {
		return nil, err
	}
	onRejected, err = NewFunc(func(args []safejs.Value) { settle(Settled{Err: NewError(Arg(args, 0))}) })
	if err != nil {
		onFulfilled.Release()
		return nil, err
	}
	if _, err := p.Call("then", onFulfilled.Value(), onRejected.Value()); err != nil {
		onFulfilled.Release()
		onRejected.Release()
		return nil, fmt.Errorf("not a Promise: %w", err)
	}
	return ch, nil
}

// Await waits for p to settle and returns its value, or its rejection as an
// *Error; it returns ctx's error as soon as ctx is done (the caller then makes
// sure p settles, by aborting what it waits for, so that the callbacks are
// released). A value that is not a thenable is returned as it is. Await
// blocks the calling goroutine: never call it inside a JavaScript callback.
func Await(ctx context.Context, p safejs.Value) (safejs.Value, error) {
	if !IsThenable(p) {
		return p, nil
	}
	ch, err := Subscribe(p)
	if err != nil {
		return safejs.Undefined(), err
	}
	select {
	case s := <-ch:
		return s.Value, s.Err
	case <-ctx.Done():
		return safejs.Undefined(), ctx.Err()
	}
}

// IsThenable reports whether v is an object or function with a then method.
func IsThenable(v safejs.Value) bool {
	if !IsObject(v) {
		return false
	}
	then, err := v.Get("then")
	return err == nil && then.Type() == safejs.TypeFunction
}
