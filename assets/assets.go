// Package assets holds credfetch's browser files and serves them from any Go
// server: the ES module credfetch.js (loader and JavaScript API), its
// classic-script form credfetch-global.js, the TypeScript declarations
// credfetch.d.ts, and the build outputs credfetch.wasm and wasm_exec.js.
//
// The JavaScript and the declarations are embedded from this folder. The build
// outputs are embedded from dist/ when `make build` (or `make package`) put
// them there, or come from a folder the caller names: FS joins the two. New
// returns the http.Handler that serves them with the right types, encodings
// and caching.
package assets

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// The files of the browser half, by name.
const (
	// ModuleFile is the ES module: the loader and the JavaScript API.
	ModuleFile = "credfetch.js"
	// GlobalFile is the classic script that sets window.credfetch and loads
	// ModuleFile beside it.
	GlobalFile = "credfetch-global.js"
	// TypesFile holds the TypeScript declarations of ModuleFile.
	TypesFile = "credfetch.d.ts"
	// WasmFile is the WebAssembly module compiled from package wasm.
	WasmFile = "credfetch.wasm"
	// WasmExecFile is Go's JavaScript support file for js/wasm, copied from
	// $(go env GOROOT)/lib/wasm so that it matches the Go that built WasmFile.
	WasmExecFile = "wasm_exec.js"
)

//go:embed credfetch.js credfetch-global.js credfetch.d.ts
var sources embed.FS

//go:embed dist
var dist embed.FS

// FS returns the browser files: the embedded JavaScript and declarations,
// plus the build outputs from build. A nil build means the outputs embedded
// from dist/ at compile time (none on a fresh clone: see CheckBuild).
func FS(build fs.FS) fs.FS {
	if build == nil {
		build, _ = fs.Sub(dist, "dist") // "dist" is a valid, embedded folder
	}
	return Overlay{sources, build}
}

// CheckBuild reports which build outputs fsys lacks, in one error that says
// how to make them, or nil when both are there.
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
	return fmt.Errorf("%s not built: run `make build` (it compiles package wasm with GOOS=js GOARCH=wasm and copies wasm_exec.js from $(go env GOROOT)/lib/wasm into assets/dist)", strings.Join(missing, " and "))
}

// Overlay is a file system that serves a name from the first of its file
// systems that has it.
type Overlay []fs.FS

// Open implements fs.FS.
func (o Overlay) Open(name string) (fs.File, error) {
	for i, fsys := range o {
		f, err := fsys.Open(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) || i == len(o)-1 {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
