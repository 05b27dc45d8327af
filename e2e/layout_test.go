//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// Window widths the demo's pages must fit without sideways scrolling: a
// phone (390 CSS px, an iPhone 12 to 15) and a laptop.
var windowWidths = []int64{390, 1280}

// resize makes the tab's viewport width × 900 CSS px, as a window of that
// size would be, and waits for the page to lay itself out again.
func (p *page) resize(width int64) {
	p.t.Helper()
	err := chromedp.Do(p.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: 1})
		return err
	}))
	if err != nil {
		p.t.Fatalf("resize the window to %d px: %v", width, err)
	}
	p.waitUntil(fmt.Sprintf(`window.innerWidth === %d`, width), "the new window width", 5*time.Second)
}

// openEveryFold opens every <details> on the page, as a reader who clicks
// each "more" would, so that the folded tables and code are laid out too.
func (p *page) openEveryFold() {
	p.t.Helper()
	eval[bool](p, `(() => { for (const d of document.querySelectorAll('details')) d.open = true; return true; })()`)
}

// overflow lists what sticks out of the window sideways: the page itself
// when it is wider than the window (scrollWidth > innerWidth), every shown
// element whose box reaches past the window's edge (outside boxes that
// scroll or clip their content), and every code box that scrolls sideways
// instead of wrapping. Empty means it all fits.
func (p *page) overflow() []string {
	p.t.Helper()
	return eval[[]string](p, `(() => {
		const out = [];
		const doc = document.documentElement;
		const width = window.innerWidth;
		if (doc.scrollWidth > width) out.push('the page is ' + doc.scrollWidth + ' px wide in a ' + width + ' px window');
		const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
		const clipped = (e) => {
			for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
				if (getComputedStyle(a).overflowX !== 'visible') return true;
			}
			return false;
		};
		for (const e of document.body.querySelectorAll('*')) {
			if (!e.getClientRects().length || clipped(e)) continue;
			const r = e.getBoundingClientRect();
			if (r.right > doc.clientWidth + 0.5 || r.left < -0.5) out.push(name(e) + ' spans ' + Math.round(r.left) + ' to ' + Math.round(r.right) + ' px');
		}
		for (const pre of document.querySelectorAll('pre')) {
			if (pre.getClientRects().length && pre.scrollWidth > pre.clientWidth + 1) out.push(name(pre) + ' scrolls sideways (' + pre.scrollWidth + ' px of text in ' + pre.clientWidth + ')');
		}
		return out.slice(0, 12);
	})()`)
}

// splitWords lists the words in the elements matching selector that the
// browser broke across two lines although they would fit whole on one: a
// word is a run of letters and digits, and it may break only when its
// whole space-separated token is wider than the box it is in.
func (p *page) splitWords(selector string) []string {
	p.t.Helper()
	return eval[[]string](p, `(() => {
		const out = [];
		for (const box of document.querySelectorAll(`+jsQuote(selector)+`)) {
			if (!box.getClientRects().length) continue;
			const style = getComputedStyle(box);
			const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
			const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent;
				for (const token of text.matchAll(/\S+/g)) {
					const whole = document.createRange();
					whole.setStart(node, token.index);
					whole.setEnd(node, token.index + token[0].length);
					const rects = [...whole.getClientRects()];
					if (rects.length < 2 || rects.reduce((w, r) => w + r.width, 0) > room) continue;
					for (const word of token[0].matchAll(/[A-Za-z0-9]+/g)) {
						const r = document.createRange();
						r.setStart(node, token.index + word.index);
						r.setEnd(node, token.index + word.index + word[0].length);
						const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
						if (tops.size > 1) out.push(word[0] + ' in ' + token[0]);
					}
				}
			}
		}
		return out.slice(0, 12);
	})()`)
}

// requireFits fails the test when anything sticks out of the window.
func requireFits(t *testing.T, p *page, what string) {
	t.Helper()
	require.Empty(t, p.overflow(), "%s: nothing wider than the %d px window", what, eval[int](p, `window.innerWidth`))
	require.LessOrEqual(t, eval[int](p, `document.documentElement.scrollWidth`), eval[int](p, `window.innerWidth`), what)
}

// runLabCase clicks Run and waits for run n to be shown, whatever its
// outcome (input errors included).
func runLabCase(p *page, n int) {
	p.t.Helper()
	p.clickCSS("#run")
	p.waitUntil(fmt.Sprintf(`document.getElementById('result').dataset.runs === '%d'`, n), "the run to finish", 20*time.Second)
}

// longValue is a header value of 300 characters without a space, which no
// line can hold whole at either width.
var longValue = strings.Repeat("0123456789abcdefghij", 15)

// TestNoDemoPageOverflowsAPhoneOrALaptop opens every page of the demo at
// 390 and 1280 px and checks nothing sticks out sideways, on the lab also
// after the runs with the longest text: a refused preflight (two exchange
// tables), an input error, a bad URL setting's notice and a 300-character
// header value. Before, the lab was 412 px wide at 390: the scenario menu
// stuck out, reason codes overflowed and header tables wrapped mid-word
// (issue 16, defect 5).
func TestNoDemoPageOverflowsAPhoneOrALaptop(t *testing.T) {
	for _, width := range windowWidths {
		t.Run(fmt.Sprintf("%d px", width), func(t *testing.T) {
			t.Run("walkthrough", func(t *testing.T) {
				p := openPage(t, "/")
				p.resize(width)
				p.waitUntil(`document.getElementById('version')`, "credfetch to load", 20*time.Second)
				// The step buttons answer once the page has set them up:
				// click until the login step has started, then wait for it.
				p.waitUntil(`document.getElementById('result-login').className === 'pending' || document.getElementById('result-login').dataset.status || document.getElementById('step-login').click()`, "the login step to start", 10*time.Second)
				p.waitUntil(`document.getElementById('result-login').dataset.status`, "the login step", 10*time.Second)
				p.openEveryFold()
				requireFits(t, p, "the walkthrough")
			})
			for _, tc := range []struct {
				name  string
				query url.Values
				run   bool
			}{
				{"before a run", url.Values{}, false},
				{"a refused preflight", url.Values{"scenario": {"preflight-header"}, "method": {"PUT"}, "body": {"json"}}, true},
				{"an input error", url.Values{"scenario": {"policy"}, "headers": {"Bad Header: " + longValue}}, true},
				{"a bad method in the URL", url.Values{"scenario": {"preflight-header"}, "method": {"TRACE"}}, false},
				{"a 300-character header value", url.Values{"scenario": {"max-age"}, "headers": {"X-Long: " + longValue}}, true},
			} {
				t.Run("lab, "+tc.name, func(t *testing.T) {
					p := openLab(t, tc.query)
					p.resize(width)
					require.LessOrEqual(t, eval[float64](p, `document.getElementById('scenario').getBoundingClientRect().right`),
						eval[float64](p, `document.documentElement.clientWidth`), "the scenario menu fits the window")
					if tc.run {
						runLabCase(p, 1)
						if width == 390 && tc.name == "a refused preflight" {
							p.readmeShot("lab-phone", "#result", 1500) // the lab on a phone, as a reader first sees the result
						}
						p.openEveryFold()
					}
					if tc.name == "a bad method in the URL" {
						require.Contains(t, shownText(p, "#url-notice"), "TRACE", "the notice shows")
					}
					requireFits(t, p, "the lab, "+tc.name)
					require.Empty(t, p.splitWords("#result, #code pre, #fix pre, .headers"), "words wrap whole")
				})
			}
		})
	}
}

// resultHeightBefore is the height in CSS px of the lab's #result plus #fix
// at 1280 px after a run of the default scenario (policy, allowed), as
// TestLabResultReadsReasonFirst measures it, on the code before the result
// was folded (measured 2026-12-02 on commit 4680558: 941.2 + 440.6). The
// result area is to be a third of that.
const resultHeightBefore = 1381.8

// TestLabResultReadsReasonFirst runs the lab at 1280 px and reads the
// result as a person would: one sentence first that says what happened and
// why, Chrome's reason code under it, the long text and the header tables
// folded, the most useful fix shown and the others folded, and the whole
// result area a third of what it was (issue 16, "readable results").
func TestLabResultReadsReasonFirst(t *testing.T) {
	t.Run("the default scenario takes a third of the height", func(t *testing.T) {
		p := openLab(t, url.Values{})
		p.resize(1280)
		require.Equal(t, "ok", runLab(p, 1).outcome)
		height := eval[float64](p, `document.getElementById('result').getBoundingClientRect().height + document.getElementById('fix').getBoundingClientRect().height`)
		t.Logf("#result + #fix: %.1f px (before: %.1f px)", height, resultHeightBefore)
		require.LessOrEqual(t, height, 0.4*resultHeightBefore, "the result area is at most 40%% of its old height")
		require.Regexp(t, `^Allowed: every CORS check passed`, p.text("#outcome"))
	})

	t.Run("a refusal says why in one sentence and folds the rest", func(t *testing.T) {
		p := openLab(t, url.Values{"scenario": {"preflight-header"}})
		p.resize(1280)
		require.Equal(t, "blocked", runLab(p, 1).outcome)
		first := eval[string](p, `document.querySelector('#result h2').nextElementSibling.id`)
		require.Equal(t, "outcome", first, "the sentence comes first")
		sentence := p.text("#outcome")
		require.Equal(t, "Blocked: the preflight answer does not allow the header x-demo, so all the page got is CORSError: Failed to fetch (code 'cors').", sentence)
		require.Contains(t, p.text("#reason"), "HeaderDisallowedByPreflightResponse (x-demo)")

		folded := func(selector string) bool {
			return eval[bool](p, `!document.querySelector(`+jsQuote(selector)+`).checkVisibility()`)
		}
		for _, sel := range []string{"#why-full", "#result .headers", "#fix-json", "#fix-flags"} {
			require.True(t, folded(sel), "%s is folded", sel)
		}
		require.False(t, folded("#fix-config"), "the cors.Config is shown")
		p.clickCSS("#why-more summary")
		full := p.text("#why-full")
		require.Contains(t, full, "it lists \"content-type\"", "the server's whole explanation")
		require.Contains(t, full, "the browser refused the response under CORS", "the page's whole error")
		p.clickCSS("#preflight summary")
		require.Contains(t, p.text("#preflight .headers"), "Access-Control-Request-Headers")
	})
}

// TestLabCodeBoxesHaveCopyButtons copies the suggested cors.Config with the
// keyboard, then copies again where the page has no clipboard.
func TestLabCodeBoxesHaveCopyButtons(t *testing.T) {
	p := openLab(t, url.Values{"scenario": {"preflight-header"}})
	err := chromedp.Do(p.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			_, err := cdp.Call(ctx, tg, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name},
				Setting:    browser.PermissionSettingGranted,
				Origin:     suite.server.PageURL(),
			})
			if err != nil {
				return err
			}
		}
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	require.NoError(t, err, "let the page use the clipboard")
	runLab(p, 1)
	missing := eval[[]string](p, `[...document.querySelectorAll('#code pre, #fix pre')].filter((pre) => !pre.parentElement.querySelector('button.copy')).map((pre) => pre.id)`)
	require.Empty(t, missing, "every code box has a Copy button")

	const button = ".code-box:has(#fix-config) > button.copy"
	if err := chromedp.Do(p.ctx, chromedp.Focus(chromedp.CSS(button)), chromedp.KeyEvent("\r")); err != nil {
		t.Fatalf("press Enter on the Copy button: %v", err)
	}
	p.waitUntil(`document.querySelector('`+button+`').textContent === 'Copied'`, "the button to say Copied", 5*time.Second)
	require.Equal(t, p.text("#fix-config"), eval[string](p, `navigator.clipboard.readText()`), "the clipboard holds the code")
	p.waitUntil(`document.querySelector('`+button+`').textContent === 'Copy'`, "the button to say Copy again", 5*time.Second)

	eval[bool](p, `(() => { Object.defineProperty(navigator, 'clipboard', { value: undefined }); return true; })()`)
	p.clickCSS(".code-box:has(#code-fetch) > button.copy")
	require.Equal(t, "Selected: press Ctrl+C", p.text(".code-box:has(#code-fetch) > button.copy"), "without a clipboard the button says what to do")
	require.Equal(t, p.text("#code-fetch"), eval[string](p, `getSelection().toString()`), "and the code is selected")
}
