package main

import (
	"bytes"
	"testing"

	"github.com/credfetch/credfetch/internal/doctor"
	"github.com/stretchr/testify/require"
)

func TestFlagsMakeOneCasePerURLModeAndTransport(t *testing.T) {
	opts, err := parseFlags([]string{"-from", "https://app.example.com", "-method", "put", "-H", "Authorization: Bearer x", "-H", "X-A:1",
		"-credentials", "all", "-transport", "both", "-cookie", "sid=abc", "-login", `POST https://api.example.com/login {"user": "ada"}`,
		"-allow-local-network", "-json", "https://api.example.com/a", "https://api.example.com/b"}, &bytes.Buffer{})
	require.NoError(t, err)
	require.True(t, opts.json)
	require.Len(t, opts.cases, 2*3*2)
	c := opts.cases[0]
	require.Equal(t, "https://app.example.com", c.From)
	require.Equal(t, "https://api.example.com/a", c.URL)
	require.Equal(t, "PUT", c.Method)
	require.Equal(t, []doctor.Header{{Name: "Authorization", Value: "Bearer x"}, {Name: "X-A", Value: "1"}}, c.Headers)
	require.Equal(t, []doctor.Header{{Name: "sid", Value: "abc"}}, c.Cookies)
	require.Equal(t, &doctor.Login{Method: "POST", URL: "https://api.example.com/login", Body: `{"user": "ada"}`}, c.Login)
	require.True(t, c.AllowLocalNetwork)
	var combos []string
	for _, c := range opts.cases[:6] {
		combos = append(combos, c.Credentials+"/"+c.Transport)
	}
	require.Equal(t, []string{"include/fetch", "include/xhr", "omit/fetch", "omit/xhr", "same-origin/fetch", "same-origin/xhr"}, combos)
	require.Equal(t, "https://api.example.com/b", opts.cases[6].URL)
}

func TestFlagDefaults(t *testing.T) {
	opts, err := parseFlags([]string{"-from", "https://app.example.com", "https://api.example.com/"}, &bytes.Buffer{})
	require.NoError(t, err)
	require.False(t, opts.json)
	require.Equal(t, []doctor.Case{{From: "https://app.example.com", URL: "https://api.example.com/", Method: "GET", Credentials: "same-origin", Transport: "fetch"}}, opts.cases)
}

func TestBadFlagsNameTheInputAndTheFix(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"https://api.example.com/"}, "-from is required"},
		{[]string{"-from", "https://app.example.com"}, "no URL given"},
		{[]string{"-from", "app.example.com", "https://api.example.com/"}, `page origin "app.example.com": want scheme://host[:port]`},
		{[]string{"-from", "https://app.example.com", "/items"}, `URL "/items": want an absolute http or https URL`},
		{[]string{"-from", "https://app.example.com", "-H", "NoColon", "https://api.example.com/"}, `-H "NoColon": want 'Name: value'`},
		{[]string{"-from", "https://app.example.com", "-cookie", "nameonly", "https://api.example.com/"}, `-cookie "nameonly": want 'name=value'`},
		{[]string{"-from", "https://app.example.com", "-credentials", "yes", "https://api.example.com/"}, `-credentials "yes": want include, omit, same-origin or all`},
		{[]string{"-from", "https://app.example.com", "-transport", "ws", "https://api.example.com/"}, `-transport "ws": want fetch, xhr or both`},
		{[]string{"-from", "https://app.example.com", "-login", "POST", "https://api.example.com/"}, `-login "POST": want 'METHOD URL [BODY]'`},
		{[]string{"-from", "https://app.example.com", "-login", "POST /login", "https://api.example.com/"}, `login URL "/login"`},
	} {
		_, err := parseFlags(tc.args, &bytes.Buffer{})
		require.ErrorContains(t, err, tc.want, "%v", tc.args)
	}
	var stderr bytes.Buffer
	_, err := parseFlags([]string{"-nope"}, &stderr)
	require.ErrorIs(t, err, errReported)
	require.Contains(t, stderr.String(), "usage: credfetch-doctor -from ORIGIN")
}
