package client

import (
	"context"
	"time"

	"github.com/credfetch/credfetch/fetch"
)

// environment is what a client needs from its platform: the document, for
// the fields a Page leaves empty, the clock and randomness. The browser
// supplies it (env_js.go), and tests replace it.
type environment struct {
	location func() string // the document's URL, "" outside a page
	// base returns the document's base URL (document.baseURI), which
	// relative URLs resolve against, as the browser's own fetch() does; it
	// differs from location under a <base> element.
	base    func() string
	cookies func() string // document.cookie, "" outside a page
	// sleep waits between retries.
	sleep func(ctx context.Context, d time.Duration) error
	// probe asks r's URL once more without CORS (fetch.ProbeInit) after a
	// cross-origin network failure of r and reports whether the server
	// answered; nil where there is no browser to ask.
	probe  func(ctx context.Context, r *fetch.Request) bool
	now    func() time.Time
	random func(n int64) int64 // uniform in [0, n)
}
