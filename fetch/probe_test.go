package fetch

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestProbesCORSOnlyCrossOriginCORSModeRequestsFromAPage(t *testing.T) {
	p := newTestPolicy(t, Settings{})
	for _, tc := range []struct {
		name string
		req  Request
		want bool
	}{
		{"another origin", Request{URL: "https://api.example.com/v1", Page: doc}, true},
		{"another port", Request{URL: "https://app.example.com:8443/x", Page: doc}, true},
		{"another scheme", Request{URL: "http://app.example.com/x", Page: doc}, true},
		{"a host that extends the page's", Request{URL: "https://app.example.com.evil.test/x", Page: doc}, true},
		{"mode cors, said", Request{URL: "https://api.example.com/", Mode: CORS, Page: doc}, true},
		{"the page's own origin", Request{URL: "/api/me", Page: doc}, false},
		{"the page's own origin, the default port written", Request{URL: "https://app.example.com:443/x", Page: doc}, false},
		{"no-cors: no CORS to refuse", Request{URL: "https://api.example.com/", Mode: NoCORS, Page: doc}, false},
		{"same-origin mode", Request{URL: "https://api.example.com/", Mode: SameOriginMode, Page: doc}, false},
		{"no page (Node.js)", Request{URL: "https://api.example.com/"}, false},
	} {
		r, err := p.Prepare(&tc.req)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.want, p.ProbesCORS(r), tc.name)
	}
	require.False(t, p.ProbesCORS(nil))

	off := newTestPolicy(t, Settings{NoCORSProbe: true})
	r, err := off.Prepare(&Request{URL: "https://api.example.com/v1", Page: doc})
	require.NoError(t, err)
	require.False(t, off.ProbesCORS(r), "Settings.NoCORSProbe turns the probe off")
}

func TestProbeInitIsAnOpaqueHEADWithoutCredentials(t *testing.T) {
	init := map[string]string{}
	for _, kv := range ProbeInit() {
		init[kv[0]] = kv[1]
	}
	require.Equal(t, map[string]string{"method": "HEAD", "mode": "no-cors", "credentials": "omit", "cache": "no-store", "redirect": "follow"}, init)
	ProbeInit()[0][1] = "GET"
	require.Equal(t, "HEAD", ProbeInit()[0][1], "callers get their own copy")
}
