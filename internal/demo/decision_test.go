package demo

import (
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/credfetch/credfetch/cors"
	"github.com/stretchr/testify/require"
)

// madeDecision is one decision the policy made, as the decided hook saw it.
type madeDecision struct {
	d      cors.Decision
	byWrap bool
}

// TestThePolicyDecidesOncePerRequest counts the decisions the API origin's
// policy makes on each request, Wrap's and Explain's, through the server's
// decided hook: one per request, Wrap's wherever Wrap serves the request,
// and the very one the live log shows, the write protection's verdict
// included. Before the observer, record and the demo's own guard of
// state-changing requests asked Explain besides Wrap: two or three
// decisions per request.
func TestThePolicyDecidesOncePerRequest(t *testing.T) {
	var (
		mu   sync.Mutex
		made = map[string][]madeDecision{} // by the request's n= query parameter
	)
	srv := startHooked(t, Options{}, func(s *Server) {
		s.decided = func(r *http.Request, d cors.Decision, byWrap bool) {
			mu.Lock()
			defer mu.Unlock()
			n := r.URL.Query().Get("n")
			made[n] = append(made[n], madeDecision{d, byWrap})
		}
	})
	page, evil := srv.PageURL(), "https://evil.example"
	preflightTo := func(origin, method, headers string) []string {
		return []string{"Origin", origin, "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers}
	}
	cases := []struct {
		method, path, body string
		header             []string
		status             int
		byWrap             bool
		guarded            bool
	}{
		{"OPTIONS", "/api/items/1", "", preflightTo(page, "PATCH", "content-type"), http.StatusNoContent, true, false},
		{"OPTIONS", "/api/items/1", "", preflightTo(page, "PATCH", "x-other"), http.StatusForbidden, true, false},
		{"OPTIONS", "/api/items/1", "", preflightTo(evil, "PUT", "content-type"), http.StatusForbidden, true, false},
		{"OPTIONS", "/api/login", "", nil, http.StatusNoContent, true, false},
		{"GET", "/api/hello", "", []string{"Origin", page}, http.StatusOK, true, false},
		{"GET", "/api/hello", "", []string{"Origin", evil}, http.StatusOK, true, false},
		{"GET", "/api/hello", "", nil, http.StatusOK, true, false},
		{"GET", "/api/nope", "", []string{"Origin", page}, http.StatusNotFound, true, false},
		{"POST", "/api/login", `{"user":"ada"}`, []string{"Origin", page}, http.StatusOK, true, false},
		{"POST", "/api/login", `{"user":"ada"}`, nil, http.StatusOK, true, false},
		{"POST", "/api/login", `{"user":"ada"}`, []string{"Origin", evil}, http.StatusForbidden, true, true},
		{"PUT", "/api/items/1", `{"done":true}`, []string{"Origin", evil}, http.StatusForbidden, true, true},
		{"DELETE", "/api/items/1", "", []string{"Origin", "null"}, http.StatusForbidden, true, true},
		{"GET", "/lab/no-acao", "", []string{"Origin", page}, http.StatusOK, false, false},
		{"OPTIONS", "/lab/preflight-header", "", preflightTo(page, "PUT", "x-custom"), http.StatusNoContent, false, false},
		{"GET", "/elsewhere", "", []string{"Origin", page}, http.StatusNotFound, false, false},
	}
	for i, c := range cases {
		n := strconv.Itoa(i)
		res, body := call(t, nil, c.method, srv.APIURL()+c.path+"?n="+n, c.body, c.header...)
		require.Equal(t, c.status, res.StatusCode, "%d: %s %s %v: %s", i, c.method, c.path, c.header, body)

		mu.Lock()
		got := made[n]
		mu.Unlock()
		require.Len(t, got, 1, "%d: %s %s: one decision per request", i, c.method, c.path)
		d := got[0].d
		require.Equal(t, c.byWrap, got[0].byWrap, "%d: %s %s: Wrap's decision wherever Wrap serves the request", i, c.method, c.path)

		e := lastExchange(t, srv)
		require.Equal(t, res.Header.Get(RequestIDHeader), strconv.FormatUint(e.RequestID, 10))
		require.Equal(t, d.String(), e.Policy.Text, "%d: the log shows the decision made", i)
		require.Equal(t, d.Reason, e.Policy.Reason)
		require.Equal(t, d.Allowed, e.Policy.Allowed)
		require.Equal(t, d.Message, e.Policy.Message)
		require.Equal(t, d.Status, e.Policy.Status)
		require.Equal(t, c.guarded, d.Write.Refused, "%d: %s", i, d.Write.Message)
		if c.guarded {
			require.Equal(t, "cors: "+d.Write.Message+"\n", body, "%d: the write protection says why, in the decision made", i)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, made, len(cases), "no decision on a request outside the table (the log's own requests are the page origin's)")
}

// TestTheLogShowsTheDecisionWrapMade checks, through the observer of
// Options.CORS, that the live log shows the very Decision that Wrap handed
// over, not an equal one decided again: the observer marks the Decision's
// Header, which the server keeps, and the mark shows in the log. A request
// that Wrap does not serve (the lab's) is decided by Explain, unmarked.
func TestTheLogShowsTheDecisionWrapMade(t *testing.T) {
	cfg := DefaultCORS()
	var observed atomic.Int64
	cfg.Observe = func(_ *http.Request, d cors.Decision) {
		observed.Add(1)
		d.Header.Set("X-Observed", "by the test")
	}
	srv := startWith(t, Options{CORS: &cfg})

	call(t, nil, "OPTIONS", srv.APIURL()+"/api/echo", "", "Origin", srv.PageURL(), "Access-Control-Request-Method", "PUT")
	pre := lastExchange(t, srv)
	call(t, nil, "PUT", srv.APIURL()+"/api/items/1", `{"done":true}`, "Origin", "https://evil.example")
	refused := lastExchange(t, srv)
	call(t, nil, "GET", srv.APIURL()+"/lab/no-acao", "", "Origin", srv.PageURL())
	lab := lastExchange(t, srv)

	require.Equal(t, int64(2), observed.Load(), "one decision per request that Wrap serves")
	for _, e := range []Exchange{pre, refused} {
		require.Equal(t, "by the test", e.Policy.Header.Get("X-Observed"), "%s %s", e.Method, e.Path)
		require.Contains(t, e.Policy.Text, "X-Observed: by the test")
		require.Empty(t, e.Response.Header.Get("X-Observed"), "the Decision's Header is a copy: the response is untouched")
	}
	require.Equal(t, "preflight-allowed", string(pre.Policy.Reason))
	require.Equal(t, "origin-not-allowed", string(refused.Policy.Reason))
	require.Equal(t, http.StatusForbidden, refused.Response.Status, "the write protection refused it")
	require.Empty(t, lab.Policy.Header.Get("X-Observed"), "Wrap does not serve the lab")
	require.False(t, lab.Policy.Applied)

	require.NotNil(t, srv.Policy().Observe, "Policy returns the Config given, observer included")
}
