package web

import (
	"net/http"
	"text/template"
)

func Preview(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.template-parse-from-request
	tmpl, _ := template.New("preview").Parse(r.FormValue("layout"))
	tmpl.Execute(w, nil)
}

func Greeting(w http.ResponseWriter, r *http.Request) {
	src := "Hello " + r.URL.Query().Get("name")
	// ruleid: go.template-parse-from-request
	tmpl, _ := template.New("greeting").Parse(src)
	tmpl.Execute(w, nil)
}

func GreetingSafely(w http.ResponseWriter, r *http.Request) {
	// ok: go.template-parse-from-request
	tmpl, _ := template.New("greeting").Parse("Hello {{.}}")
	tmpl.Execute(w, r.URL.Query().Get("name"))
}

func Static(w http.ResponseWriter, r *http.Request) {
	// ok: go.template-parse-from-request
	tmpl := template.Must(template.ParseFiles("page.tmpl"))
	tmpl.Execute(w, nil)
}
