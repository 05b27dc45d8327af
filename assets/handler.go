package assets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/credfetch/credfetch/internal/compress"
	"github.com/credfetch/credfetch/internal/version"
)

// runtimeFiles are the files a page loads, the ones a Handler serves.
var runtimeFiles = [...]string{ModuleFile, GlobalFile, WasmFile, WasmExecFile}

// Header values shared by every response. net/http never changes a value
// slice in place, and each has len == cap, so an append by a middleware copies.
var (
	jsType    = []string{"text/javascript; charset=utf-8"}
	wasmType  = []string{"application/wasm"}
	nosniff   = []string{"nosniff"}
	vary      = []string{"Accept-Encoding"}
	allow     = []string{"GET, HEAD"}
	noCache   = []string{"no-cache"}
	immutable = []string{"public, max-age=31536000, immutable"}
)

// A Handler serves credfetch's runtime files, ModuleFile, GlobalFile,
// WasmFile and WasmExecFile, from memory, to GET and HEAD requests.
//
// It answers the path NAME, with or without a leading slash, so that it can
// be mounted under any prefix with http.StripPrefix, and the versioned path
// v<version>/NAME, version being fetch.Version (see Path). Any other path, including "/", a folder,
// credfetch.d.ts, the .br and .gz files and another version's path, gets a
// plain 404; a Handler never lists a folder.
//
// Each file is sent in the smallest encoding that the request's
// Accept-Encoding accepts (with any nonzero weight): br, when the folder had
// a .br file, else gzip, else none; 406 Not Acceptable when the request
// refuses all three. A malformed Accept-Encoding element accepts nothing.
// Every representation has its own strong ETag, so conditional and range
// requests work as in http.ServeContent. Responses under the versioned path
// are cacheable for a year as immutable; the others carry
// "Cache-Control: no-cache", so that browsers revalidate them with the ETag.
// A development version, one whose pre-release suffix contains "dev" (such as
// 0.1.0-dev), changes without its number changing, so its versioned path gets
// no-cache too.
type Handler struct {
	files      map[string]*file
	versionDir string   // "v" + version + "/"
	versioned  []string // Cache-Control under versionDir
}

// file is one runtime file, in every encoding the handler has for it.
type file struct {
	contentType []string
	integrity   string
	reps        [numEncodings]representation
	// lazyGzip says that the folder had no .gz for the file: its gzip
	// representation is made by the first request that wants it, once.
	lazyGzip bool
	gzipOnce sync.Once
}

// rep returns the file's representation in enc.
func (f *file) rep(enc encoding) *representation {
	if enc == gzipEnc && f.lazyGzip {
		f.gzipOnce.Do(func() {
			gz, err := compress.Gzip(f.reps[identity].data)
			if err != nil { // compress/gzip does not fail writing to memory
				f.reps[gzipEnc] = f.reps[identity]
				return
			}
			f.reps[gzipEnc] = newRepresentation(gz, gzipEnc)
		})
	}
	return &f.reps[enc]
}

// representation is a file's bytes in one encoding.
type representation struct {
	data     []byte   // nil: the handler has no such encoding
	etag     []string // the strong ETag header value
	length   []string // the Content-Length header value
	encoding []string // the Content-Encoding header value, nil for identity
}

// New returns a Handler serving the runtime files found at the root of fsys,
// such as FS(nil) or os.DirFS of a folder made by `make package`. All four,
// credfetch.js, credfetch-global.js, credfetch.wasm and wasm_exec.js, are
// required. NAME.br and NAME.gz beside a file, when present, are its brotli
// and gzip encodings; New checks that they decode to the file. The gzip
// encoding of a file that has no .gz is made on the first request that
// wants it. Everything is held in memory, so that the file system is not
// read again.
func New(fsys fs.FS) (*Handler, error) {
	return newHandler(fsys, version.Version)
}

// newHandler is New for a given credfetch version.
func newHandler(fsys fs.FS, version string) (*Handler, error) {
	if fsys == nil {
		return nil, errors.New("assets.New: the file system is nil: pass assets.FS(nil) for the files embedded by `make build`, or os.DirFS of a folder that holds them")
	}
	h := &Handler{
		files:      make(map[string]*file, len(runtimeFiles)),
		versionDir: "v" + version + "/",
		versioned:  noCache,
	}
	if immutableVersion(version) {
		h.versioned = immutable
	}
	var missing []string
	for _, name := range runtimeFiles {
		f, err := loadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, name)
			continue
		}
		if err != nil {
			return nil, err
		}
		h.files[name] = f
	}
	if len(missing) > 0 {
		verb := "is"
		if len(missing) > 1 {
			verb = "are"
		}
		return nil, fmt.Errorf("assets.New: %s %s missing from the file system: run `make build` (it writes credfetch.wasm and wasm_exec.js into assets/dist for assets.FS(nil)), or `make package` (it writes a folder with all four files to pass as os.DirFS), or pass the folder of the credfetch npm package", joinNames(missing), verb)
	}
	return h, nil
}

// ServeHTTP serves the file named by r.URL.Path.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, versioned := h.lookup(r.URL.Path)
	if f == nil {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr["Allow"] = allow
		http.Error(w, "405 method not allowed: only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	hdr["Vary"] = vary
	enc := chooseEncoding(r.Header["Accept-Encoding"], f.reps[brEnc].data != nil)
	if enc == notAcceptable {
		http.Error(w, "406 not acceptable: Accept-Encoding refuses identity, gzip and br", http.StatusNotAcceptable)
		return
	}
	rep := f.rep(enc)
	hdr["Content-Type"] = f.contentType
	hdr["X-Content-Type-Options"] = nosniff
	hdr["Etag"] = rep.etag // the canonical key, which ServeContent reads
	if rep.encoding != nil {
		hdr["Content-Encoding"] = rep.encoding
	}
	if versioned {
		hdr["Cache-Control"] = h.versioned
	} else {
		hdr["Cache-Control"] = noCache
	}
	s := senders.Get().(*sender)
	s.ResponseWriter, s.length = w, rep.length
	s.body.Reset(rep.data)
	http.ServeContent(s, r, "", time.Time{}, &s.body)
	*s = sender{}
	senders.Put(s)
}

// senders recycles the ResponseWriters handed to http.ServeContent.
var senders = sync.Pool{New: func() any { return new(sender) }}

// A sender is the ResponseWriter and body of one response. http.ServeContent
// does not set Content-Length when Content-Encoding is set (it cannot tell an
// encoded body from one that a middleware will compress), so that encoded
// files would go without a length, chunked, and HEAD would not tell it. The
// bytes here are the encoded representation, so sender sets the length.
type sender struct {
	http.ResponseWriter
	length []string // the Content-Length header value of the whole body
	body   bytes.Reader
}

// WriteHeader sets Content-Length, when ServeContent did not, for a whole
// body or a single range.
func (s *sender) WriteHeader(code int) {
	hdr := s.Header()
	if _, ok := hdr["Content-Length"]; !ok {
		switch code {
		case http.StatusOK:
			hdr["Content-Length"] = s.length
		case http.StatusPartialContent:
			if n, ok := rangeLength(hdr.Get("Content-Range")); ok {
				hdr["Content-Length"] = []string{strconv.FormatInt(n, 10)}
			}
		}
	}
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap returns the ResponseWriter that s wraps, for http.ResponseController.
func (s *sender) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// rangeLength returns the length of the range in a Content-Range value
// "bytes FIRST-LAST/SIZE", which ServeContent writes for a single range.
func rangeLength(contentRange string) (int64, bool) {
	s, ok := strings.CutPrefix(contentRange, "bytes ")
	s, _, ok2 := strings.Cut(s, "/")
	first, last, ok3 := strings.Cut(s, "-")
	if !ok || !ok2 || !ok3 {
		return 0, false
	}
	a, err1 := strconv.ParseInt(first, 10, 64)
	b, err2 := strconv.ParseInt(last, 10, 64)
	if err1 != nil || err2 != nil || a < 0 || b < a {
		return 0, false
	}
	return b - a + 1, true
}

// lookup returns the file a request path names, or nil, and whether the path
// is the versioned one.
func (h *Handler) lookup(path string) (*file, bool) {
	path = strings.TrimPrefix(path, "/")
	if name, ok := strings.CutPrefix(path, h.versionDir); ok {
		return h.files[name], true
	}
	return h.files[path], false
}

// Path returns the versioned path of the named file, relative to where h is
// mounted, such as "v0.1.0/credfetch.js", or "" when h does not serve name.
// A page that loads ModuleFile or GlobalFile from that path gets the other
// files from there too.
func (h *Handler) Path(name string) string {
	if h.files[name] == nil {
		return ""
	}
	return h.versionDir + name
}

// Integrity returns the Subresource Integrity value ("sha384-…") of the named
// file, for the integrity attribute of the script element that loads it, or
// "" when h does not serve name.
func (h *Handler) Integrity(name string) string {
	if f := h.files[name]; f != nil {
		return f.integrity
	}
	return ""
}

// immutableVersion reports whether the files of a version never change: false
// for a pre-release whose suffix contains "dev".
func immutableVersion(version string) bool {
	version, _, _ = strings.Cut(version, "+") // build metadata
	_, pre, ok := strings.Cut(version, "-")
	return !ok || !strings.Contains(strings.ToLower(pre), "dev")
}

// loadFile reads a runtime file and its encodings. The error wraps
// fs.ErrNotExist when the file itself is missing.
func loadFile(fsys fs.FS, name string) (*file, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("assets.New: reading %s: %w", name, err)
	}
	f := &file{contentType: jsType}
	if strings.HasSuffix(name, ".wasm") {
		f.contentType = wasmType
	}
	sum := sha512.Sum384(data)
	f.integrity = "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	f.reps[identity] = newRepresentation(data, identity)

	gz, err := loadEncoded(fsys, name, data, gzipEnc)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f.lazyGzip = true // made on first use, so that New stays fast
	case err != nil:
		return nil, err
	default:
		f.reps[gzipEnc] = newRepresentation(gz, gzipEnc)
	}

	br, err := loadEncoded(fsys, name, data, brEnc)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if br != nil {
		f.reps[brEnc] = newRepresentation(br, brEnc)
	}
	return f, nil
}

// suffixes of the files that hold each encoding.
var suffixes = [numEncodings]string{gzipEnc: ".gz", brEnc: ".br"}

// loadEncoded reads the enc encoding of the file name, whose bytes are
// plain, and checks that it decodes to plain. The error wraps fs.ErrNotExist
// when there is no such file.
func loadEncoded(fsys fs.FS, name string, plain []byte, enc encoding) ([]byte, error) {
	encName := name + suffixes[enc]
	data, err := fs.ReadFile(fsys, encName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("assets.New: reading %s: %w", encName, err)
	}
	var dec io.Reader
	if enc == gzipEnc {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, staleError(encName, name, err)
		}
		dec = zr
	} else {
		dec = brotli.NewReader(bytes.NewReader(data))
	}
	// One byte more than plain tells a longer decoding apart.
	got, err := io.ReadAll(io.LimitReader(dec, int64(len(plain))+1))
	if err != nil {
		return nil, staleError(encName, name, err)
	}
	if !bytes.Equal(got, plain) {
		return nil, staleError(encName, name, errors.New("it decodes to different bytes"))
	}
	return data, nil
}

// staleError explains an encoded file that does not decode to its source.
func staleError(encName, name string, err error) error {
	return fmt.Errorf("assets.New: %s is not an encoding of %s (%v): it is left from an earlier build or damaged; make it again with `go run ./internal/tools/precompress %s` (`make package` does), or delete it", encName, name, err, name)
}

// newRepresentation precomputes the headers of data in encoding enc. The
// ETag is the first 144 bits of its SHA-256, marked with the encoding.
func newRepresentation(data []byte, enc encoding) representation {
	sum := sha256.Sum256(data)
	tag := base64.RawURLEncoding.EncodeToString(sum[:18])
	r := representation{
		data:   data,
		etag:   []string{`"` + tag + `"`},
		length: []string{strconv.Itoa(len(data))},
	}
	if enc != identity {
		r.etag[0] = `"` + tag + "-" + encodingNames[enc] + `"`
		r.encoding = []string{encodingNames[enc]}
	}
	return r
}

// joinNames lists names as "a", "a and b" or "a, b and c".
func joinNames(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
