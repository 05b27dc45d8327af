// Package fetch is the Go client that sends credentialed cross-origin requests
// from a browser. Compiled with GOOS=js GOARCH=wasm, it drives the browser's own
// fetch() and XMLHttpRequest, setting credentials once for every request to the
// origins the page trusts, the way jQuery's $.ajaxPrefilter sets
// xhrFields.withCredentials, and leaving requests to other origins alone. The
// credfetch.wasm module (package wasm) exposes it to page JavaScript; Go
// programs compiled to js/wasm can use it directly. Pure logic lives in files
// without build tags and is tested natively; browser code lives in *_js.go files.
package fetch
