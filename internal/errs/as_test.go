package errs

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprint("code ", e.code) }

func TestAsFindsTheFirstOfItsTypeAnywhereInTheChain(t *testing.T) {
	first, second := &codeError{1}, &codeError{2}
	for _, err := range []error{
		first,
		fmt.Errorf("wrapped: %w", first),
		errors.Join(errors.New("other"), fmt.Errorf("deep: %w", first), second),
		fmt.Errorf("both: %w and %w", first, second),
	} {
		got, ok := As[*codeError](err)
		require.True(t, ok, err.Error())
		require.Same(t, first, got, err.Error())
	}
	_, ok := As[*codeError](errors.New("plain"))
	require.False(t, ok)
	_, ok = As[*codeError](nil)
	require.False(t, ok)
	_, ok = As[*codeError](errors.Join(errors.New("a"), errors.New("b")))
	require.False(t, ok)
}
