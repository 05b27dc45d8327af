package fetch

import (
	"testing"

	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

func TestIsPlatformBody(t *testing.T) {
	must := func(v safejs.Value, err error) safejs.Value {
		t.Helper()
		require.NoError(t, err)
		return v
	}
	jsNew := func(_ *testing.T, class string, args ...any) safejs.Value { return must(jsutil.New(class, args...)) }
	mustValueOf := func(_ *testing.T, v any) safejs.Value { return must(safejs.ValueOf(v)) }
	for _, tc := range []struct {
		name string
		v    any
		want bool
	}{
		{"JS string", mustValueOf(t, "x"), true},
		{"ArrayBuffer", jsNew(t, "ArrayBuffer", 4), true},
		{"Uint8Array", jsNew(t, "Uint8Array", 4), true},
		{"DataView", jsNew(t, "DataView", jsNew(t, "ArrayBuffer", 4)), true},
		{"Blob", jsNew(t, "Blob", []any{"x"}), true},
		{"FormData", jsNew(t, "FormData"), true},
		{"URLSearchParams", jsNew(t, "URLSearchParams", "a=1"), true},
		{"ReadableStream", jsNew(t, "ReadableStream"), true},
		{"JS number", mustValueOf(t, 1), false},
		{"JS object", jsNew(t, "Object"), false},
		{"JS null", safejs.Null(), false},
		{"Go string", "x", false},
		{"Go bytes", []byte("x"), false},
	} {
		require.Equal(t, tc.want, isPlatformBody(tc.v), tc.name)
	}
}
