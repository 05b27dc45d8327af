// Package client sends credentialed cross-origin requests from Go programs
// compiled to js/wasm, through the browser's own fetch() (FetchAPI, the
// default) or XMLHttpRequest (XHR):
//
//	c, err := client.New(fetch.Settings{
//		BaseURL:        "https://api.example.com",
//		Credentials:    fetch.Include, // to trusted origins only
//		TrustedOrigins: []string{"https://api.example.com"},
//	})
//	...
//	resp, err := c.Do(ctx, &fetch.Request{URL: "/me"})
//
// The decisions are package fetch's: a fetch.Policy merges each request with
// the settings, resolves its URL, chooses its credentials (the configured
// ones for the page's origin and trusted origins only), runs the prefilters,
// checks it and adds the XSRF header. The client fills what the Policy needs
// to know of the page from the document it runs in (location.href,
// document.baseURI and, when an XSRF cookie is configured, document.cookie)
// for the fields a request's fetch.Page leaves empty, then sends the request
// with the settings' Transport, with the timeout, retries (decided by
// fetch.RetryPolicy.Next), status check and response hooks around it. After
// a cross-origin network failure it sends one probe without CORS
// (fetch.ProbeInit, for the requests fetch.Policy.ProbesCORS marks): when the
// server answers, the error is fetch.ErrCORS, never retried, instead of
// fetch.ErrNetwork (Settings.NoCORSProbe turns the probe off).
// Package fetch/fetchhttp puts a Client behind net/http. The JS API
// (credfetch.wasm) does not use this package: its page JavaScript sends the
// requests, and it asks a fetch.Policy directly.
//
// In js/wasm, Client.Do blocks its goroutine while the browser works, as any
// Go code that waits on JavaScript does. Call it from a goroutine you start,
// never directly inside a JavaScript callback (a js.Func called by an event
// handler, a Promise or a timer): JavaScript's event loop waits for the
// callback to return before it can deliver the response, so the page hangs:
//
//	button.addEventListener("click", func(...) { // a JS callback
//		go func() { resp, err := c.Do(ctx, req); ... }()
//	})
//
// Outside js/wasm there is no browser to send with: set Settings.Transport
// (tests do), and name the page in Request.Page where relative URLs or the
// page's origin matter.
package client
