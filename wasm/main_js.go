// Command wasm is the credfetch WebAssembly module (credfetch.wasm) that
// front-end pages load through web/credfetch.js. It is the JavaScript face of
// package fetch: it registers the global object credfetch, fills it with the
// API and tells the loader that the Go side is ready, then
// stays alive to serve calls from the page. Build it with
// GOOS=js GOARCH=wasm go build -o credfetch.wasm ./wasm (make build does).
package main

import (
	"fmt"
	"os"

	"github.com/hack-pad/safejs"
)

// readyEnv names the environment variable through which the loader passes the
// name of the global function to call once the API is registered.
const readyEnv = "CREDFETCH_READY"

func main() {
	a, err := newAPI()
	if err == nil {
		var obj safejs.Value
		if obj, err = register(a); err == nil {
			err = signalReady(obj, os.Getenv(readyEnv))
		}
	}
	if err != nil {
		// Returning ends the program, and the loader rejects its ready Promise
		// because the program exited before it was ready.
		fmt.Fprintln(os.Stderr, "credfetch:", err)
		return
	}
	select {} // serve calls from the page for as long as it lives
}
