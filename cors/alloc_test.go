package cors

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// discardWriter is a minimal http.ResponseWriter that keeps one header map,
// cleared between runs, so that allocation counts are the policy's own.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }

// TestAllocations holds the allocation budget of the issue: none on
// preflights, at most one on actual requests (the policy uses none).
func TestAllocations(t *testing.T) {
	p := mustNew(t, apiConfig())
	many := apiConfig()
	many.Origins = nil
	for i := range 100 {
		many.Origins = append(many.Origins, "https://app"+string(rune('a'+i%26))+string(rune('a'+i/26))+".example.com")
	}
	pm := mustNew(t, many)
	cases := []struct {
		name      string
		p         *Policy
		req       *http.Request
		preflight bool
		max       float64
	}{
		{"preflight allowed", p, preflight("https://app.example.com", "PUT", "content-type,x-requested-with"), true, 0},
		{"preflight allowed, pattern", p, preflight("https://a.example.org", "DELETE", "authorization"), true, 0},
		{"preflight refused origin", p, preflight("https://evil.example", "PUT"), true, 0},
		{"preflight refused header", p, preflight("https://app.example.com", "PUT", "x-secret"), true, 0},
		{"GET allowed", p, newRequest(http.MethodGet, "https://app.example.com"), false, 1},
		{"GET refused", p, newRequest(http.MethodGet, "https://evil.example"), false, 1},
		{"GET without origin", p, newRequest(http.MethodGet, ""), false, 1},
		{"GET one of 100", pm, newRequest(http.MethodGet, "https://appzc.example.com"), false, 1},
	}
	next := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := c.p.Wrap(next)
			w := &discardWriter{h: http.Header{}}
			allocs := testing.AllocsPerRun(1000, func() {
				clear(w.h)
				h.ServeHTTP(w, c.req)
			})
			assert.LessOrEqual(t, allocs, c.max)
			assert.Zero(t, allocs, "the policy allocates nothing on its own")
		})
	}
}
