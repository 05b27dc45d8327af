// Package compress makes the encodings credfetch serves its browser files in:
// gzip at the best compression (package assets at start, for a file without
// a .gz) and brotli at the best quality (internal/tools/precompress, at build
// time). Both are deterministic: the same input gives the same bytes.
package compress

import (
	"bytes"
	"compress/gzip"

	"github.com/andybalholm/brotli"
)

// Gzip returns the gzip encoding of data at gzip.BestCompression, with no
// name and no modification time in its header.
func Gzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Brotli returns the brotli encoding of data at quality 11 with a 16 MiB
// window (lgwin 24, the largest that every browser decodes).
func Brotli(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	bw := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	if _, err := bw.Write(data); err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
