package cors

import (
	"net/http"

	"github.com/credfetch/credfetch/internal/fetchspec"
)

// Status codes of the answers to preflights.
const (
	statusPreflightAllowed = http.StatusNoContent
	statusPreflightRefused = http.StatusForbidden
)

// judgePreflight goes on deciding on a preflight from an allowed origin, or
// one in the public tier: the requested method (acrm), then the requested
// headers, which it looks up and returns (nil when they name no header).
// It does not allocate.
func (p *rules) judgePreflight(h http.Header, acrm []string, public bool) (reasonCode, []string) {
	if len(acrm) != 1 || !p.methods.allows(acrm[0]) {
		return codeMethodNotAllowed, nil
	}
	acrh, present := h[hdrACRH]
	if present && !p.allowedACRH(acrh) {
		switch res, _ := p.headers.scan(acrh); res {
		case listTooLong:
			return codeRequestHeadersTooLong, acrh
		case listInvalid, listNotAllowed:
			return codeHeaderNotAllowed, acrh
		case listEmpty:
			acrh = nil // names nothing: no Access-Control-Allow-Headers
		case listOK:
			p.rememberACRH(acrh)
		}
	}
	if public {
		return codePreflightPublic, acrh
	}
	return codePreflightAllowed, acrh
}

// allowedACRH reports whether acrh is the one line that the last allowed
// preflight asked for, so that judgePreflight may skip scanning it again:
// browsers send the same Access-Control-Request-Headers for every request
// of one shape, so a repeated preflight costs one string comparison. Only a
// value that scan found allowed and naming a header is remembered, and the
// rules never change, so a match needs no further check.
func (p *rules) allowedACRH(acrh []string) bool {
	last := p.lastACRH.Load()
	return last != nil && len(acrh) == 1 && acrh[0] == *last
}

// rememberACRH remembers an allowed, non-empty one-line acrh for
// allowedACRH. It keeps its own copy of the string header, since handlers
// may change the request's header slices afterwards.
func (p *rules) rememberACRH(acrh []string) {
	if len(acrh) == 1 {
		v := acrh[0]
		p.lastACRH.Store(&v)
	}
}

// writePreflight writes the headers of the answer to an allowed preflight
// (the caller writes none for a refused one):
// Vary (Origin, Access-Control-Request-Method, Access-Control-Request-Headers),
// the Access-Control-Allow-* headers and Max-Age.
//
// A refused preflight gets no header at all, Vary included: its answer is a
// 403 to an OPTIONS request, which HTTP caches neither store (RFC 9110,
// section 9.3.7) nor may reuse heuristically (403 is not heuristically
// cacheable, section 15.1), so there is no cached answer for Vary to guard.
// The allowed 204 keeps Vary for caches configured to store OPTIONS answers.
func (p *rules) writePreflight(h http.Header, code reasonCode, origin, acrm, acrh []string) {
	addVary(h, p.varyPreflight)
	p.writeACAO(h, code, origin)
	if p.credentialed(code) {
		h[hdrACAC] = p.acac
	}
	h[hdrACAM] = acrm[:1:1]
	if acrh != nil { // judgePreflight returns nil for a list that names nothing
		h[hdrACAH] = acrh[:len(acrh):len(acrh)]
	}
	if p.acma != nil {
		h[hdrACMA] = p.acma
	}
}

// requestsHeaders reports whether an allowed Access-Control-Request-Headers
// names any header, that is holds more than commas and whitespace.
func requestsHeaders(acrh []string) bool {
	for _, l := range acrh {
		if _, _, ok := fetchspec.CutListElement(l); ok {
			return true
		}
	}
	return false
}

// preflightAllowed reports whether a preflight's decision allows it.
func preflightAllowed(code reasonCode) bool {
	return code == codePreflightAllowed || code == codePreflightPublic
}

// preflightStatus is the status code of the answer to a preflight.
func preflightStatus(code reasonCode) int {
	if preflightAllowed(code) {
		return statusPreflightAllowed
	}
	return statusPreflightRefused
}
