//go:build e2e

package e2e

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// maxReadmeShot bounds each picture in the README, so that the page stays
// quick to open.
const maxReadmeShot = 250 << 10

// readmeShot saves, as build/screenshots/readme/NAME.png, the part of the
// page that starts at the top of the element matching from and is at most
// height CSS px tall, across the whole window; `make screenshots` copies the
// folder to docs/screenshots. It fails the test when the picture is over
// maxReadmeShot, with how to fix it.
func (p *page) readmeShot(name, from string, height float64) {
	p.t.Helper()
	top := eval[float64](p, `(() => { const e = document.querySelector(`+jsQuote(from)+`);
		return e ? Math.max(0, e.getBoundingClientRect().top + window.scrollY - 8) : -1; })()`)
	require.GreaterOrEqual(p.t, top, 0.0, "no %s on the page to start the picture %s at", from, name)
	width := eval[float64](p, `document.documentElement.clientWidth`)
	rest := eval[float64](p, `document.documentElement.scrollHeight`) - top
	clip := cdppage.Viewport{X: 0, Y: math.Round(top), Width: width, Height: math.Round(min(height, rest)), Scale: 1}
	png, err := chromedp.Run(p.ctx, chromedp.Action[[]byte](func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{
			Format:                cdppage.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: ptrTo(true),
			FromSurface:           ptrTo(true),
			Clip:                  &clip,
		})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}))
	require.NoError(p.t, err, "screenshot %s", name)
	require.LessOrEqual(p.t, len(png), maxReadmeShot, "the README picture %s is %d KB, over %d KB: give readmeShot a smaller height", name, len(png)>>10, maxReadmeShot>>10)
	dir := filepath.Join(suite.root, "build", "screenshots", "readme")
	require.NoError(p.t, os.MkdirAll(dir, 0o755))
	require.NoError(p.t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

func ptrTo[T any](v T) *T { return &v }

// TestReadmePicturesAreSmall checks every picture the README shows: it
// exists and is at most maxReadmeShot bytes.
func TestReadmePicturesAreSmall(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(suite.root, "README.md"))
	require.NoError(t, err)
	pictures := regexp.MustCompile(`!\[[^\]]*\]\(([^)]+\.png)\)`).FindAllSubmatch(readme, -1)
	require.NotEmpty(t, pictures, "the README shows the demo")
	for _, m := range pictures {
		info, err := os.Stat(filepath.Join(suite.root, string(m[1])))
		require.NoError(t, err, "the README shows %s", m[1])
		require.LessOrEqual(t, info.Size(), int64(maxReadmeShot), "%s is %d KB: take it again with `make screenshots` (readmeShot keeps pictures under %d KB)", m[1], info.Size()>>10, maxReadmeShot>>10)
	}
}
