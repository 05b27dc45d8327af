package assets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

// Fake runtime files: small, but compressible enough that the encodings are
// real work and smaller than the files.
var (
	moduleJS = []byte("export function load() {}\n" + strings.Repeat("// credfetch loader line\n", 200))
	globalJS = []byte("window.credfetch = {};\n" + strings.Repeat("// classic script line\n", 150))
	wasmBin  = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("wasm code section "), 1000)...)
	execJS   = []byte("'use strict';\n" + strings.Repeat("globalThis.Go = class {};\n", 120))
)

func brotliBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	_, err := bw.Write(data)
	require.NoError(t, err)
	require.NoError(t, bw.Close())
	return buf.Bytes()
}

func gzipFast(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// testFS holds the four files; .br beside credfetch.js and credfetch.wasm
// only, a .gz (made at another level than New's) beside wasm_exec.js only,
// and files the handler must not serve.
func testFS(t testing.TB) fstest.MapFS {
	return fstest.MapFS{
		ModuleFile:           {Data: moduleJS},
		ModuleFile + ".br":   {Data: brotliBytes(t, moduleJS)},
		GlobalFile:           {Data: globalJS},
		WasmFile:             {Data: wasmBin},
		WasmFile + ".br":     {Data: brotliBytes(t, wasmBin)},
		WasmExecFile:         {Data: execJS},
		WasmExecFile + ".gz": {Data: gzipFast(t, execJS)},
		TypesFile:            {Data: []byte("export declare function load(): void;\n")},
		"go.mod":             {Data: []byte("module secret\n")},
		"dist/README.md":     {Data: []byte("# dist\n")},
	}
}

func newTestHandler(t testing.TB) *Handler {
	t.Helper()
	h, err := New(testFS(t))
	require.NoError(t, err)
	return h
}

var plain = map[string][]byte{ModuleFile: moduleJS, GlobalFile: globalJS, WasmFile: wasmBin, WasmExecFile: execJS}

func serve(h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://example.com/", nil)
	r.URL.Path = path
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// decode undoes the response's Content-Encoding.
func decode(t *testing.T, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	body := w.Body.Bytes()
	switch enc := w.Header().Get("Content-Encoding"); enc {
	case "":
		return body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		require.NoError(t, err)
		out, err := io.ReadAll(zr)
		require.NoError(t, err)
		return out
	case "br":
		out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
		require.NoError(t, err)
		return out
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
		return nil
	}
}

func TestServesEveryFileWithItsTypeAndHeaders(t *testing.T) {
	h := newTestHandler(t)
	wantType := map[string]string{
		ModuleFile:   "text/javascript; charset=utf-8",
		GlobalFile:   "text/javascript; charset=utf-8",
		WasmFile:     "application/wasm",
		WasmExecFile: "text/javascript; charset=utf-8",
	}
	for name, data := range plain {
		for _, path := range []string{"/" + name, name} {
			w := serve(h, http.MethodGet, path)
			require.Equal(t, http.StatusOK, w.Code, path)
			require.Equal(t, data, w.Body.Bytes(), path)
			hdr := w.Header()
			require.Equal(t, wantType[name], hdr.Get("Content-Type"), path)
			require.Equal(t, "nosniff", hdr.Get("X-Content-Type-Options"), path)
			require.Equal(t, "Accept-Encoding", hdr.Get("Vary"), path)
			require.Equal(t, "no-cache", hdr.Get("Cache-Control"), path)
			require.Equal(t, strconv.Itoa(len(data)), hdr.Get("Content-Length"), path)
			require.Empty(t, hdr.Get("Content-Encoding"), path)
			require.Regexp(t, `^"[A-Za-z0-9_-]{24}"$`, hdr.Get("ETag"), path)
		}
	}
}

func TestBrotliWhenPresentAndAccepted(t *testing.T) {
	fsys := testFS(t)
	h, err := New(fsys)
	require.NoError(t, err)
	for _, name := range []string{ModuleFile, WasmFile} {
		w := serve(h, http.MethodGet, "/"+name, "Accept-Encoding", "gzip, deflate, br, zstd")
		require.Equal(t, http.StatusOK, w.Code)
		require.Equal(t, "br", w.Header().Get("Content-Encoding"), name)
		require.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
		require.Equal(t, fsys[name+".br"].Data, w.Body.Bytes(), name)
		require.Equal(t, plain[name], decode(t, w), name)
	}
}

func TestGzipWhenOnlyGzipAccepted(t *testing.T) {
	fsys := testFS(t)
	h, err := New(fsys)
	require.NoError(t, err)
	for name, data := range plain {
		w := serve(h, http.MethodGet, "/"+name, "Accept-Encoding", "gzip")
		require.Equal(t, http.StatusOK, w.Code)
		require.Equal(t, "gzip", w.Header().Get("Content-Encoding"), name)
		require.Less(t, w.Body.Len(), len(data), name)
		require.Equal(t, strconv.Itoa(w.Body.Len()), w.Header().Get("Content-Length"), name)
		require.Equal(t, data, decode(t, w), name)
	}
	// wasm_exec.js.gz is served as it is, not made again.
	w := serve(h, http.MethodGet, "/"+WasmExecFile, "Accept-Encoding", "gzip")
	require.Equal(t, fsys[WasmExecFile+".gz"].Data, w.Body.Bytes())
}

func TestIdentityWithoutBrFileWhenOnlyBrAccepted(t *testing.T) {
	h := newTestHandler(t)
	w := serve(h, http.MethodGet, "/"+GlobalFile, "Accept-Encoding", "br")
	require.Equal(t, http.StatusOK, w.Code)
	require.Empty(t, w.Header().Get("Content-Encoding"))
	require.Equal(t, globalJS, w.Body.Bytes())
	require.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
}

func TestAcceptEncodingChoosesByWeight(t *testing.T) {
	h := newTestHandler(t)
	const none = "406"
	for _, tc := range []struct {
		header     []string
		file, want string // want: Content-Encoding, "" for identity, or none
	}{
		{[]string{"br;q=0, gzip"}, ModuleFile, "gzip"},
		{[]string{"*;q=0.5"}, ModuleFile, "br"},
		{[]string{"*;q=0.5"}, GlobalFile, "gzip"},
		{[]string{"*"}, WasmFile, "br"},
		{[]string{"BR;Q=1.000"}, WasmFile, "br"},
		{[]string{" br ; q=0.001 "}, WasmFile, "br"},
		{[]string{"br;q=0., gzip;q=1."}, ModuleFile, "gzip"},
		{[]string{"x-gzip"}, ModuleFile, "gzip"},
		{[]string{"GZip;q=0.8, deflate"}, ModuleFile, "gzip"},
		{[]string{"gzip;q=0, gzip"}, ModuleFile, ""},      // the refusal stands
		{[]string{"br;q=0, *"}, ModuleFile, "gzip"},       // * covers gzip, not br
		{[]string{"br;q=0, gzip;q=0, *"}, ModuleFile, ""}, // * covers identity
		{[]string{"identity;q=0, gzip;q=0.001"}, ModuleFile, "gzip"},
		{[]string{"identity;q=0", "gzip"}, ModuleFile, "gzip"}, // two field lines
		{[]string{""}, ModuleFile, ""},
		{[]string{"deflate, zstd"}, ModuleFile, ""},
		// Malformed elements accept nothing.
		{[]string{"gzip;q=abc, br;q=7"}, ModuleFile, ""},
		{[]string{";;;,"}, ModuleFile, ""},
		{[]string{"gzip;q=0.1234"}, ModuleFile, ""},
		{[]string{"gzip;q=1.001"}, ModuleFile, ""},
		{[]string{"gzip;q=2"}, ModuleFile, ""},
		{[]string{"gzip;q=-1"}, ModuleFile, ""},
		{[]string{"gzip;q="}, ModuleFile, ""},
		{[]string{"gzip;level=9"}, ModuleFile, ""},
		{[]string{"gzip;q=1;q=1"}, ModuleFile, ""},
		{[]string{"gzip br"}, ModuleFile, ""},
		{[]string{"gz\x00ip, \"br\""}, ModuleFile, ""},
		{[]string{"gzip;q=abc, br"}, ModuleFile, "br"},
		{[]string{strings.Repeat("a", 10<<10)}, ModuleFile, ""},
		{[]string{strings.Repeat("gzip;q=abc,", 1000)}, ModuleFile, ""},
		// Refusing identity and everything else.
		{[]string{"identity;q=0"}, ModuleFile, none},
		{[]string{"*;q=0"}, ModuleFile, none},
		{[]string{"*;q=0, identity;q=0.1"}, ModuleFile, ""},
		{[]string{"gzip;q=0, identity;q=0"}, ModuleFile, none},
		{[]string{"br, identity;q=0"}, GlobalFile, none}, // it has no .br
		{[]string{"identity;q=0, gzip;q=abc"}, ModuleFile, none},
	} {
		name := strings.Join(tc.header, " | ")
		if len(name) > 40 {
			name = name[:40] + "…"
		}
		r := httptest.NewRequest(http.MethodGet, "/"+tc.file, nil)
		r.Header["Accept-Encoding"] = tc.header
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		require.Equal(t, "Accept-Encoding", w.Header().Get("Vary"), name)
		if tc.want == none {
			require.Equal(t, http.StatusNotAcceptable, w.Code, name)
			continue
		}
		require.Equal(t, http.StatusOK, w.Code, name)
		require.Equal(t, tc.want, w.Header().Get("Content-Encoding"), name)
		require.Equal(t, plain[tc.file], decode(t, w), name)
	}
}

func TestChooseEncodingWithoutHeaderIsIdentity(t *testing.T) {
	require.Equal(t, identity, chooseEncoding(nil, true))
	require.Equal(t, identity, chooseEncoding([]string{}, true))
}

func TestChooseEncodingDoesNotAllocate(t *testing.T) {
	chrome := []string{"gzip, deflate, br, zstd"}
	bad := []string{"gzip;q=abc, br;q=7, *;q=0.5, identity;q=0"}
	allocs := testing.AllocsPerRun(100, func() {
		if chooseEncoding(chrome, true) != brEnc || chooseEncoding(bad, false) != gzipEnc {
			panic("wrong choice")
		}
	})
	require.Zero(t, allocs)
}

func TestConditionalRequestsUseTheChosenRepresentationsETag(t *testing.T) {
	h := newTestHandler(t)
	etags := map[string]string{}
	for _, ae := range []string{"", "gzip", "br"} {
		w := serve(h, http.MethodGet, "/"+ModuleFile, "Accept-Encoding", ae)
		etags[ae] = w.Header().Get("ETag")
	}
	require.Len(t, map[string]bool{etags[""]: true, etags["gzip"]: true, etags["br"]: true}, 3, "one ETag per encoding")

	w := serve(h, http.MethodGet, "/"+ModuleFile, "Accept-Encoding", "gzip", "If-None-Match", etags["gzip"])
	require.Equal(t, http.StatusNotModified, w.Code)
	require.Empty(t, w.Body.Bytes())
	require.Equal(t, etags["gzip"], w.Header().Get("ETag"))
	require.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))
	require.Equal(t, "no-cache", w.Header().Get("Cache-Control"))

	// The identity ETag does not validate the gzip representation.
	w = serve(h, http.MethodGet, "/"+ModuleFile, "Accept-Encoding", "gzip", "If-None-Match", etags[""])
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, moduleJS, decode(t, w))

	w = serve(h, http.MethodGet, "/"+ModuleFile, "If-None-Match", `"other", `+etags[""])
	require.Equal(t, http.StatusNotModified, w.Code)

	w = serve(h, http.MethodGet, "/"+ModuleFile, "If-None-Match", `"other"`)
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, moduleJS, w.Body.Bytes())

	w = serve(h, http.MethodHead, "/"+ModuleFile, "Accept-Encoding", "br", "If-None-Match", "*")
	require.Equal(t, http.StatusNotModified, w.Code)
}

func TestHeadSendsHeadersWithoutBody(t *testing.T) {
	h := newTestHandler(t)
	get := serve(h, http.MethodGet, "/"+WasmFile, "Accept-Encoding", "gzip")
	head := serve(h, http.MethodHead, "/"+WasmFile, "Accept-Encoding", "gzip")
	require.Equal(t, http.StatusOK, head.Code)
	require.Empty(t, head.Body.Bytes())
	require.Equal(t, strconv.Itoa(get.Body.Len()), head.Header().Get("Content-Length"))
	for _, k := range []string{"Content-Type", "Content-Encoding", "ETag", "Vary", "Cache-Control", "X-Content-Type-Options"} {
		require.NotEmpty(t, head.Header().Get(k), k)
		require.Equal(t, get.Header().Get(k), head.Header().Get(k), k)
	}
}

func TestOtherMethodsAre405(t *testing.T) {
	h := newTestHandler(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPatch, "BREW"} {
		w := serve(h, m, "/"+ModuleFile)
		require.Equal(t, http.StatusMethodNotAllowed, w.Code, m)
		require.Equal(t, "GET, HEAD", w.Header().Get("Allow"), m)
		require.NotContains(t, w.Body.String(), "export", m)
	}
}

func TestOnlyTheFourFilesAreServed(t *testing.T) {
	h := newTestHandler(t)
	v := "/v" + fetch.Version
	for _, path := range []string{
		"", "/", ".", "/.", "/..", "/../go.mod", "/go.mod", "/dist", "/dist/", "/dist/README.md",
		"/credfetch.wasm.br", "/credfetch.js.br", "/wasm_exec.js.gz", "/credfetch-global.js.gz",
		"/credfetch.d.ts", "/v9.9.9/credfetch.js", "/v9.9.9/", "//credfetch.js", "/./credfetch.js",
		"/CREDFETCH.JS", "/credfetch.js/", "/credfetch.js%00", v, v + "/", v + "//credfetch.js",
		v + "/v" + fetch.Version + "/credfetch.js", v + "/credfetch.d.ts", v + "/credfetch.wasm.br",
		"/v" + fetch.Version + "credfetch.js",
	} {
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			w := serve(h, m, path, "Accept-Encoding", "br, gzip")
			require.Equal(t, http.StatusNotFound, w.Code, "%s %q", m, path)
			require.Equal(t, "404 page not found\n", w.Body.String(), path)
			require.Empty(t, w.Header().Get("Content-Encoding"), path)
		}
	}
	// Through the URL parser: an escaped slash decodes into the path.
	r := httptest.NewRequest(http.MethodGet, "/..%2fgo.mod", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	require.Equal(t, http.StatusNotFound, w.Code)
}

func TestCacheControlOfVersionedPaths(t *testing.T) {
	// The real version: a dev version revalidates everywhere.
	h := newTestHandler(t)
	w := serve(h, http.MethodGet, "/"+h.Path(WasmFile))
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, wasmBin, w.Body.Bytes())
	want := "public, max-age=31536000, immutable"
	if !immutableVersion(fetch.Version) {
		want = "no-cache"
	}
	require.Equal(t, want, w.Header().Get("Cache-Control"))

	// A release is immutable under its versioned path only.
	rel, err := newHandler(testFS(t), "1.2.3")
	require.NoError(t, err)
	require.Equal(t, "v1.2.3/credfetch.js", rel.Path(ModuleFile))
	for path, want := range map[string]string{
		"/v1.2.3/credfetch.js":        "public, max-age=31536000, immutable",
		"v1.2.3/credfetch.wasm":       "public, max-age=31536000, immutable",
		"/credfetch.js":               "no-cache",
		"/v0.1.0-dev/credfetch.js":    "",
		"/v1.2.3-dev/credfetch.js":    "",
		"/v1.2.3/../credfetch.js":     "",
		"/v1.2.3/v1.2.3/wasm_exec.js": "",
	} {
		w := serve(rel, http.MethodGet, path, "Accept-Encoding", "br")
		if want == "" {
			require.Equal(t, http.StatusNotFound, w.Code, path)
			continue
		}
		require.Equal(t, http.StatusOK, w.Code, path)
		require.Equal(t, want, w.Header().Get("Cache-Control"), path)
	}

	dev, err := newHandler(testFS(t), "1.2.3-dev.4")
	require.NoError(t, err)
	w = serve(dev, http.MethodGet, "/v1.2.3-dev.4/credfetch.js")
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, "no-cache", w.Header().Get("Cache-Control"))
}

func TestImmutableVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"0.1.0-dev": false, "1.0.0-dev.3": false, "1.0.0-alpha.DEV": false, "2.0.0-devel": false,
		"0.1.0": true, "1.0.0-rc.1": true, "1.0.0+dev": true, "1.0.0-beta+dev": true,
	} {
		require.Equal(t, want, immutableVersion(v), v)
	}
	require.False(t, immutableVersion(fetch.Version), "fetch.Version %s is a dev version; when it is not, this test's expectation changes", fetch.Version)
}

func TestPathAndIntegrity(t *testing.T) {
	h := newTestHandler(t)
	for name, data := range plain {
		require.Equal(t, "v"+fetch.Version+"/"+name, h.Path(name))
		sum := sha512.Sum384(data)
		require.Equal(t, "sha384-"+base64.StdEncoding.EncodeToString(sum[:]), h.Integrity(name))
	}
	for _, name := range []string{TypesFile, "", "go.mod", WasmFile + ".br"} {
		require.Empty(t, h.Path(name), name)
		require.Empty(t, h.Integrity(name), name)
	}
}

func TestMountsUnderAPrefix(t *testing.T) {
	h := newTestHandler(t)
	for _, prefix := range []string{"/static/credfetch", "/static/credfetch/"} {
		mux := http.NewServeMux()
		mux.Handle("/static/credfetch/", http.StripPrefix(prefix, h))
		srv := httptest.NewServer(mux)
		client := srv.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		get := func(path string) (int, []byte, http.Header) {
			req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
			require.NoError(t, err)
			req.Header.Set("Accept-Encoding", "identity")
			resp, err := client.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			return resp.StatusCode, body, resp.Header
		}
		for name, data := range plain {
			for _, path := range []string{"/static/credfetch/" + name, "/static/credfetch/" + h.Path(name)} {
				code, body, hdr := get(path)
				require.Equal(t, http.StatusOK, code, prefix+" "+path)
				require.Equal(t, data, body, prefix+" "+path)
				require.Equal(t, "Accept-Encoding", hdr.Get("Vary"))
			}
		}
		for _, path := range []string{"/static/credfetch/", "/static/credfetch/dist/", "/static/credfetch/credfetch.d.ts", "/static/credfetch/v9.9.9/credfetch.js"} {
			code, body, _ := get(path)
			require.Equal(t, http.StatusNotFound, code, prefix+" "+path)
			require.Equal(t, "404 page not found\n", string(body), prefix+" "+path)
		}
		// ServeMux redirects an unclean path to its clean form.
		code, _, hdr := get("/static/credfetch//credfetch.js")
		require.Contains(t, []int{http.StatusMovedPermanently, http.StatusTemporaryRedirect}, code)
		require.Equal(t, "/static/credfetch/credfetch.js", hdr.Get("Location"))
		srv.Close()
	}
}

func TestNewNamesEveryMissingFileAndTheFix(t *testing.T) {
	_, err := New(fstest.MapFS{ModuleFile: {Data: moduleJS}, GlobalFile: {Data: globalJS}, WasmExecFile: {Data: execJS}})
	require.EqualError(t, err, "assets.New: credfetch.wasm is missing from the file system: run `make build` (it writes credfetch.wasm and wasm_exec.js into assets/dist for assets.FS(nil)), or `make package` (it writes a folder with all four files to pass as os.DirFS), or pass the folder of the credfetch npm package")

	_, err = New(fstest.MapFS{"dist/credfetch.wasm": {Data: wasmBin}})
	require.ErrorContains(t, err, "assets.New: credfetch.js, credfetch-global.js, credfetch.wasm and wasm_exec.js are missing from the file system: run `make build`")
	require.ErrorContains(t, err, "`make package`")
	require.ErrorContains(t, err, "npm package")

	_, err = New(nil)
	require.ErrorContains(t, err, "the file system is nil")
}

func TestNewRejectsEncodingsOfOtherBytes(t *testing.T) {
	fsys := testFS(t)
	fsys[ModuleFile+".br"] = &fstest.MapFile{Data: brotliBytes(t, globalJS)}
	_, err := New(fsys)
	require.ErrorContains(t, err, "assets.New: credfetch.js.br is not an encoding of credfetch.js (it decodes to different bytes): it is left from an earlier build or damaged; make it again with `go run ./internal/tools/precompress credfetch.js`")

	fsys = testFS(t)
	fsys[WasmFile+".gz"] = &fstest.MapFile{Data: []byte("not gzip")}
	_, err = New(fsys)
	require.ErrorContains(t, err, "assets.New: credfetch.wasm.gz is not an encoding of credfetch.wasm (")

	fsys = testFS(t)
	fsys[WasmExecFile+".gz"] = &fstest.MapFile{Data: gzipFast(t, append(execJS, '\n'))} // longer
	_, err = New(fsys)
	require.ErrorContains(t, err, "wasm_exec.js.gz is not an encoding of wasm_exec.js (it decodes to different bytes)")

	fsys = testFS(t)
	fsys[WasmFile+".br"] = &fstest.MapFile{Data: brotliBytes(t, wasmBin)[:40]} // truncated
	_, err = New(fsys)
	require.ErrorContains(t, err, "credfetch.wasm.br is not an encoding of credfetch.wasm (")
}

func TestRangeRequestOnTheWasm(t *testing.T) {
	h := newTestHandler(t)
	w := serve(h, http.MethodGet, "/"+WasmFile, "Range", "bytes=0-3")
	require.Equal(t, http.StatusPartialContent, w.Code)
	require.Equal(t, "\x00asm", w.Body.String())
	require.Equal(t, "bytes 0-3/"+strconv.Itoa(len(wasmBin)), w.Header().Get("Content-Range"))
	require.Equal(t, "application/wasm", w.Header().Get("Content-Type"))
	etag := w.Header().Get("ETag")

	w = serve(h, http.MethodGet, "/"+WasmFile, "Range", "bytes=-5", "If-Range", etag)
	require.Equal(t, http.StatusPartialContent, w.Code)
	require.Equal(t, wasmBin[len(wasmBin)-5:], w.Body.Bytes())

	// A stale validator gets the whole file.
	w = serve(h, http.MethodGet, "/"+WasmFile, "Range", "bytes=0-3", "If-Range", `"stale"`)
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, wasmBin, w.Body.Bytes())

	// A range of the brotli representation is a range of its bytes.
	br := testFS(t)[WasmFile+".br"].Data
	w = serve(h, http.MethodGet, "/"+WasmFile, "Accept-Encoding", "br", "Range", "bytes=2-9")
	require.Equal(t, http.StatusPartialContent, w.Code)
	require.Equal(t, br[2:10], w.Body.Bytes())
	require.Equal(t, "br", w.Header().Get("Content-Encoding"))
	require.Equal(t, "8", w.Header().Get("Content-Length"))
	require.Equal(t, "bytes 2-9/"+strconv.Itoa(len(br)), w.Header().Get("Content-Range"))

	w = serve(h, http.MethodGet, "/"+WasmFile, "Range", "bytes=999999-")
	require.Equal(t, http.StatusRequestedRangeNotSatisfiable, w.Code)
}

func FuzzAcceptEncoding(f *testing.F) {
	for _, seed := range []string{
		"", "gzip, deflate, br, zstd", "br;q=0, gzip", "*;q=0.5", "identity;q=0", "*;q=0",
		"gzip;q=abc, br;q=7", ";;;,", "gzip;q=0.1234", "BR;Q=1.000, x-gzip;q=0.", " , ,\t",
		"identity;q=0, gzip;q=1.0000", "\xff\xfe;q=0", "br;q=0.5;q=0.6",
	} {
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, header string, haveBr bool) {
		values := strings.Split(header, "\n") // several field lines too
		got := chooseEncoding(values, haveBr)
		switch got {
		case identity, gzipEnc:
		case brEnc:
			if !haveBr {
				t.Fatalf("%q: br chosen for a file without .br", header)
			}
		case notAcceptable:
			// Refusing identity takes an explicit weight of zero.
			if !strings.Contains(strings.ToLower(header), "q=0") {
				t.Fatalf("%q: 406 without a q=0", header)
			}
		default:
			t.Fatalf("%q: chose %d", header, got)
		}
	})
}

func TestGzipMadeOnFirstUseIsOneEncodingForConcurrentRequests(t *testing.T) {
	// credfetch.wasm has no .gz in testFS: New does not compress it, and the
	// first requests that want gzip, however many at once, share one encoding.
	h := newTestHandler(t)
	f := h.files[WasmFile]
	require.True(t, f.lazyGzip)
	var wg sync.WaitGroup
	bodies := make([][]byte, 8)
	etags := make([]string, 8)
	for i := range bodies {
		wg.Go(func() {
			w := serve(h, http.MethodGet, "/"+WasmFile, "Accept-Encoding", "gzip")
			bodies[i], etags[i] = w.Body.Bytes(), w.Header().Get("Etag")
			require.Equal(t, "gzip", w.Header().Get("Content-Encoding"))
		})
	}
	wg.Wait()
	for i := range bodies {
		require.Equal(t, bodies[0], bodies[i])
		require.Equal(t, etags[0], etags[i])
	}
	zr, err := gzip.NewReader(bytes.NewReader(bodies[0]))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, wasmBin, out)
	require.NotEqual(t, f.reps[identity].etag, f.reps[gzipEnc].etag)
}
