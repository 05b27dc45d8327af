package jitter

import "testing"

func TestNStaysInRangeAndSpreads(t *testing.T) {
	seen := map[int64]int{}
	for range 10000 {
		v := N(10)
		if v < 0 || v >= 10 {
			t.Fatalf("N(10) = %d, want 0 to 9", v)
		}
		seen[v]++
	}
	for v := range int64(10) {
		if seen[v] < 800 || seen[v] > 1200 {
			t.Errorf("N(10) gave %d %d times in 10000, want about 1000", v, seen[v])
		}
	}
	if N(0) != 0 || N(-5) != 0 {
		t.Error("N(n) for n <= 0 must be 0")
	}
}
