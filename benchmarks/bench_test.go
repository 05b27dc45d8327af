package benchmarks_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	jub0bs "github.com/jub0bs/cors"
	rs "github.com/rs/cors"

	"github.com/credfetch/credfetch/cors"
)

// writer is a minimal http.ResponseWriter that keeps one header map, cleared
// between iterations, so that the figures count the middleware and not the
// recorder.
type writer struct {
	h      http.Header
	status int
}

func (w *writer) Header() http.Header         { return w.h }
func (w *writer) Write(b []byte) (int, error) { return len(b), nil }
func (w *writer) WriteHeader(status int)      { w.status = status }

// setup is one policy, written for each contender.
type setup struct {
	origins     []string
	credentials bool
	methods     []string
	headers     []string
	expose      []string
	maxAge      time.Duration
	// public adds credfetch's public tier (Access-Control-Allow-Origin: *
	// for every other origin); the competitors, which have no such tier,
	// allow "*" without credentials instead, as for a public resource.
	public bool
}

// bare is the handler every contender wraps, and the baseline.
var bare = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})

// contender is one handler to compare.
type contender struct {
	name string
	h    http.Handler
}

// contenders returns the handlers to compare on req, in a fixed order: the
// bare handler, the floor (a hand-written handler that writes credfetch's
// headers for req, computed in advance, and checks nothing), credfetch, and
// the competitors. With credentials credfetch also protects writes; the
// competitors, which cannot, are wrapped in net/http's
// CrossOriginProtection trusting the same origins, as their users would.
func contenders(tb testing.TB, s setup, req *http.Request) []contender {
	ours, err := cors.New(cors.Config{
		Origins:     s.origins,
		Credentials: s.credentials,
		Methods:     s.methods,
		Headers:     s.headers,
		Expose:      s.expose,
		MaxAge:      s.maxAge,
		Public:      s.public,
	})
	if err != nil {
		tb.Fatal(err)
	}
	origins, credentials := s.origins, s.credentials
	if s.public {
		origins, credentials = []string{"*"}, false
	}
	j, err := jub0bs.NewMiddleware(jub0bs.Config{
		Origins:         origins,
		Credentialed:    credentials,
		Methods:         s.methods,
		RequestHeaders:  s.headers,
		ResponseHeaders: s.expose,
		MaxAgeInSeconds: int(s.maxAge / time.Second),
	})
	if err != nil {
		tb.Fatal(err)
	}
	r := rs.New(rs.Options{
		AllowedOrigins:   origins,
		AllowCredentials: credentials,
		AllowedMethods:   append([]string{http.MethodGet, http.MethodHead, http.MethodPost}, s.methods...),
		AllowedHeaders:   s.headers,
		ExposedHeaders:   s.expose,
		MaxAge:           int(s.maxAge / time.Second),
	})
	protect := func(h http.Handler) http.Handler { return h }
	if s.credentials {
		cop, err := ours.CrossOriginProtection()
		if err != nil {
			tb.Fatal(err)
		}
		protect = cop.Handler
	}
	return []contender{
		{"bare", bare},
		{"floor", floor(ours.Wrap(bare), req)},
		{"credfetch", ours.Wrap(bare)},
		{"rs-cors", protect(r.Handler(bare))},
		{"jub0bs-cors", protect(j.Wrap(bare))},
	}
}

// floor returns a handler that writes, without looking at the request, the
// headers and status that h writes for req: what any CORS middleware must
// at least spend on req.
func floor(h http.Handler, req *http.Request) http.Handler {
	w := &writer{h: make(http.Header)}
	h.ServeHTTP(w, req)
	type field struct {
		name  string
		value []string
	}
	var fields []field
	for k, v := range w.h {
		fields = append(fields, field{k, v[:len(v):len(v)]})
	}
	status := w.status
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		out := rw.Header()
		for _, f := range fields {
			out[f.name] = f.value
		}
		if status != 0 {
			rw.WriteHeader(status)
			return
		}
		bare.ServeHTTP(rw, r)
	})
}

// request builds a request with canonical header keys, as net/http's server
// does.
func request(method, origin string, hdr map[string]string) *http.Request {
	r := httptest.NewRequest(method, "https://api.example.com/items", nil)
	if origin != "" {
		r.Header["Origin"] = []string{origin}
	}
	for k, v := range hdr {
		r.Header[http.CanonicalHeaderKey(k)] = []string{v}
	}
	return r
}

// hundredOrigins returns 100 distinct allowed origins.
func hundredOrigins() []string {
	o := make([]string, 100)
	for i := range o {
		o[i] = "https://app" + strconv.Itoa(i) + ".example.com"
	}
	return o
}

// hostile is an Access-Control-Request-Headers value of about 1 MB made of an
// allowed name repeated, the worst case for a list parser.
var hostile = strings.Repeat("content-type,", (1<<20)/len("content-type,"))

// benchCases are the requests compared, each with its policy.
func benchCases() []struct {
	name  string
	setup setup
	req   *http.Request
	want  int
} {
	api := setup{
		origins:     []string{"https://app.example.com"},
		credentials: true,
		methods:     []string{http.MethodPut},
		headers:     []string{"Content-Type", "X-Requested-With"},
		expose:      []string{"X-Request-Id"},
		maxAge:      2 * time.Hour,
	}
	many := api
	many.origins = hundredOrigins()
	public := api
	public.public = true
	return []struct {
		name  string
		setup setup
		req   *http.Request
		want  int
	}{
		{"preflight-allowed", api, request(http.MethodOptions, "https://app.example.com", map[string]string{
			"Access-Control-Request-Method":  "PUT",
			"Access-Control-Request-Headers": "content-type,x-requested-with",
		}), http.StatusNoContent},
		{"get-allowed", api, request(http.MethodGet, "https://app.example.com", nil), 0},
		{"get-refused", api, request(http.MethodGet, "https://evil.example.net", nil), 0},
		{"preflight-refused", api, request(http.MethodOptions, "https://evil.example.net", map[string]string{
			"Access-Control-Request-Method":  "PUT",
			"Access-Control-Request-Headers": "content-type,x-requested-with",
		}), http.StatusForbidden},
		{"one-of-100-allowed", many, request(http.MethodGet, "https://app57.example.com", nil), 0},
		{"hostile-1MB-request-headers", api, request(http.MethodOptions, "https://app.example.com", map[string]string{
			"Access-Control-Request-Method":  "PUT",
			"Access-Control-Request-Headers": hostile,
		}), http.StatusForbidden},
		{"post-write-protected", api, request(http.MethodPost, "https://app.example.com", map[string]string{
			"Sec-Fetch-Site": "same-site",
		}), 0},
		{"public-tier", public, request(http.MethodGet, "https://someone.example.net", nil), 0},
	}
}

// BenchmarkCORS runs every contender on every case; the sub-benchmark names
// are case/contender.
func BenchmarkCORS(b *testing.B) {
	for _, c := range benchCases() {
		for _, k := range contenders(b, c.setup, c.req) {
			b.Run(c.name+"/"+k.name, func(b *testing.B) {
				w := &writer{h: make(http.Header)}
				b.ReportAllocs()
				for b.Loop() {
					clear(w.h)
					k.h.ServeHTTP(w, c.req)
				}
			})
		}
	}
}

// burst is the number of requests one contender serves in a row in
// BenchmarkCompare.
const burst = 200

// BenchmarkCompare serves the same cases with the contenders interleaved:
// each iteration gives every contender one burst of requests, in a rotating
// order, and each contender's figure is its fastest burst. On a shared machine this filters
// out the preemptions that make back-to-back benchmarks of different
// contenders disagree, because every contender sees the same conditions.
// It reports each contender's ns/op as a "<contender>-ns/op" metric and
// credfetch's overhead over the bare handler divided by the better
// competitor's as "overhead-ratio".
func BenchmarkCompare(b *testing.B) {
	for _, c := range benchCases() {
		hs := contenders(b, c.setup, c.req)
		b.Run(c.name, func(b *testing.B) {
			best := make([]time.Duration, len(hs))
			writers := make([]*writer, len(hs))
			for k := range hs {
				best[k] = time.Duration(1 << 62)
				writers[k] = &writer{h: make(http.Header)}
			}
			round := 0
			for b.Loop() {
				round++
				for i := range hs {
					k := (i + round) % len(hs) // rotate who goes first
					h, w := hs[k], writers[k]
					start := time.Now()
					for range burst {
						clear(w.h)
						h.h.ServeHTTP(w, c.req)
					}
					best[k] = min(best[k], time.Since(start))
				}
			}
			ns := map[string]float64{}
			for k, h := range hs {
				ns[h.name] = float64(best[k].Nanoseconds()) / burst
				b.ReportMetric(ns[h.name], h.name+"-ns/op")
			}
			better := min(ns["rs-cors"], ns["jub0bs-cors"]) - ns["bare"]
			b.ReportMetric((ns["credfetch"]-ns["bare"])/better, "overhead-ratio")
			b.ReportMetric((ns["credfetch"]-ns["bare"])/(ns["floor"]-ns["bare"]), "floor-ratio")
		})
	}
}

// TestContendersAgree checks that the contenders are configured alike: each
// allows exactly the cases meant to be allowed, and credfetch answers
// preflights with the intended status.
func TestContendersAgree(t *testing.T) {
	allowed := map[string]bool{"preflight-allowed": true, "get-allowed": true, "one-of-100-allowed": true,
		"post-write-protected": true, "public-tier": true}
	for _, c := range benchCases() {
		for _, k := range contenders(t, c.setup, c.req) {
			if k.name == "bare" {
				continue
			}
			w := &writer{h: make(http.Header)}
			k.h.ServeHTTP(w, c.req)
			if got := w.h.Get("Access-Control-Allow-Origin") != ""; got != allowed[c.name] {
				t.Errorf("%s/%s: allowed=%v, want %v (headers %v)", c.name, k.name, got, allowed[c.name], w.h)
			}
			if (k.name == "credfetch" || k.name == "floor") && w.status != c.want {
				t.Errorf("%s/%s: status %d, want %d", c.name, k.name, w.status, c.want)
			}
			if w.status == http.StatusForbidden && c.req.Header.Get("Access-Control-Request-Method") == "" {
				t.Errorf("%s/%s: an allowed write refused", c.name, k.name)
			}
		}
	}
}

// TestContendersProtectWrites checks that the write-protected case compares
// protected handlers: each contender refuses a cross-site POST from an
// origin its policy does not allow.
func TestContendersProtectWrites(t *testing.T) {
	for _, c := range benchCases() {
		if c.name != "post-write-protected" {
			continue
		}
		evil := request(http.MethodPost, "https://evil.example.net", map[string]string{"Sec-Fetch-Site": "cross-site"})
		for _, k := range contenders(t, c.setup, c.req) {
			if k.name == "bare" || k.name == "floor" {
				continue
			}
			w := &writer{h: make(http.Header)}
			k.h.ServeHTTP(w, evil)
			if w.status != http.StatusForbidden {
				t.Errorf("%s: a cross-site POST got status %d, not 403", k.name, w.status)
			}
		}
	}
}
