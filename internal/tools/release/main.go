// Command release lays out the two shipped forms of credfetch's browser half,
// from the sources in assets/ and the build outputs in assets/dist:
//
//   - OUT/npm: the npm package `credfetch`, ready for `npm pack`, with its
//     version set to fetch.Version;
//   - OUT/credfetch-VERSION: the files a plain page loads, to copy or serve
//     as they are (package assets serves this folder), with integrity.json
//     listing the Subresource Integrity value (sha384) of each file a page
//     loads.
//
// `make package` runs it, then `npm pack` and the precompression of the plain
// folder. Usage:
//
//	release -root . -goroot "$(go env GOROOT)" -out build
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := flag.String("root", ".", "the module root (where go.mod, assets/ and LICENSE are)")
	goroot := flag.String("goroot", "", "the GOROOT of the Go that built credfetch.wasm (its LICENSE covers wasm_exec.js)")
	out := flag.String("out", "build", "the `folder` to write npm/ and credfetch-VERSION/ into")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: release -root DIR -goroot \"$(go env GOROOT)\" -out DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *goroot == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	l := layout{root: *root, goroot: *goroot, out: *out}
	npm, plain, err := l.write()
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
	fmt.Printf("release: npm package folder %s\nrelease: plain-page folder %s (integrity.json lists the sha384 of each file)\n",
		filepath.Clean(npm), filepath.Clean(plain))
}
