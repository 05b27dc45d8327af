package client

import (
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

func TestRelativeBaseURLNeedsAPage(t *testing.T) {
	_, err := newClient(fetch.Settings{BaseURL: "/api"}, (&fakeEnv{}).environment())
	require.ErrorContains(t, err, `Settings.BaseURL "/api" is relative and there is no page location`)

	c, rec, _ := newTestClient(t, fetch.Settings{BaseURL: "/api"}, page)
	_, err = c.Do(t.Context(), &fetch.Request{URL: "users"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/api/users", rec.last(t).URL)
}
