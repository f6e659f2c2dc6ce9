package store

import (
	"context"
	"database/sql"
	"fmt"
)

func FindUser(db *sql.DB, name string) (*sql.Rows, error) {
	// ruleid: go.sql-built-from-strings
	return db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))
}

func Delete(ctx context.Context, db *sql.DB, id string) error {
	query := "DELETE FROM items WHERE id = " + id
	// ruleid: go.sql-built-from-strings
	_, err := db.ExecContext(ctx, query)
	return err
}

func FindUserSafely(db *sql.DB, name string) (*sql.Rows, error) {
	// ok: go.sql-built-from-strings
	return db.Query("SELECT * FROM users WHERE name = $1", name)
}

func Count(db *sql.DB) *sql.Row {
	// ok: go.sql-built-from-strings
	return db.QueryRow("SELECT count(*) FROM users")
}

type Cache interface{ Get(key string) string }

func Lookup(cache Cache, name string) string {
	// ok: go.sql-built-from-strings
	return cache.Get(fmt.Sprintf("user:%s", name))
}
