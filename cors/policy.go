package cors

import "net/http"

// Policy is a checked CORS policy built by New. It is immutable and safe
// for concurrent use.
type Policy struct {
	origins     originSet
	credentials bool
	methods     methodSet
	headers     headerSet

	// Prebuilt header values (see buildValues); nil when not sent.
	acaoAny       []string
	acac          []string
	aceh          []string
	acma          []string
	varyActual    []string
	varyPreflight []string

	observe func(*http.Request, Decision) // Config.Observe; nil when unset
}

// decide is the one decision path, for Wrap and Explain alike: origin
// first, then, for a preflight from an allowed origin, the requested method
// and headers. It returns the reason in compact form and the request's own
// header slices that the answer echoes (origin, acrm) or that explain it
// (acrh), not copies. It does not allocate, and the common cases (no Origin,
// one of a few exact origins, a refused origin) take no further call.
func (p *Policy) decide(r *http.Request) (code reasonCode, preflight bool, origin, acrm, acrh []string) {
	origin, ok := r.Header[hdrOrigin]
	if !ok {
		return codeNoOrigin, false, nil, nil, nil
	}
	switch {
	case len(origin) != 1 || origin[0] == "":
		code = codeInvalidOrigin
	case p.origins.isFew(origin[0]) || !p.origins.onlyFew && p.origins.allowsOther(origin[0]):
		code = codeAllowed
	case origin[0] == "null":
		code = codeNullOrigin
	default:
		code = codeOriginNotAllowed
	}
	if r.Method == http.MethodOptions {
		if acrm, ok = r.Header[hdrACRM]; ok {
			if code == codeAllowed {
				code, acrh = p.judgePreflight(r.Header, acrm)
			}
			return code, true, origin, acrm, acrh
		}
	}
	return code, false, origin, nil, nil
}

// writeACAO sets Access-Control-Allow-Origin for an allowed request: "*"
// when any origin is allowed, else the request's own Origin slice.
func (p *Policy) writeACAO(h http.Header, origin []string) {
	if p.origins.any {
		h[hdrACAO] = p.acaoAny
	} else {
		h[hdrACAO] = origin[:1:1]
	}
}

// Wrap returns a handler that applies the policy to every request before
// next sees it. Preflights are answered by the policy itself and never reach
// next: 204 with the CORS headers and Vary when allowed, a bare 403 (no
// Access-Control-* header, no Vary) when refused. Every other request,
// including OPTIONS requests that are not preflights, goes to next: with the
// CORS headers when its origin is allowed, without them when it is not (the
// browser enforces the refusal), and with Vary: Origin whenever the policy
// allows some origin. Vary is appended to, never overwritten. A nil next is
// treated as http.NotFoundHandler().
//
// The handler decides once per request. When Config.Observe is set, it
// hands that decision to Observe before it writes anything or calls next.
//
// Without Config.Observe the handler allocates nothing of its own; see the
// package documentation for the one rule this imposes on handlers.
func (p *Policy) Wrap(next http.Handler) http.Handler {
	if next == nil {
		next = http.NotFoundHandler()
	}
	if p.observe != nil {
		return &observedHandler{p: p, next: next}
	}
	return &handler{p: p, next: next}
}

// handler is the http.Handler returned by Wrap for a policy without
// Config.Observe. It does not test for an observer: a policy without one
// runs exactly the code it ran before observers existed.
type handler struct {
	p    *Policy
	next http.Handler
}

// ServeHTTP applies the policy to r, then answers the preflight or calls the
// wrapped handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	code, preflight, origin, acrm, acrh := h.p.decide(r)
	if preflight {
		if code == codePreflightAllowed { // a refused preflight gets no header
			h.p.writePreflight(w.Header(), origin, acrm, acrh)
		}
		w.WriteHeader(preflightStatus(code))
		return
	}
	h.p.writeActual(w.Header(), code, origin)
	h.next.ServeHTTP(w, r)
}

// observedHandler is the http.Handler returned by Wrap for a policy with
// Config.Observe.
type observedHandler struct {
	p    *Policy
	next http.Handler
}

// ServeHTTP applies the policy to r, hands the decision to Config.Observe,
// then acts on it as handler.ServeHTTP does (the tests hold both to
// Explain's word).
func (h *observedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	code, preflight, origin, acrm, acrh := h.p.decide(r)
	h.p.observe(r, h.p.explain(r, code, preflight, origin, acrm, acrh))
	if preflight {
		if code == codePreflightAllowed {
			h.p.writePreflight(w.Header(), origin, acrm, acrh)
		}
		w.WriteHeader(preflightStatus(code))
		return
	}
	h.p.writeActual(w.Header(), code, origin)
	h.next.ServeHTTP(w, r)
}

// Explain returns the decision that Wrap makes on r and the headers it would
// write, without writing anything and without calling any handler. The
// returned Decision owns its Header: changing it does not affect the policy.
// It equals the Decision that Wrap hands to Config.Observe for r.
func (p *Policy) Explain(r *http.Request) Decision {
	if r == nil {
		return p.explain(nil, codeNoOrigin, false, nil, nil, nil)
	}
	code, preflight, origin, acrm, acrh := p.decide(r)
	return p.explain(r, code, preflight, origin, acrm, acrh)
}

// explain builds the Decision for the outcome of decide on r, for Explain
// and Config.Observe alike: the reason, the message and a copy of the
// headers that Wrap writes. r is only read for a preflight.
func (p *Policy) explain(r *http.Request, code reasonCode, preflight bool, origin, acrm, acrh []string) Decision {
	h := http.Header{}
	switch {
	case !preflight:
		p.writeActual(h, code, origin)
	case code == codePreflightAllowed:
		p.writePreflight(h, origin, acrm, acrh)
	}
	if preflight && acrh == nil { // not looked up when refused earlier; show it anyway
		acrh = r.Header[hdrACRH]
	}
	return p.decision(code, preflight, origin, acrm, acrh, h.Clone())
}
