//go:build e2e

package e2e

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTypeScriptDeclarationsCompile type-checks e2e/testdata/types/usage.ts,
// which calls the whole API as a page would, against assets/credfetch.d.ts with
// the pinned TypeScript compiler.
func TestTypeScriptDeclarationsCompile(t *testing.T) {
	tsc := filepath.Join(suite.root, "e2e", "testdata", "npm", "node_modules", ".bin", "tsc")
	cmd := exec.Command(tsc, "-p", filepath.Join(suite.root, "e2e", "testdata", "types", "tsconfig.json"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tsc rejects assets/credfetch.d.ts or the usage example: %v\n%s\n(install the compiler with `make npm-fixtures`)", err, out)
	}
}
