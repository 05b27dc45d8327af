// Package web holds the demo's pages: the walkthrough, the CORS lab, their
// scripts and styles. FS joins them with credfetch's browser files (package
// assets) into the one file system the demo's page origin serves.
package web

import (
	"embed"
	"io/fs"

	"github.com/credfetch/credfetch/assets"
)

//go:embed *.html *.js *.css
var pages embed.FS

// FS returns the file system the page origin serves: the embedded pages, then
// assets.FS(build), the browser files with the build outputs from build (nil
// means those embedded at compile time).
func FS(build fs.FS) fs.FS {
	return assets.Overlay{pages, assets.FS(build)}
}
