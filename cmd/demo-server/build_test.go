package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credfetch/credfetch/assets"
	"github.com/stretchr/testify/require"
)

// builtEnv marks a test binary that ranWithBuild compiled with the build
// outputs embedded.
const builtEnv = "CREDFETCH_DEMO_SERVER_TEST_BUILT"

// ranWithBuild makes a test that runs the server through run (which serves
// the build outputs embedded from assets/dist at compile time) independent of
// `make build`. When this test binary embeds credfetch.wasm and wasm_exec.js
// it returns false, and the test goes on here. Otherwise it builds them as
// `make wasm` does, into a temporary folder (package wasm with GOOS=js
// GOARCH=wasm, and wasm_exec.js from $(go env GOROOT)/lib/wasm), compiles this
// package's tests with an -overlay that puts them in assets/dist, runs the
// calling test in that binary, fails if it fails, and returns true: the test
// has run, with every assertion, and the caller returns.
func ranWithBuild(t *testing.T) bool {
	t.Helper()
	if assets.CheckBuild(assets.FS(nil)) == nil {
		return false
	}
	if os.Getenv(builtEnv) != "" {
		t.Fatalf("the test binary was compiled to embed the build outputs, yet: %v", assets.CheckBuild(assets.FS(nil)))
	}
	goEnv := func(name string) string {
		out, err := exec.CommandContext(t.Context(), "go", "env", name).Output()
		require.NoError(t, err, "go env %s", name)
		return strings.TrimSpace(string(out))
	}
	root := filepath.Dir(goEnv("GOMOD"))
	dir := t.TempDir()
	runCmd := func(env []string, name string, args ...string) []byte {
		cmd := exec.CommandContext(t.Context(), name, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
		return out
	}

	wasm := filepath.Join(dir, assets.WasmFile)
	runCmd([]string{"GOOS=js", "GOARCH=wasm"}, "go", "build", "-trimpath", "-o", wasm, "github.com/credfetch/credfetch/wasm")
	wasmExec, err := os.ReadFile(filepath.Join(goEnv("GOROOT"), "lib", "wasm", assets.WasmExecFile))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, assets.WasmExecFile), wasmExec, 0o644))

	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {
		filepath.Join(root, "assets", "dist", assets.WasmFile):     wasm,
		filepath.Join(root, "assets", "dist", assets.WasmExecFile): filepath.Join(dir, assets.WasmExecFile),
	}})
	require.NoError(t, err)
	overlayFile := filepath.Join(dir, "overlay.json")
	require.NoError(t, os.WriteFile(overlayFile, overlay, 0o644))
	bin := filepath.Join(dir, "demo-server.test")
	runCmd(nil, "go", "test", "-c", "-overlay", overlayFile, "-o", bin, ".")

	out := runCmd([]string{builtEnv + "=1"}, bin, "-test.run", "^"+t.Name()+"$", "-test.count", "1", "-test.v")
	require.Contains(t, string(out), "--- PASS: "+t.Name(), "the test ran in the binary that embeds the build:\n%s", out)
	t.Logf("%s and %s were not built, so the test ran in a test binary that embeds them, built for it:\n%s", assets.WasmFile, assets.WasmExecFile, out)
	return true
}
