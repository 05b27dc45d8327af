package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/internal/demo"
	"github.com/stretchr/testify/require"
)

// free are addresses that let a test's server pick free ports.
var free = []string{"-page-addr", "localhost:0", "-api-addr", "localhost:0", "-site-addr", "127.0.0.1:0"}

func runArgs(args ...string) (int, string) {
	var out bytes.Buffer
	code := run(context.Background(), args, &out)
	return code, out.String()
}

func TestHelpDocumentsEveryFlag(t *testing.T) {
	code, out := runArgs("-h")
	require.Equal(t, 0, code)
	for _, flag := range []string{"-page-addr", "-api-addr", "-site-addr", "-allow-origin", "-allow-credentials", "-allow-methods",
		"-allow-headers", "-expose-headers", "-max-age", "-public", "-write-protection", "-config", "-cross-site", "-tls", "-session-key", "-session-key-file", "-max-streams"} {
		require.Contains(t, out, "  "+flag, "the usage lists %s", flag)
	}
	require.Contains(t, out, `"page" stands for the page origin`)
	require.Contains(t, out, "exit status 2")
}

func TestBadFlagsExitWithStatus2(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-no-such-flag"}, "flag provided but not defined: -no-such-flag"},
		{[]string{"stray"}, `unexpected argument "stray"`},
		{[]string{"-max-age", "ten"}, `invalid value "ten" for flag -max-age: give a duration such as 10m, or whole seconds such as 600`},
		{[]string{"-max-age", "-5"}, "-5 seconds is out of range"},
		{[]string{"-session-key", "short"}, "the session key from -session-key is 5 bytes long: use at least 32"},
		{[]string{"-session-key", "0123456789abcdef"}, "is 16 bytes long: use at least 32"},
		{[]string{"-session-key-file", "/nonexistent/session.key"}, "-session-key-file: open /nonexistent/session.key"},
		{[]string{"-session-key-file", "x", "-session-key", "0123456789abcdef0123456789abcdef"}, "more than one of -session-key, -session-key-file and CREDFETCH_SESSION_KEY"},
		{[]string{"-config", "nope.json"}, "-config nope.json: open nope.json"},
		{[]string{"-config", "x.json", "-allow-origin", "page"}, "-config and -allow-origin both set the CORS policy"},
		{[]string{"-max-streams", "-1"}, "-max-streams -1: give at least 1"},
		{[]string{"-write-protection", "yes"}, `invalid value "yes" for flag -write-protection: "yes" is not auto, on or off`},
		{[]string{"-config", "x.json", "-public"}, "-config and -public both set the CORS policy"},
	} {
		code, out := runArgs(append(append([]string{}, free...), tc.args...)...)
		require.Equal(t, 2, code, tc.args)
		require.Contains(t, out, tc.want, tc.args)
	}
}

func TestInsecurePoliciesAreRefusedAtStartup(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-allow-origin", "*", "-allow-credentials"}, `cors: Config.Origins[0] "*"`},
		{[]string{"-allow-origin", "*"}, `cors: Config.Origins[0] "*"`}, // credentials are on by default
		{[]string{"-allow-origin", "null", "-allow-credentials=false"}, `cors: Config.Origins[0] "null"`},
		{[]string{"-allow-origin", "http://app.example.com"}, `cors: Config.Origins[0] "http://app.example.com"`},
		{[]string{"-allow-origin", "page", "-expose-headers", "*"}, `cors: Config.Expose[0] "*"`},
		{[]string{"-max-age", "25h"}, `cors: Config.MaxAge`},
		{[]string{"-allow-methods", "TRACE"}, `cors: Config.Methods[0] "TRACE"`},
		{[]string{"-allow-methods", "patch"}, `cors: Config.Methods[0] "patch" is not in upper case`},
		{[]string{"-allow-origin", "page", "-allow-origin", "page"}, `cors: Config.Origins[1]`},
	} {
		code, out := runArgs(append(append([]string{}, free...), tc.args...)...)
		require.Equal(t, 2, code, tc.args)
		require.Contains(t, out, "demo-server: the CORS policy of the API origin is refused", tc.args)
		require.Contains(t, out, tc.want, tc.args)
		require.NotContains(t, out, "demo is up", "nothing was served")
	}
}

func TestUnusableAddressFailsWithTheFlagName(t *testing.T) {
	code, out := runArgs("-page-addr", "no-port")
	require.Equal(t, 1, code)
	require.Contains(t, out, `-page-addr "no-port": want host:port`)
}

func TestFlagsBuildThePolicyAndModes(t *testing.T) {
	var out bytes.Buffer
	opts, err := parseFlags([]string{}, &out)
	require.NoError(t, err)
	def := demo.DefaultCORS()
	require.Equal(t, &def, opts.CORS, "no flags: the default policy")
	require.Equal(t, demo.DefaultAPIAddr, opts.APIAddr)
	require.Equal(t, demo.DefaultSiteAddr, opts.SiteAddr, "the other-site origin is always on")
	require.False(t, opts.CrossSite)
	require.Empty(t, opts.SessionKey, "a random key")

	opts, err = parseFlags([]string{
		"-allow-origin", "page", "-allow-origin", "https://app.example.com",
		"-allow-credentials=false", "-allow-methods", "PUT, DELETE", "-allow-headers", "",
		"-expose-headers", "x-request-id,x-total", "-max-age", "600",
		"-cross-site", "-tls", "-session-key", "0123456789abcdef0123456789abcdef",
	}, &out)
	require.NoError(t, err)
	require.Equal(t, &cors.Config{
		Origins: []string{"page", "https://app.example.com"},
		Methods: []string{"PUT", "DELETE"},
		Expose:  []string{"x-request-id", "x-total"},
		MaxAge:  10 * time.Minute,
	}, opts.CORS)
	require.True(t, opts.CrossSite)
	require.True(t, opts.TLS)
	require.Equal(t, "127.0.0.1:8081", opts.APIAddr, "-cross-site moves the API to another site")
	require.Equal(t, []byte("0123456789abcdef0123456789abcdef"), opts.SessionKey)

	keyFile := filepath.Join(t.TempDir(), "session.key")
	require.NoError(t, os.WriteFile(keyFile, []byte("  fedcba9876543210fedcba9876543210\n"), 0o600))
	opts, err = parseFlags([]string{"-session-key-file", keyFile}, &out)
	require.NoError(t, err)
	require.Equal(t, []byte("fedcba9876543210fedcba9876543210"), opts.SessionKey, "read from the file, whitespace trimmed")
	t.Setenv("CREDFETCH_SESSION_KEY", "abcdefghijklmnopqrstuvwxyz012345")
	opts, err = parseFlags(nil, &out)
	require.NoError(t, err)
	require.Equal(t, []byte("abcdefghijklmnopqrstuvwxyz012345"), opts.SessionKey, "or from the environment")
	_, err = parseFlags([]string{"-session-key-file", keyFile}, &out)
	require.ErrorContains(t, err, "more than one of")

	opts, err = parseFlags([]string{"-cross-site", "-api-addr", "127.0.0.2:9000", "-max-age", "90s"}, &out)
	require.NoError(t, err)
	require.Equal(t, "127.0.0.2:9000", opts.APIAddr, "an explicit -api-addr wins")
	require.Equal(t, 90*time.Second, opts.CORS.MaxAge)

	opts, err = parseFlags([]string{"-page-addr", "127.0.0.1:9080"}, &out)
	require.NoError(t, err)
	require.Equal(t, "localhost:8082", opts.SiteAddr, "a page on 127.0.0.1 gets its other site on localhost")
	opts, err = parseFlags([]string{"-page-addr", "127.0.0.1:9080", "-site-addr", "127.0.0.2:9082"}, &out)
	require.NoError(t, err)
	require.Equal(t, "127.0.0.2:9082", opts.SiteAddr, "an explicit -site-addr wins")

	opts, err = parseFlags([]string{"-public", "-write-protection", "off"}, &out)
	require.NoError(t, err)
	require.True(t, opts.CORS.Public)
	require.Equal(t, cors.WriteProtectionOff, opts.CORS.WriteProtection)
	opts, err = parseFlags([]string{"-write-protection", "on", "-write-protection", "auto"}, &out)
	require.NoError(t, err)
	require.Equal(t, cors.WriteProtectionAuto, opts.CORS.WriteProtection)
}

func TestConfigFileSetsThePolicy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "policy.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"origins":["page"],"credentials":true,"methods":["PATCH"],"maxAge":"1m"}`), 0o644))
	var out bytes.Buffer
	opts, err := parseFlags([]string{"-config", path}, &out)
	require.NoError(t, err)
	require.Equal(t, &cors.Config{Origins: []string{"page"}, Credentials: true, Methods: []string{"PATCH"}, MaxAge: time.Minute}, opts.CORS)

	require.NoError(t, os.WriteFile(path, []byte(`{"origins":["*"],"credentials":true}`), 0o644))
	code, text := runArgs(append(append([]string{}, free...), "-config", path)...)
	require.Equal(t, 2, code)
	require.Contains(t, text, `cors: Config.Origins[0] "*"`)

	require.NoError(t, os.WriteFile(path, []byte(`{"origins":["page"],"credential":true}`), 0o644))
	code, text = runArgs("-config", path)
	require.Equal(t, 2, code)
	require.Contains(t, text, "-config "+path+`: unknown field "credential"`)
}

// syncWriter collects the server's output from several goroutines.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func TestServesUntilStoppedThenExitsCleanly(t *testing.T) {
	if ranWithBuild(t) { // the server must find credfetch.wasm, or it logs an error
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	out := &syncWriter{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append(append([]string{}, free...), "-allow-origin", "page", "-allow-origin", "https://app.example.com", "-max-age", "10m"), out)
	}()
	open := regexp.MustCompile(`Open (http://localhost:\d+) in your browser`)
	require.Eventually(t, func() bool { return open.MatchString(out.String()) }, 5*time.Second, 10*time.Millisecond)
	page := open.FindStringSubmatch(out.String())[1]
	api := regexp.MustCompile(`api=(http://localhost:\d+)`).FindStringSubmatch(out.String())[1]
	require.Contains(t, out.String(), `https://app.example.com`, "the policy is logged at start")

	req, _ := http.NewRequest("OPTIONS", api+"/api/items/1", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "DELETE")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusNoContent, res.StatusCode)
	require.Equal(t, "600", res.Header.Get("Access-Control-Max-Age"))

	res, err = http.Get(page + "/demo-config.json")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Contains(t, string(body), api)
	site := regexp.MustCompile(`site=(http://127\.0\.0\.1:\d+)`).FindStringSubmatch(out.String())
	require.NotNil(t, site, "the other-site origin is printed at start: %s", out.String())
	require.Contains(t, string(body), site[1], "and the pages learn it from /demo-config.json")
	res, err = http.Get(site[1] + "/api/cookies")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "it serves the cookie endpoints")

	stop()
	select {
	case code := <-done:
		require.Equal(t, 0, code)
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop")
	}
	require.Contains(t, out.String(), "shutting down; finishing requests in flight")
	require.True(t, strings.Count(out.String(), "level=ERROR") == 0, out.String())
}
