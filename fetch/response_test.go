package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestResponseJSONNamesTheResponse(t *testing.T) {
	r := NewResponse(200, "OK", "https://api.example.com/x", false, Header{"Content-Type": {"text/html"}}, []byte("<html>"), nil)
	var v any
	err := r.JSON(&v)
	require.ErrorContains(t, err, `decode the JSON body of https://api.example.com/x (Content-Type "text/html"): invalid character '<'`)
}
