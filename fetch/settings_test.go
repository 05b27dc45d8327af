package fetch

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSettingsRefusesEachProblemByName(t *testing.T) {
	bad := Settings{
		BaseURL:        "ftp://files.example.com",
		Credentials:    "always",
		TrustedOrigins: []string{"*", "https://api.example.com/", "https://*.com", "HTTPS://API.example.com", "api.example.com"},
		Mode:           "navigate",
		Headers:        Header{"Cookie": {"a=1"}, "Bad Name": {"x"}},
		Timeout:        -time.Second,
		Retry:          RetryPolicy{Limit: 99, Methods: []string{"POST"}, StatusCodes: []int{200}},
		XSRFCookieName: "XSRF-TOKEN",
	}
	c := &Policy{}
	err := c.ConfigureFor(doc, bad)
	require.Error(t, err)
	for _, want := range []string{
		`Settings.BaseURL "ftp://files.example.com" is not an http or https URL`,
		`Settings.Credentials "always" is not one of ["omit" "same-origin" "include"]`,
		`Settings.TrustedOrigins[0] "*": trusting * would send credentials`,
		`Settings.TrustedOrigins[1] "https://api.example.com/" is not an origin as browsers write it: use "https://api.example.com"`,
		`Settings.TrustedOrigins[2] "https://*.com" matches every host under a top-level name`,
		`Settings.TrustedOrigins[3] "HTTPS://API.example.com" is not an origin as browsers write it: use "https://api.example.com"`,
		`Settings.TrustedOrigins[4] "api.example.com" is not an http(s) origin`,
		`Settings.Mode "navigate" is not one of`,
		`Settings.Headers: header Cookie is forbidden to scripts`,
		`Settings.Headers: header name "Bad Name" is not an HTTP token`,
		`Settings.Timeout -1s is negative`,
		`Settings.Retry.Limit 99 is out of range: use 0 (off) to 10`,
		`Settings.Retry.Methods[0] "POST" is not idempotent`,
		`Settings.Retry.StatusCodes[0] 200 is not an error status`,
		`Settings.XSRFCookieName "XSRF-TOKEN" and XSRFHeaderName "": set both, or neither`,
	} {
		require.ErrorContains(t, err, want)
	}
}

func TestConfigureKeepsOldSettingsOnError(t *testing.T) {
	c := newTestPolicy(t, Settings{BaseURL: "https://api.example.com"})
	require.Error(t, c.Configure(Settings{Credentials: "nope"}))
	require.Equal(t, "https://api.example.com", c.Settings().BaseURL)
}

func TestSettingsReturnsACopy(t *testing.T) {
	c := newTestPolicy(t, Settings{Headers: Header{"X-A": {"1"}}, TrustedOrigins: []string{"https://a.example"}})
	s := c.Settings()
	s.Headers.Set("X-A", "2")
	s.TrustedOrigins[0] = "https://evil.example"
	require.Equal(t, "1", c.Settings().Headers.Get("X-A"))
	require.Equal(t, "https://a.example", c.Settings().TrustedOrigins[0])
}
