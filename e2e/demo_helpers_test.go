//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/credfetch/credfetch/web"
)

// startDemo runs a demo server with opts for one test. Its page origin serves
// the suite's build of credfetch.wasm, copied from the suite's server, so
// that each test may choose its own origins and modes.
func startDemo(t *testing.T, opts demo.Options) *demo.Server {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{assets.WasmFile, assets.WasmExecFile} {
		res, err := http.Get(suite.server.PageURL() + "/" + name)
		if err != nil {
			t.Fatalf("copy %s from the suite's server: %v", name, err)
		}
		data, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("copy %s from the suite's server: status %d, %v", name, res.StatusCode, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if opts.PageAddr == "" {
		opts.PageAddr = "localhost:0"
	}
	if opts.APIAddr == "" {
		opts.APIAddr = "localhost:0"
	}
	opts.Assets = web.FS(os.DirFS(dir))
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := demo.Listen(opts)
	if err != nil {
		t.Fatalf("start a demo server: %v", err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-served
	})
	return srv
}

// openAt opens a new tab at url and waits for the load event.
func openAt(t *testing.T, url string) *page {
	t.Helper()
	p := newTab(t)
	p.navigate(url)
	return p
}

// waitUntil waits until the JavaScript expression cond is true in the page,
// failing the test after timeout with what.
func (p *page) waitUntil(cond, what string, timeout time.Duration) {
	p.t.Helper()
	js := fmt.Sprintf(`new Promise((resolve, reject) => {
		const t0 = Date.now();
		(function check() {
			let ok = false;
			try { ok = Boolean(%s); } catch (e) {}
			if (ok) return resolve(true);
			if (Date.now() - t0 > %d) return reject(new Error('timed out'));
			setTimeout(check, 50);
		})();
	})`, cond, timeout.Milliseconds())
	if _, err := evalErr[bool](p, js); err != nil {
		p.t.Fatalf("wait for %s (%s): %v", what, cond, err)
	}
}

// clickCSS clicks the element matching the CSS selector.
func (p *page) clickCSS(selector string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		p.t.Fatalf("click %s: %v", selector, err)
	}
}

// attrOf returns an attribute of the element matching the CSS selector, or "".
func (p *page) attrOf(selector, name string) string {
	p.t.Helper()
	return eval[string](p, fmt.Sprintf(`(document.querySelector(%s) || {getAttribute: () => ''}).getAttribute(%s) || ''`, jsQuote(selector), jsQuote(name)))
}

// jsQuote writes s as a JavaScript string literal.
func jsQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// netWatch records what Chrome's network stack reports for one tab: the
// requests it sends (preflights included) and the loads that fail, with
// Chrome's own CORS error.
type netWatch struct {
	mu     sync.Mutex
	sent   []network.EventRequestWillBeSent
	failed []network.EventLoadingFailed
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// watchNetwork starts recording a tab's network events; stop it with stop.
func watchNetwork(p *page) *netWatch {
	ctx, cancel := context.WithCancel(p.ctx)
	w := &netWatch{cancel: cancel}
	sent := chromedp.Events(ctx, network.RequestWillBeSent)
	failed := chromedp.Events(ctx, network.LoadingFailed)
	w.wg.Add(2)
	go func() {
		defer w.wg.Done()
		for ev, err := range sent {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.sent = append(w.sent, ev)
			w.mu.Unlock()
		}
	}()
	go func() {
		defer w.wg.Done()
		for ev, err := range failed {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.failed = append(w.failed, ev)
			w.mu.Unlock()
		}
	}()
	p.t.Cleanup(w.stop)
	return w
}

// stop ends the recording.
func (w *netWatch) stop() {
	w.cancel()
	w.wg.Wait()
}

// corsErrors lists the CorsError of every failed load that has one.
func (w *netWatch) corsErrors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, f := range w.failed {
		if f.CorsErrorStatus != nil {
			out = append(out, string(f.CorsErrorStatus.CorsError))
		}
	}
	return out
}

// waitCORSErrors waits up to a second for at least one CORS error.
func (w *netWatch) waitCORSErrors() []string {
	for range 20 {
		if errs := w.corsErrors(); len(errs) > 0 {
			return errs
		}
		time.Sleep(50 * time.Millisecond)
	}
	return w.corsErrors()
}

// requestsTo counts the requests sent to URLs starting with prefix, split
// into preflights and the others.
func (w *netWatch) requestsTo(prefix string) (preflights, others int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, s := range w.sent {
		if s.Request == nil || !strings.HasPrefix(s.Request.URL, prefix) {
			continue
		}
		if s.Initiator != nil && s.Initiator.Type == network.InitiatorTypePreflight {
			preflights++
		} else {
			others++
		}
	}
	return preflights, others
}
