package cors

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeRequest builds a request to https://api.example.com (Host
// api.example.com) with the given method and headers, given as name, value
// pairs and added (so repeating a name makes repeated header lines).
func writeRequest(method string, headers ...string) *http.Request {
	return newRequest(method, "", headers...)
}

// writeCase is a request and the write verdict the policy of
// TestWriteProtectionDecidesAsNetHTTP gives it.
type writeCase struct {
	name    string
	req     *http.Request
	reason  Reason
	refused bool
}

// netHTTPBug names the one case on which net/http decides otherwise, a
// known bug of its own (golang/go#78563): it compares the parsed host of an
// Origin with userinfo, which no browser sends, to the Host.
const netHTTPBug = "userinfo before the Host (net/http lets it pass: golang/go#78563)"

// writeCases covers net/http's algorithm step by step for a policy that
// allows https://app.example.com with credentials.
func writeCases() []writeCase {
	const trusted, evil = "https://app.example.com", "https://evil.example"
	var cases []writeCase
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodOptions} {
		cases = append(cases,
			writeCase{m + " cross-site from an untrusted origin", writeRequest(m, "Sec-Fetch-Site", "cross-site", "Origin", evil), ReasonSafeMethod, false},
			writeCase{m + " untrusted origin, no Sec-Fetch-Site", writeRequest(m, "Origin", evil), ReasonSafeMethod, false},
			writeCase{m + " null origin", writeRequest(m, "Sec-Fetch-Site", "cross-site", "Origin", "null"), ReasonSafeMethod, false},
		)
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "post", "PROPFIND"} {
		cases = append(cases,
			writeCase{m + " cross-site, untrusted", writeRequest(m, "Sec-Fetch-Site", "cross-site", "Origin", evil), ReasonCrossOriginWrite, true},
			writeCase{m + " cross-site, trusted", writeRequest(m, "Sec-Fetch-Site", "cross-site", "Origin", trusted), ReasonTrustedOrigin, false},
		)
	}
	return append(cases,
		writeCase{"same-site, untrusted", writeRequest("POST", "Sec-Fetch-Site", "same-site", "Origin", "https://other.example.com"), ReasonCrossOriginWrite, true},
		writeCase{"same-site, trusted", writeRequest("POST", "Sec-Fetch-Site", "same-site", "Origin", trusted), ReasonTrustedOrigin, false},
		writeCase{"same-origin", writeRequest("POST", "Sec-Fetch-Site", "same-origin", "Origin", "https://api.example.com"), ReasonSameOrigin, false},
		writeCase{"same-origin, whatever the Origin", writeRequest("POST", "Sec-Fetch-Site", "same-origin", "Origin", evil), ReasonSameOrigin, false},
		writeCase{"none (typed by the user)", writeRequest("POST", "Sec-Fetch-Site", "none"), ReasonSameOrigin, false},
		writeCase{"cross-site without Origin", writeRequest("POST", "Sec-Fetch-Site", "cross-site"), ReasonCrossOriginWrite, true},
		writeCase{"unknown Sec-Fetch-Site value", writeRequest("POST", "Sec-Fetch-Site", "same-planet", "Origin", evil), ReasonCrossOriginWrite, true},
		writeCase{"upper-case Sec-Fetch-Site value", writeRequest("POST", "Sec-Fetch-Site", "SAME-ORIGIN", "Origin", evil), ReasonCrossOriginWrite, true},
		writeCase{"two Sec-Fetch-Site, first cross-site", writeRequest("POST", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Site", "same-origin", "Origin", evil), ReasonCrossOriginWrite, true},
		writeCase{"two Sec-Fetch-Site, first same-origin", writeRequest("POST", "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Site", "cross-site", "Origin", evil), ReasonSameOrigin, false},
		writeCase{"empty Sec-Fetch-Site, untrusted", writeRequest("POST", "Sec-Fetch-Site", "", "Origin", evil), ReasonUntrustedOrigin, true},
		writeCase{"null origin, cross-site", writeRequest("POST", "Sec-Fetch-Site", "cross-site", "Origin", "null"), ReasonCrossOriginWrite, true},
		writeCase{"null origin, old browser", writeRequest("POST", "Origin", "null"), ReasonUntrustedOrigin, true},
		writeCase{"no browser headers (curl)", writeRequest("POST"), ReasonNoBrowserHeaders, false},
		writeCase{"empty Origin, old browser", writeRequest("POST", "Origin", ""), ReasonNoBrowserHeaders, false},
		writeCase{"old browser, trusted", writeRequest("POST", "Origin", trusted), ReasonTrustedOrigin, false},
		writeCase{"old browser, untrusted", writeRequest("POST", "Origin", evil), ReasonUntrustedOrigin, true},
		writeCase{"old browser, Origin is the Host", writeRequest("POST", "Origin", "https://api.example.com"), ReasonOriginIsHost, false},
		writeCase{"old browser, Origin is the Host over http (net/http fails open)", writeRequest("POST", "Origin", "http://api.example.com"), ReasonOriginIsHost, false},
		writeCase{"old browser, Origin is the Host with a path", writeRequest("POST", "Origin", "https://api.example.com/x"), ReasonOriginIsHost, false},
		writeCase{"old browser, Host with another port", writeRequest("POST", "Origin", "https://api.example.com:8443"), ReasonUntrustedOrigin, true},
		writeCase{"two Origins, trusted first", writeRequest("POST", "Sec-Fetch-Site", "cross-site", "Origin", trusted, "Origin", evil), ReasonTrustedOrigin, false},
		writeCase{"two Origins, untrusted first", writeRequest("POST", "Sec-Fetch-Site", "cross-site", "Origin", evil, "Origin", trusted), ReasonCrossOriginWrite, true},
		writeCase{"two Origins, old browser, untrusted first", writeRequest("POST", "Origin", evil, "Origin", trusted), ReasonUntrustedOrigin, true},
		writeCase{"malformed Origin: open bracket", writeRequest("POST", "Origin", "https://[::1"), ReasonUntrustedOrigin, true},
		writeCase{"malformed Origin: no scheme", writeRequest("POST", "Origin", "api.example.com"), ReasonUntrustedOrigin, true},
		writeCase{"malformed Origin: space", writeRequest("POST", "Origin", "https://api.example.com evil"), ReasonUntrustedOrigin, true},
		writeCase{"malformed Origin: percent", writeRequest("POST", "Origin", "https://api.example.com%"), ReasonUntrustedOrigin, true},
		writeCase{"malformed Origin: userinfo names the host", writeRequest("POST", "Origin", "https://api.example.com@evil.example"), ReasonUntrustedOrigin, true},
		writeCase{netHTTPBug, writeRequest("POST", "Origin", "http://evil@api.example.com"), ReasonUntrustedOrigin, true},
		writeCase{"trusted origin with a trailing slash is not the origin", writeRequest("POST", "Sec-Fetch-Site", "cross-site", "Origin", trusted+"/"), ReasonCrossOriginWrite, true},
		writeCase{"trusted origin in upper case is not the origin", writeRequest("POST", "Sec-Fetch-Site", "cross-site", "Origin", "https://APP.example.com"), ReasonCrossOriginWrite, true},
	)
}

// TestWriteProtectionDecidesAsNetHTTP holds the write protection to
// net/http's CrossOriginProtection on the same requests, both trusting the
// same origins: the same requests refused, each with the reason expected.
// The policy's refusal is a 403 that never reaches the handler.
func TestWriteProtectionDecidesAsNetHTTP(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"https://app.example.com"}, Credentials: true, Methods: []string{"PUT", "DELETE", "PATCH", "PROPFIND"}})
	cop, err := p.CrossOriginProtection()
	require.NoError(t, err)
	for _, c := range writeCases() {
		t.Run(c.name, func(t *testing.T) {
			d := p.Explain(c.req)
			assert.Equal(t, c.reason, d.Write.Reason, d.Write.Message)
			assert.Equal(t, c.refused, d.Write.Refused)
			netErr := cop.Check(c.req)
			assert.Equal(t, netErr != nil, d.Write.Refused != (c.name == netHTTPBug), "net/http's CrossOriginProtection says %v", netErr)

			s := serve(p, c.req)
			assert.Equal(t, !c.refused, s.called, "the handler runs unless the write is refused")
			if c.refused {
				assert.Equal(t, http.StatusForbidden, s.rec.Code)
				assert.Equal(t, "text/plain; charset=utf-8", s.rec.Header().Get("Content-Type"))
				assert.Equal(t, "nosniff", s.rec.Header().Get("X-Content-Type-Options"))
				assert.Equal(t, "cors: "+d.Write.Message+"\n", s.rec.Body.String())
				assert.Equal(t, []string{"Origin"}, s.rec.Header()["Vary"])
				assert.Empty(t, s.rec.Header().Get("Access-Control-Allow-Credentials"))
			}
		})
	}
}

// TestWriteProtectionTrustsPatterns checks that an origin allowed by a
// pattern is trusted as an exact one is (net/http trusts it once it is
// listed by name), and that "*" and the public tier trust no origin.
func TestWriteProtectionTrustsPatterns(t *testing.T) {
	cross := func(origin string) *http.Request {
		return writeRequest(http.MethodPost, "Sec-Fetch-Site", "cross-site", "Origin", origin)
	}
	p := mustNew(t, apiConfig())
	for _, o := range []string{"https://a.example.org", "https://b.c.example.org", "http://localhost:5173", "http://localhost"} {
		d := p.Explain(cross(o))
		assert.Equal(t, ReasonTrustedOrigin, d.Write.Reason, o)
		cop := http.NewCrossOriginProtection()
		assert.Error(t, cop.Check(cross(o)), "net/http refuses %s until it is listed", o)
		require.NoError(t, cop.AddTrustedOrigin(o))
		assert.NoError(t, cop.Check(cross(o)), "and then agrees")
	}
	for _, o := range []string{"https://example.org", "https://a.example.org.evil.example", "http://localhost.evil.example:5173"} {
		assert.True(t, p.Explain(cross(o)).Write.Refused, o)
	}
	_, err := p.CrossOriginProtection()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Config.Origins[1] "https://*.example.org", Config.Origins[2] "http://localhost:*"`)

	many := Config{Credentials: true}
	for i := range 10 {
		many.Origins = append(many.Origins, "https://app"+strings.Repeat("x", i)+".example.com")
	}
	pm := mustNew(t, many)
	assert.False(t, pm.Explain(cross("https://appxxxxxxxxx.example.com")).Write.Refused, "found in the map of many origins")
	assert.True(t, pm.Explain(cross("https://appy.example.com")).Write.Refused)

	anyOrigin := mustNew(t, Config{Origins: []string{"*"}, WriteProtection: WriteProtectionOn})
	d := anyOrigin.Explain(cross("https://app.example.com"))
	assert.True(t, d.Allowed, "* lets every origin read")
	assert.True(t, d.Write.Refused, "but trusts none to write")
	public := mustNew(t, Config{Origins: []string{"https://app.example.com"}, Credentials: true, Public: true})
	assert.True(t, public.Explain(cross("https://other.example")).Write.Refused, "the public tier may read, not write")
	assert.False(t, public.Explain(cross("https://app.example.com")).Write.Refused)
}

// TestWriteProtectionSetting checks when the protection is on: by default
// with credentials, always with WriteProtectionOn, never with
// WriteProtectionOff.
func TestWriteProtectionSetting(t *testing.T) {
	cases := []struct {
		cfg     Config
		refused bool
		reason  Reason
	}{
		{Config{Origins: []string{"https://app.example.com"}, Credentials: true}, true, ReasonCrossOriginWrite},
		{Config{Origins: []string{"https://app.example.com"}}, false, ReasonWriteUnprotected},
		{Config{}, false, ReasonWriteUnprotected},
		{Config{Origins: []string{"https://app.example.com"}, WriteProtection: WriteProtectionOn}, true, ReasonCrossOriginWrite},
		{Config{WriteProtection: WriteProtectionOn}, true, ReasonCrossOriginWrite},
		{Config{Origins: []string{"https://app.example.com"}, Credentials: true, WriteProtection: WriteProtectionOff}, false, ReasonWriteUnprotected},
	}
	for i, c := range cases {
		p := mustNew(t, c.cfg)
		r := writeRequest(http.MethodPost, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
		d := p.Explain(r)
		assert.Equal(t, c.refused, d.Write.Refused, "case %d: %s", i, d.Write.Message)
		assert.Equal(t, c.reason, d.Write.Reason, "case %d", i)
		assert.Equal(t, !c.refused, serve(p, r).called, "case %d", i)
	}
	off := mustNew(t, Config{Origins: []string{"https://app.example.com"}, Credentials: true, WriteProtection: WriteProtectionOff})
	assert.Contains(t, off.Explain(writeRequest("PUT", "Origin", "https://evil.example")).Write.Message, "Config.WriteProtection is off")
}

// TestRefusedWriteIsExplained checks the sentence and the String form of a
// refused write.
func TestRefusedWriteIsExplained(t *testing.T) {
	p := mustNew(t, apiConfig())
	d := p.Explain(writeRequest(http.MethodDelete, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"))
	assert.Equal(t, ReasonOriginNotAllowed, d.Reason, "the CORS verdict is unchanged")
	assert.Equal(t, http.StatusForbidden, d.Status)
	assert.Equal(t, `Sec-Fetch-Site: "cross-site" says the "DELETE" request comes from another origin and Origin "https://evil.example" is not allowed by Config.Origins, so the write protection refuses it with 403 before the handler runs (a cross-site form or no-cors fetch would otherwise act with the user's cookies); allow the origin in Config.Origins if its pages may write.`, d.Write.Message)
	assert.Contains(t, d.String(), "\nWrite protection: refused [cross-origin-write] Sec-Fetch-Site")
	assert.Contains(t, d.String(), "\nStatus: 403")
	assert.Equal(t, "text/plain; charset=utf-8", d.Header.Get("Content-Type"))
	ok := p.Explain(writeRequest(http.MethodGet, "Origin", "https://evil.example"))
	assert.NotContains(t, ok.String(), "Write protection", "safe methods say nothing of it")
}

// TestWriteProtectionAllocatesNothingOnWhatItPasses checks that protecting writes
// costs nothing on the requests it lets through.
func TestWriteProtectionAllocatesNothingOnWhatItPasses(t *testing.T) {
	p := mustNew(t, apiConfig())
	next := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	h := p.Wrap(next)
	for _, r := range []*http.Request{
		writeRequest(http.MethodPost, "Sec-Fetch-Site", "same-site", "Origin", "https://app.example.com"),
		writeRequest(http.MethodPost, "Sec-Fetch-Site", "cross-site", "Origin", "https://a.example.org"),
		writeRequest(http.MethodPut, "Sec-Fetch-Site", "same-origin"),
		writeRequest(http.MethodPut),
	} {
		w := &discardWriter{h: http.Header{}}
		allocs := testing.AllocsPerRun(200, func() {
			clear(w.h)
			h.ServeHTTP(w, r)
		})
		assert.Zero(t, allocs, "%s %v", r.Method, r.Header)
	}
}
