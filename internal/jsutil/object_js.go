package jsutil

import (
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// OwnRequest marks the requests credfetch's transports send: the property is
// set on their XMLHttpRequest objects and in their fetch() init, so that
// credfetch.install()'s patches (assets/credfetch.js, which sets it on its
// own requests too) pass them to the browser unchanged instead
// of sending them through credfetch a second time.
const OwnRequest = "__credfetchOwn"

var (
	objectCtor, _ = Global("Object")
	arrayCtor, _  = Global("Array")
)

// globals holds the functions Global found, so that each is looked up once:
// a lookup is a call into JavaScript, and a request makes about ten.
var globals struct {
	sync.Mutex
	found map[string]safejs.Value
}

// Global returns globalThis[name] when it is a function (a constructor, for
// the classes credfetch uses), or an error naming what is missing. It
// remembers what it found, except fetch and XMLHttpRequest, which pages and
// test doubles replace at any time.
func Global(name string) (safejs.Value, error) {
	globals.Lock()
	v, ok := globals.found[name]
	globals.Unlock()
	if ok {
		return v, nil
	}
	v, err := safejs.Global().Get(name)
	if err != nil || v.Type() != safejs.TypeFunction {
		return safejs.Undefined(), fmt.Errorf("globalThis.%s is missing in this JavaScript environment", name)
	}
	if name != "fetch" && name != "XMLHttpRequest" {
		globals.Lock()
		if globals.found == nil {
			globals.found = map[string]safejs.Value{}
		}
		globals.found[name] = v
		globals.Unlock()
	}
	return v, nil
}

// New calls new globalThis[class](args...).
func New(class string, args ...any) (safejs.Value, error) {
	c, err := Global(class)
	if err != nil {
		return safejs.Undefined(), err
	}
	return c.New(args...)
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

// IsSet reports whether v is neither undefined nor null.
func IsSet(v safejs.Value) bool { return !v.IsUndefined() && !v.IsNull() }

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
// class (false when there is no such global, as for XMLHttpRequest in Node).
func InstanceOf(v safejs.Value, class string) bool {
	if !IsObject(v) {
		return false
	}
	c, err := Global(class)
	if err != nil {
		return false
	}
	ok, err := v.InstanceOf(c)
	return err == nil && ok
}

// Prop returns the string property name of v, or "" when it has none.
func Prop(v safejs.Value, name string) string {
	if !IsObject(v) {
		return ""
	}
	p, err := v.Get(name)
	if err != nil || p.Type() != safejs.TypeString {
		return ""
	}
	s, _ := p.String()
	return s
}

// Truthy reports whether v.name is truthy; false when v has no such property.
func Truthy(v safejs.Value, name string) bool {
	if !IsObject(v) {
		return false
	}
	p, err := v.Get(name)
	if err != nil {
		return false
	}
	b, _ := p.Truthy()
	return b
}
