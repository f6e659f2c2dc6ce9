package web

import (
	"fmt"
	"html"
	"net/http"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.response-writes-request-input
	fmt.Fprintf(w, "<h1>Hello %s</h1>", r.URL.Query().Get("name"))
}

func Echo(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.response-writes-request-input
	w.Write([]byte("<p>" + r.FormValue("q") + "</p>"))
}

func HelloSafely(w http.ResponseWriter, r *http.Request) {
	// ok: go.response-writes-request-input
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(r.URL.Query().Get("name")))
}

func Static(w http.ResponseWriter, r *http.Request) {
	// ok: go.response-writes-request-input
	fmt.Fprintf(w, "<h1>Hello</h1>")
}
