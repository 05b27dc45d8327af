//go:build e2e

package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/credfetch/credfetch/internal/doctor"
	"github.com/credfetch/credfetch/web"
)

// defaultChrome is the browser binary of Debian's chromium package; the
// /usr/bin/chromium wrapper script adds flags of its own, so we start the binary.
const defaultChrome = "/usr/lib/chromium/chromium"

// suite is the state every test shares: one demo server and one browser.
var suite struct {
	server  *demo.Server
	browser context.Context // a chromedp context whose browser is running
	root    string          // the module root
}

func TestMain(m *testing.M) {
	code, err := runSuite(m)
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runSuite(m *testing.M) (int, error) {
	chrome, err := chromePath()
	if err != nil {
		return 0, err
	}
	root, err := moduleRoot()
	if err != nil {
		return 0, err
	}
	suite.root = root
	dist, err := os.MkdirTemp("", "credfetch-e2e-dist-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dist)
	if err := buildWasm(root, dist); err != nil {
		return 0, err
	}
	if err := os.CopyFS(dist, os.DirFS(filepath.Join(root, "e2e", "testdata", "pages"))); err != nil {
		return 0, fmt.Errorf("copy the test pages: %w", err)
	}
	if err := copyVendor(root, dist); err != nil {
		return 0, err
	}

	srv, stop, err := serve(os.DirFS(dist))
	if err != nil {
		return 0, err
	}
	defer stop()
	suite.server = srv

	profile, err := os.MkdirTemp("", "credfetch-e2e-profile-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(chrome, profile)...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	// The first Run binds the browser's life to the context it is given, so
	// it gets the browser context itself: a timeout there would stop the
	// browser in the middle of the suite. The start is bounded by a timer.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(browser) }()
	select {
	case err := <-started:
		if err != nil {
			return 0, fmt.Errorf("start Chromium %s: %w\n%s", chrome, err, installHint)
		}
	case <-time.After(30 * time.Second):
		cancelBrowser()
		return 0, fmt.Errorf("start Chromium %s: no answer within 30s\n%s", chrome, installHint)
	}
	suite.browser = browser
	return m.Run(), nil
}

// serve starts a demo server on free loopback ports whose page origin serves
// build as its build outputs. stop shuts it down.
func serve(build fs.FS) (srv *demo.Server, stop func(), err error) {
	srv, err = demo.Listen(demo.Options{
		PageAddr: "localhost:0",
		APIAddr:  "localhost:0",
		Assets:   web.FS(build),
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		return nil, nil, fmt.Errorf("start the demo server: %w", err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	return srv, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-served
	}, nil
}

// startServer is serve for one test.
func startServer(t *testing.T, build fs.FS) *demo.Server {
	t.Helper()
	srv, stop, err := serve(build)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return srv
}

const installHint = "Install Chromium with `apt-get update && apt-get install -y chromium` (Debian; `make test` does this when run as root), or set CHROME_PATH to a Chromium or Chrome binary."

// chromePath finds the browser: CHROME_PATH, else Debian's chromium binary.
func chromePath() (string, error) {
	path := os.Getenv("CHROME_PATH")
	from := "CHROME_PATH"
	if path == "" {
		path, from = defaultChrome, "the default path"
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("no browser at %s (%s): %w\n%s", path, from, err, installHint)
	}
	if st.IsDir() || st.Mode()&0o111 == 0 {
		return "", fmt.Errorf("%s (%s) is not an executable file\n%s", path, from, installHint)
	}
	return path, nil
}

// browserOptions are the doctor's (the flags DESIGN.md lists: a fresh
// profile, no GPU, no QUIC, no background traffic to the closed network)
// with the window size the suite's screenshots use.
func browserOptions(chrome, profile string) []chromedp.ExecAllocatorOption {
	return append(doctor.AllocatorOptions(chrome, profile), chromedp.WindowSize(1100, 760))
}

// moduleRoot is the folder of the go.mod this package belongs to.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w (is the go command on PATH?)", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("go env GOMOD: not inside the credfetch module")
	}
	return filepath.Dir(gomod), nil
}

// buildWasm compiles package wasm into dist/credfetch.wasm and copies the
// wasm_exec.js of the same Go beside it, so the suite never runs a stale build.
func buildWasm(root, dist string) error {
	cmd := exec.Command("go", "build", "-o", filepath.Join(dist, assets.WasmFile), "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build credfetch.wasm: %w\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	src := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", assets.WasmExecFile)
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("read %s (Go 1.24+ keeps it in lib/wasm): %w", src, err)
	}
	return os.WriteFile(filepath.Join(dist, assets.WasmExecFile), data, 0o644)
}

// page is one browser tab of one test.
type page struct {
	t   *testing.T
	ctx context.Context
}

// openPage opens a new tab at path on the page origin and waits for the load
// event. The tab's console goes to the test log; an uncaught exception or an
// unhandled rejection fails the test.
func openPage(t *testing.T, path string) *page {
	t.Helper()
	p := newTab(t)
	p.navigate(suite.server.PageURL() + path)
	return p
}

// newTab opens a blank tab that records its console for the test.
func newTab(t *testing.T) *page {
	t.Helper()
	return newTabWith(t)
}

// newTabWith is newTab with chromedp context options, such as
// chromedp.WithNewBrowserContext() for a tab with a cookie jar of its own.
func newTabWith(t *testing.T, opts ...chromedp.ContextOption) *page {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(suite.browser, opts...)
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	p := &page{t: t, ctx: ctx}

	messages := chromedp.Console(tab) // subscribe before anything happens
	var (
		mu         sync.Mutex
		logged     []string
		exceptions []string
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			logged = append(logged, fmt.Sprintf("console %s: %s", m.Type, m.Text))
			if m.IsException() {
				exceptions = append(exceptions, m.Text)
			}
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		cancelTab()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, l := range logged {
			t.Log(l)
		}
		for _, e := range exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	})
	return p
}

func (p *page) navigate(url string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(url)); err != nil {
		p.t.Fatalf("open %s: %v", url, err)
	}
}

// eval runs a JavaScript expression in the page and returns its value; a
// Promise is awaited, and a rejection fails the test.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := evalErr[T](p, js)
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// evalErr is eval that returns the error (an exception or a rejection).
func evalErr[T any](p *page, js string) (T, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// text waits until the element matching the CSS selector is visible and
// returns its text, as a person would read it.
func (p *page) text(selector string) string {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.WaitVisible(chromedp.CSS(selector))); err != nil {
		p.t.Fatalf("wait for %s to be visible: %v", selector, err)
	}
	s, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		p.t.Fatalf("read the text of %s: %v", selector, err)
	}
	return s
}

// screenshot saves a PNG of the viewport as build/screenshots/NAME.png and
// returns its path; `make screenshots` copies them to docs/screenshots.
func (p *page) screenshot(name string) string {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join(suite.root, "build", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	return path
}
