package demo

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	srv, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()

	type result struct {
		status int
		body   string
		err    error
	}
	slow := make(chan result, 1)
	go func() {
		res, err := http.Get(srv.APIURL() + "/api/delay?ms=400")
		if err != nil {
			slow <- result{err: err}
			return
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		slow <- result{res.StatusCode, string(body), err}
	}()
	require.Eventually(t, func() bool { return srv.requests.Load() == 1 }, 2*time.Second, 5*time.Millisecond, "the slow request is in flight")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	require.NoError(t, srv.Shutdown(ctx))
	require.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond, "Shutdown waited for the slow request")

	got := <-slow
	require.NoError(t, got.err)
	require.Equal(t, http.StatusOK, got.status)
	require.JSONEq(t, `{"waitedMs":400}`, got.body)
	require.NoError(t, <-served)

	_, err = http.Get(srv.APIURL() + "/api/hello")
	require.Error(t, err, "no new connections after Shutdown")
}

func TestShutdownGivesUpWhenItsContextEnds(t *testing.T) {
	srv, err := Listen(Options{PageAddr: "localhost:0", APIAddr: "localhost:0", Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	go func() {
		if res, err := http.Get(srv.APIURL() + "/api/delay?ms=3000"); err == nil {
			res.Body.Close()
		}
	}()
	require.Eventually(t, func() bool { return srv.requests.Load() == 1 }, 2*time.Second, 5*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	require.NoError(t, srv.Shutdown(ctx), "past the grace period Shutdown closes what is left")
	require.NoError(t, <-served)
}
