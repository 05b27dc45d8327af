package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPrefiltersRunInOrderAndCanBeRemoved(t *testing.T) {
	c := newTestPolicy(t, Settings{})
	var order []string
	c.Prefilter(func(r *Request) error { order = append(order, "first:"+r.URL); r.Header.Set("X-Step", "1"); return nil })
	remove := c.Prefilter(func(r *Request) error { order = append(order, "second:"+r.Header.Get("X-Step")); return nil })

	_, err := c.Prepare(&Request{URL: "/a", Page: doc})
	require.NoError(t, err)
	require.Equal(t, []string{"first:https://app.example.com/a", "second:1"}, order)

	remove()
	remove() // harmless
	order = nil
	got, err := c.Prepare(&Request{URL: "/b", Page: doc})
	require.NoError(t, err)
	require.Equal(t, []string{"first:https://app.example.com/b"}, order)
	require.Equal(t, "1", got.Header.Get("X-Step"))
}
