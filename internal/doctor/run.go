package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// requestTimeout bounds the page's request (and -login's): a server that
// never answers fails the case instead of hanging it.
var requestTimeout = 30 * time.Second

// pageHTML is the document the engine serves at the page origin.
const pageHTML = `<!doctype html><meta charset="utf-8"><title>credfetch-doctor</title><link rel="icon" href="data:,"><p>credfetch-doctor page</p>`

// Run checks one case in a fresh browser context (its own cookies and
// preflight cache) and reports what Chrome did.
func (b *Browser) Run(ctx context.Context, c Case) (*Result, error) {
	c, origin, err := normalize(c)
	if err != nil {
		return nil, err
	}
	tab, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	col := newCollector()
	if err := chromedp.Listen(tab, col.event); err != nil {
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go servePage(tab, paused, c)

	res := &Result{From: origin, URL: c.URL, Method: c.Method, Credentials: c.Credentials, Transport: c.Transport, Headers: c.Headers, BlockedCookies: []BlockedCookie{}}
	err = chromedp.Do(tab,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
				return err
			}
			if _, err := cdp.Call(ctx, t, log.Enable, cdp.Empty{}); err != nil {
				return err
			}
			for _, ck := range c.Cookies {
				if _, err := cdp.Call(ctx, t, network.SetCookie, network.SetCookieParams{Name: ck.Name, Value: ck.Value, URL: c.URL}); err != nil {
					return fmt.Errorf("store cookie %s for %s: %w", ck.Name, c.URL, err)
				}
			}
			_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: origin + "/*"}}})
			return err
		}),
		chromedp.Navigate(origin+"/"),
	)
	if err != nil {
		return nil, fmt.Errorf("open the page at %s: %w", origin, err)
	}
	if c.AllowLocalNetwork {
		perm, err := grantLocalNetwork(tab, origin)
		if err != nil {
			return nil, err
		}
		res.LocalNetworkPermission = perm
	}
	if c.Login != nil {
		if _, err := send(tab, loginRequest(c.Login)); err != nil {
			return nil, fmt.Errorf("send the login request %s %s: %w", c.Login.Method, c.Login.URL, err)
		}
		col.settle(tab, c.Login.URL, true)
	}
	out, err := send(tab, pageRequest(c))
	if err != nil {
		return nil, fmt.Errorf("send %s %s from the page: %w", c.Method, c.URL, err)
	}
	col.settle(tab, c.URL, out.OK)
	res.Allowed, res.Status, res.PageError = out.OK, out.Status, out.Error
	col.fill(res, c.Login)
	if strings.Contains(res.CORSError, "LocalNetwork") || strings.Contains(res.CORSError, "PrivateNetwork") {
		res.LocalNetwork = "denied"
	} else if res.LocalNetworkPermission != "" {
		res.LocalNetwork = "granted"
	}
	if !res.Allowed || len(res.BlockedCookies) > 0 {
		res.Fix = FixFor(res)
	}
	return res, nil
}

// send runs r's script in the page, for at most requestTimeout.
func send(tab context.Context, r jsRequest) (pageOutcome, error) {
	ctx, cancel := context.WithTimeout(tab, requestTimeout)
	defer cancel()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[pageOutcome](script(r), chromedp.EvalAwaitPromise))
	if ctx.Err() == context.DeadlineExceeded {
		return out, fmt.Errorf("no answer within %s: is the server at %s answering?", requestTimeout, r.URL)
	}
	return out, err
}

// servePage answers every request to the page origin, so that nothing but
// the case's URLs is contacted: documents get pageHTML, the case's own URLs
// (a same-origin check) go out, anything else gets an empty 404.
func servePage(tab context.Context, paused iter.Seq2[fetch.EventRequestPaused, error], c Case) {
	for ev, err := range paused {
		if err != nil {
			return
		}
		url := ""
		if ev.Request != nil {
			url = ev.Request.URL
		}
		switch {
		case ev.ResourceType == network.ResourceTypeDocument:
			_, _ = chromedp.Call(tab, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID:       ev.RequestID,
				ResponseCode:    200,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html; charset=utf-8"}, {Name: "Cache-Control", Value: "no-store"}},
				Body:            []byte(pageHTML),
			})
		case sameURL(c.URL, url) || (c.Login != nil && sameURL(c.Login.URL, url)):
			_, _ = chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		default:
			_, _ = chromedp.Call(tab, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 404})
		}
	}
}

// Check reports what is wrong with a case, before any browser runs it.
func (c Case) Check() error {
	_, _, err := normalize(c)
	return err
}

// normalize fills a case's defaults and checks it; it returns the page
// origin in its serialized form.
func normalize(c Case) (Case, string, error) {
	from, err := url.Parse(c.From)
	if err != nil || (from.Scheme != "http" && from.Scheme != "https") || from.Host == "" || (from.Path != "" && from.Path != "/") {
		return c, "", fmt.Errorf("page origin %q: want scheme://host[:port], such as https://app.example.com", c.From)
	}
	origin := from.Scheme + "://" + from.Host
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, "", fmt.Errorf("URL %q: want an absolute http or https URL, such as https://api.example.com/items", c.URL)
	}
	if c.Method == "" {
		c.Method = "GET"
	}
	c.Method = strings.ToUpper(c.Method)
	switch c.Credentials {
	case "":
		c.Credentials = "same-origin"
	case "include", "omit", "same-origin":
	default:
		return c, "", fmt.Errorf("credentials %q: want include, omit or same-origin", c.Credentials)
	}
	switch c.Transport {
	case "":
		c.Transport = "fetch"
	case "fetch", "xhr":
	default:
		return c, "", fmt.Errorf("transport %q: want fetch or xhr", c.Transport)
	}
	if c.Login != nil {
		if lu, err := url.Parse(c.Login.URL); err != nil || lu.Host == "" {
			return c, "", fmt.Errorf("login URL %q: want an absolute http or https URL", c.Login.URL)
		}
		if c.Login.Method == "" {
			c.Login.Method = "POST"
		}
	}
	return c, origin, nil
}

// pageOutcome is what the page's script learned.
type pageOutcome struct {
	OK     bool   `json:"ok"`
	Status int    `json:"status"`
	Error  string `json:"error"`
}

// jsRequest is a request as the page's script reads it.
type jsRequest struct {
	URL         string     `json:"url"`
	Method      string     `json:"method"`
	Headers     [][]string `json:"headers"`
	Body        *string    `json:"body"`
	Credentials string     `json:"credentials"`
	Transport   string     `json:"transport"`
}

func pageRequest(c Case) jsRequest {
	r := jsRequest{URL: c.URL, Method: c.Method, Credentials: c.Credentials, Transport: c.Transport, Headers: [][]string{}}
	for _, h := range c.Headers {
		r.Headers = append(r.Headers, []string{h.Name, h.Value})
	}
	return r
}

func loginRequest(l *Login) jsRequest {
	r := jsRequest{URL: l.URL, Method: strings.ToUpper(l.Method), Credentials: "include", Transport: "fetch", Headers: [][]string{}}
	if l.Body != "" {
		body := l.Body
		r.Body = &body
		if t := strings.TrimSpace(body); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			r.Headers = append(r.Headers, []string{"Content-Type", "application/json"})
		}
	}
	return r
}

// script is the page code that sends r and resolves to a pageOutcome.
func script(r jsRequest) string {
	data, _ := json.Marshal(r) // strings only
	return `(async (c) => {
  try {
    if (c.transport === 'xhr') {
      return await new Promise((resolve) => {
        const x = new XMLHttpRequest();
        x.open(c.method, c.url);
        x.withCredentials = c.credentials === 'include';
        for (const [k, v] of c.headers) x.setRequestHeader(k, v);
        x.onload = () => resolve({ ok: true, status: x.status, error: '' });
        x.onerror = () => resolve({ ok: false, status: 0, error: 'XMLHttpRequest error event (status 0)' });
        x.send(c.body);
      });
    }
    const r = await fetch(c.url, { method: c.method, headers: c.headers, credentials: c.credentials, body: c.body, cache: 'no-store' });
    await r.arrayBuffer();
    return { ok: true, status: r.status, error: '' };
  } catch (e) {
    return { ok: false, status: 0, error: String(e) };
  }
})(` + string(data) + `)`
}

// settle waits until the events of the last request to target have come in:
// the response and its headers when done, or the failure and Chrome's
// console message when not (up to two seconds).
func (col *collector) settle(tab context.Context, target string, ok bool) {
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) && !col.complete(target, ok) {
		select {
		case <-tab.Done():
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}
