package pagehref

import "testing"

func TestGetAndBaseReturnWhatSetRecorded(t *testing.T) {
	if _, ok := Get(); ok {
		t.Fatal("Get before any Set must report no location")
	}
	if _, ok := Base(); ok {
		t.Fatal("Base before any Set must report no base URL")
	}
	Set("https://app.example.com/a", "https://app.example.com/static/")
	Set("https://app.example.com/b", "")
	if href, ok := Get(); !ok || href != "https://app.example.com/b" {
		t.Fatalf("Get() = %q, %v; want the last location set", href, ok)
	}
	if base, ok := Base(); !ok || base != "https://app.example.com/b" {
		t.Fatalf("Base() = %q, %v; want the location, as no base URL was set with it", base, ok)
	}
	Set("https://app.example.com/c", "https://app.example.com/app/")
	if base, _ := Base(); base != "https://app.example.com/app/" {
		t.Fatalf("Base() = %q; want the base URL set last", base)
	}
}
