package main

func query(db *sql.DB, r *http.Request) {
	// ruleid: go-deep-expression
	db.Query("SELECT * FROM t WHERE id = " + r.FormValue("id"))
	// ruleid: go-deep-expression
	db.Query(fmt.Sprintf("SELECT %s", strings.TrimSpace(r.FormValue("c"))), 1)
	// ok: go-deep-expression
	db.Query("SELECT * FROM t WHERE id = ?", r.FormValue("id"))
	// ok: go-deep-expression
	db.Exec(r.FormValue("id"))
}
