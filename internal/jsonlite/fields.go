package jsonlite

import (
	"reflect"
	"strings"
	"sync"
)

// jsonField is a struct field as JSON names it, with its index path.
type jsonField struct {
	name  string
	index []int
}

// jsonFieldSet is the cached fields of one struct type, by name and in order.
type jsonFieldSet struct {
	byName map[string]jsonField
	list   []jsonField
}

// The cache starts empty (nil), so that the package has no initialization to
// run: a program that imports it without decoding (through fetch.Response)
// links none of it.
var (
	jsonFieldMu    sync.Mutex
	jsonFieldCache map[reflect.Type]jsonFieldSet
)

// cachedJSONFields returns the fields of struct type t by name, and in order.
func cachedJSONFields(t reflect.Type) (map[string]jsonField, []jsonField) {
	jsonFieldMu.Lock()
	defer jsonFieldMu.Unlock()
	set, ok := jsonFieldCache[t]
	if !ok {
		list := jsonFields(t)
		set = jsonFieldSet{byName: make(map[string]jsonField, len(list)), list: list}
		for _, f := range list {
			set.byName[f.name] = f
		}
		if jsonFieldCache == nil {
			jsonFieldCache = make(map[reflect.Type]jsonFieldSet)
		}
		jsonFieldCache[t] = set
	}
	return set.byName, set.list
}

// jsonFields lists the fields of struct type t that JSON fills, embedded
// structs' fields included, in struct order. As with encoding/json, a name at
// a shallower level hides deeper ones, and two at the same level hide each
// other unless exactly one is tagged.
func jsonFields(t reflect.Type) []jsonField {
	type candidate struct {
		jsonField
		tagged bool
	}
	type level struct {
		t     reflect.Type
		index []int
	}
	var out []jsonField
	seen := map[string]bool{}
	visited := map[reflect.Type]bool{}
	current := []level{{t: t}}
	for len(current) > 0 {
		var next []level
		found := map[string][]candidate{}
		var order []string
		for _, l := range current {
			if visited[l.t] {
				continue
			}
			visited[l.t] = true
			for i := 0; i < l.t.NumField(); i++ {
				f := l.t.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, _, _ := strings.Cut(tag, ",")
				index := append(append([]int(nil), l.index...), i)
				ft := f.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if f.Anonymous {
					if !f.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
					if name == "" && ft.Kind() == reflect.Struct {
						next = append(next, level{t: ft, index: index})
						continue
					}
				} else if !f.IsExported() {
					continue
				}
				tagged := name != ""
				if !tagged {
					name = f.Name
				}
				if seen[name] {
					continue
				}
				if found[name] == nil {
					order = append(order, name)
				}
				found[name] = append(found[name], candidate{jsonField{name, index}, tagged})
			}
		}
		for _, name := range order {
			cs := found[name]
			seen[name] = true
			if len(cs) == 1 {
				out = append(out, cs[0].jsonField)
				continue
			}
			var tagged []candidate
			for _, c := range cs {
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
			if len(tagged) == 1 {
				out = append(out, tagged[0].jsonField)
			}
		}
		current = next
	}
	// Case-insensitive matching picks the first field in struct order. An
	// insertion sort: few fields, and far smaller in wasm than package sort.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && indexBefore(out[j].index, out[j-1].index); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// indexBefore reports whether the field at index path a comes before b.
func indexBefore(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}
