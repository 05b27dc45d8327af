package fetchspec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsForbiddenRequestHeaderName(t *testing.T) {
	for _, n := range []string{
		"Accept-Charset", "accept-encoding", "Access-Control-Request-Headers", "ACCESS-CONTROL-REQUEST-METHOD",
		"Connection", "Content-Length", "Cookie", "cookie2", "Date", "DNT", "dnt", "Expect", "Host", "host",
		"Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE", "te", "Trailer", "Transfer-Encoding", "Upgrade", "Via",
		"Sec-Fetch-Mode", "sec-ch-ua", "SEC-", "Proxy-Authorization", "proxy-connection", "PROXY-",
	} {
		assert.True(t, IsForbiddenRequestHeaderName(n), n)
	}
	for _, n := range []string{
		"Accept", "Accept-Language", "Content-Type", "Authorization", "X-Requested-With", "User-Agent",
		"Cookies", "Hosts", "X-Origin", "Sec", "Proxy", "secret", "proxy_x", "X-HTTP-Method-Override", "",
	} {
		assert.False(t, IsForbiddenRequestHeaderName(n), n)
	}
}

func TestIsNonWildcardRequestHeaderName(t *testing.T) {
	for _, n := range []string{"Authorization", "authorization", "AUTHORIZATION"} {
		assert.True(t, IsNonWildcardRequestHeaderName(n), n)
	}
	for _, n := range []string{"Proxy-Authorization", "authorizations", "x-authorization", ""} {
		assert.False(t, IsNonWildcardRequestHeaderName(n), n)
	}
}

func TestIsSafelistedRequestHeader(t *testing.T) {
	cases := []struct {
		name, value string
		want        bool
	}{
		{"Accept", "*/*", true},
		{"accept", "text/html,application/xhtml+xml;q=0.9", true},
		{"ACCEPT", "", true},
		{"Accept", `text/"html"`, false},
		{"Accept", "a\x01", false},
		{"Accept", "a\tb", true}, // HT is the one control byte allowed
		{"Accept", "text/html\x7f", false},
		{"Accept", "x" + strings.Repeat("a", 127), true},
		{"Accept", "x" + strings.Repeat("a", 128), false}, // 129 bytes
		{"Accept-Language", "en-US,en;q=0.9", true},
		{"content-language", "de-DE, fr *", true},
		{"Accept-Language", "en_US", false},
		{"Content-Language", "en/US", false},
		{"Accept-Language", "é", false},
		{"Content-Type", "text/plain", true},
		{"content-type", "Text/Plain; charset=utf-8", true},
		{"Content-Type", "application/x-www-form-urlencoded", true},
		{"Content-Type", "multipart/form-data; boundary=----x", true},
		{"Content-Type", " text/plain \t", true},
		{"Content-Type", "text/plain;", true},
		{"Content-Type", "text/plain;charset", true},           // a bad parameter does not fail the parse
		{"Content-Type", "text/plain ;x=y", true},              // trailing whitespace leaves the subtype
		{"Content-Type", `text/plain; charset="utf-8"`, false}, // '"' is CORS-unsafe
		{"Content-Type", "application/json", false},
		{"Content-Type", "text/html", false},
		{"Content-Type", "text/plain2", false},
		{"Content-Type", "text", false},
		{"Content-Type", "text/", false},
		{"Content-Type", "/plain", false},
		{"Content-Type", "te xt/plain", false},
		{"Content-Type", "text/pl ain", false},
		{"Content-Type", "text/plain\r", false},
		{"Content-Type", "text/plain, application/json", false},
		{"Content-Type", "text/plain; x=" + strings.Repeat("a", 120), false}, // over 128 bytes
		{"Range", "bytes=0-", true},
		{"range", "bytes=10-20", true},
		{"Range", "bytes=5-5", true},
		{"Range", "bytes=007-10", true},
		{"Range", "bytes=99999999999999999999-100000000000000000000", true},
		{"Range", "bytes=100000000000000000000-99999999999999999999", false},
		{"Range", "bytes=20-10", false},
		{"Range", "bytes=10-09", false},
		{"Range", "bytes=-500", false}, // a suffix range: valid, but not safelisted
		{"Range", "bytes=-", false},
		{"Range", "bytes=", false},
		{"Range", "bytes=0", false},
		{"Range", "bytes=0-1,3-4", false},
		{"Range", "bytes = 0-1", false},
		{"Range", "bytes=0 - 1", false},
		{"Range", "Bytes=0-1", false},
		{"Range", "items=0-1", false},
		{"Range", "bytes=a-1", false},
		{"Range", "bytes=0-1x", false},
		{"Authorization", "Bearer x", false},
		{"X-Requested-With", "XMLHttpRequest", false},
		{"Cache-Control", "no-cache", false},
		{"", "", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, IsSafelistedRequestHeader(c.name, c.value), "%s: %q", c.name, c.value)
	}
}

func TestIsSafelistedContentTypeEssence(t *testing.T) {
	for _, e := range []string{"application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "TEXT/PLAIN", "Multipart/Form-Data"} {
		assert.True(t, IsSafelistedContentTypeEssence(e), e)
	}
	for _, e := range []string{"application/json", "text/html", "text/plain; charset=utf-8", "text", "", "/", "text/plain/x", "plain/text", "multipart/form-data "} {
		assert.False(t, IsSafelistedContentTypeEssence(e), e)
	}
}

func TestCORSUnsafeBytes(t *testing.T) {
	unsafe := "\"():<>?@[\\]{}\x7f"
	for c := range 256 {
		b := byte(c)
		want := b < 0x20 && b != '\t' || strings.IndexByte(unsafe, b) >= 0
		assert.Equal(t, want, isCORSUnsafeByte(b), "byte %#x", c)
	}
}

func TestIsSafelistedResponseHeaderName(t *testing.T) {
	for _, n := range []string{"Cache-Control", "content-language", "Content-Length", "CONTENT-TYPE", "Expires", "Last-Modified", "pragma"} {
		assert.True(t, IsSafelistedResponseHeaderName(n), n)
	}
	for _, n := range []string{"Set-Cookie", "X-Request-Id", "ETag", "Date", "Vary", "Content-Encoding", "Content-Types", ""} {
		assert.False(t, IsSafelistedResponseHeaderName(n), n)
	}
}

func TestIsForbiddenResponseHeaderName(t *testing.T) {
	for _, n := range []string{"Set-Cookie", "set-cookie", "SET-COOKIE2", "Set-Cookie2"} {
		assert.True(t, IsForbiddenResponseHeaderName(n), n)
	}
	for _, n := range []string{"Cookie", "Set-Cookie3", "Set-Cookies", "X-Set-Cookie", ""} {
		assert.False(t, IsForbiddenResponseHeaderName(n), n)
	}
}
