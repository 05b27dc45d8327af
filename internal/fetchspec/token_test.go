package fetchspec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTokenCharsAreRFC9110(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte(TokenSymbols, b) >= 0
		assert.Equal(t, want, IsTokenChar(b), "byte %#x", c)
	}
	assert.Len(t, TokenSymbols, 15)
}

func TestIsToken(t *testing.T) {
	for _, s := range []string{"a", "GET", "patch", "Content-Type", "x-requested-with", "PROPFIND", "!#$%&'*+-.^_`|~", "0", "M-SEARCH"} {
		assert.True(t, IsToken(s), "%q", s)
	}
	for _, s := range []string{"", " ", "GET ", " GET", "a b", "a,b", "a;b", `"x"`, "x-ä", "G\x00T", "a\tb", "(x)", "a/b", "a:b", "a=b", "@", "[x]", "{x}", "a\\b", "\x7f", "a?b", "a<b>"} {
		assert.False(t, IsToken(s), "%q", s)
	}
}
