package fetchspec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// elements cuts every element of s.
func elements(s string) []string {
	var out []string
	for elem, rest, ok := CutListElement(s); ok; elem, rest, ok = CutListElement(rest) {
		out = append(out, elem)
	}
	return out
}

func TestCutListElement(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{",", nil},
		{" , ,\t,", nil},
		{"content-type", []string{"content-type"}},
		{"content-type,x-requested-with", []string{"content-type", "x-requested-with"}},
		{" Content-Type ,\tX-A\t", []string{"Content-Type", "X-A"}},
		{",,a,, ,b,", []string{"a", "b"}},
		{"a b, c", []string{"a b", "c"}},             // inner whitespace is the element's
		{`"a,b", c`, []string{`"a`, `b"`, "c"}},      // quotes do not protect a comma
		{"a\r,b\v", []string{"a\r", "b\v"}},          // only SP and HTAB are OWS
		{"a\u00a0, b", []string{"a\u00a0", "b"}},     // no Unicode white space either
		{"gzip;q=0, br", []string{"gzip;q=0", "br"}}, // parameters stay in the element
	}
	for _, c := range cases {
		assert.Equal(t, c.want, elements(c.in), "%q", c.in)
	}
	elem, rest, ok := CutListElement(" a , b")
	assert.Equal(t, "a", elem)
	assert.Equal(t, " b", rest)
	assert.True(t, ok)
	elem, rest, ok = CutListElement(" ,, ")
	assert.Equal(t, "", elem)
	assert.Equal(t, "", rest)
	assert.False(t, ok)
}

// FuzzCutListElement compares CutListElement with a plain model: split on
// commas, trim spaces and tabs, drop empty elements.
func FuzzCutListElement(f *testing.F) {
	for _, s := range []string{"", ",", "a,b", " a ,\tb\t, ,", "a b,,c", "\x00,\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []string
		for _, e := range strings.Split(s, ",") {
			if e = strings.Trim(e, " \t"); e != "" {
				want = append(want, e)
			}
		}
		if got := elements(s); !assert.Equal(t, want, got, "%q", s) {
			t.FailNow()
		}
	})
}
