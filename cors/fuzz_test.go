package cors

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// The fuzz targets check the invariants on every input:
//   - never Access-Control-Allow-Origin: * together with
//     Access-Control-Allow-Credentials: true;
//   - Access-Control-Allow-Origin is "*" or byte-equal to the request's Origin;
//   - a refused request gets no Access-Control-Allow-* header;
//
// and besides: New never panics and reports only *ConfigError values, Explain
// agrees with Wrap (and with the one Decision Wrap hands Config.Observe),
// preflights never reach the handler and other requests always do.

// fuzzRequest builds a request with exactly the given header lines, which
// may hold any bytes.
func fuzzRequest(method string, header http.Header) *http.Request {
	return &http.Request{Method: method, URL: &url.URL{Path: "/"}, Header: header, Host: "api.example.com"}
}

// checkInvariants runs r through p.Wrap and p.Explain and checks the
// invariants that hold for every policy and request. It returns the
// decision.
func checkInvariants(t *testing.T, p *Policy, r *http.Request) Decision {
	t.Helper()
	d := p.Explain(r)
	called := false
	rec := httptest.NewRecorder()
	p.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true })).ServeHTTP(rec, r)
	h := rec.Header()

	acao := h.Values("Access-Control-Allow-Origin")
	acac := h.Values("Access-Control-Allow-Credentials")
	if len(acao) > 1 || len(acac) > 1 {
		t.Fatalf("repeated ACAO %q or ACAC %q", acao, acac)
	}
	if len(acao) == 1 && acao[0] == "*" && len(acac) == 1 && acac[0] == "true" {
		t.Fatalf("ACAO * with ACAC true for %q", r.Header)
	}
	if len(acao) == 1 && acao[0] != "*" {
		if o := r.Header["Origin"]; len(o) != 1 || o[0] != acao[0] {
			t.Fatalf("ACAO %q is neither * nor the request's Origin %q", acao[0], o)
		}
	}
	if !d.Allowed {
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-Allow-") {
				t.Fatalf("refused (%s) but %s is set", d.Reason, k)
			}
		}
		if d.Preflight {
			for k := range h {
				if strings.HasPrefix(k, "Access-Control-") {
					t.Fatalf("refused preflight carries %s", k)
				}
			}
		}
	}
	if len(acao) == 1 != d.Allowed {
		t.Fatalf("allowed=%v but ACAO %q", d.Allowed, acao)
	}
	if (d.Preflight || d.Write.Refused) == called {
		t.Fatalf("preflight=%v, write refused=%v, but handler called=%v", d.Preflight, d.Write.Refused, called)
	}
	if d.Write.Refused {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			t.Fatalf("a safe method refused as a write: %+v", d.Write)
		}
		if d.Preflight || d.Status != http.StatusForbidden {
			t.Fatalf("refused write with preflight=%v status %d", d.Preflight, d.Status)
		}
	}
	if d.Write.Reason == "" || d.Write.Message == "" {
		t.Fatalf("empty write verdict: %+v", d.Write)
	}
	if d.Status != 0 && rec.Code != d.Status {
		t.Fatalf("Explain says status %d, Wrap wrote %d", d.Status, rec.Code)
	}
	if len(h) != len(d.Header) {
		t.Fatalf("Explain headers %q, Wrap headers %q", d.Header, h)
	}
	for k, v := range h {
		if strings.Join(v, "\x00") != strings.Join(d.Header[k], "\x00") {
			t.Fatalf("Explain %s=%q, Wrap %q", k, d.Header[k], v)
		}
	}
	if d.Message == "" || d.Reason == "" {
		t.Fatalf("empty reason or message: %+v", d)
	}
	return d
}

// checkConfigError checks that err joins only *ConfigError values naming a
// Config field.
func checkConfigError(t *testing.T, err error) {
	t.Helper()
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("New's error is not joined: %v", err)
	}
	for _, e := range joined.Unwrap() {
		var ce *ConfigError
		if !errors.As(e, &ce) || !strings.HasPrefix(ce.Field, "Config.") || ce.Problem == "" || ce.Fix == "" {
			t.Fatalf("not a complete *ConfigError: %#v", e)
		}
	}
}

// FuzzOrigin fuzzes the parsing of one Config.Origins entry and the
// matching of request origins against it.
func FuzzOrigin(f *testing.F) {
	f.Add("https://app.example.com", "https://app.example.com", true, false)
	f.Add("https://*.example.com", "https://a.b.example.com", true, true)
	f.Add("https://*.example.com", "https://example.com", false, false)
	f.Add("http://localhost:*", "http://localhost:5173", true, true)
	f.Add("*", "null", false, false)
	f.Add("https://[::1]:8443", "https://[::1]:8443", false, true)
	f.Fuzz(func(t *testing.T, entry, origin string, credentials, isPreflight bool) {
		p, err := New(Config{Origins: []string{entry}, Credentials: credentials, Methods: []string{"PUT"}})
		if err != nil {
			checkConfigError(t, err)
			return
		}
		header := http.Header{"Origin": {origin}}
		method := http.MethodGet
		if isPreflight {
			method = http.MethodOptions
			header["Access-Control-Request-Method"] = []string{"PUT"}
		}
		d := checkInvariants(t, p, fuzzRequest(method, header))

		// The entry itself, when it is an exact origin, is allowed.
		if !strings.Contains(entry, "*") {
			self := http.Header{"Origin": {entry}}
			if !p.Explain(fuzzRequest(http.MethodGet, self)).Allowed {
				t.Fatalf("exact entry %q does not allow itself", entry)
			}
		}
		if !d.Allowed || entry == "*" {
			return
		}
		// Allowed by an entry other than "*": the origin looks like one a
		// browser serializes, is https with credentials unless loopback,
		// and matches the entry exactly or as the pattern says.
		scheme, rest, ok := strings.Cut(origin, "://")
		if !ok || (scheme != "https" && scheme != "http") || strings.ContainsAny(rest, "/?#@ \t\r\n\\%") || strings.ToLower(rest) != rest {
			t.Fatalf("entry %q allowed the malformed origin %q", entry, origin)
		}
		if credentials && scheme == "http" {
			host, _, _, _ := splitHostPort(rest)
			if !isLoopbackHost(host) {
				t.Fatalf("entry %q allowed plain-http %q with credentials", entry, origin)
			}
		}
		switch {
		case strings.Contains(entry, "://*."):
			prefix, suffix, _ := strings.Cut(entry, "*")
			if !strings.HasPrefix(origin, prefix) || !strings.HasSuffix(origin, suffix) || len(origin) <= len(prefix)+len(suffix) {
				t.Fatalf("pattern %q allowed %q", entry, origin)
			}
			if sub := origin[len(prefix) : len(origin)-len(suffix)]; !validLabels(sub) {
				t.Fatalf("pattern %q allowed %q with subdomain part %q", entry, origin, sub)
			}
		case strings.HasSuffix(entry, ":*"):
			base := strings.TrimSuffix(entry, ":*")
			if origin != base && !strings.HasPrefix(origin, base+":") {
				t.Fatalf("port pattern %q allowed %q", entry, origin)
			}
		default:
			if origin != entry {
				t.Fatalf("exact entry %q allowed %q", entry, origin)
			}
		}
	})
}

// referenceScan is a plain, allocating model of Access-Control-Request-Headers
// checking, for differential testing of headerSet.scan.
func referenceScan(lines []string, allowed []string, wildcard bool) listResult {
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if len(lines) > MaxRequestHeadersLines || total > MaxRequestHeadersBytes {
		return listTooLong
	}
	names := 0
	for _, l := range lines {
		for _, e := range strings.Split(l, ",") {
			e = strings.Trim(e, " \t")
			if e == "" {
				continue
			}
			if !fetchspec.IsToken(e) {
				return listInvalid
			}
			lower := strings.ToLower(e)
			ok := false
			for _, a := range allowed {
				if strings.ToLower(a) == lower {
					ok = true
				}
			}
			if wildcard && lower != "authorization" {
				ok = true
			}
			if !ok {
				return listNotAllowed
			}
			names++
		}
	}
	if names == 0 {
		return listEmpty
	}
	return listOK
}

// FuzzRequestHeaders fuzzes the parsing of Access-Control-Request-Headers
// (lines separated by "\n" in list) against Config.Headers (names separated
// by "," in allowed), comparing with referenceScan.
func FuzzRequestHeaders(f *testing.F) {
	f.Add("content-type,x-requested-with", "Content-Type,X-Requested-With", false)
	f.Add(" Content-Type ,\t,x-a\nx-b", "content-type,x-a,x-b", false)
	f.Add("authorization,x-a", "authorization", true)
	f.Add("authorization", "", true)
	f.Add("x a,b", "x,a,b", false)
	f.Add(strings.Repeat("a,", 3000), "a", false)
	f.Fuzz(func(t *testing.T, list, allowed string, wildcard bool) {
		var names []string
		if allowed != "" {
			names = strings.Split(allowed, ",")
		}
		headers := names
		if wildcard {
			headers = append([]string{"*"}, names...)
		}
		p, err := New(Config{Origins: []string{"https://app.example.com"}, Credentials: true, Methods: []string{"PUT"}, Headers: headers})
		if err != nil {
			checkConfigError(t, err)
			return
		}
		lines := strings.Split(list, "\n")
		header := http.Header{
			"Origin":                         {"https://app.example.com"},
			"Access-Control-Request-Method":  {"PUT"},
			"Access-Control-Request-Headers": lines,
		}
		start := time.Now()
		d := checkInvariants(t, p, fuzzRequest(http.MethodOptions, header))
		if el := time.Since(start); el > time.Second {
			t.Fatalf("one preflight took %v", el)
		}
		want := referenceScan(lines, names, wildcard || slices.Contains(names, "*"))
		got, _ := p.cur.Load().headers.scan(lines)
		if got != want {
			t.Fatalf("scan(%q) with %q wildcard=%v = %d, reference %d", lines, names, wildcard, got, want)
		}
		if d.Allowed != (want == listOK || want == listEmpty) {
			t.Fatalf("allowed=%v for %q (%d)", d.Allowed, lines, want)
		}
		acah := d.Header["Access-Control-Allow-Headers"]
		switch {
		case want == listOK && strings.Join(acah, "\n") != list:
			t.Fatalf("Allow-Headers %q does not echo %q", acah, lines)
		case want != listOK && acah != nil:
			t.Fatalf("Allow-Headers %q sent for %q (%d)", acah, lines, want)
		}
	})
}

// FuzzPolicy fuzzes whole configurations (list fields separated by "\n")
// and requests.
func FuzzPolicy(f *testing.F) {
	f.Add("https://app.example.com\nhttps://*.example.org", "PUT\nPATCH", "Content-Type", "X-Request-Id", true, int64(7200),
		"OPTIONS", "https://a.example.org", "patch", "content-type", false, "", "\x00")
	f.Add("*", "*", "*", "*", false, int64(0), "GET", "null", "", "", false, "", "cross-site")
	f.Add("http://localhost:*", "DELETE", "Authorization", "", true, int64(86400),
		"OPTIONS", "http://localhost:3000", "DELETE", "authorization", false, "", "\x00")
	f.Add("https://app.example.com", "PUT", "", "", true, int64(0), "POST", "https://evil.example", "\x00", "\x00", false, "", "cross-site")
	f.Add("https://app.example.com", "PUT", "", "", true, int64(0), "PUT", "https://api.example.com", "\x00", "\x00", true, "on", "\x00")
	f.Add("https://app.example.com", "", "", "", false, int64(0), "DELETE", "https://[::1", "\x00", "\x00", true, "off", "same-site")
	f.Fuzz(func(t *testing.T, origins, methods, headers, expose string, credentials bool, maxAge int64,
		method, origin, acrm, acrh string, public bool, protection, site string) {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "\n")
		}
		var observed []Decision
		p, err := New(Config{
			Origins:         split(origins),
			Credentials:     credentials,
			Methods:         split(methods),
			Headers:         split(headers),
			Expose:          split(expose),
			MaxAge:          time.Duration(maxAge) * time.Second,
			Observe:         func(_ *http.Request, d Decision) { observed = append(observed, d) },
			Public:          public,
			WriteProtection: WriteProtection(protection),
		})
		if err != nil {
			checkConfigError(t, err)
			return
		}
		header := http.Header{}
		if origin != "\x00" { // "\x00" stands for no Origin header
			header["Origin"] = []string{origin}
		}
		if acrm != "\x00" {
			header["Access-Control-Request-Method"] = []string{acrm}
		}
		if acrh != "\x00" {
			header["Access-Control-Request-Headers"] = split(acrh)
		}
		if site != "\x00" {
			header["Sec-Fetch-Site"] = []string{site}
		}
		r := fuzzRequest(method, header)
		d := checkInvariants(t, p, r)
		bare := *p.cur.Load() // the same rules without the observer
		bare.observe = nil
		unobserved := &Policy{}
		unobserved.cur.Store(&bare)
		checkInvariants(t, unobserved, r)
		if len(observed) != 1 || !reflect.DeepEqual(observed[0], d) {
			t.Fatalf("Wrap handed Observe %d decisions, not one equal to Explain's %+v: %+v", len(observed), d, observed)
		}
		checkWriteAsNetHTTP(t, p, r, d)
		if credentials && d.Header.Get("Access-Control-Expose-Headers") == "*" {
			t.Fatalf("Expose-Headers * with credentials")
		}
		if ma := d.Header.Get("Access-Control-Max-Age"); ma != "" && (!d.Preflight || !d.Allowed) {
			t.Fatalf("Max-Age %q on %s", ma, d.Reason)
		}
	})
}

// checkWriteAsNetHTTP checks that the write protection refuses r exactly
// when net/http's CrossOriginProtection, trusting the same origins, does:
// the policy's exact origins, and r's Origin when a pattern of the policy
// trusts it (net/http has no patterns).
func checkWriteAsNetHTTP(t *testing.T, p *Policy, r *http.Request, d Decision) {
	t.Helper()
	rules := p.cur.Load()
	if !rules.protect {
		if d.Write.Refused {
			t.Fatalf("refused a write with the protection off: %+v", d.Write)
		}
		return
	}
	cop := http.NewCrossOriginProtection()
	for _, o := range rules.cfg.Origins {
		if !strings.Contains(o, "*") {
			if err := cop.AddTrustedOrigin(o); err != nil {
				t.Fatalf("net/http refuses the origin %q the policy took: %v", o, err)
			}
		}
	}
	if strings.Contains(r.Header.Get("Origin"), "@") && r.Header.Get("Sec-Fetch-Site") == "" {
		return // net/http matches the host of an Origin with userinfo (golang/go#78563); the policy does not
	}
	if o := r.Header.Get("Origin"); o != "" && rules.origins.listsOther(o) {
		if cop.AddTrustedOrigin(o) != nil {
			return // a pattern trusts what net/http cannot even list
		}
	}
	if err := cop.Check(r); (err != nil) != d.Write.Refused {
		t.Fatalf("write refused=%v (%s), net/http says %v, for %s %q", d.Write.Refused, d.Write.Reason, err, r.Method, r.Header)
	}
}
