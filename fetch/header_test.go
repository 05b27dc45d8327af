package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCanonicalHeaderKey(t *testing.T) {
	for in, want := range map[string]string{
		"content-type": "Content-Type", "X-REQUESTED-WITH": "X-Requested-With", "x-xsrf-token": "X-Xsrf-Token",
		"Accept": "Accept", "etag": "Etag", "bad name": "bad name", "": "",
	} {
		require.Equal(t, want, CanonicalHeaderKey(in), in)
	}
}

func TestHeaderMethods(t *testing.T) {
	h := Header{}
	h.Set("content-type", "text/plain")
	h.Add("X-Multi", "a")
	h.Add("x-multi", "b")
	require.Equal(t, "text/plain", h.Get("Content-Type"))
	require.Equal(t, []string{"a", "b"}, h.Values("X-MULTI"))
	c := h.Clone()
	c.Add("X-Multi", "c")
	require.Len(t, h.Values("X-Multi"), 2, "a clone is deep")
	h.Del("CONTENT-TYPE")
	require.Equal(t, "", h.Get("Content-Type"))
	require.Nil(t, Header(nil).Clone())
}

func TestNormalizeMethod(t *testing.T) {
	for in, want := range map[string]string{"": "GET", "get": "GET", "Post": "POST", "patch": "PATCH", "PROPFIND": "PROPFIND", "purge": "purge"} {
		got, err := normalizeMethod(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"connect", "TRACE", "track", "GET ", "G\x00T"} {
		_, err := normalizeMethod(in)
		require.Error(t, err, in)
	}
}

func TestCheckHeaderRefusesValuesBrowsersCannotSend(t *testing.T) {
	for _, v := range []string{"plain", "héllo", "ÿ at the top of Latin-1", "tab\tinside", ""} {
		require.NoError(t, checkHeader("X-Ok", []string{v}), v)
	}
	for v, want := range map[string]string{
		"héllo ☃":   `header X-Name value "héllo ☃" holds '☃', which is not Latin-1`,
		"emoji 😀":   "holds '😀', which is not Latin-1",
		"bad \xe9":  "holds '\uFFFD', which is not Latin-1", // invalid UTF-8 reaches the browser as U+FFFD
		"a\r\nb: c": "holds a NUL, CR or LF",
		"nul\x00":   "holds a NUL, CR or LF",
	} {
		err := checkHeader("X-Name", []string{v})
		require.Error(t, err, v)
		require.Contains(t, err.Error(), want, v)
		require.Contains(t, err.Error(), "X-Name", "the error names the header")
	}
}

func TestPrepareRefusesANonLatin1HeaderAsInvalid(t *testing.T) {
	p := newTestPolicy(t, Settings{})
	_, err := p.Prepare(&Request{URL: "https://api.example.com/", Header: Header{"X-Greeting": {"héllo ☃"}}, Page: doc})
	e, ok := AsError(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, "invalid", e.Code())
	require.Contains(t, e.Error(), "header X-Greeting value")
	require.Contains(t, e.Error(), "percent-encode")

	_, err = NewPolicy(Settings{Headers: Header{"X-Greeting": {"☃"}}})
	require.ErrorContains(t, err, "Settings.Headers: header X-Greeting value")
}
