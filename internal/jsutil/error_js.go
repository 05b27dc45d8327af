package jsutil

import (
	"fmt"
	"github.com/credfetch/credfetch/internal/errs"

	"github.com/hack-pad/safejs"
)

// Error is a JavaScript exception or rejection reason seen from Go.
type Error struct {
	// Value is the thrown or rejected JavaScript value.
	Value safejs.Value
	msg   string
}

// NewError wraps a thrown or rejected JavaScript value.
func NewError(v safejs.Value) *Error {
	return &Error{Value: v, msg: Describe(v)}
}

// Error returns "Name: message" for an Error object (with its cause's message
// in parentheses, as Node's fetch adds one), else a description of the value.
func (e *Error) Error() string { return e.msg }

// Describe returns a short text for a JavaScript value: "TypeError: Failed to
// fetch" for an Error, the string itself for a string, else its String(). It
// reads the value as one page code made (see Get): whatever was thrown or
// rejected may be a Proxy, have throwing getters, or be a BigInt.
func Describe(v safejs.Value) string {
	if IsBigInt(v) {
		s, _ := ToString(v)
		return s + "n"
	}
	switch v.Type() {
	case safejs.TypeString:
		s, _ := v.String()
		return s
	case safejs.TypeUndefined:
		return "undefined"
	case safejs.TypeObject:
		if v.IsNull() {
			return "null"
		}
		msg := pageProp(v, "message")
		if name := pageProp(v, "name"); name != "" {
			if msg == "" {
				msg = name
			} else {
				msg = name + ": " + msg
			}
		}
		if cause, err := Get(v, "cause"); err == nil && !IsBigInt(cause) && cause.Type() == safejs.TypeObject && !cause.IsNull() {
			if c := pageProp(cause, "message"); c != "" {
				msg += " (" + c + ")"
			}
		}
		if msg != "" {
			return msg
		}
	}
	s, err := ToString(v)
	if err != nil {
		return v.Type().String()
	}
	return s
}

// pageProp is Prop for values page code made: the string property name of
// v, or "" when it has none or reading it throws.
func pageProp(v safejs.Value, name string) string {
	p, err := Get(v, name)
	if err != nil || IsBigInt(p) || p.Type() != safejs.TypeString {
		return ""
	}
	s, _ := p.String()
	return s
}

// AsError finds the first *Error in err's chain without reflection (errors.As
// would link internal/reflectlite into the module).
func AsError(err error) (*Error, bool) { return errs.As[*Error](err) }

// RecoverTo turns a panic of the calling function into *err, so that none
// escapes into JavaScript. Use it as `defer jsutil.RecoverTo(&err)`.
func RecoverTo(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("credfetch: internal error: %v (please report it)", p)
	}
}
