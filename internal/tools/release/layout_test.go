package main

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeRoot writes the inputs write reads: the real assets/npm templates and
// made-up sources and build outputs.
func fakeRoot(t *testing.T, withBuild bool) (root, goroot string) {
	t.Helper()
	root, goroot = t.TempDir(), t.TempDir()
	files := map[string]string{
		"assets/credfetch.js":        "export function load() {}\n",
		"assets/credfetch-global.js": "(function () {})();\n",
		"assets/credfetch.d.ts":      "export function load(): Promise<unknown>;\n",
		"LICENSE":                    "MIT\n",
	}
	if withBuild {
		files["assets/dist/credfetch.wasm"] = "\x00asm\x01\x00\x00\x00"
		files["assets/dist/wasm_exec.js"] = "globalThis.Go = class {};\n"
	}
	for _, name := range []string{"package.json", "README.md", "credfetch-global.d.ts", "wasm_exec.d.ts"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "npm", name))
		require.NoError(t, err)
		files["assets/npm/"+name] = string(data)
	}
	for name, data := range files {
		path := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(goroot, "LICENSE"), []byte("Go's license\n"), 0o644))
	return root, goroot
}

func TestWriteLaysOutTheNpmPackageAndThePlainFolder(t *testing.T) {
	root, goroot := fakeRoot(t, true)
	out := t.TempDir()
	npm, plain, err := layout{root: root, goroot: goroot, out: out, version: "1.2.3-rc.1"}.write()
	require.NoError(t, err)
	require.Equal(t, filepath.Join(out, "npm"), npm)
	require.Equal(t, filepath.Join(out, "credfetch-1.2.3-rc.1"), plain)

	var pkg struct {
		Name    string   `json:"name"`
		Version string   `json:"version"`
		Files   []string `json:"files"`
	}
	data, err := os.ReadFile(filepath.Join(npm, "package.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &pkg))
	require.Equal(t, "credfetch", pkg.Name)
	require.Equal(t, "1.2.3-rc.1", pkg.Version)
	for _, name := range pkg.Files {
		_, err := os.Stat(filepath.Join(npm, name))
		require.NoError(t, err, "package.json lists %s, which the folder must hold", name)
	}
	goLicense, err := os.ReadFile(filepath.Join(npm, "GO-LICENSE"))
	require.NoError(t, err)
	require.Contains(t, string(goLicense), "Go's license")

	var sri map[string]string
	data, err = os.ReadFile(filepath.Join(plain, "integrity.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &sri))
	require.Len(t, sri, 4, "the four files a page loads")
	for name, value := range sri {
		body, err := os.ReadFile(filepath.Join(plain, name))
		require.NoError(t, err)
		sum := sha512.Sum384(body)
		require.Equal(t, "sha384-"+base64.StdEncoding.EncodeToString(sum[:]), value, name)
	}
	_, err = os.Stat(filepath.Join(plain, "package.json"))
	require.ErrorIs(t, err, os.ErrNotExist, "the plain folder is not an npm package")
}

func TestWriteRefusesWhatNpmWouldNot(t *testing.T) {
	root, goroot := fakeRoot(t, true)
	_, _, err := layout{root: root, goroot: goroot, out: t.TempDir(), version: "1.2"}.write()
	require.ErrorContains(t, err, `the version "1.2" is not a SemVer version`)
}

func TestWriteSaysHowToBuildWhatIsMissing(t *testing.T) {
	root, goroot := fakeRoot(t, false)
	_, _, err := layout{root: root, goroot: goroot, out: t.TempDir()}.write()
	require.ErrorContains(t, err, "assets/dist/credfetch.wasm is missing: run `make build` first")
}
