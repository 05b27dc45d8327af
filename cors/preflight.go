package cors

import "net/http"

// Status codes of the answers to preflights.
const (
	statusPreflightAllowed = http.StatusNoContent
	statusPreflightRefused = http.StatusForbidden
)

// judgePreflight decides on a preflight: origin, then requested method, then
// requested headers. It does not allocate.
func (p *Policy) judgePreflight(h http.Header, v *verdict) {
	var ok bool
	if v.reason, ok = p.judgeOrigin(v.origin); !ok {
		return
	}
	if len(v.method) != 1 || !p.methods.allows(v.method[0]) {
		v.reason = ReasonMethodNotAllowed
		return
	}
	if acrh, present := h[hdrACRH]; present {
		v.acrh = acrh
		v.list, v.bad = p.headers.scan(acrh)
		switch v.list {
		case listOK:
			v.reqHeaders = acrh
		case listEmpty:
		case listTooLong:
			v.reason = ReasonRequestHeadersTooLong
			return
		default:
			v.reason = ReasonHeaderNotAllowed
			return
		}
	}
	v.reason = ReasonPreflightAllowed
	v.allowed = true
}

// writePreflight writes the headers of the answer to an allowed preflight:
// Vary (Origin, Access-Control-Request-Method, Access-Control-Request-Headers),
// the Access-Control-Allow-* headers and Max-Age.
//
// A refused preflight gets no header at all, Vary included: its answer is a
// 403 to an OPTIONS request, which HTTP caches neither store (RFC 9110,
// section 9.3.7) nor may reuse heuristically (403 is not heuristically
// cacheable, section 15.1), so there is no cached answer for Vary to guard.
// The allowed 204 keeps Vary for caches configured to store OPTIONS answers.
func (p *Policy) writePreflight(h http.Header, v *verdict) {
	if !v.allowed {
		return
	}
	addVary(h, p.varyPreflight)
	p.writeACAO(h, v)
	if p.credentials {
		h[hdrACAC] = p.acac
	}
	h[hdrACAM] = v.method[:1:1]
	if n := len(v.reqHeaders); n > 0 {
		h[hdrACAH] = v.reqHeaders[:n:n]
	}
	if p.acma != nil {
		h[hdrACMA] = p.acma
	}
}

// status is the status code of the answer to a preflight.
func (v *verdict) status() int {
	if v.allowed {
		return statusPreflightAllowed
	}
	return statusPreflightRefused
}
