package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHelpDocumentsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 0, run([]string{"-h"}, &out))
	for _, flag := range []string{"-page-addr", "-api-addr"} {
		require.Contains(t, out.String(), flag)
	}
}

func TestBadFlagsExitWithStatus2(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 2, run([]string{"-no-such-flag"}, &out))
	require.Contains(t, out.String(), "flag provided but not defined: -no-such-flag")

	out.Reset()
	require.Equal(t, 2, run([]string{"stray"}, &out))
	require.Contains(t, out.String(), `unexpected argument "stray"`)
}

func TestUnusableAddressFailsWithTheFlagName(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 1, run([]string{"-page-addr", "no-port"}, &out))
	require.Contains(t, out.String(), `-page-addr "no-port": want host:port`)
}
