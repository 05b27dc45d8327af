//go:build e2e

package e2e

import (
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"testing"

	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// chromeVerdict is what Chrome reports for a plain fetch() or XMLHttpRequest
// sent by a real page at the demo's page origin.
type chromeVerdict struct {
	ok              bool
	corsError       string
	failedParameter string
}

// sendFromPage sends the request from p with fetch() or XMLHttpRequest and
// reads Chrome's CorsErrorStatus for it.
func sendFromPage(p *page, url, method string, headers [][]string, mode, transport string) chromeVerdict {
	p.t.Helper()
	w := watchNetwork(p)
	defer w.stop()
	req, _ := json.Marshal(map[string]any{"url": url, "method": method, "headers": headers, "credentials": mode, "transport": transport})
	ok := eval[bool](p, `(async (c) => {
  if (c.transport === 'xhr') {
    return await new Promise((resolve) => {
      const x = new XMLHttpRequest();
      x.open(c.method, c.url);
      x.withCredentials = c.credentials === 'include';
      for (const [k, v] of c.headers) x.setRequestHeader(k, v);
      x.onload = () => resolve(true);
      x.onerror = () => resolve(false);
      x.send();
    });
  }
  try { await (await fetch(c.url, { method: c.method, headers: c.headers, credentials: c.credentials })).text(); return true; } catch { return false; }
})(`+string(req)+`)`)
	v := chromeVerdict{ok: ok}
	if st := w.corsStatuses(!ok); len(st) > 0 {
		v.corsError, v.failedParameter = string(st[0].CorsError), st[0].FailedParameter
	}
	return v
}

// TestDoctorReportsWhatChromeReportsForEveryLabScenario runs every lab
// scenario through credfetch-doctor -json, for the three credentials modes
// and both transports, from the emulated page origin, and requires the
// corsError and failedParameter that Chrome reports when a real page at the
// demo's page origin sends the same request; with the scenario's own
// settings that is the CorsError TestEveryLabScenarioFailsInChromeAsThePageSays
// reads (Scenario.Expect).
// answerQuery is the custom scenario's answer as a query string.
func answerQuery(answer map[string]string) string {
	q := url.Values{}
	for k, v := range answer {
		q.Set(k, v)
	}
	return q.Encode()
}

func TestDoctorReportsWhatChromeReportsForEveryLabScenario(t *testing.T) {
	modes := []string{"include", "omit", "same-origin"}
	transports := []string{"fetch", "xhr"}
	for _, sc := range demo.Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			require.Empty(t, sc.Defaults.Body, "the doctor sends no body: a scenario with one needs its Content-Type here")
			target := suite.server.APIURL() + sc.Path
			if answer := answerQuery(sc.Defaults.Answer); answer != "" {
				target += "?" + answer // the custom scenario's answer
			}
			args := []string{"-from", suite.server.PageURL(), "-method", sc.Defaults.Method, "-credentials", "all", "-transport", "both", "-allow-local-network"}
			headers := [][]string{}
			for _, name := range slices.Sorted(maps.Keys(sc.Defaults.Headers)) {
				args = append(args, "-H", name+": "+sc.Defaults.Headers[name])
				headers = append(headers, []string{name, sc.Defaults.Headers[name]})
			}
			results, code := runDoctor(t, append(args, target)...)
			require.Len(t, results, len(modes)*len(transports))

			p := openPage(t, "/lab.html")
			i, refused := 0, false
			for _, mode := range modes {
				for _, transport := range transports {
					got := results[i]
					i++
					what := sc.Name + " credentials " + mode + " over " + transport
					require.Equal(t, mode, got.Credentials, what)
					require.Equal(t, transport, got.Transport, what)
					want := sendFromPage(p, target, sc.Defaults.Method, headers, mode, transport)
					require.Equal(t, want.ok, got.Allowed, "%s: doctor says %s %q", what, got.CORSError, got.ConsoleMessage)
					require.Equal(t, want.corsError, got.CORSError, what)
					require.Equal(t, want.failedParameter, got.FailedParameter, what)
					if !got.Allowed {
						refused = true
						require.Contains(t, got.ConsoleMessage, "has been blocked by CORS policy", what)
						require.NotNil(t, got.Fix, what)
					}
					// A sandboxed scenario's lab run sends Origin: null; the
					// doctor and this page send the page origin.
					if mode == sc.Defaults.Credentials && transport == "fetch" && !sc.Sandboxed {
						require.Equal(t, sc.Expect, got.CORSError, "%s: the CorsError the lab page's run gets from Chrome", what)
					}
				}
			}
			require.Equal(t, map[bool]int{false: 0, true: 1}[refused], code, "exit status 1 when any case is refused")
		})
	}
}
