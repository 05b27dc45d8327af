package cors

import (
	"net/http"
	"sync/atomic"
)

// Policy is a checked CORS policy built by New. It is safe for concurrent
// use, and Reconfigure replaces its rules while it serves.
type Policy struct {
	cur atomic.Pointer[rules]
}

// Reconfigure replaces the policy's configuration with cfg, checked as New
// checks it. On error the policy keeps its configuration and the error lists
// every problem, as New's does. The switch is atomic: each request is
// decided wholly by the old configuration or wholly by the new one, whether
// it reaches a handler from Wrap, Explain or Config.Observe, and requests
// already past the policy are not affected.
//
// Browsers may go on using a preflight answer they cached under the old
// configuration for up to its Access-Control-Max-Age (Chromium caps it at 2
// hours, Firefox at 24): a method or header removed by Reconfigure stays
// usable from such a browser until then, since the actual request needs no
// new preflight. Origins, credentials and the write protection are judged
// again on every actual request, so removing an origin takes effect at once.
// Lower MaxAge ahead of a change that must apply at once.
func (p *Policy) Reconfigure(cfg Config) error {
	r, err := compile(cfg)
	if err != nil {
		return err
	}
	p.cur.Store(r)
	return nil
}

// Config returns the configuration the policy applies now, lists copied.
func (p *Policy) Config() Config {
	return cloneConfig(p.cur.Load().cfg)
}

// Wrap returns a handler that applies the policy to every request before
// next sees it. Preflights are answered by the policy itself and never reach
// next: 204 with the CORS headers and Vary when allowed, a bare 403 (no
// Access-Control-* header, no Vary) when refused. A request the write
// protection refuses (see Config.WriteProtection) gets 403 with a one-line
// text body and does not reach next either. Every other request, including
// OPTIONS requests that are not preflights, goes to next: with the CORS
// headers when its origin is allowed, without them when it is not (the
// browser enforces the refusal), and with Vary: Origin whenever the policy
// allows some origin. Vary is appended to, never overwritten. A nil next is
// treated as http.NotFoundHandler().
//
// The handler decides once per request, with the configuration current when
// the request arrives (see Reconfigure). When Config.Observe is set, it
// hands that decision to Observe before it writes anything or calls next.
//
// Without Config.Observe the handler allocates nothing of its own, except
// to write the refusal of a cross-origin write; see the package
// documentation for the one rule this imposes on handlers.
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

// ServeHTTP applies the policy to r, hands the decision to Config.Observe
// when one is set, then answers the preflight, refuses the write, or calls
// the wrapped handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := h.p.cur.Load()
	code, preflight, origin, acrm, acrh := p.decide(r)
	var wc writeCode // writeSafeMethod: not refused
	if p.protect && !preflight {
		wc = p.judgeWrite(r, code, origin)
	}
	if p.observe != nil {
		if !p.protect && !preflight {
			wc = p.judgeWrite(r, code, origin)
		}
		p.observe(r, p.explain(r, code, preflight, origin, acrm, acrh, wc))
	}
	if preflight {
		if preflightAllowed(code) { // a refused preflight gets no header
			p.writePreflight(w.Header(), code, origin, acrm, acrh)
		}
		w.WriteHeader(preflightStatus(code))
		return
	}
	p.writeActual(w.Header(), code, origin)
	if wc.refused() {
		p.refuseWrite(w, r, wc, origin)
		return
	}
	h.next.ServeHTTP(w, r)
}

// Explain returns the decision that Wrap makes on r and the headers it would
// write, without writing anything and without calling any handler. The
// returned Decision owns its Header: changing it does not affect the policy.
// It equals the Decision that Wrap hands to Config.Observe for r.
func (p *Policy) Explain(r *http.Request) Decision {
	cur := p.cur.Load()
	if r == nil {
		return cur.explain(nil, codeNoOrigin, false, nil, nil, nil, writeSafeMethod)
	}
	code, preflight, origin, acrm, acrh := cur.decide(r)
	return cur.explain(r, code, preflight, origin, acrm, acrh, cur.judgeWrite(r, code, origin))
}

// explain builds the Decision for the outcome of decide and judgeWrite on
// r, for Explain and Config.Observe alike: the reasons, the messages and a
// copy of the headers that Wrap writes. r is only read for a preflight and
// a write verdict.
func (p *rules) explain(r *http.Request, code reasonCode, preflight bool, origin, acrm, acrh []string, wc writeCode) Decision {
	h := http.Header{}
	switch {
	case !preflight:
		p.writeActual(h, code, origin)
	case preflightAllowed(code):
		p.writePreflight(h, code, origin, acrm, acrh)
	}
	if preflight && acrh == nil { // not looked up when refused earlier; show it anyway
		acrh = r.Header[hdrACRH]
	}
	if wc.refused() {
		p.writeRefusalHeaders(h)
	}
	d := p.decision(code, preflight, origin, acrm, acrh, h.Clone())
	d.Write = p.writeVerdict(r, wc, origin)
	if d.Write.Refused {
		d.Status = http.StatusForbidden
	}
	return d
}
