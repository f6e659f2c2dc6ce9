package main

func handle(w http.ResponseWriter, r *http.Request, form *url.Values) {
	// ruleid: go-typed-metavariables
	name := r.FormValue("name")
	// ok: go-typed-metavariables
	other := form.FormValue("name")
	var req *http.Request = r
	// ruleid: go-typed-metavariables
	req.FormValue("x")
	use(name, other)
}
