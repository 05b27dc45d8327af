package demo

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"testing/fstest"

	"github.com/credfetch/credfetch/assets"
	"github.com/stretchr/testify/require"
)

func TestTheModuleIsServedGzipped(t *testing.T) {
	module := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 credfetch "), 4000)
	srv, _ := start(t, fstest.MapFS{assets.WasmFile: {Data: module}, assets.WasmExecFile: {Data: []byte("// go")}})

	req, err := http.NewRequest("GET", srv.PageURL()+"/credfetch.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
	res, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	require.Equal(t, "application/wasm", res.Header.Get("Content-Type"), "streaming compilation needs the type")
	require.Contains(t, res.Header.Values("Vary"), "Accept-Encoding")
	require.Less(t, len(body), len(module)/4)
	zr, err := gzip.NewReader(bytes.NewReader(body))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, module, plain)
}

func TestWithoutGzipTheModuleIsSentAsItIs(t *testing.T) {
	module := bytes.Repeat([]byte("wasm"), 1000)
	srv, _ := start(t, fstest.MapFS{assets.WasmFile: {Data: module}, assets.WasmExecFile: {Data: []byte("// go")}})
	for _, accept := range []string{"", "identity", "gzip;q=0", "br"} {
		req, err := http.NewRequest("GET", srv.PageURL()+"/credfetch.wasm", nil)
		require.NoError(t, err)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Empty(t, res.Header.Get("Content-Encoding"), accept)
		require.Equal(t, module, body, accept)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for v, want := range map[string]bool{
		"gzip": true, "GZIP": true, "deflate, gzip": true, "gzip;q=0.5": true, "*": true,
		"": false, "br": false, "gzip;q=0": false, "gzip; q=0.000": false, "x-gzip": false,
	} {
		require.Equal(t, want, acceptsGzip(v), v)
	}
}
