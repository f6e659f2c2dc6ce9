package main

func handler(w http.ResponseWriter, r *http.Request) {
	a := r.FormValue("a")
	// ruleid: taint-go
	db.Query(a)
	b := fmt.Sprintf("select %s", a)
	// ruleid: taint-go
	db.Query(b)
	// ok: taint-go
	db.Query(clean(a))
	var c string
	c = "x"
	// ok: taint-go
	db.Query(c)
	if ok {
		c = a
	}
	// ruleid: taint-go
	db.Query(c)
	d, err := split(a)
	// ruleid: taint-go
	db.Query(d)
	// ruleid: taint-go
	db.Query(err)
	var e = a + "x"
	// ruleid: taint-go
	db.Query(e)
	for _, v := range strings.Split(a, ",") {
		// ruleid: taint-go
		db.Query(v)
	}
	f := "y"
	switch k {
	case 1:
		f = a
	default:
		f = "z"
	}
	// ruleid: taint-go
	db.Query(f)
	go func() {
		// ruleid: taint-go
		db.Query(a)
	}()
}
