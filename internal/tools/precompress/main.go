// Command precompress writes the brotli and gzip encodings of files beside
// them, FILE.br (brotli quality 11, the largest standard window) and FILE.gz
// (gzip -9, with no name or time in its header, so that the same input gives
// the same bytes), for assets.New to serve to browsers that accept them. Each
// is written to a temporary file and renamed into place, so that a server
// never reads half of one. It prints one line of sizes per file; -v adds how
// long each encoding took.
//
//	go run ./internal/tools/precompress [-v] FILE...
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/credfetch/credfetch/internal/compress"
)

func main() {
	verbose := flag.Bool("v", false, "also print how long each encoding took")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: precompress [-v] FILE...")
		fmt.Fprintln(os.Stderr, "writes FILE.br (brotli 11) and FILE.gz (gzip -9) beside each FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(os.Stdout, os.Stderr, flag.Args(), *verbose))
}

// run precompresses every file, reports each on stdout or stderr, and returns
// the exit status: 1 when any file failed.
func run(stdout, stderr io.Writer, files []string, verbose bool) int {
	status := 0
	for _, name := range files {
		line, err := precompress(name, verbose)
		if err != nil {
			fmt.Fprintln(stderr, "precompress:", err)
			status = 1
			continue
		}
		fmt.Fprintln(stdout, line)
	}
	return status
}

// An encoder compresses a whole file.
type encoder struct {
	suffix, label string
	encode        func([]byte) ([]byte, error)
}

var encoders = []encoder{
	{".gz", "gzip -9", compress.Gzip},
	{".br", "brotli 11", compress.Brotli},
}

// precompress writes name.gz and name.br and returns the line that reports
// their sizes.
func precompress(name string, verbose bool) (string, error) {
	for _, e := range encoders {
		if strings.HasSuffix(name, e.suffix) {
			return "", fmt.Errorf("%s: already a %s file: name the file it encodes", name, e.suffix)
		}
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", err // the error names the file
	}
	info, err := os.Stat(name)
	if err != nil {
		return "", err
	}
	line := fmt.Sprintf("%s: %s bytes", name, commas(len(data)))
	for _, e := range encoders {
		start := time.Now()
		out, err := e.encode(data)
		if err != nil {
			return "", fmt.Errorf("%s: %s: %w", name, e.label, err)
		}
		took := time.Since(start)
		if err := writeAtomic(name+e.suffix, out, info.Mode().Perm()&^0o111); err != nil {
			return "", err
		}
		line += fmt.Sprintf("; %s %s", e.label, commas(len(out)))
		if verbose {
			line += fmt.Sprintf(" in %s", took.Round(time.Millisecond))
		}
	}
	return line, nil
}

// writeAtomic writes data to a temporary file beside name and renames it to
// name, so that readers see the old file or the whole new one. The file gets
// the permissions perm (those of its source, less execute).
func writeAtomic(name string, data []byte, perm os.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("writing %s: %w", name, err)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// commas formats n with thousands separators: 3100285 is "3,100,285".
func commas(n int) string {
	if n < 0 {
		return "-" + commas(-n)
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
