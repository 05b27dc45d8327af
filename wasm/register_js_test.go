package main

import (
	"strings"
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/credfetch/credfetch/wasm/internal/jsapi"
	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"
)

func newAPI(t *testing.T) *jsapi.API {
	t.Helper()
	a, err := jsapi.New(nil)
	require.NoError(t, err)
	return a
}

// callString calls obj[name](arg) from Go as JavaScript would and returns
// the string it answers.
func callString(t *testing.T, obj safejs.Value, name string, arg any) string {
	t.Helper()
	v, err := obj.Call(name, arg)
	require.NoError(t, err)
	require.Equal(t, safejs.TypeString, v.Type(), "%s answers a string", name)
	s, err := v.String()
	require.NoError(t, err)
	return s
}

func TestCoreAnswersTheProtocolFromJavaScript(t *testing.T) {
	obj, err := core(newAPI(t))
	require.NoError(t, err)
	version, err := obj.Get("version")
	require.NoError(t, err)
	s, _ := version.String()
	require.Equal(t, fetch.Version, s)

	reply := callString(t, obj, "prepare", strings.Join([]string{"prepare", "url", "https://api.example.com/x", "method", "put"}, jsapi.Sep))
	require.True(t, strings.HasPrefix(reply, "ok"+jsapi.Sep), reply)
	require.Contains(t, reply, jsapi.Sep+"method"+jsapi.Sep+"PUT")

	reply = callString(t, obj, "prepare", strings.Join([]string{"prepare", "url", "ftp://x.test/"}, jsapi.Sep))
	require.True(t, strings.HasPrefix(reply, "err"+jsapi.Sep), reply)
	require.Contains(t, reply, `scheme "ftp"`)

	require.Equal(t, "ok", callString(t, obj, "origins", "https://api.example.com"))
	require.Contains(t, callString(t, obj, "message", "network"+jsapi.Sep+"GET"+jsapi.Sep+"https://x.test/"), "network error")
	require.True(t, strings.HasPrefix(callString(t, obj, "setup", ""), "ok"))

	// A non-string argument reads as an empty message: an answer, never a
	// dead program.
	require.True(t, strings.HasPrefix(callString(t, obj, "prepare", 42), "err"+jsapi.Sep))

	diag, err := obj.Call("diagnostics")
	require.NoError(t, err)
	live, err := diag.Get("liveCallbacks")
	require.NoError(t, err)
	n, _ := live.Float()
	require.GreaterOrEqual(t, n, float64(6), "the five protocol functions and diagnostics stay registered")
}

func TestStringFuncTurnsAPanicIntoAnErrorReply(t *testing.T) {
	f, err := jsutil.NewMethod(stringFunc(func(string) string { panic("boom") }))
	require.NoError(t, err)
	defer f.Release()
	v, err := f.Value().Invoke("x")
	require.NoError(t, err)
	s, _ := v.String()
	require.Equal(t, "err"+jsapi.Sep+"credfetch: internal error: boom (please report it)", s)
}

func TestRegisterCallsTheReadyHookWithTheCore(t *testing.T) {
	var got safejs.Value
	hook, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		got = args[0]
		return nil
	})
	require.NoError(t, err)
	defer hook.Release()
	require.NoError(t, safejs.Global().Set("__credfetchTestHook", hook.Value()))
	defer func() { _ = safejs.Global().Delete("__credfetchTestHook") }()

	require.NoError(t, register(newAPI(t), "__credfetchTestHook"))
	prepare, err := got.Get("prepare")
	require.NoError(t, err)
	require.Equal(t, safejs.TypeFunction, prepare.Type())

	require.NoError(t, register(newAPI(t), ""), "no hook: nothing to call")

	require.NoError(t, safejs.Global().Set("__credfetchNotAHook", 5))
	err = register(newAPI(t), "__credfetchNotAHook")
	require.ErrorContains(t, err, "is not a function: load credfetch.wasm through credfetch.js")
}
