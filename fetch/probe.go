package fetch

import "strings"

// ProbesCORS reports whether a network failure of r, a request Prepare or
// Finish returned, is followed by a CORS probe: one request without CORS
// (ProbeInit) to r.URL, whose answer tells a CORS refusal from an
// unreachable server. The browser hides the reason of a failure from
// scripts; an opaque answer to the probe means the server is up, so the
// failure becomes ErrCORS, and a failed probe leaves it ErrNetwork. Only
// requests in cors mode (the default) to another origin than r.Page's are
// probed: a same-origin request never meets CORS, and without a page
// (Node.js) there is no CORS. Settings.NoCORSProbe turns probing off. Both
// senders ask it once per request: the JS API when Go decides the request,
// the Go client in Do.
func (p *Policy) ProbesCORS(r *Request) bool {
	if r == nil || p.cfg.Load().NoCORSProbe || (r.Mode != "" && r.Mode != CORS) {
		return false
	}
	origin := originOfPage(r.Page.Location)
	if origin == "" || origin == "null" {
		return false
	}
	// r.URL is absolute and serialized (Prepare resolved it), so its origin
	// is the part before the path, which always starts with a slash.
	return !strings.HasPrefix(r.URL, origin+"/") && r.URL != origin
}

// ProbeInit is the RequestInit of a CORS probe, as name and value pairs
// (see ProbesCORS): a HEAD request without CORS, credentials or cache,
// following redirects. Its response is opaque; that it resolves is the
// answer. The JS API's probe (assets/src/protocol.gen.js) and the Go
// client's are made from it.
func ProbeInit() [][2]string {
	return [][2]string{
		{"method", "HEAD"}, {"mode", string(NoCORS)}, {"credentials", string(Omit)},
		{"cache", string(CacheNoStore)}, {"redirect", string(Follow)},
	}
}
