// Package e2e proves credfetch in a real browser. Its tests (build tag e2e)
// start the demo server in-process on free loopback ports, build
// credfetch.wasm, launch headless Chromium with a fresh profile through
// chromedp, and drive the pages as a person would, reading results the way the
// page shows them. Run it with `make e2e` or `go test -tags e2e ./e2e/`; it
// fails, never skips, when no browser can be started, and says how to install
// one. CHROME_PATH overrides the browser binary (default
// /usr/lib/chromium/chromium, Debian's chromium package).
package e2e
