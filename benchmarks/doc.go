// Package benchmarks compares the overhead of github.com/credfetch/credfetch/cors
// with github.com/rs/cors and github.com/jub0bs/cors on the same requests.
// It is a separate module so that the product module never requires a
// competitor. Run it from this directory:
//
//	go test -run='^$' -bench=. ./... > /tmp/bench.txt && go run ./cmd/benchtable < /tmp/bench.txt
//
// BenchmarkCORS runs each contender on each case in the usual way and gives
// B/op and allocs/op; BenchmarkCompare interleaves the contenders in short
// bursts and keeps each one's fastest burst, which gives ns/op figures that
// hold still on a shared machine. cmd/benchtable turns both into one table.
package benchmarks
