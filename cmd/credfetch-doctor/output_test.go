package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/credfetch/credfetch/internal/doctor"
	"github.com/stretchr/testify/require"
)

// sample is a refused credentialed request with a blocked cookie.
func sample() []*doctor.Result {
	r := &doctor.Result{
		From: "https://app.example.com", URL: "http://127.0.0.1:9/api", Method: "GET", Credentials: "include", Transport: "fetch",
		CORSError: "MissingAllowCredentials", ConsoleMessage: "Access to fetch at 'http://127.0.0.1:9/api' from origin 'https://app.example.com' has been blocked by CORS policy: no ACAC",
		LocalNetwork: "granted", LocalNetworkPermission: "local-network-access",
		BlockedCookies: []doctor.BlockedCookie{{Name: "sid", On: "set-cookie", Line: "sid=1; SameSite=Lax", Reasons: []string{"SameSiteLax"}}},
		Actual: &doctor.Exchange{Method: "GET", URL: "http://127.0.0.1:9/api", Status: 200,
			RequestHeaders:  map[string]string{"Origin": "https://app.example.com", "User-Agent": "x"},
			ResponseHeaders: map[string]string{"Access-Control-Allow-Origin": "https://app.example.com", "Content-Type": "text/plain"}},
	}
	r.Fix = doctor.FixFor(r)
	ok := &doctor.Result{From: "https://app.example.com", URL: "http://127.0.0.1:9/ok", Method: "GET", Credentials: "omit", Transport: "xhr", Allowed: true, Status: 200, BlockedCookies: []doctor.BlockedCookie{}}
	return []*doctor.Result{r, ok}
}

func TestTableShowsTheVerdictReasonCookiesAndFix(t *testing.T) {
	var out bytes.Buffer
	writeTable(&out, sample())
	s := out.String()
	require.Contains(t, s, "#  METHOD  URL")
	require.Regexp(t, `1 +GET +http://127.0.0.1:9/api +include +fetch +refused +MissingAllowCredentials +sid blocked on set-cookie \(SameSiteLax\)`, s)
	require.Regexp(t, `2 +GET +http://127.0.0.1:9/ok +omit +xhr +allowed \(200\) +- +none sent`, s)
	require.Contains(t, s, "Chrome's console: Access to fetch at 'http://127.0.0.1:9/api'")
	require.Contains(t, s, "Local Network Access: granted for this run (local-network-access)")
	require.Contains(t, s, "      > Origin: https://app.example.com\n")
	require.NotContains(t, s, "User-Agent", "only CORS and cookie headers are shown")
	require.Contains(t, s, "response:         Access-Control-Allow-Credentials: true")
	require.Contains(t, s, "cookie:           Set-Cookie: sid=1; Path=/; SameSite=None; Secure; Partitioned")
	require.Contains(t, s, "      \tCredentials: true,")
	require.Contains(t, s, "fix: nothing to fix")
}

func TestJSONHasTheDocumentedKeys(t *testing.T) {
	var out, stderr bytes.Buffer
	require.NoError(t, writeJSON(&out, sample()))
	var got []map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	require.Len(t, got, 2)
	for _, k := range []string{"url", "method", "credentials", "transport", "allowed", "corsError", "failedParameter", "cookieSent", "blockedCookies", "fix"} {
		require.Contains(t, got[0], k)
		require.Contains(t, got[1], k, "present on an allowed case too")
	}
	require.Equal(t, "MissingAllowCredentials", got[0]["corsError"])
	require.Equal(t, false, got[0]["allowed"])
	require.Equal(t, []any{map[string]any{"name": "sid", "on": "set-cookie", "line": "sid=1; SameSite=Lax", "reasons": []any{"SameSiteLax"}}}, got[0]["blockedCookies"])
	require.Contains(t, got[0]["fix"].(map[string]any)["config"], "Credentials: true")
	require.Nil(t, got[1]["fix"])
	require.Equal(t, []any{}, got[1]["blockedCookies"])
	require.Empty(t, stderr.String())
}
