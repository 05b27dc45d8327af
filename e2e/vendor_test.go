//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
)

// vendorFiles are the third-party libraries the install() tests run, from
// e2e/testdata/npm/node_modules (pinned by its package-lock.json), served by
// the page origin under /vendor/.
var vendorFiles = map[string]string{
	"jquery.js": "jquery/dist/jquery.min.js",
	"axios.js":  "axios/dist/axios.min.js",
}

// copyVendor copies the libraries into the page origin's files.
func copyVendor(root, dist string) error {
	modules := filepath.Join(root, "e2e", "testdata", "npm", "node_modules")
	if err := os.MkdirAll(filepath.Join(dist, "vendor"), 0o755); err != nil {
		return err
	}
	for name, src := range vendorFiles {
		data, err := os.ReadFile(filepath.Join(modules, src))
		if err != nil {
			return fmt.Errorf("%w\nThe e2e suite runs real jQuery and axios pages: install them with `make npm-fixtures` (npm ci in e2e/testdata/npm; `make e2e` does it)", err)
		}
		if err := os.WriteFile(filepath.Join(dist, "vendor", name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
