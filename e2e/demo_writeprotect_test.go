//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// writeAttack is a page script that tries to change the API's state the
// way any site can, with no CORS involved: a <form method=post> submitted
// into a frame (its text/plain body spells {"name":"form-TAG="}), and
// no-cors fetches that add an item and log in as mallory. CORS keeps the
// answers from the page; only the server can stop the effects.
const writeAttack = `(async (api, tag) => {
	const frame = document.createElement('iframe');
	frame.name = 'sink-' + tag;
	document.body.append(frame);
	const form = document.createElement('form');
	form.method = 'post';
	form.enctype = 'text/plain';
	form.target = frame.name;
	form.action = api + '/api/items';
	const field = document.createElement('input');
	field.name = '{"name":"form-' + tag;
	field.value = '"}';
	form.append(field);
	document.body.append(form);
	const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
	form.submit();
	await loaded;
	const opaque = { method: 'POST', mode: 'no-cors', credentials: 'include' };
	await fetch(api + '/api/items', { ...opaque, body: JSON.stringify({ name: 'fetch-' + tag }) });
	await fetch(api + '/api/login', { ...opaque, body: JSON.stringify({ user: 'mallory' }) });
	return 'sent';
})`

// blankPage serves an empty page, the attacker's, on its own origin.
var blankPage = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, `<!doctype html><meta charset="utf-8"><title>another site</title><link rel="icon" href="data:,"><body>`)
})

// serveOn serves h on host (with a free port) for one test and returns its
// origin.
func serveOn(t *testing.T, host string, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", host+":0")
	require.NoError(t, err)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + host + ":" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// itemNames lists the names of the demo API's items, asked from Go.
func itemNames(t *testing.T, api string) []string {
	t.Helper()
	res, err := http.Get(api + "/api/items")
	require.NoError(t, err)
	defer res.Body.Close()
	var body struct {
		Items []struct{ Name string } `json:"items"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	names := []string{}
	for _, it := range body.Items {
		names = append(names, it.Name)
	}
	return names
}

// sessionCookieValue returns the value of the browser's session cookie for
// api, read over CDP, or "".
func sessionCookieValue(t *testing.T, p *page, api string) string {
	t.Helper()
	var value string
	err := chromedp.Do(p.ctx, func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
		res, err := cdp.Call(ctx, target, network.GetCookies, network.GetCookiesParams{URLs: []string{api}})
		for _, c := range res.Cookies {
			if c.Name == demo.SessionCookie {
				value = c.Value
			}
		}
		return chromedp.Void{}, err
	})
	require.NoError(t, err)
	return value
}

// whoamiFrom asks the API who the user is from the trusted page, with
// credentials.
func whoamiFrom(p *page, api string) string {
	return eval[string](p, `fetch(`+jsQuote(api+"/api/whoami")+`, { credentials: 'include' }).then((r) => r.json()).then((b) => b.user || b.error)`)
}

// TestCrossSiteFormsAndNoCORSFetchesCannotWrite logs in on the trusted page,
// then has pages on two untrusted origins (a sibling on the same site, which
// the SameSite=Lax session cookie reaches, and another site) post a form and
// no-cors fetches to the API: the write protection of package cors refuses
// them all, so no item is added and the session stays ada's. The same
// requests from the trusted page origin act.
func TestCrossSiteFormsAndNoCORSFetchesCannotWrite(t *testing.T) {
	srv := startDemo(t, demo.Options{})
	api := srv.APIURL()
	trusted := openAt(t, srv.PageURL()+"/")
	login := `fetch(` + jsQuote(api+"/api/login") + `, { method: 'POST', credentials: 'include', body: '{"user":"ada"}' }).then((r) => r.status)`
	require.Equal(t, 200, eval[int](trusted, login))
	require.Equal(t, "ada", whoamiFrom(trusted, api))
	cookie := sessionCookieValue(t, trusted, api)
	require.NotEmpty(t, cookie)
	before := itemNames(t, api)

	for _, host := range []string{"localhost", "127.0.0.1"} {
		attacker := openAt(t, serveOn(t, host, blankPage)+"/")
		require.Equal(t, "sent", eval[string](attacker, writeAttack+`(`+jsQuote(api)+`, 'evil')`))
		require.Equal(t, before, itemNames(t, api), "%s: no item added by the form or the no-cors fetch", host)
		require.Equal(t, cookie, sessionCookieValue(t, trusted, api), "%s: no cookie set by the login", host)
		require.Equal(t, "ada", whoamiFrom(trusted, api), host)
		frame := eval[string](attacker, `document.querySelector('iframe').contentDocument === null ? 'cross-origin' : 'same'`)
		require.Equal(t, "cross-origin", frame, "the form's answer landed in the API's frame")
	}

	require.Equal(t, "sent", eval[string](trusted, writeAttack+`(`+jsQuote(api)+`, 'page')`))
	require.Equal(t, append(before, "form-page=", "fetch-page"), itemNames(t, api), "the trusted page origin may write, with a form and a no-cors fetch")
	require.Equal(t, "mallory", whoamiFrom(trusted, api), "and log in")
	require.NotEqual(t, cookie, sessionCookieValue(t, trusted, api))
}
