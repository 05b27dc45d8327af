package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRequestPageOverridesTheDocument(t *testing.T) {
	c, rec, env := newTestClient(t, Settings{Credentials: Include, XSRFCookieName: "XSRF", XSRFHeaderName: "X-XSRF"}, page)
	env.cookies = "XSRF=document"
	other := Page{Location: "https://other.example.org/a/index.html", Base: "https://other.example.org/static/", Cookies: "XSRF=given"}

	_, err := c.Do(t.Context(), &Request{URL: "items", Page: other})
	require.NoError(t, err)
	got := rec.last(t)
	require.Equal(t, "https://other.example.org/static/items", got.URL, "relative URLs resolve against the page's base URL")
	require.Equal(t, Include, got.Credentials, "the given page's origin is the page's own")
	require.Equal(t, "given", got.Header.Get("X-XSRF"), "the XSRF header comes from the given page's cookies")

	_, err = c.Do(t.Context(), &Request{URL: "https://app.example.com/x", Page: other})
	require.NoError(t, err)
	require.Equal(t, SameOrigin, rec.last(t).Credentials, "the document's origin is not the given page's")

	// Base defaults to Location; the empty Cookies to the document's.
	_, err = c.Do(t.Context(), &Request{URL: "items", Page: Page{Location: other.Location}})
	require.NoError(t, err)
	require.Equal(t, "https://other.example.org/a/items", rec.last(t).URL)
	require.Equal(t, "document", rec.last(t).Header.Get("X-XSRF"))

	// The zero Page is the document.
	_, err = c.Do(t.Context(), &Request{URL: "items"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/dashboard/items", rec.last(t).URL)
	require.Equal(t, Include, rec.last(t).Credentials)
}

func TestDraftKeepsThePageForFinish(t *testing.T) {
	c, _, _ := newTestClient(t, Settings{Credentials: Include}, "")
	p := Page{Location: "https://app.example.com/x/"}
	d, err := c.Draft(&Request{URL: "a", Page: p})
	require.NoError(t, err)
	require.Equal(t, p, d.Page)
	d.URL, d.Credentials = "b", ""
	r, err := c.Finish(d)
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/x/b", r.URL)
	require.Equal(t, Include, r.Credentials)
}

func TestConfigureForResolvesARelativeBaseURLAgainstThePage(t *testing.T) {
	c, _, _ := newTestClient(t, Settings{}, page)
	require.NoError(t, c.ConfigureFor(Page{Location: "https://app.example.com/x/", Base: "https://app.example.com/app/"}, Settings{BaseURL: "api/"}))
	r, err := c.Prepare(&Request{URL: "items"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/app/api/items", r.URL)

	require.NoError(t, c.ConfigureFor(Page{}, Settings{BaseURL: "api/"}))
	r, err = c.Prepare(&Request{URL: "items"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/dashboard/api/items", r.URL, "the zero Page is the document")

	n := &Client{env: (&fakeEnv{}).environment()}
	require.ErrorContains(t, n.Configure(Settings{BaseURL: "api/"}), "no page location")
	require.NoError(t, n.ConfigureFor(Page{Location: "https://app.example.com/x/"}, Settings{BaseURL: "api/"}))
	require.Equal(t, "https://app.example.com/x/api/", n.cfg.Load().base)
}
