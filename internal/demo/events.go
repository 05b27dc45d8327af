package demo

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// keepAliveEvery is how often the event stream sends a comment, so that
// proxies and browsers keep an idle stream open.
const keepAliveEvery = 15 * time.Second

// streamWriteTimeout bounds each write to an event stream: a client that
// stops reading is cut off after it, instead of holding its handler.
const streamWriteTimeout = 10 * time.Second

// A stream sends at most streamBatch exchanges, the newest, every
// streamInterval, and says how many it left out: a person reads no faster,
// and the cost of the live log then stays the same however busy the API is.
const (
	streamInterval = time.Second
	streamBatch    = 10
)

// events handles GET /events on the page origin: the live log as
// Server-Sent Events. Each exchange is an event of type "exchange" whose id
// is its Seq and whose data is its JSON. A client that reconnects (with the
// Last-Event-ID header EventSource sends, or ?since=N) first gets the kept
// exchanges it missed, the newest streamBatch of them (the pages show fewer;
// /log.json?since=N has all the log keeps). A stream sends at most
// streamBatch exchanges every
// streamInterval; an event of type "lost" says how many it left out, or
// how many the log no longer held. Each stream reads the log on its own
// goroutine, so a slow client slows nobody else, and each write has its own
// deadline. At most Options.MaxStreams streams are open at once; beyond
// that the answer is 503. The stream ends when the server shuts down.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	since, ok := sinceOf(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "since=%q and Last-Event-ID=%q: give the seq of the last exchange seen, a whole number (0 for all)", r.URL.Query().Get("since"), r.Header.Get("Last-Event-ID"))
		return
	}
	if !s.live.open() {
		w.Header().Set("Retry-After", "30")
		writeError(w, http.StatusServiceUnavailable, "the live log already has %d streams open, its limit: close other tabs of the demo, or poll /log.json?since=N instead", s.live.maxStreams)
		return
	}
	out, ok := openSink(w, r)
	if !ok {
		s.live.done()
		return
	}
	if out.conn != nil {
		// Taken over from net/http: stream on a goroutine of its own and
		// return, so that net/http lets go of the connection's buffers.
		go s.stream(out, since)
		return
	}
	s.stream(out, since)
}

// stream sends the live log to out from after since until the client goes,
// a write fails or the server shuts down; then it closes out and counts the
// stream closed.
func (s *Server) stream(out *sink, since uint64) {
	defer s.live.done()
	defer out.close()
	write := func(format string, args ...any) bool { return out.write(fmt.Appendf(nil, format, args...)) }
	writeBytes, flush := out.write, out.flush
	if !write("retry: 1000\n\n") || !flush() {
		return
	}
	tick := time.NewTicker(keepAliveEvery)
	defer tick.Stop()
	pause := time.NewTimer(streamInterval)
	defer pause.Stop()
	last, first := since, true
	for {
		entries, lost, wake := s.live.follow(last, streamBatch)
		if lost > 0 && !(first && since == 0) {
			if !write("event: lost\ndata: {\"lost\":%d,\"message\":\"%d exchanges were left out: the log moves faster than a stream sends (%d every %s at most)\"}\n\n", lost, lost, streamBatch, streamInterval) {
				return
			}
		}
		first = false
		if len(entries) == 0 {
			select { // idle: wait for the next entry
			case <-wake:
				continue
			case <-tick.C:
				if !write(": keep-alive\n\n") || !flush() {
					return
				}
				continue
			case <-out.gone:
				return
			case <-s.closing:
				return
			}
		}
		for _, e := range entries {
			if !writeBytes(e.event) {
				return
			}
			last = e.seq
		}
		if !flush() {
			return
		}
		pause.Reset(streamInterval) // gather what comes meanwhile into the next batch
		select {
		case <-pause.C:
		case <-out.gone:
			return
		case <-s.closing:
			return
		}
	}
}

// logSnapshot handles GET /log.json?since=N&tab=T on the page origin: the kept
// exchanges after N, of tab T when given, as {"last": seq, "exchanges": [...]}.
func (s *Server) logSnapshot(w http.ResponseWriter, r *http.Request) {
	since, ok := sinceOf(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "since=%q: give the seq of the last exchange seen, a whole number (0 for all)", r.URL.Query().Get("since"))
		return
	}
	last := s.live.last()
	entries := s.live.since(since, r.URL.Query().Get(TabParam))
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"last":%d,"exchanges":[`, last)
	for i, e := range entries {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(e.json)
	}
	b.WriteString("]}\n")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b.Bytes())
}

// sinceOf reads ?since=N, else the Last-Event-ID header, else 0.
func sinceOf(r *http.Request) (uint64, bool) {
	raw := r.URL.Query().Get("since")
	if raw == "" {
		raw = r.Header.Get("Last-Event-ID")
	}
	if raw == "" {
		return 0, true
	}
	n, err := strconv.ParseUint(raw, 10, 64)
	return n, err == nil
}

// sink is where an event stream writes: the connection itself, taken over
// from net/http for HTTP/1.x so that an open stream holds no server buffers
// and no reading goroutine, or the ResponseWriter (HTTP/2). Every write has
// its own deadline.
type sink struct {
	conn net.Conn                 // hijacked; nil for the ResponseWriter
	w    http.ResponseWriter      // when conn is nil
	rc   *http.ResponseController // for w
	gone <-chan struct{}          // closed when the client has gone
	// pending holds what write took for conn until flush sends it in one
	// system call; the slices are the log's own, never copied.
	pending net.Buffers
}

// openSink writes the stream's response head and returns where to write
// the events, or false when the client is already gone.
func openSink(w http.ResponseWriter, r *http.Request) (*sink, bool) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	if conn, rw, err := rc.Hijack(); err == nil {
		var head bytes.Buffer
		head.WriteString("HTTP/1.1 200 OK\r\nConnection: close\r\n")
		_ = h.Write(&head)
		head.WriteString("\r\n")
		gone := make(chan struct{})
		out := &sink{conn: conn, gone: gone}
		if rw.Reader.Buffered() > 0 || !out.write(head.Bytes()) || !out.flush() { // a client that sends more is not an EventSource
			conn.Close()
			return nil, false
		}
		go func() { // an EventSource sends nothing more: a read ends when it goes
			var b [1]byte
			_, _ = conn.Read(b[:])
			close(gone)
		}()
		return out, true
	}
	_ = rc.SetReadDeadline(time.Time{}) // a stream outlives the origin's read timeout
	w.WriteHeader(http.StatusOK)
	return &sink{w: w, rc: rc, gone: r.Context().Done()}, true
}

// write writes b within streamWriteTimeout, or, on a taken-over
// connection, keeps it for flush.
func (o *sink) write(b []byte) bool {
	if o.conn != nil {
		o.pending = append(o.pending, b)
		return true
	}
	if o.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout)) != nil {
		return false
	}
	_, err := o.w.Write(b)
	return err == nil
}

// flush sends what was written since the last flush, within
// streamWriteTimeout.
func (o *sink) flush() bool {
	if o.conn != nil {
		if o.conn.SetWriteDeadline(time.Now().Add(streamWriteTimeout)) != nil {
			return false
		}
		bufs := o.pending
		_, err := bufs.WriteTo(o.conn)
		clear(o.pending)
		o.pending = o.pending[:0]
		return err == nil
	}
	return o.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout)) == nil && o.rc.Flush() == nil
}

// close ends a taken-over connection; net/http ends the other kind.
func (o *sink) close() {
	if o.conn != nil {
		o.conn.Close()
	}
}
