//go:build e2e

package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// shownText is the rendered text of the element matching selector, or "" when
// there is none or it is hidden. Unlike p.text, it does not wait.
func shownText(p *page, selector string) string {
	p.t.Helper()
	return eval[string](p, `(() => { const e = document.querySelector(`+jsQuote(selector)+`);
		return e && !e.hidden && !e.closest('[hidden]') ? e.innerText : ''; })()`)
}

// runInputError clicks Run for a page's first run, which must end as an
// input error, and returns the outcome's text.
func runInputError(p *page) string {
	p.t.Helper()
	p.clickCSS("#run")
	p.waitUntil(`document.getElementById('result').dataset.runs === '1'`, "the run to finish", 20*time.Second)
	require.Equal(p.t, "invalid", p.attrOf("#outcome", "data-outcome"))
	return p.text("#outcome")
}

// TestLabURLSettingsOutsideTheMenusFallBackWithANotice opens the lab with
// settings its menus do not offer. Before, the menus went blank, the request
// went as GET and the code showed an empty method (issue 16, defect 4).
func TestLabURLSettingsOutsideTheMenusFallBackWithANotice(t *testing.T) {
	for _, tc := range []struct {
		name     string
		query    url.Values
		field    string // the menu that falls back
		want     string // its value on the page
		notice   []string
		noNotice bool
	}{
		{"a forbidden method", url.Values{"scenario": {"preflight-header"}, "method": {"TRACE"}}, "method", "GET", []string{"method", "TRACE", "GET"}, false},
		{"an unknown method", url.Values{"scenario": {"preflight-header"}, "method": {"FOO"}}, "method", "GET", []string{"method", "FOO", "GET"}, false},
		{"a lower-case method", url.Values{"scenario": {"preflight-header"}, "method": {"put"}}, "method", "PUT", nil, true},
		{"an unknown transport", url.Values{"scenario": {"policy"}, "transport": {"pigeon"}}, "transport", "fetch", []string{"transport", "pigeon", "fetch"}, false},
		{"an unknown credentials mode", url.Values{"scenario": {"policy"}, "credentials": {"sometimes"}}, "credentials", "include", []string{"credentials", "sometimes", "include"}, false},
		{"an unknown scenario", url.Values{"scenario": {"no-such-case"}}, "scenario", "policy", []string{"scenario", "no-such-case", "policy"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openLab(t, tc.query)
			require.Equal(t, tc.want, eval[string](p, `document.getElementById('`+tc.field+`').value`), "the menu shows a value it offers")
			method := eval[string](p, `document.getElementById('method').value`)
			require.NotEmpty(t, method)
			for _, box := range []string{"#code-credfetch", "#code-jquery", "#code-fetch"} {
				code := p.text(box)
				require.NotContains(t, code, "method: ''", box)
				require.Contains(t, code, "method: '"+method+"'", box)
			}
			notice := shownText(p, "#url-notice")
			if tc.noNotice {
				require.Empty(t, notice, "a lower-case method the lab offers is only upper-cased")
				return
			}
			for _, s := range tc.notice {
				require.Contains(t, notice, s, "the notice names the parameter, the bad value and what the lab used")
			}
			require.Equal(t, 1, strings.Count(strings.TrimSpace(notice), "\n")+1, "one line per bad parameter")
		})
	}

	t.Run("two bad parameters, two lines", func(t *testing.T) {
		p := openLab(t, url.Values{"scenario": {"policy"}, "method": {"TRACE"}, "transport": {"pigeon"}})
		lines := eval[[]any](p, `[...document.querySelectorAll('#url-notice li')].map((li) => li.textContent)`)
		require.Len(t, lines, 2)
		// The URL now holds what the lab used, so a shared link works.
		q, err := url.ParseQuery(strings.TrimPrefix(eval[string](p, `location.search`), "?"))
		require.NoError(t, err)
		require.Equal(t, "GET", q.Get("method"))
		require.Equal(t, "fetch", q.Get("transport"))
	})
}

// TestLabTextFollowsTheSettings checks the text that used to be fixed: the
// fetch sample's last comment and preflight-header's "Try" (issue 16,
// defect 6).
func TestLabTextFollowsTheSettings(t *testing.T) {
	t.Run("try names the selected method", func(t *testing.T) {
		p := openLab(t, url.Values{"scenario": {"preflight-header"}, "method": {"PATCH"}})
		try := p.text("#scenario-try")
		require.Contains(t, try, "the PATCH")
		require.NotContains(t, try, "GET becomes")
	})
	t.Run("the fetch sample's comment follows the outcome", func(t *testing.T) {
		p := openLab(t, url.Values{"scenario": {"preflight-method"}, "method": {"POST"}})
		require.NotContains(t, p.text("#code-fetch"), "// Blocked", "no outcome claimed before a run")
		run := runLab(p, 1)
		require.Equal(t, "ok", run.outcome)
		fe := p.text("#code-fetch")
		require.NotContains(t, fe, "Blocked")
		require.Contains(t, fe, "// Allowed")

		// Another method: the comment no longer claims the old outcome.
		eval[bool](p, `(() => { const m = document.getElementById('method'); m.value = 'PUT'; m.dispatchEvent(new Event('change')); return true; })()`)
		require.NotContains(t, p.text("#code-fetch"), "// Allowed")
		run = runLab(p, 2)
		require.Equal(t, "blocked", run.outcome)
		require.Contains(t, p.text("#code-fetch"), "// Blocked: fetch rejects with TypeError")
	})
}

// TestWalkthroughDescribesTheRealOriginDifference runs the demo with the API
// on another site: the walkthrough used to say "Same scheme and host but
// another port" regardless (issue 16, defect 6).
func TestWalkthroughDescribesTheRealOriginDifference(t *testing.T) {
	srv := startDemo(t, demo.Options{APIAddr: "127.0.0.1:0", CrossSite: true})
	p := openAt(t, srv.PageURL()+"/")
	p.waitUntil(`document.getElementById('origins-diff') && document.getElementById('origins-diff').dataset.diff`, "the origins' difference", 10*time.Second)
	text := p.text("#origins")
	require.NotContains(t, text, "Same scheme and host")
	require.Contains(t, text, "host (localhost and 127.0.0.1)")
	require.Contains(t, text, "another site")

	same := openPage(t, "/")
	same.waitUntil(`document.getElementById('origins-diff') && document.getElementById('origins-diff').dataset.diff`, "the origins' difference", 10*time.Second)
	text = same.text("#origins-diff")
	require.Contains(t, text, "port")
	require.NotContains(t, text, "another site")
}

// TestLabShowsInputErrorsAsInputErrors enters headers pages cannot set. The
// lab used to show a red "Blocked", "needs a preflight, but the server saw
// none" and "Never sent: the preflight failed" (issue 16, defect 3).
func TestLabShowsInputErrorsAsInputErrors(t *testing.T) {
	for _, tc := range []struct{ headers, name, why string }{
		{"Bad Header: x", "Bad Header", "not an HTTP token"},
		{"Cookie: a=b", "Cookie", "forbidden"},
		{"Host: example.com", "Host", "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openLab(t, url.Values{"scenario": {"policy"}, "headers": {tc.headers}})
			p.clickCSS("#run")
			p.waitUntil(`document.getElementById('result').dataset.runs === '1'`, "the run to finish", 20*time.Second)
			require.Equal(t, "invalid", p.attrOf("#outcome", "data-outcome"))
			out := p.text("#outcome")
			require.Contains(t, out, tc.name)
			require.Contains(t, out, tc.why)
			require.Contains(t, out, "nothing was sent")
			result := shownText(p, "#result")
			for _, wrong := range []string{"Blocked", "server saw none", "preflight failed", "Every CORS check passed", "Actual request"} {
				require.NotContains(t, result, wrong)
			}
			require.NotContains(t, p.attrOf("#outcome", "class"), "blocked", "not the red CORS box")
			require.NotContains(t, out, "/api/echo", "the input error, not the helper's whole message")
		})
	}
}

// TestLabInputErrorReplacesTheLastCORSResult runs a CORS failure, then an
// input error, then the failure again: nothing of a run is left over in the
// next.
func TestLabInputErrorReplacesTheLastCORSResult(t *testing.T) {
	p := openLab(t, url.Values{"scenario": {"preflight-header"}})
	setHeaders := func(v string) {
		eval[bool](p, `(() => { const h = document.getElementById('headers'); h.value = `+jsQuote(v)+`; h.dispatchEvent(new Event('input')); return true; })()`)
	}
	require.Equal(t, "blocked", runLab(p, 1).outcome)
	require.Contains(t, shownText(p, "#preflight-note"), "asked first")
	require.Contains(t, shownText(p, "#result"), "Chrome's console says")

	setHeaders("Cookie: a=b")
	p.clickCSS("#run")
	p.waitUntil(`document.getElementById('result').dataset.runs === '2'`, "the run to finish", 20*time.Second)
	require.Equal(t, "invalid", p.attrOf("#outcome", "data-outcome"))
	result := shownText(p, "#result")
	require.NotContains(t, result, "asked first")
	require.NotContains(t, result, "HeaderDisallowedByPreflightResponse")
	require.NotContains(t, result, "Chrome's console says", "no console sentence for a request never sent")
	require.NotContains(t, result, "credfetch-doctor", "nor a doctor command")
	require.Empty(t, shownText(p, "#fix"), "no policy fixes an input error")
	require.Contains(t, p.text("#code-fetch"), "// Not sent")

	setHeaders("X-Demo: 1")
	run := runLab(p, 3)
	require.Equal(t, "blocked", run.outcome)
	require.Equal(t, "HeaderDisallowedByPreflightResponse", run.pageReason)
	require.Contains(t, shownText(p, "#result"), "HeaderDisallowedByPreflightResponse")
	require.Contains(t, shownText(p, "#preflight-note"), "asked first", "the exchanges show again")
}

// TestLabRefusesAHugeHeaderAsAnInputError enters a 70,000-byte header value,
// which the API origin would answer with 431 and no CORS headers before any
// CORS check. Before, the page said "Blocked", "Every CORS check passed" and
// "Never sent: the preflight failed" at once and echoed the value into the
// code boxes (a page about 109,000 px tall). Now it is an input error naming
// the header and its size, nothing is sent, and the code boxes cut the value
// short (issue 16, defect 1).
func TestLabRefusesAHugeHeaderAsAnInputError(t *testing.T) {
	p := openLab(t, url.Values{"scenario": {"policy"}})
	huge := strings.Repeat("a", 70000)
	eval[bool](p, `(() => { const h = document.getElementById('headers'); h.value = 'X-Big: `+huge+`'; h.dispatchEvent(new Event('input')); return true; })()`)
	out := runInputError(p)
	require.Contains(t, out, "X-Big is 70000 bytes")
	require.Contains(t, out, "nothing was sent")
	result := shownText(p, "#result")
	for _, wrong := range []string{"Blocked", "Every CORS check passed", "preflight failed"} {
		require.NotContains(t, result, wrong)
	}
	height := eval[float64](p, `document.documentElement.scrollHeight`)
	require.Less(t, height, 6000.0, "the value is not echoed whole into the page")
	require.Contains(t, eval[string](p, `document.body.innerText`), "(70000 characters)", "the code samples say how long the value was")
}
