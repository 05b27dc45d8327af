package main

import (
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

func TestRegisterCreatesGlobalWithVersion(t *testing.T) {
	require.NoError(t, safejs.Global().Delete("credfetch"))

	api, err := register(newTestAPI(t))
	require.NoError(t, err)

	global, err := safejs.Global().Get("credfetch")
	require.NoError(t, err)
	require.True(t, global.Equal(api), "globalThis.credfetch is the registered API")
	require.Equal(t, fetch.Version, stringProp(t, global, "version"))
}

func TestRegisterKeepsTheLoadersObject(t *testing.T) {
	existing := jsutil.NewObject()
	require.NoError(t, existing.Set("ready", "kept"))
	require.NoError(t, safejs.Global().Set("credfetch", existing))

	api, err := register(newTestAPI(t))
	require.NoError(t, err)

	require.True(t, api.Equal(existing), "register reuses the object the loader made")
	require.Equal(t, "kept", stringProp(t, api, "ready"))
	require.Equal(t, fetch.Version, stringProp(t, api, "version"))
}

func TestRegisterReplacesANonObjectGlobal(t *testing.T) {
	require.NoError(t, safejs.Global().Set("credfetch", 42))

	api, err := register(newTestAPI(t))
	require.NoError(t, err)
	require.Equal(t, safejs.TypeObject, api.Type())
	require.Equal(t, fetch.Version, stringProp(t, api, "version"))
}

func TestSignalReadyCallsTheHookWithTheAPI(t *testing.T) {
	api, err := register(newTestAPI(t))
	require.NoError(t, err)

	var got safejs.Value
	calls := 0
	hook, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		calls++
		if len(args) > 0 {
			got = args[0]
		}
		return nil
	})
	require.NoError(t, err)
	defer hook.Release()
	require.NoError(t, safejs.Global().Set("__credfetchTestReady", hook.Value()))
	defer func() { _ = safejs.Global().Delete("__credfetchTestReady") }()

	require.NoError(t, signalReady(api, "__credfetchTestReady"))
	require.Equal(t, 1, calls)
	require.True(t, got.Equal(api))
}

func TestSignalReadyWithoutHookDoesNothing(t *testing.T) {
	require.NoError(t, signalReady(safejs.Undefined(), ""))
}

func TestSignalReadyRejectsAMissingHook(t *testing.T) {
	err := signalReady(safejs.Undefined(), "__credfetchNoSuchHook")
	require.ErrorContains(t, err, "globalThis.__credfetchNoSuchHook is undefined, not a function")
}

func newTestAPI(t *testing.T) *api {
	t.Helper()
	a, err := newAPI()
	require.NoError(t, err)
	return a
}

func stringProp(t *testing.T, v safejs.Value, name string) string {
	t.Helper()
	p, err := v.Get(name)
	require.NoError(t, err)
	s, err := p.String()
	require.NoError(t, err)
	return s
}
