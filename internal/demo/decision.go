package demo

import (
	"context"
	"net/http"

	"github.com/credfetch/credfetch/cors"
)

// decisionSlot holds the API origin policy's decision on one request. record
// puts an empty slot in the request's context; the policy's observer fills
// it when Wrap decides; the live log reads it. So the policy decides once
// per request, the write protection's verdict included.
type decisionSlot struct {
	d    cors.Decision
	made bool
}

// decisionKey is the context key of a request's *decisionSlot.
type decisionKey struct{}

// withDecisionSlot returns r with an empty slot in its context.
func withDecisionSlot(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), decisionKey{}, &decisionSlot{}))
}

// observe is the Config.Observe of the API origin's policy: it keeps the
// decision Wrap made in the request's slot, then hands it to the observer of
// Options.CORS, if any.
func (s *Server) observe(r *http.Request, d cors.Decision) {
	if slot, ok := r.Context().Value(decisionKey{}).(*decisionSlot); ok {
		slot.d, slot.made = d, true
	}
	if s.decided != nil {
		s.decided(r, d, true)
	}
	if s.policyCfg.Observe != nil {
		s.policyCfg.Observe(r, d)
	}
}

// decision returns the policy's decision on r: the one Wrap made, kept in
// the request's slot, or, for a request that Wrap does not serve (the lab's
// scenarios, paths outside /api/), the one Explain makes, which tells what
// the policy would have done; that one is kept in the slot too. Either way
// the policy decides once per request.
func (s *Server) decision(r *http.Request) cors.Decision {
	slot, _ := r.Context().Value(decisionKey{}).(*decisionSlot)
	if slot != nil && slot.made {
		return slot.d
	}
	d := s.policy.Explain(r)
	if s.decided != nil {
		s.decided(r, d, false)
	}
	if slot != nil {
		slot.d, slot.made = d, true
	}
	return d
}
