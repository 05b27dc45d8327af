// Command wasm is credfetch.wasm, the Go half of the JS API that front-end
// pages load through assets/credfetch.js. The loader does the JavaScript half:
// it reads the page's arguments, runs its prefilters and sends the requests
// with the browser's fetch() and XMLHttpRequest; this program holds the
// settings and decides, through a fetch.Policy (wasm/internal/jsapi), what every
// request becomes: its URL, its credentials, its headers, whether it is
// valid, whether a failure is retried and how the error reads. It registers
// those functions with the loader and stays alive to serve them. Build it
// with GOOS=js GOARCH=wasm go build -o credfetch.wasm ./wasm (make build does).
package main

import (
	"fmt"
	"os"

	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/credfetch/credfetch/wasm/internal/jsapi"
)

// readyEnv names the environment variable through which the loader passes the
// name of the global function to call with the Go functions.
const readyEnv = "CREDFETCH_READY"

func main() {
	a, err := jsapi.New(jsutil.DocumentCookie)
	if err == nil {
		err = register(a, os.Getenv(readyEnv))
	}
	if err != nil {
		// Returning ends the program, and the loader rejects its ready Promise
		// because the program exited before it was ready.
		fmt.Fprintln(os.Stderr, "credfetch:", err)
		return
	}
	select {} // serve calls from the page for as long as it lives
}
