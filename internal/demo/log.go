package demo

import (
	"fmt"
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
	// Kind is "preflight", "cors" (an actual cross-origin request),
	// "probe" (credfetch's no-cors HEAD after a failed cross-origin request,
	// asking whether the server answers at all) or "plain" (no Origin
	// header, or the API's own origin).
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
	// Cookie says which cookies the request carried, never their values:
	// CookieSession (the session cookie, with or without others),
	// CookieOther (cookies, but not the session cookie) or CookieNone.
	Cookie string `json:"cookie"`
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
	// CORS requests that a policy can allow.
	Fix *Fix `json:"fix,omitempty"`
	// Shortened is set when the exchange was too large for the log and
	// parts of it were cut (see maxEntryBytes).
	Shortened bool `json:"shortened,omitempty"`
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

// liveLog keeps the last exchanges in a ring and wakes the streams that
// follow it. Adding an exchange costs the same whatever the number of
// streams: it closes one channel, and each stream then copies what it
// missed from the ring on its own goroutine, off the request's path.
type liveLog struct {
	mu   sync.Mutex
	ring []logEntry
	next int // index of the slot the next entry takes
	seq  uint64
	// wake is closed, and replaced, when an entry is added.
	wake chan struct{}
	// streams counts the open streams; maxStreams bounds them.
	streams, maxStreams int
}

// logEntry is an encoded Exchange.
type logEntry struct {
	seq  uint64
	tab  string
	json []byte
	// event is the Server-Sent Event of the exchange, framed once for every
	// stream to write as it is.
	event []byte
}

// DefaultMaxStreams is how many live-log streams may be open at once when
// Options.MaxStreams is 0.
const DefaultMaxStreams = 2048

func newLiveLog(size, maxStreams int) *liveLog {
	if size <= 0 {
		size = DefaultLogSize
	}
	if maxStreams <= 0 {
		maxStreams = DefaultMaxStreams
	}
	return &liveLog{ring: make([]logEntry, 0, size), wake: make(chan struct{}), maxStreams: maxStreams}
}

// add numbers e, bounds it (see bound), stores it and wakes the streams.
func (l *liveLog) add(e *Exchange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	e.Seq = l.seq
	data := encodeBounded(e)
	event := fmt.Appendf(nil, "id: %d\nevent: exchange\ndata: %s\n\n", e.Seq, data)
	entry := logEntry{seq: e.Seq, tab: e.Tab, json: data, event: event}
	if len(l.ring) < cap(l.ring) {
		l.ring = append(l.ring, entry)
	} else {
		l.ring[l.next] = entry
	}
	l.next = (l.next + 1) % cap(l.ring)
	close(l.wake)
	l.wake = make(chan struct{})
}

// since returns the kept entries after seq, oldest first, of one tab when tab
// is not empty.
func (l *liveLog) since(seq uint64, tab string) []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logEntry
	for _, e := range l.afterLocked(seq) {
		if tab == "" || e.tab == tab {
			out = append(out, e)
		}
	}
	return out
}

// afterLocked returns the kept entries after seq, oldest first, found by
// position (the ring holds consecutive seqs), so that a stream pays for
// what it missed, not for the whole ring.
func (l *liveLog) afterLocked(seq uint64) []logEntry {
	n := uint64(len(l.ring))
	if seq >= l.seq || n == 0 {
		return nil
	}
	oldest := l.seq - n + 1
	if seq < oldest {
		seq = oldest - 1
	}
	out := make([]logEntry, 0, l.seq-seq)
	start := 0
	if len(l.ring) == cap(l.ring) {
		start = l.next
	}
	for i := seq - oldest + 1; i < n; i++ {
		out = append(out, l.ring[(start+int(i))%len(l.ring)])
	}
	return out
}

// follow returns the newest entries after seq, at most limit of them, the
// number of entries after seq it leaves out (those beyond limit and those
// the ring no longer holds), and the channel closed when the next entry
// comes.
func (l *liveLog) follow(seq uint64, limit int) (entries []logEntry, lost uint64, wake <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	limit = min(limit, len(l.ring))
	if l.seq > seq+uint64(limit) {
		lost = l.seq - seq - uint64(limit)
		seq = l.seq - uint64(limit)
	}
	return l.afterLocked(seq), lost, l.wake
}

// open counts a new stream, or reports false when maxStreams are open.
func (l *liveLog) open() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.streams >= l.maxStreams {
		return false
	}
	l.streams++
	return true
}

// done uncounts a stream open counted.
func (l *liveLog) done() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.streams--
}

// last is the seq of the newest entry.
func (l *liveLog) last() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seq
}
