//go:build e2e

package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// customCase is the lab's custom scenario with the server's answer changed:
// the default answer (the page's origin, credentials, PUT and X-Demo
// allowed) with the given parameters set, or removed when "".
func customCase(change map[string]string, extra url.Values) url.Values {
	q := url.Values{"scenario": {"custom"}, "acao": {"origin"}, "acac": {"true"}, "acam": {"PUT"}, "acah": {"X-Demo"}}
	for k, v := range change {
		if v == "" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	for k, v := range extra {
		q[k] = v
	}
	return q
}

// TestCustomServerAnswersGetChromesOwnReason writes answers a server might
// give into the lab's custom scenario and runs each: the reason the page
// shows equals Chrome's CorsErrorStatus every time.
func TestCustomServerAnswersGetChromesOwnReason(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change map[string]string
		extra  url.Values
		want   string
	}{
		{"no Allow-Origin", map[string]string{"acao": ""}, nil, "PreflightMissingAllowOriginHeader"},
		{"* with credentials", map[string]string{"acao": "*"}, nil, "PreflightWildcardOriginNotAllowed"},
		{"Allow-Credentials in capitals", map[string]string{"acac": "TRUE"}, nil, "PreflightInvalidAllowCredentials"},
		{"preflight answered 500", map[string]string{"pstatus": "500"}, nil, "PreflightInvalidStatus"},
		{"method not listed", map[string]string{"acam": "GET, POST"}, nil, "MethodDisallowedByPreflightResponse"},
		{"header not listed", map[string]string{"acah": "Content-Type"}, nil, "HeaderDisallowedByPreflightResponse"},
		{"another origin on a simple GET", map[string]string{"acao": "https://app.example.com"}, url.Values{"method": {"GET"}, "headers": {""}}, "AllowOriginMismatch"},
		{"no Allow-Credentials over XMLHttpRequest", map[string]string{"acac": ""}, url.Values{"transport": {"xhr"}}, "PreflightInvalidAllowCredentials"},
		{"* and no credentials passes", map[string]string{"acao": "*", "acac": ""}, url.Values{"credentials": {"omit"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openLab(t, customCase(tc.change, tc.extra))
			require.Equal(t, "Your own server answer", p.text("#scenario-title"))
			require.False(t, eval[bool](p, `document.getElementById('answer').hidden`), "the answer form shows")
			requireChromesVerdict(t, runLab(p, 1), tc.want)
		})
	}
}

// TestApplyTheFixAndRunAgain runs a refused custom answer, then clicks
// "Apply this policy and run again": the same request, answered by the cors
// package configured with the suggested policy, reaches the page.
func TestApplyTheFixAndRunAgain(t *testing.T) {
	p := openLab(t, customCase(map[string]string{"acao": "*"}, nil))
	run := runLab(p, 1)
	require.Equal(t, "blocked", run.outcome)
	require.Equal(t, "PreflightWildcardOriginNotAllowed", run.pageReason)
	require.Contains(t, p.text("#fix-config"), "Credentials: true")

	w := watchNetwork(p)
	defer w.stop()
	p.clickCSS("#apply-fix")
	p.waitUntil(`document.getElementById('result').dataset.runs === '2'`, "the run with the fix to finish", 20*time.Second)
	require.Equal(t, "fix", p.attrOf("#result", "data-applied"))
	require.Equal(t, "ok", p.attrOf("#outcome", "data-outcome"))
	require.True(t, strings.HasPrefix(p.text("#outcome"), "With the suggested policy applied: Allowed"), p.text("#outcome"))
	require.Empty(t, w.corsErrors(), "Chrome allowed it too")
	pre, actual := w.requestsTo(suite.server.APIURL() + "/lab/fixed")
	require.Equal(t, 1, pre, "a preflight to the fixed policy")
	require.Equal(t, 1, actual)
	p.readmeShot("lab-custom", "#lab-form", 1100) // the README's picture of the custom answer

	// The settings stay those of the case: Run tries the written answer again.
	again := runLab(p, 3)
	require.Equal(t, "PreflightWildcardOriginNotAllowed", again.pageReason)
	require.Empty(t, p.attrOf("#result", "data-applied"))
}

// TestCustomAnswerLivesInTheLinkAndBadValuesAreInputErrors edits the answer
// form: the link to the case carries the answer, and a value no header can
// hold is an input error that sends nothing.
func TestCustomAnswerLivesInTheLinkAndBadValuesAreInputErrors(t *testing.T) {
	p := openLab(t, url.Values{"scenario": {"custom"}})
	require.Equal(t, "origin", eval[string](p, `document.getElementById('answer-acao').value`), "a bare link gets the default answer")
	eval[bool](p, `(() => { const f = document.getElementById('answer-acah'); f.value = 'X-Demo, X-Other'; f.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`)
	share, err := url.Parse(p.attrOf("#share", "href"))
	require.NoError(t, err)
	require.Equal(t, "X-Demo, X-Other", share.Query().Get("acah"))
	require.Equal(t, "origin", share.Query().Get("acao"))

	// Opening the shared link restores the same answer.
	again := openLab(t, share.Query())
	require.Equal(t, "X-Demo, X-Other", eval[string](again, `document.getElementById('answer-acah').value`))

	bad := openLab(t, customCase(map[string]string{"acah": "X-Démo"}, nil))
	w := watchNetwork(bad)
	defer w.stop()
	out := runInputError(bad)
	require.Contains(t, out, "Access-Control-Allow-Headers holds “é” at character 4")
	require.Contains(t, out, "Change the server's answer and run again")
	pre, actual := w.requestsTo(suite.server.APIURL() + "/lab/custom")
	require.Zero(t, pre+actual, "nothing was sent")
}
