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

func TestCORSErrorNamesWhatToCheck(t *testing.T) {
	e := &Error{Kind: ErrCORS, Method: "PUT", URL: "https://api.example.com/x", Err: errors.New("Failed to fetch")}
	require.Equal(t, "cors", e.Code())
	require.ErrorIs(t, e, ErrCORS)
	require.NotErrorIs(t, e, ErrNetwork)
	msg := e.Error()
	require.Contains(t, msg, "credfetch: PUT https://api.example.com/x: the browser refused the response under CORS (Failed to fetch)")
	for _, want := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "credentials mode", "DevTools", "credfetch-doctor"} {
		require.Contains(t, msg, want)
	}
	require.NotContains(t, msg, "server may be down", "a CORS refusal is not the network hint")
}

func TestErrorCodesAreDistinct(t *testing.T) {
	seen := map[string]error{}
	for _, k := range []error{ErrTimeout, ErrAborted, ErrNetwork, ErrCORS, ErrStatus, ErrInvalid} {
		code := (&Error{Kind: k}).Code()
		require.NotContains(t, seen, code, "kinds %v and %v share a code", seen[code], k)
		seen[code] = k
	}
}
