package jsapi

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite "+JSConstantsFile+" from JSConstants")

// TestGeneratedJSIsCurrent fails when the JavaScript half's copy of the Go
// half's constants differs from what the Go half says: run
// `go generate ./wasm/internal/jsapi` to rewrite it.
func TestGeneratedJSIsCurrent(t *testing.T) {
	path := filepath.Join("..", "..", "..", filepath.FromSlash(JSConstantsFile))
	want := JSConstants()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
	}
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, want, string(got), "%s is stale: run `go generate ./wasm/internal/jsapi`", JSConstantsFile)
}

func TestJSStringEscapesWhatJavaScriptWould(t *testing.T) {
	require.Equal(t, `'\x00\x01\x02'`, jsString("\x00\x01\x02"))
	require.Equal(t, `'it\'s \\ ok'`, jsString(`it's \ ok`))
	require.Equal(t, `['a', 'b']`, jsList([]string{"a", "b"}))
}
