package main

type Job struct {
	Request *http.Request
	Form    *url.Values
}

func handle(w http.ResponseWriter, r *http.Request, form *url.Values, job Job) {
	// ruleid: go-typed-metavariables
	name := r.FormValue("name")
	// ok: go-typed-metavariables
	other := form.FormValue("name")
	var req *http.Request = r
	// ruleid: go-typed-metavariables
	req.FormValue("x")
	// ruleid: go-typed-metavariables
	job.Request.FormValue("y")
	// ok: go-typed-metavariables
	job.Form.FormValue("y")
	fresh := new(http.Request)
	// ruleid: go-typed-metavariables
	fresh.FormValue("z")
	for _, r := range queue {
		// ok: go-typed-metavariables
		r.FormValue("unknown type")
	}
	use(name, other)
}
