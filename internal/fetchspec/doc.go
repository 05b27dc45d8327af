// Package fetchspec is the one home of the facts of the Fetch standard
// (https://fetch.spec.whatwg.org/) and of RFC 9110 (HTTP Semantics) that
// package cors, package fetch and the demo share: which bytes make an HTTP
// token, which methods and request headers browsers forbid to scripts, how
// they normalize a method, which methods, request headers and response
// headers are CORS-safelisted, and how a comma-separated header list splits
// into elements.
//
// Each function implements what the standard says and nothing more; a
// package that deliberately does more (package fetch upper-cases "patch",
// which the standard leaves as written) says so where it does it.
//
// The functions do not allocate, with the one exception that LowerASCII
// returns a new string when its input holds upper-case letters. The package
// imports only package strings, since package fetch is compiled to
// WebAssembly, where every linked byte is downloaded.
package fetchspec
