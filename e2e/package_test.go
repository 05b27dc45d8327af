//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// viteApp is the Vite 8 + TypeScript app fixture a user would write.
func viteApp() string { return filepath.Join(suite.root, "e2e", "testdata", "viteapp") }

var packed struct {
	once    sync.Once
	tarball string
	err     error
}

// installPackage runs `make package` once per suite and installs the packed
// tarball, and nothing else of credfetch, into the Vite app fixture's
// node_modules (whose Vite and TypeScript `make npm-fixtures` installed
// with npm ci).
func installPackage(t *testing.T) string {
	t.Helper()
	packed.once.Do(func() {
		packed.tarball = filepath.Join(suite.root, "build", "credfetch-"+fetch.Version+".tgz")
		if packed.err = run(suite.root, "make", "package"); packed.err != nil {
			return
		}
		if _, err := os.Stat(filepath.Join(viteApp(), "node_modules", ".bin", "vite")); err != nil {
			packed.err = fmt.Errorf("the Vite app fixture has no node_modules: run `make npm-fixtures` (npm ci in e2e/testdata/viteapp): %v", err)
			return
		}
		packed.err = run(viteApp(), "npm", "install", "--no-save", "--offline", "--no-audit", "--no-fund", "--loglevel=error", packed.tarball)
	})
	if packed.err != nil {
		t.Fatal(packed.err)
	}
	return packed.tarball
}

// run runs a command in dir and fails with its output.
func run(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s in %s: %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return nil
}

// readmeBundlerExample is the README's "npm and a bundler" example, with the
// demo API's URL put in for http://localhost:8081.
func readmeBundlerExample(t *testing.T, apiURL string) string {
	t.Helper()
	example := readmeBlock(t, "import { load } from 'credfetch';", apiURL)
	require.True(t, strings.HasPrefix(example, "import { load } from 'credfetch';"), "the bundler example is a whole module:\n%s", example)
	return example
}

func TestTypeScriptConsumerTypeChecksAgainstThePackedTarball(t *testing.T) {
	installPackage(t)
	// The app's own tsconfig (strict, moduleResolution bundler) and nothing
	// but node_modules/credfetch: the declarations the tarball ships.
	require.NoError(t, os.WriteFile(filepath.Join(viteApp(), "src", "app.ts"), []byte(readmeBundlerExample(t, "http://localhost:8081")), 0o644))
	tsc := filepath.Join(viteApp(), "node_modules", ".bin", "tsc")
	require.NoError(t, run(viteApp(), tsc, "--noEmit", "-p", "."))

	// The check can fail: a misuse of the API is a type error.
	bad := filepath.Join(viteApp(), "src", "misuse.ts")
	require.NoError(t, os.WriteFile(bad, []byte("import { load } from 'credfetch';\nconst c = await load();\nc.ajaxSetup({ credentials: 'always' });\nexport {};\n"), 0o644))
	defer os.Remove(bad)
	err := run(viteApp(), tsc, "--noEmit", "-p", ".")
	require.ErrorContains(t, err, `Type '"always"' is not assignable`)
}

func TestViteAppBuiltFromTheNpmPackageCallsTheAPIWithCredentials(t *testing.T) {
	installPackage(t)

	// The app's origin, known before the build so that the API can trust it.
	ln, err := net.Listen("tcp", "localhost:0")
	require.NoError(t, err)
	appOrigin := "http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	policy := demo.DefaultCORS()
	policy.Origins = append(policy.Origins, appOrigin)
	api := startDemo(t, demo.Options{CORS: &policy})
	untrusted := serveFixture(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		credentialedCORS(w, r)
		names := "none"
		if cs := r.Cookies(); len(cs) > 0 {
			names = cs[0].Name
		}
		_, _ = w.Write([]byte(names))
	}))

	require.NoError(t, os.WriteFile(filepath.Join(viteApp(), "src", "app.ts"), []byte(readmeBundlerExample(t, api.APIURL())), 0o644))
	out := t.TempDir()
	require.NoError(t, run(viteApp(), filepath.Join(viteApp(), "node_modules", ".bin", "vite"), "build", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"))
	emitted, err := filepath.Glob(filepath.Join(out, "assets", "credfetch-*.wasm"))
	require.NoError(t, err)
	require.Len(t, emitted, 1, "vite build emits credfetch.wasm as an asset of the app")

	// The build output, and nothing else, on the app's origin.
	srv := &http.Server{Handler: http.FileServer(http.Dir(out)), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	p := openAt(t, appOrigin+"/?other="+untrusted)
	p.waitUntil(`document.getElementById('result').dataset.state`, "the app's result", 30*time.Second)
	require.Equal(t, "done", p.attrOf("#result", "data-state"), p.text("#result"))
	var got struct {
		Version      string   `json:"version"`
		Status       int      `json:"status"`
		User         string   `json:"user"`
		OtherCookies string   `json:"otherCookies"`
		Wasm         []string `json:"wasm"`
	}
	require.NoError(t, json.Unmarshal([]byte(p.text("#result")), &got))
	p.screenshot("vite-app")
	require.Equal(t, fetch.Version, got.Version)
	require.Equal(t, 200, got.Status, "whoami answers 200: the session cookie went to the trusted API")
	require.Equal(t, "ada", got.User)
	require.Equal(t, "none", got.OtherCookies, "an untrusted origin gets no cookie, though ajaxSetup said credentials: 'include'")
	require.Equal(t, []string{appOrigin + "/assets/" + filepath.Base(emitted[0])}, got.Wasm, "the wasm comes from the app's own emitted asset")
}
