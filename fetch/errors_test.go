package fetch

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAsErrorFindsTheErrorAnywhereInTheChain(t *testing.T) {
	inner := &Error{Kind: ErrTimeout}
	for _, err := range []error{
		inner,
		fmt.Errorf("wrapped: %w", inner),
		errors.Join(errors.New("other"), fmt.Errorf("deep: %w", inner)),
	} {
		got, ok := AsError(err)
		require.True(t, ok, err.Error())
		require.Same(t, inner, got)
	}
	_, ok := AsError(errors.New("plain"))
	require.False(t, ok)
	_, ok = AsError(nil)
	require.False(t, ok)
}
