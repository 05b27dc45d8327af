package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const page = "https://app.example.com/dashboard/index.html"

// doc is the page at page, with no <base> element and no cookies.
var doc = Page{Location: page}

// newTestPolicy returns a policy with settings s.
func newTestPolicy(t *testing.T, s Settings) *Policy {
	t.Helper()
	p, err := NewPolicy(s)
	require.NoError(t, err)
	return p
}
