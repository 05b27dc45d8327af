package demo

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/credfetch/credfetch/cors"
)

// DefaultLogSize is how many exchanges the live log keeps when
// Options.LogSize is 0.
const DefaultLogSize = 500

// Exchange is one request the API origin received and the response it sent,
// as the live log shows it. A preflight and the actual request it precedes
// are two exchanges.
type Exchange struct {
	// Seq numbers the exchanges in the order they entered the log, from 1.
	Seq uint64 `json:"seq"`
	// RequestID is the X-Request-Id the response carried.
	RequestID uint64 `json:"requestId"`
	// Time is when the request arrived.
	Time time.Time `json:"time"`
	// DurationMS is how long the server took, in milliseconds.
	DurationMS float64 `json:"durationMs"`
	// Kind is "preflight", "cors" (an actual cross-origin request) or
	// "plain" (no Origin header, or the API's own origin).
	Kind string `json:"kind"`
	// Method is the request method.
	Method string `json:"method"`
	// URL is the full request URL.
	URL string `json:"url"`
	// Path is the URL's path.
	Path string `json:"path"`
	// Scenario names the lab scenario that answered, if any.
	Scenario string `json:"scenario,omitempty"`
	// Tab is the lab page's tab query parameter, which ties an exchange to
	// the page that caused it.
	Tab string `json:"tab,omitempty"`
	// Origin is the request's Origin header.
	Origin string `json:"origin,omitempty"`
	// Request holds the request headers, exactly as received, with Host
	// added and cookie values replaced by "[redacted]".
	Request Message `json:"request"`
	// Response holds the status and the response headers, exactly as sent,
	// with Set-Cookie values replaced by "[redacted]".
	Response Message `json:"response"`
	// Policy is the cors package's decision on the request.
	Policy PolicyView `json:"policy"`
	// Browser is what the browser concludes from the exchange.
	Browser Verdict `json:"browser"`
	// Fix is the smallest cors.Config that lets this request through, for
	// CORS requests.
	Fix *Fix `json:"fix,omitempty"`
}

// Message is one side of an exchange.
type Message struct {
	// Status is the response status; 0 for requests.
	Status int `json:"status,omitempty"`
	// Header holds the header lines.
	Header http.Header `json:"header"`
	// BodyBytes is the size of the body written (responses) or announced by
	// Content-Length (requests; -1 when unknown).
	BodyBytes int64 `json:"bodyBytes"`
}

// PolicyView is a cors.Decision as the live log shows it.
type PolicyView struct {
	// Applied is true when the policy answered the request (the /api/
	// paths); false when a lab scenario answered by hand and the decision
	// shows what the demo's policy would have done.
	Applied bool `json:"applied"`
	// Allowed is cors.Decision.Allowed.
	Allowed bool `json:"allowed"`
	// Reason is the cors.Reason code.
	Reason cors.Reason `json:"reason"`
	// Message is cors.Decision.Message.
	Message string `json:"message"`
	// Status is the policy's preflight status (204 or 403), 0 otherwise.
	Status int `json:"status,omitempty"`
	// Header holds the headers the policy adds.
	Header http.Header `json:"header,omitempty"`
	// Text is cors.Decision.String().
	Text string `json:"text"`
}

// liveLog keeps the last exchanges in a ring and hands new ones to
// subscribers. It holds each exchange as its JSON, encoded once.
type liveLog struct {
	mu   sync.Mutex
	ring []logEntry
	next int // index of the slot the next entry takes
	seq  uint64
	subs map[chan logEntry]struct{}
}

// logEntry is an encoded Exchange.
type logEntry struct {
	seq  uint64
	tab  string
	json []byte
}

// subscriberBuffer is how many entries a subscriber may lag behind before it
// is dropped (it then reconnects and catches up from the ring).
const subscriberBuffer = 256

func newLiveLog(size int) *liveLog {
	if size <= 0 {
		size = DefaultLogSize
	}
	return &liveLog{ring: make([]logEntry, 0, size), subs: map[chan logEntry]struct{}{}}
}

// add numbers e, stores it and hands it to the subscribers.
func (l *liveLog) add(e *Exchange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	e.Seq = l.seq
	data, err := json.Marshal(e)
	if err != nil {
		return // an Exchange holds only strings, numbers and maps of them
	}
	entry := logEntry{seq: e.Seq, tab: e.Tab, json: data}
	if len(l.ring) < cap(l.ring) {
		l.ring = append(l.ring, entry)
	} else {
		l.ring[l.next] = entry
	}
	l.next = (l.next + 1) % cap(l.ring)
	for ch := range l.subs {
		select {
		case ch <- entry:
		default: // too slow: drop it; it catches up on reconnect
			delete(l.subs, ch)
			close(ch)
		}
	}
}

// since returns the kept entries after seq, oldest first, of one tab when tab
// is not empty.
func (l *liveLog) since(seq uint64, tab string) []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sinceLocked(seq, tab)
}

func (l *liveLog) sinceLocked(seq uint64, tab string) []logEntry {
	var out []logEntry
	n := len(l.ring)
	start := 0
	if n == cap(l.ring) {
		start = l.next
	}
	for i := range n {
		e := l.ring[(start+i)%n]
		if e.seq > seq && (tab == "" || e.tab == tab) {
			out = append(out, e)
		}
	}
	return out
}

// subscribe returns the kept entries after seq and a channel of the entries
// to come; cancel ends the subscription. The channel is closed when the
// subscriber falls too far behind.
func (l *liveLog) subscribe(seq uint64) (backlog []logEntry, ch <-chan logEntry, cancel func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := make(chan logEntry, subscriberBuffer)
	l.subs[c] = struct{}{}
	return l.sinceLocked(seq, ""), c, func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if _, ok := l.subs[c]; ok {
			delete(l.subs, c)
			close(c)
		}
	}
}

// last is the seq of the newest entry.
func (l *liveLog) last() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seq
}
