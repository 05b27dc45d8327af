package demo

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/credfetch/credfetch/fetch"
	"github.com/stretchr/testify/require"
)

func TestPageOriginServesTheLabAndItsData(t *testing.T) {
	srv := startWith(t, Options{})
	for _, path := range []string{"/lab.html", "/", "/lab.js", "/landing.js", "/demo.js", "/style.css"} {
		res, body := call(t, nil, "GET", srv.PageURL()+path, "")
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		require.NotEmpty(t, body, path)
	}
	_, body := call(t, nil, "GET", srv.PageURL()+"/lab.html", "")
	for _, id := range []string{`id="scenario"`, `id="method"`, `id="credentials"`, `id="transport"`, `id="headers"`, `id="run"`,
		`id="outcome"`, `id="reason"`, `id="preflight"`, `id="actual"`, `id="code-credfetch"`, `id="code-jquery"`, `id="code-fetch"`, `id="fix-config"`} {
		require.Contains(t, body, id)
	}

	_, body = call(t, nil, "GET", srv.PageURL()+"/demo-config.json", "")
	var cfg map[string]string
	require.NoError(t, json.Unmarshal([]byte(body), &cfg), "every value is a string")
	require.Equal(t, map[string]string{
		"apiOrigin":             srv.APIURL(),
		"siteOrigin":            srv.SiteURL(),
		"pageOrigin":            srv.PageURL(),
		"version":               fetch.Version,
		"mode":                  "same-site",
		"cookie":                "credfetch_session=...; Path=/; HttpOnly; SameSite=Lax",
		"sandboxedCookieReason": CookieReasonSameSiteLax,
	}, cfg)

	_, body = call(t, nil, "GET", srv.PageURL()+"/policy.json", "")
	var pol map[string]string
	require.NoError(t, json.Unmarshal([]byte(body), &pol))
	require.True(t, strings.HasPrefix(pol["config"], "cors.Config{\n\tOrigins:     []string{\""+srv.PageURL()+"\"},"), pol["config"])
	back, err := ParsePolicy([]byte(pol["json"]))
	require.NoError(t, err)
	require.Equal(t, srv.Policy(), back, "the page shows the policy in force")

	_, body = call(t, nil, "GET", srv.PageURL()+"/scenarios.json", "")
	var list struct{ Scenarios []Scenario }
	require.NoError(t, json.Unmarshal([]byte(body), &list))
	require.Equal(t, len(Scenarios()), len(list.Scenarios))
	require.Equal(t, "policy", list.Scenarios[0].Name, "the control comes first")

	res, _ := call(t, nil, "POST", srv.PageURL()+"/demo-config.json", "x")
	require.Equal(t, http.StatusMethodNotAllowed, res.StatusCode, "the page origin takes no bodies")
}
