package client

import (
	"context"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// probe sends the CORS probe, fetch(r.URL, fetch.ProbeInit()), and reports
// whether the server answered: fetch() resolved, with an opaque response. A
// rejection, a browser without fetch() and ctx ending first (which aborts
// the probe) all count as no answer. A JavaScript stream body is not
// probed: Chromium sends one only over HTTP/2 and fails it otherwise, from a
// server that answers the probe all the same.
func probe(ctx context.Context, r *fetch.Request) bool {
	if v, ok := r.Body.(safejs.Value); ok && jsutil.InstanceOf(v, "ReadableStream") {
		return false
	}
	answered, err := sendProbe(ctx, r.URL)
	return answered && err == nil
}

// sendProbe is probe, with the errors of calling into JavaScript.
func sendProbe(ctx context.Context, url string) (answered bool, err error) {
	defer jsutil.RecoverTo(&err)
	fetchFn, err := jsutil.Global("fetch")
	if err != nil {
		return false, err
	}
	init, err := newObjectErr()
	if err != nil {
		return false, err
	}
	for _, kv := range fetch.ProbeInit() {
		if err := init.Set(kv[0], kv[1]); err != nil {
			return false, err
		}
	}
	// credfetch's own request: credfetch.install()'s patches pass it on.
	if err := init.Set(jsutil.OwnRequest, true); err != nil {
		return false, err
	}
	_, abort, signal, err := newAbortController()
	if err != nil {
		return false, err
	}
	if err := init.Set("signal", signal); err != nil {
		return false, err
	}
	promise, err := fetchFn.Invoke(url, init)
	if err != nil {
		return false, err
	}
	if _, err := jsutil.Await(ctx, promise); err != nil {
		if ctx.Err() != nil {
			_, _ = abort.Invoke() // settle the promise, so that Await's callbacks are released
		}
		return false, err
	}
	return true, nil
}
