package hooks

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestListKeepsOrderAndRemoves(t *testing.T) {
	var l List[func(int) error]
	require.Empty(t, l.Load())
	var got []string
	l.Add(func(int) error { got = append(got, "a"); return nil })
	remove := l.Add(func(int) error { got = append(got, "b"); return nil })
	l.Add(func(int) error { got = append(got, "c"); return nil })
	before := l.Load()
	remove()
	remove() // harmless
	for _, h := range l.Load() {
		require.NoError(t, Call(h.Fn, 0))
	}
	require.Equal(t, []string{"a", "c"}, got)
	require.Len(t, before, 3, "a loaded list does not change")
}

func TestCallTurnsAPanicIntoAnError(t *testing.T) {
	require.EqualError(t, Call(func(int) error { panic("bug") }, 1), "panicked: bug")
	require.EqualError(t, Call(func(int) error { return errors.New("no") }, 1), "no")
}
