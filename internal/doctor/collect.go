package doctor

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
)

// collector keeps the CDP events of one run. Its event method runs on the
// tab's reading goroutine, so it only stores.
type collector struct {
	mu        sync.Mutex
	order     []network.RequestID
	sent      map[network.RequestID]*network.EventRequestWillBeSent
	reqExtra  map[network.RequestID]*network.EventRequestWillBeSentExtraInfo
	resp      map[network.RequestID]*network.EventResponseReceived
	respExtra map[network.RequestID]*network.EventResponseReceivedExtraInfo
	failed    map[network.RequestID]*network.EventLoadingFailed
	console   []*log.Entry
}

func newCollector() *collector {
	return &collector{
		sent:      map[network.RequestID]*network.EventRequestWillBeSent{},
		reqExtra:  map[network.RequestID]*network.EventRequestWillBeSentExtraInfo{},
		resp:      map[network.RequestID]*network.EventResponseReceived{},
		respExtra: map[network.RequestID]*network.EventResponseReceivedExtraInfo{},
		failed:    map[network.RequestID]*network.EventLoadingFailed{},
	}
}

// event stores one CDP event.
func (col *collector) event(ev any) {
	col.mu.Lock()
	defer col.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, seen := col.sent[e.RequestID]; !seen {
			col.order = append(col.order, e.RequestID)
		}
		col.sent[e.RequestID] = e
	case *network.EventRequestWillBeSentExtraInfo:
		col.reqExtra[e.RequestID] = e
	case *network.EventResponseReceived:
		col.resp[e.RequestID] = e
	case *network.EventResponseReceivedExtraInfo:
		col.respExtra[e.RequestID] = e
	case *network.EventLoadingFailed:
		col.failed[e.RequestID] = e
	case *log.EventEntryAdded:
		if e.Entry != nil {
			col.console = append(col.console, e.Entry)
		}
	}
}

// sameURL compares a URL as given with one as Chrome reports it.
func sameURL(given, reported string) bool {
	u, err := url.Parse(given)
	if err != nil {
		return given == reported
	}
	u.Fragment = ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String() == reported || given == reported
}

// last returns the ids of the last actual request to target and of its
// preflight (empty when none).
func (col *collector) last(target string) (actual, preflight network.RequestID) {
	for _, id := range slices.Backward(col.order) {
		s := col.sent[id]
		if s.Request == nil || !sameURL(target, s.Request.URL) {
			continue
		}
		isPre := s.Initiator != nil && s.Initiator.Type == network.InitiatorTypePreflight
		if isPre && preflight == "" && (actual == "" || s.Initiator.RequestID == actual) {
			preflight = id
		}
		if !isPre && actual == "" {
			actual = id
		}
	}
	return actual, preflight
}

// complete reports whether the events of the last request to target are in.
func (col *collector) complete(target string, ok bool) bool {
	col.mu.Lock()
	defer col.mu.Unlock()
	id, _ := col.last(target)
	if id == "" {
		return false
	}
	if ok {
		return col.resp[id] != nil && col.respExtra[id] != nil && col.reqExtra[id] != nil
	}
	f := col.failed[id]
	if f == nil {
		return false
	}
	return f.CorsErrorStatus == nil || col.consoleFor(target, id) != ""
}

// consoleFor returns Chrome's console message about request id to target.
func (col *collector) consoleFor(target string, id network.RequestID) string {
	u, _ := url.Parse(target)
	for _, e := range col.console {
		if e.NetworkRequestID == id || (u != nil && strings.Contains(e.Text, "'"+u.String()) && strings.Contains(e.Text, "blocked")) {
			return e.Text
		}
	}
	return ""
}

// fill copies what the events show about the case's request into res, and
// the login's exchange when a login was sent.
func (col *collector) fill(res *Result, login *Login) {
	col.mu.Lock()
	defer col.mu.Unlock()
	if login != nil {
		lid, _ := col.last(login.URL)
		res.Login = col.exchange(lid)
		res.BlockedCookies = append(res.BlockedCookies, col.blockedSetCookies(lid)...)
	}
	id, pre := col.last(res.URL)
	res.Actual = col.exchange(id)
	res.Preflight = col.exchange(pre)
	for _, fid := range []network.RequestID{id, pre} {
		if f := col.failed[fid]; f != nil && res.CORSError == "" {
			if f.CorsErrorStatus != nil {
				res.CORSError = string(f.CorsErrorStatus.CorsError)
				res.FailedParameter = f.CorsErrorStatus.FailedParameter
			} else if !res.Allowed {
				res.NetworkError = f.ErrorText
			}
		}
	}
	if !res.Allowed {
		res.ConsoleMessage = col.consoleFor(res.URL, id)
	}
	if x := col.reqExtra[id]; x != nil {
		for _, ac := range x.AssociatedCookies {
			if ac.Cookie == nil {
				continue
			}
			if len(ac.BlockedReasons) == 0 {
				res.SentCookies = append(res.SentCookies, ac.Cookie.Name)
				continue
			}
			bc := BlockedCookie{Name: ac.Cookie.Name, On: "request"}
			for _, r := range ac.BlockedReasons {
				bc.Reasons = append(bc.Reasons, string(r))
			}
			res.BlockedCookies = append(res.BlockedCookies, bc)
		}
		_, hasCookie := headerValue(x.Headers, "Cookie")
		res.CookieSent = hasCookie || len(res.SentCookies) > 0
	}
	res.BlockedCookies = append(res.BlockedCookies, col.blockedSetCookies(id)...)
}

// blockedSetCookies lists the Set-Cookie lines of request id that Chrome
// did not store.
func (col *collector) blockedSetCookies(id network.RequestID) []BlockedCookie {
	x := col.respExtra[id]
	if x == nil {
		return nil
	}
	var out []BlockedCookie
	for _, b := range x.BlockedCookies {
		bc := BlockedCookie{On: "set-cookie", Line: b.CookieLine}
		if b.Cookie != nil {
			bc.Name = b.Cookie.Name
		} else {
			bc.Name, _, _ = strings.Cut(b.CookieLine, "=")
		}
		for _, r := range b.BlockedReasons {
			bc.Reasons = append(bc.Reasons, string(r))
		}
		out = append(out, bc)
	}
	return out
}

// exchange builds the wire view of request id, or nil.
func (col *collector) exchange(id network.RequestID) *Exchange {
	s := col.sent[id]
	if id == "" || s == nil || s.Request == nil {
		return nil
	}
	ex := &Exchange{Method: s.Request.Method, URL: s.Request.URL, RequestHeaders: flatten(s.Request.Headers)}
	if x := col.reqExtra[id]; x != nil {
		ex.RequestHeaders = flatten(x.Headers)
	}
	if r := col.resp[id]; r != nil && r.Response != nil {
		ex.Status = int(r.Response.Status)
		ex.ResponseHeaders = flatten(r.Response.Headers)
	}
	if x := col.respExtra[id]; x != nil {
		ex.Status = int(x.StatusCode)
		ex.ResponseHeaders = flatten(x.Headers)
	}
	return ex
}

// flatten turns CDP headers into strings.
func flatten(h network.Headers) map[string]string {
	if len(h) == 0 {
		return nil
	}
	out := make(map[string]string, len(h))
	for k, v := range h {
		out[k] = fmt.Sprint(v)
	}
	return out
}

// headerValue looks a header up by name, ignoring case.
func headerValue(h network.Headers, name string) (string, bool) {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v), true
		}
	}
	return "", false
}
