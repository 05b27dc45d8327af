package demo

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"
)

// DefaultMaxBodyBytes is the largest request body the API origin reads when
// Options.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 1 << 20

// recorder remembers the status and the headers a handler sent, and counts
// the body bytes.
type recorder struct {
	http.ResponseWriter
	status int
	header http.Header
	bytes  int64
}

// WriteHeader snapshots the headers as they go out.
func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 && code >= 200 {
		rec.status = code
		rec.header = rec.ResponseWriter.Header().Clone()
	}
	rec.ResponseWriter.WriteHeader(code)
}

// Write counts the bytes of the body.
func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.WriteHeader(http.StatusOK)
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// finish completes the snapshot with what net/http adds by itself after the
// handler returns.
func (rec *recorder) finish(r *http.Request) {
	if rec.status == 0 {
		rec.status = http.StatusOK
		rec.header = rec.ResponseWriter.Header().Clone()
	}
	bodyAllowed := rec.status != http.StatusNoContent && rec.status != http.StatusNotModified
	if bodyAllowed && r.Method != http.MethodHead && rec.header.Get("Content-Length") == "" && rec.header.Get("Transfer-Encoding") == "" {
		// net/http sets Content-Length for a body it could buffer whole.
		if rec.bytes < 2048 {
			rec.header.Set("Content-Length", strconv.FormatInt(rec.bytes, 10))
		} else {
			rec.header.Set("Transfer-Encoding", "chunked")
		}
	}
}

// record is the API origin's outermost handler: it numbers the request,
// sets X-Request-Id and Date, puts an empty decision slot in the request's
// context for the policy's observer, and adds the exchange, with the
// policy's one decision, to the live log once the handler is done.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := s.requests.Add(1)
		w.Header().Set(RequestIDHeader, strconv.FormatUint(id, 10))
		w.Header().Set("Date", start.UTC().Format(http.TimeFormat))
		reqHeader := r.Header.Clone()
		inner := withDecisionSlot(r)
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, inner)
		rec.finish(r)
		s.live.add(s.exchange(r, reqHeader, s.decision(inner), rec, id, start))
	})
}

// recoverPanics turns a handler panic into a logged 500, so that no input
// takes a connection down silently.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // a sentinel panic value
				panic(v)
			}
			s.log.Error("handler panicked", "method", r.Method, "url", r.URL.String(), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			writeError(w, http.StatusInternalServerError, "internal error while serving %s %s: the server logged it", r.Method, r.URL.Path)
		}()
		next.ServeHTTP(w, r)
	})
}

// limitBody caps the request body at s.maxBody bytes.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
		next.ServeHTTP(w, r)
	})
}

// writeBodyError answers a failed body read: 413 when it was too long.
func writeBodyError(w http.ResponseWriter, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, "the request body is over %d bytes: send a smaller body", tooLarge.Limit)
		return
	}
	writeError(w, http.StatusBadRequest, "cannot read the request body: %v", err)
}
