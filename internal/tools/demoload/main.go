// Command demoload is the demo server's load benchmark (make bench-demo):
// it starts the demo-server binary it is given on free loopback ports,
// drives PUT /api/echo with a number of concurrent clients for a while,
// then opens many live-log streams (GET /events, read as a browser reads
// them) and drives the API again, and prints requests per second, the 99th
// percentile latency and the server's resident memory for both runs.
//
//	go run ./internal/tools/demoload -server bin/demo-server -streams 2000 -clients 50 -duration 20s
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	server := flag.String("server", "bin/demo-server", "the demo-server `binary` to start")
	streams := flag.Int("streams", 2000, "live-log streams to hold open in the second run")
	clients := flag.Int("clients", 50, "concurrent API clients")
	duration := flag.Duration("duration", 20*time.Second, "how long each run drives the API")
	flag.Parse()
	if err := run(*server, *streams, *clients, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "demoload:", err)
		os.Exit(1)
	}
}

// result is one run's figures.
type result struct {
	requests, errors int64
	perSecond        float64
	p99              time.Duration
	rssKB            int64
}

func run(server string, streams, clients int, duration time.Duration) error {
	pageAddr, err := freeAddr()
	if err != nil {
		return err
	}
	apiAddr, err := freeAddr()
	if err != nil {
		return err
	}
	cmd := exec.Command(server, "-page-addr", pageAddr, "-api-addr", apiAddr)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w (build it with make server)", server, err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	page, api := "http://"+pageAddr, "http://"+apiAddr
	if err := waitUp(api + "/api/hello"); err != nil {
		return err
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}

	before := drive(client, api, page, clients, duration, cmd.Process.Pid)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opened, err := openStreams(ctx, pageAddr, streams)
	if err != nil {
		return err
	}
	with := drive(client, api, page, clients, duration, cmd.Process.Pid)
	cancel()

	fmt.Printf("demo server under load: %d clients on PUT /api/echo for %s each, Go %s\n\n", clients, duration, strings.TrimPrefix(goVersion(), "go"))
	fmt.Println("| run | requests/s | p99 | errors | server RSS |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: |")
	for _, r := range []struct {
		name string
		res  result
	}{{"no streams", before}, {fmt.Sprintf("%d open /events streams", opened), with}} {
		fmt.Printf("| %s | %.0f | %.1f ms | %d | %.1f MB |\n", r.name, r.res.perSecond, float64(r.res.p99.Microseconds())/1000, r.res.errors, float64(r.res.rssKB)/1024)
	}
	fmt.Printf("\nwith the streams: %.2f of the requests/s, %.2f times the p99 (targets: at least 0.5, at most 3; RSS under 100 MB)\n",
		with.perSecond/before.perSecond, float64(with.p99)/float64(before.p99))
	return nil
}

// drive runs clients that send PUT /api/echo from the page origin until d
// has passed, and samples the server's RSS meanwhile (its peak is kept).
func drive(c *http.Client, api, page string, clients int, d time.Duration, pid int) result {
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      atomic.Int64
		peak      atomic.Int64
	)
	stop := time.Now().Add(d)
	done := make(chan struct{})
	go func() {
		for {
			peak.Store(max(peak.Load(), rssKB(pid)))
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(stop) {
				req, _ := http.NewRequest(http.MethodPut, api+"/api/echo", strings.NewReader(`{"n":1}`))
				req.Header.Set("Origin", page)
				req.Header.Set("Content-Type", "application/json")
				start := time.Now()
				res, err := c.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						err = errors.New(res.Status)
					}
				}
				if err != nil {
					errs.Add(1)
					continue
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(done)
	slices.Sort(latencies)
	r := result{requests: int64(len(latencies)), errors: errs.Load(), rssKB: max(peak.Load(), rssKB(pid))}
	r.perSecond = float64(len(latencies)) / d.Seconds()
	if len(latencies) > 0 {
		r.p99 = latencies[len(latencies)*99/100]
	}
	return r
}

// openStreams opens n live-log streams that read everything sent, as
// EventSource does, until ctx ends; it returns how many opened.
func openStreams(ctx context.Context, pageAddr string, n int) (int, error) {
	opened := 0
	for range n {
		conn, err := net.Dial("tcp", pageAddr)
		if err != nil {
			return opened, fmt.Errorf("open stream %d: %w", opened+1, err)
		}
		fmt.Fprintf(conn, "GET /events HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n", pageAddr)
		br := bufio.NewReader(conn)
		status, err := br.ReadString('\n')
		if err != nil || !strings.Contains(status, " 200 ") {
			conn.Close()
			return opened, fmt.Errorf("stream %d: %q %v", opened+1, status, err)
		}
		go func() { <-ctx.Done(); conn.Close() }()
		go func() { _, _ = io.Copy(io.Discard, br) }()
		opened++
	}
	return opened, nil
}

// rssKB reads VmRSS of process pid from /proc, or 0.
func rssKB(pid int) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitUp waits for url to answer.
func waitUp(url string) error {
	for range 100 {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the demo server did not answer %s within 10 s", url)
}

// goVersion is the version of the go command that built this tool.
func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
