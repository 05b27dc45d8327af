// Package cancel provides what credfetch needs of package context's
// cancellation machinery: a cancelable child context with a cause, Cause, and
// AfterFunc. The context package's own versions link its timer context, whose
// String method pulls time's formatting code into every js/wasm program that
// cancels anything: about 40 KB gzip of credfetch.wasm. These do the same job
// with a channel, a mutex and a goroutine per watched parent.
package cancel

import (
	"context"
	"sync"
	"time"
)

// Ctx is a context.Context canceled by its CancelFunc or when its parent is
// done. Its Deadline and Value are its parent's.
type Ctx struct {
	parent context.Context
	done   chan struct{}
	mu     sync.Mutex
	err    error
	cause  error
}

// CancelFunc cancels its Ctx with cause (context.Canceled when nil). Only the
// first call has an effect.
type CancelFunc func(cause error)

// WithCancel returns a child of parent and the function that cancels it. A
// parent that can be done is watched by a goroutine until either ends; the
// caller must cancel the child when done with it, as with context.WithCancel.
func WithCancel(parent context.Context) (*Ctx, CancelFunc) {
	c := &Ctx{parent: parent, done: make(chan struct{})}
	if pd := parent.Done(); pd != nil {
		select {
		case <-pd:
			c.cancel(parent.Err(), Cause(parent))
		default:
			go func() {
				select {
				case <-pd:
					c.cancel(parent.Err(), Cause(parent))
				case <-c.done:
				}
			}()
		}
	}
	return c, func(cause error) { c.cancel(context.Canceled, cause) }
}

func (c *Ctx) cancel(err, cause error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	if cause == nil {
		cause = err
	}
	c.err, c.cause = err, cause
	close(c.done)
}

// Deadline returns the parent's deadline.
func (c *Ctx) Deadline() (time.Time, bool) { return c.parent.Deadline() }

// Done is closed when c is canceled.
func (c *Ctx) Done() <-chan struct{} { return c.done }

// Err is nil until c is canceled, then context.Canceled, or the parent's
// error when the parent ended it.
func (c *Ctx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value returns the parent's value for key.
func (c *Ctx) Value(key any) any { return c.parent.Value(key) }

// Cause returns why ctx ended: for a *Ctx the cause given to its CancelFunc
// (or inherited from its parent), otherwise ctx.Err(). It is nil while ctx
// is not done.
func Cause(ctx context.Context) error {
	if c, ok := ctx.(*Ctx); ok {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.cause
	}
	return ctx.Err()
}

// AfterFunc runs f in its own goroutine once ctx is done. stop stops that
// from happening: it reports true when it did, false when f has already been
// started (or stop was called before).
func AfterFunc(ctx context.Context, f func()) (stop func() bool) {
	stopped := make(chan struct{})
	var once sync.Once
	started := make(chan bool, 1)
	done := ctx.Done()
	if done == nil {
		return func() bool {
			first := false
			once.Do(func() { first = true })
			return first
		}
	}
	go func() {
		select {
		case <-done:
			started <- true
			f()
		case <-stopped:
			started <- false
		}
	}()
	return func() bool {
		stoppedNow := false
		once.Do(func() {
			close(stopped)
			stoppedNow = !<-started
		})
		return stoppedNow
	}
}
