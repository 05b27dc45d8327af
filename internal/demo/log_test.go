package demo

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLiveLogKeepsTheLastExchanges(t *testing.T) {
	srv := startWith(t, Options{LogSize: 3})
	for range 5 {
		call(t, nil, "GET", srv.APIURL()+"/api/hello", "")
	}
	got := snapshot(t, srv, "")
	require.Len(t, got, 3)
	require.Equal(t, []uint64{3, 4, 5}, []uint64{got[0].Seq, got[1].Seq, got[2].Seq}, "oldest first, the first two dropped")
	require.Len(t, snapshot(t, srv, "since=4"), 1)
	require.Empty(t, snapshot(t, srv, "since=5"))

	res, body := call(t, nil, "GET", srv.PageURL()+"/log.json?since=x", "")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, errorOf(t, body), `since="x": give the seq of the last exchange seen`)
}

func TestLiveLogShowsExactHeadersWithCookieValuesRedacted(t *testing.T) {
	srv := startWith(t, Options{})
	call(t, nil, "POST", srv.APIURL()+"/api/login?tab=x1&cred=include", `{"user":"ada"}`,
		"Origin", srv.PageURL(), "X-Demo", "one", "Cookie", "credfetch_session=old-secret; theme=dark")
	e := lastExchange(t, srv)
	require.Equal(t, "cors", e.Kind)
	require.Equal(t, "POST", e.Method)
	require.Equal(t, srv.APIURL()+"/api/login?tab=x1&cred=include", e.URL)
	require.Equal(t, "x1", e.Tab)
	require.Equal(t, srv.PageURL(), e.Origin)
	require.Equal(t, []string{"one"}, e.Request.Header["X-Demo"])
	require.Equal(t, []string{strings.TrimPrefix(srv.APIURL(), "http://")}, e.Request.Header["Host"])
	require.Equal(t, []string{"credfetch_session=[redacted]; theme=[redacted]"}, e.Request.Header["Cookie"])
	require.Equal(t, int64(14), e.Request.BodyBytes)

	require.Equal(t, http.StatusOK, e.Response.Status)
	require.Equal(t, []string{"credfetch_session=[redacted]; Path=/; HttpOnly; SameSite=Lax"}, e.Response.Header["Set-Cookie"])
	require.Equal(t, []string{srv.PageURL()}, e.Response.Header["Access-Control-Allow-Origin"])
	require.Equal(t, []string{"1"}, e.Response.Header["X-Request-Id"])
	require.Equal(t, []string{"15"}, e.Response.Header["Content-Length"], "what net/http adds is shown too")
	require.NotEmpty(t, e.Response.Header["Date"])
	require.Equal(t, int64(15), e.Response.BodyBytes)

	require.True(t, e.Policy.Applied)
	require.True(t, e.Policy.Allowed)
	require.Equal(t, "allowed", string(e.Policy.Reason))
	require.Contains(t, e.Policy.Text, "CORS request, allowed [allowed]")
	require.True(t, e.Browser.OK)
	require.Equal(t, "include", e.Browser.Credentials)
	require.Contains(t, e.Browser.Exposed, "X-Request-Id")

	_, body := call(t, nil, "GET", srv.PageURL()+"/log.json", "")
	require.NotContains(t, body, "old-secret")
	require.NotContains(t, body, "ada.", "the new session cookie's value is not in the log")
}

func TestLiveLogShowsPreflightAndActualSeparately(t *testing.T) {
	srv := startWith(t, Options{})
	url := srv.APIURL() + "/api/items/1?tab=pf&cred=include"
	call(t, nil, "OPTIONS", url, "", "Origin", srv.PageURL(), "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "content-type")
	call(t, nil, "PATCH", url, `{"done":true}`, "Origin", srv.PageURL(), "Content-Type", "application/json")
	call(t, nil, "GET", srv.APIURL()+"/api/hello", "")

	got := snapshot(t, srv, "tab=pf")
	require.Len(t, got, 2, "the tab filter leaves the third request out")
	pre, act := got[0], got[1]
	require.Equal(t, "preflight", pre.Kind)
	require.Equal(t, http.StatusNoContent, pre.Response.Status)
	require.Equal(t, "preflight-allowed", string(pre.Policy.Reason))
	require.Equal(t, http.StatusNoContent, pre.Policy.Status)
	require.True(t, pre.Browser.OK)
	require.Contains(t, pre.Browser.Message, "The preflight passes")

	require.Equal(t, "cors", act.Kind)
	require.Equal(t, "PATCH", act.Method)
	require.Equal(t, http.StatusOK, act.Response.Status)
	require.True(t, act.Browser.OK)

	plain := lastExchange(t, srv)
	require.Equal(t, "plain", plain.Kind)
	require.False(t, plain.Browser.CORS)
	require.Nil(t, plain.Fix)
	require.Equal(t, "no-origin", string(plain.Policy.Reason))
}

// sse reads Server-Sent Events from a response.
type sse struct{ sc *bufio.Scanner }

// next returns the next event's id and data, skipping comments and retry.
func (s sse) next(t *testing.T) (id string, data string) {
	t.Helper()
	var event string
	for s.sc.Scan() {
		line := s.sc.Text()
		switch {
		case line == "" && data != "":
			require.Equal(t, "exchange", event)
			return id, data
		case strings.HasPrefix(line, "id: "):
			id = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
	t.Fatalf("the event stream ended: %v", s.sc.Err())
	return "", ""
}

func openEvents(t *testing.T, srv *Server, lastID string) (*http.Response, sse) {
	t.Helper()
	req, err := http.NewRequest("GET", srv.PageURL()+"/events", nil)
	require.NoError(t, err)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "text/event-stream; charset=utf-8", res.Header.Get("Content-Type"))
	return res, sse{bufio.NewScanner(res.Body)}
}

func TestEventsStreamTheLogAndResume(t *testing.T) {
	srv := startWith(t, Options{})
	call(t, nil, "GET", srv.APIURL()+"/api/hello", "") // before anyone listens
	_, events := openEvents(t, srv, "")

	id, data := events.next(t)
	require.Equal(t, "1", id, "the backlog comes first")
	var e Exchange
	require.NoError(t, json.Unmarshal([]byte(data), &e))
	require.Equal(t, "/api/hello", e.Path)

	call(t, nil, "GET", srv.APIURL()+"/api/whoami", "", "Origin", srv.PageURL())
	id, data = events.next(t)
	require.Equal(t, "2", id, "then live exchanges")
	require.NoError(t, json.Unmarshal([]byte(data), &e))
	require.Equal(t, "/api/whoami", e.Path)
	require.Equal(t, http.StatusUnauthorized, e.Response.Status)

	call(t, nil, "GET", srv.APIURL()+"/api/echo", "")
	_, resumed := openEvents(t, srv, "2")
	id, _ = resumed.next(t)
	require.Equal(t, "3", id, "Last-Event-ID resumes after the last exchange seen")

	res, body := call(t, nil, "GET", srv.PageURL()+"/events?since=-1", "")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, errorOf(t, body), "give the seq of the last exchange seen")
}

func TestShutdownEndsEventStreamsAtOnce(t *testing.T) {
	srv, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	_, events := openEvents(t, srv, "")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	require.NoError(t, srv.Shutdown(ctx))
	require.Less(t, time.Since(start), 2*time.Second, "an open stream does not hold Shutdown up")
	require.NoError(t, <-done)
	ended := make(chan struct{})
	go func() {
		for events.sc.Scan() { // the retry line, then the end of the stream
		}
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(2 * time.Second):
		t.Fatal("the event stream is still open after Shutdown")
	}
}

func TestFollowersReadWhatTheyMissedAndLearnWhatWasLost(t *testing.T) {
	l := newLiveLog(10, 0)
	entries, lost, wake := l.follow(0, 100)
	require.Empty(t, entries)
	require.Zero(t, lost)
	for range 25 {
		l.add(&Exchange{})
	}
	select {
	case <-wake:
	default:
		t.Fatal("adding an entry wakes the followers")
	}
	entries, lost, _ = l.follow(20, 100)
	require.Len(t, entries, 5)
	require.Equal(t, uint64(21), entries[0].seq)
	require.Zero(t, lost)
	entries, lost, _ = l.follow(3, 100)
	require.Len(t, entries, 10, "the ring keeps 10")
	require.Equal(t, uint64(16), entries[0].seq)
	require.Equal(t, uint64(12), lost, "entries 4 to 15 left the ring")
	entries, lost, _ = l.follow(20, 2)
	require.Len(t, entries, 2, "a batch holds the newest")
	require.Equal(t, uint64(24), entries[0].seq)
	require.Equal(t, uint64(3), lost, "21 to 23 left out")
	entries, _, _ = l.follow(25, 100)
	require.Empty(t, entries)
	require.Len(t, l.since(0, ""), 10)
	require.Equal(t, uint64(25), l.last())
}

// TestLiveLogHidesCredentialsBesidesCookies checks that the live log, which
// any page of the page origin can read, shows no credential: Authorization
// keeps only its scheme, an XSRF header equal to the cookie's value says so
// instead of repeating it, and headers named like credentials are hidden,
// while ordinary headers stay as sent.
func TestLiveLogHidesCredentialsBesidesCookies(t *testing.T) {
	srv := startWith(t, Options{})
	call(t, nil, "PUT", srv.APIURL()+"/api/echo", "x",
		"Origin", srv.PageURL(), "Authorization", "Bearer s3cr3t-token", "Proxy-Authorization", "Basic cHJveHk6czNjcjN0", "Cookie", "XSRF-TOKEN=abc123; theme=dark",
		"X-XSRF-Token", "abc123", "X-Api-Key", "k-42", "X-Demo", "abc123-not-the-cookie", "X-Other", "dark")
	e := lastExchange(t, srv)
	h := e.Request.Header
	require.Equal(t, []string{"Bearer [redacted]"}, h["Authorization"])
	require.Equal(t, []string{"Basic [redacted]"}, h["Proxy-Authorization"])
	require.Equal(t, []string{"[redacted: the value of cookie XSRF-TOKEN]"}, h["X-Xsrf-Token"])
	require.Equal(t, []string{"[redacted]"}, h["X-Api-Key"])
	require.Equal(t, []string{"abc123-not-the-cookie"}, h["X-Demo"], "other headers stay as sent")
	require.Equal(t, []string{"[redacted: the value of cookie theme]"}, h["X-Other"], "a value equal to a cookie's is hidden whatever the name")
	require.Equal(t, []string{"XSRF-TOKEN=[redacted]; theme=[redacted]"}, h["Cookie"])
	for _, v := range h {
		for _, s := range v {
			require.NotContains(t, s, "s3cr3t")
			require.NotContains(t, s, "k-42")
		}
	}
	// A login's Set-Cookie: the log names the cookie, never its value.
	res, _ := call(t, nil, "POST", srv.APIURL()+"/api/login", `{"user":"ada"}`, "Origin", srv.PageURL(), "Content-Type", "application/json")
	var session string
	for _, c := range res.Cookies() {
		session = c.Value
	}
	require.NotEmpty(t, session, "the login set the session cookie")
	_, body := call(t, nil, "GET", srv.PageURL()+"/log.json", "")
	require.Contains(t, body, "Bearer [redacted]")
	require.Contains(t, body, "credfetch_session=")
	for _, secret := range []string{"s3cr3t", "cHJveHk6czNjcjN0", "abc123\"", session} {
		require.NotContains(t, body, secret)
	}
}
