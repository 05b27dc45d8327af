// Package web holds what the page origin serves: the HTML pages, the
// JavaScript loader (credfetch.js and its classic-script form), the styles,
// and the build outputs credfetch.wasm and wasm_exec.js. The pages and the
// loader are embedded from this folder; the build outputs are embedded from
// dist/ when `make build` put them there, or come from a folder the caller
// names (the e2e suite builds its own). FS joins the two into one file system
// that the demo server serves.
package web

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Build outputs that `make build` writes to web/dist.
const (
	// WasmFile is the WebAssembly module compiled from package wasm.
	WasmFile = "credfetch.wasm"
	// WasmExecFile is Go's JavaScript support file for js/wasm, copied from
	// $(go env GOROOT)/lib/wasm so that it matches the Go that built WasmFile.
	WasmExecFile = "wasm_exec.js"
)

//go:embed *.html *.js *.css *.d.ts
var pages embed.FS

//go:embed dist
var dist embed.FS

// FS returns the file system the page origin serves: the embedded pages and
// loader, plus the build outputs from build. A nil build means the outputs
// embedded from web/dist at compile time.
func FS(build fs.FS) fs.FS {
	if build == nil {
		build, _ = fs.Sub(dist, "dist") // "dist" is a valid, embedded folder
	}
	return overlay{pages, build}
}

// CheckBuild reports which build outputs fsys lacks, in one error that says how
// to make them, or nil when both are there.
func CheckBuild(fsys fs.FS) error {
	var missing []string
	for _, name := range []string{WasmFile, WasmExecFile} {
		if _, err := fs.Stat(fsys, name); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s not built: run `make build` (it compiles package wasm with GOOS=js GOARCH=wasm and copies wasm_exec.js from $(go env GOROOT)/lib/wasm into web/dist)", strings.Join(missing, " and "))
}

// overlay serves a name from the first file system that has it.
type overlay [2]fs.FS

// Open implements fs.FS.
func (o overlay) Open(name string) (fs.File, error) {
	f, err := o[0].Open(name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	return o[1].Open(name)
}
