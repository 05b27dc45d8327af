package main

import (
	"fmt"
	"runtime"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// register fills the global object credfetch with the API and returns it. An
// object the loader already created (it holds the ready Promise) is kept and
// extended; otherwise a new one is made.
func register(a *api) (safejs.Value, error) {
	global := safejs.Global()
	obj, err := global.Get("credfetch")
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("read globalThis.credfetch: %w", err)
	}
	if obj.Type() != safejs.TypeObject || obj.IsNull() {
		obj = jsutil.NewObject()
		if err := global.Set("credfetch", obj); err != nil {
			return safejs.Undefined(), fmt.Errorf("set globalThis.credfetch: %w", err)
		}
	}
	if err := obj.Set("version", fetch.Version); err != nil {
		return safejs.Undefined(), fmt.Errorf("set credfetch.version: %w", err)
	}
	for name, fn := range map[string]func([]safejs.Value) any{
		"ajaxSetup":     a.ajaxSetup,
		"ajaxPrefilter": a.ajaxPrefilter,
		"ajax":          a.ajax,
		"fetch":         a.fetch,
		"install":       a.install,
		"diagnostics":   diagnostics,
	} {
		if err := a.bind(obj, name, fn); err != nil {
			return safejs.Undefined(), fmt.Errorf("set credfetch.%s: %w", name, err)
		}
	}
	return obj, nil
}

// diagnostics() reports what the Go side holds, for leak tests and for
// people chasing one: the Go functions handed to JavaScript and not yet
// released, and the live goroutines. The loader adds the size of the wasm
// memory.
func diagnostics([]safejs.Value) any {
	o := jsutil.NewObject()
	_ = o.Set("liveCallbacks", float64(jsutil.LiveFuncs()))
	_ = o.Set("goroutines", runtime.NumGoroutine())
	return o
}

// signalReady calls the global function named hook with the API, which
// resolves the loader's ready Promise. An empty hook means no loader is
// waiting (as in tests), and nothing is called.
func signalReady(api safejs.Value, hook string) error {
	if hook == "" {
		return nil
	}
	fn, err := safejs.Global().Get(hook)
	if err != nil {
		return fmt.Errorf("read ready hook %q: %w", hook, err)
	}
	if fn.Type() != safejs.TypeFunction {
		return fmt.Errorf("ready hook globalThis.%s is %s, not a function: load credfetch.wasm through credfetch.js", hook, fn.Type())
	}
	if _, err := fn.Invoke(api); err != nil {
		return fmt.Errorf("call ready hook %q: %w", hook, err)
	}
	return nil
}
