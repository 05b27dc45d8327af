package demo

import (
	"net/http"

	"github.com/credfetch/credfetch/fetch"
)

// apiHandler serves the API origin.
func (s *Server) apiHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/hello", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{
			"message": "hello from the credfetch API origin",
			"version": fetch.Version,
		})
	})
	return mux
}
