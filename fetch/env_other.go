//go:build !js

package fetch

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// platformEnv outside the browser: no document, so no location, base URL or
// cookies but those a Page names.
func platformEnv() environment {
	none := func() string { return "" }
	return environment{
		location: none,
		base:     none,
		cookies:  none,
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
