package main

import (
	"errors"
	"runtime"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/credfetch/credfetch/wasm/internal/jsapi"
	"github.com/hack-pad/safejs"
)

// core returns the object the loader gets: the version, and one function per
// call of the protocol (package jsapi), each taking and returning one
// string.
func core(a *jsapi.API) (safejs.Value, error) {
	obj := jsutil.NewObject()
	if obj.IsUndefined() {
		return obj, errors.New("cannot create a JavaScript object")
	}
	if err := obj.Set("version", fetch.Version); err != nil {
		return obj, err
	}
	for name, fn := range map[string]func(string) string{
		"setup":   a.Setup,
		"prepare": a.Prepare,
		"retry":   a.Retry,
		"message": jsapi.Message,
		"origins": jsapi.Origins,
	} {
		f, err := jsutil.NewMethod(stringFunc(fn)) // they live as long as the page
		if err != nil {
			return obj, err
		}
		if err := obj.Set(name, f.Value()); err != nil {
			return obj, err
		}
	}
	f, err := jsutil.NewMethod(diagnostics)
	if err != nil {
		return obj, err
	}
	return obj, obj.Set("diagnostics", f.Value())
}

// stringFunc adapts fn to JavaScript: its argument is read as a string (the
// loader always passes one), and a panic answers "err" instead of ending the
// program, which would leave the page without credfetch.
func stringFunc(fn func(string) string) func(safejs.Value, []safejs.Value) any {
	return func(_ safejs.Value, args []safejs.Value) (reply any) {
		defer func() {
			if p := recover(); p != nil {
				reply = "err" + jsapi.Sep + "credfetch: internal error: " + panicText(p) + " (please report it)"
			}
		}()
		msg := ""
		if len(args) > 0 && args[0].Type() == safejs.TypeString {
			msg, _ = args[0].String()
		}
		return fn(msg)
	}
}

// panicText describes a recovered panic value.
func panicText(p any) string {
	switch v := p.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "a panic"
}

// diagnostics() reports what the Go side holds, for leak tests and for
// people chasing one: the Go functions handed to JavaScript and not yet
// released, and the live goroutines. The loader adds the size of the wasm
// memory.
func diagnostics(safejs.Value, []safejs.Value) any {
	o := jsutil.NewObject()
	_ = o.Set("liveCallbacks", float64(jsutil.LiveFuncs()))
	_ = o.Set("goroutines", runtime.NumGoroutine())
	return o
}

// register makes the core object and hands it to the global function named
// hook, which resolves the loader's ready Promise. An empty hook means no
// loader is waiting (as in tests): the object is made and nothing is called.
func register(a *jsapi.API, hook string) error {
	obj, err := core(a)
	if err != nil {
		return errors.New("register the Go functions: " + err.Error())
	}
	if hook == "" {
		return nil
	}
	fn, err := safejs.Global().Get(hook)
	if err != nil {
		return errors.New("read the ready hook " + hook + ": " + err.Error())
	}
	if fn.Type() != safejs.TypeFunction {
		return errors.New("the ready hook globalThis." + hook + " is not a function: load credfetch.wasm through credfetch.js")
	}
	if _, err := fn.Invoke(obj); err != nil {
		return errors.New("call the ready hook " + hook + ": " + err.Error())
	}
	return nil
}
