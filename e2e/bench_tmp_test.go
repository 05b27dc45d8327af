//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

func TestTmpProfile(t *testing.T) {
	p := openLoaded(t)
	hello := jsString(suite.server.APIURL() + "/api/hello")
	eval[bool](p, `(async () => { credfetch.ajaxSetup({ trustedOrigins: [`+jsString(suite.server.APIURL())+`], credentials: 'include' }); for (let i = 0; i < 50; i++) await credfetch.ajax(`+hello+`); return true; })()`)
	call := func(c cdp.Command[cdp.Empty, cdp.Empty]) {
		_, err := chromedp.Run(p.ctx, func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) { return cdp.Call(ctx, tg, c, cdp.Empty{}) })
		if err != nil {
			t.Fatal(err)
		}
	}
	call(profiler.Enable)
	call(profiler.Start)
	got := eval[map[string]any](p, `(async () => {
		const t0 = performance.now();
		for (let i = 0; i < 300; i++) await credfetch.ajax(`+os.Getenv("TMPARGS")+hello+`);
		const t1 = performance.now();
		for (let i = 0; i < 300; i++) await (await fetch(`+hello+`, {credentials: 'include'})).json();
		return { ours: (t1 - t0) / 300, native: (performance.now() - t1) / 300, diag: credfetch.diagnostics() };
	})()`)
	res, err := chromedp.Run(p.ctx, func(ctx context.Context, tg *chromedp.Target) (profiler.StopResult, error) {
		return cdp.Call(ctx, tg, profiler.Stop, cdp.Empty{})
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(res.Profile)
	os.WriteFile("/tmp/prof.cpuprofile", data, 0o644)
	t.Log(got)
}
