// Package benchmarks compares the overhead of github.com/credfetch/credfetch/cors
// with github.com/rs/cors and github.com/jub0bs/cors on the same requests.
// It is a separate module so that the product module never requires a
// competitor. Run it from this directory:
//
//	go test -run='^$' -bench=. -benchmem ./... | go run ./cmd/benchtable
package benchmarks
