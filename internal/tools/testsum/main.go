// Command testsum reads `go test -json` output on standard input (or, with
// -tap, the TAP output of Node's test runner from a file) and prints it
// as a tier report for `make test`: the package results, the full output of
// every failing test, and a closing line "TIER: N passed, N failed, N skipped".
// It exits 1 when a test or a package failed, or when no test ran at all, so a
// tier can never pass silently. With -tally FILE it also appends the tier's
// counts to FILE, and `testsum -total FILE` prints the sum of all tiers there as
// the closing line of `make test`.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	verbose := flag.Bool("v", false, "print the output of every test, not only of failing ones")
	tally := flag.String("tally", "", "append the tier's counts to this `file`")
	total := flag.String("total", "", "print the sum of the counts in this `file` (written with -tally) and exit")
	tap := flag.String("tap", "", "read the TAP output of `node --test --test-reporter=tap` from this `file` instead of go test -json from standard input")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go test -json ./... | testsum [-v] [-tally FILE] TIER\n       testsum -tap FILE [-tally FILE] TIER\n       testsum -total FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *total != "" {
		os.Exit(printTotal(*total, os.Stdout))
	}
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	var c counts
	if *tap != "" {
		f, err := os.Open(*tap)
		if err != nil {
			fmt.Fprintln(os.Stderr, "testsum:", err)
			os.Exit(1)
		}
		c = summarizeTAP(flag.Arg(0), f, os.Stdout)
		f.Close()
	} else {
		c = summarize(flag.Arg(0), os.Stdin, os.Stdout, *verbose)
	}
	if *tally != "" {
		if err := appendTally(*tally, flag.Arg(0), c); err != nil {
			fmt.Fprintln(os.Stderr, "testsum:", err)
			os.Exit(1)
		}
	}
	os.Exit(c.status())
}

// counts are the results of one tier.
type counts struct {
	passed, failed, skipped, badPackages int
}

// status is the exit status for the tier: 1 when anything failed or nothing ran.
func (c counts) status() int {
	if c.failed > 0 || c.badPackages > 0 || c.passed == 0 {
		return 1
	}
	return 0
}

func appendTally(path, tier string, c counts) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s %d %d %d\n", tier, c.passed, c.failed+c.badPackages, c.skipped)
	return errors.Join(err, f.Close())
}

// printTotal prints each tier's counts from the tally file and their sum.
func printTotal(path string, out io.Writer) int {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(out, "testsum: no tally at %s: %v\n", path, err)
		return 1
	}
	var sum counts
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var tier string
		var c counts
		if _, err := fmt.Sscanf(line, "%s %d %d %d", &tier, &c.passed, &c.failed, &c.skipped); err != nil {
			fmt.Fprintf(out, "testsum: bad tally line %q in %s\n", line, path)
			return 1
		}
		fmt.Fprintf(out, "  %-6s %4d passed, %d failed, %d skipped\n", tier, c.passed, c.failed, c.skipped)
		sum.passed += c.passed
		sum.failed += c.failed
		sum.skipped += c.skipped
	}
	fmt.Fprintf(out, "total: %d passed, %d failed, %d skipped\n", sum.passed, sum.failed, sum.skipped)
	return sum.status()
}

// summarize reports the events read from in and returns the tier's counts.
func summarize(tier string, in io.Reader, out io.Writer, verbose bool) counts {
	var passed, failed, skipped, badPackages int
	outputs := map[string][]string{} // test key -> output lines, until it ends
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var ev event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || ev.Action == "" {
			fmt.Fprintln(out, sc.Text()) // build errors and other plain text
			continue
		}
		key := ev.Package + " " + ev.Test
		switch ev.Action {
		case "output":
			if ev.Test == "" {
				if isPackageLine(ev.Output) || verbose {
					fmt.Fprint(out, ev.Output)
				}
				outputs[key] = append(outputs[key], ev.Output)
				continue
			}
			if verbose {
				fmt.Fprint(out, ev.Output)
			}
			outputs[key] = append(outputs[key], ev.Output)
		case "build-output":
			fmt.Fprint(out, ev.Output)
		case "pass", "fail", "skip":
			if ev.Test == "" {
				if ev.Action == "fail" {
					badPackages++
					if !verbose {
						printLines(out, outputs[key])
					}
				}
				delete(outputs, key)
				continue
			}
			switch ev.Action {
			case "pass":
				passed++
			case "fail":
				failed++
				if !verbose {
					printLines(out, outputs[key])
				}
			case "skip":
				skipped++
				if !verbose {
					fmt.Fprintf(out, "    skipped %s %s\n", ev.Package, ev.Test)
				}
			}
			delete(outputs, key)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(out, "%s: reading go test output: %v\n", tier, err)
		badPackages++
	}
	fmt.Fprintf(out, "%s: %d passed, %d failed, %d skipped\n", tier, passed, failed, skipped)
	if passed == 0 && failed == 0 {
		fmt.Fprintf(out, "%s: no test ran; a tier that tests nothing fails\n", tier)
	}
	return counts{passed, failed, skipped, badPackages}
}

// isPackageLine reports whether a package-level output line is the package's
// result ("ok", "FAIL", "?" lines), which every report shows.
func isPackageLine(s string) bool {
	return strings.HasPrefix(s, "ok ") || strings.HasPrefix(s, "FAIL") || strings.HasPrefix(s, "?") || strings.HasPrefix(s, "panic:")
}

func printLines(out io.Writer, lines []string) {
	for _, l := range lines {
		fmt.Fprint(out, l)
	}
}
