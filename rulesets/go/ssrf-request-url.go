package web

import (
	"io"
	"net/http"
)

func Preview(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.ssrf-request-url
	resp, err := http.Get(r.URL.Query().Get("url"))
	if err == nil {
		io.Copy(w, resp.Body)
	}
}

func Hook(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("callback")
	// ruleid: go.ssrf-request-url
	http.Post(target, "application/json", nil)
}

func Status(w http.ResponseWriter, r *http.Request) {
	// ok: go.ssrf-request-url
	resp, err := http.Get("https://status.example.com/api")
	if err == nil {
		io.Copy(w, resp.Body)
	}
}

func Name(w http.ResponseWriter, r *http.Request) {
	// ok: go.ssrf-request-url
	name := r.FormValue("name")
	w.Write([]byte(name))
}
