//go:build e2e

package e2e

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// countingServer counts the requests it gets by method and path.
type countingServer struct {
	mu   sync.Mutex
	seen map[string]int
}

func (s *countingServer) count(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[method+" "+path]
}

// startRefusingServer starts a server that answers every request without
// CORS headers (/refuse/...), or drops the connection without an answer
// (/drop/...), counting the requests.
func startRefusingServer(t *testing.T) (string, *countingServer) {
	t.Helper()
	s := &countingServer{seen: map[string]int{}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		if len(r.URL.Path) >= 6 && r.URL.Path[:6] == "/drop/" {
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		// A fresh connection per request: Chromium resends a request once by
		// itself when a reused connection closes without an answer.
		w.Header().Set("Connection", "close")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(`{"secret":true}`))
	})
	return serveFixture(t, h), s
}

// TestJSAPITellsCORSFromNetwork: a server that answers without CORS headers
// fails with code 'cors' (probed, never retried), one that does not answer
// or a closed port with code 'network' (retried), over both transports and
// credfetch.fetch and a page's fetch under install(); noCORSProbe turns the
// probe off.
func TestJSAPITellsCORSFromNetwork(t *testing.T) {
	refusing, srv := startRefusingServer(t)
	closed := closedOrigin(t)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const refusing = `+jsString(refusing)+`, closed = `+jsString(closed)+`;
		const code = (p) => p.then(() => 'resolved', (e) => e.code + ' ' + e.name + ' ' + (e instanceof TypeError));
		const retry = { limit: 2, delay: 1 };
		const out = {};
		for (const transport of ['fetch', 'xhr']) {
			out['refused ' + transport] = await code(credfetch.ajax({ url: refusing + '/refuse/' + transport, transport, retry }));
			out['dropped ' + transport] = await code(credfetch.ajax({ url: refusing + '/drop/' + transport, transport, retry }));
			out['closed ' + transport] = await code(credfetch.ajax({ url: closed + '/x', transport, retry }));
		}
		out['refused credfetch.fetch'] = await code(credfetch.fetch(refusing + '/refuse/fetchapi'));
		out['closed credfetch.fetch'] = await code(credfetch.fetch(closed + '/x'));
		const off = credfetch.install({ origins: [refusing] });
		out['refused, installed fetch'] = await code(fetch(refusing + '/refuse/installed'));
		off();
		out.message = await credfetch.ajax(refusing + '/refuse/message').catch((e) => e.message);
		out.setup = credfetch.ajaxSetup({ noCORSProbe: true }).noCORSProbe;
		out['opted out'] = await code(credfetch.ajax({ url: refusing + '/refuse/off', retry }));
		out['opted out, fetch'] = await code(credfetch.fetch(refusing + '/refuse/offfetch'));
		out.back = credfetch.ajaxSetup({ noCORSProbe: false }).noCORSProbe;
		return out;
	})()`)
	msg := got["message"]
	delete(got, "message")
	require.Equal(t, map[string]any{
		"refused fetch": "cors CORSError true", "refused xhr": "cors CORSError true",
		"dropped fetch": "network NetworkError true", "dropped xhr": "network NetworkError true",
		"closed fetch": "network NetworkError true", "closed xhr": "network NetworkError true",
		"refused credfetch.fetch": "cors CORSError true", "closed credfetch.fetch": "network NetworkError true",
		"refused, installed fetch": "cors CORSError true", "setup": true, "back": false,
		"opted out": "network NetworkError true", "opted out, fetch": "network NetworkError true",
	}, got)
	for _, want := range []string{"the browser refused the response under CORS", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "DevTools", "credfetch-doctor"} {
		require.Contains(t, msg, want)
	}
	for _, transport := range []string{"fetch", "xhr"} {
		require.Equal(t, 1, srv.count("GET", "/refuse/"+transport), "a 'cors' failure is never retried (%s)", transport)
		require.Equal(t, 1, srv.count("HEAD", "/refuse/"+transport), "one probe (%s)", transport)
		require.Equal(t, 3, srv.count("GET", "/drop/"+transport), "a 'network' failure is retried: the first attempt and two retries (%s)", transport)
		require.Equal(t, 3, srv.count("HEAD", "/drop/"+transport), "each failed attempt is probed (%s)", transport)
	}
	require.Equal(t, 1, srv.count("HEAD", "/refuse/fetchapi"))
	require.Equal(t, 1, srv.count("HEAD", "/refuse/installed"), "install()'s fetch probes too")
	require.Equal(t, 3, srv.count("GET", "/refuse/off"), "opted out: a network error, retried")
	require.Zero(t, srv.count("HEAD", "/refuse/off"), "opted out: no probe")
	require.Zero(t, srv.count("HEAD", "/refuse/offfetch"))
}

// TestJSAPIRefusesHeaderValuesTheBrowserCannotSend: a header value that is
// not Latin-1, or holds CR or LF, is code 'invalid' naming the header, over
// both transports and credfetch.fetch, and nothing is sent; Chromium's own
// fetch() and XMLHttpRequest throw for such a value.
func TestJSAPIRefusesHeaderValuesTheBrowserCannotSend(t *testing.T) {
	refusing, srv := startRefusingServer(t)
	p := openLoaded(t)
	got := eval[map[string]any](p, `(async () => {
		const url = `+jsString(refusing)+` + '/refuse/header';
		const code = (p) => p.then(() => 'resolved', (e) => e.code + ' ' + e.name + ': ' + e.message);
		const out = {};
		for (const transport of ['fetch', 'xhr']) {
			out['snowman ' + transport] = await code(credfetch.ajax({ url, transport, headers: { 'X-Greeting': 'héllo ☃' } }));
			out['CRLF ' + transport] = await code(credfetch.ajax({ url, transport, headers: [['X-Greeting', 'a\r\nX-Injected: 1']] }));
		}
		out['snowman credfetch.fetch'] = await code(credfetch.fetch(url, { headers: { 'X-Greeting': 'héllo ☃' } }));
		out['chromium fetch'] = await fetch(url, { headers: { 'X-Greeting': 'héllo ☃' } }).then(() => 'resolved', (e) => e.name);
		try {
			const x = new XMLHttpRequest();
			x.open('GET', url);
			x.setRequestHeader('X-Greeting', 'héllo ☃');
			out['chromium xhr'] = 'no error';
		} catch (e) {
			out['chromium xhr'] = e.name;
		}
		return out;
	})()`)
	require.Equal(t, "TypeError", got["chromium fetch"], "Chromium's fetch() rejects such a value")
	// The XHR standard names a SyntaxError for a bad value, but the value is
	// a WebIDL ByteString, whose conversion throws first.
	require.Equal(t, "TypeError", got["chromium xhr"], "Chromium's setRequestHeader throws")
	for _, k := range []string{"snowman fetch", "snowman xhr", "snowman credfetch.fetch"} {
		require.Contains(t, got[k], "invalid TypeError: ", k)
		require.Contains(t, got[k], "header X-Greeting value", k)
		require.Contains(t, got[k], "not Latin-1", k)
	}
	for _, k := range []string{"CRLF fetch", "CRLF xhr"} {
		require.Contains(t, got[k], "invalid TypeError: ", k)
		require.Contains(t, got[k], "header X-Greeting value", k)
	}
	require.Zero(t, srv.count("GET", "/refuse/header")+srv.count("OPTIONS", "/refuse/header"), "nothing was sent")
}
