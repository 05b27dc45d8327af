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
}

// verdict is the decision on one request, as the single decision path
// (judge) makes it for both Wrap and Explain. It holds the request's own
// header slices, not copies.
type verdict struct {
	reason     Reason
	allowed    bool
	cors       bool
	preflight  bool
	origin     []string   // the request's Origin values
	method     []string   // the request's Access-Control-Request-Method values
	acrh       []string   // the request's Access-Control-Request-Headers values
	reqHeaders []string   // acrh when it is echoed in Access-Control-Allow-Headers
	list       listResult // outcome of checking acrh
	bad        string     // the offending requested header name or element
}

// judge decides on r. It does not allocate. It is small enough for the
// compiler to inline it into Wrap's handler; the rarer paths are calls.
func (p *Policy) judge(r *http.Request, v *verdict) {
	origin, ok := r.Header[hdrOrigin]
	if !ok {
		v.reason = ReasonNoOrigin
		return
	}
	v.cors = true
	v.origin = origin
	if r.Method == http.MethodOptions {
		if p.judgeOptions(r.Header, v) {
			return
		}
	}
	if len(origin) == 1 {
		for _, e := range p.origins.few { // the common case, without a call
			if e == origin[0] {
				v.reason, v.allowed = ReasonAllowed, true
				return
			}
		}
	}
	v.reason, v.allowed = p.judgeOtherOrigin(origin)
}

// judgeOptions decides on an OPTIONS request with an Origin header when it
// is a preflight (it has Access-Control-Request-Method), and reports whether
// it was one.
func (p *Policy) judgeOptions(h http.Header, v *verdict) bool {
	acrm, ok := h[hdrACRM]
	if !ok {
		return false
	}
	v.preflight = true
	v.method = acrm
	p.judgePreflight(h, v)
	return true
}

// judgeOrigin decides on the Origin values of a CORS request. The common
// case, one of a few exact origins, is compared inline.
func (p *Policy) judgeOrigin(origin []string) (Reason, bool) {
	if len(origin) == 1 {
		for _, e := range p.origins.few {
			if e == origin[0] {
				return ReasonAllowed, true
			}
		}
	}
	return p.judgeOtherOrigin(origin)
}

// judgeOtherOrigin decides on the Origin values that are not one of the few
// exact origins.
func (p *Policy) judgeOtherOrigin(origin []string) (Reason, bool) {
	if len(origin) != 1 || origin[0] == "" {
		return ReasonInvalidOrigin, false
	}
	if p.origins.allowsOther(origin[0]) {
		return ReasonAllowed, true
	}
	if origin[0] == "null" {
		return ReasonNullOrigin, false
	}
	return ReasonOriginNotAllowed, false
}

// writeACAO sets Access-Control-Allow-Origin for an allowed request: "*"
// when any origin is allowed, else the request's own Origin slice.
func (p *Policy) writeACAO(h http.Header, v *verdict) {
	if p.origins.any {
		h[hdrACAO] = p.acaoAny
	} else {
		h[hdrACAO] = v.origin[:1:1]
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
// The handler allocates nothing of its own; see the package documentation
// for the one rule this imposes on handlers.
func (p *Policy) Wrap(next http.Handler) http.Handler {
	if next == nil {
		next = http.NotFoundHandler()
	}
	return &handler{p: p, next: next}
}

// handler is the http.Handler returned by Wrap.
type handler struct {
	p    *Policy
	next http.Handler
}

// ServeHTTP applies the policy to r, then answers the preflight or calls the
// wrapped handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var v verdict
	h.p.judge(r, &v)
	if v.preflight {
		h.p.writePreflight(w.Header(), &v)
		w.WriteHeader(v.status())
		return
	}
	h.p.writeActual(w.Header(), &v)
	h.next.ServeHTTP(w, r)
}

// Explain returns the decision that Wrap makes on r and the headers it would
// write, without writing anything and without calling any handler. The
// returned Decision owns its Header: changing it does not affect the policy.
func (p *Policy) Explain(r *http.Request) Decision {
	var v verdict
	if r != nil {
		p.judge(r, &v)
	} else {
		v.reason = ReasonNoOrigin
	}
	h := http.Header{}
	if v.preflight {
		p.writePreflight(h, &v)
	} else {
		p.writeActual(h, &v)
	}
	return p.decision(&v, h.Clone())
}
