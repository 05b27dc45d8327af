//go:build e2e

package e2e

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/credfetch/credfetch/assets"
)

// BenchmarkBrowser runs issue 7's cases, each ours against native (see
// bench_browser_test.go for how they are measured):
//
//	fetch-seq     500 sequential credentialed GETs of the API origin's
//	              /api/hello: credfetch.ajax against
//	              fetch(url, {credentials: 'include'}) and r.json()
//	fetch-par     100 of them at once, the same pair
//	xhr-seq       500 sequential: credfetch.ajax with transport 'xhr'
//	              against a raw XMLHttpRequest with withCredentials and
//	              JSON.parse(responseText)
//	upload-1mb    10 sequential POSTs of 1 MiB (a Uint8Array) to a fixture
//	              API origin, each answering a small JSON; credfetch.ajax
//	              against fetch()
//	download-1mb  10 sequential GETs of a 1 MiB body read as an
//	              ArrayBuffer; credfetch.ajax against fetch()
//	install       500 sequential plain fetch(url) + r.json() of the API
//	              origin: the page's fetch() under credfetch.install()
//	              against the browser's own fetch(), which sends no
//	              cookies to another origin by default
//	startup       navigation start to ready of a frame that loads
//	              credfetch, against one that loads the size floor
//	              (internal/sizefloor) the usual Go way: 10 frames a side
//	              a round, alternating
//
// Every request must answer the expected body, or the case fails. The page
// is logged in, so the credentialed requests carry the session cookie.
func BenchmarkBrowser(b *testing.B) {
	login := `
		window.bench.api = ` + jsString(suite.server.APIURL()) + `;
		window.bench.hello = ` + jsString(suite.server.APIURL()+"/api/hello") + `;
		credfetch.ajaxSetup({ trustedOrigins: [bench.api], credentials: 'include' });
		const login = await fetch(bench.api + '/api/login', { method: 'POST', credentials: 'include',
			headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'bench' }) });
		if (!login.ok) throw new Error('login: HTTP ' + login.status);
		const who = await credfetch.ajax(bench.api + '/api/whoami');
		if (who.data.user !== 'bench') throw new Error('credfetch.ajax sent no session cookie: ' + JSON.stringify(who.data));
		window.bench.check = (msg) => { if (msg !== ` + jsString(apiHello) + `) throw new Error('unexpected answer: ' + JSON.stringify(msg)); };
		window.bench.seq = async (n, f) => { for (let i = 0; i < n; i++) await f(i); };
		window.bench.par = (n, f) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));`
	nativeHello := `async () => {
		const r = await fetch(bench.hello, { credentials: 'include' });
		bench.check((await r.json()).message);
	}`
	b.Run("fetch-seq", func(b *testing.B) {
		runBench(b, suite.server.PageURL(), benchCase{
			page:   "/blank.html",
			setup:  login,
			n:      500,
			chunks: 250,
			ours:   `(n) => bench.seq(n, async () => bench.check((await credfetch.ajax(bench.hello)).data.message))`,
			native: `(n) => bench.seq(n, ` + nativeHello + `)`,
		})
	})
	b.Run("fetch-par", func(b *testing.B) {
		runBench(b, suite.server.PageURL(), benchCase{
			page:   "/blank.html",
			setup:  login,
			n:      100,
			ours:   `(n) => bench.par(n, async () => bench.check((await credfetch.ajax(bench.hello)).data.message))`,
			native: `(n) => bench.par(n, ` + nativeHello + `)`,
		})
	})
	b.Run("xhr-seq", func(b *testing.B) {
		runBench(b, suite.server.PageURL(), benchCase{
			page:   "/blank.html",
			setup:  login,
			n:      500,
			chunks: 250,
			ours:   `(n) => bench.seq(n, async () => bench.check((await credfetch.ajax({ url: bench.hello, transport: 'xhr' })).data.message))`,
			native: `(n) => bench.seq(n, () => new Promise((resolve, reject) => {
				const x = new XMLHttpRequest();
				x.open('GET', bench.hello);
				x.withCredentials = true;
				x.onload = () => { try { bench.check(JSON.parse(x.responseText).message); resolve(); } catch (e) { reject(e); } };
				x.onerror = () => reject(new Error('XMLHttpRequest failed'));
				x.send();
			}))`,
		})
	})

	mib := strconv.Itoa(1 << 20)
	fixtures := `
		window.bench.fx = ` + jsString(serveBenchFixtures(b)) + `;
		credfetch.ajaxSetup({ trustedOrigins: [bench.fx], credentials: 'include' });
		window.bench.seq = async (n, f) => { for (let i = 0; i < n; i++) await f(i); };
		window.bench.body = new Uint8Array(` + mib + `).map((_, i) => i % 251);
		window.bench.big = bench.fx + '/big?size=` + mib + `';
		window.bench.received = (n) => { if (n !== ` + mib + `) throw new Error('the server received ' + n + ' bytes'); };
		window.bench.downloaded = (buf) => {
			if (!(buf instanceof ArrayBuffer) || buf.byteLength !== ` + mib + ` || new Uint8Array(buf)[300] !== 300 % 251)
				throw new Error('downloaded a wrong body');
		};`
	b.Run("upload-1mb", func(b *testing.B) {
		runBench(b, suite.server.PageURL(), benchCase{
			page:   "/blank.html",
			setup:  fixtures,
			n:      10,
			chunks: 5,
			ours: `(n) => bench.seq(n, async () =>
				bench.received((await credfetch.ajax({ url: bench.fx + '/upload', method: 'POST', body: bench.body })).data.received))`,
			native: `(n) => bench.seq(n, async () => {
				const r = await fetch(bench.fx + '/upload', { method: 'POST', body: bench.body, credentials: 'include' });
				bench.received((await r.json()).received);
			})`,
		})
	})
	b.Run("download-1mb", func(b *testing.B) {
		runBench(b, suite.server.PageURL(), benchCase{
			page:   "/blank.html",
			setup:  fixtures,
			n:      10,
			chunks: 5,
			ours:   `(n) => bench.seq(n, async () => bench.downloaded((await credfetch.ajax({ url: bench.big, dataType: 'arraybuffer' })).data))`,
			native: `(n) => bench.seq(n, async () => bench.downloaded(await (await fetch(bench.big, { credentials: 'include' })).arrayBuffer()))`,
		})
	})
	b.Run("install", func(b *testing.B) {
		// The same plain calls both ways: ours calls the page's fetch(),
		// which install() replaced once, as a page does, and which adds the
		// credentials; native calls the browser's own fetch(), saved before.
		runBench(b, suite.server.PageURL(), benchCase{
			page: "/blank.html",
			setup: login + `
				window.bench.browserFetch = window.fetch;
				credfetch.install({ origins: [bench.api] });
				const whoInstalled = await (await fetch(bench.api + '/api/whoami')).json();
				if (whoInstalled.user !== 'bench') throw new Error('fetch() under install() sent no session cookie: ' + JSON.stringify(whoInstalled));`,
			n:      500,
			chunks: 250,
			ours:   `(n) => bench.seq(n, async () => bench.check((await (await fetch(bench.hello)).json()).message))`,
			native: `(n) => { const f = bench.browserFetch; return bench.seq(n, async () => bench.check((await (await f(bench.hello)).json()).message)); }`,
		})
	})
	b.Run("startup", func(b *testing.B) {
		origin := startupServer(b)
		// Each side loads its page n times a round, one frame at a time, the
		// two sides alternating frame by frame; a side's round is the sum of
		// its frames' times. One frame a round would leave the median at the
		// mercy of single loads, which vary 3 times over here.
		frames := func(page string) string {
			return `async (n) => { let ms = 0; for (let i = 0; i < n; i++) ms += await bench.frame(` + jsString(page) + `); return ms; }`
		}
		runBench(b, origin, benchCase{
			page:   "/blank.html",
			noLoad: true,
			setup:  startupSetup,
			n:      10,
			chunks: 10,
			ours:   frames("/bench-startup-credfetch.html"),
			native: frames("/bench-startup-floor.html"),
		})
	})
}

// startupSetup defines bench.frame(path): it loads path in a new iframe,
// waits for the frame to post {ready} (its performance.now() when its module
// is ready: the time since the frame's navigation started) and removes it.
const startupSetup = `
	window.bench.frame = (path) => new Promise((resolve, reject) => {
		const f = document.createElement('iframe');
		const timer = setTimeout(() => done(new Error(path + ': not ready within 30 s')), 30000);
		const onMessage = (e) => {
			if (e.source !== f.contentWindow) return;
			done(e.data.error ? new Error(path + ': ' + e.data.error) : null, e.data.ready);
		};
		const done = (err, ready) => {
			clearTimeout(timer);
			window.removeEventListener('message', onMessage);
			f.remove();
			err ? reject(err) : resolve(ready);
		};
		window.addEventListener('message', onMessage);
		f.src = path;
		document.body.append(f);
	});`

// serveBenchFixtures serves the fetch fixtures' API (credentialed CORS for
// any origin, /upload, /big) on a free localhost port until the benchmark
// ends, and returns its origin.
func serveBenchFixtures(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		tb.Fatalf("start the fixture server: %v", err)
	}
	srv := &http.Server{Handler: fixtureAPI(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	tb.Cleanup(func() { _ = srv.Close() })
	return "http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// startupServer starts a demo server for the startup case and returns its
// page origin. Its page origin serves the suite's build of credfetch.wasm and
// wasm_exec.js (copied from the suite's server, so that every case measures
// the same module), the size floor compiled from internal/sizefloor the way
// the harness compiles credfetch.wasm, and the test pages.
func startupServer(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	for _, name := range []string{assets.WasmFile, assets.WasmExecFile} {
		res, err := http.Get(suite.server.PageURL() + "/" + name)
		if err != nil {
			b.Fatalf("copy %s from the suite's server: %v", name, err)
		}
		data, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			b.Fatalf("copy %s from the suite's server: status %d, %v", name, res.StatusCode, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "sizefloor.wasm"), "./internal/sizefloor")
	cmd.Dir = suite.root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build the size floor: %v\n%s", err, out)
	}
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(suite.root, "e2e", "testdata", "pages"))); err != nil {
		b.Fatalf("copy the test pages: %v", err)
	}
	srv, stop, err := serve(os.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(stop)
	return srv.PageURL()
}
