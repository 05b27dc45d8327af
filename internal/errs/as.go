// Package errs finds an error of a given type in an error's chain, as
// errors.As does, without reflection: errors.As links internal/reflectlite,
// which a js/wasm module can do without.
package errs

// As returns the first error in err's chain (following Unwrap() error and
// Unwrap() []error, depth first) that has type T.
func As[T error](err error) (T, bool) {
	var zero T
	for err != nil {
		if t, ok := err.(T); ok {
			return t, true
		}
		switch e := err.(type) {
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				if t, ok := As[T](inner); ok {
					return t, true
				}
			}
			return zero, false
		default:
			return zero, false
		}
	}
	return zero, false
}
