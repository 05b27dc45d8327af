package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestResolveURL(t *testing.T) {
	for _, tc := range []struct {
		raw, base, page string
		want            string
	}{
		{"https://api.example.com/v1/users?x=1", "", page, "https://api.example.com/v1/users?x=1"},
		{"/users", "https://api.example.com/v1", page, "https://api.example.com/v1/users"},
		{"users", "https://api.example.com/v1/", page, "https://api.example.com/v1/users"},
		{"?page=2", "https://api.example.com/v1", page, "https://api.example.com/v1?page=2"},
		{"/users", "", page, "https://app.example.com/users"},
		{"users", "", page, "https://app.example.com/dashboard/users"},
		{"//cdn.example.net/x", "https://api.example.com", page, "https://cdn.example.net/x"},
		{"https://API.Example.com:443/a#frag", "", "", "https://api.example.com/a"},
		{"http://localhost:8081", "", "", "http://localhost:8081/"},
	} {
		u, err := resolveURL(tc.raw, tc.base, tc.page)
		require.NoError(t, err, tc.raw)
		require.Equal(t, tc.want, u.Href, "%q against base %q", tc.raw, tc.base)
	}
}

func TestResolveURLRefuses(t *testing.T) {
	for _, tc := range []struct {
		raw, base, page string
		want            string
	}{
		{"/users", "", "", "is relative and there is no page location"},
		{"ftp://files.example.com/x", "", page, `has scheme "ftp": credfetch sends only http and https requests`},
		{"javascript:alert(1)", "", page, `has scheme "javascript"`},
		{" https://a.example", "", page, "surrounding spaces or control characters"},
		{"https://a.example/\nx", "", page, "control characters"},
		{"http://", "", page, ""},
	} {
		_, err := resolveURL(tc.raw, tc.base, tc.page)
		require.Error(t, err, tc.raw)
		require.ErrorContains(t, err, tc.want, tc.raw)
	}
}

func TestOriginsAreSerializedAsBrowsersDo(t *testing.T) {
	for raw, want := range map[string]string{
		"https://Example.COM:443/x": "https://example.com",
		"http://example.com:80":     "http://example.com",
		"http://localhost:8081/a":   "http://localhost:8081",
		"https://[::1]:8443/":       "https://[::1]:8443",
	} {
		u, err := parseURL(raw, "")
		require.NoError(t, err, raw)
		require.Equal(t, want, u.Origin, raw)
	}
}

func TestHasScheme(t *testing.T) {
	for s, want := range map[string]bool{
		"https://x": true, "HTTP://x": true, "mailto:a": true, "a+b-c.d:x": true,
		"/x": false, "x": false, "//x": false, ":x": false, "1http://x": false, "": false,
	} {
		require.Equal(t, want, hasScheme(s), s)
	}
}
