package demo

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/credfetch/credfetch/internal/compress"
	"github.com/credfetch/credfetch/internal/fetchspec"
)

// compressible are the file types the page origin sends gzip-compressed to
// browsers that accept it: credfetch.wasm shrinks to about a quarter.
var compressible = map[string]bool{".wasm": true, ".js": true, ".css": true, ".html": true, ".json": true, ".ts": true}

// gzipCache holds the gzip encoding of each compressible file, made on its
// first request and kept while the file's size and time stay the same.
type gzipCache struct {
	mu    sync.Mutex
	files map[string]gzipped
}

type gzipped struct {
	size    int64
	modTime time.Time
	data    []byte
}

// serve writes the gzip encoding of fsys's file name when the request
// accepts it and the type is worth compressing; it reports false when it did
// not, and the caller serves the file as it is.
func (c *gzipCache) serve(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string, st fs.FileInfo) bool {
	ext := path.Ext(name)
	if !compressible[ext] || !acceptsGzip(r.Header.Get("Accept-Encoding")) || r.Header.Get("Range") != "" {
		return false
	}
	data, ok := c.get(fsys, name, st)
	if !ok {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	h.Set("Content-Encoding", "gzip")
	if ct := mime.TypeByExtension(ext); ct != "" {
		h.Set("Content-Type", ct)
	}
	http.ServeContent(w, r, name, st.ModTime(), bytes.NewReader(data))
	return true
}

// get returns the cached gzip encoding of name, compressing it when the cache
// has none for this size and time.
func (c *gzipCache) get(fsys fs.FS, name string, st fs.FileInfo) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if g, ok := c.files[name]; ok && g.size == st.Size() && g.modTime.Equal(st.ModTime()) {
		return g.data, true
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, false
	}
	data, err := compress.Gzip(raw)
	if err != nil {
		return nil, false
	}
	if c.files == nil {
		c.files = map[string]gzipped{}
	}
	c.files[name] = gzipped{size: st.Size(), modTime: st.ModTime(), data: data}
	return data, true
}

// acceptsGzip reports whether an Accept-Encoding value allows gzip (and does
// not refuse it with q=0).
func acceptsGzip(accept string) bool {
	for part, rest, ok := fetchspec.CutListElement(accept); ok; part, rest, ok = fetchspec.CutListElement(rest) {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.TrimSpace(coding) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
