//go:build e2e

package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLiveLogShowsNoCredentialTheLabSent logs in on the lab and runs a
// credentialed request with an Authorization and an XSRF header: the live
// log the page shows, and the /log.json any page of the origin can read,
// name the headers but hold none of the values (the session cookie's, from
// the login's Set-Cookie and the request's Cookie, included). Before, the
// log printed Authorization and X-XSRF-Token as sent (issue 16, defect 7).
func TestLiveLogShowsNoCredentialTheLabSent(t *testing.T) {
	const bearer, xsrf = "s3cr3t-from-the-lab", "xsrf-from-the-lab"
	p := openFreshLab(t, suite.server, url.Values{"scenario": {"max-age"}, "method": {"PUT"},
		"headers": {"Authorization: Bearer " + bearer + "\nX-XSRF-Token: " + xsrf}})
	logInOnThePanel(p, "ada")
	session := sessionCookieValue(t, p, suite.server.APIURL())
	require.NotEmpty(t, session, "the browser holds the session cookie")

	require.Equal(t, "ok", runLab(p, 1).outcome, "the scenario allows the asked headers")
	require.Equal(t, "session", p.attrOf("#cookie-note", "data-cookie"), "the cookie went")
	p.waitUntil(`[...document.querySelectorAll('#log .exchange')].some((e) => e.textContent.includes('Authorization'))`, "the PUT in the live log", 10*time.Second)

	shown := eval[string](p, `document.getElementById('log').textContent`)
	logJSON := eval[string](p, `fetch('/log.json').then((r) => r.text())`)
	for what, text := range map[string]string{"the page's live log": shown, "/log.json": logJSON} {
		require.Contains(t, text, "Bearer [redacted]", what)
		for _, secret := range []string{bearer, xsrf, session} {
			require.False(t, strings.Contains(text, secret), "%s shows a credential the lab sent", what)
		}
	}
	require.Contains(t, logJSON, "credfetch_session=[redacted]", "the Cookie header is named, its value hidden")
}
