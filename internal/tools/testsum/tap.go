package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// summarizeTAP reports the TAP output of `node --test --test-reporter=tap`
// read from in: each failing test with the block that explains it, then the
// tier's line, counted from the runner's closing "# pass N" lines.
func summarizeTAP(tier string, in io.Reader, out io.Writer) counts {
	var c counts
	var seen bool
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	failing := false
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "not ok "):
			failing = true
			fmt.Fprintln(out, line)
			continue
		case strings.HasPrefix(trimmed, "ok "):
			failing = false
		case failing && !strings.HasPrefix(trimmed, "# Subtest:"):
			fmt.Fprintln(out, line)
		}
		for _, total := range []struct {
			prefix string
			n      *int
		}{{"# pass ", &c.passed}, {"# fail ", &c.failed}, {"# skipped ", &c.skipped}, {"# cancelled ", &c.badPackages}} {
			if rest, ok := strings.CutPrefix(line, total.prefix); ok {
				if n, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil {
					*total.n += n
					seen = true
				}
			}
		}
	}
	if err := sc.Err(); err != nil || !seen {
		fmt.Fprintf(out, "%s: the TAP output has no closing counts (%v): did node --test run?\n", tier, err)
		c.badPackages++
	}
	fmt.Fprintf(out, "%s: %d passed, %d failed, %d skipped\n", tier, c.passed, c.failed+c.badPackages, c.skipped)
	if c.passed == 0 && c.failed == 0 {
		fmt.Fprintf(out, "%s: no test ran; a tier that tests nothing fails\n", tier)
	}
	return c
}
