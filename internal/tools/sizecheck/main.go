// Command sizecheck compares the gzip -9 size of credfetch.wasm with the size
// floor (internal/sizefloor: a program that imports safejs and registers one
// function), prints both and their ratio, and exits 1 when the ratio is over
// the limit. `make size` (part of `make test`) runs it on modules built the
// same way.
//
//	sizecheck -max 1.15 assets/dist/credfetch.wasm build/sizefloor.wasm
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	limit := flag.Float64("max", 1.15, "the largest allowed `ratio` of the module's gzip size to the floor's")
	target := flag.Float64("target", 0, "a `ratio` to report progress against, when it is below -max (a ratchet on the way to a target)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: sizecheck [-max ratio] module.wasm floor.wasm")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(check(os.Stdout, flag.Arg(0), flag.Arg(1), *limit, *target))
}

// check prints the sizes and returns the exit status.
func check(w io.Writer, module, floor string, limit, target float64) int {
	m, err := measure(module)
	if err != nil {
		fmt.Fprintln(w, "sizecheck:", err)
		return 1
	}
	f, err := measure(floor)
	if err != nil {
		fmt.Fprintln(w, "sizecheck:", err)
		return 1
	}
	ratio := float64(m.gzip) / float64(f.gzip)
	fmt.Fprintf(w, "size: %s %d bytes, gzip -9 %d bytes\n", module, m.raw, m.gzip)
	fmt.Fprintf(w, "size: %s %d bytes, gzip -9 %d bytes (the floor: safejs and one function)\n", floor, f.raw, f.gzip)
	if ratio > limit {
		fmt.Fprintf(w, "size: ratio %.3f is over the limit %.2f: find the weight with `go run ./internal/tools/wasmsize %s`\n", ratio, limit, module)
		return 1
	}
	fmt.Fprintf(w, "size: ratio %.3f, within the limit %.2f\n", ratio, limit)
	if target > 0 && ratio > target {
		fmt.Fprintf(w, "size: the target is %.2f: %d gzip bytes to go\n", target, m.gzip-int(target*float64(f.gzip)))
	}
	return 0
}

type sizes struct{ raw, gzip int }

// measure returns the size of a file and of its gzip -9 (best compression)
// encoding.
func measure(path string) (sizes, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return sizes{}, err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return sizes{}, err
	}
	if _, err := zw.Write(data); err != nil {
		return sizes{}, err
	}
	if err := zw.Close(); err != nil {
		return sizes{}, err
	}
	return sizes{raw: len(data), gzip: buf.Len()}, nil
}
