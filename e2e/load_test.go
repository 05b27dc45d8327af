//go:build e2e

package e2e

import (
	"bytes"
	"image/png"
	"os"
	"testing"
	"testing/fstest"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

func TestPageLoadsTheHelperAndShowsItsVersion(t *testing.T) {
	p := openPage(t, "/")

	version := eval[string](p, `credfetch.ready.then((c) => c.version)`)
	require.Equal(t, fetch.Version, version)
	require.Equal(t, "Loaded credfetch "+fetch.Version+".", p.text("#status"))
	require.Equal(t, fetch.Version, eval[string](p, `window.credfetch.version`), "the global is the API")

	sizes := eval[map[string]float64](p, `(() => {
		const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/credfetch.wasm'));
		return { encoded: e.encodedBodySize, decoded: e.decodedBodySize };
	})()`)
	require.Less(t, sizes["encoded"], sizes["decoded"]/2, "the page origin sends the module compressed: %v", sizes)

	shot := p.screenshot("index")
	data, err := os.ReadFile(shot)
	require.NoError(t, err)
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	require.NoError(t, err, "the screenshot is a PNG")
	require.Greater(t, cfg.Width, 500)
}

func TestClassicScriptSetsGlobalWithReadyPromise(t *testing.T) {
	p := openPage(t, "/blank.html")
	version := eval[string](p, `new Promise((resolve, reject) => {
		const s = document.createElement('script');
		s.src = '/credfetch-global.js';
		s.onload = () => window.credfetch.ready.then((c) => resolve(c.version), reject);
		s.onerror = () => reject(new Error('script failed'));
		document.head.append(s);
	})`)
	require.Equal(t, fetch.Version, version)
}

func TestUnbuiltWasmShowsTheErrorOnThePage(t *testing.T) {
	// A demo server whose page origin has no build outputs, as after a clone
	// without `make build`.
	unbuilt := startServer(t, fstest.MapFS{})
	p := newTab(t)
	p.navigate(unbuilt.PageURL() + "/")

	msg := p.text("#error")
	require.Contains(t, msg, unbuilt.PageURL()+"/wasm_exec.js")
	require.Contains(t, msg, "HTTP 404")
	require.Contains(t, msg, "not built: run `make build`")
	require.Equal(t, "alert", eval[string](p, `document.querySelector('#error').getAttribute('role')`))
	p.readmeShot("unbuilt", "body", 400)
	rejected := eval[string](p, `credfetch.ready.then(() => 'resolved', (err) => err.constructor.name)`)
	require.Equal(t, "Error", rejected, "the ready Promise rejects with an Error")
}
