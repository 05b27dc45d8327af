//go:build !js

package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/credfetch/credfetch/fetch"
)

// platformEnv outside the browser: no document, so no location, base URL or
// cookies but those a Page names.
func platformEnv() environment {
	none := func() string { return "" }
	return environment{
		location: none,
		base:     none,
		cookies:  none,
		sleep:    sleep,
		now:      time.Now,
		random:   rand.Int64N,
	}
}

// defaultTransport outside the browser fails every request: set
// Settings.Transport.
var defaultTransport fetch.Transport = fetch.TransportFunc(func(context.Context, *fetch.Request) (*fetch.Response, error) {
	return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: errors.New("no transport: the browser transports need GOOS=js GOARCH=wasm; set Settings.Transport")}
})
