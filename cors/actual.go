package cors

import "net/http"

// writeActual writes the CORS headers of a request that goes to the wrapped
// handler: Vary: Origin whenever the policy allows some origin (the response
// then depends on Origin), and for an allowed origin Allow-Origin,
// Allow-Credentials and Expose-Headers.
func (p *Policy) writeActual(h http.Header, code reasonCode, origin []string) {
	if !p.origins.empty {
		addVary(h, p.varyActual)
	}
	if code == codeAllowed {
		p.writeAllowedActual(h, origin)
	}
}

// writeAllowedActual writes the CORS headers of an actual request from an
// allowed origin.
func (p *Policy) writeAllowedActual(h http.Header, origin []string) {
	p.writeACAO(h, origin)
	if p.credentials {
		h[hdrACAC] = p.acac
	}
	if p.aceh != nil {
		h[hdrACEH] = p.aceh
	}
}
