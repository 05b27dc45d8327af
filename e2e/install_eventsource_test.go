//go:build e2e

package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// cookieStream serves /stream as Server-Sent Events: one message that names
// the cookies the request carried ("none" without any), answering CORS with
// credentials for any origin so that the browser lets the page read it.
func cookieStream() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		credentialedCORS(w, r)
		var names []string
		for _, c := range r.Cookies() {
			names = append(names, c.Name)
		}
		if len(names) == 0 {
			names = []string{"none"}
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, "retry: 60000\ndata: %s\n\n", strings.Join(names, ","))
	})
}

func TestEventSourceUnderInstallCarriesTheCookieToTrustedOriginsOnly(t *testing.T) {
	trusted := serveFixture(t, cookieStream())
	untrusted := serveFixture(t, cookieStream())
	// Logged in to the demo API on localhost: its host-only cookie would go to
	// both fixture servers (localhost, another port) whenever a request
	// carries credentials.
	p := openLibraryPage(t, "jquery.js", "ada")
	got := eval[map[string]any](p, `(async () => {
		const Native = EventSource;
		const first = (url, init) => new Promise((resolve, reject) => {
			const es = init === undefined ? new EventSource(url) : new EventSource(url, init);
			es.onmessage = (e) => { es.close(); resolve(e.data); };
			es.onerror = () => { es.close(); reject(new Error('EventSource ' + url + ' failed')); };
		});
		const trusted = `+jsString(trusted+"/stream")+`, untrusted = `+jsString(untrusted+"/stream")+`;
		const before = await first(trusted);
		const uninstall = credfetch.install({ origins: [`+jsString(trusted)+`] });
		const patched = EventSource !== Native;
		const es = new EventSource(untrusted);
		const isEventSource = es instanceof Native && EventSource.OPEN === 1 && es.withCredentials === false;
		es.close();
		const trustedStream = new EventSource(trusted);
		const flagged = trustedStream.withCredentials;
		trustedStream.close();
		const during = await first(trusted);
		const other = await first(untrusted);
		const declined = await first(trusted, { withCredentials: false });
		uninstall();
		const after = await first(trusted);
		return { before, patched, isEventSource, flagged, during, other, declined, after, restored: EventSource === Native };
	})()`)
	require.Equal(t, "none", got["before"], "a plain EventSource sends no cookie cross-origin")
	require.Equal(t, true, got["patched"], "install() puts its own EventSource in place")
	require.Equal(t, true, got["isEventSource"], "streams are still the browser's EventSource objects")
	require.Equal(t, true, got["flagged"], "a stream from a trusted origin opens withCredentials")
	require.Equal(t, "credfetch_session", got["during"], "under install() the stream from the trusted origin carries the session cookie")
	require.Equal(t, "none", got["other"], "a stream from an untrusted origin carries no cookie")
	require.Equal(t, "none", got["declined"], "the page's own withCredentials: false is kept")
	require.Equal(t, "none", got["after"], "after uninstall the stream sends no cookie")
	require.Equal(t, true, got["restored"], "uninstall puts the browser's own EventSource back")
}
