package jsutil

import "github.com/hack-pad/safejs"

// bodyClasses are the JavaScript classes a body may be an instance of.
var bodyClasses = [...]string{"ArrayBuffer", "Blob", "FormData", "URLSearchParams", "ReadableStream"}

// IsBody reports whether v is a body fetch() accepts: a string, an
// ArrayBuffer or a view of one (Uint8Array, DataView, ...), a Blob, FormData,
// URLSearchParams or ReadableStream.
func IsBody(v safejs.Value) bool {
	switch v.Type() {
	case safejs.TypeString:
		return true
	case safejs.TypeObject:
	default:
		return false
	}
	if ab, err := Global("ArrayBuffer"); err == nil {
		if view, err := ab.Call("isView", v); err == nil {
			if yes, _ := view.Truthy(); yes {
				return true
			}
		}
	}
	for _, class := range bodyClasses {
		if InstanceOf(v, class) {
			return true
		}
	}
	return false
}
