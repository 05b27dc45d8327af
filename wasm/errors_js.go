package main

import (
	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// Error names and codes of the JS API. A page tells failures apart by
// error.code ("timeout", "abort", "network", "http", "invalid"); error.name
// follows the platform's habits: fetch() rejects bad input and network
// failures with a TypeError, so those are TypeError instances.
var errorNames = map[string]string{
	"timeout": "TimeoutError",
	"abort":   "AbortError",
	"network": "NetworkError",
	"http":    "HTTPError",
	"invalid": "TypeError",
}

// jsError makes the JavaScript Error for err: a TypeError for invalid
// requests and network failures, an Error otherwise, with name, code, the
// response when there was one (as result(resp) builds it), and the
// JavaScript cause when a page callback threw.
func jsError(err error, response safejs.Value) safejs.Value {
	code := "invalid"
	if fe, ok := fetch.AsError(err); ok {
		code = fe.Code()
	}
	class := "Error"
	if code == "invalid" || code == "network" {
		class = "TypeError"
	}
	ctor, _ := safejs.Global().Get(class)
	e, cerr := ctor.New(err.Error())
	if cerr != nil {
		return safejs.Undefined()
	}
	_ = e.Set("name", errorNames[code])
	_ = e.Set("code", code)
	if !response.IsUndefined() {
		_ = e.Set("response", response)
	}
	if je, ok := jsutil.AsError(err); ok {
		_ = e.Set("cause", je.Value)
	}
	return e
}

// invalidError is an ErrInvalid *fetch.Error for a bad argument.
func invalidError(err error) error {
	return &fetch.Error{Kind: fetch.ErrInvalid, Err: err}
}

// throwKey marks a value the loader's wrapper throws instead of returning: a
// Go callback cannot throw into JavaScript, so it returns {[throwKey]: error}.
const throwKey = "__credfetchThrow"

// throw returns the marker object that makes the loader throw e.
func throw(err error) any {
	o := jsutil.NewObject()
	_ = o.Set(throwKey, jsError(err, safejs.Undefined()))
	return o
}
