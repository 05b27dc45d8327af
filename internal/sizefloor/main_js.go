// Command sizefloor is the size floor credfetch.wasm is measured against: the
// smallest useful Go WebAssembly program that imports safejs and registers
// one function for JavaScript. `make size` builds both the same way and
// compares their gzip -9 sizes; the e2e startup benchmark loads it as the
// baseline page.
package main

import "github.com/hack-pad/safejs"

func main() {
	hello, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return "hello" })
	if err != nil {
		return
	}
	if err := safejs.Global().Set("sizefloor", hello.Value()); err != nil {
		return
	}
	select {}
}
