// Package corstest checks cross-origin requests in headless Chromium from Go
// tests: Check sends a request to your server from a page on any origin (no
// server runs there: the page is answered over the DevTools protocol) and
// returns Chrome's own verdict, with the reason Chrome gives (its
// CorsErrorStatus and console message), the cookies it sent or blocked and
// the smallest server fix. It is the engine of the credfetch-doctor command.
//
// The browser (Chromium from CHROME_PATH or the usual install paths, with a
// fresh temporary profile) starts at the first check and stops once no check
// has run for a few seconds; when the test binary exits first, the browser
// dies with it and the next start removes its profile. Each check runs in its
// own browser context, so
// cookies and cached preflights never leak from one check to the next.
// Without a browser, Check fails the test with the install command.
//
// A page on a public origin calling a loopback server (an httptest.Server)
// meets Chrome's Local Network Access permission, which headless Chrome
// refuses: set Request.AllowLocalNetwork to grant it for the check.
package corstest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credfetch/credfetch/internal/doctor"
)

// Request is one request to check: a page at From sends Method to URL with
// Headers, in Credentials mode (include, omit or same-origin; default
// same-origin) over Transport (fetch or xhr; default fetch). Cookies are
// stored for URL first; Login is sent from the page, with credentials,
// before the request.
type Request = doctor.Case

// Header is a request header or a cookie: a name and a value.
type Header = doctor.Header

// Login is a request the page sends before the checked one.
type Login = doctor.Login

// Result is Chrome's verdict on a Request: Allowed, Chrome's CORSError and
// FailedParameter, its ConsoleMessage, CookieSent and BlockedCookies with
// Chrome's reasons, LocalNetwork, the Preflight and Actual exchanges, and the
// Fix (nil when allowed).
type Result = doctor.Result

// BlockedCookie is a cookie Chrome did not send or did not store, with
// Chrome's reasons.
type BlockedCookie = doctor.BlockedCookie

// Exchange is one request and its response on the wire.
type Exchange = doctor.Exchange

// Fix is the header lines, Set-Cookie attributes and cors.Config that let a
// refused request through.
type Fix = doctor.Fix

// idle is how long the shared browser outlives the last check.
const idle = 3 * time.Second

// shared is the browser of the test binary.
var shared struct {
	mu    sync.Mutex
	b     *doctor.Browser
	users int
	timer *time.Timer
}

// acquire returns the shared browser, starting it when needed.
func acquire() (*doctor.Browser, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.timer != nil {
		shared.timer.Stop()
		shared.timer = nil
	}
	if shared.b == nil {
		path, err := doctor.FindChrome(os.Getenv("CHROME_PATH"), doctor.DefaultPaths)
		if err != nil {
			return nil, err
		}
		if shared.b, err = doctor.Start(path); err != nil {
			return nil, err
		}
	}
	shared.users++
	return shared.b, nil
}

// release lets the shared browser stop once idle.
func release() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	shared.users--
	if shared.users > 0 {
		return
	}
	shared.timer = time.AfterFunc(idle, func() {
		shared.mu.Lock()
		defer shared.mu.Unlock()
		if shared.users == 0 && shared.b != nil {
			shared.b.Close()
			shared.b = nil
		}
	})
}

// Run checks r in the shared browser. Its error says what is wrong with r,
// or how to install a browser.
func Run(ctx context.Context, r Request) (Result, error) {
	if err := r.Check(); err != nil {
		return Result{}, err
	}
	b, err := acquire()
	if err != nil {
		return Result{}, err
	}
	defer release()
	res, err := b.Run(ctx, r)
	if err != nil {
		return Result{}, err
	}
	return *res, nil
}

// Check is Run for a test: it fails the test when r cannot be checked (a bad
// Request, no browser) and returns Chrome's verdict.
func Check(t testing.TB, r Request) Result {
	t.Helper()
	res, err := Run(t.Context(), r)
	if err != nil {
		t.Fatalf("corstest: %v", err)
	}
	return res
}

// AssertAllowed fails the test unless Chrome let the page read the
// response; the failure gives Chrome's reason and the fix.
func AssertAllowed(t testing.TB, r Result) bool {
	t.Helper()
	if r.Allowed {
		return true
	}
	t.Errorf("corstest: Chrome refused %s %s from %s (credentials %s, %s): %s\n%s", r.Method, r.URL, r.From, r.Credentials, r.Transport, why(r), describeFix(r.Fix))
	return false
}

// AssertRefused fails the test unless Chrome refused the response with
// corsError (a CorsError name such as "MissingAllowOriginHeader"; empty
// accepts any refusal).
func AssertRefused(t testing.TB, r Result, corsError string) bool {
	t.Helper()
	switch {
	case r.Allowed:
		t.Errorf("corstest: Chrome allowed %s %s from %s (credentials %s, %s); want it refused with %s", r.Method, r.URL, r.From, r.Credentials, r.Transport, orAny(corsError))
		return false
	case corsError != "" && r.CORSError != corsError:
		t.Errorf("corstest: want %s %s from %s refused with %s; Chrome refused it with %s", r.Method, r.URL, r.From, corsError, why(r))
		return false
	}
	return true
}

// why is Chrome's reason in words.
func why(r Result) string {
	s := r.CORSError
	if r.FailedParameter != "" {
		s += " (" + r.FailedParameter + ")"
	}
	if s == "" {
		s = r.NetworkError
	}
	if s == "" {
		s = r.PageError
	}
	if r.ConsoleMessage != "" {
		s += "\nChrome's console: " + r.ConsoleMessage
	}
	return s
}

// describeFix writes a fix for a failure message.
func describeFix(f *Fix) string {
	if f == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("fix:")
	for _, l := range f.Preflight {
		b.WriteString("\n  preflight answer: " + l)
	}
	for _, l := range f.Response {
		b.WriteString("\n  response: " + l)
	}
	for _, l := range f.SetCookie {
		b.WriteString("\n  cookie: " + l)
	}
	if f.Config != "" {
		b.WriteString("\n  " + strings.ReplaceAll(f.Config, "\n", "\n  "))
	}
	for _, n := range f.Notes {
		b.WriteString("\n  note: " + n)
	}
	return b.String()
}

func orAny(corsError string) string {
	if corsError == "" {
		return "any reason"
	}
	return corsError
}
