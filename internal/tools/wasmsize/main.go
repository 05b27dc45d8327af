// Command wasmsize shows where the bytes of a Go WebAssembly module go: it
// reads the module's code section and name section and sums the size of the
// function bodies by Go package (or lists the largest functions with -funcs).
// `go tool nm` does not read wasm files; this does the same job for them.
//
//	wasmsize assets/dist/credfetch.wasm
//	wasmsize -funcs 30 -match credfetch assets/dist/credfetch.wasm
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	funcs := flag.Int("funcs", 0, "list the `n` largest functions instead of packages")
	match := flag.String("match", "", "only count functions whose name contains this `text`")
	top := flag.Int("top", 25, "how many packages to list")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-funcs n] [-match text] [-top n] module.wasm")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	bodies, err := functionSizes(data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "wasmsize: %s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
	report(os.Stdout, bodies, *funcs, *match, *top, len(data))
}

// fn is one function body of the module.
type fn struct {
	name string
	size int
}

// report prints the sizes by package, or the largest functions.
func report(w io.Writer, bodies []fn, funcs int, match string, top, total int) {
	var kept []fn
	sum := 0
	for _, f := range bodies {
		if match == "" || strings.Contains(f.name, match) {
			kept = append(kept, f)
			sum += f.size
		}
	}
	fmt.Fprintf(w, "%d bytes in all; %d in %d function bodies shown\n", total, sum, len(kept))
	if funcs > 0 {
		sort.Slice(kept, func(i, j int) bool { return kept[i].size > kept[j].size })
		for _, f := range kept[:min(funcs, len(kept))] {
			fmt.Fprintf(w, "%8d  %s\n", f.size, f.name)
		}
		return
	}
	byPkg := map[string]int{}
	for _, f := range kept {
		byPkg[packageOf(f.name)] += f.size
	}
	names := make([]string, 0, len(byPkg))
	for p := range byPkg {
		names = append(names, p)
	}
	sort.Slice(names, func(i, j int) bool { return byPkg[names[i]] > byPkg[names[j]] })
	for _, p := range names[:min(top, len(names))] {
		fmt.Fprintf(w, "%8d  %s\n", byPkg[p], p)
	}
}

// packageOf returns the Go package of a symbol name as the wasm name section
// spells it: "fmt.Sprintf", or "github.com_x_y.(*T).M" (slashes become
// underscores there, so only a domain's dot is part of the package).
func packageOf(sym string) string {
	dot := strings.IndexByte(sym, '.')
	if dot < 0 {
		return sym
	}
	// A pointer receiver is spelt "__T_" there: it is not part of the package.
	if next := strings.IndexByte(sym[dot+1:], '.'); next > 0 && strings.Contains(sym[dot+1:dot+1+next], "_") &&
		!strings.HasPrefix(sym[dot+1:], "__") && !strings.Contains(sym[:dot], "_") {
		return sym[:dot+1+next]
	}
	return sym[:dot]
}

// functionSizes parses the module and returns each function body's size with
// its name from the name section.
func functionSizes(data []byte) ([]fn, error) {
	if len(data) < 8 || !bytes.Equal(data[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly module")
	}
	r := &reader{b: data[8:]}
	var imported int
	var sizes []int
	names := map[int]string{}
	for !r.done() {
		id := r.byte()
		n := r.uint()
		sec := &reader{b: r.take(n)}
		switch id {
		case 2: // imports
			for count := sec.uint(); count > 0; count-- {
				sec.take(sec.uint()) // module
				sec.take(sec.uint()) // name
				switch kind := sec.byte(); kind {
				case 0:
					sec.uint()
					imported++
				case 1:
					sec.byte()
					sec.limits()
				case 2:
					sec.limits()
				case 3:
					sec.byte()
					sec.byte()
				}
			}
		case 10: // code
			for count := sec.uint(); count > 0; count-- {
				size := sec.uint()
				sec.take(size)
				sizes = append(sizes, size)
			}
		case 0: // custom
			if name := string(sec.take(sec.uint())); name == "name" {
				for !sec.done() {
					sub := sec.byte()
					body := &reader{b: sec.take(sec.uint())}
					if sub != 1 {
						continue
					}
					for count := body.uint(); count > 0; count-- {
						idx := body.uint()
						names[idx] = string(body.take(body.uint()))
					}
				}
			}
		}
		if r.err != nil || sec.err != nil {
			return nil, errors.Join(r.err, sec.err)
		}
	}
	out := make([]fn, len(sizes))
	for i, s := range sizes {
		name := names[imported+i]
		if name == "" {
			name = fmt.Sprintf("func[%d]", imported+i)
		}
		out[i] = fn{name, s}
	}
	return out, nil
}

// reader reads the LEB128 and byte encodings of the wasm binary format.
type reader struct {
	b   []byte
	err error
}

func (r *reader) done() bool { return len(r.b) == 0 || r.err != nil }

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) uint() int {
	var v, shift int
	for {
		c := r.byte()
		v |= int(c&0x7f) << shift
		if c&0x80 == 0 || r.err != nil || shift > 35 {
			return v
		}
		shift += 7
	}
}

func (r *reader) take(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		r.b = nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) limits() {
	if r.byte()&1 == 1 {
		r.uint()
	}
	r.uint()
}
