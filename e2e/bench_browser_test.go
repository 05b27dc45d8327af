//go:build e2e

package e2e

// The browser benchmarks of issue 7: credfetch against the browser's own
// fetch() and XMLHttpRequest, side by side in the suite's one Chromium
// session. Run them with `make bench-browser`, or one of them with
//
//	go test -tags e2e -run='^$' -bench='Browser/fetch-seq' -benchtime=1x ./e2e/
//
// How a case is measured: the page runs, inside one Evaluate (so no CDP
// round trip is timed), a warm-up of each side (a fifth of the workload), then
// -browser.rounds rounds (default 5; make bench-browser asks for 15) in which
// ours and native alternate, each side timed with performance.now(). A
// sequential case splits each side's workload into parts (benchCase.chunks)
// that alternate within the round, so that a busy spell of a shared machine
// lands on both sides alike; which side goes first alternates from part to
// part and from round to round, and a round's time of a side is the sum of
// its parts. The tab's CDP Network domain (which chromedp enables in every
// tab, and which sends several events per request to this process) is turned
// off first: a page's requests cost what they cost in a browser nobody
// inspects. Each iteration of the benchmark loop is one such measurement:
// with -benchtime=1x (as bench-browser runs them) there is exactly one per
// case, and ns/op is the time of that whole measurement. The reported metrics
// pool the rounds of every iteration:
//
//	ours/native  the median of the per-round ratios ours_i / native_i
//	ours-ms      the median time of one round of ours (the whole workload)
//	native-ms    the same for native
//
// CREDFETCH_BENCH_PROFILE=dir also records a CPU profile of the page
// (CDP Profiler domain) for each case as dir/CASE.cpuprofile, which Chrome
// DevTools' Performance panel opens.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// benchRounds is the number of interleaved rounds of one measurement.
var benchRounds = flag.Int("browser.rounds", 5, "interleaved `rounds` of each browser benchmark's measurement (at least 5)")

// benchCase is one benchmark: the same work done through credfetch (ours) and
// through the browser itself (native). ours and native are JavaScript async
// function expressions that take the size of the workload (n, or n/5 for the
// warm-up); one that returns a number reports its own measurement in ms
// (startup does: the frame's time from navigation start to ready) instead of
// being timed from the outside.
type benchCase struct {
	// page is the path on the page origin the case runs in; credfetch is
	// loaded into it unless noLoad.
	page   string
	noLoad bool
	// setup is the body of an async function run once before measuring;
	// what it stores on window.bench the two sides may use.
	setup        string
	ours, native string
	n            int
	// chunks splits each side's workload in a round into that many parts,
	// ours and native alternating part by part, so that both meet the same
	// moments of a busy machine; 0 or 1 keeps the workload whole (fetch-par
	// must send its requests at once).
	chunks int
}

// apiHello is what GET /api/hello answers in its message field.
const apiHello = "hello from the credfetch API origin"

// benchTab opens a tab at url for a benchmark or a long test, which may
// live up to 5 minutes: an uncaught exception in it fails tb.
func benchTab(tb testing.TB, url string) context.Context {
	tb.Helper()
	tab, cancelTab := chromedp.NewContext(suite.browser)
	ctx, cancel := context.WithTimeout(tab, 5*time.Minute)
	var (
		mu         sync.Mutex
		exceptions []string
	)
	done := make(chan struct{})
	messages := chromedp.Console(tab)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				exceptions = append(exceptions, m.Text)
				mu.Unlock()
			}
		}
	}()
	tb.Cleanup(func() {
		cancel()
		cancelTab()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, e := range exceptions {
			tb.Errorf("uncaught exception in the page: %s", e)
		}
	})
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		tb.Fatalf("open %s: %v", url, err)
	}
	return ctx
}

// evalIn evaluates js in the tab of ctx, awaiting a Promise.
func evalIn[T any](ctx context.Context, js string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// benchRound is one measurement: the time of each round of each side, in ms.
type benchRound struct {
	Ours   []float64 `json:"ours"`
	Native []float64 `json:"native"`
}

// measureJS is the page's side of one measurement.
const measureJS = `(async (ours, native, rounds, size, chunks) => {
	const time = async (fn, n) => {
		const t0 = performance.now();
		const v = await fn(n);
		return typeof v === 'number' ? v : performance.now() - t0;
	};
	const warm = Math.max(1, Math.round(size / 5));
	await time(ours, warm); await time(native, warm); // warm-up, not counted
	const parts = Math.max(1, Math.min(chunks, size));
	const o = [], n = [];
	for (let i = 0; i < rounds; i++) {
		let so = 0, sn = 0;
		for (let j = 0; j < parts; j++) {
			const k = Math.floor(size * (j + 1) / parts) - Math.floor(size * j / parts);
			if ((i + j) % 2 === 0) { so += await time(ours, k); sn += await time(native, k); }
			else { sn += await time(native, k); so += await time(ours, k); }
		}
		o.push(so); n.push(sn);
	}
	return { ours: o, native: n };
})`

// runBench runs c in a new tab b.N times and reports its metrics.
func runBench(b *testing.B, origin string, c benchCase) {
	ctx := benchTab(b, origin+c.page)
	if err := chromedp.Do(ctx, cdpCall(network.Disable)); err != nil {
		b.Fatalf("turn the tab's Network domain off: %v", err)
	}
	if !c.noLoad {
		if _, err := evalIn[bool](ctx, `import('/credfetch.js').then((m) => m.load()).then(() => true)`); err != nil {
			b.Fatalf("load credfetch: %v", err)
		}
	}
	if _, err := evalIn[bool](ctx, `(async () => { window.bench = {}; `+c.setup+`; return true; })()`); err != nil {
		b.Fatalf("set up: %v", err)
	}
	if *benchRounds < 5 {
		b.Fatalf("-browser.rounds=%d: the ratio is a median of at least 5 rounds", *benchRounds)
	}
	js := fmt.Sprintf("%s(%s, %s, %d, %d, %d)", measureJS, c.ours, c.native, *benchRounds, max(c.n, 1), max(c.chunks, 1))
	stopProfile := startProfile(b, ctx)
	var rounds []benchRound
	b.ResetTimer()
	for range b.N {
		r, err := evalIn[benchRound](ctx, js)
		if err != nil {
			b.Fatalf("measure: %v", err)
		}
		rounds = append(rounds, r)
	}
	b.StopTimer()
	stopProfile()
	reportRounds(b, rounds)
}

// reportRounds reports the medians of the pooled rounds and logs every round.
func reportRounds(b *testing.B, rounds []benchRound) {
	var ours, native, ratios []float64
	for _, r := range rounds {
		if len(r.Ours) != len(r.Native) || len(r.Ours) < 5 {
			b.Fatalf("a measurement has %d rounds of ours and %d of native; want the same number, at least 5", len(r.Ours), len(r.Native))
		}
		for i := range r.Ours {
			if r.Native[i] <= 0 || r.Ours[i] <= 0 {
				b.Fatalf("round %d took %.3f ms (ours) and %.3f ms (native): too fast to time", i, r.Ours[i], r.Native[i])
			}
			ours = append(ours, r.Ours[i])
			native = append(native, r.Native[i])
			ratios = append(ratios, r.Ours[i]/r.Native[i])
		}
	}
	b.Logf("rounds (ms): ours %.1f; native %.1f", ours, native)
	b.ReportMetric(median(ratios), "ours/native")
	b.ReportMetric(median(ours), "ours-ms")
	b.ReportMetric(median(native), "native-ms")
}

// median returns the median of xs, which must not be empty.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// startProfile starts the CDP CPU profiler in the tab when
// CREDFETCH_BENCH_PROFILE names a folder; the function it returns stops it and
// writes the profile there.
func startProfile(b *testing.B, ctx context.Context) (stop func()) {
	dir := os.Getenv("CREDFETCH_BENCH_PROFILE")
	if dir == "" {
		return func() {}
	}
	run := func(a chromedp.Action[chromedp.Void]) {
		if err := chromedp.Do(ctx, a); err != nil {
			b.Fatalf("CPU profile: %v", err)
		}
	}
	run(cdpCall(profiler.Enable))
	run(cdpCall(profiler.Start))
	return func() {
		res, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (profiler.StopResult, error) {
			return cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
		})
		if err != nil {
			b.Fatalf("stop the CPU profile: %v", err)
		}
		data, err := json.Marshal(res.Profile)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, filepath.Base(b.Name())+".cpuprofile")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Logf("CPU profile: %s", path)
	}
}

// cdpCall is the action that sends a CDP command without parameters or
// result.
func cdpCall(c cdp.Command[cdp.Empty, cdp.Empty]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, c, cdp.Empty{})
		return chromedp.Void{}, err
	}
}
