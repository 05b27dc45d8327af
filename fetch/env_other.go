//go:build !js

package fetch

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/credfetch/credfetch/internal/pagehref"
)

// platformEnv outside the browser: no cookies, and no page unless one was
// named through package pagehref (as the JS API's tests do).
func platformEnv() environment {
	return environment{
		location: func() string { href, _ := pagehref.Get(); return href },
		base:     func() string { base, _ := pagehref.Base(); return base },
		cookies:  func() string { return "" },
		now:      time.Now,
		random:   rand.Int64N,
	}
}

// isPlatformBody reports whether b is a body only this platform's transports
// understand; outside the browser there are none.
func isPlatformBody(any) bool { return false }

// defaultTransport outside the browser fails every request: set
// Settings.Transport.
var defaultTransport Transport = TransportFunc(func(context.Context, *Request) (*Response, error) {
	return nil, &Error{Kind: ErrInvalid, Err: errors.New("no transport: the browser transports need GOOS=js GOARCH=wasm; set Settings.Transport")}
})
