package demo

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// openStream opens GET /events on a raw connection and never reads what
// the server sends: a client that stopped reading.
func openStream(t *testing.T, srv *Server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.PageURL(), "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = fmt.Fprintf(conn, "GET /events HTTP/1.1\r\nHost: %s\r\n\r\n", strings.TrimPrefix(srv.PageURL(), "http://"))
	require.NoError(t, err)
	return conn
}

// trickle starts a request on a raw connection to origin whose body comes
// one byte every interval and never ends.
func trickle(t *testing.T, origin, path string, interval time.Duration) net.Conn {
	t.Helper()
	host := strings.TrimPrefix(origin, "http://")
	conn, err := net.Dial("tcp", host)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", path, host)
	require.NoError(t, err)
	go func() {
		for {
			time.Sleep(interval)
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	return conn
}

// TestFanOutNeverBlocksARequest keeps 50 streams open that never read,
// then sends 300 API requests: each is answered and reaches the log, and
// the streams stay open (they send a bounded batch at a time; before, a
// stream more than 256 exchanges behind was closed).
func TestFanOutNeverBlocksARequest(t *testing.T) {
	srv := startWith(t, Options{})
	for range 50 {
		openStream(t, srv)
	}
	require.Eventually(t, func() bool { return streamsOpen(srv) == 50 }, 5*time.Second, 10*time.Millisecond)
	padding := strings.Repeat("x", 1000)
	var wg sync.WaitGroup
	for i := range 300 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, body := call(t, nil, "PUT", srv.APIURL()+"/api/echo", padding, "Origin", srv.PageURL(), "X-Demo", fmt.Sprint(i, padding))
			require.Equal(t, http.StatusOK, res.StatusCode, body)
		}()
	}
	wg.Wait()
	require.Equal(t, uint64(300), srv.live.last())
	require.Equal(t, 50, streamsOpen(srv), "the streams that never read are still open, costing no request anything")
}

// streamsOpen is the number of live-log streams open.
func streamsOpen(srv *Server) int {
	srv.live.mu.Lock()
	defer srv.live.mu.Unlock()
	return srv.live.streams
}

// TestStreamCapAnswers503 opens as many streams as the cap allows: one more
// is refused with 503 and a reason, and closing one makes room.
func TestStreamCapAnswers503(t *testing.T) {
	srv := startWith(t, Options{MaxStreams: 2})
	first := openStream(t, srv)
	openStream(t, srv)
	require.Eventually(t, func() bool { return streamsOpen(srv) == 2 }, 5*time.Second, 10*time.Millisecond)
	res, body := call(t, nil, "GET", srv.PageURL()+"/events", "")
	require.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
	require.Equal(t, "30", res.Header.Get("Retry-After"))
	require.Contains(t, errorOf(t, body), "the live log already has 2 streams open, its limit")
	first.Close()
	require.Eventually(t, func() bool { return streamsOpen(srv) == 1 }, 5*time.Second, 10*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", srv.PageURL()+"/events", nil)
	require.NoError(t, err)
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "a closed stream frees its place")
}

// TestHugeRefusedPreflightIsLoggedSmall sends a preflight asking for 10,000
// header names (about 59 KB), which the policy refuses unread: its log entry
// stays under maxEntryBytes and carries no fix (no policy allows it). Before,
// it took 329,740 bytes of the log.
func TestHugeRefusedPreflightIsLoggedSmall(t *testing.T) {
	srv := startWith(t, Options{})
	names := make([]string, 10000)
	for i := range names {
		names[i] = fmt.Sprintf("h%d", i)
	}
	acrh := strings.Join(names, ",")
	require.Greater(t, len(acrh), 58000, "about 59 KB")
	res, _ := call(t, nil, "OPTIONS", srv.APIURL()+"/api/echo", "",
		"Origin", srv.PageURL(), "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", acrh)
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	_, body := call(t, nil, "GET", srv.PageURL()+"/log.json", "")
	var log struct{ Exchanges []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(body), &log))
	require.Len(t, log.Exchanges, 1)
	entry := log.Exchanges[0]
	require.LessOrEqual(t, len(entry), maxEntryBytes, "the entry is bounded")
	var e Exchange
	require.NoError(t, json.Unmarshal(entry, &e))
	require.Equal(t, "request-headers-too-long", string(e.Policy.Reason))
	require.Nil(t, e.Fix, "no fix for what no policy allows")
	require.Contains(t, e.Request.Header.Get("Access-Control-Request-Headers"), "cut short in the log")
}

// TestEveryEntryStaysBounded logs requests that are large in every way the
// API origin accepts (header lines up to its 64 KB limit): each entry is at
// most maxEntryBytes and still names the request.
func TestEveryEntryStaysBounded(t *testing.T) {
	srv := startWith(t, Options{})
	var hdr []string
	for i := range 200 {
		hdr = append(hdr, fmt.Sprintf("X-Many-%d", i), strings.Repeat("v", 250))
	}
	res, _ := call(t, nil, "PUT", srv.APIURL()+"/api/echo", "x", append(hdr, "Origin", srv.PageURL())...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	_, body := call(t, nil, "GET", srv.PageURL()+"/log.json", "")
	var log struct{ Exchanges []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(body), &log))
	entry := log.Exchanges[len(log.Exchanges)-1]
	require.LessOrEqual(t, len(entry), maxEntryBytes)
	var e Exchange
	require.NoError(t, json.Unmarshal(entry, &e))
	require.True(t, e.Shortened)
	require.Equal(t, "PUT", e.Method)
	require.Contains(t, e.Request.Header.Get("…"), "more header names left out of the log")
}

// TestSlowBodyOnThePageOriginIsCut trickles a body to the page origin one
// byte at a time: the connection is closed once the read timeout passes,
// instead of being held for good.
func TestSlowBodyOnThePageOriginIsCut(t *testing.T) {
	plain := startWith(t, Options{})
	require.Equal(t, pageReadTimeout, plain.page.ReadTimeout, "the page origin bounds reading a request")
	require.Positive(t, plain.page.ReadTimeout)
	require.Positive(t, plain.page.WriteTimeout, "and writing its answer")
	// The same with a read timeout short enough for a test.
	srv := startHooked(t, Options{}, func(s *Server) { s.page.ReadTimeout = 300 * time.Millisecond })
	conn := trickle(t, srv.PageURL(), "/index.html", 50*time.Millisecond)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	start := time.Now()
	_, err := io.Copy(io.Discard, bufio.NewReader(conn))
	var ne net.Error
	require.False(t, errors.As(err, &ne) && ne.Timeout(), "the server closed the connection (not our 5 s deadline): %v", err)
	require.Less(t, time.Since(start), 3*time.Second)
}

// TestShutdownEndsWithinTheGraceDespiteStuckClients holds a stream that
// never reads and a body that never ends, then shuts down with a one-second
// grace: Shutdown returns nil within it (plus a margin), where it used to
// wait out the grace and fail.
func TestShutdownEndsWithinTheGraceDespiteStuckClients(t *testing.T) {
	srv, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", SessionKey: testKey,
		Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	openStream(t, srv)
	trickle(t, srv.APIURL(), "/api/items", 50*time.Millisecond)
	require.Eventually(t, func() bool { return streamsOpen(srv) == 1 && srv.requests.Load() >= 1 }, 5*time.Second, 10*time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	require.NoError(t, srv.Shutdown(ctx))
	require.Less(t, time.Since(start), 2*time.Second)
	require.NoError(t, <-served)
}
