package fetchspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEqualFoldLower(t *testing.T) {
	cases := []struct {
		s, lower string
		want     bool
	}{
		{"content-type", "content-type", true},
		{"Content-Type", "content-type", true},
		{"CONTENT-TYPE", "content-type", true},
		{"", "", true},
		{"content-typ", "content-type", false},
		{"content-types", "content-type", false},
		{"\u212a", "k", false}, // the Kelvin sign is not ASCII "k", though strings.EqualFold says so
		{"tra\u212a", "track", false},
		{"x-a", "x-b", false},
		{"@", "`", false}, // '@' + 0x20 is '`': only letters fold
		{"[", "{", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, EqualFoldLower(c.s, c.lower), "%q %q", c.s, c.lower)
	}
	assert.True(t, hasPrefixFoldLower("Sec-Fetch-Mode", "sec-"))
	assert.True(t, hasPrefixFoldLower("sec-", "sec-"))
	assert.False(t, hasPrefixFoldLower("sec", "sec-"))
	assert.False(t, hasPrefixFoldLower("xsec-", "sec-"))
}

func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "content-type": "content-type", "Content-Type": "content-type",
		"X-ÄB": "x-Äb", "HTTPS": "https", "@[`{": "@[`{",
	} {
		assert.Equal(t, want, LowerASCII(in), "%q", in)
	}
}

func TestUpperASCII(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "PATCH": "PATCH", "patch": "PATCH", "Patch": "PATCH",
		"x-äb": "X-äB", "@[`{": "@[`{", "m-search": "M-SEARCH",
	} {
		assert.Equal(t, want, UpperASCII(in), "%q", in)
	}
}
