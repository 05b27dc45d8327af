package demo

import (
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/credfetch/credfetch/assets"
	"github.com/credfetch/credfetch/internal/version"
)

// pageHandler serves the page origin: credfetch's browser files through
// files (package assets' handler; nil when they are not built, and then
// fileHandler says how to build them), the other files of fsys; /demo-config.json,
// which tells the pages where the API and other-site origins are and how the
// session cookie is issued; /policy.json, the API origin's policy; /scenarios.json, the lab
// scenarios; and the live log as /events (Server-Sent Events) and /log.json.
func (s *Server) pageHandler(fsys fs.FS, files *assets.Handler) http.Handler {
	mux := http.NewServeMux()
	if files != nil {
		for _, name := range []string{assets.ModuleFile, assets.GlobalFile, assets.WasmFile, assets.WasmExecFile} {
			mux.Handle("GET /"+name, files)
		}
		mux.Handle("GET /"+path.Dir(files.Path(assets.ModuleFile))+"/", files) // the versioned path
	}
	mux.HandleFunc("GET /demo-config.json", func(w http.ResponseWriter, r *http.Request) {
		mode := "same-site"
		if s.sessions.crossSite {
			mode = "cross-site"
		}
		writeJSON(w, http.StatusOK, map[string]string{
			"apiOrigin":  s.apiURL,
			"siteOrigin": s.siteURL,
			"pageOrigin": s.pageURL,
			"version":    version.Version,
			"mode":       mode,
			"cookie":     SessionCookie + "=...; " + s.sessions.attributes(),
			// Chrome's reason for keeping the session cookie from the
			// lab's sandboxed frame, "" when it goes.
			"sandboxedCookieReason": sandboxedReason(s.sessions.cookie("", 0)),
		})
	})
	mux.HandleFunc("GET /policy.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{
			"config": FormatConfig(s.policyCfg),
			"json":   policyJSON(s.policyCfg),
			"flags":  policyFlags(s.policyCfg),
		})
	})
	mux.HandleFunc("GET /scenarios.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"scenarios": scenarios})
	})
	mux.HandleFunc("GET /events", s.events)
	mux.HandleFunc("GET /log.json", s.logSnapshot)
	mux.Handle("GET /", fileHandler(fsys))
	return s.recoverPanics(limitNoBody(mux))
}

// limitNoBody refuses request bodies on the page origin, which takes none.
func limitNoBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 0)
		next.ServeHTTP(w, r)
	})
}

// fileHandler serves the files of fsys, never a directory listing, gzipped
// when the browser accepts it (see gzipCache). A missing
// build output gets a 404 whose text says how to build it: the loader shows
// that text on the page.
func fileHandler(fsys fs.FS) http.Handler {
	var gz gzipCache
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		w.Header().Set("Cache-Control", "no-cache")
		st, err := fs.Stat(fsys, name)
		switch {
		case err == nil && !st.IsDir():
			if name == "index.html" && r.URL.Path != "/" {
				http.ServeFileFS(w, r, fsys, name) // redirects /index.html to /
			} else if !gz.serve(w, r, fsys, name, st) {
				http.ServeFileFS(w, r, fsys, name)
			}
		case name == assets.WasmFile || name == assets.WasmExecFile:
			http.Error(w, assets.CheckBuild(fsys).Error(), http.StatusNotFound)
		case err == nil || errors.Is(err, fs.ErrNotExist):
			http.NotFound(w, r)
		default:
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		}
	})
}

// writeJSON writes v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "cannot encode the response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
