package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/internal/version"
)

// versionPlaceholder is the "version" value of assets/npm/package.json, which
// write replaces with the version (internal/version, also fetch.Version).
const versionPlaceholder = `"set by make package from fetch.Version"`

// semver matches a SemVer 2.0 version, which npm requires.
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// layout says where the inputs are and where the two folders go.
type layout struct {
	root, goroot, out string
	version           string // internal/version's unless a test sets it
}

// file is one file of a shipped folder: its name there and its bytes.
type file struct {
	name string
	data []byte
}

// write lays out both folders afresh and returns their paths.
func (l layout) write() (npm, plain string, err error) {
	release := l.version
	if release == "" {
		release = version.Version
	}
	if !semver.MatchString(release) {
		return "", "", fmt.Errorf("the version %q is not a SemVer version, which npm requires: set it in internal/version/version.go (for example 0.2.0 or 0.2.0-dev)", release)
	}
	runtime, err := l.read([][2]string{
		{assets.ModuleFile, "assets/" + assets.ModuleFile},
		{assets.GlobalFile, "assets/" + assets.GlobalFile},
		{assets.WasmFile, "assets/dist/" + assets.WasmFile},
		{assets.WasmExecFile, "assets/dist/" + assets.WasmExecFile},
	})
	if err != nil {
		return "", "", err
	}
	extra, err := l.read([][2]string{
		{assets.TypesFile, "assets/" + assets.TypesFile},
		{"LICENSE", "LICENSE"},
	})
	if err != nil {
		return "", "", err
	}
	goLicense, err := os.ReadFile(filepath.Join(l.goroot, "LICENSE"))
	if err != nil {
		return "", "", fmt.Errorf("read Go's LICENSE, which covers wasm_exec.js: %w (pass -goroot \"$(go env GOROOT)\")", err)
	}
	extra = append(extra, file{"GO-LICENSE", append([]byte("wasm_exec.js is part of Go and is distributed under Go's license:\n\n"), goLicense...)})

	npmOnly, err := l.read([][2]string{
		{"package.json", "assets/npm/package.json"},
		{"README.md", "assets/npm/README.md"},
		{"credfetch-global.d.ts", "assets/npm/credfetch-global.d.ts"},
		{"wasm_exec.d.ts", "assets/npm/wasm_exec.d.ts"},
	})
	if err != nil {
		return "", "", err
	}
	pkg := &npmOnly[0]
	if bytes.Count(pkg.data, []byte(versionPlaceholder)) != 1 {
		return "", "", fmt.Errorf("assets/npm/package.json must hold the version placeholder %s exactly once", versionPlaceholder)
	}
	pkg.data = bytes.Replace(pkg.data, []byte(versionPlaceholder), []byte(strconv.Quote(release)), 1)
	if !json.Valid(pkg.data) {
		return "", "", errors.New("assets/npm/package.json is not valid JSON")
	}

	npm = filepath.Join(l.out, "npm")
	if err := writeFolder(npm, runtime, extra, npmOnly); err != nil {
		return "", "", err
	}
	plain = filepath.Join(l.out, "credfetch-"+release)
	if err := writeFolder(plain, runtime, extra); err != nil {
		return "", "", err
	}
	// The folder is what package assets serves: New checks it, and its
	// handler knows each file's integrity.
	files, err := assets.New(os.DirFS(plain))
	if err != nil {
		return "", "", err
	}
	sri := map[string]string{}
	for _, f := range runtime {
		sri[f.name] = files.Integrity(f.name)
	}
	list, err := json.MarshalIndent(sri, "", "  ")
	if err != nil {
		return "", "", err
	}
	if err := os.WriteFile(filepath.Join(plain, "integrity.json"), append(list, '\n'), 0o644); err != nil {
		return "", "", err
	}
	return npm, plain, nil
}

// read reads each {name, path under root} pair.
func (l layout) read(pairs [][2]string) ([]file, error) {
	files := make([]file, 0, len(pairs))
	for _, p := range pairs {
		data, err := os.ReadFile(filepath.Join(l.root, p[1]))
		if errors.Is(err, os.ErrNotExist) && filepath.Dir(p[1]) == "assets/dist" {
			return nil, fmt.Errorf("%s is missing: run `make build` first (`make package` does)", p[1])
		}
		if err != nil {
			return nil, err
		}
		files = append(files, file{p[0], data})
	}
	return files, nil
}

// writeFolder replaces dir with a folder holding the files of each group.
func writeFolder(dir string, groups ...[]file) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, g := range groups {
		for _, f := range g {
			if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
