package client

import (
	"errors"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jitter"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// platformEnv in the browser: the document's location, base URL and cookies,
// read for each request whose Page does not say (the cookies only when the
// settings name an XSRF cookie). Outside a page (Node.js, a worker without
// document) they are empty.
func platformEnv() environment {
	return environment{
		location: jsutil.DocumentURL,
		base:     jsutil.DocumentBase,
		cookies:  jsutil.DocumentCookie,
		sleep:    sleep,
		probe:    probe,
		now:      time.Now,
		random:   jitter.N,
	}
}

// defaultTransport in the browser is fetch().
var defaultTransport fetch.Transport = fetchTransport{} // FetchAPI, written so that it needs no init code

// newObjectErr returns a new empty JavaScript object, or an error when the
// environment cannot make one.
func newObjectErr() (safejs.Value, error) {
	o := jsutil.NewObject()
	if o.IsUndefined() {
		return o, errors.New("cannot create a JavaScript object")
	}
	return o, nil
}
