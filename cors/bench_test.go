package cors

import (
	"net/http"
	"testing"
)

// BenchmarkWrap measures the policy alone, with a writer that reuses its
// header map. The comparison with other CORS middlewares lives in the
// benchmarks module.
func BenchmarkWrap(b *testing.B) {
	p := mustNew(b, apiConfig())
	cases := []struct {
		name string
		req  *http.Request
	}{
		{"preflight-allowed", preflight("https://app.example.com", "PUT", "content-type,x-requested-with")},
		{"preflight-refused", preflight("https://evil.example", "PUT", "content-type,x-requested-with")},
		{"get-allowed", newRequest(http.MethodGet, "https://app.example.com")},
		{"get-refused", newRequest(http.MethodGet, "https://evil.example")},
		{"get-no-origin", newRequest(http.MethodGet, "")},
	}
	h := p.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, c.req)
			}
		})
	}
}

// BenchmarkWrapObserved measures what Config.Observe costs when it is set:
// the Decision built for it, as Explain builds one.
func BenchmarkWrapObserved(b *testing.B) {
	cfg := apiConfig()
	var last Decision
	cfg.Observe = func(_ *http.Request, d Decision) { last = d }
	p := mustNew(b, cfg)
	cases := []struct {
		name string
		req  *http.Request
	}{
		{"preflight-allowed", preflight("https://app.example.com", "PUT", "content-type,x-requested-with")},
		{"get-allowed", newRequest(http.MethodGet, "https://app.example.com")},
		{"get-no-origin", newRequest(http.MethodGet, "")},
	}
	h := p.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, c.req)
			}
		})
	}
	_ = last
}
