package cors

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// configErrorsOf unpacks the joined error of New into its ConfigErrors.
func configErrorsOf(t *testing.T, err error) []*ConfigError {
	t.Helper()
	require.Error(t, err)
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "New must join its errors: %v", err)
	var out []*ConfigError
	for _, e := range joined.Unwrap() {
		var ce *ConfigError
		require.True(t, errors.As(e, &ce), "not a *ConfigError: %v", e)
		out = append(out, ce)
	}
	return out
}

func TestNewZeroConfigIsValidAndAllowsNothing(t *testing.T) {
	p := mustNew(t, Config{})
	s := serve(p, newRequest("GET", "https://app.example.com"))
	assert.True(t, s.called)
	assert.Empty(t, s.rec.Header(), "a policy without origins adds nothing, not even Vary")
	s = serve(p, preflight("https://app.example.com", "GET"))
	assert.False(t, s.called)
	assert.Equal(t, 403, s.rec.Code)
	assert.Empty(t, s.rec.Header())
}

func TestNewAcceptsValidConfigs(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
	}{
		{"exact https", Config{Origins: []string{"https://app.example.com"}}},
		{"exact with port", Config{Origins: []string{"https://app.example.com:8443"}}},
		{"http without credentials", Config{Origins: []string{"http://app.example.com"}}},
		{"wildcard without credentials", Config{Origins: []string{"*"}}},
		{"subdomain pattern", Config{Origins: []string{"https://*.example.com"}, Credentials: true}},
		{"subdomain pattern with port", Config{Origins: []string{"https://*.example.com:8443"}}},
		{"subdomain pattern under a private registry", Config{Origins: []string{"https://*.myapp.github.io"}}},
		{"localhost any port with credentials", Config{Origins: []string{"http://localhost:*"}, Credentials: true}},
		{"127.0.0.1 with credentials", Config{Origins: []string{"http://127.0.0.1:8080"}, Credentials: true}},
		{"[::1] with credentials", Config{Origins: []string{"http://[::1]:3000"}, Credentials: true}},
		{"sub.localhost with credentials", Config{Origins: []string{"http://app.localhost:5173"}, Credentials: true}},
		{"IPv6 canonical", Config{Origins: []string{"https://[2001:db8::1]"}}},
		{"punycode host", Config{Origins: []string{"https://xn--bcher-kva.example"}}},
		{"methods", Config{Methods: []string{"PUT", "delete", "PATCH", "GET", "*"}}},
		{"headers", Config{Headers: []string{"Content-Type", "x-requested-with", "Authorization", "*"}}},
		{"expose", Config{Expose: []string{"X-Request-Id", "ETag"}, Credentials: true}},
		{"expose wildcard without credentials", Config{Expose: []string{"*"}}},
		{"max age 24h", Config{MaxAge: 24 * time.Hour}},
		{"max age 2h", Config{MaxAge: 2 * time.Hour}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := New(c.cfg)
			require.NoError(t, err)
			require.NotNil(t, p)
		})
	}
}

func TestNewRefusesBadConfigs(t *testing.T) {
	cases := []struct {
		name    string
		cfg     Config
		field   string
		problem string // substring of Problem
		fix     string // substring of Fix
	}{
		{"wildcard with credentials", Config{Origins: []string{"*"}, Credentials: true}, "Config.Origins[0]", "every origin", "exact origins"},
		{"null", Config{Origins: []string{"null"}}, "Config.Origins[0]", "opaque origin", "remove it"},
		{"NULL", Config{Origins: []string{"NULL"}}, "Config.Origins[0]", "opaque origin", "remove it"},
		{"empty", Config{Origins: []string{""}}, "Config.Origins[0]", "empty", "https://"},
		{"no scheme", Config{Origins: []string{"example.com"}}, "Config.Origins[0]", "no scheme", `"https://example.com"`},
		{"path", Config{Origins: []string{"https://example.com/app"}}, "Config.Origins[0]", "path", `"https://example.com"`},
		{"trailing slash", Config{Origins: []string{"https://example.com/"}}, "Config.Origins[0]", "trailing slash", `"https://example.com"`},
		{"query", Config{Origins: []string{"https://example.com?a=1"}}, "Config.Origins[0]", "query", `"https://example.com"`},
		{"fragment", Config{Origins: []string{"https://example.com#x"}}, "Config.Origins[0]", "fragment", `"https://example.com"`},
		{"userinfo", Config{Origins: []string{"https://user:pw@example.com"}}, "Config.Origins[0]", "userinfo", `"https://example.com"`},
		{"default https port", Config{Origins: []string{"https://example.com:443"}}, "Config.Origins[0]", "default", `"https://example.com"`},
		{"default http port", Config{Origins: []string{"http://example.com:80"}}, "Config.Origins[0]", "default", `"http://example.com"`},
		{"empty port", Config{Origins: []string{"https://example.com:"}}, "Config.Origins[0]", "colon", `"https://example.com"`},
		{"leading zero port", Config{Origins: []string{"https://example.com:08443"}}, "Config.Origins[0]", "leading zeros", `"https://example.com:8443"`},
		{"port out of range", Config{Origins: []string{"https://example.com:70000"}}, "Config.Origins[0]", "1 to 65535", "valid port"},
		{"port zero", Config{Origins: []string{"https://example.com:0"}}, "Config.Origins[0]", "1 to 65535", "valid port"},
		{"ftp scheme", Config{Origins: []string{"ftp://example.com"}}, "Config.Origins[0]", `scheme "ftp"`, "https"},
		{"file scheme", Config{Origins: []string{"file://"}}, "Config.Origins[0]", `scheme "file"`, "https"},
		{"upper-case scheme", Config{Origins: []string{"HTTPS://example.com"}}, "Config.Origins[0]", "upper-case scheme", `"https://example.com"`},
		{"upper-case host", Config{Origins: []string{"https://Example.com"}}, "Config.Origins[0]", "upper-case", `"example.com"`},
		{"non-ASCII host", Config{Origins: []string{"https://bücher.example"}}, "Config.Origins[0]", "non-ASCII", "xn--"},
		{"trailing dot", Config{Origins: []string{"https://example.com."}}, "Config.Origins[0]", "empty label", "dot"},
		{"bad host char", Config{Origins: []string{"https://exa$mple.com"}}, "Config.Origins[0]", `"$"`, "letters"},
		{"no host", Config{Origins: []string{"https://"}}, "Config.Origins[0]", "no host", "host"},
		{"short IPv4", Config{Origins: []string{"http://127.1"}}, "Config.Origins[0]", "IPv4", "127.0.0.1"},
		{"hex IPv4", Config{Origins: []string{"http://0x7f.0.0.1"}}, "Config.Origins[0]", "IPv4", "127.0.0.1"},
		{"IPv6 upper case", Config{Origins: []string{"https://[2001:DB8::1]"}}, "Config.Origins[0]", "IPv6", `"[2001:db8::1]"`},
		{"IPv6 uncompressed", Config{Origins: []string{"https://[2001:db8:0:0:0:0:0:1]"}}, "Config.Origins[0]", "IPv6", `"[2001:db8::1]"`},
		{"IPv6 mapped IPv4", Config{Origins: []string{"https://[::ffff:1.2.3.4]"}}, "Config.Origins[0]", "IPv6", `"[::ffff:102:304]"`},
		{"IPv6 invalid", Config{Origins: []string{"https://[zz::1]"}}, "Config.Origins[0]", "invalid IPv6", "brackets"},
		{"public suffix com", Config{Origins: []string{"https://*.com"}}, "Config.Origins[0]", `public suffix "com"`, "your own domain"},
		{"public suffix co.uk", Config{Origins: []string{"https://*.co.uk"}}, "Config.Origins[0]", `public suffix "co.uk"`, "your own domain"},
		{"private public suffix", Config{Origins: []string{"https://*.github.io"}}, "Config.Origins[0]", `public suffix "github.io"`, "your own domain"},
		{"wildcard mid-label", Config{Origins: []string{"https://*example.com"}}, "Config.Origins[0]", "wildcard", "https://*.example.com"},
		{"wildcard inner label", Config{Origins: []string{"https://api.*.example.com"}}, "Config.Origins[0]", "wildcard", "https://*.example.com"},
		{"double wildcard", Config{Origins: []string{"https://*.*.example.com"}}, "Config.Origins[0]", "wildcard", "https://*.example.com"},
		{"bare wildcard host", Config{Origins: []string{"https://*"}}, "Config.Origins[0]", "wildcard", "https://*.example.com"},
		{"wildcard over IP", Config{Origins: []string{"https://*.127.0.0.1"}}, "Config.Origins[0]", "IP address", "domain"},
		{"port wildcard on public host", Config{Origins: []string{"https://example.com:*"}}, "Config.Origins[0]", "not loopback", "localhost"},
		{"both wildcards", Config{Origins: []string{"https://*.example.com:*"}}, "Config.Origins[0]", "port wildcard", "one wildcard"},
		{"http with credentials", Config{Origins: []string{"http://app.example.com"}, Credentials: true}, "Config.Origins[0]", "plain http", "use https"},
		{"http pattern with credentials", Config{Origins: []string{"http://*.example.com"}, Credentials: true}, "Config.Origins[0]", "plain http", "use https"},
		{"CONNECT", Config{Methods: []string{"CONNECT"}}, "Config.Methods[0]", "forbidden method", "remove it"},
		{"trace", Config{Methods: []string{"trace"}}, "Config.Methods[0]", "forbidden method", "remove it"},
		{"TRACK", Config{Methods: []string{"TRACK"}}, "Config.Methods[0]", "forbidden method", "remove it"},
		{"bad method", Config{Methods: []string{"GET POST"}}, "Config.Methods[0]", "not a valid method", "PUT"},
		{"empty method", Config{Methods: []string{""}}, "Config.Methods[0]", "not a valid method", "PUT"},
		{"Cookie", Config{Headers: []string{"Cookie"}}, "Config.Headers[0]", "forbidden request header", "remove it"},
		{"host", Config{Headers: []string{"host"}}, "Config.Headers[0]", "forbidden request header", "remove it"},
		{"Content-Length", Config{Headers: []string{"Content-Length"}}, "Config.Headers[0]", "forbidden request header", "remove it"},
		{"Origin", Config{Headers: []string{"Origin"}}, "Config.Headers[0]", "forbidden request header", "remove it"},
		{"Sec- prefix", Config{Headers: []string{"Sec-Fetch-Mode"}}, "Config.Headers[0]", "forbidden request header", "remove it"},
		{"Proxy- prefix", Config{Headers: []string{"Proxy-Authorization"}}, "Config.Headers[0]", "forbidden request header", "remove it"},
		{"bad header", Config{Headers: []string{"X Foo"}}, "Config.Headers[0]", "not a valid header name", "Content-Type"},
		{"expose wildcard with credentials", Config{Expose: []string{"*"}, Credentials: true}, "Config.Expose[0]", "literal header name", "list the header names"},
		{"expose Set-Cookie", Config{Expose: []string{"Set-Cookie"}}, "Config.Expose[0]", "never exposed", "remove it"},
		{"bad expose", Config{Expose: []string{"X:Foo"}}, "Config.Expose[0]", "not a valid header name", "X-Request-Id"},
		{"negative max age", Config{MaxAge: -time.Second}, "Config.MaxAge", "negative", "use 0"},
		{"max age over 24h", Config{MaxAge: 24*time.Hour + time.Second}, "Config.MaxAge", "over 24 hours", "24*time.Hour"},
		{"max age fraction", Config{MaxAge: 1500 * time.Millisecond}, "Config.MaxAge", "whole number of seconds", "1s"},
		{"lower-case patch", Config{Methods: []string{"patch"}}, "Config.Methods[0]", "not in upper case", `write "PATCH"`},
		{"mixed-case custom", Config{Methods: []string{"Purge"}}, "Config.Methods[0]", "exactly as the page wrote it", `"PURGE"`},
		{"space in origin", Config{Origins: []string{"https://x y.example"}}, "Config.Origins[0]", "a space at byte 9", "remove it"},
		{"CRLF in origin", Config{Origins: []string{"https://x.example\r\nSet-Cookie: a=b"}}, "Config.Origins[0]", "a line break at byte 17", "remove it"},
		{"origin with trailing newline", Config{Origins: []string{"https://x.example\n"}}, "Config.Origins[0]", "a line break", `write "https://x.example"`},
		{"origin with leading space", Config{Origins: []string{" https://x.example"}}, "Config.Origins[0]", "a space at byte 0", `write "https://x.example"`},
		{"tab in origin", Config{Origins: []string{"https://x.example:80\t"}}, "Config.Origins[0]", "a tab", `write "https://x.example:80"`},
		{"NUL in origin", Config{Origins: []string{"https://x\x00.example"}}, "Config.Origins[0]", `control character "\x00"`, "remove it"},
		{"duplicate origin", Config{Origins: []string{"https://a.example", "https://b.example", "https://a.example"}}, "Config.Origins[2]", "repeats Config.Origins[0]", "remove one"},
		{"duplicate pattern", Config{Origins: []string{"https://*.example.com", "https://*.example.com"}}, "Config.Origins[1]", "repeats Config.Origins[0]", "remove one"},
		{"public with wildcard", Config{Origins: []string{"*"}, Public: true}, "Config.Public", "already lets every origin", `remove "*"`},
		{"unknown write protection", Config{WriteProtection: "yes"}, "Config.WriteProtection", "not a known setting", `"on" or "off"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := New(c.cfg)
			require.Nil(t, p)
			errs := configErrorsOf(t, err)
			require.Len(t, errs, 1, "one error per problem: %v", err)
			e := errs[0]
			assert.Equal(t, c.field, e.Field)
			assert.Contains(t, e.Problem, c.problem)
			assert.Contains(t, e.Fix, c.fix)
			assert.Contains(t, err.Error(), c.field)
			assert.Contains(t, err.Error(), strconv.Quote(e.Value), "the message quotes the value")
		})
	}
}

func TestNewReportsEveryProblemOnce(t *testing.T) {
	_, err := New(Config{
		Origins:     []string{"https://ok.example.com", "*", "null", "https://x.com/"},
		Credentials: true,
		Methods:     []string{"PUT", "TRACE"},
		Headers:     []string{"Cookie", "X-Ok"},
		Expose:      []string{"*"},
		MaxAge:      -1,
	})
	errs := configErrorsOf(t, err)
	var fields []string
	for _, e := range errs {
		fields = append(fields, e.Field)
	}
	assert.Equal(t, []string{
		"Config.Origins[1]", "Config.Origins[2]", "Config.Origins[3]",
		"Config.Methods[1]", "Config.Headers[0]", "Config.Expose[0]", "Config.MaxAge",
	}, fields)
	assert.Equal(t, len(errs), strings.Count(err.Error(), "\n")+1, "one line per problem")
}

func TestMethodsAreNormalizedOrCaseSensitive(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"https://app.example.com"}, Methods: []string{"put", "delete", "PATCH", "CUSTOM"}})
	cases := []struct {
		method string
		want   bool
	}{
		{"PUT", true},
		{"put", false}, // browsers upper-case put, so "put" on the wire is not a browser's
		{"DELETE", true},
		{"patch", false}, // browsers send patch as written: a page must write PATCH
		{"PATCH", true},
		{"Custom", false},
		{"CUSTOM", true},
		{"GET", true},
		{"HEAD", true},
		{"POST", true},
		{"OPTIONS", false},
	}
	for _, c := range cases {
		t.Run(c.method, func(t *testing.T) {
			d := p.Explain(preflight("https://app.example.com", c.method))
			assert.Equal(t, c.want, d.Allowed, d.String())
		})
	}
}
