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
