package cors

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// WriteProtection is the choice of Config.WriteProtection.
type WriteProtection string

// The values of Config.WriteProtection.
const (
	// WriteProtectionAuto, the zero value, protects when Config.Credentials
	// is true: an API that reads cookies is the one a cross-site form can
	// act on.
	WriteProtectionAuto WriteProtection = ""
	// WriteProtectionOn protects whatever Config.Credentials says, for APIs
	// that read cookies without offering them to cross-origin pages.
	WriteProtectionOn WriteProtection = "on"
	// WriteProtectionOff never refuses a request for being a cross-origin
	// write.
	WriteProtectionOff WriteProtection = "off"
)

// compileWriteProtection checks Config.WriteProtection and tells whether
// the protection is on.
func compileWriteProtection(w WriteProtection, credentials bool, errs *configErrors) bool {
	switch w {
	case WriteProtectionAuto:
		return credentials
	case WriteProtectionOn:
		return true
	case WriteProtectionOff:
		return false
	}
	*errs = append(*errs, &ConfigError{Field: "Config.WriteProtection", Value: string(w),
		Problem: "is not a known setting",
		Fix:     `use "" (on when Credentials is true), "on" or "off"`})
	return false
}

// The reasons of a WriteVerdict.
const (
	// ReasonSafeMethod: GET, HEAD and OPTIONS are never refused; handlers
	// must not change state on them.
	ReasonSafeMethod Reason = "safe-method"
	// ReasonWriteUnprotected: the write protection is off, so the request
	// goes to the handler whatever its origin.
	ReasonWriteUnprotected Reason = "write-unprotected"
	// ReasonSameOrigin: Sec-Fetch-Site says same-origin, or none (the user
	// typed the URL or used a bookmark).
	ReasonSameOrigin Reason = "same-origin"
	// ReasonNoBrowserHeaders: the request has neither Sec-Fetch-Site nor
	// Origin, so no browser marked it cross-origin (a program such as curl,
	// or a same-origin request from a browser older than 2023).
	ReasonNoBrowserHeaders Reason = "no-browser-headers"
	// ReasonOriginIsHost: without Sec-Fetch-Site, the Origin's host is the
	// request's Host.
	ReasonOriginIsHost Reason = "origin-is-host"
	// ReasonTrustedOrigin: the Origin is one Config.Origins allows ("*" and
	// the public tier trust no origin).
	ReasonTrustedOrigin Reason = "trusted-origin"
	// ReasonCrossOriginWrite: Sec-Fetch-Site says cross-site or same-site
	// and the Origin is not trusted; refused with 403.
	ReasonCrossOriginWrite Reason = "cross-origin-write"
	// ReasonUntrustedOrigin: without Sec-Fetch-Site, the Origin is neither
	// the request's Host nor trusted; refused with 403.
	ReasonUntrustedOrigin Reason = "untrusted-origin"
)

// WriteVerdict is the write protection's verdict on one request, part of a
// Decision.
type WriteVerdict struct {
	// Refused reports whether the policy answers 403 itself, before the
	// wrapped handler runs.
	Refused bool
	// Reason is the stable code for the verdict.
	Reason Reason
	// Message is one sentence explaining it.
	Message string
}

// writeCode is a write verdict in compact form. Its zero value, a safe
// method, is not refused.
type writeCode uint8

const (
	writeSafeMethod writeCode = iota
	writeUnprotected
	writeSameOrigin
	writeNoBrowserHeaders
	writeOriginIsHost
	writeTrusted
	writeCrossOrigin // refused
	writeUntrusted   // refused
)

// writeReasons maps each writeCode to its Reason.
var writeReasons = [...]Reason{
	writeSafeMethod:       ReasonSafeMethod,
	writeUnprotected:      ReasonWriteUnprotected,
	writeSameOrigin:       ReasonSameOrigin,
	writeNoBrowserHeaders: ReasonNoBrowserHeaders,
	writeOriginIsHost:     ReasonOriginIsHost,
	writeTrusted:          ReasonTrustedOrigin,
	writeCrossOrigin:      ReasonCrossOriginWrite,
	writeUntrusted:        ReasonUntrustedOrigin,
}

// refused reports whether the verdict refuses the request.
func (c writeCode) refused() bool { return c >= writeCrossOrigin }

// hdrSecFetchSite is the Fetch Metadata header browsers send with every
// request since 2023.
const hdrSecFetchSite = "Sec-Fetch-Site"

// judgeWrite is the write protection's decision, net/http's
// CrossOriginProtection.Check with the policy's origins as the trusted ones:
// safe methods pass; Sec-Fetch-Site same-origin or none passes, any other
// value is refused unless the origin is trusted; without it, a request with
// no Origin passes (not from a browser, or from one too old to say), and
// one whose Origin names the request's Host or a trusted origin passes. Like
// net/http it reads the first Origin and the first Sec-Fetch-Site; unlike
// it, an Origin with userinfo never names the Host. code and
// origin are decide's, reused so that a trusted origin is not matched
// twice. It allocates only to parse an untrusted Origin without
// Sec-Fetch-Site.
func (p *rules) judgeWrite(r *http.Request, code reasonCode, origin []string) writeCode {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return writeSafeMethod
	}
	if !p.protect {
		return writeUnprotected
	}
	o := ""
	if len(origin) > 0 {
		o = origin[0]
	}
	if site := r.Header[hdrSecFetchSite]; len(site) > 0 && site[0] != "" {
		switch site[0] {
		case "same-origin", "none":
			return writeSameOrigin
		}
		if p.trusts(code, o) {
			return writeTrusted
		}
		return writeCrossOrigin
	}
	if o == "" {
		return writeNoBrowserHeaders
	}
	if p.trusts(code, o) {
		return writeTrusted
	}
	// net/http compares the parsed host alone, so an Origin with userinfo,
	// which no browser sends, such as "http://evil@api.example.com", passes
	// there (golang/go#78563); here it does not.
	if u, err := url.Parse(o); err == nil && u.User == nil && u.Host == r.Host {
		return writeOriginIsHost
	}
	return writeUntrusted
}

// trusts reports whether the write protection trusts origin o: one that
// Config.Origins allows by name or pattern, never by "*" or Config.Public.
func (p *rules) trusts(code reasonCode, o string) bool {
	if code == codeAllowed && !p.origins.any {
		return true // decide matched the request's one Origin already
	}
	return o != "" && (p.origins.isFew(o) || p.origins.listsOther(o))
}

// writeRefusalHeaders writes the headers of the refusal of a write.
func (p *rules) writeRefusalHeaders(h http.Header) {
	h["Content-Type"] = p.textPlain
	h["X-Content-Type-Options"] = p.nosniff
}

// refuseWrite answers a refused write: 403 with the verdict's sentence.
func (p *rules) refuseWrite(w http.ResponseWriter, r *http.Request, wc writeCode, origin []string) {
	p.writeRefusalHeaders(w.Header())
	w.WriteHeader(http.StatusForbidden)
	_, _ = io.WriteString(w, "cors: "+p.writeMessage(r, wc, origin)+"\n")
}

// writeVerdict builds the WriteVerdict of a Decision.
func (p *rules) writeVerdict(r *http.Request, wc writeCode, origin []string) WriteVerdict {
	return WriteVerdict{Refused: wc.refused(), Reason: writeReasons[wc], Message: p.writeMessage(r, wc, origin)}
}

// writeMessage writes the one-sentence explanation of a write verdict.
func (p *rules) writeMessage(r *http.Request, wc writeCode, origin []string) string {
	method, host, site, o := "", "", "", ""
	if r != nil {
		method, host = quote(r.Method), quote(r.Host)
		if s := r.Header[hdrSecFetchSite]; len(s) > 0 {
			site = quote(s[0])
		}
	}
	if len(origin) > 0 {
		o = quote(origin[0])
	}
	switch wc {
	case writeSafeMethod:
		if r == nil {
			return "No request: nothing to protect."
		}
		return fmt.Sprintf("%s is a safe method, which the write protection never refuses (the handler must not change state on it).", method)
	case writeUnprotected:
		why := "Config.WriteProtection is off"
		if p.cfg.WriteProtection == WriteProtectionAuto {
			why = "Config.Credentials is false and Config.WriteProtection is not on"
		}
		return fmt.Sprintf("The write protection is off (%s), so the %s request goes to the handler whatever its origin.", why, method)
	case writeSameOrigin:
		return fmt.Sprintf("Sec-Fetch-Site: %s says the browser sent the %s request from this origin (or on the user's own action), so it goes to the handler.", site, method)
	case writeNoBrowserHeaders:
		return fmt.Sprintf("The %s request has neither Sec-Fetch-Site nor Origin, so no browser marked it cross-origin (it comes from a program, or same-origin from a browser older than 2023) and it goes to the handler.", method)
	case writeOriginIsHost:
		return fmt.Sprintf("The %s request has no Sec-Fetch-Site, and Origin %s names this server's own host %s, so it goes to the handler.", method, o, host)
	case writeTrusted:
		return fmt.Sprintf("Origin %s is allowed by Config.Origins, which the write protection trusts, so the %s request goes to the handler.", o, method)
	case writeCrossOrigin:
		from := "it has no Origin the policy trusts"
		if o != "" {
			from = fmt.Sprintf("Origin %s is not allowed by Config.Origins", o)
		}
		return fmt.Sprintf("Sec-Fetch-Site: %s says the %s request comes from another origin and %s, so the write protection refuses it with 403 before the handler runs (a cross-site form or no-cors fetch would otherwise act with the user's cookies); allow the origin in Config.Origins if its pages may write.", site, method, from)
	case writeUntrusted:
		return fmt.Sprintf("The %s request has no Sec-Fetch-Site, and Origin %s is neither this server's host %s nor allowed by Config.Origins, so the write protection refuses it with 403 before the handler runs; allow the origin in Config.Origins if its pages may write.", method, o, host)
	}
	return "Unknown write verdict."
}
