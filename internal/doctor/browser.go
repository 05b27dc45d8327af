// Package doctor is the diagnosis engine behind credfetch-doctor and package
// corstest: it runs one cross-origin request in headless Chromium from a page
// origin that no server serves (the engine answers the page's document over
// CDP), and collects what Chrome decided and why.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// InstallHint says how to get a browser; every "no browser" error ends with it.
const InstallHint = "Install Chromium with `apt-get update && apt-get install -y chromium` (Debian or Ubuntu), or set CHROME_PATH to a Chromium or Chrome binary."

// DefaultPaths are the places searched for a browser when CHROME_PATH is
// empty, in order.
var DefaultPaths = []string{
	"/usr/lib/chromium/chromium",
	"/usr/bin/chromium",
	"/usr/bin/chromium-browser",
	"/usr/bin/google-chrome",
	"/usr/bin/google-chrome-stable",
	"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
	"/Applications/Chromium.app/Contents/MacOS/Chromium",
}

// ErrNoBrowser is wrapped by FindChrome's error when no browser is found.
var ErrNoBrowser = errors.New("no Chromium or Chrome found")

// FindChrome returns the browser to run: env (the value of CHROME_PATH) when
// set, else the first executable file of paths.
func FindChrome(env string, paths []string) (string, error) {
	if env != "" {
		if err := executable(env); err != nil {
			return "", fmt.Errorf("%w: CHROME_PATH=%s: %w\n%s", ErrNoBrowser, env, err, InstallHint)
		}
		return env, nil
	}
	for _, p := range paths {
		if executable(p) == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: CHROME_PATH is empty and none of %v exists\n%s", ErrNoBrowser, paths, InstallHint)
}

// executable reports why path is not an executable file, or nil.
func executable(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() || st.Mode()&0o111 == 0 {
		return errors.New("not an executable file")
	}
	return nil
}

// Browser is one headless Chromium with a fresh temporary profile. Its
// methods may be called from several goroutines; each Run uses its own
// browser context, so cookies and preflight caches never leak between runs.
type Browser struct {
	ctx     context.Context
	cancel  func()
	profile string
}

// Start starts the browser at path with a fresh profile.
func Start(path string) (*Browser, error) {
	profile, err := newProfile()
	if err != nil {
		return nil, err
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), AllocatorOptions(path, profile)...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, profile: profile, cancel: func() {
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(profile)
	}}
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err = <-started:
	case <-time.After(30 * time.Second):
		err = errors.New("no answer within 30s")
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("start %s: %w\n%s", path, err, InstallHint)
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() { b.cancel() }

// AllocatorOptions are the options of a quiet headless Chromium at path
// with the profile folder profile: no GPU, no QUIC and no background
// traffic (updates, sync, reporting), so that the browser contacts nothing
// but what its pages ask for. The e2e suite starts its browser with them
// too.
func AllocatorOptions(path, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
	)
}
