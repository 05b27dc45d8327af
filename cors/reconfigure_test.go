package cors

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answer is what a client sees of a response: status, headers, and
// whether the handler ran.
type answer struct {
	status int
	header string
	called bool
}

// answerOf serves r with h and returns the answer.
func answerOf(h http.Handler, r *http.Request, called *atomic.Bool) answer {
	rec := httptest.NewRecorder()
	called.Store(false)
	h.ServeHTTP(rec, r)
	return answer{rec.Code, fmt.Sprint(rec.Header()), called.Load()}
}

// TestReconfigureUnderLoad reconfigures a policy back and forth between
// two configurations while 8 goroutines send requests through one handler
// from Wrap, and checks that every response is the one of the first
// configuration or the one of the second, never a mix. Run it with -race.
func TestReconfigureUnderLoad(t *testing.T) {
	a := Config{Origins: []string{"https://a.example"}, Credentials: true, Methods: []string{"PUT"},
		Headers: []string{"X-A"}, Expose: []string{"X-Request-Id"}, MaxAge: time.Hour}
	b := Config{Origins: []string{"https://b.example", "https://*.b.example"}, Public: true, Methods: []string{"DELETE"},
		Headers: []string{"X-B"}, WriteProtection: WriteProtectionOn}
	requests := func() []*http.Request {
		return []*http.Request{
			newRequest(http.MethodGet, "https://a.example"),
			newRequest(http.MethodGet, "https://x.b.example"),
			newRequest(http.MethodGet, "https://c.example"),
			preflight("https://a.example", "PUT", "x-a"),
			preflight("https://b.example", "DELETE", "x-b"),
			preflight("https://c.example", "DELETE"),
			newRequest(http.MethodPost, "https://a.example", "Sec-Fetch-Site", "cross-site"),
			newRequest(http.MethodPost, "https://b.example", "Sec-Fetch-Site", "cross-site"),
		}
	}
	var called atomic.Bool // the flag of the requests served before the goroutines start
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Context().Value(calledKey{}).(*atomic.Bool).Store(true)
	})
	withFlag := func(h http.Handler, r *http.Request, flag *atomic.Bool) answer {
		return answerOf(h, r.WithContext(context.WithValue(r.Context(), calledKey{}, flag)), flag)
	}
	want := make([][2]answer, len(requests()))
	for k, cfg := range []Config{a, b} {
		h := mustNew(t, cfg).Wrap(next)
		for i, r := range requests() {
			want[i][k] = withFlag(h, r, &called)
		}
	}
	for i := range want {
		require.NotEqual(t, want[i][0], want[i][1], "request %d tells the configurations apart", i)
	}

	p := mustNew(t, a)
	h := p.Wrap(next)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var served, fromA, fromB atomic.Int64
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var flag atomic.Bool
			reqs := requests()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				i := (n + g) % len(reqs)
				got := withFlag(h, reqs[i], &flag)
				switch got {
				case want[i][0]:
					fromA.Add(1)
				case want[i][1]:
					fromB.Add(1)
				default:
					t.Errorf("request %d got %+v, neither configuration's answer %+v", i, got, want[i])
					return
				}
				served.Add(1)
			}
		}()
	}
	for n := 0; n < 100; n++ {
		cfg := a
		if n%2 == 0 {
			cfg = b
		}
		require.NoError(t, p.Reconfigure(cfg))
		time.Sleep(100 * time.Microsecond)
	}
	close(stop)
	wg.Wait()
	t.Logf("%d responses: %d under the first configuration, %d under the second", served.Load(), fromA.Load(), fromB.Load())
	assert.Positive(t, fromA.Load())
	assert.Positive(t, fromB.Load())
}

// calledKey is the context key of the flag the handler sets.
type calledKey struct{}

// TestReconfigureRefusesBadConfigAndKeepsTheOld checks that a refused
// configuration changes nothing and is reported as New reports it.
func TestReconfigureRefusesBadConfigAndKeepsTheOld(t *testing.T) {
	p := mustNew(t, apiConfig())
	before := p.Explain(preflight("https://app.example.com", "PUT", "content-type"))
	err := p.Reconfigure(Config{Origins: []string{"*", "null"}, Credentials: true, MaxAge: -1})
	require.Error(t, err)
	_, newErr := New(Config{Origins: []string{"*", "null"}, Credentials: true, MaxAge: -1})
	assert.Equal(t, newErr.Error(), err.Error())
	assert.Len(t, configErrorsOf(t, err), 3)
	assert.Equal(t, before, p.Explain(preflight("https://app.example.com", "PUT", "content-type")))
	assert.Equal(t, apiConfig(), p.Config())
}

// TestReconfigureSwitchesEverything checks that the new configuration
// takes over origins, the write protection and the observer at once, and
// that Config returns it without sharing its lists.
func TestReconfigureSwitchesEverything(t *testing.T) {
	p := mustNew(t, apiConfig())
	h := p.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	var seen []Reason
	next := Config{Origins: []string{"https://new.example"}, Credentials: true,
		Observe: func(_ *http.Request, d Decision) { seen = append(seen, d.Reason) }}
	require.NoError(t, p.Reconfigure(next))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newRequest(http.MethodGet, "https://app.example.com"))
	assert.Empty(t, rec.Header().Get("Access-Control-Allow-Origin"), "the old origin is gone at once")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, newRequest(http.MethodGet, "https://new.example"))
	assert.Equal(t, "https://new.example", rec.Header().Get("Access-Control-Allow-Origin"))
	assert.Equal(t, []Reason{ReasonOriginNotAllowed, ReasonAllowed}, seen, "the new observer sees the requests")

	cfg := p.Config()
	assert.Equal(t, []string{"https://new.example"}, cfg.Origins)
	cfg.Origins[0] = "https://changed.example"
	assert.Equal(t, []string{"https://new.example"}, p.Config().Origins, "Config returns a copy")
}
