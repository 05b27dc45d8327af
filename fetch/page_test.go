package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDraftKeepsThePageForFinish(t *testing.T) {
	c := newTestPolicy(t, Settings{Credentials: Include})
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
	c := newTestPolicy(t, Settings{})
	require.NoError(t, c.ConfigureFor(Page{Location: "https://app.example.com/x/", Base: "https://app.example.com/app/"}, Settings{BaseURL: "api/"}))
	r, err := c.Prepare(&Request{URL: "items"})
	require.NoError(t, err)
	require.Equal(t, "https://app.example.com/app/api/items", r.URL)

	n := newTestPolicy(t, Settings{})
	require.ErrorContains(t, n.Configure(Settings{BaseURL: "api/"}), "no page location")
	require.NoError(t, n.ConfigureFor(Page{Location: "https://app.example.com/x/"}, Settings{BaseURL: "api/"}))
	require.Equal(t, "https://app.example.com/x/api/", n.cfg.Load().base)
}

func TestTheZeroPageIsNoPage(t *testing.T) {
	p := newTestPolicy(t, Settings{Credentials: Include})
	_, err := p.Prepare(&Request{URL: "/items"})
	require.ErrorIs(t, err, ErrInvalid)
	require.ErrorContains(t, err, `URL "/items" is relative and there is no page location to resolve it against`)
	require.ErrorContains(t, err, "name the page in Request.Page")
	_, err = NewPolicy(Settings{BaseURL: "/api"})
	require.ErrorContains(t, err, "name the page it resolves against (ConfigureFor)")

	r, err := p.Prepare(&Request{URL: "https://app.example.com/x"})
	require.NoError(t, err)
	require.Equal(t, SameOrigin, r.Credentials, "without a page, no origin is the page's own")
	r, err = p.Prepare(&Request{URL: "https://app.example.com/x", Page: doc})
	require.NoError(t, err)
	require.Equal(t, Include, r.Credentials)
}

func TestNeedsCookiesOnlyWithAnXSRFCookie(t *testing.T) {
	p := newTestPolicy(t, Settings{})
	require.False(t, p.NeedsCookies())
	require.NoError(t, p.Configure(Settings{XSRFCookieName: "XSRF", XSRFHeaderName: "X-XSRF"}))
	require.True(t, p.NeedsCookies())
}
