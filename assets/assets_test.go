package assets

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestFSServesSourcesAndBuildOutputs(t *testing.T) {
	build := fstest.MapFS{
		WasmFile:     {Data: []byte("\x00asm")},
		WasmExecFile: {Data: []byte("// go")},
	}
	fsys := FS(build)

	for _, name := range []string{ModuleFile, GlobalFile, TypesFile, WasmFile, WasmExecFile} {
		_, err := fs.Stat(fsys, name)
		require.NoError(t, err, name)
	}
	wasm, err := fs.ReadFile(fsys, WasmFile)
	require.NoError(t, err)
	require.Equal(t, "\x00asm", string(wasm))
	require.NoError(t, CheckBuild(fsys))
}

func TestFSMissesWhatNobodyHas(t *testing.T) {
	_, err := fs.Stat(FS(fstest.MapFS{}), "nope.html")
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = fs.Stat(Overlay{}, "nope.html")
	require.ErrorIs(t, err, fs.ErrNotExist)
}

func TestCheckBuildNamesMissingOutputsAndTheFix(t *testing.T) {
	err := CheckBuild(FS(fstest.MapFS{WasmExecFile: {}}))
	require.EqualError(t, err, "credfetch.wasm not built: run `make build` (it compiles package wasm with GOOS=js GOARCH=wasm and copies wasm_exec.js from $(go env GOROOT)/lib/wasm into assets/dist)")

	err = CheckBuild(FS(fstest.MapFS{}))
	require.ErrorContains(t, err, "credfetch.wasm and wasm_exec.js not built")
}

func TestEmbeddedDistIsUsedByDefault(t *testing.T) {
	// assets/dist always holds its README, so the embedded folder is valid on
	// a fresh clone, before any build.
	_, err := fs.Stat(FS(nil), "README.md")
	require.NoError(t, err)
}
