package fetchspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsSafelistedMethod(t *testing.T) {
	for _, m := range []string{"GET", "HEAD", "POST"} {
		assert.True(t, IsSafelistedMethod(m), m)
	}
	// Byte for byte: a page's "get" is safelisted only once normalized.
	for _, m := range []string{"get", "Post", "head", "PUT", "OPTIONS", "PATCH", "DELETE", "", "GET "} {
		assert.False(t, IsSafelistedMethod(m), m)
	}
	assert.True(t, IsSafelistedMethod(NormalizeMethod("get")))
}

func TestIsForbiddenMethod(t *testing.T) {
	for _, m := range []string{"CONNECT", "connect", "Connect", "TRACE", "trace", "TRACK", "tRaCk"} {
		assert.True(t, IsForbiddenMethod(m), m)
	}
	for _, m := range []string{"GET", "OPTIONS", "PATCH", "TRACES", "TRAC", "CONNECT ", "", "tra\u212a"} {
		assert.False(t, IsForbiddenMethod(m), m)
	}
}

func TestNormalizeMethod(t *testing.T) {
	for in, want := range map[string]string{
		"delete": "DELETE", "Delete": "DELETE", "DELETE": "DELETE",
		"get": "GET", "gEt": "GET", "head": "HEAD", "options": "OPTIONS",
		"post": "POST", "Post": "POST", "put": "PUT", "PUT": "PUT",
		// The standard leaves every other method as written, PATCH
		// included: browsers send "patch", and a preflight for it fails
		// against an Access-Control-Allow-Methods of "PATCH".
		"patch": "patch", "Patch": "Patch", "PATCH": "PATCH",
		"propfind": "propfind", "Custom": "Custom", "": "",
		"connect": "connect", "get ": "get ", "ge\u212at": "ge\u212at",
	} {
		assert.Equal(t, want, NormalizeMethod(in), "%q", in)
	}
}
