package jsutil

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// OwnRequest marks the requests credfetch's transports send: the property is
// set on their XMLHttpRequest objects and in their fetch() init, so that
// credfetch.install()'s patches pass them to the browser unchanged instead
// of sending them through credfetch a second time.
const OwnRequest = "__credfetchOwn"

var (
	objectCtor = mustGlobal("Object")
	arrayCtor  = mustGlobal("Array")
)

func mustGlobal(name string) safejs.Value {
	v, err := safejs.Global().Get(name)
	if err != nil {
		return safejs.Undefined()
	}
	return v
}

// NewObject returns a new, empty JavaScript object.
func NewObject() safejs.Value {
	o, err := objectCtor.New()
	if err != nil {
		return safejs.Undefined()
	}
	return o
}

// IsObject reports whether v is a non-null object (arrays and class instances
// included) or a function.
func IsObject(v safejs.Value) bool {
	t := v.Type()
	return (t == safejs.TypeObject && !v.IsNull()) || t == safejs.TypeFunction
}

// IsArray reports whether v is a JavaScript array.
func IsArray(v safejs.Value) bool {
	ok, err := arrayCtor.Call("isArray", v)
	if err != nil {
		return false
	}
	b, _ := ok.Bool()
	return b
}

// InstanceOf reports whether v is an instance of the global class named
// ctor (false when there is no such global, as for XMLHttpRequest in Node).
func InstanceOf(v safejs.Value, ctor string) bool {
	if !IsObject(v) {
		return false
	}
	c, err := safejs.Global().Get(ctor)
	if err != nil || c.Type() != safejs.TypeFunction {
		return false
	}
	ok, err := v.InstanceOf(c)
	return err == nil && ok
}

// Keys returns the own enumerable string keys of the object o.
func Keys(o safejs.Value) ([]string, error) {
	keys, err := objectCtor.Call("keys", o)
	if err != nil {
		return nil, err
	}
	n, err := keys.Length()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, n)
	for i := range n {
		k, err := keys.Index(i)
		if err != nil {
			return nil, err
		}
		s, err := k.String()
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// TypeName describes v's type for an error message: "string", "number",
// "null", "array", "function", "object", ...
func TypeName(v safejs.Value) string {
	switch {
	case v.IsNull():
		return "null"
	case v.Type() == safejs.TypeObject && IsArray(v):
		return "array"
	}
	return v.Type().String()
}
