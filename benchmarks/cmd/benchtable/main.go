// Command benchtable reads the output of `go test -bench .` in the benchmarks
// module on standard input and prints one Markdown table: for each case and
// contender, ns/op, B/op and allocs/op, the overhead over the bare handler,
// credfetch's overhead divided by the better competitor's, and credfetch's
// overhead divided by the floor's (a handler that writes the same headers
// computed in advance).
//
// ns/op comes from BenchmarkCompare (contenders interleaved, fastest burst),
// which is stable on a shared machine; B/op and allocs/op come from
// BenchmarkCORS. When a case has no BenchmarkCompare line, ns/op falls back
// to BenchmarkCORS. With -count above 1, the quietest BenchmarkCompare run of
// each case (lowest total) and the fastest BenchmarkCORS run count.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
)

// figures are one contender's results in one case.
type figures struct {
	compareNS float64 // from BenchmarkCompare; 0 when absent
	corsNS    float64 // from BenchmarkCORS; 0 when absent
	bytes     int64
	allocs    int64
}

var (
	// corsLine matches "BenchmarkCORS/<case>/<contender>-N  iters  X ns/op  Y B/op  Z allocs/op".
	corsLine = regexp.MustCompile(`^BenchmarkCORS/([^/\s]+)/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+(\d+) B/op\s+(\d+) allocs/op)?`)
	// compareLine matches "BenchmarkCompare/<case>-N  iters  ..." followed by metrics.
	compareLine = regexp.MustCompile(`^BenchmarkCompare/(\S+?)(?:-\d+)?\s+\d+\s`)
	// metric matches one "<value> <contender>-ns/op" metric.
	metric = regexp.MustCompile(`([\d.]+) (\S+)-ns/op`)
)

// contenders are printed in this order.
var contenders = []string{"bare", "floor", "credfetch", "rs-cors", "jub0bs-cors"}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// keepMin stores v in *dst when *dst is unset or larger.
func keepMin(dst *float64, v float64) {
	if *dst == 0 || v < *dst {
		*dst = v
	}
}

func run(in io.Reader, out io.Writer) error {
	var cases []string
	results := map[string]map[string]*figures{}
	quietest := map[string]float64{} // case -> total ns/op of its kept Compare run
	get := func(c, k string) *figures {
		if results[c] == nil {
			results[c] = map[string]*figures{}
			cases = append(cases, c)
		}
		if results[c][k] == nil {
			results[c][k] = &figures{}
		}
		return results[c][k]
	}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		text := sc.Text()
		if m := corsLine.FindStringSubmatch(text); m != nil {
			f := get(m[1], m[2])
			ns, _ := strconv.ParseFloat(m[3], 64)
			if f.corsNS == 0 || ns < f.corsNS {
				f.bytes, _ = strconv.ParseInt(m[4], 10, 64)
				f.allocs, _ = strconv.ParseInt(m[5], 10, 64)
			}
			keepMin(&f.corsNS, ns)
			continue
		}
		if m := compareLine.FindStringSubmatch(text); m != nil {
			// Keep the quietest run of the case whole, so that its
			// figures were all measured under the same conditions.
			run := map[string]float64{}
			total := 0.0
			for _, mm := range metric.FindAllStringSubmatch(text, -1) {
				ns, _ := strconv.ParseFloat(mm[1], 64)
				run[mm[2]] = ns
				total += ns
			}
			if best, ok := quietest[m[1]]; !ok || total < best {
				quietest[m[1]] = total
				for k, ns := range run {
					get(m[1], k).compareNS = ns
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("no BenchmarkCORS or BenchmarkCompare lines on standard input")
	}
	fmt.Fprintln(out, "| case | contender | ns/op | B/op | allocs/op | overhead ns/op | credfetch ÷ better competitor | credfetch ÷ floor |")
	fmt.Fprintln(out, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, c := range cases {
		rs := results[c]
		ns := func(k string) float64 {
			f := rs[k]
			switch {
			case f == nil:
				return 0
			case f.compareNS != 0:
				return f.compareNS
			}
			return f.corsNS
		}
		over := func(k string) float64 { return ns(k) - ns("bare") }
		better := min(over("rs-cors"), over("jub0bs-cors"))
		for _, k := range contenders {
			f := rs[k]
			if f == nil {
				continue
			}
			ratio, floorRatio := "", ""
			if k == "credfetch" && better > 0 {
				ratio = fmt.Sprintf("%.2f", over(k)/better)
			}
			if k == "credfetch" && over("floor") > 0 {
				floorRatio = fmt.Sprintf("%.2f", over(k)/over("floor"))
			}
			fmt.Fprintf(out, "| %s | %s | %.1f | %d | %d | %.1f | %s | %s |\n",
				c, k, ns(k), f.bytes, f.allocs, over(k), ratio, floorRatio)
		}
	}
	return nil
}
