//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/assets"
)

// TestClientPackageInChromium runs the browser-only tests of package
// fetch/client (fetch/client/transport_browser_js_test.go, build tag
// browser) inside headless Chromium: what Node cannot show, such as cookies,
// credentials modes, CORS refusals and XMLHttpRequest. It compiles the
// package's tests to a wasm test binary, serves it with Go's wasm_exec.js
// from a page origin on localhost, starts the CORS fixture APIs beside it
// (fetchfixture_test.go), and runs each test of the binary in a fresh tab as
// a subtest here, with the binary's output in the log. A browser test that
// fails, panics or hangs fails its subtest.
func TestClientPackageInChromium(t *testing.T) {
	bin := buildFetchTests(t)
	wasmExec, err := os.ReadFile(filepath.Join(goroot(t), "lib", "wasm", assets.WasmExecFile))
	if err != nil {
		t.Fatalf("read wasm_exec.js (Go 1.24+ keeps it in lib/wasm): %v", err)
	}
	fx := startFetchFixtures(t, map[string][]byte{
		"/runner.html":     []byte(runnerPage),
		"/wasm_exec.js":    wasmExec,
		"/fetch.test.wasm": bin,
	})
	env := map[string]string{
		"CREDFETCH_BROWSER_TRUSTED": fx.trusted,
		"CREDFETCH_BROWSER_OTHER":   fx.other,
		"CREDFETCH_BROWSER_CLOSED":  closedOrigin(t),
	}

	list := runGoTestInTab(t, fx, env, "-test.list", "^TestBrowser")
	if list.Code != 0 {
		t.Fatalf("list the browser tests: exit code %d\n%s", list.Code, list.Output)
	}
	var names []string
	for _, line := range strings.Split(list.Output, "\n") {
		if strings.HasPrefix(line, "TestBrowser") {
			names = append(names, strings.TrimSpace(line))
		}
	}
	if len(names) < 8 {
		t.Fatalf("found %d browser tests in the fetch test binary, want at least 8 (is the build tag browser set?):\n%s", len(names), list.Output)
	}
	for _, name := range names {
		t.Run(strings.TrimPrefix(name, "TestBrowser"), func(t *testing.T) {
			res := runGoTestInTab(t, fx, env, "-test.v", "-test.count=1", "-test.timeout=45s", "-test.run", "^"+regexp.QuoteMeta(name)+"$")
			t.Logf("output of %s in Chromium:\n%s", name, res.Output)
			if res.Code != 0 || !strings.Contains(res.Output, "--- PASS: "+name) {
				t.Errorf("%s failed in Chromium (exit code %d); its output is above", name, res.Code)
			}
		})
	}
}

// goRun is the outcome of running the test binary in a tab.
type goRun struct {
	Code   int    `json:"code"`
	Output string `json:"output"`
}

// runGoTestInTab runs the fetch test binary in a new tab at the fixtures'
// page origin with the given arguments and environment.
func runGoTestInTab(t *testing.T, fx fetchFixtures, env map[string]string, args ...string) goRun {
	t.Helper()
	p := newTab(t)
	p.navigate(fx.page + "/runner.html")
	argv, _ := json.Marshal(append([]string{"fetch.test"}, args...))
	envJSON, _ := json.Marshal(env)
	res, err := evalErr[goRun](p, fmt.Sprintf("runGoTest(%s, %s)", argv, envJSON))
	deleteTestCookies(t, p)
	if err != nil {
		t.Fatalf("run the fetch test binary in Chromium: %v", err)
	}
	return res
}

// testCookiePrefix starts the names of the cookies the browser tests set.
const testCookiePrefix = "fetchtest_"

// deleteTestCookies removes the cookies the browser tests set, through the
// fixture's /forget (same origin, so the browser sends them all, HttpOnly
// ones included). Cookies ignore ports: cookies left on localhost would go
// with the requests of the other tests, which share the browser profile.
func deleteTestCookies(t *testing.T, p *page) {
	t.Helper()
	forget := `fetch('/forget?prefix=` + testCookiePrefix + `')`
	left, err := evalErr[string](p, forget+`.then(() => `+forget+`).then((r) => r.text())`)
	if err != nil {
		t.Errorf("delete the test cookies: %v", err)
		return
	}
	if strings.TrimSpace(left) != "0" {
		t.Errorf("delete the test cookies: %s still set after /forget expired them", left)
	}
}

// runnerPage loads wasm_exec.js and offers runGoTest(argv, env), which runs
// the test binary and resolves to its exit code and everything it wrote to
// standard output and standard error.
const runnerPage = `<!doctype html>
<meta charset="utf-8">
<title>fetch tests</title>
<link rel="icon" href="data:,">
<script src="/wasm_exec.js"></script>
<script>
async function runGoTest(argv, env) {
	let output = '';
	const decoder = new TextDecoder();
	globalThis.fs.writeSync = (fd, buf) => {
		output += decoder.decode(buf, { stream: true });
		return buf.length;
	};
	const go = new Go();
	go.argv = argv;
	go.env = env;
	let code = -1;
	go.exit = (c) => {
		code = c;
		// A test binary exits, unlike credfetch.wasm: a JavaScript callback it
		// left registered (a promise still pending, a late progress event)
		// would then throw "Go program has already exited" into the page.
		// After exit such calls do nothing, and the runtime's pending timers
		// are dropped (wasm_exec.js resumes until a timer's id is gone).
		for (const timer of go._scheduledTimeouts.values()) clearTimeout(timer);
		go._scheduledTimeouts.clear();
		go._resume = () => { go._scheduledTimeouts.clear(); };
	};
	const { instance } = await WebAssembly.instantiateStreaming(fetch('/fetch.test.wasm'), go.importObject);
	await go.run(instance);
	return { code, output };
}
</script>
`

// buildFetchTests compiles package fetch/client's tests, browser tests
// included, to a js/wasm test binary and returns it.
func buildFetchTests(t *testing.T) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "fetch.test.wasm")
	cmd := exec.Command("go", "test", "-c", "-tags", "browser", "-o", out, "./fetch/client")
	cmd.Dir = suite.root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	start := time.Now()
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the fetch browser tests (GOOS=js GOARCH=wasm go test -c -tags browser ./fetch/client): %v\n%s", err, msg)
	}
	t.Logf("built the fetch browser tests in %v", time.Since(start).Round(time.Millisecond))
	bin, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func goroot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}
