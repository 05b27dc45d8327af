package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// module builds a wasm binary with one imported function, two function bodies
// and a name section naming all three.
func module() []byte {
	section := func(id byte, body []byte) []byte { return append([]byte{id, byte(len(body))}, body...) }
	name := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	var imports []byte
	imports = append(imports, 1)
	imports = append(imports, name("go")...)
	imports = append(imports, name("debug")...)
	imports = append(imports, 0, 0) // a function of type 0
	code := []byte{2, 3, 0, 0x01, 0x0b, 5, 0, 0x01, 0x01, 0x01, 0x0b}
	var names []byte
	names = append(names, 3)
	names = append(names, 0)
	names = append(names, name("runtime.debug")...)
	names = append(names, 1)
	names = append(names, name("fmt.Sprintf")...)
	names = append(names, 2)
	names = append(names, name("github.com_x_y.(*T).M")...)
	custom := append(name("name"), append([]byte{1, byte(len(names))}, names...)...)
	out := []byte("\x00asm\x01\x00\x00\x00")
	out = append(out, section(2, imports)...)
	out = append(out, section(10, code)...)
	out = append(out, section(0, custom)...)
	return out
}

func TestFunctionSizesNamesBodiesPastTheImports(t *testing.T) {
	fns, err := functionSizes(module())
	require.NoError(t, err)
	require.Equal(t, []fn{{"fmt.Sprintf", 3}, {"github.com_x_y.(*T).M", 5}}, fns)
}

func TestReportSumsByPackage(t *testing.T) {
	var out bytes.Buffer
	report(&out, []fn{{"fmt.Sprintf", 3}, {"fmt.(*pp).doPrint", 4}, {"github.com_x_y.(*T).M", 5}}, 0, "", 10, 100)
	require.Equal(t, "100 bytes in all; 12 in 3 function bodies shown\n       7  fmt\n       5  github.com_x_y\n", out.String())
}

func TestNotAModule(t *testing.T) {
	_, err := functionSizes([]byte("hello"))
	require.EqualError(t, err, "not a WebAssembly module")
	_, err = functionSizes([]byte("\x00asm\x01\x00\x00\x00\x0a\x09\x02"))
	require.Error(t, err, "a truncated section is an error, not a panic")
}

func TestPackageOf(t *testing.T) {
	for sym, want := range map[string]string{
		"fmt.Sprintf": "fmt", "runtime.gcStart": "runtime", "main.main": "main",
		"github.com_credfetch_credfetch_fetch.(*Client).Do": "github.com_credfetch_credfetch_fetch",
		"noDot": "noDot", "fmt.__pp_.printValue": "fmt", "main.__api_.ajax": "main",
		"github.com_credfetch_credfetch_fetch.__Client_.Do": "github.com_credfetch_credfetch_fetch",
	} {
		require.Equal(t, want, packageOf(sym), sym)
	}
}
