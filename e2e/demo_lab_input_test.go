//go:build e2e

package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// shownText is the rendered text of the element matching selector, or "" when
// there is none or it is hidden. Unlike p.text, it does not wait.
func shownText(p *page, selector string) string {
	p.t.Helper()
	return eval[string](p, `(() => { const e = document.querySelector(`+jsQuote(selector)+`);
		return e && !e.hidden && !e.closest('[hidden]') ? e.innerText : ''; })()`)
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
