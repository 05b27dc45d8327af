package demo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/cors"
	"github.com/stretchr/testify/require"
)

func TestParsePolicyReadsEveryField(t *testing.T) {
	cfg, err := ParsePolicy([]byte(`{
		"origins": ["page", "https://app.example.com"],
		"credentials": true,
		"methods": ["PUT"],
		"headers": ["x-demo"],
		"expose": ["x-request-id"],
		"maxAge": "10m"
	}`))
	require.NoError(t, err)
	require.Equal(t, cors.Config{
		Origins:     []string{"page", "https://app.example.com"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Headers:     []string{"x-demo"},
		Expose:      []string{"x-request-id"},
		MaxAge:      10 * time.Minute,
	}, cfg)

	cfg, err = ParsePolicy([]byte(`{"maxAge": 600}`))
	require.NoError(t, err)
	require.Equal(t, cors.Config{MaxAge: 600 * time.Second}, cfg, "absent fields are the zero policy")
}

func TestParsePolicyExplainsBadFiles(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{``, `the file is empty: write a JSON object such as {"origins": ["page"], "credentials": true}`},
		{`{"origin": ["page"]}`, `unknown field "origin": the accepted fields are origins, credentials, methods, headers, expose, maxAge, public and writeProtection`},
		{`{"credentials": "yes"}`, `field "credentials" is a string: it must be true or false`},
		{`{"origins": "page"}`, `field "origins" is a string: it must be an array`},
		{`{"maxAge": "ten minutes"}`, `maxAge "ten minutes" is not a duration`},
		{`{"maxAge": 1.5}`, `maxAge 1.5 is not a whole number of seconds`},
		{`{"maxAge": -1}`, `maxAge -1 is not a whole number of seconds`},
		{`{} {}`, `the JSON holds more than one value`},
	} {
		_, err := ParsePolicy([]byte(tc.json))
		require.Error(t, err, tc.json)
		require.Contains(t, err.Error(), tc.want, tc.json)
	}
}

func TestReadPolicyFileNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "policy.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"origins":["page"],"credentials":true,"maxAge":"1h"}`), 0o644))
	cfg, err := ReadPolicyFile(path)
	require.NoError(t, err)
	require.Equal(t, time.Hour, cfg.MaxAge)

	_, err = ReadPolicyFile(filepath.Join(dir, "missing.json"))
	require.ErrorContains(t, err, "-config "+filepath.Join(dir, "missing.json")+": open")

	require.NoError(t, os.WriteFile(path, []byte(`{"origins":[`), 0o644))
	_, err = ReadPolicyFile(path)
	require.ErrorContains(t, err, "-config "+path+": the JSON ends in the middle of a value")

	require.NoError(t, os.WriteFile(path, []byte(`{"origins":["`+strings.Repeat("a", maxPolicyFileBytes)+`"]}`), 0o644))
	_, err = ReadPolicyFile(path)
	require.ErrorContains(t, err, "the file is over 1048576 bytes")
}

func TestPolicyRendersAsGoJSONAndFlags(t *testing.T) {
	cfg := cors.Config{
		Origins:     []string{"http://localhost:8080"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Headers:     []string{"x-demo"},
		Expose:      []string{"X-Demo-Visible"},
		MaxAge:      10 * time.Minute,
	}
	require.Equal(t, `cors.Config{
	Origins:     []string{"http://localhost:8080"},
	Credentials: true,
	Methods:     []string{"PUT"},
	Headers:     []string{"x-demo"},
	Expose:      []string{"X-Demo-Visible"},
	MaxAge:      10 * time.Minute,
}`, FormatConfig(cfg))
	require.Equal(t, "cors.Config{\n}", FormatConfig(cors.Config{}))

	back, err := ParsePolicy([]byte(policyJSON(cfg)))
	require.NoError(t, err)
	require.Equal(t, cfg, back, "the JSON form reads back as the same policy")

	require.Equal(t, "demo-server -allow-origin http://localhost:8080 -allow-credentials=true -allow-methods PUT -allow-headers x-demo -expose-headers X-Demo-Visible -max-age 10m0s", policyFlags(cfg))
	require.Equal(t, `'it'\''s'`, shellQuote("it's"))
	require.Equal(t, "''", shellQuote(""))
	require.Equal(t, "45 * time.Second", durationLiteral(45))
	require.Equal(t, "2 * time.Hour", durationLiteral(7200))
}
