package jsapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

// originCasesFile holds what fetch.Origins.Match answers for a table of
// origin lists and URLs; the JavaScript half's matcher for install()
// (assets/src/page.js, originMatcher) must answer the same, which
// assets/src/page.test.js checks. The file is rewritten with -update.
const originCasesFile = "assets/src/testdata/origin-cases.json"

// originCase is one list, URL and Go's answer.
type originCase struct {
	Origins []string `json:"origins"`
	URL     string   `json:"url"`
	Match   bool     `json:"match"`
}

func TestOriginCasesAreGosAnswers(t *testing.T) {
	lists := [][]string{
		{"https://api.example.com"},
		{"https://*.example.org"},
		{"http://*.local.test:8080", "http://localhost:8081"},
		{"https://xn--bcher-kva.example"},
	}
	urls := []string{
		"https://api.example.com/me", "https://api.example.com:443/x", "https://API.example.com/", "http://api.example.com/",
		"https://api.example.com:8443/", "https://api.example.co/", "https://api.example.com.evil.test/",
		"https://a.example.org/", "https://a.b.example.org/x?y#z", "https://example.org/", "https://evil-example.org/",
		"https://a.example.org:444/", "http://a.example.org/", "https://aexample.org/",
		"http://x.local.test:8080/", "http://x.local.test/", "http://local.test:8080/", "http://localhost:8081/api",
		// No IDN hostnames (bücher.example): in a page both halves parse URLs
		// with the browser's URL class, which converts them to punycode, but
		// these cases are computed natively, with net/url, which does not.
		"http://localhost:8080/", "http://127.0.0.1:8081/", "https://xn--bcher-kva.example/",
		"https://user:pass@api.example.com/",
	}
	var cases []originCase
	for _, list := range lists {
		o, err := fetch.ParseOrigins(list)
		require.NoError(t, err, list)
		for _, u := range urls {
			cases = append(cases, originCase{Origins: list, URL: u, Match: o.Match(u)})
		}
	}
	want, err := json.MarshalIndent(cases, "", "  ")
	require.NoError(t, err)
	want = append(want, '\n')
	path := filepath.Join("..", "..", "..", filepath.FromSlash(originCasesFile))
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, want, 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "%s is stale: run `go generate ./wasm/internal/jsapi`", originCasesFile)
}
