// Command fetchtestserver is the HTTP server that the js/wasm tests of package
// fetch/client talk to under Node.js: a wasm test cannot listen on a port
// itself.
// `make wasm-test` starts it on a free loopback port, passes its URL to the
// tests as CREDFETCH_TEST_SERVER, and stops it afterwards.
//
//	fetchtestserver [-addr 127.0.0.1:0] [-url-file FILE] [-lifetime 15m]
//
// It prints its URL (http://127.0.0.1:PORT) on standard output and, with
// -url-file, writes it to FILE once it accepts connections. It exits on
// SIGINT or SIGTERM, or after -lifetime so that a forgotten one never lingers.
//
// Endpoints (any method unless noted):
//
//	/echo                    JSON {method, path, query, headers, body, bodyBase64};
//	                         ?header=Name:Value (repeatable) sets response headers
//	/status/{code}           that status; ?retry-after=V sets Retry-After
//	/slow?for=3s&size=N      headers at once, then N bytes (Content-Length N)
//	                         trickled evenly over the duration
//	/large?size=N            N bytes (Content-Length N), byte i is i%251
//	/redirect?to=PATH        302 to PATH
//	/flaky?key=K&fail=N&how=503|close&retry-after=V
//	                         the first N calls for K fail (503, or a closed
//	                         connection); later ones answer JSON {calls}
//	/calls?key=K             JSON {calls}: how many calls /flaky saw for K
//	/closed-port             JSON {url}: a loopback URL nothing listens on
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "`host:port` to listen on; port 0 picks a free one")
	urlFile := flag.String("url-file", "", "write the server's URL to this `file` once it listens")
	lifetime := flag.Duration("lifetime", 15*time.Minute, "exit after this long")
	flag.Parse()
	if err := run(*addr, *urlFile, *lifetime); err != nil {
		fmt.Fprintln(os.Stderr, "fetchtestserver:", err)
		os.Exit(1)
	}
}

func run(addr, urlFile string, lifetime time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (pick another with -addr)", addr, err)
	}
	url := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: newHandler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Println(url)
	if urlFile != "" {
		// Write then rename, so that a reader never sees half a URL.
		tmp := urlFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(url+"\n"), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, urlFile); err != nil {
			return err
		}
		defer os.Remove(urlFile)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-stop:
	case <-time.After(lifetime):
		fmt.Fprintln(os.Stderr, "fetchtestserver: -lifetime is over; exiting")
	case err := <-served:
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	return nil
}

// handler serves the endpoints; calls counts /flaky calls per key.
type handler struct {
	mux   *http.ServeMux
	mu    sync.Mutex
	calls map[string]int
}

func newHandler() *handler {
	h := &handler{mux: http.NewServeMux(), calls: map[string]int{}}
	h.mux.HandleFunc("/echo", h.echo)
	h.mux.HandleFunc("/status/{code}", h.status)
	h.mux.HandleFunc("/slow", h.slow)
	h.mux.HandleFunc("/large", h.large)
	h.mux.HandleFunc("/redirect", h.redirect)
	h.mux.HandleFunc("/flaky", h.flaky)
	h.mux.HandleFunc("/calls", h.countCalls)
	h.mux.HandleFunc("/closed-port", h.closedPort)
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (h *handler) echo(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for _, hv := range r.URL.Query()["header"] {
		name, value, ok := strings.Cut(hv, ":")
		if !ok {
			http.Error(w, "header="+hv+": want Name:Value", http.StatusBadRequest)
			return
		}
		w.Header().Add(name, value)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"method":     r.Method,
		"path":       r.URL.Path,
		"query":      r.URL.RawQuery,
		"headers":    r.Header,
		"body":       string(body),
		"bodyBase64": base64.StdEncoding.EncodeToString(body),
	})
}

func (h *handler) status(w http.ResponseWriter, r *http.Request) {
	code, err := strconv.Atoi(r.PathValue("code"))
	if err != nil || code < 200 || code > 599 {
		http.Error(w, "status: want a code 200-599", http.StatusBadRequest)
		return
	}
	if v := r.URL.Query().Get("retry-after"); v != "" {
		w.Header().Set("Retry-After", v)
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(code)
	fmt.Fprintf(w, "status %d", code)
}

// sizeParam reads ?size=N, at most 64 MiB.
func sizeParam(r *http.Request, def int) (int, error) {
	s := r.URL.Query().Get("size")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 64<<20 {
		return 0, errors.New("size: want 0 to 67108864 bytes")
	}
	return n, nil
}

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

func (h *handler) slow(w http.ResponseWriter, r *http.Request) {
	d, err := time.ParseDuration(r.URL.Query().Get("for"))
	if err != nil || d <= 0 || d > time.Minute {
		http.Error(w, "for: want a duration up to 1m, e.g. 3s", http.StatusBadRequest)
		return
	}
	size, err := sizeParam(r, 30)
	if err != nil || size == 0 {
		http.Error(w, "size: want 1 to 67108864 bytes", http.StatusBadRequest)
		return
	}
	const chunks = 30
	body := pattern(size)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(size))
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	if flusher != nil {
		flusher.Flush()
	}
	tick := time.NewTicker(d / chunks)
	defer tick.Stop()
	for i := range chunks {
		end := size * (i + 1) / chunks
		if _, err := w.Write(body[size*i/chunks : end]); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		if i == chunks-1 {
			return
		}
		select {
		case <-tick.C:
		case <-r.Context().Done():
			return
		}
	}
}

func (h *handler) large(w http.ResponseWriter, r *http.Request) {
	size, err := sizeParam(r, 1<<20)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(size))
	_, _ = w.Write(pattern(size))
}

func (h *handler) redirect(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	if !strings.HasPrefix(to, "/") {
		http.Error(w, "to: want a path such as /echo", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, to, http.StatusFound)
}

func (h *handler) flaky(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	key := q.Get("key")
	fail, err := strconv.Atoi(q.Get("fail"))
	if key == "" || err != nil || fail < 0 {
		http.Error(w, "flaky: want ?key=K&fail=N", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.calls[key]++
	n := h.calls[key]
	h.mu.Unlock()
	if n <= fail {
		if q.Get("how") == "close" {
			hj, ok := w.(http.Hijacker)
			if !ok {
				http.Error(w, "cannot hijack", http.StatusInternalServerError)
				return
			}
			conn, _, err := hj.Hijack()
			if err == nil {
				if tcp, ok := conn.(*net.TCPConn); ok {
					_ = tcp.SetLinger(0) // a reset, not a clean end
				}
				_ = conn.Close()
			}
			return
		}
		if v := q.Get("retry-after"); v != "" {
			w.Header().Set("Retry-After", v)
		}
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"calls": n})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"calls": n})
}

func (h *handler) countCalls(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	n := h.calls[r.URL.Query().Get("key")]
	h.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"calls": n})
}

func (h *handler) closedPort(w http.ResponseWriter, r *http.Request) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	writeJSON(w, http.StatusOK, map[string]any{"url": "http://" + addr + "/"})
}
