package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/require"
)

// sample is compressible like code: words from a small vocabulary in a
// random order, so that brotli and gzip both have work to do.
func sample() []byte {
	words := strings.Fields("func return if err nil := range for var const type struct interface map string int byte go defer select case")
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < 64<<10 {
		b.WriteString(words[rng.IntN(len(words))])
		b.WriteByte(" \n\t("[rng.IntN(4)])
	}
	return b.Bytes()
}

func TestWritesBrotliAndGzipThatRoundTrip(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "credfetch.wasm")
	data := sample()
	require.NoError(t, os.WriteFile(name, data, 0o755)) // as go build writes it

	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(&stdout, &stderr, []string{name}, false))
	require.Empty(t, stderr.String())

	br, err := os.ReadFile(name + ".br")
	require.NoError(t, err)
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	require.NoError(t, err)
	require.Equal(t, data, got)

	gz, err := os.ReadFile(name + ".gz")
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	require.Empty(t, zr.Name)
	require.True(t, zr.ModTime.IsZero(), "gzip header time %v", zr.ModTime)
	got, err = io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, data, got)

	require.Less(t, len(br), len(gz))
	require.Less(t, len(gz), len(data)/2)
	require.Equal(t, fmt.Sprintf("%s: %s bytes; gzip -9 %s; brotli 11 %s\n", name, commas(len(data)), commas(len(gz)), commas(len(br))), stdout.String())

	info, err := os.Stat(name + ".br")
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o644), info.Mode().Perm())

	// The same input gives the same bytes, and no temporary file is left.
	stdout.Reset()
	require.Equal(t, 0, run(&stdout, &stderr, []string{name}, true))
	require.Regexp(t, `^.*credfetch\.wasm: [0-9,]+ bytes; gzip -9 [0-9,]+ in \S+; brotli 11 [0-9,]+ in \S+\n$`, stdout.String())
	for suffix, before := range map[string][]byte{".br": br, ".gz": gz} {
		after, err := os.ReadFile(name + suffix)
		require.NoError(t, err)
		require.Equal(t, before, after, suffix)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 3)
}

func TestErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.js")
	require.NoError(t, os.WriteFile(ok, []byte("x"), 0o644))
	missing := filepath.Join(dir, "missing.wasm")

	var stdout, stderr bytes.Buffer
	require.Equal(t, 1, run(&stdout, &stderr, []string{missing, ok, ok + ".gz"}, false))
	require.Contains(t, stderr.String(), "precompress: open "+missing+": no such file or directory\n")
	require.Contains(t, stderr.String(), "precompress: "+ok+".gz: already a .gz file: name the file it encodes\n")
	require.Equal(t, ok+": 1 bytes; gzip -9 25; brotli 11 5\n", stdout.String(), "the other files are still done")

	// A folder where FILE.br should go makes the rename fail.
	require.NoError(t, os.Remove(ok+".br"))
	require.NoError(t, os.Mkdir(ok+".br", 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ok+".br", "x"), nil, 0o644))
	stderr.Reset()
	require.Equal(t, 1, run(io.Discard, &stderr, []string{ok}, false))
	require.Contains(t, stderr.String(), "precompress: writing "+ok+".br: rename ")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		require.False(t, strings.HasSuffix(e.Name(), ".tmp"), "temporary file %s left", e.Name())
	}
}

func TestCommas(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 712345: "712,345", 3100285: "3,100,285", -1234: "-1,234"} {
		require.Equal(t, want, commas(n))
	}
}
