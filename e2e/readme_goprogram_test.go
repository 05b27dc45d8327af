//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// readmeBlock returns the README's fenced code block that holds marker,
// without its fences, with the demo API's URL put in for
// http://localhost:8081.
func readmeBlock(t *testing.T, marker, apiURL string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(suite.root, "README.md"))
	require.NoError(t, err)
	text := string(readme)
	i := strings.Index(text, marker)
	require.NotEqual(t, -1, i, "the README holds %q", marker)
	start := strings.LastIndex(text[:i], "```")
	require.NotEqual(t, -1, start)
	start += strings.Index(text[start:], "\n") + 1
	end := strings.Index(text[i:], "\n```")
	require.NotEqual(t, -1, end)
	return strings.ReplaceAll(text[start:i+end+1], "http://localhost:8081", apiURL)
}

// goProgramPage runs /program.wasm with wasm_exec.js and resolves runGo()
// with what the program printed.
const goProgramPage = `<!doctype html>
<meta charset="utf-8">
<title>a Go program</title>
<link rel="icon" href="data:,">
<script src="/wasm_exec.js"></script>
<script>
async function runGo() {
	let output = '';
	const decoder = new TextDecoder();
	globalThis.fs.writeSync = (fd, buf) => { output += decoder.decode(buf, { stream: true }); return buf.length; };
	const go = new Go();
	const { instance } = await WebAssembly.instantiateStreaming(fetch('/program.wasm'), go.importObject);
	await go.run(instance);
	return output;
}
</script>
`

func TestReadmeGoWasmProgramRunsInChromium(t *testing.T) {
	wasmExec, err := os.ReadFile(filepath.Join(goroot(t), "lib", "wasm", assets.WasmExecFile))
	require.NoError(t, err)
	// The page origin first, so that the demo API can trust it; it serves the
	// program once the program is built against that API.
	var program atomic.Pointer[[]byte]
	mux := http.NewServeMux()
	serve := func(path, contentType string, body func() []byte) {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			_, _ = w.Write(body())
		})
	}
	serve("/{$}", "text/html; charset=utf-8", func() []byte { return []byte(goProgramPage) })
	serve("/wasm_exec.js", "text/javascript", func() []byte { return wasmExec })
	serve("/program.wasm", "application/wasm", func() []byte { return *program.Load() })
	pageOrigin := serveFixture(t, mux)
	policy := demo.DefaultCORS()
	policy.Origins = append(policy.Origins, pageOrigin)
	api := startDemo(t, demo.Options{CORS: &policy})

	source := readmeBlock(t, `"github.com/credfetch/credfetch/fetch"`, api.APIURL())
	require.True(t, strings.HasPrefix(source, "//go:build js && wasm"), "the README's Go program is a whole file:\n%s", source)
	dir := filepath.Join(suite.root, "build", "readme", "gowasm")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(source), 0o644))
	out := filepath.Join(t.TempDir(), "program.wasm")
	cmd := exec.Command("go", "build", "-o", out, "./build/readme/gowasm")
	cmd.Dir = suite.root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the README's Go program: %v\n%s", err, msg)
	}
	bin, err := os.ReadFile(out)
	require.NoError(t, err)
	program.Store(&bin)

	p := openAt(t, pageOrigin+"/")
	printed := eval[string](p, `runGo()`)
	require.Equal(t, fmt.Sprintln(200, "ada"), printed, "the program logs in and whoami answers with the user: the cookie went along")
}

func TestReadmeGoServerServesAPageThatCallsTheAPIWithCredentials(t *testing.T) {
	installPackage(t) // make package: the folder the server serves
	// A free port for the user's server, so that the demo API can trust its
	// origin before it starts.
	ln, err := net.Listen("tcp", "localhost:0")
	require.NoError(t, err)
	addr := "localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	require.NoError(t, ln.Close())
	policy := demo.DefaultCORS()
	policy.Origins = append(policy.Origins, "http://"+addr)
	api := startDemo(t, demo.Options{CORS: &policy})

	source := readmeBlock(t, `"github.com/credfetch/credfetch/assets"`, api.APIURL())
	require.Contains(t, source, `"localhost:8090"`)
	source = strings.Replace(source, `"localhost:8090"`, strconv.Quote(addr), 1)
	dir := filepath.Join(suite.root, "build", "readme", "goserver")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(source), 0o644))
	bin := filepath.Join(t.TempDir(), "goserver")
	if msg, err := exec.Command("go", "build", "-C", suite.root, "-o", bin, "./build/readme/goserver").CombinedOutput(); err != nil {
		t.Fatalf("build the README's Go server: %v\n%s", err, msg)
	}
	// Run from the module root, as a user who ran `make package` would.
	var logs strings.Builder
	server := exec.Command(bin)
	server.Dir = suite.root
	server.Stdout, server.Stderr = &logs, &logs
	require.NoError(t, server.Start())
	t.Cleanup(func() {
		_ = server.Process.Kill()
		_ = server.Wait()
		t.Logf("the README's Go server said:\n%s", logs.String())
	})
	require.Eventually(t, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, 10*time.Second, 50*time.Millisecond, "the README's Go server listens on %s", addr)

	p := openAt(t, "http://"+addr+"/")
	p.waitUntil(`document.getElementById('out').textContent !== '…'`, "the page's answer", 30*time.Second)
	require.Equal(t, "200 ada", p.text("#out"), "the page loaded credfetch from the user's server and the cookie went to the API")
	p.screenshot("go-server")
	// The module and the files it loaded came from the versioned path, cached for good.
	loaded := eval[[]string](p, `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/credfetch/'))`)
	prefix := "http://" + addr + "/credfetch/v" + fetch.Version + "/"
	require.ElementsMatch(t, []string{prefix + "credfetch.js", prefix + "credfetch.wasm", prefix + "wasm_exec.js"}, loaded)
}
