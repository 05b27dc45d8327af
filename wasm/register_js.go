package main

import (
	"fmt"

	"github.com/credfetch/credfetch/fetch"
	"github.com/hack-pad/safejs"
)

// register fills the global object credfetch with the API and returns it. An
// object the loader already created (it holds the ready Promise) is kept and
// extended; otherwise a new one is made.
func register() (safejs.Value, error) {
	global := safejs.Global()
	api, err := global.Get("credfetch")
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("read globalThis.credfetch: %w", err)
	}
	if api.Type() != safejs.TypeObject || api.IsNull() {
		api, err = newObject()
		if err != nil {
			return safejs.Undefined(), err
		}
		if err := global.Set("credfetch", api); err != nil {
			return safejs.Undefined(), fmt.Errorf("set globalThis.credfetch: %w", err)
		}
	}
	if err := api.Set("version", fetch.Version); err != nil {
		return safejs.Undefined(), fmt.Errorf("set credfetch.version: %w", err)
	}
	return api, nil
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

// newObject returns a new, empty JavaScript object.
func newObject() (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("read globalThis.Object: %w", err)
	}
	obj, err := ctor.New()
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("new Object(): %w", err)
	}
	return obj, nil
}
