package web

import (
	"net/http"
	"os"
	"path/filepath"
)

func Download(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.path-from-request
	data, _ := os.ReadFile(filepath.Join("/srv/files", r.URL.Query().Get("name")))
	w.Write(data)
}

func Serve(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.path-from-request
	http.ServeFile(w, r, "/srv/files"+r.URL.Path)
}

func Files() http.Handler {
	// ok: go.path-from-request
	return http.FileServer(http.Dir("/srv/files"))
}

func Logo(w http.ResponseWriter, r *http.Request) {
	// ok: go.path-from-request
	http.ServeFile(w, r, "/srv/static/logo.png")
}
