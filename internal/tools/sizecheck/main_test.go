package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func TestCheckPassesWithinTheLimitAndFailsOver(t *testing.T) {
	floor := writeFile(t, "floor.wasm", bytes.Repeat([]byte("abcdefgh"), 1000))
	same := writeFile(t, "same.wasm", bytes.Repeat([]byte("abcdefgh"), 1000))
	var out bytes.Buffer
	require.Equal(t, 0, check(&out, same, floor, 1.15, 0))
	require.Contains(t, out.String(), "ratio 1.000, within the limit 1.15")

	noise := make([]byte, 8000)
	for i := range noise {
		noise[i] = byte(i * 7919 % 251)
	}
	big := writeFile(t, "big.wasm", noise)
	out.Reset()
	require.Equal(t, 1, check(&out, big, floor, 1.15, 0))
	require.Contains(t, out.String(), "is over the limit 1.15")
	require.Equal(t, 3, strings.Count(out.String(), "\n"), "both sizes and the verdict")
}

func TestCheckReportsAMissingFile(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 1, check(&out, "/nonexistent.wasm", "/nonexistent2.wasm", 1.15, 0))
	require.Contains(t, out.String(), "no such file")
}

func TestCheckReportsTheWayToTheTarget(t *testing.T) {
	floor := writeFile(t, "floor.wasm", bytes.Repeat([]byte("abcdefgh"), 1000))
	noise := make([]byte, 8000)
	for i := range noise {
		noise[i] = byte(i * 7919 % 251)
	}
	big := writeFile(t, "big.wasm", noise)
	var out bytes.Buffer
	require.Equal(t, 0, check(&out, big, floor, 1000, 1.15), "within the ratchet")
	require.Contains(t, out.String(), "the target is 1.15:")
}
