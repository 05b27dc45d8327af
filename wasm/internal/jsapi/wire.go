package jsapi

import (
	"strconv"
	"strings"
	"time"
)

// The separators of the protocol: Sep between fields, Item between the parts
// of one field (a header's name and value, a retry policy's fields), List
// before each element of a list.
const (
	Sep  = "\x00"
	Item = "\x01"
	List = "\x02"
)

// headerKey prefixes the key of a header field: "h:Name" with the value.
const headerKey = "h:"

// reply builds a reply message.
type reply struct{ b strings.Builder }

func ok() *reply {
	r := &reply{}
	r.b.WriteString("ok")
	return r
}

// add appends the pair k, v.
func (r *reply) add(k, v string) *reply {
	r.b.WriteString(Sep)
	r.b.WriteString(k)
	r.b.WriteString(Sep)
	r.b.WriteString(v)
	return r
}

// addIf appends the pair unless v is empty.
func (r *reply) addIf(k, v string) *reply {
	if v != "" {
		r.add(k, v)
	}
	return r
}

func (r *reply) String() string { return r.b.String() }

// fail is the reply for an error the page sees as its message.
func fail(err error) string { return "err" + Sep + err.Error() }

// millis reads a duration in whole milliseconds, as the loader writes them
// (it rounds a fraction up). Whole numbers keep strconv's float parsing,
// some 8 KB of a gzipped module, out of it.
func millis(s string) (time.Duration, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > maxMillis {
		return 0, errMalformed("milliseconds", s)
	}
	return time.Duration(n) * time.Millisecond, nil
}

// maxMillis bounds durations: a day, as the loader checks.
const maxMillis = 24 * 3600 * 1000

// formatMillis writes d in whole milliseconds, rounded up.
func formatMillis(d time.Duration) string {
	return strconv.FormatInt(int64((d+time.Millisecond-1)/time.Millisecond), 10)
}

// list reads a list field: "n" for none (nil), else "l" and each element
// after List.
func list(s string) []string {
	if s == "" || s[0] != 'l' {
		return nil
	}
	return strings.Split(s, List)[1:]
}

// formatList writes a list field.
func formatList(xs []string) string {
	if xs == nil {
		return "n"
	}
	var b strings.Builder
	b.WriteString("l")
	for _, x := range xs {
		b.WriteString(List)
		b.WriteString(x)
	}
	return b.String()
}

// malformedError is a message the loader should never send.
type malformedError struct{ what, got string }

func errMalformed(what, got string) error { return malformedError{what, got} }

func (e malformedError) Error() string {
	return "credfetch: internal error: the loader sent " + strconv.Quote(e.got) + " for " + e.what +
		" (credfetch.js and credfetch.wasm must come from the same build)"
}

// The fields a message may have besides headers, and their keys.
const (
	fURL = iota
	fMethod
	fCredentials
	fMode
	fRedirect
	fCache
	fReferrerPolicy
	fTimeout
	fRetry
	fTransport
	fBody
	fBaseURL
	fTrustedOrigins
	fXSRFCookieName
	fXSRFHeaderName
	fPage
	fBase
	fNoCORSProbe
	numFields
)

var fieldKeys = [numFields]string{
	"url", "method", "credentials", "mode", "redirect", "cache", "referrerPolicy", "timeout", "retry",
	"transport", "body", "baseURL", "trustedOrigins", "xsrfCookieName", "xsrfHeaderName", "page",
	"base", "noCORSProbe",
}

// message is a decoded list of pairs: the value of each field present, and
// the headers in order.
type message struct {
	v       [numFields]string
	has     [numFields]bool
	headers [][2]string
}

// decode reads pairs; an odd last field is ignored.
func decode(fields []string) (*message, error) {
	m := &message{}
	for i := 0; i+1 < len(fields); i += 2 {
		k, v := fields[i], fields[i+1]
		if name, ok := strings.CutPrefix(k, headerKey); ok {
			m.headers = append(m.headers, [2]string{name, v})
			continue
		}
		j := 0
		for j < numFields && fieldKeys[j] != k {
			j++
		}
		if j == numFields {
			return nil, errMalformed("a field's name", k)
		}
		m.v[j], m.has[j] = v, true
	}
	return m, nil
}

// str sets *dst to field f when it is present.
func (m *message) str(f int, dst *string) {
	if m.has[f] {
		*dst = m.v[f]
	}
}
