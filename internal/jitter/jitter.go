// Package jitter draws the random waits of retries: a splitmix64 generator,
// enough for spreading retries out and far smaller in a js/wasm module than
// math/rand.
package jitter

import (
	"math/bits"
	"sync/atomic"
	"time"
)

// state is the generator's state.
var state atomic.Uint64

func init() { state.Store(uint64(time.Now().UnixNano())) }

// N returns a uniform number in [0, n), or 0 when n <= 0. It is safe for
// concurrent use.
func N(n int64) int64 {
	if n <= 0 {
		return 0
	}
	z := state.Add(0x9e3779b97f4a7c15)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	hi, _ := bits.Mul64(z, uint64(n))
	return int64(hi)
}
