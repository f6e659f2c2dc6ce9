package web

import "html/template"

func Comment(body string) template.HTML {
	// ruleid: go.template-html-from-dynamic
	return template.HTML("<p>" + body + "</p>")
}

func Link(target string) template.URL {
	// ruleid: go.template-html-from-dynamic
	return template.URL(target)
}

func Divider() template.HTML {
	// ok: go.template-html-from-dynamic
	return template.HTML("<hr>")
}

func Page() *template.Template {
	// ok: go.template-html-from-dynamic
	return template.Must(template.New("page").Parse("<p>{{.}}</p>"))
}
