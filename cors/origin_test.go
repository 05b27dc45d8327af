package cors

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOriginMatching(t *testing.T) {
	cases := []struct {
		entry  string
		origin string
		want   bool
	}{
		{"https://app.example.com", "https://app.example.com", true},
		{"https://app.example.com", "https://app.example.com:443", false},
		{"https://app.example.com", "http://app.example.com", false},
		{"https://app.example.com", "https://example.com", false},
		{"https://app.example.com:8443", "https://app.example.com:8443", true},
		{"https://app.example.com:8443", "https://app.example.com", false},
		{"http://app.example.com", "http://app.example.com", true},
		{"https://[2001:db8::1]", "https://[2001:db8::1]", true},
		{"https://*.example.com", "https://a.example.com", true},
		{"https://*.example.com", "https://a.b.example.com", true},
		{"https://*.example.com", "https://a-b_c.example.com", true},
		{"https://*.example.com", "https://xn--bcher-kva.example.com", true},
		{"https://*.example.com", "https://example.com", false},
		{"https://*.example.com", "https://.example.com", false},
		{"https://*.example.com", "https://a.example.com:8443", false},
		{"https://*.example.com", "http://a.example.com", false},
		{"https://*.example.com", "https://A.example.com", false},
		{"https://*.example.com:8443", "https://a.example.com:8443", true},
		{"https://*.example.com:8443", "https://a.example.com", false},
		{"https://*.example.com:8443", "https://a.example.com:84431", false},
		{"http://localhost:*", "http://localhost", true},
		{"http://localhost:*", "http://localhost:1", true},
		{"http://localhost:*", "http://localhost:5173", true},
		{"http://localhost:*", "http://localhost:65535", true},
		{"http://localhost:*", "http://localhost:65536", false},
		{"http://localhost:*", "http://localhost:80", false},
		{"http://localhost:*", "http://localhost:0", false},
		{"http://localhost:*", "https://localhost:5173", false},
		{"http://localhost:*", "http://127.0.0.1:5173", false},
		{"http://127.0.0.1:*", "http://127.0.0.1:5173", true},
		{"http://[::1]:*", "http://[::1]:5173", true},
		{"https://localhost:*", "https://localhost:443", false},
		{"https://localhost:*", "https://localhost", true},
		{"*", "https://anything.example", true},
		{"*", "null", true},
	}
	for _, c := range cases {
		t.Run(c.entry+" "+c.origin, func(t *testing.T) {
			p := mustNew(t, Config{Origins: []string{c.entry}})
			d := p.Explain(newRequest(http.MethodGet, c.origin))
			assert.Equal(t, c.want, d.Allowed, d.String())
			if c.want {
				assert.Equal(t, ReasonAllowed, d.Reason)
			} else {
				assert.Contains(t, []Reason{ReasonOriginNotAllowed, ReasonNullOrigin}, d.Reason)
			}
		})
	}
}

func TestManyExactOrigins(t *testing.T) {
	var origins []string
	for _, h := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		origins = append(origins, "https://"+h+".example.com")
	}
	p := mustNew(t, Config{Origins: origins})
	for _, o := range origins {
		assert.True(t, p.Explain(newRequest(http.MethodGet, o)).Allowed, o)
	}
	assert.False(t, p.Explain(newRequest(http.MethodGet, "https://k.example.com")).Allowed)
}

func TestSerializeIPv6(t *testing.T) {
	cases := map[string]string{
		"::1":                     "::1",
		"::":                      "::",
		"2001:db8::1":             "2001:db8::1",
		"2001:db8:0:0:1:0:0:1":    "2001:db8::1:0:0:1",
		"2001:0:0:1:0:0:0:1":      "2001:0:0:1::1",
		"1:0:2:0:3:0:4:0":         "1:0:2:0:3:0:4:0",
		"::ffff:1.2.3.4":          "::ffff:102:304",
		"fe80:0:0:0:0:0:0:0":      "fe80::",
		"0:0:0:0:0:0:0:1":         "::1",
		"1:2:3:4:5:6:7:8":         "1:2:3:4:5:6:7:8",
		"ABCD:0:0:0:0:0:0:0":      "abcd::",
		"1:0:0:2:0:0:0:3":         "1:0:0:2::3",
		"0:0:1:0:0:0:0:0":         "0:0:1::",
		"1:0:0:0:1:0:0:0":         "1::1:0:0:0",
		"2001:db8:85a3::8a2e:370": "2001:db8:85a3::8a2e:370",
	}
	for in, want := range cases {
		e, p := parseOriginEntry("https://["+want+"]", false)
		assert.Nil(t, p, "%s: canonical form must be accepted", want)
		assert.Equal(t, "["+want+"]", e.host)
		if in != want {
			_, p := parseOriginEntry("https://["+in+"]", false)
			if assert.NotNil(t, p, in) {
				assert.Contains(t, p.fix, want)
			}
		}
	}
}
