package client

import (
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

func TestRequestPageOverridesTheDocument(t *testing.T) {
	c, rec, env := newTestClient(t, fetch.Settings{Credentials: fetch.Include, XSRFCookieName: "XSRF", XSRFHeaderName: "X-XSRF"}, page)
	env.cookies = "XSRF=document"
	other := fetch.Page{Location: "https://other.example.org/a/index.html", Base: "https://other.example.org/static/", Cookies: "XSRF=given"}

	_, err := c.Do(t.Context(), &fetch.Request{URL: "items", Page: other})
	require.NoError(t, err)
	got := rec.last(t)
	require.Equal(t, "https://other.example.org/static/items", got.URL, "relative URLs resolve against the page's base URL")
	require.Equal(t, fetch.Include, got.Credentials, "the given page's origin is the page's own")
	require.Equal(t, "given", got.Header.Get("X-XSRF"), "the XSRF header comes from the given page's cookies")

	_, err = c.Do(t.Context(), &fetch.Request{URL: "https://app.example.com/x", Page: other})
	require.NoError(t, err)
	require.Equal(t, fetch.SameOrigin, rec.last(t).Credentials, "the document's origin is not the given page's")

	// Base defaults to Location; the empty Cookies to the document's.
	_, err = c.Do(t.Context(), &fetch.Request{URL: "items", Page: fetch.Page{Location: other.Location}})
	require.NoError(t, err)
	require.Equal(t, "https://other.example.org/a/items", rec.last(t).URL)
	require.Equal(t, "document", rec.last(t).Header.Get("X-XSRF"))

	// The zero Page is the document.
	_, err = c.Do(t.Context(), &fetch.Request{URL: "items"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/dashboard/items", rec.last(t).URL)
	require.Equal(t, fetch.Include, rec.last(t).Credentials)
}

func TestConfigureForResolvesARelativeBaseURLAgainstThePage(t *testing.T) {
	c, _, _ := newTestClient(t, fetch.Settings{}, page)
	require.NoError(t, c.ConfigureFor(fetch.Page{}, fetch.Settings{BaseURL: "api/"}))
	r, err := c.Prepare(&fetch.Request{URL: "items"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/dashboard/api/items", r.URL, "the zero Page is the document")
}
