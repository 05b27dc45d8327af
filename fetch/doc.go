// Package fetch is the Go client that sends credentialed cross-origin requests
// from a browser. Compiled with GOOS=js GOARCH=wasm, it drives the browser's own
// fetch() and XMLHttpRequest, setting credentials once for every request to the
// origins the page trusts, the way jQuery's $.ajaxPrefilter sets
// xhrFields.withCredentials, and leaving requests to other origins alone. The
// credfetch.wasm module (package wasm) exposes it to page JavaScript; Go
// programs compiled to js/wasm can use it directly. Pure logic lives in files
// without build tags and is tested natively; browser code lives in *_js.go files.
//
// In js/wasm, Client.Do blocks its goroutine while the browser works, as any
// Go code that waits on JavaScript does. Call it from a goroutine you start,
// never directly inside a JavaScript callback (a js.Func called by an event
// handler, a Promise or a timer): JavaScript's event loop waits for the
// callback to return before it can deliver the response, so the page hangs:
//
//	button.addEventListener("click", func(...) { // a JS callback
//		go func() { resp, err := client.Do(ctx, req); ... }()
//	})
package fetch
