package fetchhttp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/fetch/client"
	"github.com/stretchr/testify/require"
)

// echo is a fetch transport that answers with what it was sent.
func echo(status int) fetch.Transport {
	return fetch.TransportFunc(func(ctx context.Context, r *fetch.Request) (*fetch.Response, error) {
		body, _ := r.Body.([]byte)
		h := fetch.Header{"X-Method": {r.Method}, "X-Credentials": {string(r.Credentials)}, "X-Token": r.Header.Values("X-Token")}
		return fetch.NewResponse(status, "", r.URL, false, h, append([]byte("got:"), body...), nil), nil
	})
}

func TestRoundTripperSendsThroughTheClient(t *testing.T) {
	c, err := client.New(fetch.Settings{
		Transport:      echo(201),
		Credentials:    fetch.Include,
		TrustedOrigins: []string{"https://api.example.com"},
	})
	require.NoError(t, err)
	c.Prefilter(func(r *fetch.Request) error { r.Header.Set("X-Token", "from-prefilter"); return nil })

	hc := &http.Client{Transport: RoundTripper(c)}
	res, err := hc.Post("https://api.example.com/items", "application/json", strings.NewReader(`{"a":1}`))
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)

	require.Equal(t, 201, res.StatusCode)
	require.Equal(t, "201 Created", res.Status)
	require.Equal(t, `got:{"a":1}`, string(body))
	require.Equal(t, int64(len(body)), res.ContentLength)
	require.Equal(t, "POST", res.Header.Get("X-Method"))
	require.Equal(t, "include", res.Header.Get("X-Credentials"), "trusted origin: the client's credentials")
	require.Equal(t, "from-prefilter", res.Header.Get("X-Token"))
}

func TestRoundTripperReturnsRejectedStatusesAsResponses(t *testing.T) {
	c, err := client.New(fetch.Settings{Transport: echo(503), ValidateStatus: fetch.StatusOK})
	require.NoError(t, err)
	res, err := (&http.Client{Transport: RoundTripper(c)}).Get("https://api.example.com/x")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 503, res.StatusCode)
}

func TestRoundTripperErrorsKeepTheirKind(t *testing.T) {
	slow := fetch.TransportFunc(func(ctx context.Context, r *fetch.Request) (*fetch.Response, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	c, err := client.New(fetch.Settings{Transport: slow, Timeout: 10 * time.Millisecond})
	require.NoError(t, err)
	_, err = (&http.Client{Transport: RoundTripper(c)}).Get("https://api.example.com/x")
	require.ErrorIs(t, err, fetch.ErrTimeout)
	var fe *fetch.Error
	require.True(t, errors.As(err, &fe))
	require.Equal(t, "timeout", fe.Code())
}
