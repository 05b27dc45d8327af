package assets_test

import (
	"html/template"
	"log"
	"net/http"
	"os"

	"github.com/credfetch/credfetch/assets"
)

// Serve credfetch's files under /static/credfetch/ from a folder made by
// `make package` (or the credfetch npm package's folder), and load them from a
// page by their versioned path, which browsers may cache for a year.
func Example() {
	h, err := assets.New(os.DirFS("credfetch"))
	if err != nil {
		log.Fatal(err)
	}
	page := template.Must(template.New("page").Parse(`<!doctype html>
<script src="/static/credfetch/{{.Script}}" integrity="{{.Integrity}}"></script>
<script>credfetch.ready.then((credfetch) => console.log(credfetch.version));</script>
`))
	data := struct{ Script, Integrity string }{
		h.Path(assets.GlobalFile),
		h.Integrity(assets.GlobalFile),
	}

	mux := http.NewServeMux()
	mux.Handle("/static/credfetch/", http.StripPrefix("/static/credfetch", h))
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		if err := page.Execute(w, data); err != nil {
			log.Print(err)
		}
	})
	log.Fatal(http.ListenAndServe("localhost:8080", mux))
}
