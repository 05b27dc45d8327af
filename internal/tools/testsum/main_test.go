package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func jsonLines(lines ...string) *strings.Reader {
	return strings.NewReader(strings.Join(lines, "\n") + "\n")
}

func TestCountsPassFailSkip(t *testing.T) {
	in := jsonLines(
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN TestA\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:9: boom\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestB"}`,
		`{"Action":"skip","Package":"p","Test":"TestC"}`,
		`{"Action":"output","Package":"p","Output":"FAIL\tp\t0.1s\n"}`,
		`{"Action":"fail","Package":"p"}`,
	)
	var out bytes.Buffer
	require.Equal(t, 1, summarize("unit", in, &out, false).status())
	require.Contains(t, out.String(), "b_test.go:9: boom", "a failing test's output is shown")
	require.NotContains(t, out.String(), "=== RUN TestA", "a passing test's output is not")
	require.True(t, strings.HasSuffix(out.String(), "unit: 1 passed, 1 failed, 1 skipped\n"), out.String())
}

func TestAllPassingExitsZero(t *testing.T) {
	in := jsonLines(
		`{"Action":"pass","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Output":"ok  \tp\t0.1s\n"}`,
		`{"Action":"pass","Package":"p"}`,
	)
	var out bytes.Buffer
	require.Equal(t, 0, summarize("unit", in, &out, false).status())
	require.Equal(t, "ok  \tp\t0.1s\nunit: 1 passed, 0 failed, 0 skipped\n", out.String())
}

func TestNoTestsFails(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 1, summarize("e2e", jsonLines(`{"Action":"output","Package":"p","Output":"?   \tp\t[no test files]\n"}`), &out, false).status())
	require.Contains(t, out.String(), "e2e: no test ran")
}

func TestBuildFailureFailsWithItsOutput(t *testing.T) {
	in := jsonLines(
		`{"ImportPath":"p","Action":"build-output","Output":"p/x.go:1:1: syntax error\n"}`,
		`{"ImportPath":"p","Action":"build-fail"}`,
		`{"Action":"pass","Package":"q","Test":"TestA"}`,
		`{"Action":"fail","Package":"p"}`,
	)
	var out bytes.Buffer
	require.Equal(t, 1, summarize("unit", in, &out, false).status())
	require.Contains(t, out.String(), "syntax error")
}

func TestTallyAddsUpTiers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tally")
	require.NoError(t, appendTally(path, "unit", counts{passed: 3, skipped: 1}))
	require.NoError(t, appendTally(path, "e2e", counts{passed: 2, badPackages: 1}))
	var out bytes.Buffer
	require.Equal(t, 1, printTotal(path, &out))
	require.True(t, strings.HasSuffix(out.String(), "total: 5 passed, 1 failed, 1 skipped\n"), out.String())
}

func TestTotalWithoutTallyFails(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 1, printTotal(filepath.Join(t.TempDir(), "none"), &out))
	require.Contains(t, out.String(), "no tally")
}

func TestTAPReportCountsAndShowsFailures(t *testing.T) {
	tap := `TAP version 13
# Subtest: wire
ok 1 - wire
  ---
  duration_ms: 1.2
  ...
# Subtest: reader
not ok 2 - reader
  ---
  error: 'expected 1, got 2'
  ...
1..2
# tests 2
# pass 1
# fail 1
# cancelled 0
# skipped 3
`
	var out strings.Builder
	c := summarizeTAP("js", strings.NewReader(tap), &out)
	require.Equal(t, counts{passed: 1, failed: 1, skipped: 3}, c)
	require.Contains(t, out.String(), "not ok 2 - reader")
	require.Contains(t, out.String(), "expected 1, got 2")
	require.NotContains(t, out.String(), "duration_ms: 1.2", "passing tests stay quiet")
	require.Contains(t, out.String(), "js: 1 passed, 1 failed, 3 skipped")
	require.Equal(t, 1, c.status())
}

func TestTAPWithoutCountsFails(t *testing.T) {
	var out strings.Builder
	c := summarizeTAP("js", strings.NewReader("node: bad option\n"), &out)
	require.Equal(t, 1, c.status())
	require.Contains(t, out.String(), "no closing counts")
}
