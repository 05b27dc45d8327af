package cors

import "net/http"

// writeActual writes the CORS headers of a request that goes to the wrapped
// handler (or whose write the policy refuses): Vary: Origin whenever the
// policy allows some origin (the response then depends on Origin), and for
// an allowed origin Allow-Origin, Allow-Credentials (never in the public
// tier) and Expose-Headers.
func (p *rules) writeActual(h http.Header, code reasonCode, origin []string) {
	if !p.origins.empty {
		addVary(h, p.varyActual)
	}
	if code != codeAllowed && code != codePublic {
		return
	}
	p.writeACAO(h, code, origin)
	if p.credentialed(code) {
		h[hdrACAC] = p.acac
	}
	if p.aceh != nil {
		h[hdrACEH] = p.aceh
	}
}
