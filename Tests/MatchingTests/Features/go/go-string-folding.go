package main

func users(db *sql.DB, name string) {
	// ruleid: go-string-folding
	db.Query("SELECT * FROM users")
	// ruleid: go-string-folding
	db.Query("SELECT * " + `FROM users`)
	query := "SELECT * FROM " + "users"
	// ruleid: go-string-folding
	db.Query(query)
	// ok: go-string-folding
	db.Query("SELECT * FROM " + name)
}
