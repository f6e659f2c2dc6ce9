package main

// ruleid: go-any-assignment
var global = os.Getenv("PASSWORD")

func secrets() {
	// ruleid: go-short-declaration, go-any-assignment
	p := os.Getenv("PASSWORD")
	// ruleid: go-any-assignment
	p = os.Getenv("PASSWORD")
	// ruleid: go-any-assignment
	var q string = os.Getenv("PASSWORD")
	// ok: go-short-declaration, go-any-assignment
	r := os.Getenv("USER")
	use(p, q, r)
}
