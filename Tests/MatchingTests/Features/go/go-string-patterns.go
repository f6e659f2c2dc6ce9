package main

func headers(w http.ResponseWriter, v string) {
	// ruleid: go-string-patterns
	w.Header().Set("Access-Control-Allow-Origin", "*")
	// ruleid: go-string-patterns
	w.Header().Set(`Access-Control-Allow-Origin`, `*`)
	// ruleid: go-string-patterns
	w.Header().Set(`X-Debug`, v)
	// ok: go-string-patterns
	w.Header().Set("Access-Control-Allow-Origin", v)
	// ok: go-string-patterns
	w.Header().Set(v, "*")
}
