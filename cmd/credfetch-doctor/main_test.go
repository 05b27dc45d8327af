package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/credfetch/credfetch/internal/doctor"
	"github.com/stretchr/testify/require"
)

func TestNoBrowserExitsTwoWithTheInstallCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-from", "https://app.example.com", "https://api.example.com/"}, &stdout, &stderr, "/nowhere/chromium", nil)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr.String(), "CHROME_PATH=/nowhere/chromium")
	require.Contains(t, stderr.String(), "apt-get install -y chromium")
	require.Empty(t, stdout.String())

	stderr.Reset()
	code = run(context.Background(), []string{"-from", "https://app.example.com", "https://api.example.com/"}, &stdout, &stderr, "", []string{"/nowhere/a", "/nowhere/b"})
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr.String(), "none of [/nowhere/a /nowhere/b] exists")
	require.Contains(t, stderr.String(), "apt-get install -y chromium")
}

func TestBadUsageExitsTwoBeforeLookingForABrowser(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-from", "https://app.example.com"}, &stdout, &stderr, "/nowhere/chromium", nil)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr.String(), "no URL given")
	require.NotContains(t, stderr.String(), "CHROME_PATH")
}

// TestExitStatusFollowsChromesVerdict runs the real browser: 1 when a case
// is refused, 0 when every case is allowed.
func TestExitStatusFollowsChromesVerdict(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/open" {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		}
	}))
	defer srv.Close()
	chrome, err := doctor.FindChrome(os.Getenv("CHROME_PATH"), doctor.DefaultPaths)
	require.NoError(t, err)

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-from", "https://app.example.com", "-allow-local-network", "-transport", "both", "-json", srv.URL + "/open", srv.URL + "/closed"}, &stdout, &stderr, chrome, nil)
	require.Equal(t, exitRefused, code, stderr.String())
	var got []map[string]any
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &got))
	require.Len(t, got, 4)
	require.Equal(t, []any{true, true, false, false}, []any{got[0]["allowed"], got[1]["allowed"], got[2]["allowed"], got[3]["allowed"]})
	require.Equal(t, "MissingAllowOriginHeader", got[3]["corsError"])
	require.Equal(t, "xhr", got[3]["transport"])

	stdout.Reset()
	code = run(context.Background(), []string{"-from", "https://app.example.com", "-allow-local-network", srv.URL + "/open"}, &stdout, &stderr, chrome, nil)
	require.Equal(t, exitAllowed, code, stderr.String())
	require.Contains(t, stdout.String(), "allowed (200)")
}
