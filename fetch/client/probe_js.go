package client

import (
	"context"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
)

// probe sends the CORS probe, fetch(url, fetch.ProbeInit()), and reports
// whether the server answered: fetch() resolved, with an opaque response. A
// rejection, a browser without fetch() and ctx ending first (which aborts
// the probe) all count as no answer.
func probe(ctx context.Context, url string) bool {
	answered, err := sendProbe(ctx, url)
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
