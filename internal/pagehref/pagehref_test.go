package pagehref

import "testing"

func TestGetReturnsWhatSetRecorded(t *testing.T) {
	if _, ok := Get(); ok {
		t.Fatal("Get before any Set must report no location")
	}
	Set("https://app.example.com/a")
	Set("https://app.example.com/b")
	if href, ok := Get(); !ok || href != "https://app.example.com/b" {
		t.Fatalf("Get() = %q, %v; want the last location set", href, ok)
	}
}
