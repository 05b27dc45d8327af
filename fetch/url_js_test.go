package fetch

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

// parseURL reads http and https URLs from their href alone (splitHTTPHref);
// these must give exactly what the URL class's own getters give.
func TestSplitHTTPHrefAgreesWithTheURLClass(t *testing.T) {
	ctor, err := safejs.Global().Get("URL")
	require.NoError(t, err)
	for _, raw := range []string{
		"http://localhost:8081",
		"https://API.Example.com:443/a#frag",
		"http://example.com:80/x?",
		"http://example.com/x?y=1&z=%20#f?g",
		"https://user:p%40ss@example.com:8443/p?q=@:/",
		"https://us@er:pa:ss@example.com/",
		"http://user@example.com/",
		"http://:@example.com/",
		"http://[::1]:8443/",
		"http://[2001:DB8::1]/a:b",
		"https://bücher.example/ä?ö",
		"http://1.2.3.4:0/",
		"http://a.test/%2e%2E/b/../c",
		"http://a.test?x",
		"HTTPS://a.test:0443/",
	} {
		u, err := ctor.New(raw)
		require.NoError(t, err, raw)
		get := func(name string) string {
			v, err := u.Get(name)
			require.NoError(t, err)
			s, err := v.String()
			require.NoError(t, err)
			return s
		}
		href, _, _ := strings.Cut(get("href"), "#")
		want := urlParts{
			Href:     href,
			Origin:   get("origin"),
			Scheme:   strings.TrimSuffix(get("protocol"), ":"),
			Hostname: get("hostname"),
			Port:     get("port"),
			Path:     get("pathname"),
			Search:   get("search"),
			HasUser:  get("username") != "" || get("password") != "",
		}
		got, ok := splitHTTPHref(href)
		require.True(t, ok, raw)
		require.Equal(t, want, got, raw)
		parsed, err := parseURL(raw, "")
		require.NoError(t, err, raw)
		require.Equal(t, want, parsed, raw)
	}
	for _, raw := range []string{"ftp://a.test/x", "blob:https://a.test/1", "data:text/plain,x", "file:///tmp/x", "mailto:a@b.test"} {
		u, err := ctor.New(raw)
		require.NoError(t, err, raw)
		href, _ := u.Get("href")
		s, _ := href.String()
		_, ok := splitHTTPHref(s)
		require.False(t, ok, raw)
	}
}

func TestParseURLCachesABoundedNumberOfAnswers(t *testing.T) {
	first, err := parseURL("/a?x=1", "https://app.example.com/dir/")
	require.NoError(t, err)
	again, err := parseURL("/a?x=1", "https://app.example.com/dir/")
	require.NoError(t, err)
	require.Equal(t, first, again)
	require.Equal(t, "https://app.example.com/a?x=1", again.Href)
	for i := range 2 * maxParsed {
		_, err := parseURL("/item/"+strconv.Itoa(i), "https://app.example.com/")
		require.NoError(t, err)
	}
	parsed.Lock()
	n := len(parsed.m)
	parsed.Unlock()
	require.LessOrEqual(t, n, maxParsed)
	_, err = parseURL("http://[", "")
	require.Error(t, err, "a URL that does not parse is never cached as parsed")
}
