package jsutil

import (
	"errors"
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// Reading values that page code hands in. syscall/js reads a property, an
// index or a length, and turns a value into a string, without catching
// JavaScript exceptions, and safejs cannot catch them either: a getter, a
// Proxy trap or a toString that throws unwinds through the Go frames of the
// call, which never finish (their deferred calls never run, a mutex they
// hold stays locked), and the Go program dies soon after ("fatal error: all
// goroutines are asleep - deadlock!"). These helpers make the same reads
// through Reflect.get and String(), called the way syscall/js calls
// functions, which turns an exception into an error. Use them on every value
// page code hands in: settings objects, arrays, header lists, signals,
// thrown values.

var (
	reflectObj, _ = safejs.Global().Get("Reflect")
	reflectGet, _ = reflectObj.Get("get")
	stringCtor, _ = Global("String")
)

// Get returns v[key] for a string or number key; reading a property of
// something that is not an object, or one whose reading throws, is an error.
func Get(v safejs.Value, key any) (safejs.Value, error) {
	if IsBigInt(v) || !IsObject(v) {
		return safejs.Undefined(), errors.New("not an object")
	}
	r, err := reflectGet.Invoke(v, key)
	return r, CallError(err)
}

// Length returns v.length as an int; a length that is not a number, or
// whose reading throws, is an error.
func Length(v safejs.Value) (int, error) {
	n, err := Get(v, "length")
	if err != nil {
		return 0, err
	}
	return n.Int()
}

// ToString returns String(v), or an error when that throws (a toString or
// Symbol.toPrimitive method can).
func ToString(v safejs.Value) (string, error) {
	if !IsBigInt(v) && v.Type() == safejs.TypeString {
		return v.String()
	}
	s, err := stringCtor.Invoke(v)
	if err != nil {
		return "", CallError(err)
	}
	return s.String()
}

// IsBigInt reports whether v is a BigInt, the one kind of value syscall/js
// cannot classify: Value.Type panics for it ("bad type flag"), as does
// everything that calls Type.
func IsBigInt(v safejs.Value) (is bool) {
	defer func() {
		if recover() != nil {
			is = true
		}
	}()
	v.Type()
	return false
}

// CallError turns the error of a safejs call into an *Error holding what
// JavaScript threw, whose message is made at once and safely. The errors of
// safejs itself make theirs later by reading the thrown value's message with
// syscall/js, which panics when the value is not an object (a thrown string)
// and dies when its message getter throws. Other errors are returned as
// they are.
func CallError(err error) error {
	for e := err; e != nil; {
		if je, ok := e.(js.Error); ok {
			return NewError(safejs.Safe(je.Value))
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
	return err
}
