package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/web"
	"github.com/stretchr/testify/require"
)

// start runs a demo server serving assets on free loopback ports for one
// test and returns it with its log.
func start(t *testing.T, assets fstest.MapFS) (*Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	srv := startWith(t, Options{Assets: web.FS(assets), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	return srv, &logs
}

func built() fstest.MapFS {
	return fstest.MapFS{
		assets.WasmFile:     {Data: []byte("\x00asm\x01\x00\x00\x00")},
		assets.WasmExecFile: {Data: []byte("globalThis.Go = class {};")},
	}
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

func TestOriginsAreDistinctLocalhostURLs(t *testing.T) {
	srv, _ := start(t, built())
	require.True(t, strings.HasPrefix(srv.PageURL(), "http://localhost:"), srv.PageURL())
	require.True(t, strings.HasPrefix(srv.APIURL(), "http://localhost:"), srv.APIURL())
	require.NotEqual(t, srv.PageURL(), srv.APIURL())
}

func TestPageOriginServesPagesAndWasm(t *testing.T) {
	srv, logs := start(t, built())

	res, body := get(t, srv.PageURL()+"/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, res.Header.Get("Content-Type"), "text/html")
	require.Contains(t, body, "credfetch")

	res, body = get(t, srv.PageURL()+"/credfetch.wasm")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	require.Equal(t, "\x00asm\x01\x00\x00\x00", body)

	res, _ = get(t, srv.PageURL()+"/credfetch.js")
	require.Contains(t, res.Header.Get("Content-Type"), "javascript")

	require.NotContains(t, logs.String(), "not built")
}

func TestMissingWasmIsReportedAtStartupAndToThePage(t *testing.T) {
	srv, logs := start(t, fstest.MapFS{})
	require.Contains(t, logs.String(), "credfetch.wasm and wasm_exec.js not built: run `make build`")

	res, body := get(t, srv.PageURL()+"/credfetch.wasm")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, body, "run `make build`")
}

func TestPageOriginHidesDirectoriesAndUnknownFiles(t *testing.T) {
	srv, _ := start(t, built())
	res, _ := get(t, srv.PageURL()+"/nope.html")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = get(t, srv.PageURL()+"/../../etc/passwd")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestDemoConfigNamesTheAPIOrigin(t *testing.T) {
	srv, _ := start(t, built())
	res, body := get(t, srv.PageURL()+"/demo-config.json")
	require.Equal(t, http.StatusOK, res.StatusCode)
	var cfg map[string]string
	require.NoError(t, json.Unmarshal([]byte(body), &cfg))
	require.Equal(t, srv.APIURL(), cfg["apiOrigin"])
	require.Equal(t, fetch.Version, cfg["version"])
}

func TestAPIOriginAnswersJSON(t *testing.T) {
	srv, _ := start(t, built())
	res, body := get(t, srv.APIURL()+"/api/hello")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
	var got map[string]string
	require.NoError(t, json.Unmarshal([]byte(body), &got))
	require.Equal(t, fetch.Version, got["version"])

	res, _ = get(t, srv.APIURL()+"/index.html")
	require.Equal(t, http.StatusNotFound, res.StatusCode, "the API origin serves no pages")
}

func TestListenRefusesABadAddress(t *testing.T) {
	_, err := Listen(Options{PageAddr: "localhost", APIAddr: "localhost:0"})
	require.ErrorContains(t, err, `-page-addr "localhost": want host:port`)
}

func TestShutdownStopsServing(t *testing.T) {
	srv, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", Assets: web.FS(built()), Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()

	res, err := http.Get(srv.APIURL() + "/api/hello")
	require.NoError(t, err)
	res.Body.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, srv.Shutdown(ctx))
	require.NoError(t, <-done)
	_, err = http.Get(srv.APIURL() + "/api/hello")
	require.Error(t, err, "a stopped server accepts no connection")
}
