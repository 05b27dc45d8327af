package demo

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// keepAliveEvery is how often the event stream sends a comment, so that
// proxies and browsers keep an idle stream open.
const keepAliveEvery = 15 * time.Second

// events handles GET /events on the page origin: the live log as
// Server-Sent Events. Each exchange is an event of type "exchange" whose id
// is its Seq and whose data is its JSON. A client that reconnects (with the
// Last-Event-ID header EventSource sends, or ?since=N) first gets the kept
// exchanges it missed. The stream ends when the server shuts down.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	since, ok := sinceOf(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "since=%q and Last-Event-ID=%q: give the seq of the last exchange seen, a whole number (0 for all)", r.URL.Query().Get("since"), r.Header.Get("Last-Event-ID"))
		return
	}
	backlog, ch, cancel := s.live.subscribe(since)
	defer cancel()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(e logEntry) bool {
		_, err := fmt.Fprintf(w, "id: %d\nevent: exchange\ndata: %s\n\n", e.seq, e.json)
		return err == nil
	}
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	for _, e := range backlog {
		if !send(e) {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAliveEvery)
	defer tick.Stop()
	for {
		select {
		case e, open := <-ch:
			if !open || !send(e) {
				return // dropped for lagging: the client reconnects and catches up
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		}
		if rc.Flush() != nil {
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
