package client

import (
	"context"
	"errors"
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

// failing is a transport whose every attempt fails as the browser's fetch()
// does, with no reason, counting the attempts.
type failing struct{ attempts int }

func (f *failing) RoundTrip(context.Context, *fetch.Request) (*fetch.Response, error) {
	f.attempts++
	return nil, errors.New("TypeError: Failed to fetch")
}

// probeClient returns a client on page whose requests fail, retried up to
// twice, and whose probe finds the server answering or not.
func probeClient(t *testing.T, s fetch.Settings, answers bool) (*Client, *failing, *fakeEnv) {
	t.Helper()
	tr := &failing{}
	s.Transport = tr
	s.Retry = fetch.RetryPolicy{Limit: 2}
	env := &fakeEnv{page: page, answers: answers}
	c, err := newClient(s, env.environment())
	require.NoError(t, err)
	return c, tr, env
}

func TestDoTellsACORSRefusalFromAnUnreachableServer(t *testing.T) {
	const api = "https://api.example.com/v1/me"
	c, tr, env := probeClient(t, fetch.Settings{}, true)
	_, err := c.Do(t.Context(), &fetch.Request{URL: api})
	require.ErrorIs(t, err, fetch.ErrCORS, "the server answered the probe")
	require.NotErrorIs(t, err, fetch.ErrNetwork)
	require.ErrorContains(t, err, "Failed to fetch", "the browser's error stays the cause")
	require.ErrorContains(t, err, "Access-Control-Allow-Origin")
	require.Equal(t, 1, tr.attempts, "a CORS refusal is never retried")
	require.Equal(t, []string{api}, env.probed)
	require.Empty(t, env.waits)

	c, tr, env = probeClient(t, fetch.Settings{}, false)
	_, err = c.Do(t.Context(), &fetch.Request{URL: api})
	require.ErrorIs(t, err, fetch.ErrNetwork, "the probe failed too: the server is unreachable")
	require.Equal(t, 3, tr.attempts, "a network error is retried")
	require.Len(t, env.probed, 3, "each failed attempt is probed")
}

func TestDoNeverProbesSameOriginOrWhenTurnedOff(t *testing.T) {
	c, _, env := probeClient(t, fetch.Settings{}, true)
	_, err := c.Do(t.Context(), &fetch.Request{URL: "/api/me"})
	require.ErrorIs(t, err, fetch.ErrNetwork, "a same-origin request meets no CORS")
	require.Empty(t, env.probed)

	c, tr, env := probeClient(t, fetch.Settings{NoCORSProbe: true}, true)
	_, err = c.Do(t.Context(), &fetch.Request{URL: "https://api.example.com/"})
	require.ErrorIs(t, err, fetch.ErrNetwork, "Settings.NoCORSProbe")
	require.Empty(t, env.probed)
	require.Equal(t, 3, tr.attempts)

	c, _, env = probeClient(t, fetch.Settings{}, true)
	_, err = c.Do(t.Context(), &fetch.Request{URL: "https://api.example.com/", Mode: fetch.NoCORS})
	require.ErrorIs(t, err, fetch.ErrNetwork, "no-cors mode")
	require.Empty(t, env.probed)
}

func TestDoNeverProbesAnAbortOrATransportsOwnError(t *testing.T) {
	env := &fakeEnv{page: page, answers: true}
	ctx, cancel := context.WithCancel(t.Context())
	tr := fetch.TransportFunc(func(context.Context, *fetch.Request) (*fetch.Response, error) {
		cancel()
		return nil, context.Canceled
	})
	c, err := newClient(fetch.Settings{Transport: tr}, env.environment())
	require.NoError(t, err)
	_, err = c.Do(ctx, &fetch.Request{URL: "https://api.example.com/"})
	require.ErrorIs(t, err, fetch.ErrAborted)
	require.Empty(t, env.probed, "an abort is no network failure")

	tr = func(context.Context, *fetch.Request) (*fetch.Response, error) {
		return nil, &fetch.Error{Kind: fetch.ErrInvalid, Err: errors.New("bad body")}
	}
	c, err = newClient(fetch.Settings{Transport: tr}, env.environment())
	require.NoError(t, err)
	_, err = c.Do(t.Context(), &fetch.Request{URL: "https://api.example.com/"})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.Empty(t, env.probed)
}

func TestPrepareRefusesANonLatin1HeaderBeforeSending(t *testing.T) {
	c, rec, _ := newTestClient(t, fetch.Settings{}, page)
	_, err := c.Do(t.Context(), &fetch.Request{URL: "https://api.example.com/", Header: fetch.Header{"X-Greeting": {"héllo ☃"}}})
	require.ErrorIs(t, err, fetch.ErrInvalid)
	require.ErrorContains(t, err, "header X-Greeting value")
	require.Empty(t, rec.got, "nothing was sent")
}
