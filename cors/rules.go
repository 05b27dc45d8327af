package cors

import (
	"net/http"
	"sync/atomic"
)

// rules is a checked Config, compiled by New or Policy.Reconfigure into
// what the decision path reads. It is immutable: a Policy swaps whole rules.
type rules struct {
	cfg         Config // as given, lists cloned; Policy.Config returns a copy
	origins     originSet
	credentials bool
	public      bool // Config.Public: "*" for origins not in origins
	protect     bool // write protection on (Config.WriteProtection)
	methods     methodSet
	headers     headerSet

	// Prebuilt header values (see buildValues); nil when not sent.
	acaoAny       []string
	acac          []string
	aceh          []string
	acma          []string
	varyActual    []string
	varyPreflight []string
	textPlain     []string
	nosniff       []string

	observe func(*http.Request, Decision) // Config.Observe; nil when unset

	// lastACRH is the last one-line Access-Control-Request-Headers value
	// that judgePreflight found allowed and naming a header (see
	// allowedACRH); nil before the first.
	lastACRH atomic.Pointer[string]
}

// decide is the one CORS decision path, for Wrap and Explain alike: origin
// first, then, for a preflight from an allowed origin, the requested method
// and headers. It returns the reason in compact form and the request's own
// header slices that the answer echoes (origin, acrm) or that explain it
// (acrh), not copies. It does not allocate, and the common cases (no Origin,
// one of a few exact origins, a refused origin) take no further call.
func (p *rules) decide(r *http.Request) (code reasonCode, preflight bool, origin, acrm, acrh []string) {
	origin, ok := r.Header[hdrOrigin]
	if !ok {
		return codeNoOrigin, false, nil, nil, nil
	}
	switch {
	case len(origin) != 1 || origin[0] == "":
		code = codeInvalidOrigin
	case p.origins.isFew(origin[0]) || !p.origins.onlyFew && p.origins.allowsOther(origin[0]):
		code = codeAllowed
	case p.public:
		code = codePublic
	case origin[0] == "null":
		code = codeNullOrigin
	default:
		code = codeOriginNotAllowed
	}
	if r.Method == http.MethodOptions {
		if acrm, ok = r.Header[hdrACRM]; ok {
			if code == codeAllowed || code == codePublic {
				code, acrh = p.judgePreflight(r.Header, acrm, code == codePublic)
			}
			return code, true, origin, acrm, acrh
		}
	}
	return code, false, origin, nil, nil
}

// writeACAO sets Access-Control-Allow-Origin for an allowed request: "*"
// when any origin is allowed or the request is in the public tier, else the
// request's own Origin slice.
func (p *rules) writeACAO(h http.Header, code reasonCode, origin []string) {
	if p.origins.any || code == codePublic || code == codePreflightPublic {
		h[hdrACAO] = p.acaoAny
	} else {
		h[hdrACAO] = origin[:1:1]
	}
}

// credentialed reports whether an allowed request gets
// Access-Control-Allow-Credentials: never in the public tier.
func (p *rules) credentialed(code reasonCode) bool {
	return p.credentials && (code == codeAllowed || code == codePreflightAllowed)
}
