// Command benchtable reads `go test -bench -benchmem` output of the
// BenchmarkCORS cases on standard input and prints one table per case:
// ns/op, B/op and allocs/op of each contender, its overhead over the bare
// handler, and the ratio of credfetch's overhead to the better competitor's.
// With -count above 1, each figure is the fastest run's.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
)

// result is one contender's figures in one case.
type result struct {
	ns     float64
	bytes  int64
	allocs int64
	seen   bool
}

// line matches "BenchmarkCORS/<case>/<contender>-N  iters  X ns/op  Y B/op  Z allocs/op".
var line = regexp.MustCompile(`^BenchmarkCORS/([^/\s]+)/([^\s]+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+(\d+) B/op\s+(\d+) allocs/op)?`)

var contenders = []string{"bare", "credfetch", "rs-cors", "jub0bs-cors"}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	var cases []string
	results := map[string]map[string]*result{}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		c, k := m[1], m[2]
		if results[c] == nil {
			results[c] = map[string]*result{}
			cases = append(cases, c)
		}
		ns, _ := strconv.ParseFloat(m[3], 64)
		b, _ := strconv.ParseInt(m[4], 10, 64)
		a, _ := strconv.ParseInt(m[5], 10, 64)
		r := results[c][k]
		if r == nil {
			r = &result{}
			results[c][k] = r
		}
		if !r.seen || ns < r.ns {
			r.ns, r.bytes, r.allocs, r.seen = ns, b, a, true
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("no BenchmarkCORS lines on standard input")
	}
	fmt.Fprintln(out, "| case | contender | ns/op | B/op | allocs/op | overhead ns | credfetch / better competitor |")
	fmt.Fprintln(out, "| --- | --- | ---: | ---: | ---: | ---: | ---: |")
	for _, c := range cases {
		rs := results[c]
		bare := rs["bare"]
		over := func(k string) float64 {
			if rs[k] == nil || bare == nil {
				return 0
			}
			return rs[k].ns - bare.ns
		}
		better := min(over("rs-cors"), over("jub0bs-cors"))
		for _, k := range contenders {
			r := rs[k]
			if r == nil {
				continue
			}
			ratio := ""
			if k == "credfetch" && better > 0 {
				ratio = fmt.Sprintf("%.2f", over(k)/better)
			}
			fmt.Fprintf(out, "| %s | %s | %.1f | %d | %d | %.1f | %s |\n",
				c, k, r.ns, r.bytes, r.allocs, over(k), ratio)
		}
	}
	return nil
}
