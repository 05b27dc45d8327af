//go:build e2e

package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeExamplesRun runs the README's JS API examples as they are written,
// in the demo's page origin, with the API origin's URL put in for
// http://localhost:8081: a README example that stops working fails here.
func TestReadmeExamplesRun(t *testing.T) {
	code := readmeBlock(t, "// ajaxSetup: defaults of every request.", suite.server.APIURL())

	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const logged = [];
		const log = console.log;
		console.log = (...args) => { logged.push(args.join(' ')); log(...args); };
		try {
			`+code+`
			return { user: me.data.user, demo: echo.data.headers['X-Demo'][0], response: res instanceof Response,
				upload: up.data.bodySize, logged };
		} finally { console.log = log; }
	})()`)
	require.Equal(t, "ada", got["user"])
	require.Equal(t, "from-prefilter", got["demo"])
	require.Equal(t, true, got["response"])
	require.Equal(t, float64(256*1024), got["upload"])
	logged, _ := got["logged"].([]any)
	require.Contains(t, logged, "TimeoutError timeout")
	require.Contains(t, logged, "http 401")
}
