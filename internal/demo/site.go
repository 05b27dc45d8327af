package demo

import (
	"net/http"
	"strings"

	"github.com/credfetch/credfetch/cors"
)

// siteCORS is the policy of the other-site origin: the page origin, with
// credentials, may call the cookie endpoints (GET, and POST to set a
// cookie). The write protection is on, as for any credentialed policy; the
// page origin is trusted, so its POSTs pass.
func siteCORS(pageOrigin string) cors.Config {
	return cors.Config{
		Origins:     []string{pageOrigin},
		Credentials: true,
		Methods:     []string{http.MethodGet, http.MethodHead, http.MethodPost},
		Expose:      []string{strings.ToLower(RequestIDHeader)},
	}
}

// siteHandler serves the other-site origin: the cookie endpoints behind its
// own policy. It is not in the live log, which shows the API origin.
func (s *Server) siteHandler() http.Handler {
	api := http.NewServeMux()
	routeCookies(api)
	api.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no endpoint %s on the other-site origin: it has /api/cookies and /api/cookies/{kind}; the rest of the API is on %s", r.URL.Path, s.apiURL)
	})
	root := http.NewServeMux()
	root.Handle("/api/", s.sitePolicy.Wrap(api))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "the other-site origin has no %s: its paths are /api/cookies and /api/cookies/{kind}; the pages are on the page origin %s", r.URL.Path, s.pageURL)
	})
	return s.recoverPanics(s.limitBody(root))
}
