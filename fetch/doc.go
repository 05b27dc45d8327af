// Package fetch decides what credentialed cross-origin requests from a
// browser become: the settings (Settings, as $.ajaxSetup takes them), the
// merge of a request with them, its URL resolved against the settings' base
// URL or the page's, the credentials mode for its origin (the configured one
// for the page's own origin and trusted origins only, the way jQuery's
// $.ajaxPrefilter sets xhrFields.withCredentials, and the browser's default
// for every other), the XSRF header, the checks the browser would make,
// whether a failure is retried (RetryPolicy.Next) and how an error reads
// (Error). A Policy holds the settings and the prefilters and makes those
// decisions; it sends nothing and reads nothing from the browser: the page a
// request comes from (its location, base URL and cookies) is passed in as
// Request.Page.
//
// Which package to use:
//
//   - A Go program compiled to js/wasm that sends requests uses package
//     fetch/client: client.New(fetch.Settings{...}), then Client.Do with a
//     *fetch.Request. The client asks a Policy, fills the page from the
//     document it runs in and sends with the browser's fetch() or
//     XMLHttpRequest, with timeouts, retries and response hooks.
//     fetch/fetchhttp puts a client behind net/http.
//   - Code that decides without sending, such as the JS API's Go half
//     (credfetch.wasm, whose page JavaScript sends the requests), uses a
//     Policy directly.
//
// The package has no build tags but two small files: in js/wasm it parses
// URLs with the browser's URL class and recognizes JavaScript body values,
// whose answers must be the browser's; everything else is tested natively.
package fetch
