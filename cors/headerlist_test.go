package cors

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestScanRequestHeaders(t *testing.T) {
	var set headerSet
	var errs configErrors
	set.compile([]string{"Content-Type", "X-Requested-With", "x-a"}, &errs)
	assert.Empty(t, errs)
	cases := []struct {
		name  string
		lines []string
		want  listResult
		bad   string
	}{
		{"one name", []string{"content-type"}, listOK, ""},
		{"browser form", []string{"content-type,x-requested-with"}, listOK, ""},
		{"any case", []string{"Content-Type,X-REQUESTED-WITH"}, listOK, ""},
		{"optional whitespace", []string{" content-type ,\tx-a\t"}, listOK, ""},
		{"empty elements", []string{",,content-type,, ,x-a,"}, listOK, ""},
		{"repeated lines", []string{"content-type", "x-a"}, listOK, ""},
		{"repeated names", []string{"x-a,x-a,X-A"}, listOK, ""},
		{"empty value", []string{""}, listEmpty, ""},
		{"only separators", []string{" , ,\t,"}, listEmpty, ""},
		{"no lines", []string{}, listEmpty, ""},
		{"not allowed", []string{"content-type,x-b"}, listNotAllowed, "x-b"},
		{"prefix of allowed", []string{"content"}, listNotAllowed, "content"},
		{"longer than allowed", []string{"content-type-x"}, listNotAllowed, "content-type-x"},
		{"not allowed on later line", []string{"x-a", "x-b"}, listNotAllowed, "x-b"},
		{"space inside", []string{"x-a,content type"}, listInvalid, "content type"},
		{"semicolon", []string{"x-a;x-b"}, listInvalid, "x-a;x-b"},
		{"quoted", []string{`"x-a"`}, listInvalid, `"x-a"`},
		{"non-ASCII", []string{"x-ä"}, listInvalid, "x-ä"},
		{"NUL", []string{"x-a\x00"}, listInvalid, "x-a\x00"},
		{"too many lines", make([]string, MaxRequestHeadersLines+1), listTooLong, ""},
		{"limit exactly", []string{strings.Repeat(",", MaxRequestHeadersBytes-len("x-a")) + "x-a"}, listOK, ""},
		{"one byte over", []string{strings.Repeat(",", MaxRequestHeadersBytes-len("x-a")+1) + "x-a"}, listTooLong, ""},
		{"over the limit across lines", []string{strings.Repeat(",", MaxRequestHeadersBytes/2), strings.Repeat(",", MaxRequestHeadersBytes/2+1)}, listTooLong, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, bad := set.scan(c.lines)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.bad, bad)
		})
	}
}

func TestHeaderSetWithManyNames(t *testing.T) {
	names := []string{"X-A", "X-B", "X-C", "X-D", "X-E", "X-F", "X-G", "X-H", "X-I", "X-J", "X-" + strings.Repeat("L", 100)}
	var set headerSet
	var errs configErrors
	set.compile(names, &errs)
	assert.Empty(t, errs)
	assert.NotNil(t, set.index, "many names use a map")
	for _, n := range names {
		assert.True(t, set.allows(n), n)
		assert.True(t, set.allows(strings.ToLower(n)), n)
	}
	assert.False(t, set.allows("x-k"))
	assert.False(t, set.allows("X-"+strings.Repeat("L", 99)))
}

// TestHostileRequestHeaders checks that a 1 MB Access-Control-Request-Headers
// is refused in bounded time, without allocating, whatever it holds.
func TestHostileRequestHeaders(t *testing.T) {
	p := mustNew(t, Config{Origins: []string{"https://app.example.com"}, Methods: []string{"PUT"}, Headers: []string{"*"}})
	values := map[string]string{
		"allowed name repeated": strings.Repeat("content-type,", (1<<20)/13),
		"commas":                strings.Repeat(",", 1<<20),
		"spaces":                strings.Repeat(" ", 1<<20),
		"one huge name":         strings.Repeat("x", 1<<20),
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			r := preflight("https://app.example.com", "PUT", v)
			w := &discardWriter{h: http.Header{}}
			h := p.Wrap(http.NotFoundHandler())
			start := time.Now()
			allocs := testing.AllocsPerRun(100, func() {
				clear(w.h)
				h.ServeHTTP(w, r)
			})
			assert.Less(t, time.Since(start), time.Second, "100 hostile preflights")
			assert.Zero(t, allocs)
			assert.Equal(t, http.StatusForbidden, w.status)
			assert.Equal(t, ReasonRequestHeadersTooLong, p.Explain(r).Reason)
		})
	}
}
