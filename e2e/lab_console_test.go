//go:build e2e

package e2e

import (
	"context"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// consoleWatch records what Chrome prints to a tab's DevTools console (the
// Log domain: network and CORS messages, which page JavaScript never sees).
type consoleWatch struct {
	mu      sync.Mutex
	entries []string
}

// watchConsole enables the Log domain of p's tab and records its entries
// until the test ends.
func watchConsole(p *page) *consoleWatch {
	p.t.Helper()
	w := &consoleWatch{}
	ctx, cancel := context.WithCancel(p.ctx)
	added := chromedp.Events(ctx, log.EntryAdded) // subscribe before enabling
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range added {
			if err != nil {
				return
			}
			if ev.Entry != nil {
				w.mu.Lock()
				w.entries = append(w.entries, ev.Entry.Text)
				w.mu.Unlock()
			}
		}
	}()
	p.t.Cleanup(func() { cancel(); <-done })
	err := chromedp.Do(p.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, log.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		p.t.Fatalf("enable the Log domain: %v", err)
	}
	return w
}

// corsMessages waits up to two seconds for Chrome's CORS console messages
// and returns them.
func (w *consoleWatch) corsMessages() []string {
	for i := 0; ; i++ {
		w.mu.Lock()
		var out []string
		for _, e := range w.entries {
			if strings.Contains(e, "has been blocked by CORS policy") {
				out = append(out, e)
			}
		}
		w.mu.Unlock()
		if len(out) > 0 || i == 40 {
			return out
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestLabShowsChromesConsoleWording runs every refusing lab scenario over
// fetch, some over XMLHttpRequest and some variations, and requires the
// lab's "Chrome's console says" block to hold the very sentence Chrome
// printed to its console for the run, which the page itself cannot read.
func TestLabShowsChromesConsoleWording(t *testing.T) {
	type labCase struct {
		name   string
		query  url.Values
		expect string
	}
	var cases []labCase
	for _, sc := range demo.Scenarios() {
		if sc.Expect != "" {
			cases = append(cases, labCase{sc.Name + " over fetch", url.Values{"scenario": {sc.Name}}, sc.Expect})
		}
	}
	cases = append(cases,
		labCase{"no-acao over xhr", url.Values{"scenario": {"no-acao"}, "transport": {"xhr"}}, "MissingAllowOriginHeader"},
		labCase{"wildcard-credentials over xhr", url.Values{"scenario": {"wildcard-credentials"}, "transport": {"xhr"}}, "WildcardOriginNotAllowed"},
		labCase{"no-acac over xhr", url.Values{"scenario": {"no-acac"}, "transport": {"xhr"}}, "InvalidAllowCredentials"},
		labCase{"other-origin over xhr", url.Values{"scenario": {"other-origin"}, "transport": {"xhr"}}, "AllowOriginMismatch"},
		labCase{"preflight-status over xhr", url.Values{"scenario": {"preflight-status"}, "transport": {"xhr"}}, "PreflightInvalidStatus"},
		labCase{"no-acao preflighted over fetch", url.Values{"scenario": {"no-acao"}, "method": {"PUT"}}, "PreflightMissingAllowOriginHeader"},
		labCase{"the demo's policy refuses an unlisted header", url.Values{"scenario": {"policy"}, "headers": {"X-Other: 1"}}, "PreflightMissingAllowOriginHeader"},
		labCase{"wildcard on the preflight over xhr", url.Values{"scenario": {"wildcard-credentials"}, "method": {"DELETE"}, "transport": {"xhr"}}, "PreflightWildcardOriginNotAllowed"},
	)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := openLab(t, tc.query)
			console := watchConsole(p)
			run := runLab(p, 1)
			require.Equal(t, "blocked", run.outcome)
			require.Equal(t, tc.expect, run.pageReason)
			chrome := console.corsMessages()
			require.Len(t, chrome, 1, "Chrome prints one CORS message for the run: %q", chrome)
			require.Equal(t, chrome[0], p.text("#console-wording"), "the lab shows Chrome's own console sentence")
			require.True(t, strings.HasPrefix(doctorCommandOf(p), "credfetch-doctor -from "+suite.server.PageURL()+" "), "the doctor command for the case")
		})
	}
}

// TestLabConsoleWordingIsHiddenWhenAllowed: an allowed run has no console
// sentence to show, but still the doctor command.
func TestLabConsoleWordingIsHiddenWhenAllowed(t *testing.T) {
	p := openLab(t, url.Values{"scenario": {"expose"}})
	run := runLab(p, 1)
	require.Equal(t, "ok", run.outcome)
	require.True(t, eval[bool](p, `document.getElementById('console').hidden`), "no console sentence for an allowed request")
	require.Contains(t, doctorCommandOf(p), "-credentials include -transport fetch")
}

// TestLabDoctorCommandChecksTheSameCase runs the command line the lab shows,
// split into words by a POSIX shell, and requires the doctor to reach the
// verdict the lab showed: one refused case, and one allowed case whose
// header value needs quoting.
func TestLabDoctorCommandChecksTheSameCase(t *testing.T) {
	for _, tc := range []struct {
		name  string
		query url.Values
	}{
		{"refused", url.Values{"scenario": {"no-acac"}}},
		{"allowed, a quote in a header value", url.Values{"scenario": {"policy"}, "headers": {"X-Demo: it's \"1\" $HOME"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openLab(t, tc.query)
			run := runLab(p, 1)
			line := doctorCommandOf(p)
			words := shellWords(t, line)
			require.Equal(t, "credfetch-doctor", words[0])
			results, _ := runDoctor(t, words[1:]...)
			require.Len(t, results, 1, "one URL, one credentials mode, one transport")
			got := results[0]
			require.Equal(t, run.outcome == "ok", got.Allowed, "%s: the doctor says %s %q", line, got.CORSError, got.ConsoleMessage)
			require.Equal(t, run.pageReason, got.CORSError, "the doctor reads the reason the lab showed from Chrome")
			if run.outcome != "ok" {
				require.Equal(t, demo.ConsoleMessage(got.CORSError, got.FailedParameter, got.From, got.URL, got.Transport), got.ConsoleMessage,
					"the doctor's Chrome words it as the lab does, for the doctor's URL (no tab parameter)")
			}
		})
	}
}

// shellWords splits a command line into its words as sh does.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	out, err := exec.Command("sh", "-c", `printf '%s\0' `+line).Output()
	if err != nil {
		t.Fatalf("sh could not read the command line %s: %v", line, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// TestLiveLogLabelsTheProbe: after a refused request credfetch sends a
// no-cors HEAD to learn whether the server answered at all. The live log
// labels it, and the lab does not take it for the actual request.
func TestLiveLogLabelsTheProbe(t *testing.T) {
	p := openLab(t, url.Values{"scenario": {"preflight-method"}})
	run := runLab(p, 1)
	require.Equal(t, "blocked", run.outcome)
	require.Contains(t, p.text("#outcome"), "code 'cors'", "the probe found the server up")
	p.waitUntil(`document.querySelector('#log .exchange[data-kind="probe"]')`, "the probe in the live log", 5*time.Second)
	label := eval[string](p, `document.querySelector('#log .exchange[data-kind="probe"] .probe-note').textContent`)
	require.Contains(t, label, "credfetch's no-cors probe: did the server answer at all?")
	require.Equal(t, "HEAD", eval[string](p, `document.querySelector('#log .exchange[data-kind="probe"]').querySelector('h4').textContent.split(' ')[2]`))
	require.Zero(t, eval[int](p, `document.querySelectorAll('#actual .exchange').length`), "the refused preflight stopped the PUT; the probe is not it")
	require.Contains(t, p.text("#actual-note"), "Never sent")
}

// doctorCommandOf is the doctor command the lab shows for its last run (in
// a fold: its text, whether the fold is open or not).
func doctorCommandOf(p *page) string {
	p.t.Helper()
	return eval[string](p, `document.getElementById('doctor').hidden ? '' : document.getElementById('doctor-command').textContent`)
}
